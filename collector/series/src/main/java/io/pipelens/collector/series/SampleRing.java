package io.pipelens.collector.series;

import java.util.ArrayList;
import java.util.List;

/**
 * A growable ring buffer of samples ordered by time, bounded by a capacity; the oldest sample is
 * overwritten when full. Not thread-safe: the owning series synchronises.
 */
final class SampleRing {
  private final int capacity;
  private long[] ts = new long[4];
  private double[] values = new double[4];
  private int head;
  private int size;

  SampleRing(int capacity) {
    this.capacity = capacity;
  }

  int size() {
    return size;
  }

  long lastTimestamp() {
    return ts[index(size - 1)];
  }

  Sample last() {
    return size == 0 ? null : new Sample(ts[index(size - 1)], values[index(size - 1)]);
  }

  /** Appends a sample not older than the last one; same timestamp replaces the value. */
  void add(long timestampMs, double value) {
    if (size > 0 && ts[index(size - 1)] == timestampMs) {
      values[index(size - 1)] = value;
      return;
    }
    if (size == ts.length && size < capacity) {
      grow();
    }
    if (size == capacity) {
      head = (head + 1) % ts.length;
      size--;
    }
    int i = index(size);
    ts[i] = timestampMs;
    values[i] = value;
    size++;
  }

  /** Drops samples older than {@code minTimestampMs}. */
  void dropBefore(long minTimestampMs) {
    while (size > 0 && ts[head] < minTimestampMs) {
      head = (head + 1) % ts.length;
      size--;
    }
  }

  List<Sample> range(long minMs, long maxMs) {
    List<Sample> out = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      int i = index(k);
      if (ts[i] >= minMs && ts[i] <= maxMs) {
        out.add(new Sample(ts[i], values[i]));
      }
    }
    return out;
  }

  private int index(int k) {
    return (head + k) % ts.length;
  }

  private void grow() {
    int n = Math.min(capacity, ts.length * 2);
    long[] nts = new long[n];
    double[] nv = new double[n];
    for (int k = 0; k < size; k++) {
      nts[k] = ts[index(k)];
      nv[k] = values[index(k)];
    }
    ts = nts;
    values = nv;
    head = 0;
  }
}
