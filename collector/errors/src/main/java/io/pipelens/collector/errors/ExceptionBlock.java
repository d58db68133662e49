package io.pipelens.collector.errors;

import java.util.List;

/**
 * One exception of a (possibly chained) stack trace, with its own frames ordered innermost first
 * (the frame that raised comes first).
 */
public record ExceptionBlock(String type, String message, List<StackFrame> frames, Relation relation) {

  /** How this exception relates to the one reported. */
  public enum Relation {
    /** The exception that was reported. */
    REPORTED,
    /** Java {@code Caused by:}, Python {@code raise ... from} ("direct cause"). */
    CAUSE,
    /** Python implicit chaining ("During handling of the above exception..."). */
    CONTEXT,
    /** Java {@code Suppressed:} (and its causes); never part of the fingerprint. */
    SUPPRESSED
  }

  public ExceptionBlock {
    frames = List.copyOf(frames);
  }
}
