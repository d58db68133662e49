package io.pipelens.alerts.notify.config;

import io.pipelens.alerts.notify.timeinterval.TimeInterval;
import io.pipelens.alerts.notify.timeinterval.TimeInterval.Range;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads Alertmanager's time interval syntax (times, weekdays, days_of_month, months, years, location). */
final class TimeIntervalReader {
  private static final List<String> WEEKDAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
  private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
      "august", "september", "october", "november", "december");

  private TimeIntervalReader() {}

  static TimeInterval read(YamlNode n) {
    List<Range> times = new ArrayList<>();
    for (YamlNode t : n.list("times")) {
      Integer s = minutes(t, "start_time");
      Integer e = minutes(t, "end_time");
      if (s != null && e != null) {
        if (e <= s) t.error("end_time", "must be after start_time");
        times.add(new Range(s, e));
      }
      t.finish();
    }
    List<Range> weekdays = ranges(n, "weekdays", WEEKDAYS, 0, 6, false);
    List<Range> days = ranges(n, "days_of_month", null, -31, 31, true);
    List<Range> months = ranges(n, "months", MONTHS, 1, 12, false);
    List<Range> years = ranges(n, "years", null, 1, 9999, false);
    ZoneId zone = ZoneOffset.UTC;
    String loc = n.string("location");
    if (loc != null && !loc.equals("UTC")) {
      try {
        zone = loc.equals("Local") ? ZoneId.systemDefault() : ZoneId.of(loc);
      } catch (DateTimeException e) {
        n.error("location", "unknown time zone \"" + loc + "\"");
      }
    }
    n.finish();
    return new TimeInterval(times, weekdays, days, months, years, zone);
  }

  private static Integer minutes(YamlNode n, String key) {
    String s = n.required(key);
    if (s == null) return null;
    if (!s.matches("\\d{1,2}:\\d{2}")) {
      n.error(key, "expected HH:MM, got \"" + s + "\"");
      return null;
    }
    int h = Integer.parseInt(s.substring(0, s.indexOf(':')));
    int m = Integer.parseInt(s.substring(s.indexOf(':') + 1));
    if (h > 24 || m > 59 || (h == 24 && m != 0)) {
      n.error(key, "time out of range: \"" + s + "\"");
      return null;
    }
    return h * 60 + m;
  }

  private static List<Range> ranges(YamlNode n, String key, List<String> names, int min, int max, boolean negative) {
    List<Range> out = new ArrayList<>();
    List<String> raw = n.strings(key);
    for (int i = 0; i < raw.size(); i++) {
      String s = raw.get(i).trim().toLowerCase(Locale.ROOT);
      int colon = s.indexOf(':', negative && s.startsWith("-") ? 1 : 0);
      String a = colon < 0 ? s : s.substring(0, colon);
      String b = colon < 0 ? s : s.substring(colon + 1);
      Integer x = value(a, names, min, max, negative);
      Integer y = value(b, names, min, max, negative);
      if (x == null || y == null) {
        n.error(key + "[" + i + "]", "invalid " + key + " range \"" + raw.get(i) + "\"");
        continue;
      }
      if (x > y && (!negative || (x > 0) == (y > 0))) {
        n.error(key + "[" + i + "]", "start of range must not be after its end: \"" + raw.get(i) + "\"");
        continue;
      }
      out.add(new Range(x, y));
    }
    return out;
  }

  private static Integer value(String s, List<String> names, int min, int max, boolean negative) {
    if (names != null) {
      int idx = names.indexOf(s);
      if (idx >= 0) return idx + min;
    }
    try {
      int v = Integer.parseInt(s);
      if (v == 0 && negative) return null;
      return v >= min && v <= max ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
