package io.pipelens.drift.dataset;

/** A dataset file could not be read; the message names the file, line and what was expected. */
public class DatasetFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetFormatException(String message) {
    super(message);
  }
}
