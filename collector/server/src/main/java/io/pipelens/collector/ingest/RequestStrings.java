package io.pipelens.collector.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each short string within a request. A decoder makes a new String for every
 * attribute key and value of every span, though the spans of a request mostly repeat them
 * ({@code http.route}, {@code GET}, the service's name). The store holds acknowledged spans in
 * memory until they are loaded into DuckDB, and the copies it would keep of those repeats are
 * most of a span's size there — garbage-collection time grows with what survives. Strings longer
 * than {@value #MAX_LENGTH} characters are passed through (ids, messages, stack traces rarely
 * repeat). One per conversion call; not thread-safe.
 */
public final class RequestStrings {
  static final int MAX_LENGTH = 64;
  private static final int MAX_ENTRIES = 4_096;
  private final Map<String, String> seen = new HashMap<>(256);

  /** {@code s}, or an equal string seen earlier in this request. */
  public String of(String s) {
    if (s == null || s.length() > MAX_LENGTH) {
      return s;
    }
    String earlier = seen.get(s);
    if (earlier != null) {
      return earlier;
    }
    if (seen.size() < MAX_ENTRIES) {
      seen.put(s, s);
    }
    return s;
  }
}
