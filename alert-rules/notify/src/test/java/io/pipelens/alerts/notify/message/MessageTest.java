package io.pipelens.alerts.notify.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.http.Redact;
import io.pipelens.alerts.notify.timeinterval.TimeInterval;
import io.pipelens.alerts.notify.timeinterval.TimeInterval.Range;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTest {
  @Test
  void truncationNeverSplitsACharacter() {
    String s = "a" + "😀".repeat(10) + "告警".repeat(10);
    for (int max = 16; max < 60; max++) {
      String t = Utf8.truncate(s, max);
      assertThat(t.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(max);
      assertThat(new String(t.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(t);
      assertThat(t).endsWith(Utf8.MARKER);
    }
    assertThat(Utf8.truncate("short", 100)).isEqualTo("short");
  }

  @Test
  void defaultSubjectFollowsAlertmanager() {
    var data = TestAlerts.chineseFiring().data();
    var t = DefaultTemplates.create();

    assertThat(t.execute("__subject", data)).isEqualTo("[FIRING:1] PipelineLag (训练管道 critical)");
    assertThat(t.executeText("{{ range .CommonLabels.SortedPairs }}{{ .Name }} {{ end }}", data)).isEqualTo("alertname pipeline severity ");
    assertThat(t.executeText("{{ .CommonLabels.Remove .GroupLabels.Names }}", data)).isEqualTo("map[pipeline:训练管道 severity:critical]");
    assertThat(t.executeText("{{ (index .Alerts 0).EndsAt.IsZero }} {{ len .Alerts.Resolved }}", data)).isEqualTo("true 0");
  }

  @Test
  void secretsAreRedactedFromUrls() {
    assertThat(Redact.url("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1&sign=xyz"))
        .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=<redacted>&timestamp=1&sign=<redacted>");
    assertThat(Redact.url("https://open.feishu.cn/open-apis/bot/v2/hook/0f1e-22")).isEqualTo("https://open.feishu.cn/open-apis/bot/v2/hook/<redacted>");
    assertThat(Redact.url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1")).endsWith("key=<redacted>");
    assertThat(Redact.url("http://user:pw@host/x")).isEqualTo("http://<redacted>@host/x");
  }

  @Test
  void timeIntervalsHonourLocationWeekdaysAndNegativeDays() {
    TimeInterval officeShanghai = new TimeInterval(List.of(new Range(9 * 60, 18 * 60)), List.of(new Range(1, 5)),
        List.of(), List.of(), List.of(), ZoneId.of("Asia/Shanghai"));
    assertThat(officeShanghai.contains(Instant.parse("2026-03-04T02:00:00Z"))).isTrue(); // Wed 10:00 CST
    assertThat(officeShanghai.contains(Instant.parse("2026-03-04T12:00:00Z"))).isFalse(); // Wed 20:00 CST
    assertThat(officeShanghai.contains(Instant.parse("2026-03-07T02:00:00Z"))).isFalse(); // Saturday
    TimeInterval lastDay = new TimeInterval(List.of(), List.of(), List.of(new Range(-1, -1)), List.of(), List.of(), ZoneId.of("UTC"));
    assertThat(lastDay.contains(Instant.parse("2026-02-28T12:00:00Z"))).isTrue();
    assertThat(lastDay.contains(Instant.parse("2026-03-28T12:00:00Z"))).isFalse();
    assertThat(Map.of()).isEmpty();
  }
}
