package io.pipelens.alerts.notify;

/**
 * What every configured integration shares: its name ({@code kind[index]}, the position in the
 * receiver's *_configs list) for logs and metrics, and its {@code send_resolved} setting.
 */
public abstract class IntegrationNotifier implements Notifier {
  private final String name;
  private final boolean sendResolved;

  protected IntegrationNotifier(String kind, int index, boolean sendResolved) {
    this.name = kind + "[" + index + "]";
    this.sendResolved = sendResolved;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean sendResolved() {
    return sendResolved;
  }
}
