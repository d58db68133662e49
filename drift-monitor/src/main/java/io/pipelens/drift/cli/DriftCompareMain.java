package io.pipelens.drift.cli;

import io.pipelens.drift.dataset.Dataset;
import io.pipelens.drift.dataset.DatasetFormatException;
import io.pipelens.drift.dataset.DatasetReader;
import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.MethodChoice;
import io.pipelens.drift.report.DatasetComparator;
import io.pipelens.drift.report.DriftReport;
import io.pipelens.drift.report.ReportFormatter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code pipelens drift compare}: offline drift report for two files. Exit code 0 with the report
 * on stdout, or 2 with one error line on stderr for bad input (unknown option, unreadable file,
 * missing column, method that does not fit a column).
 */
public final class DriftCompareMain {
  private DriftCompareMain() {}

  public static void main(String[] args) {
    int code = run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
        new PrintStream(System.err, true, StandardCharsets.UTF_8));
    System.exit(code);
  }

  /** Runs the command; returns the exit code instead of exiting (for tests and embedding). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CompareOptions opts;
    try {
      opts = CompareOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("pipelens drift compare: " + e.getMessage());
      err.print(CompareOptions.USAGE);
      return 2;
    }
    if (opts.help()) {
      out.print(CompareOptions.USAGE);
      return 0;
    }
    try {
      Dataset ref = DatasetReader.read(opts.reference());
      Dataset cur = DatasetReader.read(opts.current());
      DriftConfig config = DriftConfig.DEFAULTS.withDefaults(new MethodChoice(opts.method(), opts.threshold()));
      if (opts.driftShare() != null) {
        config = config.withDriftShare(opts.driftShare());
      }
      DriftReport report = DatasetComparator.compare(ref, cur, config, opts.columns());
      out.print(opts.format().equals("json") ? ReportFormatter.json(report) + System.lineSeparator()
          : ReportFormatter.table(report));
      return 0;
    } catch (DatasetFormatException | IllegalArgumentException e) {
      String hint = opts.method() != null && String.valueOf(e.getMessage()).contains("cannot compare")
          ? " (choose the columns it fits with --columns, or omit --method)" : "";
      err.println("pipelens drift compare: " + e.getMessage() + hint);
      return 2;
    } catch (IOException e) {
      err.println("pipelens drift compare: cannot read input: " + e);
      return 2;
    }
  }
}
