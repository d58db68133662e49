package io.pipelens.collector.otlp;

/** Counts rejected items of one request and keeps the first reason, for partial_success. */
final class Rejections {
  private long count;
  private String firstMessage = "";

  void reject(long items, String message) {
    if (count == 0) {
      firstMessage = message;
    }
    count += items;
  }

  long count() {
    return count;
  }

  String message() {
    return count == 0 ? "" : count + " item(s) rejected; first: " + firstMessage;
  }
}
