package io.pipelens.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Notifier} must do, run against each implementation's real peer (a local HTTP
 * platform, GreenMail, or memory). Subclasses start the peer and build the notifier.
 */
public abstract class NotifierContract {
  /** The notifier under test, without retry decoration, talking to the peer. */
  protected abstract Notifier notifier() throws Exception;

  /** What the peer received, one string per delivered message (decoded, e.g. the JSON body or mail text). */
  protected abstract List<String> delivered() throws Exception;

  /** Makes the peer fail the next request transiently (e.g. HTTP 503); false if the peer cannot. */
  protected abstract boolean failNextTransiently();

  @Test
  void deliversOneMessageNamingTheAlertWithChineseTextIntact() throws Exception {
    notifier().send(TestAlerts.chineseFiring());

    List<String> got = delivered();
    assertThat(got).hasSize(1);
    assertThat(got.get(0)).contains("PipelineLag").contains("数据管道延迟超过 5 分钟").doesNotContain("\uFFFD");
  }

  @Test
  void resolvedNotificationSaysResolved() throws Exception {
    Notification firing = TestAlerts.chineseFiring();
    var a = firing.alerts().get(0);
    var resolved = new io.pipelens.alerts.notify.alert.Alert(a.labels(), a.annotations(), a.startsAt(),
        firing.now().minusSeconds(1), a.generatorURL(), a.updatedAt(), false);
    notifier().send(new Notification(firing.receiver(), firing.groupKey(), firing.groupLabels(), java.util.List.of(resolved),
        firing.now(), firing.externalURL()));

    List<String> got = delivered();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).toLowerCase()).contains("resolved").doesNotContain("firing:1");
  }

  @Test
  void transientPeerFailureIsReportedAsRetryable() throws Exception {
    assumeTrue(failNextTransiently());

    NotifyException e = catchThrowableOfType(() -> notifier().send(TestAlerts.chineseFiring()), NotifyException.class);

    assertThat(e).isNotNull();
    assertThat(e.retryable()).isTrue();
    assertThat(e.reason()).isNotBlank();
  }

  @Test
  void nameIdentifiesIntegrationKindAndIndex() throws Exception {
    assertThat(notifier().name()).matches("[a-z_]+\\[\\d+\\]");
  }
}
