package io.pipelens.alerts.promql.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Go-style string literal decoding ("..." and '...' with escapes, `...` raw). Bytes that are not
 * valid UTF-8 (from \x escapes) are kept as lone surrogates U+DC80..U+DCFF so label validation can
 * reject them and messages can print them back as \xNN.
 */
public final class StringLiterals {
  private StringLiterals() {}

  /** Decodes a quoted literal including its quotes; throws IllegalArgumentException if bad. */
  public static String unquote(String lit) {
    char q = lit.charAt(0);
    String body = lit.substring(1, lit.length() - 1);
    if (q == '`') {
      return body;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < body.length()) {
          b = body.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(b);
        continue;
      }
      if (++i >= body.length()) {
        throw new IllegalArgumentException("invalid escape at end of string " + lit);
      }
      char e = body.charAt(i);
      switch (e) {
        case 'a' -> bytes.write(7);
        case 'b' -> bytes.write(8);
        case 'f' -> bytes.write(12);
        case 'n' -> bytes.write('\n');
        case 'r' -> bytes.write('\r');
        case 't' -> bytes.write('\t');
        case 'v' -> bytes.write(11);
        case '\\' -> bytes.write('\\');
        case '"', '\'' -> {
          if (e != q) {
            throw new IllegalArgumentException("invalid escape \\" + e + " in string " + lit);
          }
          bytes.write(e);
        }
        case 'x' -> {
          bytes.write(hex(body, i + 1, 2, lit));
          i += 2;
        }
        case 'u', 'U' -> {
          int n = e == 'u' ? 4 : 8;
          int cp = hex(body, i + 1, n, lit);
          bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
          i += n;
        }
        default -> {
          if (e >= '0' && e <= '7' && i + 2 < body.length()) {
            bytes.write(Integer.parseInt(body.substring(i, i + 3), 8));
            i += 2;
          } else {
            throw new IllegalArgumentException("unknown escape sequence \\" + e + " in string " + lit);
          }
        }
      }
    }
    return decode(bytes.toByteArray());
  }

  private static int hex(String s, int from, int n, String lit) {
    if (from + n > s.length()) {
      throw new IllegalArgumentException("invalid escape in string " + lit);
    }
    try {
      return Integer.parseInt(s.substring(from, from + n), 16);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("invalid escape in string " + lit, ex);
    }
  }

  private static String decode(byte[] b) {
    CharsetDecoder d =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return d.decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < b.length) {
        int len = seqLen(b, i);
        if (len > 0) {
          sb.append(new String(b, i, len, StandardCharsets.UTF_8));
          i += len;
        } else {
          sb.append((char) (0xDC00 | (b[i] & 0xFF)));
          i++;
        }
      }
      return sb.toString();
    }
  }

  private static int seqLen(byte[] b, int i) {
    int c = b[i] & 0xFF;
    int len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    if (len == 0 || i + len > b.length) {
      return 0;
    }
    for (int k = 1; k < len; k++) {
      if ((b[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    return len;
  }

  /** True when the string holds only valid Unicode (no lone surrogates). */
  public static boolean isValidUtf8(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return false;
      }
    }
    return true;
  }

  /** Go %q-like quoting: invalid bytes come back as \xNN. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0xDC80 && c <= 0xDCFF && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
        sb.append(String.format("\\x%02x", c & 0xFF));
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
