package io.pipelens.collector.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A growable byte buffer for the binary block encodings ({@link SpanBlockCodec}): LEB128 varints,
 * little-endian longs, UTF-8 strings, and a per-block dictionary for strings that repeat (attribute
 * keys, span and service names), written once and then referred to by number.
 */
final class BlockOutput {
  private byte[] buf;
  private int pos;
  private final Map<String, Integer> dictionary = new HashMap<>();

  BlockOutput(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  int size() {
    return pos;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }

  void writeByte(int b) {
    ensure(1);
    buf[pos++] = (byte) b;
  }

  void writeBytes(byte[] b) {
    writeVarint(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  void writeVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** Zig-zag varint, for values that may be negative or are small differences. */
  void writeSignedVarint(long v) {
    writeVarint((v << 1) ^ (v >> 63));
  }

  void writeLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[pos++] = (byte) (v >>> (8 * i));
    }
  }

  /** A string, or null: varint (length + 1), 0 for null, then UTF-8. */
  void writeString(String s) {
    if (s == null) {
      writeVarint(0);
      return;
    }
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      writeVarint(n + 1L);
      ensure(n);
      s.getBytes(0, n, buf, pos); // exact for ASCII, and without an intermediate array
      pos += n;
    } else {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      writeVarint(b.length + 1L);
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }
  }

  /**
   * A string likely to repeat inside the block: varint 0 for null, {@code 2k+1} for the k-th
   * dictionary entry, or {@code 2} followed by the string (which becomes the next entry).
   */
  void writeKey(String s) {
    if (s == null) {
      writeVarint(0);
      return;
    }
    Integer ref = dictionary.get(s);
    if (ref != null) {
      writeVarint(2L * ref + 1);
      return;
    }
    dictionary.put(s, dictionary.size());
    writeVarint(2);
    writeString(s);
  }

  /** 16 or 8 bytes for a lower-case hex id of 32 or 16 characters, else the string as is. */
  void writeId(String hex) {
    int n = hex == null ? -1 : hex.length();
    if ((n == 32 || n == 16) && isLowerHex(hex)) {
      writeByte(n == 32 ? 1 : 2);
      ensure(n / 2);
      for (int i = 0; i < n; i += 2) {
        buf[pos++] = (byte) ((nibble(hex.charAt(i)) << 4) | nibble(hex.charAt(i + 1)));
      }
    } else if (n == 0) {
      writeByte(3);
    } else {
      writeByte(0);
      writeString(hex);
    }
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static int nibble(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
  }

  /** An attribute map (or null) in insertion order; see {@link SpanBlockCodec} for value tags. */
  void writeAttributes(Map<String, Object> map) {
    if (map == null) {
      writeVarint(0);
      return;
    }
    writeVarint(map.size() + 1L);
    for (Map.Entry<String, Object> e : map.entrySet()) {
      writeKey(e.getKey());
      writeValue(e.getValue());
    }
  }

  @SuppressWarnings("unchecked")
  void writeValue(Object v) {
    if (v == null) {
      writeByte(SpanBlockCodec.NULL);
    } else if (v instanceof String s) {
      writeByte(SpanBlockCodec.STRING);
      writeString(s);
    } else if (v instanceof Boolean b) {
      writeByte(b ? SpanBlockCodec.TRUE : SpanBlockCodec.FALSE);
    } else if (v instanceof Long l) {
      writeByte(SpanBlockCodec.LONG);
      writeSignedVarint(l);
    } else if (v instanceof Double d) {
      writeByte(SpanBlockCodec.DOUBLE);
      writeLong(Double.doubleToRawLongBits(d));
    } else if (v instanceof byte[] b) {
      writeByte(SpanBlockCodec.BYTES);
      writeBytes(b);
    } else if (v instanceof List<?> list) {
      writeByte(SpanBlockCodec.LIST);
      writeVarint(list.size());
      for (Object o : list) {
        writeValue(o);
      }
    } else if (v instanceof Map<?, ?> m) {
      writeByte(SpanBlockCodec.MAP);
      writeAttributes((Map<String, Object>) m);
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      writeByte(SpanBlockCodec.LONG); // the model's integer type
      writeSignedVarint(((Number) v).longValue());
    } else if (v instanceof Float f) {
      writeByte(SpanBlockCodec.DOUBLE);
      writeLong(Double.doubleToRawLongBits(f.doubleValue()));
    } else {
      throw new IllegalArgumentException(
          "attribute value of unsupported type " + v.getClass().getName());
    }
  }
}
