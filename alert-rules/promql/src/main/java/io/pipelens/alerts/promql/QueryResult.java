package io.pipelens.alerts.promql;

import java.util.List;

/** A query's value plus the warnings and infos Prometheus would attach to it. */
public record QueryResult(Value value, List<String> warnings, List<String> infos) {
  public QueryResult {
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }
}
