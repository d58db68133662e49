package io.pipelens.alerts.notify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelens.alerts.notify.alert.Matcher;
import io.pipelens.alerts.notify.route.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyConfigParserTest {
  @TempDir Path dir;

  static final String FULL = """
      global:
        resolve_timeout: 2m
        smtp_smarthost: smtp.example.com:587
        smtp_from: alerts@example.com
        smtp_auth_username: bot
        smtp_auth_password: pw
      templates: ['tmpl/*.tmpl']
      route:
        receiver: default
        group_by: ['alertname', 'pipeline']
        routes:
          - matchers: ['severity="critical"', 'team=~"data|ml"']
            receiver: oncall
            continue: true
            group_wait: 10s
          - match: {team: infra}
            match_re: {service: '^(db|cache)$'}
            receiver: infra
            group_by: ['...']
            repeat_interval: 1h30m
            active_time_intervals: [office]
      receivers:
        - name: default
          email_configs: [{to: 'team@example.com'}]
        - name: oncall
          dingtalk_configs:
            - url: https://oapi.dingtalk.com/robot/send?access_token=abc
              secret: SECabc
              at_mobiles: ['13800000000']
          feishu_configs:
            - url: https://open.feishu.cn/open-apis/bot/v2/hook/xyz
              secret: fs
        - name: infra
          webhook_configs: [{url: 'http://127.0.0.1:9999/hook', max_alerts: 10}]
          wecom_robot_configs: [{url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k'}]
          slack_configs: [{api_url: 'https://hooks.slack.com/services/T/B/X', channel: '#alerts'}]
          wechat_configs: [{corp_id: c, api_secret: s, agent_id: '1000002'}]
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [pipeline]
      time_intervals:
        - name: office
          time_intervals:
            - times: [{start_time: '09:00', end_time: '18:00'}]
              weekdays: ['monday:friday']
              location: Asia/Shanghai
      """;

  private void templates() throws Exception {
    Files.createDirectories(dir.resolve("tmpl"));
    Files.writeString(dir.resolve("tmpl/my.tmpl"), "{{ define \"my.title\" }}Hi {{ .Status }}{{ end }}");
  }

  @Test
  void fullConfigurationParsesWithDefaultsAndInheritance() throws Exception {
    templates();
    NotifyConfig c = NotifyConfigParser.parse(FULL, dir);

    assertThat(c.global().resolveTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.templateFiles()).extracting(p -> p.getFileName().toString()).containsExactly("my.tmpl");
    Route root = Route.root(c.route());
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
    Route oncall = root.routes().get(0);
    assertThat(oncall.groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(oncall.groupBy()).containsExactly("alertname", "pipeline");
    assertThat(oncall.matchers()).containsExactly(Matcher.of("severity", Matcher.Type.EQ, "critical"),
        Matcher.of("team", Matcher.Type.RE, "data|ml"));
    Route infra = root.routes().get(1);
    assertThat(infra.groupByAll()).isTrue();
    assertThat(infra.repeatInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(infra.matchers()).hasSize(2);

    EmailConfig email = c.receiver("default").orElseThrow().emailConfigs().get(0);
    assertThat(email.smarthost()).isEqualTo("smtp.example.com:587");
    assertThat(email.authUsername()).isEqualTo("bot");
    assertThat(email.requireTls()).isTrue();
    assertThat(email.sendResolved()).isFalse();
    DingTalkConfig ding = c.receiver("oncall").orElseThrow().dingtalkConfigs().get(0);
    assertThat(ding.secret()).isEqualTo("SECabc");
    assertThat(ding.sendResolved()).isTrue();
    assertThat(ding.messageType()).isEqualTo("markdown");
    assertThat(c.receiver("infra").orElseThrow().webhookConfigs().get(0).maxAlerts()).isEqualTo(10);
    assertThat(c.inhibitRules().get(0).equal()).containsExactly("pipeline");
    assertThat(c.timeIntervals().get("office").get(0).location().getId()).isEqualTo("Asia/Shanghai");
  }

  @Test
  void routingFollowsAlertmanagerMatchingAndContinue() throws Exception {
    templates();
    Route root = Route.root(NotifyConfigParser.parse(FULL, dir).route());

    assertThat(root.match(Map.of("severity", "critical", "team", "data"))).extracting(Route::receiver).containsExactly("oncall");
    assertThat(root.match(Map.of("team", "infra", "service", "db"))).extracting(Route::receiver).containsExactly("infra");
    assertThat(root.match(Map.of("team", "infra", "service", "dbx"))).extracting(Route::receiver).containsExactly("default");
    assertThat(root.routes().get(0).key()).isEqualTo("{}/{severity=\"critical\",team=~\"data|ml\"}");
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    String bad = """
        global:
          resolve_timout: 5m
        route:
          receiver: nobody
          group_wait: 30 seconds
          routes:
            - receiver: team
              matchers: ['severity=~"(critical"']
              mute_time_intervals: [holidays]
        receivers:
          - name: team
            pagerduty_configs: [{service_key: x}]
            dingtalk_configs:
              - url: https://oapi.dingtalk.com/robot/send
                message_type: card
                secrte: x
          - name: team
        inhibit_rules:
          - equal: [a]
        """;

    ConfigException e = catchThrowableOfType(() -> NotifyConfigParser.parse(bad, dir), ConfigException.class);

    assertThat(e.errors()).extracting(ConfigError::path).contains(
        "global.resolve_timout", "route.group_wait", "route.routes[0].matchers[0]",
        "receivers[0].pagerduty_configs", "receivers[0].dingtalk_configs[0].url",
        "receivers[0].dingtalk_configs[0].message_type", "receivers[0].dingtalk_configs[0].secrte",
        "receivers[1].name", "inhibit_rules[0].source_matchers", "route.receiver",
        "route.routes[0].mute_time_intervals");
    assertThat(e.getMessage()).contains("route.group_wait: not a valid duration string: \"30 seconds\"")
        .contains("receivers[0].pagerduty_configs: pagerduty_configs is not supported by pipelens")
        .contains("receivers[0].dingtalk_configs[0].url: must contain the robot's access_token")
        .contains("route.receiver: undefined receiver \"nobody\"")
        .contains("receivers[1].name: duplicate receiver name \"team\"");
  }

  @Test
  void missingSmtpSettingsAndBadTemplatesAreReported() throws Exception {
    Files.writeString(dir.resolve("broken.tmpl"), "{{ define \"x\" }}{{ .Status ");
    ConfigException e = catchThrowableOfType(() -> NotifyConfigParser.parse("""
        templates: ['broken.tmpl']
        route: {receiver: r}
        receivers:
          - name: r
            email_configs: [{to: a@b.c}]
        """, dir), ConfigException.class);

    assertThat(e.errors()).extracting(ConfigError::path)
        .contains("receivers[0].email_configs[0].from", "receivers[0].email_configs[0].smarthost");
    assertThat(List.of(e.getMessage())).isNotEmpty();

    ConfigException t = catchThrowableOfType(() -> NotifyConfigParser.parse("""
        templates: ['broken.tmpl']
        route: {receiver: r}
        receivers: [{name: r}]
        """, dir), ConfigException.class);
    assertThat(t.getMessage()).contains("templates: template: broken.tmpl:1:");
  }

  @Test
  void invalidYamlNamesTheLine() {
    ConfigException e = catchThrowableOfType(() -> NotifyConfigParser.parse("route:\n  receiver: [a\n", dir), ConfigException.class);
    assertThat(e.getMessage()).contains("line").contains("not valid YAML");
  }

  @Test
  void durationsFollowPrometheusSyntax() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(catchThrowableOfType(() -> Durations.parse("30m1h"), IllegalArgumentException.class)).isNotNull();
    assertThat(catchThrowableOfType(() -> Durations.parse("5"), IllegalArgumentException.class)).isNotNull();
  }
}
