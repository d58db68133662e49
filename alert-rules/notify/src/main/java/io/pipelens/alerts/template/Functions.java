package io.pipelens.alerts.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in functions: Go text/template's, Alertmanager's notification-template extras and
 * Prometheus' rule-template extras ({@code humanize*}).
 */
final class Functions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Functions() {}

  static Map<String, TemplateFunction> defaults() {
    Map<String, TemplateFunction> f = new HashMap<>();
    // Go text/template builtins ("and"/"or" are evaluated lazily by the executor)
    f.put("and", args -> null);
    f.put("or", args -> null);
    f.put("not", args -> !Values.truth(one(args, "not")));
    f.put("eq", Functions::eq);
    f.put("ne", args -> !Values.equal(two(args, "ne")[0], args.get(1)));
    f.put("lt", args -> Values.compare(two(args, "lt")[0], args.get(1)) < 0);
    f.put("le", args -> Values.compare(two(args, "le")[0], args.get(1)) <= 0);
    f.put("gt", args -> Values.compare(two(args, "gt")[0], args.get(1)) > 0);
    f.put("ge", args -> Values.compare(two(args, "ge")[0], args.get(1)) >= 0);
    f.put("len", args -> (long) Values.length(one(args, "len")));
    f.put("index", Functions::index);
    f.put("slice", Functions::slice);
    f.put("print", GoFormat::sprint);
    f.put("println", GoFormat::sprintln);
    f.put("printf", args -> {
      if (args.isEmpty()) throw new IllegalArgumentException("printf needs a format");
      return GoFormat.sprintf(String.valueOf(args.get(0)), args.subList(1, args.size()));
    });
    f.put("html", args -> html(GoFormat.sprint(args)));
    f.put("js", args -> js(GoFormat.sprint(args)));
    f.put("urlquery", args -> URLEncoder.encode(GoFormat.sprint(args), StandardCharsets.UTF_8));
    f.put("call", args -> {
      throw new IllegalArgumentException("call is not supported");
    });
    // Alertmanager
    f.put("toUpper", args -> str(one(args, "toUpper")).toUpperCase());
    f.put("toLower", args -> str(one(args, "toLower")).toLowerCase());
    f.put("title", args -> title(str(one(args, "title"))));
    f.put("trimSpace", args -> str(one(args, "trimSpace")).strip());
    f.put("join", args -> {
      Object[] a = two(args, "join");
      return String.join(str(a[0]), strings(a[1]));
    });
    f.put("match", args -> Pattern.compile(str(two(args, "match")[0])).matcher(str(args.get(1))).find());
    f.put("reReplaceAll", args -> {
      if (args.size() != 3) throw new IllegalArgumentException("reReplaceAll takes pattern, replacement, text");
      return Pattern.compile(str(args.get(0))).matcher(str(args.get(2))).replaceAll(goReplacement(str(args.get(1))));
    });
    f.put("safeHtml", args -> str(one(args, "safeHtml")));
    f.put("safeUrl", args -> str(one(args, "safeUrl")));
    f.put("urlUnescape", args -> URLDecoder.decode(str(one(args, "urlUnescape")), StandardCharsets.UTF_8));
    f.put("stringSlice", args -> {
      List<String> out = new ArrayList<>();
      for (Object a : args) out.add(str(a));
      return out;
    });
    f.put("date", args -> time(two(args, "date")[1]).format(str(args.get(0))));
    f.put("tz", args -> {
      Object[] a = two(args, "tz");
      return new GoTime(time(a[1]).time().withZoneSameInstant(ZoneId.of(str(a[0]))));
    });
    f.put("since", args -> Duration.between(time(one(args, "since")).time().toInstant(), Instant.now()));
    f.put("toJson", args -> {
      try {
        return JSON.writeValueAsString(one(args, "toJson"));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("toJson: " + e.getOriginalMessage());
      }
    });
    // Prometheus
    f.put("humanize", args -> Humanize.humanize(Humanize.single(args, "humanize")));
    f.put("humanize1024", args -> Humanize.humanize1024(Humanize.single(args, "humanize1024")));
    f.put("humanizeDuration", args -> Humanize.duration(Humanize.single(args, "humanizeDuration")));
    f.put("humanizePercentage", args -> Humanize.percentage(Humanize.single(args, "humanizePercentage")));
    f.put("humanizeTimestamp", args -> Humanize.timestamp(Humanize.single(args, "humanizeTimestamp")));
    f.put("toTime", args -> {
      double v = Values.toDouble(one(args, "toTime"));
      return GoTime.of(Instant.ofEpochMilli((long) (v * 1000)));
    });
    return f;
  }

  private static Object one(List<Object> args, String fn) {
    if (args.size() != 1) throw new IllegalArgumentException("wrong number of args for " + fn + ": want 1 got " + args.size());
    return args.get(0);
  }

  private static Object[] two(List<Object> args, String fn) {
    if (args.size() != 2) throw new IllegalArgumentException("wrong number of args for " + fn + ": want 2 got " + args.size());
    return args.toArray();
  }

  private static String str(Object o) {
    return o instanceof String s ? s : GoFormat.value(o);
  }

  private static GoTime time(Object o) {
    if (o instanceof GoTime t) return t;
    if (o instanceof Instant i) return GoTime.of(i);
    throw new IllegalArgumentException("expected a time, got " + GoFormat.value(o));
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof Collection<?> c) {
      for (Object x : c) out.add(str(x));
      return out;
    }
    throw new IllegalArgumentException("expected a list of strings, got " + GoFormat.value(o));
  }

  private static Object eq(List<Object> args) {
    if (args.size() < 2) throw new IllegalArgumentException("missing argument for comparison");
    for (int i = 1; i < args.size(); i++) {
      if (Values.equal(args.get(0), args.get(i))) return true;
    }
    return false;
  }

  private static Object index(List<Object> args) {
    if (args.isEmpty()) throw new IllegalArgumentException("index of untyped nil");
    Object v = args.get(0);
    for (Object key : args.subList(1, args.size())) {
      if (v instanceof List<?> l) {
        int i = toIndex(key);
        if (i < 0 || i >= l.size()) throw new IllegalArgumentException("index out of range: " + i);
        v = l.get(i);
      } else if (v instanceof Map<?, ?> m) {
        Object r = m.get(key instanceof String ? key : str(key));
        v = r == null ? (m.containsKey(key) ? null : "") : r;
      } else if (v instanceof String s) {
        int i = toIndex(key);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (i < 0 || i >= b.length) throw new IllegalArgumentException("index out of range: " + i);
        v = (long) (b[i] & 0xff);
      } else {
        throw new IllegalArgumentException("can't index item of type " + (v == null ? "nil" : v.getClass().getSimpleName()));
      }
    }
    return v;
  }

  private static Object slice(List<Object> args) {
    Object v = args.get(0);
    int from = args.size() > 1 ? toIndex(args.get(1)) : 0;
    if (v instanceof String s) {
      int to = args.size() > 2 ? toIndex(args.get(2)) : s.length();
      return s.substring(from, to);
    }
    if (v instanceof List<?> l) {
      int to = args.size() > 2 ? toIndex(args.get(2)) : l.size();
      return new ArrayList<>(l.subList(from, to));
    }
    throw new IllegalArgumentException("can't slice item of type " + (v == null ? "nil" : v.getClass().getSimpleName()));
  }

  private static int toIndex(Object key) {
    if (key instanceof Number n && Values.isInt(n)) return n.intValue();
    throw new IllegalArgumentException("cannot index slice/array with type " + GoFormat.value(key));
  }

  static String html(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("&#34;");
        case '\'' -> sb.append("&#39;");
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\0' -> sb.append("\uFFFD");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String js(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '"' -> sb.append("\\\"");
        case '<' -> sb.append("\\u003C");
        case '>' -> sb.append("\\u003E");
        case '&' -> sb.append("\\u0026");
        case '=' -> sb.append("\\u003D");
        default -> {
          if (c < ' ') sb.append(String.format("\\u%04X", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  /** Like golang.org/x/text/cases.Title (Alertmanager and Prometheus): first letter up, the rest down. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder();
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(start ? Character.toTitleCase(c) : Character.toLowerCase(c));
      start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
    }
    return sb.toString();
  }

  /** Go's regexp uses $1 / ${1} / ${name}; Java the same except it rejects unknown names. */
  private static String goReplacement(String repl) {
    return repl.replace("\\", "\\\\");
  }
}
