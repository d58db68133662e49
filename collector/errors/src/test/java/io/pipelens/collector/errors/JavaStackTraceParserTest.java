package io.pipelens.collector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class JavaStackTraceParserTest {

  private static final InAppRules RULES = InAppRules.defaults().excludingJava(
      java.util.List.of("org.junit.", "org.apache.maven.", "jdk.", "sun."));

  static final class RowScorer {
    int score(int row) {
      if (row > 2) {
        throw new IllegalArgumentException("bad row " + row);
      }
      return row;
    }
  }

  static final class Pipeline {
    void run(int rows) {
      try {
        RowScorer scorer = new RowScorer();
        for (int i = 0; i < rows; i++) {
          scorer.score(i);
        }
      } catch (IllegalArgumentException e) {
        IllegalStateException wrapped = new IllegalStateException("pipeline step failed", e);
        wrapped.addSuppressed(new UncheckedIOException("close failed", new java.io.IOException("disk")));
        throw wrapped;
      }
    }
  }

  static String printed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  static Throwable thrown(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("nothing thrown");
  }

  @Test
  void parsesCausedBySuppressedAndElidedFramesOfARealThrowable() {
    String text = printed(thrown(() -> new Pipeline().run(5)));

    ParsedStack stack = StackTraces.parse(Language.JAVA, text, "", RULES);

    assertThat(stack.type()).isEqualTo("java.lang.IllegalStateException");
    assertThat(stack.message()).isEqualTo("pipeline step failed");
    assertThat(stack.frames().get(0).function()).isEqualTo("run");
    assertThat(stack.frames().get(0).module()).endsWith("JavaStackTraceParserTest$Pipeline");
    assertThat(stack.frames().get(0).file()).isEqualTo("JavaStackTraceParserTest.java");
    assertThat(stack.frames().get(0).line()).isPositive();
    assertThat(stack.frames().get(0).inApp()).isTrue();
    assertThat(stack.exceptions()).extracting(ExceptionBlock::type, ExceptionBlock::relation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("java.lang.IllegalStateException", ExceptionBlock.Relation.REPORTED),
            org.assertj.core.groups.Tuple.tuple("java.io.UncheckedIOException", ExceptionBlock.Relation.SUPPRESSED),
            org.assertj.core.groups.Tuple.tuple("java.io.IOException", ExceptionBlock.Relation.SUPPRESSED),
            org.assertj.core.groups.Tuple.tuple("java.lang.IllegalArgumentException", ExceptionBlock.Relation.CAUSE));
    ExceptionBlock cause = stack.exceptions().get(3);
    assertThat(cause.message()).isEqualTo("bad row 3");
    // The cause's own frames up to the "... N more" elision: score() then run().
    assertThat(cause.frames()).extracting(StackFrame::function).startsWith("score", "run");
    assertThat(stack.frames()).filteredOn(f -> f.module().startsWith("org.junit.")).isNotEmpty()
        .allSatisfy(f -> assertThat(f.inApp()).isFalse());
  }

  @Test
  void sameBugGroupsAcrossRunsWithOtherMessagesAndShiftedLines() {
    java.util.List<String> runs = new java.util.ArrayList<>();
    for (int rows : new int[] {4, 9}) {
      runs.add(printed(thrown(() -> new Pipeline().run(rows))));
    }
    String a = runs.get(0);
    String b = runs.get(1);
    assertThat(a).contains("bad row 3");
    // Shift line numbers: the same bug after an edit elsewhere in the file.
    String shifted = b.replaceAll("JavaStackTraceParserTest\\.java:(\\d+)", "JavaStackTraceParserTest.java:1$1");

    assertThat(fingerprint(a)).isEqualTo(fingerprint(b)).isEqualTo(fingerprint(shifted));
  }

  @Test
  void differentExceptionTypeOrRaisingMethodGiveDifferentGroups() {
    String base = printed(thrown(() -> new RowScorer().score(7)));
    String otherType = printed(thrown(() -> {
      throw new UnsupportedOperationException("bad row 7");
    }));
    String otherMethod = printed(thrown(() -> new Pipeline().run(5)));

    assertThat(fingerprint(base)).isNotEqualTo(fingerprint(otherType)).isNotEqualTo(fingerprint(otherMethod));
  }

  @Test
  void moduleAndHiddenClassPrefixesAreStripped() {
    String text = """
        Exception in thread "main" java.lang.RuntimeException: x
        \tat app//com.acme.Job$$Lambda$14/0x0000000800c4b238.run(Unknown Source)
        \tat java.base/java.lang.Thread.run(Thread.java:833)
        \tat com.acme.Job.lambda$main$0(Job.java:12)
        \tat com.acme.Job$1.call(Job.java)
        \tat com.acme.Native.read(Native Method)
        """;

    ParsedStack stack = StackTraces.parse(Language.UNKNOWN, text, "", InAppRules.defaults());

    assertThat(stack.language()).isEqualTo(Language.JAVA);
    assertThat(stack.type()).isEqualTo("java.lang.RuntimeException");
    assertThat(stack.frames()).extracting(StackFrame::module, StackFrame::function, StackFrame::line, StackFrame::inApp)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("com.acme.Job$$Lambda$14", "run", 0, true),
            org.assertj.core.groups.Tuple.tuple("java.lang.Thread", "run", 833, false),
            org.assertj.core.groups.Tuple.tuple("com.acme.Job", "lambda$main$0", 12, true),
            org.assertj.core.groups.Tuple.tuple("com.acme.Job$1", "call", 0, true),
            org.assertj.core.groups.Tuple.tuple("com.acme.Native", "read", 0, true));
    String renumbered = text.replace("$$Lambda$14/0x0000000800c4b238", "$$Lambda$99/0x00000008001aa000")
        .replace("lambda$main$0", "lambda$main$3").replace("Job$1", "Job$2");
    assertThat(Fingerprints.of(Language.JAVA, stack.type(), "", stack))
        .isEqualTo(Fingerprints.of(Language.JAVA, stack.type(), "",
            StackTraces.parse(Language.JAVA, renumbered, "", InAppRules.defaults())));
  }

  private static String fingerprint(String text) {
    ParsedStack s = StackTraces.parse(Language.JAVA, text, "", RULES);
    return Fingerprints.of(Language.JAVA, s.type(), s.message(), s);
  }
}
