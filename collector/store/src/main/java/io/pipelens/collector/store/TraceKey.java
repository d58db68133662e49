package io.pipelens.collector.store;

/**
 * A 64-bit key for a trace id, stored next to it so trace lookups compare integers instead of
 * strings. It is the last 16 hex digits (the random part of W3C ids and of zero-padded 64-bit
 * Zipkin ids), or an FNV-1a hash for anything else; equal keys are then checked on the full id.
 */
final class TraceKey {
  private TraceKey() {}

  static long of(String traceId) {
    int n = traceId.length();
    if (n >= 16) {
      long key = 0;
      boolean hex = true;
      for (int i = n - 16; i < n && hex; i++) {
        int d = Character.digit(traceId.charAt(i), 16);
        hex = d >= 0;
        key = (key << 4) | d;
      }
      if (hex) {
        return key;
      }
    }
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < n; i++) {
      h ^= traceId.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
