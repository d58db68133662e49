package io.pipelens.drift.window;

import io.pipelens.drift.reference.NumericProfile;
import java.util.Arrays;

/**
 * Bounded-memory window of one numeric feature: counts in the reference's fine bins (exact tails
 * via under/over areas) plus up to {@code capacity} raw values. While the window has at most
 * {@code capacity} values it is {@link #exact()}; beyond, the raw values become a uniform
 * reservoir sample (deterministic: the replacement slot is a hash of the value's ordinal, so a
 * restored window continues exactly as an uninterrupted one). Not thread-safe.
 */
final class NumericWindow {
  private static final long SEED = 0x9E3779B97F4A7C15L;
  private final double[] edges;
  private final int capacity;
  private long count;
  private long missing;
  private long under;
  private double underArea;
  private final long[] bins;
  private long over;
  private double overArea;
  private double[] sample;
  private int filled;

  NumericWindow(NumericProfile reference, int capacity) {
    this.edges = reference.edges();
    this.capacity = capacity;
    this.bins = new long[reference.binCounts().length];
    this.sample = new double[Math.min(capacity, 64)];
  }

  static NumericWindow restore(NumericProfile reference, int capacity, NumericWindowState s) {
    NumericWindow w = new NumericWindow(reference, capacity);
    if (s.bins().length != w.bins.length) {
      throw new IllegalArgumentException(
          "window state has " + s.bins().length + " bins, reference has " + w.bins.length);
    }
    w.count = s.count();
    w.missing = s.missing();
    w.under = s.under();
    w.underArea = s.underArea();
    System.arraycopy(s.bins(), 0, w.bins, 0, w.bins.length);
    w.over = s.over();
    w.overArea = s.overArea();
    w.sample = Arrays.copyOf(s.sample(), Math.max(s.sample().length, Math.min(capacity, 64)));
    w.filled = s.sample().length;
    return w;
  }

  NumericWindowState state() {
    return new NumericWindowState(count, missing, under, underArea, bins.clone(), over, overArea,
        Arrays.copyOf(sample, filled));
  }

  void addMissing() {
    missing++;
  }

  void add(double v) {
    if (Double.isNaN(v)) {
      missing++;
      return;
    }
    count++;
    if (v <= edges[0]) {
      under++;
      underArea += edges[0] - v;
    } else if (v > edges[edges.length - 1]) {
      over++;
      overArea += v - edges[edges.length - 1];
    } else {
      int i = Arrays.binarySearch(edges, v);
      bins[(i >= 0 ? i : -i - 1) - 1]++;
    }
    if (filled < capacity) {
      if (filled == sample.length) {
        sample = Arrays.copyOf(sample, Math.min(capacity, sample.length * 2));
      }
      sample[filled++] = v;
    } else if (capacity > 0) {
      long slot = Math.floorMod(mix(SEED ^ count), count);
      if (slot < capacity) {
        sample[(int) slot] = v;
      }
    }
  }

  boolean exact() {
    return count <= capacity;
  }

  long count() {
    return count;
  }

  long missing() {
    return missing;
  }

  long under() {
    return under;
  }

  double underArea() {
    return underArea;
  }

  long[] bins() {
    return bins;
  }

  long over() {
    return over;
  }

  double overArea() {
    return overArea;
  }

  /** The raw values (all of them when exact), sorted, as a new array. */
  double[] sortedSample() {
    double[] s = Arrays.copyOf(sample, filled);
    Arrays.sort(s);
    return s;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
