package io.pipelens.alerts.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelens.alerts.notify.NotifyException;
import io.pipelens.alerts.notify.TestAlerts;
import io.pipelens.alerts.notify.TestIntegrations;
import io.pipelens.alerts.notify.config.EmailConfig;
import io.pipelens.alerts.notify.message.DefaultTemplates;
import io.pipelens.alerts.notify.message.Renderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS + AUTH against a real SMTP server that requires both: aiosmtpd (Debian
 * python3-aiosmtpd) run by /usr/bin/python3 with a throw-away certificate from openssl.
 * (GreenMail, used for the other mail tests, has no STARTTLS.)
 */
class EmailStarttlsTest {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  @TempDir Path dir;
  Process server;
  int port;
  final List<String> lines = new CopyOnWriteArrayList<>();
  final TestIntegrations env = new TestIntegrations();

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import aiosmtpd") == 0,
        "needs /usr/bin/python3 with aiosmtpd (Debian python3-aiosmtpd)");
    assumeTrue(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString()) == 0, "needs openssl");
    Path script = dir.resolve("starttls_smtpd.py");
    try (var in = EmailStarttlsTest.class.getResourceAsStream("starttls_smtpd.py")) {
      Files.write(script, in.readAllBytes());
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    server = new ProcessBuilder(PYTHON.toString(), script.toString(), String.valueOf(port), dir.resolve("cert.pem").toString(),
        dir.resolve("key.pem").toString(), "alertbot", "s3cret").redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      } catch (Exception e) {
        lines.add("reader failed: " + e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("READY") || !server.isAlive());
    assertThat(server.isAlive()).as("smtpd died: %s", lines).isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.getOutputStream().close();
      if (!server.waitFor(10, TimeUnit.SECONDS)) server.destroyForcibly();
    }
  }

  private static int run(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (Exception e) {
      return -1;
    }
  }

  private EmailNotifier notifier(String password) {
    String yaml = "    email_configs:\n      - to: oncall@pipelens.io\n        from: alerts@pipelens.io\n"
        + "        smarthost: 127.0.0.1:" + port + "\n        auth_username: alertbot\n        auth_password: " + password + "\n"
        + "        require_tls: true\n        tls_config: {insecure_skip_verify: true}\n";
    EmailConfig c = TestIntegrations.config(yaml).receivers().get(0).emailConfigs().get(0);
    return new EmailNotifier(c, new Renderer(DefaultTemplates.create()), env.clock, 0);
  }

  @Test
  void upgradesWithStarttlsAuthenticatesAndDelivers() throws Exception {
    notifier("s3cret").send(TestAlerts.chineseFiring());

    await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("{")));
    JsonNode msg = new ObjectMapper().readTree(lines.stream().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    assertThat(msg.path("tls").asBoolean()).isTrue();
    assertThat(msg.path("user").asText()).isEqualTo("alertbot");
    assertThat(msg.path("from").asText()).isEqualTo("alerts@pipelens.io");
    assertThat(msg.path("to").get(0).asText()).isEqualTo("oncall@pipelens.io");
    assertThat(msg.path("data").asText()).contains("Subject: =?UTF-8?").contains("multipart/alternative");
  }

  @Test
  void wrongPasswordIsRejectedAfterTheUpgrade() {
    NotifyException e = catchThrowableOfType(() -> notifier("wrong").send(TestAlerts.chineseFiring()), NotifyException.class);

    assertThat(e.reason()).isEqualTo("email_auth");
    assertThat(lines).noneMatch(l -> l.startsWith("{"));
  }
}
