package io.pipelens.alerts.notify.nflog;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pipelens.alerts.notify.http.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What was last sent for each (aggregation group, receiver, integration): the fingerprints of the
 * firing and resolved alerts and when. The dispatcher compares against it so unchanged groups are
 * not re-sent before repeat_interval. Persisted to {@code nflog.json} in the data folder after
 * each change and reloaded on start, so a restart causes no duplicate storm. Entries expire after
 * the retention (default 120h). Thread-safe.
 */
public final class NotificationLog {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);

  /** One log entry. */
  public record Entry(String groupKey, String receiver, String integration, Set<String> firing, Set<String> resolved,
      Instant timestamp, Instant expiresAt) {
    public Entry {
      firing = Set.copyOf(firing);
      resolved = Set.copyOf(resolved);
    }

    /** True if every alert in {@code current} was already firing at the last notification. */
    public boolean isFiringSubset(Set<String> current) {
      return firing.containsAll(current);
    }

    public boolean isResolvedSubset(Set<String> current) {
      return resolved.containsAll(current);
    }
  }

  private record EntryJson(String groupKey, String receiver, String integration, List<String> firing,
      List<String> resolved, String timestamp, String expiresAt) {}

  private final Clock clock;
  private final Path file;
  private final Duration retention;
  private final Map<String, Entry> entries = new HashMap<>();

  /** @param dataDir folder for nflog.json, or null for memory only */
  public NotificationLog(Clock clock, Path dataDir, Duration retention) {
    this.clock = clock;
    this.retention = retention;
    this.file = dataDir == null ? null : dataDir.resolve("nflog.json");
    if (file != null) {
      List<EntryJson> raw = AtomicFile.read(file, new TypeReference<List<EntryJson>>() {});
      if (raw != null) {
        for (EntryJson j : raw) {
          Entry e = new Entry(j.groupKey(), j.receiver(), j.integration(), Set.copyOf(j.firing()),
              Set.copyOf(j.resolved()), Instant.parse(j.timestamp()), Instant.parse(j.expiresAt()));
          entries.put(key(e.groupKey(), e.receiver(), e.integration()), e);
        }
      }
    }
  }

  public NotificationLog(Clock clock) {
    this(clock, null, DEFAULT_RETENTION);
  }

  private static String key(String groupKey, String receiver, String integration) {
    return groupKey + "\u0000" + receiver + "\u0000" + integration;
  }

  public synchronized Optional<Entry> get(String groupKey, String receiver, String integration) {
    return Optional.ofNullable(entries.get(key(groupKey, receiver, integration)));
  }

  public synchronized void log(String groupKey, String receiver, String integration, Set<String> firing,
      Set<String> resolved) {
    Instant now = clock.instant();
    entries.put(key(groupKey, receiver, integration),
        new Entry(groupKey, receiver, integration, firing, resolved, now, now.plus(retention)));
    persist();
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public synchronized int gc() {
    Instant now = clock.instant();
    int before = entries.size();
    entries.values().removeIf(e -> !e.expiresAt().isAfter(now));
    int removed = before - entries.size();
    if (removed > 0) persist();
    return removed;
  }

  private void persist() {
    if (file == null) return;
    List<EntryJson> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      out.add(new EntryJson(e.groupKey(), e.receiver(), e.integration(), new ArrayList<>(e.firing()),
          new ArrayList<>(e.resolved()), Json.time(e.timestamp()), Json.time(e.expiresAt())));
    }
    AtomicFile.write(file, out);
  }
}
