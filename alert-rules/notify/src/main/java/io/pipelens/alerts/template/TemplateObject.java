package io.pipelens.alerts.template;

import java.util.List;

/**
 * A value with Go-style fields and methods, e.g. {@code .Alerts.Firing} or
 * {@code .Labels.Remove (stringSlice "a")}. Maps, lists and Java records work without it.
 */
public interface TemplateObject {
  /**
   * Returns the field or the result of calling the method {@code name} with {@code args}.
   *
   * @throws IllegalArgumentException if there is no such field or method
   */
  Object field(String name, List<Object> args);
}
