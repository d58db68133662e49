package io.pipelens.drift.report;

/** Jackson value filter that leaves NaN numbers (skipped features) out of JSON reports. */
final class NaNFilter {
  @Override
  public boolean equals(Object value) {
    return value instanceof Double d && d.isNaN();
  }

  @Override
  public int hashCode() {
    return 0;
  }
}
