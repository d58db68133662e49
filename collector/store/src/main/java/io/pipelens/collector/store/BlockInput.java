package io.pipelens.collector.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what {@link BlockOutput} wrote; throws {@link IllegalArgumentException} on corrupt input. */
final class BlockInput {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] buf;
  private int pos;
  private final int end;
  private final List<String> dictionary = new ArrayList<>();

  BlockInput(byte[] buf) {
    this(buf, 0, buf.length);
  }

  BlockInput(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  /** Starts a new block: its dictionary is its own. */
  void startBlock() {
    dictionary.clear();
  }

  boolean hasMore() {
    return pos < end;
  }

  private void need(int n) {
    if (n < 0 || pos + n > end) {
      throw new IllegalArgumentException("block truncated at byte " + pos);
    }
  }

  int readByte() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  long readVarint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint too long at byte " + pos);
  }

  int readCount() {
    long n = readVarint();
    if (n > end - pos + 1L) { // every element takes at least one byte
      throw new IllegalArgumentException("count " + n + " larger than the block at byte " + pos);
    }
    return (int) n;
  }

  long readSignedVarint() {
    long v = readVarint();
    return (v >>> 1) ^ -(v & 1);
  }

  long readLong() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (buf[pos++] & 0xFFL) << (8 * i);
    }
    return v;
  }

  byte[] readBytes() {
    int n = readCount();
    need(n);
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  String readString() {
    long n = readVarint();
    if (n == 0) {
      return null;
    }
    int len = (int) (n - 1);
    need(len);
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  String readKey() {
    long tag = readVarint();
    if (tag == 0) {
      return null;
    }
    if ((tag & 1) == 1) {
      long ref = tag >>> 1;
      if (ref >= dictionary.size()) {
        throw new IllegalArgumentException("dictionary reference " + ref + " out of range");
      }
      return dictionary.get((int) ref);
    }
    String s = readString();
    dictionary.add(s);
    return s;
  }

  String readId() {
    int form = readByte();
    switch (form) {
      case 1, 2 -> {
        int n = form == 1 ? 16 : 8;
        need(n);
        char[] out = new char[2 * n];
        for (int i = 0; i < n; i++) {
          int b = buf[pos++] & 0xFF;
          out[2 * i] = HEX[b >>> 4];
          out[2 * i + 1] = HEX[b & 0xF];
        }
        return new String(out);
      }
      case 3 -> {
        return "";
      }
      case 0 -> {
        return readString();
      }
      default -> throw new IllegalArgumentException("unknown id form " + form + " at byte " + pos);
    }
  }

  Map<String, Object> readAttributes() {
    int n = readCount();
    if (n == 0) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>((int) ((n - 1) / 0.75f) + 1);
    for (int i = 0; i < n - 1; i++) {
      String key = readKey();
      map.put(key, readValue());
    }
    return map;
  }

  Object readValue() {
    int tag = readByte();
    return switch (tag) {
      case SpanBlockCodec.NULL -> null;
      case SpanBlockCodec.STRING -> readString();
      case SpanBlockCodec.TRUE -> Boolean.TRUE;
      case SpanBlockCodec.FALSE -> Boolean.FALSE;
      case SpanBlockCodec.LONG -> readSignedVarint();
      case SpanBlockCodec.DOUBLE -> Double.longBitsToDouble(readLong());
      case SpanBlockCodec.BYTES -> readBytes();
      case SpanBlockCodec.LIST -> {
        int n = readCount();
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue());
        }
        yield list;
      }
      case SpanBlockCodec.MAP -> {
        Map<String, Object> m = readAttributes();
        yield m == null ? new LinkedHashMap<>() : m;
      }
      default -> throw new IllegalArgumentException("unknown value tag " + tag + " at byte " + pos);
    };
  }
}
