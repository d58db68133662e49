package io.pipelens.collector.errors;

import java.util.List;

/**
 * A stack trace parsed into its exceptions. The first block is the reported exception; the
 * others follow from nearest to farthest cause ({@link ExceptionBlock.Relation}). Empty when the
 * text held nothing recognisable.
 */
public record ParsedStack(Language language, List<ExceptionBlock> exceptions) {

  public ParsedStack {
    exceptions = List.copyOf(exceptions);
  }

  public static ParsedStack empty(Language language) {
    return new ParsedStack(language, List.of());
  }

  /** The reported exception's type as printed, or empty. */
  public String type() {
    return exceptions.isEmpty() ? "" : exceptions.get(0).type();
  }

  /** The reported exception's message as printed, or empty. */
  public String message() {
    return exceptions.isEmpty() ? "" : exceptions.get(0).message();
  }

  /** The reported exception's frames, innermost first. */
  public List<StackFrame> frames() {
    return exceptions.isEmpty() ? List.of() : exceptions.get(0).frames();
  }
}
