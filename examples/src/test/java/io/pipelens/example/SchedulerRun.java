package io.pipelens.example;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code Scheduler once} printed and its exit status. */
record SchedulerRun(int exitCode, String output) {
  private static final Pattern RESULT = Pattern.compile("run=\\d+ trace=([0-9a-f]{32}) status=(\\w+)");

  String traceId() {
    Matcher m = RESULT.matcher(output);
    if (!m.find()) {
      throw new AssertionError("the scheduler printed no run result:\n" + output);
    }
    return m.group(1);
  }

  boolean ok() {
    return exitCode == 0 && output.contains("status=ok");
  }
}
