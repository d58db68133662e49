package io.pipelens.alerts.notify.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's (Prometheus common/model) label-set fingerprint: 64-bit FNV-1a over the label
 * pairs sorted by name, each name and value followed by the byte 0xff, printed as 16 hex digits.
 * The same labels give the same fingerprint as in Alertmanager and Prometheus.
 */
public final class Fingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprint() {}

  public static long of(Map<String, String> labels) {
    long h = OFFSET;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      h = add(h, e.getKey());
      h = (h ^ 0xff) * PRIME;
      h = add(h, e.getValue());
      h = (h ^ 0xff) * PRIME;
    }
    return h;
  }

  public static String hex(Map<String, String> labels) {
    return String.format("%016x", of(labels));
  }

  private static long add(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= PRIME;
    }
    return h;
  }
}
