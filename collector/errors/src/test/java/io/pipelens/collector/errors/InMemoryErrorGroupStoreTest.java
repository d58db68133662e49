package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryErrorGroupStoreTest extends ErrorGroupStoreContract {

  @Override
  protected ErrorGroupStore newStore(ErrorStoreLimits limits) {
    return new InMemoryErrorGroupStore(limits);
  }

  @Test
  void recentListsAreBounded() {
    store = newStore(new ErrorStoreLimits(10, 3, 2, 10, 5));
    for (int i = 0; i < 10; i++) {
      store.record(occ("fp", "t" + i, "etl", Language.PYTHON, i, "m", ""));
    }
    ErrorGroupDetail d = store.group("fp").orElseThrow();
    assertThat(d.group().count()).isEqualTo(10);
    assertThat(d.group().recentTraceIds()).containsExactly("t9", "t8", "t7");
    assertThat(d.recentOccurrences()).hasSize(2);
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            store.record(occ("fp" + (i % 7), "t" + writer + "-" + i, "etl", Language.JAVA, i, "m", ""));
            store.groups(ErrorGroupQuery.all());
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.groups(ErrorGroupQuery.all()).stream().mapToLong(ErrorGroup::count).sum()).isEqualTo(8_000);
  }

  @Test
  void badLimitsAndQueriesAreRejectedWithTheirName() {
    assertThatThrownBy(() -> ErrorStoreLimits.defaults().withMaxGroups(0)).hasMessageContaining("maxGroups");
    assertThatThrownBy(() -> ErrorGroupQuery.all().withLimit(-1)).hasMessageContaining("limit");
    assertThatThrownBy(() -> ErrorGroupQuery.all().withTimeRange(10, 5)).hasMessageContaining("time range");
  }
}
