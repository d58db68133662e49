package io.pipelens.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import zipkin2.Endpoint;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/**
 * Spans and Zipkin searches shared by {@link ZipkinSearchTest} and {@link
 * ZipkinServerComparisonTest}: three traces of a frontend and a backend (one an hour old), and the
 * answer each query must give, newest first. Every criterion of a query is met by one span, where
 * pipelens (span-level matching) and Zipkin (per-criterion matching) agree.
 */
final class ZipkinSearchData {
  static final String ORDERS = "463ac35c9f6413ad48485a3953bb6124";
  static final String USERS = "463ac35c9f6413ad48485a3953bb6125";
  static final String OLD = "463ac35c9f6413ad48485a3953bb6126";

  /**
   * Queries (without the leading {@code ?}) as Grafana's Zipkin data source sends them, each with
   * its answer, newest first. The default lookback (one day) includes the hour-old trace.
   */
  static final Map<String, List<String>> QUERIES = new LinkedHashMap<>();

  static {
    QUERIES.put("serviceName=frontend", List.of(USERS, ORDERS, OLD));
    QUERIES.put("serviceName=FRONTEND&limit=1", List.of(USERS));
    QUERIES.put("serviceName=frontend&spanName=" + enc("GET /orders"), List.of(ORDERS, OLD));
    QUERIES.put("serviceName=frontend&spanName=select", List.of(ORDERS));
    QUERIES.put("serviceName=frontend&spanName=all", List.of(USERS, ORDERS, OLD));
    QUERIES.put("serviceName=backend", List.of(USERS));
    QUERIES.put("serviceName=frontend&annotationQuery=" + enc("http.method=GET"), List.of(USERS, ORDERS));
    QUERIES.put("serviceName=frontend&annotationQuery=" + enc("http.method=POST"), List.of(OLD));
    QUERIES.put("serviceName=frontend&annotationQuery=error", List.of(ORDERS));
    QUERIES.put("serviceName=frontend&annotationQuery=wire.recv", List.of(ORDERS));
    QUERIES.put("serviceName=frontend&annotationQuery=" + enc("http.path=/users and http.method=GET"),
        List.of(USERS));
    QUERIES.put("serviceName=frontend&minDuration=100000", List.of(ORDERS));
    QUERIES.put("serviceName=frontend&minDuration=50000&maxDuration=100000", List.of(USERS, ORDERS));
    QUERIES.put("serviceName=frontend&remoteServiceName=postgres", List.of(ORDERS));
    QUERIES.put("serviceName=nobody", List.of());
    QUERIES.put("serviceName=frontend&lookback=1800000", List.of(USERS, ORDERS));
    QUERIES.put("lookback=1800000", List.of(USERS, ORDERS));
    QUERIES.put("annotationQuery=" + enc("http.method=POST"), List.of(OLD));
  }

  final long nowMicros;
  private final Map<String, List<Span>> traces = new LinkedHashMap<>();

  ZipkinSearchData(long nowMicros) {
    this.nowMicros = nowMicros;
    Endpoint frontend = Endpoint.newBuilder().serviceName("frontend").build();
    Endpoint backend = Endpoint.newBuilder().serviceName("backend").build();
    long t1 = nowMicros - 20_000_000;
    traces.put(ORDERS, List.of(
        Span.newBuilder().traceId(ORDERS).id("a2fb4a1d1a96d312").name("get /orders")
            .kind(Span.Kind.SERVER).timestamp(t1).duration(150_000).localEndpoint(frontend)
            .putTag("http.method", "GET").putTag("http.path", "/orders")
            .addAnnotation(t1 + 10, "wire.recv").build(),
        Span.newBuilder().traceId(ORDERS).id("0020000000000001").parentId("a2fb4a1d1a96d312")
            .name("select").kind(Span.Kind.CLIENT).timestamp(t1 + 20).duration(80_000)
            .localEndpoint(frontend)
            .remoteEndpoint(Endpoint.newBuilder().serviceName("postgres").ip("10.0.0.7").port(5432)
                .build())
            .putTag("error", "connection reset").putTag("otel.status_code", "ERROR").build()));
    long t2 = nowMicros - 10_000_000;
    traces.put(USERS, List.of(
        Span.newBuilder().traceId(USERS).id("b2fb4a1d1a96d312").name("get /users")
            .kind(Span.Kind.SERVER).timestamp(t2).duration(60_000).localEndpoint(frontend)
            .putTag("http.method", "GET").putTag("http.path", "/users").build(),
        Span.newBuilder().traceId(USERS).id("b020000000000001").parentId("b2fb4a1d1a96d312")
            .name("lookup").kind(Span.Kind.SERVER).timestamp(t2 + 30).duration(20_000)
            .localEndpoint(backend).build()));
    long t3 = nowMicros - 3_600_000_000L;
    traces.put(OLD, List.of(
        Span.newBuilder().traceId(OLD).id("c2fb4a1d1a96d312").name("get /orders")
            .kind(Span.Kind.SERVER).timestamp(t3).duration(40_000).localEndpoint(frontend)
            .putTag("http.method", "POST").build()));
  }

  List<Span> trace(String id) {
    return traces.get(id);
  }

  void postTo(HttpClient http, String spansUrl) throws Exception {
    for (List<Span> t : traces.values()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(spansUrl))
          .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(SpanBytesEncoder.JSON_V2.encodeList(t)))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
  }

  static List<String> traceIds(List<List<Span>> traces) {
    return traces.stream().map(t -> t.get(0).traceId()).toList();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
