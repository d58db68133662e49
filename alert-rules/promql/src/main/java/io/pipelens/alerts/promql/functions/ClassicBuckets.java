package io.pipelens.alerts.promql.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Quantile and fraction over classic cumulative {@code le} buckets (Prometheus's BucketQuantile/BucketFraction). */
final class ClassicBuckets {
  record Bucket(double upperBound, double count) {}

  /** Result value plus whether monotonicity had to be forced. */
  record Result(double value, boolean forcedMonotonic) {}

  private static final double SMALL_DELTA_TOLERANCE = 1e-12;

  private ClassicBuckets() {}

  static Result quantile(double q, List<Bucket> input) {
    if (Double.isNaN(q)) {
      return new Result(Double.NaN, false);
    }
    if (q < 0) {
      return new Result(Double.NEGATIVE_INFINITY, false);
    }
    if (q > 1) {
      return new Result(Double.POSITIVE_INFINITY, false);
    }
    List<Bucket> b = sorted(input);
    if (b.get(b.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return new Result(Double.NaN, false);
    }
    b = coalesce(b);
    boolean forced = ensureMonotonic(b);
    if (b.size() < 2) {
      return new Result(Double.NaN, forced);
    }
    double observations = b.get(b.size() - 1).count();
    if (observations == 0) {
      return new Result(Double.NaN, forced);
    }
    double rank = q * observations;
    int i = 0;
    while (i < b.size() - 1 && !(b.get(i).count() >= rank)) {
      i++;
    }
    if (i == b.size() - 1) {
      return new Result(b.get(b.size() - 2).upperBound(), forced);
    }
    if (i == 0 && b.get(0).upperBound() <= 0) {
      return new Result(b.get(0).upperBound(), forced);
    }
    double start = 0;
    double end = b.get(i).upperBound();
    double count = b.get(i).count();
    if (i > 0) {
      start = b.get(i - 1).upperBound();
      count -= b.get(i - 1).count();
      rank -= b.get(i - 1).count();
    }
    return new Result(start + (end - start) * (rank / count), forced);
  }

  static double fraction(double lower, double upper, List<Bucket> input) {
    List<Bucket> b = sorted(input);
    if (b.get(b.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    b = coalesce(b);
    double count = b.get(b.size() - 1).count();
    if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
      return Double.NaN;
    }
    if (lower >= upper) {
      return 0;
    }
    double rank = 0;
    double lowerRank = 0;
    double upperRank = 0;
    boolean lowerSet = false;
    boolean upperSet = false;
    for (int i = 0; i < b.size(); i++) {
      // Like histogram_quantile, the first bucket starts at 0 when its upper bound is positive.
      double lowerBound = i > 0 ? b.get(i - 1).upperBound() : b.get(0).upperBound() > 0 ? 0 : Double.NEGATIVE_INFINITY;
      double upperBound = b.get(i).upperBound();
      double bucketCount = b.get(i).count();
      if (!lowerSet && lowerBound >= lower) {
        lowerRank = rank;
        lowerSet = true;
      }
      if (!upperSet && lowerBound >= upper) {
        upperRank = rank;
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      if (!lowerSet && lowerBound < lower && upperBound > lower) {
        lowerRank = interpolate(rank, bucketCount, lowerBound, upperBound, lower);
        lowerSet = true;
      }
      if (!upperSet && lowerBound < upper && upperBound > upper) {
        upperRank = interpolate(rank, bucketCount, lowerBound, upperBound, upper);
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      rank = bucketCount;
    }
    if (!lowerSet || lowerRank > count) {
      lowerRank = count;
    }
    if (!upperSet || upperRank > count) {
      upperRank = count;
    }
    return (upperRank - lowerRank) / count;
  }

  private static double interpolate(double rank, double count, double lowerBound, double upperBound, double v) {
    // No interpolation inside a bucket of infinite width: its observations sit at the infinite end.
    if (Double.isInfinite(upperBound)) {
      return rank;
    }
    if (Double.isInfinite(lowerBound)) {
      return count;
    }
    return rank + (count - rank) * (v - lowerBound) / (upperBound - lowerBound);
  }

  private static List<Bucket> sorted(List<Bucket> in) {
    List<Bucket> b = new ArrayList<>(in);
    b.sort(Comparator.comparingDouble(Bucket::upperBound));
    return b;
  }

  private static List<Bucket> coalesce(List<Bucket> b) {
    List<Bucket> out = new ArrayList<>();
    Bucket last = b.get(0);
    for (int i = 1; i < b.size(); i++) {
      Bucket x = b.get(i);
      if (x.upperBound() == last.upperBound()) {
        last = new Bucket(last.upperBound(), last.count() + x.count());
      } else {
        out.add(last);
        last = x;
      }
    }
    out.add(last);
    return out;
  }

  private static boolean ensureMonotonic(List<Bucket> b) {
    boolean forced = false;
    double prev = b.get(0).count();
    for (int i = 1; i < b.size(); i++) {
      double curr = b.get(i).count();
      if (curr == prev) {
        continue;
      }
      if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
        b.set(i, new Bucket(b.get(i).upperBound(), prev));
        continue;
      }
      if (curr < prev) {
        b.set(i, new Bucket(b.get(i).upperBound(), prev));
        forced = true;
        continue;
      }
      prev = curr;
    }
    return forced;
  }

  static boolean almostEqual(double a, double b, double epsilon) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < epsilon * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }
}
