package io.pipelens.collector.prom;

import io.pipelens.alerts.promql.LabelMatcher;
import io.pipelens.alerts.promql.Labels;
import io.pipelens.alerts.promql.PrometheusJson;
import io.pipelens.alerts.promql.PromqlEngine;
import io.pipelens.alerts.promql.QueryException;
import io.pipelens.alerts.promql.Series;
import io.pipelens.alerts.promql.SeriesSource;
import io.pipelens.alerts.promql.ast.Expr;
import io.pipelens.alerts.promql.ast.ParenExpr;
import io.pipelens.alerts.promql.ast.VectorSelector;
import io.pipelens.alerts.promql.parse.ParseException;
import io.pipelens.alerts.promql.parse.PromqlParser;
import io.pipelens.collector.series.MetricMetadata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Prometheus's HTTP query API ({@code /api/v1/query}, {@code query_range}, {@code series},
 * {@code labels}, {@code label/<name>/values}, {@code metadata}, {@code status/buildinfo}) over a
 * {@link SeriesSource}, so Grafana's Prometheus data source can query the collector directly.
 * Answers use Prometheus's JSON shapes and error types: {@code bad_data} (400) for bad parameters
 * and syntax, {@code execution} (422) for evaluation errors. Pure apart from the clock that
 * supplies "now" when {@code time}/{@code end} are absent; blocking CPU work, call it on a worker.
 */
public final class PrometheusApi {
  /** The Prometheus release whose query semantics and API the engine follows (see promql-compat.md). */
  static final String PROMETHEUS_VERSION = "3.0.0";
  private static final LabelMatcher ANY_METRIC = LabelMatcher.of(Labels.METRIC_NAME, LabelMatcher.Type.RE, ".+");

  private final SeriesSource source;
  private final PromqlEngine engine;
  private final Supplier<Map<String, MetricMetadata>> metadata;
  private final Clock clock;
  private final String pipelensVersion;

  public PrometheusApi(SeriesSource source, Supplier<Map<String, MetricMetadata>> metadata, Clock clock,
      String pipelensVersion) {
    this.source = source;
    this.engine = new PromqlEngine(source);
    this.metadata = metadata;
    this.clock = clock;
    this.pipelensVersion = pipelensVersion;
  }

  /** Several sources as one (the derived series store first, then the collector's own meters). */
  public static SeriesSource combine(List<SeriesSource> sources) {
    return new CombinedSource(sources);
  }

  ApiResponse query(ApiParams p) {
    return answer(() -> {
      String q = p.required("query");
      long t = p.time("time", clock.millis());
      return PrometheusJson.success(engine.instantQuery(q, t));
    });
  }

  ApiResponse queryRange(ApiParams p) {
    return answer(() -> {
      String q = p.required("query");
      long start = ApiParams.parseTime("start", p.required("start"));
      long end = ApiParams.parseTime("end", p.required("end"));
      long step = p.duration("step");
      if (end < start) {
        throw new ApiParams.BadParameter("end timestamp must not be before start time");
      }
      if (step <= 0) {
        throw new ApiParams.BadParameter(
            "zero or negative query resolution step widths are not accepted. Try a positive integer");
      }
      return PrometheusJson.success(engine.rangeQuery(q, start, end, step));
    });
  }

  ApiResponse series(ApiParams p) {
    return answer(() -> {
      if (p.all("match[]").isEmpty()) {
        throw new ApiParams.BadParameter("no match[] parameter provided");
      }
      JsonArray data = new JsonArray();
      for (Labels l : limited(p, selected(p))) {
        data.add(new JsonObject(new TreeMap<String, Object>(l.toMap())));
      }
      return success(data);
    });
  }

  ApiResponse labels(ApiParams p) {
    return answer(() -> {
      Set<String> names = new TreeSet<>();
      for (Labels l : selected(p)) {
        for (int i = 0; i < l.size(); i++) {
          names.add(l.name(i));
        }
      }
      return success(new JsonArray(limited(p, List.copyOf(names))));
    });
  }

