package io.pipelens.collector.derived;

import io.pipelens.collector.store.SpanRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service names and span names seen since the collector started (not read back from the store).
 * The Zipkin and Jaeger "services" / "operations" lookups read the store
 * ({@code TelemetryStore#services}, {@code #operations}) and fall back to this index only when the
 * store cannot be read. Bounded: at most {@code
 * maxServices} services and {@code maxNamesPerService} span names each; names beyond are not
 * remembered and counted in {@link #overflow()}. Thread-safe.
 */
public final class ServiceIndex {
  private final int maxServices;
  private final int maxNamesPerService;
  private final Map<String, Set<String>> names = new ConcurrentHashMap<>();
  private final AtomicLong overflow = new AtomicLong();

  public ServiceIndex(int maxServices, int maxNamesPerService) {
    this.maxServices = maxServices;
    this.maxNamesPerService = maxNamesPerService;
  }

  public void record(SpanRecord span) {
    String service = span.serviceName();
    Set<String> set = names.get(service);
    if (set == null) {
      if (names.size() >= maxServices) {
        overflow.incrementAndGet();
        return;
      }
      set = names.computeIfAbsent(service, s -> ConcurrentHashMap.newKeySet());
    }
    if (!set.contains(span.name())) {
      if (set.size() >= maxNamesPerService) {
        overflow.incrementAndGet();
        return;
      }
      set.add(span.name());
    }
  }

  /** Services seen since start, sorted. */
  public List<String> services() {
    return List.copyOf(new TreeSet<>(names.keySet()));
  }

  /** Span names of one service seen since start, sorted; empty for an unknown service. */
  public List<String> spanNames(String service) {
    Set<String> set = names.get(service);
    return set == null ? List.of() : List.copyOf(new TreeSet<>(set));
  }

  /** Services or span names not remembered because a bound was reached. */
  public long overflow() {
    return overflow.get();
  }
}
