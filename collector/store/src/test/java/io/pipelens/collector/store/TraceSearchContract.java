package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.resource;
import static io.pipelens.collector.store.TelemetryFixtures.spanId;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace search, services and operations: what every {@link TelemetryStore} must answer, whatever
 * its encoding of attributes. {@link TelemetryStoreContract} extends this, so a backend's test gets
 * these by extending that.
 */
public abstract class TraceSearchContract {
  static final long SECOND = 1_000_000_000L;
  static final long MS = 1_000_000L;

  @TempDir protected Path directory;
  protected TelemetryStore store;

  /** Opens a fresh, empty store that keeps its files (if any) under {@code directory}. */
  protected abstract TelemetryStore openStore(Path directory) throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore(directory);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  protected void write(TelemetryBatch... batches) throws StoreException {
    store.write(List.of(batches));
  }

  /** A span with the searchable fields given and nothing else of note. */
  protected static SpanRecord searchable(long trace, long n, String service, String name,
      String language, int status, long start, long durationNanos, Map<String, Object> attributes,
      List<SpanEvent> events) {
    return new SpanRecord(traceId(trace), spanId(n), n == 1 ? "" : spanId(1), "", 1, name,
        n == 1 ? 2 : 1, start, start + durationNanos, status, status == 2 ? "failed" : "",
        service, language, resource(service, language), "test", "1", attributes, events,
        List.of());
  }

  protected static SpanRecord simple(long trace, long n, String service, String name, long start) {
    return searchable(trace, n, service, name, "java", 0, start, 10 * MS, Map.of(), List.of());
  }

  private void spans(SpanRecord... spans) throws StoreException {
    write(TelemetryBatch.ofSpans(List.of(spans), 100));
  }

  private List<String> find(TraceQuery q) throws StoreException {
    return store.findTraceIds(q);
  }

  @Test
  void emptyStoreFindsNothingAndListsNothing() throws Exception {
    assertThat(find(TraceQuery.all())).isEmpty();
    assertThat(store.findTraces(TraceQuery.all())).isEmpty();
    assertThat(store.services()).isEmpty();
    assertThat(store.operations("scorer")).isEmpty();
    assertThat(store.attributeValues("scorer", "peer.service")).isEmpty();
  }

  @Test
  void serviceFilterNewestFirstUpToTheLimit() throws Exception {
    for (int i = 1; i <= 5; i++) {
      spans(simple(i, 1, "scorer", "predict", T0 + i * SECOND),
          simple(100 + i, 1, "trainer", "fit", T0 + i * SECOND + 1));
    }

    assertThat(find(TraceQuery.all().withServiceName("scorer").withLimit(3)))
        .containsExactly(traceId(5), traceId(4), traceId(3));
    assertThat(find(TraceQuery.all().withLimit(2))).containsExactly(traceId(105), traceId(5));
    assertThat(find(TraceQuery.all().withServiceName("nobody"))).isEmpty();
    assertThat(store.findTraces(TraceQuery.all().withServiceName("trainer").withLimit(1)))
        .singleElement()
        .satisfies(t -> assertThat(t).extracting(SpanRecord::traceId).containsExactly(traceId(105)));
  }

  @Test
  void newestMeansTheLatestMatchingSpanOfTheTrace() throws Exception {
    // trace 1 started first but has a matching span later than all of trace 2's
    spans(simple(1, 1, "etl", "load", T0), simple(2, 1, "etl", "load", T0 + SECOND));
    spans(simple(1, 2, "etl", "load", T0 + 2 * SECOND), simple(2, 2, "etl", "save", T0 + 3 * SECOND));

    assertThat(find(TraceQuery.all().withSpanName("load"))).containsExactly(traceId(1), traceId(2));
    assertThat(find(TraceQuery.all())).containsExactly(traceId(2), traceId(1));
  }

