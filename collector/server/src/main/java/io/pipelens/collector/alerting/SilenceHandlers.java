package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.api.ApiV2;
import io.pipelens.alerts.notify.api.Filters;
import io.pipelens.alerts.notify.silence.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v2/silences} and {@code /api/v2/silence/{id}}, as Alertmanager answers them. */
final class SilenceHandlers {
  private final AlertingService alerting;

  SilenceHandlers(AlertingService alerting) {
    this.alerting = alerting;
  }

  /** Active silences first (ending soonest first), then pending (starting soonest), then expired (latest first). */
  ApiAnswer list(List<String> filters) {
    List<Matcher> filter;
    try {
      filter = Filters.parse(filters);
    } catch (IllegalArgumentException e) {
      return ApiAnswer.error(400, e.getMessage());
    }
    Instant now = alerting.clock().instant();
    List<Silence> matching = new ArrayList<>();
    for (Silence s : alerting.silences().list()) {
      if (Filters.matches(filter, s)) {
        matching.add(s);
      }
    }
    matching.sort(Comparator.<Silence>comparingInt(s -> switch (s.state(now)) {
      case ACTIVE -> 0;
      case PENDING -> 1;
      case EXPIRED -> 2;
    }).thenComparing((a, b) -> switch (a.state(now)) {
      case ACTIVE -> a.endsAt().compareTo(b.endsAt());
      case PENDING -> a.startsAt().compareTo(b.startsAt());
      case EXPIRED -> b.endsAt().compareTo(a.endsAt());
    }));
    return ApiAnswer.ok(matching.stream().map(s -> ApiV2.gettableSilence(s, now)).toList());
  }

  ApiAnswer post(String body) {
    Silence silence;
    try {
      silence = ApiV2.postableSilence(body == null ? "" : body);
    } catch (IllegalArgumentException e) {
      return ApiAnswer.invalidRequest(e.getMessage());
    }
    try {
      return ApiAnswer.ok(Map.of("silenceID", alerting.silences().set(silence)));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      if (message.endsWith("not found")) {
        return ApiAnswer.error(404, message);
      }
      return ApiAnswer.error(400, "silence invalid: " + message.replaceFirst("^silence ", ""));
    }
  }

  ApiAnswer get(String id) {
    Optional<Silence> s = alerting.silences().get(id);
    return s.isPresent() ? ApiAnswer.ok(ApiV2.gettableSilence(s.get(), alerting.clock().instant()))
        : new ApiAnswer(404, null);
  }

  ApiAnswer delete(String id) {
    if (alerting.silences().get(id).isEmpty()) {
      return ApiAnswer.error(404, "silence not found");
    }
    try {
      alerting.silences().expire(id);
      return ApiAnswer.ok(null);
    } catch (IllegalArgumentException e) {
      // already expired: Alertmanager answers 200 too
      return ApiAnswer.ok(null);
    }
  }
}
