package io.pipelens.alerts.template;

/**
 * A template failed to parse or to execute. The message starts with {@code template: NAME:LINE:COL:}
 * like Go's text/template so the position of the problem is visible.
 */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }

  static TemplateException at(String template, Pos pos, String message) {
    return new TemplateException("template: " + template + ":" + pos + ": " + message);
  }
}
