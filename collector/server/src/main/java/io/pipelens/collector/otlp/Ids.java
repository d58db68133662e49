package io.pipelens.collector.otlp;

import com.google.protobuf.ByteString;

/** Trace and span ids: binary in OTLP protobuf, lower-case hex in the store. */
public final class Ids {
  public static final int TRACE_ID_BYTES = 16;
  public static final int SPAN_ID_BYTES = 8;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  public static String hex(ByteString bytes) {
    char[] out = new char[bytes.size() * 2];
    for (int i = 0; i < bytes.size(); i++) {
      int b = bytes.byteAt(i) & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(out);
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
