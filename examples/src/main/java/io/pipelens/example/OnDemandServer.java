package io.pipelens.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduled runs plus {@code POST /runs} (on demand; answers when the run ended with
 * {@code {"run", "traceId", "status", "error"}}). Runs never overlap: one thread executes them.
 * Query parameters {@code rows}, {@code shift}, {@code malformed-row} and {@code seed} change the
 * generated input of that run only (e.g. {@code POST /runs?shift=6} for a drifted batch).
 */
final class OnDemandServer {
  private static final List<String> INPUT_KEYS = List.of("rows", "shift", "malformed-row", "seed");
  private final RunOptions options;
  private final int port;
  private final Duration every;
  private final AtomicInteger runs = new AtomicInteger();
  private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor();
  private final PipelineRunner pipeline = new PipelineRunner();

  OnDemandServer(RunOptions options, int port, Duration every) {
    this.options = options;
    this.port = port;
    this.every = every;
  }

  void start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.createContext("/runs", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    if (!every.isZero()) {
      runner.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    System.out.println("scheduler listening on http://127.0.0.1:" + server.getAddress().getPort()
        + "/runs" + (every.isZero() ? "" : " and running every " + every));
  }

  private RunResult runOnce() {
    return runOnce(options);
  }

  private RunResult runOnce(RunOptions o) {
    RunResult result = pipeline.run(runs.incrementAndGet(), o);
    System.out.println(result.line());
    return result;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Allow", "POST");
        send(exchange, 405, "{\"error\":\"use POST /runs\"}");
        return;
      }
      RunOptions o;
      try {
        o = withQuery(exchange.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        send(exchange, 400, "{\"error\":\"" + escape(e.getMessage()) + "\"}");
        return;
      }
      Future<RunResult> pending = runner.submit(() -> runOnce(o));
      RunResult r;
      try {
        r = pending.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        send(exchange, 500, "{\"error\":\"" + escape(e.toString()) + "\"}");
        return;
      }
      send(exchange, r.ok() ? 200 : 500, "{\"run\":" + r.run() + ",\"traceId\":\"" + r.traceId()
          + "\",\"status\":\"" + (r.ok() ? "ok" : "failed") + "\",\"error\":\"" + escape(r.error()) + "\"}");
    }
  }

  private RunOptions withQuery(String query) {
    Map<String, String> args = new HashMap<>();
    args.put("pipeline-dir", options.pipelineDir().toString());
    args.put("work-dir", options.workDir().toString());
    args.put("scoring-url", options.scoringUrl());
    args.put("segmenter", options.segmenterTarget());
    args.put("amqp-uri", options.amqpUri());
    args.put("rows", String.valueOf(options.rows()));
    args.put("shift", String.valueOf(options.shift()));
    args.put("malformed-row", String.valueOf(options.malformedRow()));
    args.put("seed", String.valueOf(options.seed() + runs.get() + 1));
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        if (!INPUT_KEYS.contains(key)) {
          throw new IllegalArgumentException("query: unknown parameter '" + key + "'; expected one of "
              + INPUT_KEYS);
        }
        args.put(key, kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    RunOptions parsed = RunOptions.parse(args);
    return options.withInput(parsed.rows(), parsed.shift(), parsed.malformedRow(), parsed.seed());
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
