package io.pipelens.collector.query;

import java.util.Locale;

/** Trace id parsing shared by the query APIs (pipelens, Zipkin, Jaeger). */
public final class QueryIds {
  private QueryIds() {}

  /**
   * A 128-bit trace id as the store keeps it (32 lower-case hex digits); 64-bit ids (16 digits, as
   * Zipkin and Jaeger clients may send) are left-padded with zeros like at ingest. Null when
   * {@code raw} is not 16 or 32 hex digits or is all zeros.
   */
  public static String traceId(String raw) {
    if (raw == null) {
      return null;
    }
    String id = raw.trim().toLowerCase(Locale.ROOT);
    if ((id.length() != 16 && id.length() != 32) || !id.chars().allMatch(QueryIds::hex)
        || id.chars().allMatch(c -> c == '0')) {
      return null;
    }
    return id.length() == 32 ? id : "0".repeat(16) + id;
  }

  public static String invalidTraceId(String raw) {
    return "invalid trace id '" + raw + "': expected 32 (or 16) hex digits, not all zero";
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
