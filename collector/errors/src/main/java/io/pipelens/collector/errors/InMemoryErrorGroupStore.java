package io.pipelens.collector.errors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Error groups in memory, bounded by {@link ErrorStoreLimits}: when a new fingerprint arrives and
 * {@code maxGroups} are held, the least recently seen group is evicted and counted in {@link
 * ErrorStoreStats#groupsEvicted()}. The trace index keeps the errors of the latest {@code
 * maxTraces} traces, independent of group eviction. All methods synchronise on the store; each
 * call is short (no I/O), so ingest threads are not held up.
 */
public final class InMemoryErrorGroupStore implements ErrorGroupStore {

  private final ErrorStoreLimits limits;
  /** Insertion order = least recently seen first (re-inserted on every record). */
  private final LinkedHashMap<String, GroupState> groups = new LinkedHashMap<>();
  private final LinkedHashMap<String, List<ErrorOccurrence>> byTrace = new LinkedHashMap<>();
  private long recorded;
  private long evicted;

  public InMemoryErrorGroupStore(ErrorStoreLimits limits) {
    this.limits = limits;
  }

  @Override
  public synchronized void record(ErrorOccurrence o) {
    GroupState state = groups.remove(o.fingerprint());
    if (state == null) {
      if (groups.size() >= limits.maxGroups()) {
        var eldest = groups.keySet().iterator();
        eldest.next();
        eldest.remove();
        evicted++;
      }
      state = new GroupState(o.fingerprint(), o.language());
    }
    state.add(o, limits);
    groups.put(o.fingerprint(), state);
    recorded++;
    indexTrace(o);
  }

  private void indexTrace(ErrorOccurrence o) {
    if (o.traceId().isEmpty()) {
      return;
    }
    List<ErrorOccurrence> list = byTrace.remove(o.traceId());
    if (list == null) {
      list = new ArrayList<>();
      if (byTrace.size() >= limits.maxTraces()) {
        var eldest = byTrace.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    if (list.size() < limits.maxErrorsPerTrace()) {
      list.add(o);
    }
    byTrace.put(o.traceId(), list);
  }

  @Override
  public synchronized List<ErrorGroup> groups(ErrorGroupQuery query) {
    Comparator<ErrorGroup> order =
        query.sort() == ErrorGroupQuery.Sort.COUNT
            ? Comparator.comparingLong(ErrorGroup::count).thenComparingLong(ErrorGroup::lastSeenEpochNanos)
            : Comparator.comparingLong(ErrorGroup::lastSeenEpochNanos).thenComparingLong(ErrorGroup::count);
    return groups.values().stream()
        .map(GroupState::view)
        .filter(query::matches)
        .sorted(order.reversed().thenComparing(ErrorGroup::fingerprint))
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized Optional<ErrorGroupDetail> group(String fingerprint) {
    GroupState s = groups.get(fingerprint);
    return s == null ? Optional.empty() : Optional.of(new ErrorGroupDetail(s.view(), s.recent()));
  }

  @Override
  public synchronized List<ErrorOccurrence> errorsOfTrace(String traceId) {
    List<ErrorOccurrence> list = new ArrayList<>(byTrace.getOrDefault(traceId, List.of()));
    list.sort(Comparator.comparingLong(ErrorOccurrence::timeEpochNanos));
    return list;
  }

  @Override
  public synchronized ErrorStoreStats stats() {
    return new ErrorStoreStats(groups.size(), recorded, evicted);
  }

  /** A consistent copy of everything: groups least recently seen first, with the counters. */
  synchronized SnapshottingErrorGroupStore.Snapshot export() {
    List<ErrorGroupDetail> details = groups.values().stream().map(s -> new ErrorGroupDetail(s.view(), s.recent())).toList();
    return new SnapshottingErrorGroupStore.Snapshot(SnapshottingErrorGroupStore.FORMAT_VERSION, recorded, evicted, details);
  }

  /** Replaces the content with a snapshot taken by {@link #export()}; rebuilds the trace index. */
  synchronized void restore(List<ErrorGroupDetail> details, long recordedBefore, long evictedBefore) {
    groups.clear();
    byTrace.clear();
    for (ErrorGroupDetail d : details) {
      groups.put(d.group().fingerprint(), GroupState.restore(d));
    }
    details.stream()
        .flatMap(d -> d.recentOccurrences().stream())
        .sorted(Comparator.comparingLong(ErrorOccurrence::timeEpochNanos))
        .forEach(this::indexTrace);
    while (groups.size() > limits.maxGroups()) {
      var eldest = groups.keySet().iterator();
      eldest.next();
      eldest.remove();
      evictedBefore++;
    }
    recorded = recordedBefore;
    evicted = evictedBefore;
  }
}
