package io.pipelens.collector.errors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The mutable state of one group inside {@link InMemoryErrorGroupStore}; guarded by the store. */
final class GroupState {
  private static final int MAX_SERVICES = 50;

  final String fingerprint;
  private final Language language;
  private String type = "";
  private String message = "";
  private String service = "";
  private final Set<String> services = new LinkedHashSet<>();
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;
  private long count;
  private final Deque<String> traceIds = new ArrayDeque<>();
  private String errorCode = "";
  private final Deque<ErrorOccurrence> recent = new ArrayDeque<>();

  GroupState(String fingerprint, Language language) {
    this.fingerprint = fingerprint;
    this.language = language;
  }

  static GroupState restore(ErrorGroupDetail detail) {
    ErrorGroup g = detail.group();
    GroupState s = new GroupState(g.fingerprint(), g.language());
    s.type = g.type();
    s.message = g.messageSample();
    s.service = g.serviceName();
    s.services.addAll(g.services());
    s.first = g.firstSeenEpochNanos();
    s.last = g.lastSeenEpochNanos();
    s.count = g.count();
    s.traceIds.addAll(g.recentTraceIds());
    s.errorCode = g.errorCode();
    s.recent.addAll(detail.recentOccurrences());
    return s;
  }

  void add(ErrorOccurrence o, ErrorStoreLimits limits) {
    count++;
    first = Math.min(first, o.timeEpochNanos());
    if (o.timeEpochNanos() >= last) {
      last = o.timeEpochNanos();
      type = o.type();
      message = o.message();
      service = o.serviceName();
    }
    if (!o.errorCode().isEmpty()) {
      errorCode = o.errorCode();
    }
    if (services.size() < MAX_SERVICES) {
      services.add(o.serviceName());
    }
    if (!o.traceId().isEmpty()) {
      traceIds.remove(o.traceId());
      traceIds.addFirst(o.traceId());
      while (traceIds.size() > limits.recentTraceIds()) {
        traceIds.removeLast();
      }
    }
    recent.addFirst(o);
    while (recent.size() > limits.recentOccurrences()) {
      recent.removeLast();
    }
  }

  ErrorGroup view() {
    return new ErrorGroup(fingerprint, type, message, language, service, new ArrayList<>(services),
        first, last, count, new ArrayList<>(traceIds), errorCode);
  }

  List<ErrorOccurrence> recent() {
    List<ErrorOccurrence> list = new ArrayList<>(recent);
    list.sort((a, b) -> Long.compare(b.timeEpochNanos(), a.timeEpochNanos()));
    return list;
  }
}
