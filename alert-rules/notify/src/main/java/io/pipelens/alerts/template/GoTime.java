package io.pipelens.alerts.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * A Go {@code time.Time} for templates: prints like Go ({@code 2006-01-02 15:04:05.999999999 -0700 MST})
 * and offers {@code .Format LAYOUT}, {@code .Unix}, {@code .UnixMilli}, {@code .UTC}, {@code .Local},
 * {@code .IsZero}.
 */
public record GoTime(ZonedDateTime time) implements TemplateObject {
  /** Go's zero time, 0001-01-01T00:00:00Z, which Alertmanager uses for "not set". */
  public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  public static GoTime of(Instant instant) {
    return new GoTime(instant.atZone(ZoneOffset.UTC));
  }

  public boolean isZero() {
    return time.toInstant().equals(ZERO);
  }

  @Override
  public Object field(String name, List<Object> args) {
    switch (name) {
      case "Format":
        if (args.size() != 1) throw new IllegalArgumentException("Format takes one layout argument");
        return format(String.valueOf(args.get(0)));
      case "Unix":
        return time.toEpochSecond();
      case "UnixMilli":
        return time.toInstant().toEpochMilli();
      case "UTC":
        return new GoTime(time.withZoneSameInstant(ZoneOffset.UTC));
      case "Local":
        return new GoTime(time.withZoneSameInstant(ZoneId.systemDefault()));
      case "IsZero":
        return isZero();
      default:
        throw new IllegalArgumentException("can't evaluate field " + name + " in type time.Time");
    }
  }

  @Override
  public String toString() {
    String s = format("2006-01-02 15:04:05.999999999 -0700 MST");
    return s;
  }

  /** Formats with a Go reference-time layout (Mon Jan 2 15:04:05 MST 2006). */
  public String format(String layout) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < layout.length()) {
      String rest = layout.substring(i);
      String[][] table = {
        {"January", month(TextStyle.FULL)}, {"Jan", month(TextStyle.SHORT)},
        {"Monday", day(TextStyle.FULL)}, {"Mon", day(TextStyle.SHORT)},
        {"MST", zoneAbbrev()}, {"2006", String.format("%04d", time.getYear())},
        {"Z07:00", offset(true, true)}, {"-07:00", offset(false, true)},
        {"Z0700", offset(true, false)}, {"-0700", offset(false, false)},
        {"-07", offset(false, false).substring(0, 3)},
        {"01", two(time.getMonthValue())}, {"02", two(time.getDayOfMonth())},
        {"_2", String.format("%2d", time.getDayOfMonth())},
        {"15", two(time.getHour())}, {"03", two(hour12())}, {"04", two(time.getMinute())},
        {"05", two(time.getSecond())}, {"06", two(time.getYear() % 100)},
        {"PM", time.getHour() >= 12 ? "PM" : "AM"}, {"pm", time.getHour() >= 12 ? "pm" : "am"},
        {"1", String.valueOf(time.getMonthValue())}, {"2", String.valueOf(time.getDayOfMonth())},
        {"3", String.valueOf(hour12())}, {"4", String.valueOf(time.getMinute())},
        {"5", String.valueOf(time.getSecond())},
      };
      if ((rest.startsWith(".0") || rest.startsWith(".9") || rest.startsWith(",0") || rest.startsWith(",9"))) {
        char d = rest.charAt(1);
        int n = 1;
        while (n < rest.length() && rest.charAt(n) == d) n++;
        int digits = n - 1;
        if (n >= rest.length() || !Character.isDigit(rest.charAt(n))) {
          String nanos = String.format("%09d", time.getNano()).substring(0, Math.min(9, digits));
          if (d == '9') {
            nanos = nanos.replaceAll("0+$", "");
            if (!nanos.isEmpty()) sb.append('.').append(nanos);
          } else {
            sb.append(rest.charAt(0)).append(nanos);
          }
          i += n;
          continue;
        }
      }
      boolean matched = false;
      for (String[] t : table) {
        if (rest.startsWith(t[0])) {
          sb.append(t[1]);
          i += t[0].length();
          matched = true;
          break;
        }
      }
      if (!matched) sb.append(layout.charAt(i++));
    }
    return sb.toString();
  }

  private int hour12() {
    int h = time.getHour() % 12;
    return h == 0 ? 12 : h;
  }

  private static String two(int v) {
    return String.format("%02d", v);
  }

  private String month(TextStyle style) {
    return time.getMonth().getDisplayName(style, Locale.ENGLISH);
  }

  private String day(TextStyle style) {
    return time.getDayOfWeek().getDisplayName(style, Locale.ENGLISH);
  }

  private String zoneAbbrev() {
    if (time.getZone().equals(ZoneOffset.UTC) || time.getZone().getId().equals("UTC")) return "UTC";
    String s = java.time.format.DateTimeFormatter.ofPattern("z", Locale.ENGLISH).format(time);
    return s.startsWith("GMT") || s.startsWith("UTC") ? offset(false, false) : s;
  }

  private String offset(boolean zForUtc, boolean colon) {
    int secs = time.getOffset().getTotalSeconds();
    if (secs == 0 && zForUtc) return "Z";
    int abs = Math.abs(secs);
    return (secs < 0 ? "-" : "+") + two(abs / 3600) + (colon ? ":" : "") + two(abs / 60 % 60);
  }
}
