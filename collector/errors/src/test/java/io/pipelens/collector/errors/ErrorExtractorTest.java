package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelens.collector.store.LogRecordData;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorExtractorTest {

  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String PY_TB = """
      Traceback (most recent call last):
        File "/srv/jobs/train.py", line 40, in <module>
          main()
        File "/srv/jobs/train.py", line 31, in main
          fit(df)
        File "/usr/lib/python3/dist-packages/sklearn/base.py", line 12, in fit
          raise ValueError("Input contains NaN")
      ValueError: Input contains NaN
      """;

  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
  private final ErrorExtractor extractor = new ErrorExtractor(clock, InAppRules.defaults());

  static SpanRecord span(String language, Map<String, Object> attrs, List<SpanEvent> events) {
    return new SpanRecord(TRACE, "00f067aa0ba902b7", "", "", 1, "train", 1, 1_000, 2_000, 2, "", "trainer",
        language, Map.of("service.name", "trainer", "service.version", "1.4.2", "telemetry.sdk.language", language),
        "scope", "", attrs, events, List.of());
  }

  static LogRecordData log(long time, int severity, String severityText, Object body, Map<String, Object> attrs) {
    return new LogRecordData(time, 9_999, severity, severityText, body, "", TRACE, "00f067aa0ba902b7", 1,
        "scorer", "r", Map.of("service.name", "scorer"), "logger", "", attrs);
  }

  @Test
  void exceptionSpanEventBecomesAnOccurrenceWithFramesAndAttributes() {
    SpanEvent ev = new SpanEvent(1_500, "exception", Map.of(
        "exception.type", "ValueError", "exception.message", "Input contains NaN",
        "exception.stacktrace", PY_TB, "exception.escaped", true));
    SpanRecord s = span("python", Map.of("error.code", "E_NAN"), List.of(new SpanEvent(1_200, "checkpoint", Map.of()), ev));

    List<ErrorOccurrence> out = extractor.extract(TelemetryBatch.ofSpans(List.of(s), 0));

    assertThat(out).singleElement().satisfies(o -> {
      assertThat(o.traceId()).isEqualTo(TRACE);
      assertThat(o.spanId()).isEqualTo("00f067aa0ba902b7");
      assertThat(o.serviceName()).isEqualTo("trainer");
      assertThat(o.serviceVersion()).isEqualTo("1.4.2");
      assertThat(o.language()).isEqualTo(Language.PYTHON);
      assertThat(o.timeEpochNanos()).isEqualTo(1_500);
      assertThat(o.source()).isEqualTo(ErrorSource.SPAN_EVENT);
      assertThat(o.type()).isEqualTo("ValueError");
      assertThat(o.escaped()).isTrue();
      assertThat(o.errorCode()).isEqualTo("E_NAN");
      assertThat(o.stacktrace()).isEqualTo(PY_TB);
      assertThat(o.frames()).extracting(StackFrame::function, StackFrame::inApp)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("fit", false),
              org.assertj.core.groups.Tuple.tuple("main", true),
              org.assertj.core.groups.Tuple.tuple("<module>", true));
      assertThat(o.fingerprint()).hasSize(32).matches("[0-9a-f]+");
    });
  }

  @Test
  void logWithExceptionAttributesAndErrorLogWithoutThemAreErrorsButInfoLogIsNot() {
    LogRecordData withException = log(5_000, 9, "INFO", "scoring failed", Map.of(
        "exception.type", "simpleError", "exception.message", "bad row 3",
        "exception.stacktrace", "1: run_pipeline(1:5)\n2: score_model(rows)\n3: score_row(r)\n4: stop(\"bad row \", row)",
        "error.code", "ROW"));
    LogRecordData errorLog = log(0, 17, "", "could not write /tmp/out-1234.csv: disk full", Map.of());
    LogRecordData info = log(6_000, 9, "INFO", "all good", Map.of());

    List<ErrorOccurrence> out = extractor.extract(new TelemetryBatch(List.of(), List.of(withException, errorLog, info), List.of(), 0));

    assertThat(out).hasSize(2);
    ErrorOccurrence r = out.get(0);
    assertThat(r.source()).isEqualTo(ErrorSource.LOG_EXCEPTION);
    assertThat(r.language()).isEqualTo(Language.R);
    assertThat(r.type()).isEqualTo("simpleError");
    assertThat(r.message()).isEqualTo("bad row 3");
    assertThat(r.errorCode()).isEqualTo("ROW");
    assertThat(r.frames()).filteredOn(StackFrame::inApp).extracting(StackFrame::function)
        .containsExactly("score_row", "score_model", "run_pipeline");
    ErrorOccurrence e = out.get(1);
    assertThat(e.source()).isEqualTo(ErrorSource.LOG_SEVERITY);
    assertThat(e.type()).isEqualTo("ERROR");
    assertThat(e.message()).isEqualTo("could not write /tmp/out-1234.csv: disk full");
    assertThat(e.timeEpochNanos()).as("observed time when time is unset").isEqualTo(9_999);
    assertThat(e.frames()).isEmpty();
  }

  @Test
  void errorLogsWithoutFramesGroupByNormalisedMessage() {
    ErrorOccurrence a = extractor.fromLog(log(1, 17, "ERROR", "row 17 of '/data/a.csv' failed (id 3f2a9c1e-1b2c-4d5e-8f90-123456789abc)", Map.of()));
    ErrorOccurrence b = extractor.fromLog(log(2, 18, "ERROR", "row 4 of '/data/b.csv' failed (id 0a1b2c3d-0000-4d5e-8f90-abcdefabcdef)", Map.of()));
    ErrorOccurrence c = extractor.fromLog(log(3, 17, "ERROR", "model file missing", Map.of()));
    ErrorOccurrence fatal = extractor.fromLog(log(3, 21, "", "model file missing", Map.of()));

    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    assertThat(fatal.type()).isEqualTo("FATAL");
    assertThat(fatal.fingerprint()).isNotEqualTo(c.fingerprint());
  }

  @Test
  void languageIsDetectedFromTheTextWhenTheSdkDoesNotSayAndTimeFallsBackToTheClock() {
    SpanEvent ev = new SpanEvent(0, "exception", Map.of("exception.stacktrace", PY_TB));

    ErrorOccurrence o = extractor.fromSpan(span("", Map.of(), List.of(ev))).get(0);

    assertThat(o.language()).isEqualTo(Language.PYTHON);
    assertThat(o.type()).as("type parsed from the text").isEqualTo("ValueError");
    assertThat(o.message()).isEqualTo("Input contains NaN");
    assertThat(o.timeEpochNanos()).isEqualTo(1_700_000_000_000_000_000L);
  }

  @Test
  void garbageStacktraceStillYieldsAnOccurrence() {
    SpanEvent ev = new SpanEvent(7, "exception", Map.of("exception.type", "Boom", "exception.stacktrace", "\u0000\u0001 ((( at"));

    ErrorOccurrence o = extractor.fromSpan(span("java", Map.of(), List.of(ev))).get(0);

    assertThat(o.type()).isEqualTo("Boom");
    assertThat(o.frames()).isEmpty();
    assertThat(o.fingerprint()).hasSize(32);
  }

  @Test
  void rClientCallStackFormatGroupsByInAppCallsAndSurvivesEditsToTheMessage() {
    // What agent/r's format_calls() writes: deparsed sys.calls(), first line of each call,
    // condition-machinery frames removed, outermost first.
    String stack = String.join("\n",
        "tryCatch(with_span(\"validate\", validate_rows(7)), error = function(e) e)",
        "with_span(\"validate\", validate_rows(7))",
        "validate_rows(7)",
        "check_row(n)",
        "stop(structure(class = c(\"rowError\", \"error\", \"condition\"), list(message = paste(\"bad row\", n), call = sys.call(), row = n)))");
    SpanEvent ev = new SpanEvent(10, "exception", Map.of(
        "exception.type", "rowError", "exception.message", "bad row 7", "exception.stacktrace", stack));
    SpanEvent ev2 = new SpanEvent(20, "exception", Map.of(
        "exception.type", "rowError", "exception.message", "bad row 12",
        "exception.stacktrace", stack.replace("validate_rows(7)", "validate_rows(12)")));

    List<ErrorOccurrence> out = extractor.fromSpan(span("r", Map.of(), List.of(ev, ev2)));

    assertThat(out.get(0).frames()).extracting(StackFrame::function)
        .containsExactly("stop", "check_row", "validate_rows", "with_span", "tryCatch");
    assertThat(out.get(0).frames()).filteredOn(StackFrame::inApp).extracting(StackFrame::function)
        .containsExactly("check_row", "validate_rows");
    assertThat(out.get(0).fingerprint()).isEqualTo(out.get(1).fingerprint());
  }

  @Test
  void javaFramesWithLogbackPackagingDataAndLowercaseSeverityAreUnderstood() {
    String logback = """
        java.lang.IllegalStateException: no model
        \tat com.acme.Scorer.load(Scorer.java:42) ~[scorer.jar:1.2.0]
        \tat com.acme.Job.run(Job.java:7) [scorer.jar:1.2.0]
        \tat java.base/java.lang.Thread.run(Thread.java:833) [na:na]
        """;
    LogRecordData withTrace = new LogRecordData(1, 1, 17, "error", "failed", "", "", "", 0, "scorer", "java",
        Map.of(), "com.acme.Job", "", Map.of("exception.stacktrace", logback));
    LogRecordData lower = log(2, 17, "error", "disk full", Map.of());
    LogRecordData upper = log(3, 17, "ERROR", "disk full", Map.of());

    ErrorOccurrence o = extractor.fromLog(withTrace);

    assertThat(o.type()).isEqualTo("java.lang.IllegalStateException");
    assertThat(o.message()).isEqualTo("failed");
    assertThat(o.frames()).extracting(StackFrame::module, StackFrame::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("com.acme.Scorer", 42),
            org.assertj.core.groups.Tuple.tuple("com.acme.Job", 7),
            org.assertj.core.groups.Tuple.tuple("java.lang.Thread", 833));
    assertThat(extractor.fromLog(lower).fingerprint()).isEqualTo(extractor.fromLog(upper).fingerprint());
  }

  @Test
  void recursionDepthDoesNotSplitGroupsAndHugeInputIsCapped() {
    StringBuilder deep = new StringBuilder("Traceback (most recent call last):\n");
    StringBuilder shallow = new StringBuilder("Traceback (most recent call last):\n");
    deep.append("  File \"/srv/walk.py\", line 9, in main\n");
    shallow.append("  File \"/srv/walk.py\", line 9, in main\n");
    for (int i = 0; i < 900; i++) {
      deep.append("  File \"/srv/walk.py\", line 4, in walk\n");
    }
    shallow.append("  File \"/srv/walk.py\", line 4, in walk\n".repeat(3));
    deep.append("RecursionError: maximum recursion depth exceeded\n");
    shallow.append("RecursionError: maximum recursion depth exceeded\n");
    String hugeMessage = "x".repeat(100_000);

    ErrorOccurrence a = extractor.fromSpan(span("python", Map.of(), List.of(new SpanEvent(1, "exception",
        Map.of("exception.stacktrace", deep.toString(), "exception.message", hugeMessage))))).get(0);
    ErrorOccurrence b = extractor.fromSpan(span("python", Map.of(), List.of(new SpanEvent(2, "exception",
        Map.of("exception.stacktrace", shallow.toString()))))).get(0);

    assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    assertThat(a.frames()).hasSize(ErrorExtractor.MAX_FRAMES);
    assertThat(a.stacktrace()).hasSizeLessThan(ErrorExtractor.MAX_STACKTRACE_CHARS + 100).endsWith("characters]");
    assertThat(a.message()).hasSizeLessThan(ErrorExtractor.MAX_MESSAGE_CHARS + 100).contains("[truncated 95904 characters]");
  }
}
