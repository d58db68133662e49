package io.pipelens.drift.stats;

/**
 * Equal-width histogram with numpy's {@code histogram_bin_edges(data, bins="sturges")} edges,
 * computed on the reference and current samples together (Evidently's rule for PSI,
 * Jensen–Shannon and Hellinger on numeric features): bin width = range / (log2(n) + 1), bin count
 * = ceil(range / width), edges = linspace(min, max); a constant sample gets one bin [v-0.5, v+0.5].
 * Bins are half-open [a, b) except the last, which is closed — numpy's convention.
 */
public final class SturgesHistogram {
  private final double first;
  private final double last;
  private final double[] edges;

  private SturgesHistogram(double first, double last, int bins) {
    this.first = first;
    this.last = last;
    this.edges = new double[bins + 1];
    double step = (last - first) / bins;
    for (int i = 0; i <= bins; i++) {
      edges[i] = i * step + first;
    }
    edges[bins] = last;
  }

  /** Edges for the union of two sorted (ascending, no NaN) non-empty samples. */
  public static SturgesHistogram ofSorted(double[] x, double[] y) {
    double min = Math.min(x[0], y[0]);
    double max = Math.max(x[x.length - 1], y[y.length - 1]);
    long n = (long) x.length + y.length;
    double ptp = max - min;
    double width = ptp / (Math.log(n) / Math.log(2) + 1.0);
    int bins = width > 0 ? (int) Math.ceil(ptp / width) : 1;
    if (min == max) {
      return new SturgesHistogram(min - 0.5, max + 0.5, bins);
    }
    return new SturgesHistogram(min, max, bins);
  }

  public int bins() {
    return edges.length - 1;
  }

  public double[] edges() {
    return edges.clone();
  }

  /** Proportion of the sample in each bin (sample inside [first, last], as built). */
  public double[] proportions(double[] sample) {
    int bins = bins();
    long[] counts = new long[bins];
    double norm = bins / (last - first);
    for (double v : sample) {
      int idx = (int) ((v - first) * norm);
      if (idx >= bins) {
        idx = bins - 1;
      }
      if (idx < 0) {
        idx = 0;
      }
      if (v < edges[idx]) {
        idx--;
      } else if (idx != bins - 1 && v >= edges[idx + 1]) {
        idx++;
      }
      counts[idx]++;
    }
    double[] p = new double[bins];
    for (int i = 0; i < bins; i++) {
      p[i] = (double) counts[i] / sample.length;
    }
    return p;
  }
}
