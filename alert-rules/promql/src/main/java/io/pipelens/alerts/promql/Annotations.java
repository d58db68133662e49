package io.pipelens.alerts.promql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Warnings and infos collected during one evaluation, with Prometheus's message texts ("PromQL
 * warning: ...", "PromQL info: ..."). Not thread-safe; one instance per query.
 */
public final class Annotations {
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Set<String> infos = new LinkedHashSet<>();

  public void warn(String message) {
    warnings.add("PromQL warning: " + message);
  }

  public void info(String message) {
    infos.add("PromQL info: " + message);
  }

  public List<String> warnings() {
    return List.copyOf(new ArrayList<>(warnings));
  }

  public List<String> infos() {
    return List.copyOf(new ArrayList<>(infos));
  }
}
