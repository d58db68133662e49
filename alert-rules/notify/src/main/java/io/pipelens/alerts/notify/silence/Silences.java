package io.pipelens.alerts.notify.silence;

import io.pipelens.alerts.notify.alert.Matcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The silence store. Every change is written to {@code silences.json} in the data folder (when
 * one is given) before the call returns, and the file is read back on construction, so a restart
 * loses no silence. Expired silences are kept for {@code retention} (default 120h) for the API.
 * Thread-safe.
 */
public final class Silences {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(120);

  private final Clock clock;
  private final SilenceFile file;
  private final Duration retention;
  private final Map<String, Silence> byId = new LinkedHashMap<>();

  /** @param dataDir folder for silences.json, or null to keep silences in memory only */
  public Silences(Clock clock, Path dataDir, Duration retention) {
    this.clock = clock;
    this.retention = retention;
    this.file = dataDir == null ? null : new SilenceFile(dataDir.resolve("silences.json"));
    if (file != null) file.load().forEach(s -> byId.put(s.id(), s));
  }

  public Silences(Clock clock) {
    this(clock, null, DEFAULT_RETENTION);
  }

  /**
   * Creates (blank id) or updates a silence and returns its id. Updating an active silence's
   * matchers or start, or updating an expired one, expires the old silence and creates a new one,
   * as Alertmanager does.
   *
   * @throws IllegalArgumentException naming the invalid field
   */
  public synchronized String set(Silence s) {
    Instant now = clock.instant();
    validate(s, now);
    Silence old = s.id() == null || s.id().isEmpty() ? null : byId.get(s.id());
    if (s.id() != null && !s.id().isEmpty() && old == null) {
      throw new IllegalArgumentException("silence " + s.id() + " not found");
    }
    Instant start = s.startsAt().isBefore(now) && (old == null || old.state(now) != Silence.State.ACTIVE) ? now : s.startsAt();
    String id;
    if (old != null && canUpdateInPlace(old, s, now)) {
      id = old.id();
      byId.put(id, s.with(id, old.state(now) == Silence.State.ACTIVE ? old.startsAt() : start, s.endsAt(), now));
    } else {
      if (old != null && old.state(now) != Silence.State.EXPIRED) expireLocked(old, now);
      id = UUID.randomUUID().toString();
      byId.put(id, s.with(id, start, s.endsAt(), now));
    }
    persist();
    return id;
  }

  private static boolean canUpdateInPlace(Silence old, Silence s, Instant now) {
    return switch (old.state(now)) {
      case EXPIRED -> false;
      case PENDING -> true;
      case ACTIVE -> old.matchers().equals(s.matchers()) && !s.startsAt().isAfter(now) && !s.endsAt().isBefore(now);
    };
  }

  private static void validate(Silence s, Instant now) {
    if (s.matchers().isEmpty()) throw new IllegalArgumentException("silence matchers: at least one matcher is required");
    boolean nonEmpty = false;
    for (Matcher m : s.matchers()) {
      if (!m.matches("")) nonEmpty = true;
    }
    if (!nonEmpty) throw new IllegalArgumentException("silence matchers: at least one matcher must not match the empty string");
    if (s.startsAt() == null || s.endsAt() == null) throw new IllegalArgumentException("silence startsAt and endsAt are required");
    if (!s.endsAt().isAfter(s.startsAt())) throw new IllegalArgumentException("silence endsAt must be after startsAt");
    if (!s.endsAt().isAfter(now)) throw new IllegalArgumentException("silence endsAt is in the past");
    if (s.createdBy() == null || s.createdBy().isBlank()) throw new IllegalArgumentException("silence createdBy is required");
    if (s.comment() == null || s.comment().isBlank()) throw new IllegalArgumentException("silence comment is required");
  }

  /** Ends a silence now. @throws IllegalArgumentException if unknown or already expired */
  public synchronized void expire(String id) {
    Silence s = byId.get(id);
    if (s == null) throw new IllegalArgumentException("silence " + id + " not found");
    Instant now = clock.instant();
    if (s.state(now) == Silence.State.EXPIRED) throw new IllegalArgumentException("silence " + id + " already expired");
    expireLocked(s, now);
    persist();
  }

  private void expireLocked(Silence s, Instant now) {
    Instant start = s.state(now) == Silence.State.PENDING ? now : s.startsAt();
    byId.put(s.id(), s.with(s.id(), start, now, now));
  }

  public synchronized Optional<Silence> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public synchronized List<Silence> list() {
    List<Silence> out = new ArrayList<>(byId.values());
    out.sort(Comparator.comparing(Silence::startsAt));
    return out;
  }

  /** Ids of the active silences matching these labels. */
  public synchronized List<String> silencedBy(Map<String, String> labels) {
    Instant now = clock.instant();
    List<String> out = new ArrayList<>();
    for (Silence s : byId.values()) {
      if (s.state(now) == Silence.State.ACTIVE && s.matches(labels)) out.add(s.id());
    }
    return out;
  }

  /** Drops silences expired longer than the retention ago. */
  public synchronized int gc() {
    Instant cutoff = clock.instant().minus(retention);
    int before = byId.size();
    byId.values().removeIf(s -> s.endsAt().isBefore(cutoff));
    int removed = before - byId.size();
    if (removed > 0) persist();
    return removed;
  }

  private void persist() {
    if (file != null) file.save(byId.values());
  }
}
