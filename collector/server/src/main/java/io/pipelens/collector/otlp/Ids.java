package io.pipelens.collector.otlp;

import com.google.protobuf.ByteString;

/** Trace and span ids: binary in OTLP protobuf, lower-case hex in the store. */
public final class Ids {
  public static final int TRACE_ID_BYTES = 16;
  public static final int SPAN_ID_BYTES = 8;
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Ids() {}

  public static String hex(ByteString bytes) {
    int n = bytes.size();
    byte[] out = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      int b = bytes.byteAt(i) & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    // Latin-1 from bytes: no char[] to compress
    return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Hex of consecutive ids, reusing the last string when the id repeats: the spans of a request
   * mostly share their trace id (and parent), and one String instance also keeps its cached hash
   * for the store's per-trace maps. One per conversion call, not thread-safe.
   */
  public static final class LastHex {
    private ByteString last;
    private String lastHex;

    public String of(ByteString bytes) {
      if (!bytes.equals(last)) {
        last = bytes;
        lastHex = hex(bytes);
      }
      return lastHex;
    }
  }

  /** A valid id has exactly {@code length} bytes and at least one non-zero byte. */
  public static boolean isValid(ByteString id, int length) {
    if (id.size() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.byteAt(i) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Decodes hex (either case); {@code null} when the text is not even-length hex. */
  public static byte[] parseHex(String text) {
    if (text.length() % 2 != 0) {
      return null;
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(text.charAt(2 * i), 16);
      int lo = Character.digit(text.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