  ApiResponse labelValues(String name, ApiParams p) {
    return answer(() -> {
      if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
        throw new ApiParams.BadParameter("invalid label name: \"" + name + "\"");
      }
      Set<String> values = new TreeSet<>();
      for (Labels l : selected(p)) {
        String v = l.get(name);
        if (v != null && !v.isEmpty()) {
          values.add(v);
        }
      }
      return success(new JsonArray(limited(p, List.copyOf(values))));
    });
  }

  ApiResponse metadata(ApiParams p) {
    return answer(() -> {
      String metric = p.get("metric");
      JsonObject data = new JsonObject();
      for (MetricMetadata m : new TreeMap<>(metadata.get()).values()) {
        if (metric == null || metric.isEmpty() || metric.equals(m.name())) {
          data.put(m.name(), new JsonArray().add(new JsonObject()
              .put("type", m.type() == io.pipelens.collector.series.MetricType.UNTYPED ? "unknown" : m.type().text())
              .put("help", m.help() == null ? "" : m.help()).put("unit", m.unit() == null ? "" : m.unit())));
        }
      }
      int limit = limit(p);
      if (limit > 0 && data.size() > limit) {
        JsonObject cut = new JsonObject();
        data.fieldNames().stream().sorted().limit(limit).forEach(n -> cut.put(n, data.getValue(n)));
        return success(cut);
      }
      return success(data);
    });
  }

  ApiResponse buildInfo() {
    return new ApiResponse(200, new JsonObject().put("status", "success").put("data", new JsonObject()
        .put("version", PROMETHEUS_VERSION)
        .put("revision", "pipelens-" + pipelensVersion)
        .put("branch", "")
        .put("buildUser", "pipelens")
        .put("buildDate", "")
        .put("goVersion", "none (pipelens collector " + pipelensVersion + ", Java)")).encode());
  }

  /** Label sets of the series that match any {@code match[]} selector (all series without one) in [start, end]. */
  private List<Labels> selected(ApiParams p) {
    long start = p.time("start", Long.MIN_VALUE / 2);
    long end = p.time("end", Long.MAX_VALUE / 2);
    if (end < start) {
      throw new ApiParams.BadParameter("end timestamp must not be before start time");
    }
    List<List<LabelMatcher>> selectors = new ArrayList<>();
    for (String m : p.all("match[]")) {
      selectors.add(matchers(m));
    }
    if (selectors.isEmpty()) {
      selectors.add(List.of(ANY_METRIC));
    }
    Set<Labels> out = new TreeSet<>();
    for (List<LabelMatcher> s : selectors) {
      for (Series series : source.select(s, start, end)) {
        out.add(series.labels());
      }
    }
    return List.copyOf(out);
  }

  private static List<LabelMatcher> matchers(String selector) {
    Expr e;
    try {
      e = PromqlParser.parse(selector);
    } catch (ParseException bad) {
      throw new ApiParams.BadParameter("invalid parameter \"match[]\": " + bad.getMessage());
    }
    while (e instanceof ParenExpr paren) {
      e = paren.expr();
    }
    if (!(e instanceof VectorSelector vs)) {
      throw new ApiParams.BadParameter("invalid parameter \"match[]\": expected a series selector, got \""
          + selector + "\"");
    }
    if (vs.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
      throw new ApiParams.BadParameter("match[] must contain at least one non-empty matcher");
    }
    return vs.matchers();
  }

  private static int limit(ApiParams p) {
    String v = p.get("limit");
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(v));
    } catch (NumberFormatException e) {
      throw new ApiParams.BadParameter("invalid parameter \"limit\": cannot parse \"" + v + "\" to a valid limit");
    }
  }

  private static <T> List<T> limited(ApiParams p, List<T> items) {
    int limit = limit(p);
    return limit > 0 && items.size() > limit ? items.subList(0, limit) : items;
  }

  private static String success(Object data) {
    return new JsonObject().put("status", "success").put("data", data).encode();
  }

  private static ApiResponse answer(Supplier<String> body) {
    try {
      return new ApiResponse(200, body.get());
    } catch (ParseException e) {
      return error(400, "bad_data", e.getMessage());
    } catch (QueryException e) {
      return error(422, "execution", e.getMessage());
    } catch (IllegalArgumentException e) {
      return error(400, "bad_data", e.getMessage());
    } catch (RuntimeException e) {
      return error(500, "internal", String.valueOf(e.getMessage()));
    }
  }

  private static ApiResponse error(int status, String type, String message) {
    return new ApiResponse(status, PrometheusJson.error(type, message));
  }

  /** The parameter-only endpoints by their path under {@code /api/v1/}. */
  static Map<String, Function<ApiParams, ApiResponse>> handlers(PrometheusApi api) {
    return Map.of("query", api::query, "query_range", api::queryRange, "series", api::series,
        "labels", api::labels, "metadata", api::metadata);
  }
}
