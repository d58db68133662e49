package io.pipelens.alerts.notify.silence;

import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.alert.Matchers;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A silence, shaped like Alertmanager's API v2 (id, matchers, startsAt, endsAt, createdBy,
 * comment, status.state). It mutes matching alerts while active: {@code startsAt <= now < endsAt}.
 */
public record Silence(
    String id,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    Instant updatedAt,
    String createdBy,
    String comment) {

  public enum State {
    PENDING,
    ACTIVE,
    EXPIRED;

    /** Lower-case as in the v2 API: pending, active, expired. */
    public String apiName() {
      return name().toLowerCase();
    }
  }

  public Silence {
    matchers = List.copyOf(matchers);
  }

  public State state(Instant now) {
    if (now.isBefore(startsAt)) return State.PENDING;
    if (!now.isBefore(endsAt)) return State.EXPIRED;
    return State.ACTIVE;
  }

  public boolean matches(Map<String, String> labels) {
    return Matchers.all(matchers, labels);
  }

  Silence with(String newId, Instant start, Instant end, Instant updated) {
    return new Silence(newId, matchers, start, end, updated, createdBy, comment);
  }
}
