package io.pipelens.alerts.promql.eval;

import io.pipelens.alerts.promql.Labels;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prometheus's labels.Hash(): XXH64 (seed 0) over "name\xffvalue\xff..." in label order. limit_ratio
 * uses it so the same series are picked as by Prometheus.
 */
final class LabelHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private LabelHash() {}

  /** hash / 2^64 as a float in [0, 1]. */
  static double ratioOffset(Labels labels) {
    long h = hash(labels);
    double unsigned = (double) (h >>> 1) * 2.0 + (h & 1);
    return unsigned / 18446744073709551615.0;
  }

  static long hash(Labels labels) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < labels.size(); i++) {
      b.writeBytes(labels.name(i).getBytes(StandardCharsets.UTF_8));
      b.write(0xff);
      b.writeBytes(labels.value(i).getBytes(StandardCharsets.UTF_8));
      b.write(0xff);
    }
    return xxh64(b.toByteArray());
  }

  static long xxh64(byte[] in) {
    int n = in.length;
    int p = 0;
    long h;
    if (n >= 32) {
      long v1 = P1 + P2;
      long v2 = P2;
      long v3 = 0;
      long v4 = -P1;
      while (p <= n - 32) {
        v1 = round(v1, le64(in, p));
        v2 = round(v2, le64(in, p + 8));
        v3 = round(v3, le64(in, p + 16));
        v4 = round(v4, le64(in, p + 24));
        p += 32;
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = P5;
    }
    h += n;
    while (p + 8 <= n) {
      h ^= round(0, le64(in, p));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      p += 8;
    }
    if (p + 4 <= n) {
      h ^= (le32(in, p) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      p += 4;
    }
    while (p < n) {
      h ^= (in[p] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      p++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long val) {
    acc ^= round(0, val);
    return acc * P1 + P4;
  }

  private static long le64(byte[] b, int p) {
    long r = 0;
    for (int i = 7; i >= 0; i--) {
      r = (r << 8) | (b[p + i] & 0xFFL);
    }
    return r;
  }

  private static int le32(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }
}
