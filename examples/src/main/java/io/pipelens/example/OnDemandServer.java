package io.pipelens.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduled runs plus {@code POST /runs} (on demand; answers when the run ended with
 * {@code {"run", "traceId", "status", "error"}}). Runs never overlap: one thread executes them.
 */
final class OnDemandServer {
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
    RunResult result = pipeline.run(runs.incrementAndGet(), options);
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
      Future<RunResult> pending = runner.submit(this::runOnce);
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
