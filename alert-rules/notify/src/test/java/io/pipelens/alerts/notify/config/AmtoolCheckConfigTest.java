package io.pipelens.alerts.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For configurations using only Alertmanager features, our parser must accept exactly what
 * Alertmanager's {@code amtool check-config} accepts (Debian prometheus-alertmanager).
 */
class AmtoolCheckConfigTest {
  static final Path AMTOOL = Path.of("/usr/bin/amtool");
  static final String BASE = """
      global:
        resolve_timeout: 2m
        smtp_smarthost: smtp.example.com:587
        smtp_from: alerts@example.com
        slack_api_url: https://hooks.slack.com/services/T/B/X
      route:
        receiver: mail
        group_by: ['alertname']
        routes:
          - matchers: ['severity=~"critical|page"', 'team!="ml"']
            receiver: hook
            continue: true
            mute_time_intervals: [weekend]
          - match: {team: ml}
            match_re: {service: 'db|cache'}
            receiver: chat
            group_wait: 10s
            repeat_interval: 1h30m
      receivers:
        - name: mail
          email_configs: [{to: 'a@example.com, b@example.com', send_resolved: true, headers: {Subject: 'x'}}]
        - name: hook
          webhook_configs: [{url: 'http://127.0.0.1:9/x', max_alerts: 3}]
        - name: chat
          slack_configs: [{channel: '#alerts', title: 't'}]
          wechat_configs: [{corp_id: c, api_secret: s, agent_id: '1', message_type: markdown}]
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [alertname]
      time_intervals:
        - name: weekend
          time_intervals:
            - weekdays: ['saturday', 'sunday']
              times: [{start_time: '00:00', end_time: '24:00'}]
              days_of_month: ['1:-1']
              months: ['january:december']
              location: Europe/Berlin
      """;

  @TempDir Path dir;

  /**
   * Each case is "find=>replace" applied to BASE; an empty case checks BASE itself. Known, deliberate
   * difference: amtool 0.25 accepts month "13" in a time interval, we reject it.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "group_by: ['alertname']=>group_by: ['...']",
      "group_by: ['alertname']=>group_by: ['...', 'job']",
      "receiver: hook=>receiver: nobody",
      "group_wait: 10s=>group_wait: 10 seconds",
      "repeat_interval: 1h30m=>repeat_interval: 30m1h",
      "weekdays: ['saturday', 'sunday']=>weekdays: ['saturday:sunday']",
      "weekdays: ['saturday', 'sunday']=>weekdays: ['funday']",
      "start_time: '00:00', end_time: '24:00'=>start_time: '10:00', end_time: '09:00'",
      "location: Europe/Berlin=>location: Mars/Olympus",
      "mute_time_intervals: [weekend]=>mute_time_intervals: [holidays]",
      "'severity=~\"critical|page\"'=>'severity=~\"(critical\"'",
      "- name: hook=>- name: mail",
      "max_alerts: 3=>max_alertz: 3",
      "smtp_from: alerts@example.com=>smtp_frm: alerts@example.com",
      "url: 'http://127.0.0.1:9/x'=>url: 'not a url'",
      "continue: true=>continue: maybe",
      "route:\n  receiver: mail=>route:\n  matchers: ['a=\"b\"']\n  receiver: mail",
      "source_matchers: ['severity=\"critical\"']=>source_matchers: ['severity']",
      "days_of_month: ['1:-1']=>days_of_month: ['5:2']",
      "resolve_timeout: 2m=>resolve_timeout: 0s",
  })
  void acceptsExactlyWhatAlertmanagerAccepts(String change) throws Exception {
    assumeTrue(Files.isExecutable(AMTOOL), "amtool not installed (Debian package prometheus-alertmanager)");
    String yaml = BASE;
    if (!change.isEmpty()) {
      String[] fr = change.split("=>", 2);
      assertThat(yaml).contains(fr[0]);
      yaml = yaml.replace(fr[0], fr[1]);
    }
    Path file = Files.writeString(dir.resolve("alertmanager.yml"), yaml);
    Process p = new ProcessBuilder(AMTOOL.toString(), "check-config", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    boolean amtoolAccepts = p.exitValue() == 0;

    String ours;
    try {
      NotifyConfigParser.parse(yaml, dir);
      ours = null;
    } catch (ConfigException e) {
      ours = e.getMessage();
    }

    assertThat(ours == null).as("amtool says: %s%nwe say: %s", out.trim(), ours).isEqualTo(amtoolAccepts);
  }
}
