package io.pipelens.alerts.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records listener callbacks as strings, e.g. "failed:dingtalk[0]:dingtalk_310000". */
public final class RecordingListener implements NotifyListener {
  public final List<String> events = new ArrayList<>();

  @Override
  public synchronized void delivered(String receiver, String integration, int attempts) {
    events.add("delivered:" + integration + ":" + attempts);
  }

  @Override
  public synchronized void attemptFailed(String receiver, String integration, String reason, boolean willRetry) {
    events.add("attempt:" + integration + ":" + reason + ":" + (willRetry ? "retry" : "final"));
  }

  @Override
  public synchronized void failed(String receiver, String integration, String reason) {
    events.add("failed:" + integration + ":" + reason);
  }

  @Override
  public synchronized void throttled(String integration, Duration waited) {
    events.add("throttled:" + integration);
  }
}
