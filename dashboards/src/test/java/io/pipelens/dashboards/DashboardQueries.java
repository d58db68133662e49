package io.pipelens.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Every Prometheus query in the committed dashboard JSON (what Grafana loads). */
final class DashboardQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)$", Pattern.DOTALL);

  private DashboardQueries() {}

  /** Queries of every {@code *.json} in {@code dir}, in file order. */
  static List<DashboardQuery> all(Path dir) {
    List<DashboardQuery> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.addAll(of(f.getFileName().toString(), JSON.readTree(f.toFile())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboards in " + dir, e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no dashboard queries found in " + dir);
    }
    return out;
  }

  static List<DashboardQuery> of(String file, JsonNode dashboard) {
    List<DashboardQuery> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      panel(file, p, out);
      for (JsonNode inner : p.path("panels")) {
        panel(file, inner, out);
      }
    }
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (!"query".equals(v.path("type").asText())) {
        continue;
      }
      JsonNode q = v.path("query");
      String query = q.isTextual() ? q.asText() : q.path("query").asText();
      Matcher m = LABEL_VALUES.matcher(query.strip());
      String where = file + " variable '" + v.path("name").asText() + "'";
      if (m.matches()) {
        out.add(new DashboardQuery(file, where, m.group(1), m.group(2)));
      } else {
        throw new IllegalArgumentException(where + ": expected label_values(selector, label), got '" + query + "'");
      }
    }
    return out;
  }

  private static void panel(String file, JsonNode p, List<DashboardQuery> out) {
    for (JsonNode t : p.path("targets")) {
      JsonNode expr = t.get("expr");
      if (expr != null && expr.isTextual()) {
        out.add(new DashboardQuery(file, file + " panel '" + p.path("title").asText() + "' query "
            + t.path("refId").asText(), expr.asText(), null, t.path("instant").asBoolean(false)));
      }
    }
  }
}
