package io.pipelens.alerts.promql.ast;

/**
 * The {@code @} modifier: a fixed evaluation time in milliseconds, or the query's start/end.
 */
public record AtModifier(Kind kind, long timeMs) {
  public enum Kind {
    TIME,
    START,
    END
  }

  public static AtModifier at(long timeMs) {
    return new AtModifier(Kind.TIME, timeMs);
  }

  /** Resolves to milliseconds given the query's start and end. */
  public long resolve(long startMs, long endMs) {
    return switch (kind) {
      case TIME -> timeMs;
      case START -> startMs;
      case END -> endMs;
    };
  }
}
