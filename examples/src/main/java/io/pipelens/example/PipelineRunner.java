package io.pipelens.example;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pipeline run, as one trace: generate the input, build features (Python subprocess), score
 * them in R twice (Rscript subprocess and the plumber service over HTTP), segment customers (Python
 * over gRPC) and publish the report (Python over RabbitMQ). Stops at the first failing step.
 * Progress goes to stdout as {@code run=N step=NAME start|ok|failed}.
 */
public final class PipelineRunner {
  private final Tracer tracer = GlobalOpenTelemetry.getTracer("io.pipelens.example");

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  public RunResult run(int number, RunOptions o) {
    Span span = tracer.spanBuilder("pipeline-run")
        .setAttribute("pipeline.run", number)
        .setAttribute("pipeline.rows", o.rows())
        .startSpan();
    String traceId = span.getSpanContext().getTraceId();
    try (Scope ignored = span.makeCurrent()) {
      steps(number, o);
      span.setStatus(StatusCode.OK);
      return new RunResult(number, traceId, "");
    } catch (StepFailedException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getMessage());
      return new RunResult(number, traceId, e.getMessage());
    } finally {
      span.end();
    }
  }

  private void steps(int number, RunOptions o) throws StepFailedException {
    Path dir = o.workDir().resolve("run-" + number);
    Path raw = dir.resolve("customers.csv");
    Path features = dir.resolve("features.csv");
    Path predictions = dir.resolve("predictions.csv");
    Path scripts = o.pipelineDir();
    step(number, "generate", () -> DataGenerator.write(raw, o.rows(), o.shift(), o.malformedRow(), o.seed()));
    step(number, "features", () -> ProcessStep.run("features", "features",
        List.of(o.python(), scripts.resolve("features.py").toString(), raw.toString(), features.toString()), dir));
    step(number, "score-batch", () -> ProcessStep.run("score-batch", "score-batch",
        List.of(o.rscript(), scripts.resolve("score.R").toString(), features.toString(), predictions.toString()), dir));
    FeatureTable table = read(features);
    List<Double> churn = new ArrayList<>();
    step(number, "score-api", () -> churn.addAll(new ScoringApiClient(o.scoringUrl()).score(table.rows())));
    Map<String, Object> segments = new LinkedHashMap<>();
    step(number, "segment", () -> {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < table.rows().size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>(table.rows().get(i));
        row.put("churn", churn.get(i));
        rows.add(row);
      }
      try (SegmenterClient client = new SegmenterClient(o.segmenterTarget())) {
        segments.putAll(client.assign(Map.of("run", number, "rows", rows)));
      }
    });
    step(number, "report", () -> {
      double mean = churn.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("run", number);
      report.put("rows", table.rows().size());
      report.put("mean_churn", mean);
      report.put("segments", segments.get("counts"));
      System.out.println("run=" + number + " reporter=" + new ReportPublisher(o.amqpUri()).publish(report));
    });
  }

  private void step(int number, String name, Step body) throws StepFailedException {
    Span span = tracer.spanBuilder("step " + name).setAttribute("pipeline.step", name).startSpan();
    System.out.println("run=" + number + " step=" + name + " start");
    try (Scope ignored = span.makeCurrent()) {
      body.run();
      System.out.println("run=" + number + " step=" + name + " ok");
    } catch (Exception e) {
      StepFailedException failure = e instanceof StepFailedException s ? s
          : new StepFailedException(name + ": " + e, e);
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getMessage());
      System.out.println("run=" + number + " step=" + name + " failed");
      throw failure;
    } finally {
      span.end();
    }
  }

  private static FeatureTable read(Path features) throws StepFailedException {
    try {
      return FeatureTable.read(features);
    } catch (IOException e) {
      throw new StepFailedException("features: unreadable output " + e.getMessage(), e);
    }
  }
}
