package io.pipelens.agent.context;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenTelemetry's environment-variable carrier: the configured propagators write their fields
 * ({@code traceparent}, {@code tracestate}, {@code baggage}, or e.g. {@code b3}) as upper-case
 * variable names ({@code TRACEPARENT}, ...), and read them back the same way.
 *
 * <p>Runs inside JDK classes (injected into the bootstrap class loader), so it uses only the
 * OpenTelemetry API and the JDK, compiled for Java 8.
 */
public final class EnvCarrier {

  private static volatile Context inherited;

  private EnvCarrier() {}

  /** Maps a propagator field name to its environment variable name. */
  public static String variableName(String field) {
    StringBuilder name = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
    }
    return name.toString();
  }

  /**
   * Writes {@code context} into {@code env} and returns the previous value of every variable it
   * wrote (null where it was absent), so the caller can restore the map afterwards.
   */
  public static Map<String, String> inject(
      TextMapPropagator propagator, Context context, Map<String, String> env) {
    Map<String, String> fields = new LinkedHashMap<>();
    propagator.inject(context, fields, MapSetter.INSTANCE);
    Map<String, String> previous = new HashMap<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      String variable = variableName(field.getKey());
      previous.put(variable, env.get(variable));
      env.put(variable, field.getValue());
    }
    return previous;
  }

  /** Reads a context from environment variables, e.g. this process's own environment. */
  public static Context extract(TextMapPropagator propagator, Map<String, String> env) {
    return propagator.extract(Context.root(), env, EnvGetter.INSTANCE);
  }

  /** Puts back what {@link #inject} replaced. */
  public static void restore(Map<String, String> previous, Map<String, String> env) {
    for (Map.Entry<String, String> entry : previous.entrySet()) {
      if (entry.getValue() == null) {
        env.remove(entry.getKey());
      } else {
        env.put(entry.getKey(), entry.getValue());
      }
    }
  }

  /**
   * The parent for spans this agent creates: the current span if there is one, otherwise the
   * trace this JVM was started in (TRACEPARENT in its own environment), otherwise the root.
   */
  public static Context parentContext() {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid()) {
      return current;
    }
    Context fromEnv = inherited;
    if (fromEnv == null) {
      fromEnv = extract(propagator(), System.getenv());
      inherited = fromEnv;
    }
    return fromEnv;
  }

  public static TextMapPropagator propagator() {
    return GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Writes carrier fields into a plain map. */
  public enum MapSetter implements TextMapSetter<Map<String, String>> {
    INSTANCE;

    @Override
    public void set(Map<String, String> carrier, String key, String value) {
      if (carrier != null && key != null && value != null) {
        carrier.put(key, value);
      }
    }
  }

  /** Reads carrier fields from environment variables. */
  public enum EnvGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      List<String> keys = new ArrayList<>();
      for (String key : carrier.keySet()) {
        keys.add(key.toLowerCase(Locale.ROOT));
      }
      return keys;
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null || key == null ? null : carrier.get(variableName(key));
    }
  }
}
