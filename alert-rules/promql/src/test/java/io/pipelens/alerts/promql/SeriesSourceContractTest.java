package io.pipelens.alerts.promql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine relies on from any {@link SeriesSource}. The collector's store-backed source
 * extends this (via the test-jar) with its own {@link #newSource} and {@link #write}.
 */
public abstract class SeriesSourceContractTest {
  private static final Labels API = Labels.of("__name__", "http_requests_total", "job", "api", "instance", "a");
  private static final Labels WEB = Labels.of("__name__", "http_requests_total", "job", "web", "instance", "b");
  private static final Labels UP = Labels.of("__name__", "up", "job", "api");

  protected SeriesSource source;

  /** A new, empty source. */
  protected abstract SeriesSource newSource();

  /** Stores one sample in the source under test. */
  protected abstract void write(Labels labels, long t, double v);

  @BeforeEach
  void fill() {
    source = newSource();
    for (long t = 0; t <= 60_000; t += 15_000) {
      write(API, t, t / 1000.0);
      write(WEB, t, 2 * t / 1000.0);
      write(UP, t, 1);
    }
    write(UP, 75_000, Point.STALE_NAN);
  }

  @Test
  void selectsSeriesMatchingAllMatchers() {
    List<Series> s = source.select(List.of(eq("__name__", "http_requests_total"), LabelMatcher.of("job", LabelMatcher.Type.RE, "a.*")), 0, 60_000);
    assertThat(s).extracting(Series::labels).containsExactly(API);
  }

  @Test
  void negativeMatchersAndAbsentLabelsFollowPrometheus() {
    List<Series> s = source.select(List.of(eq("__name__", "http_requests_total"), LabelMatcher.of("team", LabelMatcher.Type.NEQ, "x")), 0, 60_000);
    assertThat(s).extracting(Series::labels).containsExactlyInAnyOrder(API, WEB);
    assertThat(source.select(List.of(eq("__name__", "up"), eq("instance", "")), 0, 60_000)).hasSize(1);
  }

  @Test
  void returnsOnlyPointsInsideTheInclusiveWindowInTimeOrder() {
    Series s = source.select(List.of(eq("job", "web")), 15_000, 45_000).get(0);
    assertThat(s.points()).containsExactly(new Point(15_000, 30), new Point(30_000, 60), new Point(45_000, 90));
  }

  @Test
  void returnsStaleMarkersAsStored() {
    Series s = source.select(List.of(eq("__name__", "up")), 70_000, 80_000).get(0);
    assertThat(s.points()).hasSize(1);
    assertThat(s.points().get(0).isStale()).isTrue();
  }

  @Test
  void omitsSeriesWithoutPointsInTheWindow() {
    assertThat(source.select(List.of(eq("job", "web")), 100_000, 200_000)).isEmpty();
  }

  private static LabelMatcher eq(String n, String v) {
    return LabelMatcher.of(n, LabelMatcher.Type.EQ, v);
  }
}
