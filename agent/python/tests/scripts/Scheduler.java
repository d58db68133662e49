// A scheduler as users write it: plain ProcessBuilder, no pipelens code. Run with the pipelens
// Java agent, each child gets TRACEPARENT for an exec span. Args: python features.py child.py Rscript score.R
// With SCHEDULER_GATE=stdin it prints "features-done" after the first step and waits for a line on
// stdin before the second (a test stops the collector in between).
import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Scheduler {
  public static void main(String[] args) throws Exception {
    int features = run(new ProcessBuilder(args[0], args[1], args[0], args[2]));
    if ("stdin".equals(System.getenv("SCHEDULER_GATE"))) {
      System.out.println("features-done");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in)).readLine();
    }
    int score = run(new ProcessBuilder(args[3], args[4], args[0], args[2]));
    System.out.println("features-exit=" + features + " score-exit=" + score);
  }

  private static int run(ProcessBuilder pb) throws Exception {
    pb.environment().put("PIPELINE_STEP_ENV", "kept");
    return pb.inheritIO().start().waitFor();
  }
}
