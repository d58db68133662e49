package io.pipelens.collector.errors;

import java.util.Locale;
import java.util.regex.Pattern;

/** The languages whose stack traces pipelens parses; {@link #UNKNOWN} when neither told nor recognisable. */
public enum Language {
  JAVA("java"),
  PYTHON("python"),
  R("r"),
  UNKNOWN("");

  private static final Pattern JAVA_FRAME = Pattern.compile("(?m)^\\s+at [\\w$./@]+\\(");
  private static final Pattern PYTHON_FRAME = Pattern.compile("(?m)^\\s*File \"[^\"]*\", line \\d+");
  private static final Pattern R_SHAPE =
      Pattern.compile("(?m)(^Error in .+ : )|(^\\d+: [\\w.:]+\\()|(^[\\w.]+(::[\\w.]+)?\\(.*\\)\\s*$)");

  private final String sdkName;

  Language(String sdkName) {
    this.sdkName = sdkName;
  }

  /** The {@code telemetry.sdk.language} value, e.g. {@code "python"}; empty for {@link #UNKNOWN}. */
  public String sdkName() {
    return sdkName;
  }

  /** Maps a {@code telemetry.sdk.language} value (case-insensitive); unknown values give UNKNOWN. */
  public static Language fromSdk(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "java", "jvm", "kotlin", "scala" -> JAVA;
      case "python" -> PYTHON;
      case "r" -> R;
      default -> UNKNOWN;
    };
  }

  /** Guesses the language from the shape of a stack trace text; UNKNOWN when nothing matches. */
  public static Language detect(String stacktrace) {
    if (stacktrace == null || stacktrace.isBlank()) {
      return UNKNOWN;
    }
    if (stacktrace.contains("Traceback (most recent call last):")
        || PYTHON_FRAME.matcher(stacktrace).find()) {
      return PYTHON;
    }
    if (JAVA_FRAME.matcher(stacktrace).find()) {
      return JAVA;
    }
    if (R_SHAPE.matcher(stacktrace).find()) {
      return R;
    }
    return UNKNOWN;
  }
}
