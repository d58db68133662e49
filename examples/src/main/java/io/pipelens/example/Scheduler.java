package io.pipelens.example;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example's scheduler: plain Java, no pipelens code; run it with
 * {@code -javaagent:pipelens-javaagent.jar}.
 *
 * <pre>
 * Scheduler once  --pipeline-dir DIR --work-dir DIR --scoring-url URL --segmenter HOST:PORT --amqp-uri URI [--rows N] [--shift X] [--malformed-row N] [--seed N]
 * Scheduler serve --port P [--every 10m] (same run options)
 * </pre>
 *
 * {@code once} runs the pipeline one time (exit status 1 when it failed); {@code serve} runs it
 * every {@code --every} (0 = only on demand) and on {@code POST /runs}.
 */
public final class Scheduler {
  private Scheduler() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("once") || args[0].equals("serve"))) {
      System.err.println("usage: Scheduler once|serve --pipeline-dir DIR --work-dir DIR"
          + " --scoring-url URL --segmenter HOST:PORT --amqp-uri URI [--rows N] [--shift X]"
          + " [--malformed-row N] [--seed N] [--port P --every DURATION]");
      System.exit(2);
    }
    Map<String, String> options;
    try {
      options = pairs(Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String port = options.remove("port");
    String every = options.remove("every");
    RunOptions run;
    try {
      run = RunOptions.parse(options);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (args[0].equals("once")) {
      RunResult result = new PipelineRunner().run(1, run);
      System.out.println(result.line());
      System.exit(result.ok() ? 0 : 1);
    }
    OnDemandServer server = new OnDemandServer(run, port == null ? 0 : Integer.parseInt(port),
        every == null ? Duration.ZERO : parseDuration(every));
    server.start();
  }

  static Map<String, String> pairs(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value pairs, got '" + args[i] + "'");
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }

  /** {@code 30s}, {@code 10m}, {@code 1h} or {@code 0}. */
  static Duration parseDuration(String raw) {
    if (raw.equals("0")) {
      return Duration.ZERO;
    }
    try {
      long n = Long.parseLong(raw.substring(0, raw.length() - 1));
      return switch (raw.charAt(raw.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--every: expected 0 or a duration like 30s, 10m, 1h; got '"
          + raw + "'");
    }
  }
}
