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
  private final Map<String, Integer> dictionary = new HashMap<>(128);

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
    if (n == 32 || n == 16) {
      ensure(1 + n / 2);
      int start = pos;
      buf[pos++] = (byte) (n == 32 ? 1 : 2);
      for (int i = 0; i < n; i += 2) {
        int hi = nibble(hex.charAt(i));
        int lo = nibble(hex.charAt(i + 1));
        if ((hi | lo) < 0) {
          pos = start; // not lower-case hex after all: written as a string below
          writeByte(0);
          writeString(hex);
          return;
        }
        buf[pos++] = (byte) ((hi << 4) | lo);
      }
    } else if (n == 0) {
      writeByte(3);
    } else {
      writeByte(0);
      writeString(hex);
    }
  }

  private static final byte[] NIBBLES = new byte[128];

  static {
    java.util.Arrays.fill(NIBBLES, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      NIBBLES[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      NIBBLES[c] = (byte) (c - 'a' + 10);
    }
  }

  /** The value of a lower-case hex digit, -1 for any other character. */
  private static int nibble(char c) {
    return c < 128 ? NIBBLES[c] : -1;
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