  @Test
  void operationLanguageAndStatusFilters() throws Exception {
    spans(
        searchable(1, 1, "pipe", "train", "python", 2, T0, MS, Map.of(), List.of()),
        searchable(2, 1, "pipe", "train", "r", 1, T0 + 1, MS, Map.of(), List.of()),
        searchable(3, 1, "pipe", "score", "java", 0, T0 + 2, MS, Map.of(), List.of()));

    assertThat(find(TraceQuery.all().withSpanName("train"))).containsExactly(traceId(2), traceId(1));
    assertThat(find(TraceQuery.all().withLanguage("r"))).containsExactly(traceId(2));
    assertThat(find(TraceQuery.all().withStatusCode(2))).containsExactly(traceId(1));
    assertThat(find(TraceQuery.all().withStatusCode(0))).containsExactly(traceId(3));
    assertThat(find(TraceQuery.all().withSpanName("train").withLanguage("java"))).isEmpty();
  }

  @Test
  void everyFilterMustHoldOnTheSameSpan() throws Exception {
    spans(
        searchable(1, 1, "api", "get", "java", 0, T0, MS, Map.of("user", "ann"), List.of()),
        searchable(1, 2, "db", "select", "java", 2, T0 + 1, 900 * MS, Map.of(), List.of()));

    assertThat(find(TraceQuery.all().withServiceName("api").withStatusCode(2))).isEmpty();
    assertThat(find(TraceQuery.all().withSpanName("select")
        .withAttribute(AttributeFilter.equal("user", "ann")))).isEmpty();
    assertThat(find(TraceQuery.all().withServiceName("api").withDuration(500 * MS, Long.MAX_VALUE)))
        .isEmpty();
    assertThat(find(TraceQuery.all().withServiceName("db").withStatusCode(2)
        .withDuration(500 * MS, Long.MAX_VALUE))).containsExactly(traceId(1));
  }

  @Test
  void durationBoundsAreInclusive() throws Exception {
    spans(
        searchable(1, 1, "s", "a", "java", 0, T0, 10 * MS, Map.of(), List.of()),
        searchable(2, 1, "s", "a", "java", 0, T0 + 1, 20 * MS, Map.of(), List.of()),
        searchable(3, 1, "s", "a", "java", 0, T0 + 2, 30 * MS, Map.of(), List.of()));

    assertThat(find(TraceQuery.all().withDuration(20 * MS, Long.MAX_VALUE)))
        .containsExactly(traceId(3), traceId(2));
    assertThat(find(TraceQuery.all().withDuration(0, 20 * MS))).containsExactly(traceId(2), traceId(1));
    assertThat(find(TraceQuery.all().withDuration(20 * MS, 20 * MS))).containsExactly(traceId(2));
    assertThat(find(TraceQuery.all().withDuration(20 * MS + 1, 30 * MS - 1))).isEmpty();
  }

  @Test
  void startTimeRangeIsInclusiveOnBothEnds() throws Exception {
    for (int i = 0; i < 5; i++) {
      spans(simple(i + 1, 1, "s", "a", T0 + i * SECOND));
    }

    assertThat(find(TraceQuery.all().withStartBetween(T0 + SECOND, T0 + 3 * SECOND)))
        .containsExactly(traceId(4), traceId(3), traceId(2));
    assertThat(find(TraceQuery.all().withStartBetween(T0 + 4 * SECOND + 1, Long.MAX_VALUE))).isEmpty();
    assertThat(find(TraceQuery.all().withStartBetween(0, T0 - 1))).isEmpty();
  }

