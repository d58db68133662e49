package io.pipelens.agent.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handler must leave the application's own uncaught-exception behaviour untouched. */
class UncaughtErrorRecorderTest {

  @Test
  void handsTheExceptionToTheHandlerItWraps() {
    List<Throwable> seen = new ArrayList<>();
    Thread thread = new Thread(() -> {}, "worker-1");
    IllegalStateException boom = new IllegalStateException("boom");

    new UncaughtErrorRecorder((t, e) -> seen.add(e)).uncaughtException(thread, boom);

    assertThat(seen).containsExactly(boom);
  }

  @Test
  void withoutAHandlerPrintsLikeTheJdk() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      new UncaughtErrorRecorder(null)
          .uncaughtException(new Thread(() -> {}, "worker-2"), new IllegalStateException("boom"));
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .startsWith("Exception in thread \"worker-2\" java.lang.IllegalStateException: boom");
  }
}
