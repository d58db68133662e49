package io.pipelens.alerts.notify.message;

import io.pipelens.alerts.template.TemplateObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's template {@code KV}: a label or annotation map that also offers
 * {@code .SortedPairs}, {@code .Names}, {@code .Values} and {@code .Remove NAMES}; any other field
 * is a key lookup (missing keys read as "").
 */
public final class KV extends TreeMap<String, String> implements TemplateObject {
  private static final long serialVersionUID = 1L;

  public KV(Map<String, String> m) {
    super(m);
  }

  /** A name/value pair of {@link #sortedPairs()}. */
  public record Pair(String Name, String Value) {}

  /** Pairs sorted by name, with "alertname" first as in Alertmanager. */
  public List<Pair> sortedPairs() {
    List<Pair> out = new ArrayList<>();
    if (containsKey("alertname")) out.add(new Pair("alertname", get("alertname")));
    forEach((k, v) -> {
      if (!k.equals("alertname")) out.add(new Pair(k, v));
    });
    return out;
  }

  @Override
  public Object field(String name, List<Object> args) {
    switch (name) {
      case "SortedPairs":
        return new Pairs(sortedPairs());
      case "Names":
        return new ArrayList<>(keySet());
      case "Values":
        return new ArrayList<>(values());
      case "Remove":
        {
          KV copy = new KV(this);
          for (Object a : args) {
            if (a instanceof Collection<?> c) c.forEach(k -> copy.remove(String.valueOf(k)));
            else copy.remove(String.valueOf(a));
          }
          return copy;
        }
      default:
        if (!args.isEmpty()) throw new IllegalArgumentException(name + " is not a method");
        return getOrDefault(name, "");
    }
  }

  /** A list of pairs with {@code .Names} and {@code .Values}. */
  public static final class Pairs extends ArrayList<Pair> implements TemplateObject {
    private static final long serialVersionUID = 1L;

    Pairs(List<Pair> pairs) {
      super(pairs);
    }

    @Override
    public Object field(String name, List<Object> args) {
      List<String> out = new ArrayList<>();
      switch (name) {
        case "Names" -> forEach(p -> out.add(p.Name()));
        case "Values" -> forEach(p -> out.add(p.Value()));
        default -> throw new IllegalArgumentException("can't evaluate field " + name + " in type template.Pairs");
      }
      return out;
    }
  }
}
