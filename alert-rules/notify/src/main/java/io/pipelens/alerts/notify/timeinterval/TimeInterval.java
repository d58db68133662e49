package io.pipelens.alerts.notify.timeinterval;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One entry of an Alertmanager {@code time_intervals[].time_intervals} list. An empty list of a
 * kind means "any". All conditions must hold. Times are minutes of the day, end exclusive.
 */
public record TimeInterval(
    List<Range> times,
    List<Range> weekdays,
    List<Range> daysOfMonth,
    List<Range> months,
    List<Range> years,
    ZoneId location) {

  /** An inclusive range (exclusive end for {@code times}). Negative days of month count from the end. */
  public record Range(int begin, int end) {}

  public boolean contains(Instant instant) {
    ZonedDateTime t = instant.atZone(location);
    if (!times.isEmpty()) {
      int minute = t.getHour() * 60 + t.getMinute();
      if (times.stream().noneMatch(r -> minute >= r.begin && minute < r.end)) return false;
    }
    if (!weekdays.isEmpty()) {
      int day = t.getDayOfWeek().getValue() % 7; // sunday = 0 as in Go
      if (weekdays.stream().noneMatch(r -> day >= r.begin && day <= r.end)) return false;
    }
    if (!daysOfMonth.isEmpty()) {
      int len = t.toLocalDate().lengthOfMonth();
      int day = t.getDayOfMonth();
      boolean any = false;
      for (Range r : daysOfMonth) {
        int b = r.begin < 0 ? len + r.begin + 1 : r.begin;
        int e = r.end < 0 ? len + r.end + 1 : r.end;
        if (day >= b && day <= e) any = true;
      }
      if (!any) return false;
    }
    if (!months.isEmpty()) {
      int m = t.getMonthValue();
      if (months.stream().noneMatch(r -> m >= r.begin && m <= r.end)) return false;
    }
    if (!years.isEmpty()) {
      int y = t.getYear();
      if (years.stream().noneMatch(r -> y >= r.begin && y <= r.end)) return false;
    }
    return true;
  }

  /** True if any of the intervals contains the instant. */
  public static boolean anyContains(List<TimeInterval> intervals, Instant t) {
    for (TimeInterval i : intervals) {
      if (i.contains(t)) return true;
    }
    return false;
  }
}
