package io.pipelens.alerts.notify.message;

import java.nio.charset.StandardCharsets;

/** Byte-size limits of chat platforms: truncation that never cuts a UTF-8 character in two. */
public final class Utf8 {
  /** Appended to truncated messages. */
  public static final String MARKER = "\n…(truncated)";

  private Utf8() {}

  public static int length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Returns {@code s} if it fits in {@code maxBytes} UTF-8 bytes, otherwise the longest prefix
   * (on a code point boundary) that fits together with {@link #MARKER}, followed by the marker.
   */
  public static String truncate(String s, int maxBytes) {
    if (length(s) <= maxBytes) return s;
    int budget = maxBytes - length(MARKER);
    if (budget <= 0) return prefix(MARKER, maxBytes);
    return prefix(s, budget) + MARKER;
  }

  private static String prefix(String s, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + n > maxBytes) break;
      bytes += n;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }
}
