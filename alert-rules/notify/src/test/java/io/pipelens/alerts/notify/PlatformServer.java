package io.pipelens.alerts.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 standing in for a chat platform: records each request and
 * answers with queued responses, or with the handler's answer once the queue is empty. Handlers
 * verify requests as the platform would (signature, shape) and answer the platform's codes.
 */
public final class PlatformServer implements AutoCloseable {
  /** One received request. */
  public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }

    public String query(String key) {
      if (rawQuery == null) return null;
      for (String kv : rawQuery.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0 && kv.substring(0, eq).equals(key)) return kv.substring(eq + 1);
      }
      return null;
    }
  }

  /** An answer: status, JSON body and extra headers. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer json(int status, String body) {
      return new Answer(status, body, Map.of());
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Answer> queued = new ArrayDeque<>();
  private volatile Function<Request, Answer> handler;

  public PlatformServer(Function<Request, Answer> handler) throws IOException {
    this.handler = handler;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  public URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  public synchronized void enqueue(Answer a) {
    queued.add(a);
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
        Map.copyOf(ex.getRequestHeaders()), body);
    Answer a;
    synchronized (this) {
      requests.add(r);
      a = queued.isEmpty() ? null : queued.poll();
    }
    if (a == null) a = handler.apply(r);
    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
    a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
