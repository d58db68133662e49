package io.pipelens.alerts.notify.alert;

import java.time.Instant;
import java.util.Map;

/**
 * An alert as Alertmanager keeps it. {@code endsAt} is never null once the alert is stored: an
 * alert received without an end gets {@code now + resolve_timeout} and {@code timeout = true}.
 *
 * @param updatedAt when this version was received, used to decide which of two versions wins
 */
public record Alert(
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt,
    String generatorURL,
    Instant updatedAt,
    boolean timeout) {

  public Alert {
    labels = Labels.copy(labels);
    annotations = Labels.copy(annotations);
    generatorURL = generatorURL == null ? "" : generatorURL;
  }

  public static Alert of(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
      Instant endsAt) {
    return new Alert(Labels.copy(labels), Labels.copy(annotations), startsAt, endsAt, "", startsAt, false);
  }

  public String fingerprint() {
    return Fingerprint.hex(labels);
  }

  public String name() {
    return labels.getOrDefault("alertname", "");
  }

  /** Resolved once its end time is reached. */
  public boolean resolvedAt(Instant now) {
    return endsAt != null && !endsAt.isAfter(now);
  }

  public Alert withEndsAt(Instant end, boolean isTimeout) {
    return new Alert(labels, annotations, startsAt, end, generatorURL, updatedAt, isTimeout);
  }

  public Alert withUpdatedAt(Instant t) {
    return new Alert(labels, annotations, startsAt, endsAt, generatorURL, t, timeout);
  }

  /**
   * Alertmanager's merge of two versions of the same alert: the younger one wins, keeping the
   * earliest start; an explicit (non-timeout) later end is kept.
   */
  public Alert merge(Alert other, Instant now) {
    if (other.updatedAt.isBefore(updatedAt)) return other.merge(this, now);
    Instant start = startsAt.isBefore(other.startsAt) ? startsAt : other.startsAt;
    Instant end = other.endsAt;
    boolean isTimeout = other.timeout;
    if (other.resolvedAt(now)) {
      if (resolvedAt(now) && endsAt.isAfter(other.endsAt)) end = endsAt;
    } else if (endsAt.isAfter(other.endsAt) && !timeout) {
      end = endsAt;
      isTimeout = false;
    }
    return new Alert(other.labels, other.annotations, start, end, other.generatorURL, other.updatedAt, isTimeout);
  }
}
