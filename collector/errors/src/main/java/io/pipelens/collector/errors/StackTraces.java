package io.pipelens.collector.errors;

/** Entry point for stack trace parsing: picks the parser for the language. */
public final class StackTraces {

  private StackTraces() {}

  /**
   * Parses {@code text} as a stack trace of {@code language}; when the language is {@link
   * Language#UNKNOWN} it is detected from the text's shape. {@code typeHint} is the {@code
   * exception.type} attribute, used for R, whose call stacks do not print the condition class.
   * Never throws: unrecognisable text gives an empty {@link ParsedStack}.
   */
  public static ParsedStack parse(Language language, String text, String typeHint, InAppRules rules) {
    if (text == null || text.isBlank()) {
      return ParsedStack.empty(language);
    }
    Language lang = language == Language.UNKNOWN ? Language.detect(text) : language;
    try {
      return switch (lang) {
        case JAVA -> JavaStackTraceParser.parse(text, rules);
        case PYTHON -> PythonTracebackParser.parse(text, rules);
        case R -> RCallStackParser.parse(text, typeHint, rules);
        case UNKNOWN -> ParsedStack.empty(Language.UNKNOWN);
      };
    } catch (RuntimeException e) {
      // A stack trace is untrusted input: a parser bug must not drop the error itself.
      return ParsedStack.empty(lang);
    }
  }
}
