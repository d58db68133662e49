package io.pipelens.alerts.notify.dispatch;

import io.pipelens.alerts.notify.alert.Alert;
import java.util.List;

/** An alert with what the v2 API shows about it: status, receivers, fingerprint (via {@code alert}). */
public record AlertView(Alert alert, AlertStatus status, List<String> receivers) {}
