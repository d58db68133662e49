package io.pipelens.collector.errors;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Groups error occurrences by fingerprint and answers the error views' queries. Implementations
 * are thread-safe: ingest records from event loops or the store writer while HTTP handlers read.
 */
public interface ErrorGroupStore {

  /** Adds one occurrence to its group, creating (and possibly evicting) groups as needed. */
  void record(ErrorOccurrence occurrence);

  default void recordAll(Collection<ErrorOccurrence> occurrences) {
    occurrences.forEach(this::record);
  }

  /** Groups matching the query, in its order, at most its limit. */
  List<ErrorGroup> groups(ErrorGroupQuery query);

  /** One group with its recent occurrences, or empty when unknown (or evicted). */
  Optional<ErrorGroupDetail> group(String fingerprint);

  /** The recent errors of one trace, oldest first; empty for an unknown trace. */
  List<ErrorOccurrence> errorsOfTrace(String traceId);

  ErrorStoreStats stats();
}
