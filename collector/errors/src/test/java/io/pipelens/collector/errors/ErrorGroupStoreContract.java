package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ErrorGroupStore} implementation shares. */
abstract class ErrorGroupStoreContract {

  protected ErrorGroupStore store;

  protected abstract ErrorGroupStore newStore(ErrorStoreLimits limits);

  @BeforeEach
  void setUp() {
    store = newStore(ErrorStoreLimits.defaults());
  }

  static ErrorOccurrence occ(String fp, String trace, String service, Language lang, long time, String message, String code) {
    return new ErrorOccurrence(trace, "span" + time, service, lang, time, ErrorSource.SPAN_EVENT, "ValueError",
        message, "", List.of(new StackFrame("f", "m", "m.py", 1, true)), false, code, "1.0", fp);
  }

  @Test
  void occurrencesOfOneFingerprintFormOneGroup() {
    store.record(occ("fp1", "t1", "etl", Language.PYTHON, 100, "bad row 1", ""));
    store.record(occ("fp1", "t2", "etl", Language.PYTHON, 300, "bad row 3", "E42"));
    store.record(occ("fp1", "t3", "score", Language.PYTHON, 200, "bad row 2", ""));

    ErrorGroup g = store.group("fp1").orElseThrow().group();
    assertThat(g.count()).isEqualTo(3);
    assertThat(g.firstSeenEpochNanos()).isEqualTo(100);
    assertThat(g.lastSeenEpochNanos()).isEqualTo(300);
    assertThat(g.messageSample()).isEqualTo("bad row 3");
    assertThat(g.type()).isEqualTo("ValueError");
    assertThat(g.language()).isEqualTo(Language.PYTHON);
    assertThat(g.serviceName()).isEqualTo("etl");
    assertThat(g.services()).containsExactlyInAnyOrder("etl", "score");
    assertThat(g.errorCode()).isEqualTo("E42");
    assertThat(g.recentTraceIds()).containsExactly("t3", "t2", "t1");
    assertThat(store.group("fp1").orElseThrow().recentOccurrences())
        .extracting(ErrorOccurrence::timeEpochNanos).containsExactly(300L, 200L, 100L);
    assertThat(store.stats().groups()).isEqualTo(1);
    assertThat(store.stats().occurrencesRecorded()).isEqualTo(3);
  }

  @Test
  void listFiltersByServiceLanguageAndTimeAndSorts() {
    store.record(occ("a", "t1", "etl", Language.PYTHON, 100, "m", ""));
    store.record(occ("a", "t2", "etl", Language.PYTHON, 110, "m", ""));
    store.record(occ("a", "t3", "etl", Language.PYTHON, 120, "m", ""));
    store.record(occ("b", "t4", "etl", Language.R, 500, "m", ""));
    store.record(occ("c", "t5", "train", Language.JAVA, 300, "m", ""));

    assertThat(store.groups(ErrorGroupQuery.all())).extracting(ErrorGroup::fingerprint).containsExactly("b", "c", "a");
    assertThat(store.groups(ErrorGroupQuery.all().withSort(ErrorGroupQuery.Sort.COUNT)))
        .extracting(ErrorGroup::fingerprint).containsExactly("a", "b", "c");
    assertThat(store.groups(ErrorGroupQuery.all().withService("etl"))).extracting(ErrorGroup::fingerprint).containsExactly("b", "a");
    assertThat(store.groups(ErrorGroupQuery.all().withLanguage(Language.JAVA))).extracting(ErrorGroup::fingerprint).containsExactly("c");
    assertThat(store.groups(ErrorGroupQuery.all().withTimeRange(115, 400))).extracting(ErrorGroup::fingerprint).containsExactly("c", "a");
    assertThat(store.groups(ErrorGroupQuery.all().withTimeRange(130, 290))).isEmpty();
    assertThat(store.groups(ErrorGroupQuery.all().withLimit(1))).extracting(ErrorGroup::fingerprint).containsExactly("b");
  }

  @Test
  void errorsOfOneTraceAcrossGroupsOldestFirst() {
    store.record(occ("a", "trace-1", "etl", Language.PYTHON, 200, "m", ""));
    store.record(occ("b", "trace-1", "score", Language.R, 100, "m", ""));
    store.record(occ("a", "trace-2", "etl", Language.PYTHON, 300, "m", ""));

    assertThat(store.errorsOfTrace("trace-1")).extracting(ErrorOccurrence::fingerprint).containsExactly("b", "a");
    assertThat(store.errorsOfTrace("unknown")).isEmpty();
    assertThat(store.group("missing")).isEmpty();
  }

  @Test
  void beyondMaxGroupsTheLeastRecentlySeenGroupIsEvictedAndCounted() {
    store = newStore(ErrorStoreLimits.defaults().withMaxGroups(2));
    store.record(occ("old", "t1", "etl", Language.PYTHON, 100, "m", ""));
    store.record(occ("mid", "t2", "etl", Language.PYTHON, 200, "m", ""));
    store.record(occ("old", "t3", "etl", Language.PYTHON, 300, "m", ""));
    store.record(occ("new", "t4", "etl", Language.PYTHON, 400, "m", ""));

    assertThat(store.groups(ErrorGroupQuery.all())).extracting(ErrorGroup::fingerprint).containsExactly("new", "old");
    assertThat(store.stats().groupsEvicted()).isEqualTo(1);
    assertThat(store.stats().groups()).isEqualTo(2);
  }
}
