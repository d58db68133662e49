package io.pipelens.collector.errors;

/**
 * Filter and order for {@link ErrorGroupStore#groups}. Empty {@code service} and {@code null}
 * {@code language} match all. A group matches the time range [{@code fromEpochNanos}, {@code
 * toEpochNanos}] when it was seen inside it (first seen <= to and last seen >= from).
 */
public record ErrorGroupQuery(
    String service, Language language, long fromEpochNanos, long toEpochNanos, Sort sort, int limit) {

  /** Result order, always descending. */
  public enum Sort {
    LAST_SEEN,
    COUNT
  }

  public static final int DEFAULT_LIMIT = 100;

  public ErrorGroupQuery {
    if (service == null) {
      service = "";
    }
    if (sort == null) {
      sort = Sort.LAST_SEEN;
    }
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0, was " + limit);
    }
    if (fromEpochNanos > toEpochNanos) {
      throw new IllegalArgumentException(
          "time range is empty: from " + fromEpochNanos + " is after to " + toEpochNanos);
    }
  }

  /** Every group, latest seen first, at most {@value #DEFAULT_LIMIT}. */
  public static ErrorGroupQuery all() {
    return new ErrorGroupQuery("", null, Long.MIN_VALUE, Long.MAX_VALUE, Sort.LAST_SEEN, DEFAULT_LIMIT);
  }

  public ErrorGroupQuery withService(String s) {
    return new ErrorGroupQuery(s, language, fromEpochNanos, toEpochNanos, sort, limit);
  }

  public ErrorGroupQuery withLanguage(Language l) {
    return new ErrorGroupQuery(service, l, fromEpochNanos, toEpochNanos, sort, limit);
  }

  public ErrorGroupQuery withTimeRange(long fromNanos, long toNanos) {
    return new ErrorGroupQuery(service, language, fromNanos, toNanos, sort, limit);
  }

  public ErrorGroupQuery withSort(Sort s) {
    return new ErrorGroupQuery(service, language, fromEpochNanos, toEpochNanos, s, limit);
  }

  public ErrorGroupQuery withLimit(int l) {
    return new ErrorGroupQuery(service, language, fromEpochNanos, toEpochNanos, sort, l);
  }

  boolean matches(ErrorGroup g) {
    return (service.isEmpty() || g.services().contains(service))
        && (language == null || g.language() == language)
        && g.firstSeenEpochNanos() <= toEpochNanos
        && g.lastSeenEpochNanos() >= fromEpochNanos;
  }
}