  @Test
  void attributeFiltersCompareTextAndNumbersByValue() throws Exception {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("http.method", "GET");
    a.put("http.status_code", 200L);
    a.put("ratio", 42.0);
    a.put("tiny", 1e-9);
    a.put("cache.hit", true);
    a.put("code", "007");
    a.put("big", 9_007_199_254_740_993L);
    a.put("neg", -5L);
    a.put("list", List.of("GET"));
    a.put("none", null);
    a.put("$b", "dollar key");
    spans(searchable(1, 1, "s", "x", "java", 0, T0, MS, a, List.of()),
        searchable(2, 1, "s", "x", "java", 0, T0 + 1, MS, Map.of("http.method", "POST"), List.of()));

    assertThat(find(attr("http.method", "GET"))).containsExactly(traceId(1));
    assertThat(find(attr("http.method", "get"))).as("text is case-sensitive").isEmpty();
    assertThat(find(attr("http.status_code", "200"))).containsExactly(traceId(1));
    assertThat(find(attr("http.status_code", "200.0"))).containsExactly(traceId(1));
    assertThat(find(attr("http.status_code", "2e2"))).containsExactly(traceId(1));
    assertThat(find(attr("http.status_code", "201"))).isEmpty();
    assertThat(find(attr("ratio", "42"))).containsExactly(traceId(1));
    assertThat(find(attr("ratio", "42.0"))).containsExactly(traceId(1));
    assertThat(find(attr("tiny", "0.000000001"))).containsExactly(traceId(1));
    assertThat(find(attr("cache.hit", "true"))).containsExactly(traceId(1));
    assertThat(find(attr("cache.hit", "false"))).isEmpty();
    assertThat(find(attr("code", "007"))).containsExactly(traceId(1));
    assertThat(find(attr("code", "7"))).as("strings are never compared as numbers").isEmpty();
    assertThat(find(attr("big", "9007199254740993"))).containsExactly(traceId(1));
    assertThat(find(attr("big", "9007199254740992"))).as("longs compare exactly").isEmpty();
    assertThat(find(attr("neg", "-5"))).containsExactly(traceId(1));
    assertThat(find(attr("list", "GET"))).as("lists never match a value").isEmpty();
    assertThat(find(attr("none", ""))).isEmpty();
    assertThat(find(attr("$b", "dollar key"))).containsExactly(traceId(1));
    assertThat(find(attr("missing", "GET"))).isEmpty();
  }

  @Test
  void severalAttributeFiltersAreAnded() throws Exception {
    spans(
        searchable(1, 1, "s", "x", "java", 0, T0, MS, Map.of("a", "1", "b", "2"), List.of()),
        searchable(2, 1, "s", "x", "java", 0, T0 + 1, MS, Map.of("a", "1", "b", "3"), List.of()));

    assertThat(find(attr("a", "1"))).containsExactly(traceId(2), traceId(1));
    assertThat(find(attr("a", "1").withAttribute(AttributeFilter.equal("b", "2"))))
        .containsExactly(traceId(1));
    assertThat(find(attr("a", "2").withAttribute(AttributeFilter.equal("b", "2")))).isEmpty();
  }

  @Test
  void presenceFilterMatchesAnAttributeKeyOrAnEventName() throws Exception {
    Map<String, Object> nullValued = new LinkedHashMap<>();
    nullValued.put("retried", null);
    spans(
        searchable(1, 1, "s", "x", "java", 0, T0, MS, Map.of("cache.hit", false), List.of()),
        searchable(2, 1, "s", "x", "java", 0, T0 + 1, MS, Map.of(),
            List.of(new SpanEvent(T0 + 2, "cache.hit", Map.of("k", "v")))),
        searchable(3, 1, "s", "x", "java", 0, T0 + 2, MS, nullValued, List.of()),
        searchable(4, 1, "s", "x", "java", 0, T0 + 3, MS, Map.of("other", "x"), List.of()));

    assertThat(find(TraceQuery.all().withAttribute(AttributeFilter.present("cache.hit"))))
        .containsExactly(traceId(2), traceId(1));
    assertThat(find(TraceQuery.all().withAttribute(AttributeFilter.present("retried"))))
        .containsExactly(traceId(3));
  }

  @Test
  void searchReachesOldTracesInALargeStore() throws Exception {
    // 3000 traces over ~50 minutes; only the oldest and one in the middle match.
    List<SpanRecord> batch = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String service = i == 0 || i == 1500 ? "rare" : "common";
      batch.add(simple(i + 1, 1, service, "op", T0 + i * SECOND));
      if (batch.size() == 500) {
        write(TelemetryBatch.ofSpans(batch, 100));
        batch = new ArrayList<>();
      }
    }

