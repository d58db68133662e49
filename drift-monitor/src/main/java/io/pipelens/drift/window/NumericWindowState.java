package io.pipelens.drift.window;

/**
 * Serialisable state of one numeric feature's window, counted into the reference's bins.
 *
 * @param count non-missing values seen
 * @param missing missing (or non-numeric) values seen
 * @param under values &lt;= the reference minimum
 * @param underArea sum of (reference minimum - value) over those values
 * @param bins counts per reference bin (edges[i], edges[i+1]]
 * @param over values &gt; the reference maximum
 * @param overArea sum of (value - reference maximum) over those values
 * @param sample all values while count &lt;= capacity, afterwards a uniform sample of that size
 */
public record NumericWindowState(
    long count, long missing, long under, double underArea, long[] bins, long over, double overArea,
    double[] sample) {}
