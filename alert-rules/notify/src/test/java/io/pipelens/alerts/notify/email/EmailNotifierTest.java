package io.pipelens.alerts.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.pipelens.alerts.notify.Notifier;
import io.pipelens.alerts.notify.NotifierContract;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.EmailConfig;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Against GreenMail, a real SMTP server: plain SMTP with AUTH and SMTPS (implicit TLS) with AUTH. */
class EmailNotifierTest extends NotifierContract {
  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
        slowStart(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)),
        slowStart(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))})
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("oncall@pipelens.io", "alertbot", "s3cret"));

  TestIntegrations env = new TestIntegrations();

  /** The first TLS server start creates a key pair, which takes seconds on a busy CI machine. */
  private static ServerSetup slowStart(ServerSetup s) {
    s.setServerStartupTimeout(30_000);
    return s;
  }

  private String receiver(int port, String extra) {
    return "    email_configs:\n      - to: 'oncall@pipelens.io, data@pipelens.io'\n        from: 'pipelens <alerts@pipelens.io>'\n"
        + "        smarthost: 127.0.0.1:" + port + "\n        auth_username: alertbot\n        auth_password: s3cret\n"
        + "        require_tls: false\n" + extra;
  }

  private Notifier build(String receiverYaml) {
    EmailConfig c = TestIntegrations.config(receiverYaml).receivers().get(0).emailConfigs().get(0);
    return new EmailNotifier(c, new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Override
  protected Notifier notifier() {
    return build(receiver(mail.getSmtp().getPort(), "        text: '{{ template \"email.default.text\" . }}'\n"));
  }

  @Override
  protected List<String> delivered() throws Exception {
    List<String> out = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (ids.add(m.getMessageID())) out.add(m.getSubject() + "\n" + bodies(m)); // one copy per recipient
    }
    return out;
  }

  @Override
  protected boolean failNextTransiently() {
    return false; // GreenMail cannot inject a 4xx; connection failures are covered below
  }

  private static String bodies(MimeMessage m) throws Exception {
    StringBuilder sb = new StringBuilder();
    Multipart mp = (Multipart) m.getContent();
    for (int i = 0; i < mp.getCount(); i++) sb.append(mp.getBodyPart(i).getContent()).append('\n');
    return sb.toString();
  }

  @Test
  void multipartMailWithTextAndHtmlIsDeliveredWithAuth() throws Exception {
    notifier().send(TestAlerts.chineseFiring());

    MimeMessage[] got = mail.getReceivedMessages();
    assertThat(got).hasSize(2); // one per recipient
    MimeMessage m = got[0];
    assertThat(m.getSubject()).isEqualTo("[FIRING:1] PipelineLag (训练管道 critical)");
    assertThat(m.getFrom()[0].toString()).isEqualTo("pipelens <alerts@pipelens.io>");
    assertThat(m.getHeader("To")[0]).isEqualTo("oncall@pipelens.io, data@pipelens.io");
    Multipart mp = (Multipart) m.getContent();
    assertThat(mp.getContentType()).startsWith("multipart/alternative");
    BodyPart text = mp.getBodyPart(0);
    BodyPart html = mp.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").contains("UTF-8");
    assertThat((String) text.getContent()).contains("Alerts Firing:").contains(" - summary = 数据管道延迟超过 5 分钟");
    assertThat(html.getContentType()).startsWith("text/html");
    assertThat((String) html.getContent()).contains("<h3>[1] Firing</h3>").contains("pipeline = 训练管道");
  }

  @Test
  void implicitTlsWithAuthDelivers() throws Exception {
    Notifier n = build(receiver(mail.getSmtps().getPort(),
        "        implicit_tls: true\n        tls_config:\n          insecure_skip_verify: true\n"));

    n.send(TestAlerts.chineseFiring());

    assertThat(mail.getReceivedMessages()).hasSize(2);
    assertThat(mail.getReceivedMessages()[0].getSubject()).contains("PipelineLag");
  }

  @Test
  void wrongPasswordIsAnAuthFailureNotRetried() {
    Notifier n = build(receiver(mail.getSmtp().getPort(), "").replace("s3cret", "wrong"));

    NotifyException e = catchThrowableOfType(() -> n.send(TestAlerts.chineseFiring()), NotifyException.class);

    assertThat(e.reason()).isEqualTo("email_auth");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).doesNotContain("wrong");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void requireTlsAgainstAServerWithoutStarttlsFailsClearly() {
    Notifier n = build(receiver(mail.getSmtp().getPort(), "").replace("require_tls: false", "require_tls: true"));

    NotifyException e = catchThrowableOfType(() -> n.send(TestAlerts.chineseFiring()), NotifyException.class);

    assertThat(e.reason()).isEqualTo("email_starttls");
    assertThat(e.getMessage()).contains("STARTTLS");
    assertThat(mail.getReceivedMessages()).isEmpty();
  }

  @Test
  void unreachableServerIsRetryable() throws Exception {
    int closedPort;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    NotifyException e = catchThrowableOfType(() -> build(receiver(closedPort, "")).send(TestAlerts.chineseFiring()),
        NotifyException.class);

    assertThat(e.retryable()).isTrue();
    assertThat(e.reason()).isEqualTo("email_smtp");
  }
}
