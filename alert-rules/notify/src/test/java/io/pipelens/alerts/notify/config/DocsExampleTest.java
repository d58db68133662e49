package io.pipelens.alerts.notify.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.alerts.notify.Integrations;
import io.pipelens.alerts.notify.MutableClock;
import io.pipelens.alerts.notify.Sleeper;
import io.pipelens.alerts.notify.NotifyListener;
import io.pipelens.alerts.notify.http.HttpPoster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full example in docs/alerting.md must stay a valid configuration. */
class DocsExampleTest {
  @TempDir Path dir;

  static Path docs() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/alerting.md"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("docs/alerting.md not found above " + Path.of("").toAbsolutePath());
    return p.resolve("docs/alerting.md");
  }

  @Test
  void fullExampleParsesAndBuildsEveryReceiver() throws Exception {
    String md = Files.readString(docs());
    int start = md.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = md.substring(start, md.indexOf("```", start));

    NotifyConfig c = NotifyConfigParser.parse(yaml, dir);
    var built = new Integrations(new HttpPoster(), new MutableClock(Instant.EPOCH), Sleeper.SYSTEM, NotifyListener.NONE,
        Integrations.RetryPolicy.DEFAULT).build(c);

    assertThat(built.get("data-oncall")).extracting(n -> n.name()).containsExactly("dingtalk[0]", "feishu[0]");
    assertThat(built.get("ml-wecom")).extracting(n -> n.name()).containsExactly("wecom_robot[0]");
    assertThat(built.get("mail")).extracting(n -> n.name()).containsExactly("email[0]");
    assertThat(c.route().routes()).hasSize(3);
  }
}
