package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The search queries of {@link TelemetryStore} over spans held in memory: the reference
 * implementation ({@link InMemoryTelemetryStore} uses it, test stores of other modules may too).
 * Each call walks every span once.
 */
public final class TraceSearch {
  private TraceSearch() {}

  /** Trace ids matching {@code query}, newest first, as {@link TelemetryStore#findTraceIds}. */
  public static List<String> findTraceIds(Iterable<SpanRecord> spans, TraceQuery query) {
    Map<String, Long> latest = new HashMap<>();
    for (SpanRecord s : spans) {
      if (query.matches(s)) {
        latest.merge(s.traceId(), s.startEpochNanos(), Math::max);
      }
    }
    List<Map.Entry<String, Long>> found = new ArrayList<>(latest.entrySet());
    found.sort(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < found.size() && i < query.limit(); i++) {
      ids.add(found.get(i).getKey());
    }
    return ids;
  }

  /** Distinct service names, sorted; the empty name of spans without a service is left out. */
  public static List<String> services(Iterable<SpanRecord> spans) {
    TreeSet<String> out = new TreeSet<>();
    for (SpanRecord s : spans) {
      if (s.serviceName() != null && !s.serviceName().isEmpty()) {
        out.add(s.serviceName());
      }
    }
    return List.copyOf(out);
  }

  /** Distinct (name, kind) of one service's spans, by name then kind. */
  public static List<Operation> operations(Iterable<SpanRecord> spans, String service) {
    TreeSet<Operation> out = new TreeSet<>(
        Comparator.comparing(Operation::name).thenComparingInt(Operation::kind));
    for (SpanRecord s : spans) {
      if (service.equals(s.serviceName()) && s.name() != null) {
        out.add(new Operation(s.name(), s.kind()));
      }
    }
    return List.copyOf(out);
  }

  /** Distinct string values of attribute {@code key} on one service's spans, sorted. */
  public static List<String> attributeValues(Iterable<SpanRecord> spans, String service, String key) {
    TreeSet<String> out = new TreeSet<>();
    for (SpanRecord s : spans) {
      if (service.equals(s.serviceName()) && s.attributes() != null
          && s.attributes().get(key) instanceof String v && !v.isEmpty()) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }
}
