package io.pipelens.collector.errors;

import java.util.List;

/**
 * All occurrences of one bug, keyed by {@code fingerprint}.
 *
 * <p>{@code type}, {@code messageSample}, {@code serviceName} and {@code errorCode} come from the
 * latest occurrence ({@code errorCode} from the latest that had one); {@code services} lists every
 * service seen (a shared library's bug shows up in several pipeline steps). Times are epoch
 * nanoseconds; {@code recentTraceIds} holds the latest distinct non-empty trace ids, newest first.
 */
public record ErrorGroup(
    String fingerprint,
    String type,
    String messageSample,
    Language language,
    String serviceName,
    List<String> services,
    long firstSeenEpochNanos,
    long lastSeenEpochNanos,
    long count,
    List<String> recentTraceIds,
    String errorCode) {

  public ErrorGroup {
    services = List.copyOf(services);
    recentTraceIds = List.copyOf(recentTraceIds);
  }
}
