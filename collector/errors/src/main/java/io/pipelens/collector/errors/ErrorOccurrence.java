package io.pipelens.collector.errors;

import java.util.List;

/**
 * One error as it happened, extracted from a span event or a log record.
 *
 * <p>{@code traceId}/{@code spanId} are lower-case hex or empty (a log without trace context).
 * {@code timeEpochNanos} is the event/log time (the log's observed time, or the extractor's
 * clock, when the sender left it 0). {@code stacktrace} is the raw text as received (empty when
 * none); {@code frames} the reported exception's frames, innermost first. {@code errorCode} is the
 * {@code error.code} attribute (event, span or log) and {@code serviceVersion} the resource's
 * {@code service.version}; both empty when absent.
 */
public record ErrorOccurrence(
    String traceId,
    String spanId,
    String serviceName,
    Language language,
    long timeEpochNanos,
    ErrorSource source,
    String type,
    String message,
    String stacktrace,
    List<StackFrame> frames,
    boolean escaped,
    String errorCode,
    String serviceVersion,
    String fingerprint) {

  public ErrorOccurrence {
    frames = List.copyOf(frames);
  }
}
