package io.pipelens.drift.samples;

/**
 * A sample payload was rejected. The message names the field, the column and row where relevant,
 * and what was expected — fit to return to the client as a 400 response body.
 */
public class SampleFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SampleFormatException(String message) {
    super(message);
  }
}
