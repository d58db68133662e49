package io.pipelens.alerts.notify.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.ManualScheduler;
import io.pipelens.alerts.notify.PlatformServer;
import io.pipelens.alerts.notify.PlatformServer.Answer;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.alert.Alert;
import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.nflog.NotificationLog;
import io.pipelens.alerts.notify.silence.Silences;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path: config file text, dispatcher, decorated notifiers, a DingTalk-like server. */
class DispatchToRobotTest {
  @TempDir Path dir;

  @Test
  void groupedFiringThenResolvedMessagesReachTheRobot() throws Exception {
    try (PlatformServer robot = new PlatformServer(r -> Answer.json(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"))) {
      TestIntegrations env = new TestIntegrations();
      NotifyConfig config = NotifyConfigParser.parse("""
          route:
            receiver: ding
            group_by: [alertname]
          receivers:
            - name: ding
              dingtalk_configs:
                - url: %s
          """.formatted(robot.url("/robot/send?access_token=t")), dir);
      ManualScheduler scheduler = new ManualScheduler(env.clock);
      Dispatcher d = new Dispatcher(config, env.integrations.build(config), new Silences(env.clock),
          new NotificationLog(env.clock), env.clock, scheduler, Runnable::run, "http://pipelens");
      var t = env.clock.instant();
      Alert a = new Alert(Map.of("alertname", "DriftDetected", "model", "churn"), Map.of("summary", "特征漂移"), t,
          t.plusSeconds(3600), "", null, false);
      Alert b = new Alert(Map.of("alertname", "DriftDetected", "model", "fraud"), Map.of("summary", "特征漂移"), t,
          t.plusSeconds(3600), "", null, false);

      d.put(List.of(a, b));
      scheduler.advance(Duration.ofSeconds(30));
      d.put(List.of(new Alert(a.labels(), a.annotations(), a.startsAt(), env.clock.instant(), "", null, false),
          new Alert(b.labels(), b.annotations(), b.startsAt(), env.clock.instant(), "", null, false)));
      scheduler.advance(Duration.ofMinutes(5));

      var bodies = robot.requests().stream().map(r -> r.body()).toList();
      assertThat(bodies).hasSize(2);
      var json = new ObjectMapper();
      assertThat(json.readTree(bodies.get(0)).path("markdown").path("title").asText()).isEqualTo("[FIRING:2] DriftDetected");
      assertThat(json.readTree(bodies.get(1)).path("markdown").path("text").asText())
          .startsWith("### ✅ 恢复 RESOLVED [RESOLVED] DriftDetected").contains("model=churn").contains("model=fraud");
    }
  }

  @Test
  void executorSchedulerRunsTasksAfterTheirDelayAndCancels() {
    try (ExecutorScheduler s = new ExecutorScheduler()) {
      AtomicInteger ran = new AtomicInteger();
      s.schedule(Duration.ofMillis(20), ran::incrementAndGet);
      Scheduler.Cancellable c = s.schedule(Duration.ofSeconds(30), ran::incrementAndGet);
      s.schedule(Duration.ZERO, () -> {
        throw new IllegalStateException("a failing task must not stop the scheduler");
      });
      c.cancel();
      await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 1);
      s.schedule(Duration.ZERO, ran::incrementAndGet);
      await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() == 2);
    }
  }
}
