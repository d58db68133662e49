package io.pipelens.collector.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {

  private final SeriesStore store = new SeriesStore(SeriesStoreConfig.defaults());

  private static Labels up(String job, String instance) {
    return Labels.of("__name__", "up", "job", job, "instance", instance);
  }

  private List<String> select(LabelMatcher... matchers) {
    return store.select(List.of(matchers), 0, Long.MAX_VALUE).stream()
        .map(s -> s.labels().get("job") + "/" + s.labels().get("instance")).toList();
  }

  @Test
  void selectsByAllFourMatcherKindsUsingMissingLabelAsEmpty() {
    store.append(up("etl", "a"), 1_000, 1);
    store.append(up("etl", "b"), 1_000, 0);
    store.append(up("train", "a"), 1_000, 1);
    store.append(Labels.of("__name__", "up", "job", "score"), 1_000, 1);
    store.append(Labels.of("__name__", "other", "job", "etl"), 1_000, 1);

    assertThat(select(LabelMatcher.eq("__name__", "up"), LabelMatcher.eq("job", "etl"))).containsExactly("etl/a", "etl/b");
    assertThat(select(LabelMatcher.eq("__name__", "up"), LabelMatcher.neq("job", "etl"))).containsExactly("train/a", "score/");
    assertThat(select(LabelMatcher.eq("__name__", "up"), LabelMatcher.re("job", "e.l|tr.*"))).containsExactlyInAnyOrder("etl/a", "etl/b", "train/a");
    assertThat(select(LabelMatcher.eq("__name__", "up"), LabelMatcher.re("job", "et"))).as("anchored").isEmpty();
    assertThat(select(LabelMatcher.eq("__name__", "up"), LabelMatcher.nre("instance", "a|b"))).containsExactly("score/");
    assertThat(select(LabelMatcher.eq("__name__", "up"), LabelMatcher.eq("instance", ""))).containsExactly("score/");
    assertThat(select(LabelMatcher.re("instance", ".+"))).containsExactlyInAnyOrder("etl/a", "etl/b", "train/a");
    assertThat(select()).hasSize(5);
  }

  @Test
  void selectReturnsOnlySamplesInTheRangeOldestFirst() {
    Labels l = up("etl", "a");
    for (long t = 1_000; t <= 10_000; t += 1_000) {
      store.append(l, t, t / 1_000.0);
    }

    List<SeriesSamples> out = store.select(List.of(LabelMatcher.eq("job", "etl")), 3_000, 5_000);

    assertThat(out).singleElement().satisfies(s -> {
      assertThat(s.labels()).isEqualTo(l);
      assertThat(s.samples()).containsExactly(new Sample(3_000, 3), new Sample(4_000, 4), new Sample(5_000, 5));
    });
    assertThat(store.select(List.of(LabelMatcher.eq("job", "etl")), 20_000, 30_000)).isEmpty();
  }

  @Test
  void samplesOlderThanTheLookbackAreDroppedAndOutOfOrderIsRejected() {
    SeriesStore s = new SeriesStore(SeriesStoreConfig.defaults().withLookbackMs(10_000));
    Labels l = up("etl", "a");
    for (long t = 0; t <= 30_000; t += 5_000) {
      assertThat(s.append(l, t, 1)).isEqualTo(AppendResult.ACCEPTED);
    }

    assertThat(s.select(List.of(), 0, Long.MAX_VALUE).get(0).samples()).extracting(Sample::timestampMs)
        .containsExactly(20_000L, 25_000L, 30_000L);
    assertThat(s.append(l, 29_000, 5)).isEqualTo(AppendResult.OUT_OF_ORDER);
    assertThat(s.append(l, 30_000, 7)).as("same timestamp replaces").isEqualTo(AppendResult.ACCEPTED);
    assertThat(s.latest().get(0).samples()).containsExactly(new Sample(30_000, 7));
    assertThat(s.rejections()).containsEntry(AppendResult.OUT_OF_ORDER, 1L);
  }

  @Test
  void newSeriesBeyondTheLimitAreRejectedAndCountedUntilPurgeMakesRoom() {
    SeriesStore s = new SeriesStore(SeriesStoreConfig.defaults().withMaxSeries(3).withLookbackMs(60_000));
    for (int i = 0; i < 5; i++) {
      s.append(up("etl", "i" + i), 1_000 * (i + 1), 1);
    }

    assertThat(s.seriesCount()).isEqualTo(3);
    assertThat(s.rejections()).containsEntry(AppendResult.SERIES_LIMIT, 2L);
    assertThat(s.append(up("etl", "i0"), 10_000, 2)).as("existing series still accept").isEqualTo(AppendResult.ACCEPTED);

    s.append(up("etl", "i2"), 65_000, 3);
    assertThat(s.purge(65_000)).isEqualTo(1); // i1 (t=2s) fell out of the window; i0 has t=10s
    assertThat(s.seriesCount()).isEqualTo(2);
    assertThat(s.select(List.of(LabelMatcher.eq("instance", "i1")), 0, Long.MAX_VALUE)).isEmpty();
    assertThat(s.append(up("etl", "i9"), 66_000, 1)).isEqualTo(AppendResult.ACCEPTED);
    assertThat(s.select(List.of(LabelMatcher.eq("instance", "i9")), 0, Long.MAX_VALUE)).hasSize(1);
  }

  @Test
  void invalidNamesAreRejectedAndCounted() {
    assertThat(store.append(Labels.of("job", "x"), 1, 1)).isEqualTo(AppendResult.INVALID);
    assertThat(store.append(Labels.of("__name__", "1bad"), 1, 1)).isEqualTo(AppendResult.INVALID);
    assertThat(store.append(Labels.of("__name__", "ok", "bad-label", "v"), 1, 1)).isEqualTo(AppendResult.INVALID);
    assertThat(store.rejections()).containsEntry(AppendResult.INVALID, 3L);
    assertThat(store.seriesCount()).isZero();
    assertThatThrownBy(() -> LabelMatcher.re("job", "(")).hasMessageContaining("job=~\"(\"");
  }

  @Test
  void ringBufferKeepsAtMostMaxSamplesPerSeries() {
    SeriesStore s = new SeriesStore(new SeriesStoreConfig(10, Long.MAX_VALUE / 4, 5));
    for (int t = 1; t <= 12; t++) {
      s.append(up("etl", "a"), t, t);
    }
    assertThat(s.select(List.of(), 0, 100).get(0).samples()).extracting(Sample::value)
        .containsExactly(8.0, 9.0, 10.0, 11.0, 12.0);
  }

  @Test
  void concurrentWritersAndReadersNeitherLoseSamplesNorExceedTheLimit() throws Exception {
    SeriesStore s = new SeriesStore(new SeriesStoreConfig(200, 10_000_000, 10_000));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 3_000; i++) {
            s.append(Labels.of("__name__", "m", "writer", "w" + writer, "k", "k" + (i % 100)), i, i);
          }
        }));
      }
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 300; i++) {
          s.select(List.of(LabelMatcher.re("k", "k1.*")), 0, Long.MAX_VALUE);
          s.purge(0);
        }
      }));
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(s.seriesCount()).isEqualTo(200);
    long rejected = s.rejections().get(AppendResult.SERIES_LIMIT);
    long stored = s.select(List.of(), 0, Long.MAX_VALUE).stream().mapToLong(x -> x.samples().size()).sum();
    assertThat(stored + rejected).isEqualTo(9_000);
  }
}
