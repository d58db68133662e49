package io.pipelens.alerts.notify;

import io.pipelens.alerts.notify.config.NotifyConfig;
import io.pipelens.alerts.notify.config.NotifyConfigParser;
import io.pipelens.alerts.notify.http.HttpPoster;
import java.nio.file.Path;
import java.util.List;

/** Builds decorated notifiers from a receivers YAML snippet, with fake time. */
public final class TestIntegrations {
  public final MutableClock clock = new MutableClock(TestAlerts.T0);
  public final FakeSleeper sleeper = new FakeSleeper(clock);
  public final RecordingListener listener = new RecordingListener();
  public final Integrations integrations =
      new Integrations(new HttpPoster(), clock, sleeper, listener, Integrations.RetryPolicy.DEFAULT);

  /** @param receiverBody YAML lines of one receiver named "r" (indented by 4 spaces) */
  public List<Notifier> receiver(String receiverBody) {
    NotifyConfig c = config(receiverBody);
    return integrations.build(c).get("r");
  }

  public static NotifyConfig config(String receiverBody) {
    String yaml = "route:\n  receiver: r\nreceivers:\n  - name: r\n" + receiverBody;
    return NotifyConfigParser.parse(yaml, Path.of("."));
  }
}
