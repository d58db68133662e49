package io.pipelens.collector.alerting;

import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.api.ApiV2;
import io.pipelens.alerts.notify.api.Filters;
import io.pipelens.alerts.notify.api.PostedAlerts;
import io.pipelens.alerts.notify.dispatch.AlertGroupView;
import io.pipelens.alerts.notify.dispatch.AlertView;
import io.pipelens.alerts.notify.dispatch.Dispatcher;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code GET/POST /api/v2/alerts} and {@code GET /api/v2/alerts/groups}, as Alertmanager answers them. */
final class AlertHandlers {
  private final AlertingService alerting;

  AlertHandlers(AlertingService alerting) {
    this.alerting = alerting;
  }

  ApiAnswer post(String body) {
    PostedAlerts posted;
    try {
      posted = PostedAlerts.parse(body == null ? "" : body);
    } catch (IllegalArgumentException e) {
      return ApiAnswer.invalidRequest("parsing alerts body failed, because " + e.getMessage());
    }
    if (!posted.valid().isEmpty()) {
      try {
        alerting.put(posted.valid());
      } catch (IllegalStateException e) {
        return ApiAnswer.error(503, e.getMessage());
      }
    }
    return posted.errors().isEmpty() ? ApiAnswer.ok(null)
        : ApiAnswer.error(400, String.join("; ", posted.errors()));
  }

  ApiAnswer list(MultiMap params) {
    Query q;
    try {
      q = Query.of(params);
    } catch (IllegalArgumentException e) {
      return ApiAnswer.error(400, e.getMessage());
    }
    Dispatcher d = alerting.dispatcher();
    List<Map<String, Object>> out = new ArrayList<>();
    if (d != null) {
      d.alerts().stream().filter(q).sorted(Comparator.comparing(v -> v.alert().fingerprint()))
          .forEach(v -> out.add(ApiV2.gettableAlert(v)));
    }
    return ApiAnswer.ok(out);
  }

  ApiAnswer groups(MultiMap params) {
    Query q;
    try {
      q = Query.of(params);
    } catch (IllegalArgumentException e) {
      return ApiAnswer.error(400, e.getMessage());
    }
    Dispatcher d = alerting.dispatcher();
    List<Map<String, Object>> out = new ArrayList<>();
    for (AlertGroupView g : d == null ? List.<AlertGroupView>of() : d.groups()) {
      if (q.receiver != null && !q.receiver.matcher(g.receiver()).matches()) {
        continue;
      }
      List<Map<String, Object>> alerts = g.alerts().stream().filter(q.withoutReceiver())
          .map(ApiV2::gettableAlert).toList();
      if (alerts.isEmpty()) {
        continue;
      }
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("alerts", alerts);
      group.put("labels", g.labels());
      group.put("receiver", Map.of("name", g.receiver()));
      out.add(group);
    }
    return ApiAnswer.ok(out);
  }

  /** The query parameters filter, receiver, active, silenced, inhibited (default true). */
  private record Query(List<Matcher> filter, Pattern receiver, boolean active, boolean silenced,
      boolean inhibited) implements Predicate<AlertView> {
    static Query of(MultiMap params) {
      List<Matcher> filter = Filters.parse(params.getAll("filter"));
      Pattern receiver = null;
      String r = params.get("receiver");
      if (r != null && !r.isEmpty()) {
        try {
          receiver = Pattern.compile("^(?:" + r + ")$");
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("failed to parse receiver param: "
              + e.getDescription() + ": `" + r + "`");
        }
      }
      bool(params, "unprocessed");
      return new Query(filter, receiver, bool(params, "active"), bool(params, "silenced"),
          bool(params, "inhibited"));
    }

    private static boolean bool(MultiMap params, String name) {
      String v = params.get(name);
      if (v == null || v.isEmpty()) {
        return true;
      }
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "1", "t" -> true;
        case "false", "0", "f" -> false;
        default -> throw new IllegalArgumentException(
            name + " in query must be of type boolean: \"" + v + "\"");
      };
    }

    Query withoutReceiver() {
      return new Query(filter, null, active, silenced, inhibited);
    }

    @Override
    public boolean test(AlertView v) {
      if (receiver != null && v.receivers().stream().noneMatch(x -> receiver.matcher(x).matches())) {
        return false;
      }
      if (!active && v.status().state().equals("active")) {
        return false;
      }
      if (!silenced && !v.status().silencedBy().isEmpty()) {
        return false;
      }
      if (!inhibited && !v.status().inhibitedBy().isEmpty()) {
        return false;
      }
      return Filters.matches(filter, v.alert().labels());
    }
  }
}
