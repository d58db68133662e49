package io.pipelens.alerts.rules.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.alerts.rules.AlertingRule;
import io.pipelens.alerts.rules.Rule;
import io.pipelens.alerts.rules.eval.Alert;
import io.pipelens.alerts.rules.eval.AlertState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's HTTP API bodies for rules and alerts: {@code GET /api/v1/rules} (groups with
 * their rules, health, last error, evaluation time and active alerts; {@code type=alert|record}
 * filters) and {@code GET /api/v1/alerts} (every pending and firing alert). Resolved alerts kept
 * for sending are not active and are left out, as in Prometheus.
 */
public final class RulesApiJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private RulesApiJson() {}

  /**
   * @param type null/empty for all rules, {@code alert} or {@code record}
   * @throws IllegalArgumentException for another type (answer 400 bad_data with the message)
   */
  public static String rules(List<GroupRunner> groups, String type) {
    boolean alerts = type == null || type.isEmpty() || type.equals("alert");
    boolean records = type == null || type.isEmpty() || type.equals("record");
    if (!alerts && !records) {
      throw new IllegalArgumentException("not supported value \"" + type + "\"");
    }
    ObjectNode root = JSON.createObjectNode().put("status", "success");
    ArrayNode out = root.putObject("data").putArray("groups");
    for (GroupRunner g : groups) {
      ObjectNode go = JSON.createObjectNode().put("name", g.group().name()).put("file", g.file());
      ArrayNode rules = go.putArray("rules");
      List<List<Alert>> byRule = g.alertsByRule();
      List<String> errors = g.ruleErrors();
      long last = g.lastEvaluationMs();
      for (int i = 0; i < g.group().rules().size(); i++) {
        Rule r = g.group().rules().get(i);
        boolean isAlert = r instanceof AlertingRule;
        if (isAlert ? !alerts : !records) {
          continue;
        }
        ObjectNode ro = rules.addObject().put("name", r.name()).put("query", r.exprText());
        if (r instanceof AlertingRule a) {
          List<Alert> active = byRule.get(i).stream().filter(x -> x.state() != AlertState.INACTIVE).toList();
          ro.put("state", ruleState(active)).put("duration", a.forMs() / 1000.0)
              .put("keepFiringFor", a.keepFiringForMs() / 1000.0);
          strings(ro.putObject("labels"), a.labels());
          strings(ro.putObject("annotations"), a.annotations());
          ArrayNode ao = ro.putArray("alerts");
          active.forEach(x -> alert(ao.addObject(), x));
        } else if (!r.labels().isEmpty()) {
          strings(ro.putObject("labels"), r.labels());
        }
        ro.put("health", last == 0 ? "unknown" : errors.get(i).isEmpty() ? "ok" : "err");
        if (!errors.get(i).isEmpty()) {
          ro.put("lastError", errors.get(i));
        }
        ro.put("evaluationTime", g.ruleDurationSeconds(i)).put("lastEvaluation", time(last))
            .put("type", isAlert ? "alerting" : "recording");
      }
      if (type != null && !type.isEmpty() && rules.isEmpty()) {
        continue; // Prometheus leaves out groups the filter emptied
      }
      go.put("interval", g.intervalMs() / 1000.0).put("limit", g.group().limit())
          .put("evaluationTime", g.lastDurationSeconds()).put("lastEvaluation", time(last));
      out.add(go);
    }
    return write(root);
  }

  /** Every pending and firing alert of every group. */
  public static String alerts(List<GroupRunner> groups) {
    ObjectNode root = JSON.createObjectNode().put("status", "success");
    ArrayNode out = root.putObject("data").putArray("alerts");
    for (GroupRunner g : groups) {
      for (List<Alert> alerts : g.alertsByRule()) {
        alerts.stream().filter(a -> a.state() != AlertState.INACTIVE).forEach(a -> alert(out.addObject(), a));
      }
    }
    return write(root);
  }

  /** {@code {"status":"error","errorType":...,"error":...}}. */
  public static String error(String errorType, String message) {
    return write(JSON.createObjectNode().put("status", "error").put("errorType", errorType).put("error", message));
  }

  private static void alert(ObjectNode o, Alert a) {
    strings(o.putObject("labels"), a.labels().toMap());
    strings(o.putObject("annotations"), a.annotations());
    o.put("state", a.state().label()).put("activeAt", time(a.activeAtMs()));
    if (a.keepFiringSinceMs() != 0) {
      o.put("keepFiringSince", time(a.keepFiringSinceMs()));
    }
    o.put("value", goFloat(a.value()));
  }

  private static String ruleState(List<Alert> active) {
    if (active.stream().anyMatch(a -> a.state() == AlertState.FIRING)) {
      return "firing";
    }
    return active.isEmpty() ? "inactive" : "pending";
  }

  private static void strings(ObjectNode o, Map<String, String> m) {
    new java.util.TreeMap<>(m).forEach(o::put);
  }

  private static String time(long ms) {
    return ms == 0 ? ZERO_TIME : Instant.ofEpochMilli(ms).toString();
  }

  /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: {@code 1e+00}, {@code 2.5e-01}, {@code NaN}, {@code +Inf}. */
  static String goFloat(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0e+00";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    StringBuilder b = new StringBuilder(v < 0 ? "-" : "").append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exp < 0 ? '-' : '+');
    int a = Math.abs(exp);
    if (a < 10) {
      b.append('0');
    }
    return b.append(a).toString();
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
