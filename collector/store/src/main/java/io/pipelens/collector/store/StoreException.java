package io.pipelens.collector.store;

/** A store operation failed (I/O, database error); the message says which operation. */
public class StoreException extends Exception {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