    assertThat(find(TraceQuery.all().withServiceName("rare"))).containsExactly(traceId(1501), traceId(1));
    assertThat(find(TraceQuery.all().withServiceName("rare").withLimit(1))).containsExactly(traceId(1501));
    assertThat(find(TraceQuery.all().withLimit(3)))
        .containsExactly(traceId(3000), traceId(2999), traceId(2998));
    assertThat(find(TraceQuery.all().withServiceName("common").withLimit(1000))).hasSize(1000)
        .startsWith(traceId(3000)).endsWith(traceId(2001));
  }

  @Test
  void findTracesAnswersEachMatchAsTraceDoesInSearchOrder() throws Exception {
    // spans of one trace an hour apart, traces minutes apart, written in several commits
    for (int i = 1; i <= 30; i++) {
      spans(simple(i, 1, i % 2 == 0 ? "even" : "odd", "root", T0 + i * 60 * SECOND),
          simple(i, 2, "child", "work", T0 + i * 60 * SECOND + 5 * MS));
    }
    for (int i = 1; i <= 30; i += 7) {
      spans(simple(i, 3, "late", "retry", T0 + 3 * 3600 * SECOND + i * SECOND));
    }
    TraceQuery q = TraceQuery.all().withServiceName("even").withLimit(100);

    List<List<SpanRecord>> traces = store.findTraces(q);

    assertThat(traces).extracting(t -> t.get(0).traceId()).containsExactlyElementsOf(find(q));
    assertThat(traces).hasSize(15);
    for (List<SpanRecord> t : traces) {
      assertThat(t).containsExactlyElementsOf(store.trace(t.get(0).traceId()));
    }
    assertThat(store.findTraces(TraceQuery.all().withServiceName("late").withLimit(2)))
        .extracting(List::size).containsExactly(3, 3);
  }

  @Test
  void servicesOperationsAndAttributeValuesComeFromWhatIsStored() throws Exception {
    spans(
        searchable(1, 1, "frontend", "GET /orders", "java", 0, T0, MS,
            Map.of("peer.service", "orders"), List.of()),
        searchable(1, 2, "frontend", "select", "java", 0, T0 + 1, MS,
            Map.of("peer.service", "postgres"), List.of()),
        searchable(2, 2, "frontend", "select", "java", 0, T0 + 2, MS,
            Map.of("peer.service", "postgres", "n", 3L), List.of()),
        searchable(3, 1, "backend", "handle", "python", 0, T0 + 3, MS,
            Map.of("peer.service", 7L), List.of()),
        searchable(4, 1, "", "anonymous", "java", 0, T0 + 4, MS, Map.of(), List.of()));

    assertThat(store.services()).containsExactly("backend", "frontend");
    assertThat(store.operations("frontend"))
        .containsExactly(new Operation("GET /orders", 2), new Operation("select", 1));
    assertThat(store.operations("Frontend")).as("service names are case-sensitive").isEmpty();
    assertThat(store.attributeValues("frontend", "peer.service")).containsExactly("orders", "postgres");
    assertThat(store.attributeValues("backend", "peer.service")).as("strings only").isEmpty();
  }

  @Test
  void logsOfATraceAreFoundFarFromItsSpansAndWithoutSpans() throws Exception {
    LogRecordData before = TelemetryFixtures.log(traceId(1), spanId(1), T0 - 3600 * SECOND, "early");
    LogRecordData after = TelemetryFixtures.log(traceId(1), spanId(1), T0 + 3600 * SECOND, "late");
    LogRecordData noTime = TelemetryFixtures.log(traceId(1), spanId(1), 0, "observed only");
    LogRecordData orphan = TelemetryFixtures.log(traceId(2), spanId(5), T0, "no spans");
    write(new TelemetryBatch(List.of(simple(1, 1, "s", "a", T0)), List.of(after, orphan), List.of(), 10));
    write(TelemetryBatch.ofLogs(List.of(before, noTime), 10));

    assertThat(store.logsOfTrace(traceId(1))).containsExactly(noTime, before, after); // observed at 5 ns
    assertThat(store.logsOfTrace(traceId(2))).containsExactly(orphan);
    assertThat(store.trace(traceId(2))).isEmpty();
  }

  @Test
  void queriesRejectContradictionsNamingTheField() {
    assertThatThrownBy(() -> TraceQuery.all().withLimit(0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> TraceQuery.all().withDuration(5, 4)).hasMessageContaining("maxDuration");
    assertThatThrownBy(() -> TraceQuery.all().withStartBetween(5, 4)).hasMessageContaining("end");
    assertThatThrownBy(() -> TraceQuery.all().withStatusCode(3)).hasMessageContaining("statusCode");
    assertThatThrownBy(() -> AttributeFilter.equal("", "x")).hasMessageContaining("key");
  }

  private static TraceQuery attr(String key, String value) {
    return TraceQuery.all().withAttribute(AttributeFilter.equal(key, value));
  }
}
