package io.pipelens.alerts.template;

import java.util.List;

/**
 * A function callable from a template. Arguments arrive already evaluated; a pipeline's previous
 * value is the last argument. Throw {@link IllegalArgumentException} for bad arguments; the engine
 * adds the template position.
 */
@FunctionalInterface
public interface TemplateFunction {
  Object apply(List<Object> args);
}
