package io.pipelens.collector.series;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * Recent samples of metric series in memory.
 *
 * <p>Each series is a sorted label set plus a ring buffer of (timestamp ms, value) samples kept for
 * {@link SeriesStoreConfig#lookbackMs()} behind its newest sample (and at most {@code
 * maxSamplesPerSeries}). A postings index (label name=value -> series ids) narrows {@link #select}.
 * The series count never grows past {@code maxSeries}: samples of new series beyond it are
 * rejected and counted ({@link #rejections()}); {@link #purge(long)} drops series whose samples
 * all fell out of the window, making room again.
 *
 * <p>Thread-safe: many writers (ingest event loops) and readers (rule evaluation, /metrics) at
 * once. Appends to existing series only lock that series; creating or removing a series takes the
 * index write lock briefly. No I/O, no clock: times come in as arguments.
 */
public final class SeriesStore {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final SeriesStoreConfig config;
  private final ConcurrentHashMap<Labels, MemSeries> byLabels = new ConcurrentHashMap<>();
  private final Map<Long, MemSeries> byId = new HashMap<>();
  private final Map<String, Map<String, Set<Long>>> postings = new HashMap<>();
  private final ReadWriteLock indexLock = new ReentrantReadWriteLock();
  private final AtomicLong nextId = new AtomicLong();
  private final Map<AppendResult, AtomicLong> rejected = new EnumMap<>(AppendResult.class);
  private final ConcurrentHashMap<String, MetricMetadata> metadata = new ConcurrentHashMap<>();

  public SeriesStore(SeriesStoreConfig config) {
    this.config = config;
    for (AppendResult r : AppendResult.values()) {
      if (r != AppendResult.ACCEPTED) {
        rejected.put(r, new AtomicLong());
      }
    }
  }

  public SeriesStoreConfig config() {
    return config;
  }

  private static final class MemSeries {
    final long id;
    final Labels labels;
    final SampleRing ring;
    boolean removed;

    MemSeries(long id, Labels labels, int capacity) {
      this.id = id;
      this.labels = labels;
      this.ring = new SampleRing(capacity);
    }
  }

  /** Appends one sample; never throws on bad data, the result says what happened. */
  public AppendResult append(Labels labels, long timestampMs, double value) {
    if (!valid(labels)) {
      return reject(AppendResult.INVALID);
    }
    while (true) {
      MemSeries s = byLabels.get(labels);
      if (s == null) {
        s = create(labels);
        if (s == null) {
          return reject(AppendResult.SERIES_LIMIT);
        }
      }
      synchronized (s) {
        if (s.removed) {
          continue; // purged concurrently: create it again
        }
        if (s.ring.size() > 0 && timestampMs < s.ring.lastTimestamp()) {
          return reject(AppendResult.OUT_OF_ORDER);
        }
        s.ring.add(timestampMs, value);
        s.ring.dropBefore(timestampMs - config.lookbackMs());
        return AppendResult.ACCEPTED;
      }
    }
  }

  private static boolean valid(Labels labels) {
    if (!METRIC_NAME.matcher(labels.metricName()).matches()) {
      return false;
    }
    for (String name : labels.map().keySet()) {
      if (!name.equals(Labels.NAME) && !LABEL_NAME.matcher(name).matches()) {
        return false;
      }
    }
    return true;
  }

  private AppendResult reject(AppendResult reason) {
    rejected.get(reason).incrementAndGet();
    return reason;
  }

  private MemSeries create(Labels labels) {
    indexLock.writeLock().lock();
    try {
      MemSeries existing = byLabels.get(labels);
      if (existing != null) {
        return existing;
      }
      if (byLabels.size() >= config.maxSeries()) {
        return null;
      }
      MemSeries s = new MemSeries(nextId.incrementAndGet(), labels, config.maxSamplesPerSeries());
      byLabels.put(labels, s);
      byId.put(s.id, s);
      labels.map().forEach((n, v) ->
          postings.computeIfAbsent(n, k -> new HashMap<>()).computeIfAbsent(v, k -> new HashSet<>()).add(s.id));
      return s;
    } finally {
      indexLock.writeLock().unlock();
    }
  }

  /**
   * Series matching every matcher that have samples in [{@code minTimeMs}, {@code maxTimeMs}]
   * (inclusive), sorted by labels, samples oldest first. An empty matcher list selects everything.
   */
  public List<SeriesSamples> select(List<LabelMatcher> matchers, long minTimeMs, long maxTimeMs) {
    List<MemSeries> candidates = candidates(matchers);
    List<SeriesSamples> out = new ArrayList<>();
    for (MemSeries s : candidates) {
      if (!matchesAll(s.labels, matchers)) {
        continue;
      }
      List<Sample> samples;
      synchronized (s) {
        samples = s.ring.range(minTimeMs, maxTimeMs);
      }
      if (!samples.isEmpty()) {
        out.add(new SeriesSamples(s.labels, samples));
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return out;
  }

  private List<MemSeries> candidates(List<LabelMatcher> matchers) {
    indexLock.readLock().lock();
    try {
      // An equality matcher's postings are exact: start from the smallest such list and let the
      // caller's matchesAll check every other matcher (no copy or intersection of large sets, e.g.
      // a metric name shared by 100,000 series).
      Set<Long> smallest = null;
      for (LabelMatcher m : matchers) {
        if (m.op() != LabelMatcher.Op.EQ || m.matches("")) {
          continue;
        }
        Set<Long> posting = postings.getOrDefault(m.name(), Map.of()).getOrDefault(m.value(), Set.of());
        if (smallest == null || posting.size() < smallest.size()) {
          smallest = posting;
        }
      }
      if (smallest != null) {
        List<MemSeries> out = new ArrayList<>(smallest.size());
        for (Long id : smallest) {
          out.add(byId.get(id));
        }
        return out;
      }
      Set<Long> ids = null;
      for (LabelMatcher m : matchers) {
        if (m.matches("")) {
          continue; // also matches series without the label: postings cannot narrow
        }
        Set<Long> forMatcher = new HashSet<>();
        Map<String, Set<Long>> values = postings.getOrDefault(m.name(), Map.of());
        if (m.op() == LabelMatcher.Op.EQ) {
          forMatcher.addAll(values.getOrDefault(m.value(), Set.of()));
        } else {
          values.forEach((v, set) -> {
            if (m.matches(v)) {
              forMatcher.addAll(set);
            }
          });
        }
        if (ids == null) {
          ids = forMatcher;
        } else {
          ids.retainAll(forMatcher);
        }
      }
      Collection<MemSeries> source = ids == null ? byId.values() : ids.stream().map(byId::get).toList();
      return new ArrayList<>(source);
    } finally {
      indexLock.readLock().unlock();
    }
  }

  private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels.get(m.name()))) {
        return false;
      }
    }
    return true;
  }

  /** The newest sample of every series, sorted by labels (for the text exposition). */
  public List<SeriesSamples> latest() {
    return latest(Long.MIN_VALUE);
  }

  /** The newest sample of every series whose newest sample is at or after {@code notBeforeMs}. */
  public List<SeriesSamples> latest(long notBeforeMs) {
    List<MemSeries> all;
    indexLock.readLock().lock();
    try {
      all = new ArrayList<>(byId.values());
    } finally {
      indexLock.readLock().unlock();
    }
    List<SeriesSamples> out = new ArrayList<>();
    for (MemSeries s : all) {
      Sample last;
      synchronized (s) {
        last = s.ring.last();
      }
      if (last != null && last.timestampMs() >= notBeforeMs) {
        out.add(new SeriesSamples(s.labels, List.of(last)));
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return out;
  }

  /** Drops samples older than {@code nowMs - lookback} and series left empty; returns series removed. */
  public int purge(long nowMs) {
    List<MemSeries> all;
    indexLock.readLock().lock();
    try {
      all = new ArrayList<>(byId.values());
    } finally {
      indexLock.readLock().unlock();
    }
    int removed = 0;
    for (MemSeries s : all) {
      indexLock.writeLock().lock();
      try {
        synchronized (s) {
          s.ring.dropBefore(nowMs - config.lookbackMs());
          if (s.ring.size() == 0 && !s.removed) {
            s.removed = true;
            byLabels.remove(s.labels);
            byId.remove(s.id);
            s.labels.map().forEach((n, v) -> {
              Map<String, Set<Long>> values = postings.get(n);
              Set<Long> ids = values.get(v);
              ids.remove(s.id);
              if (ids.isEmpty()) {
                values.remove(v);
                if (values.isEmpty()) {
                  postings.remove(n);
                }
              }
            });
            removed++;
          }
        }
      } finally {
        indexLock.writeLock().unlock();
      }
    }
    return removed;
  }

  public int seriesCount() {
    return byLabels.size();
  }

  /** Rejected samples since start, by reason (every reason present, zero included). */
  public Map<AppendResult, Long> rejections() {
    Map<AppendResult, Long> out = new EnumMap<>(AppendResult.class);
    rejected.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /**
   * Registers a family's metadata. The first TYPE registered for a name wins: returns false (and
   * changes nothing) when the name is already known with another type, so the caller can drop
   * the conflicting points as the OpenTelemetry spec requires. HELP and unit of a same-typed
   * family are updated to the latest.
   */
  public boolean describe(MetricMetadata m) {
    MetricMetadata previous = metadata.putIfAbsent(m.name(), m);
    if (previous == null) {
      return true;
    }
    if (previous.type() != m.type()) {
      return false;
    }
    metadata.put(m.name(), m);
    return true;
  }

  public Optional<MetricMetadata> metadata(String familyName) {
    return Optional.ofNullable(metadata.get(familyName));
  }

  public Map<String, MetricMetadata> allMetadata() {
    return Map.copyOf(metadata);
  }
}
