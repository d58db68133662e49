package io.pipelens.alerts.notify;

/**
 * Delivers notifications to one integration (one entry of a receiver's *_configs list).
 * Implementations block until the platform answered and must be thread-safe: the dispatcher may
 * send several groups' notifications through one instance at once.
 */
public interface Notifier {
  /** Integration kind and index for logs and metrics, e.g. {@code dingtalk[0]}. */
  String name();

  /** Whether resolved alerts are sent to this integration. */
  boolean sendResolved();

  /**
   * Sends one message.
   *
   * @throws NotifyException when the platform did not accept it; {@link NotifyException#retryable()}
   *     tells whether trying again may help
   */
  void send(Notification notification) throws NotifyException;
}
