package io.pipelens.alerts.rules.runtime;

import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.rules.eval.Alert;
import io.pipelens.alerts.rules.eval.AlertState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which alerts of one group to send after an evaluation, with Prometheus's semantics
 * ({@code rules.Alert.needsSending} and {@code rules.SendAlerts}): pending alerts are never sent;
 * an alert is sent when it resolved since it was last sent, or when it was last sent at least
 * {@code resendDelay} ago. A firing alert's {@code endsAt} is {@code now + 4 × max(resendDelay,
 * interval)} (so a receiver resolves it by itself if we stop sending); a resolved one carries its
 * resolve time and is re-sent every {@code resendDelay} for the 15 minutes the evaluator keeps it.
 * {@code startsAt} is when the alert started firing. Not thread-safe: the group's thread uses it.
 */
final class AlertDispatch {
  private record Key(String rule, Labels labels) {}

  private final Map<Key, Long> lastSentMs = new HashMap<>();

  /**
   * @param alertsByRule the group's alerts by rule key (as in {@code AlertSnapshot}), with each rule's expression
   * @return the alerts to send now
   */
  List<OutgoingAlert> due(Map<String, List<Alert>> alertsByRule, Map<String, String> exprByRule, long nowMs,
      long resendDelayMs, long intervalMs, String externalUrl, Map<String, String> externalLabels) {
    long validForMs = 4 * Math.max(resendDelayMs, intervalMs);
    List<OutgoingAlert> out = new ArrayList<>();
    Map<Key, Long> seen = new HashMap<>();
    alertsByRule.forEach((rule, alerts) -> {
      for (Alert a : alerts) {
        Key k = new Key(rule, a.labels());
        Long last = lastSentMs.get(k);
        seen.put(k, last);
        if (!needsSending(a, last, nowMs, resendDelayMs)) {
          continue;
        }
        seen.put(k, nowMs);
        long endsAt = a.state() == AlertState.INACTIVE && a.resolvedAtMs() != 0 ? a.resolvedAtMs() : nowMs + validForMs;
        out.add(new OutgoingAlert(withExternal(a.labels(), externalLabels), a.annotations(),
            Instant.ofEpochMilli(a.firedAtMs()), Instant.ofEpochMilli(endsAt),
            generatorUrl(externalUrl, exprByRule.getOrDefault(rule, ""))));
      }
    });
    lastSentMs.clear();
    seen.forEach((k, v) -> {
      if (v != null) {
        lastSentMs.put(k, v);
      }
    });
    return out;
  }

  private static boolean needsSending(Alert a, Long lastSent, long nowMs, long resendDelayMs) {
    if (a.state() == AlertState.PENDING) {
      return false;
    }
    if (a.state() == AlertState.INACTIVE && a.resolvedAtMs() == 0) {
      return false; // never fired
    }
    if (lastSent == null) {
      return true;
    }
    if (a.resolvedAtMs() > lastSent) {
      return true;
    }
    return lastSent + resendDelayMs <= nowMs;
  }

  private static Map<String, String> withExternal(Labels labels, Map<String, String> external) {
    Map<String, String> m = new TreeMap<>(external);
    m.putAll(labels.toMap());
    return m;
  }

  /** Prometheus's {@code externalURL + strutil.TableLinkForExpression(expr)}. */
  static String generatorUrl(String externalUrl, String expr) {
    String base = externalUrl.endsWith("/") ? externalUrl.substring(0, externalUrl.length() - 1) : externalUrl;
    return base + "/graph?g0.expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&g0.tab=1";
  }
}
