package io.pipelens.alerts.notify;

import io.pipelens.alerts.notify.alert.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for alerts and notifications used across tests. */
public final class TestAlerts {
  public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private TestAlerts() {}

  public static Alert firing(String name, Map<String, String> extraLabels, String summary) {
    java.util.Map<String, String> labels = new java.util.TreeMap<>(extraLabels);
    labels.put("alertname", name);
    return new Alert(labels, new java.util.TreeMap<>(Map.of("summary", summary)), T0, T0.plusSeconds(3600),
        "http://prometheus.local/graph?g0.expr=up", T0, false);
  }

  /** A notification with one firing alert whose summary contains Chinese text. */
  public static Notification chineseFiring() {
    Alert a = firing("PipelineLag", Map.of("severity", "critical", "pipeline", "训练管道"), "数据管道延迟超过 5 分钟");
    return new Notification("team-data", "{}:{alertname=\"PipelineLag\"}", Map.of("alertname", "PipelineLag"),
        List.of(a), T0.plusSeconds(60), "http://pipelens.local");
  }
}
