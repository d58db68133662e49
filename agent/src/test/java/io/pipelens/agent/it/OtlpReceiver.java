package io.pipelens.agent.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal OTLP/HTTP trace receiver ({@code POST /v1/traces}, protobuf) built on the official
 * generated OTLP classes and the JDK's HTTP server, bound to 127.0.0.1 on a free port. Other OTLP
 * paths are accepted and discarded.
 */
final class OtlpReceiver implements AutoCloseable {

  private final HttpServer server;
  private final List<Span> spans = new CopyOnWriteArrayList<>();

  /** Listens on 127.0.0.1:{@code port}; 0 picks a free port. */
  OtlpReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * On the collector's default port 4318 when it is free (so a test can rely on the agent's
   * defaults), otherwise on any free port.
   */
  static OtlpReceiver onDefaultPortIfFree() throws IOException {
    try {
      return new OtlpReceiver(4318);
    } catch (BindException inUse) {
      return new OtlpReceiver(0);
    }
  }

  boolean onDefaultPort() {
    return server.getAddress().getPort() == 4318;
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every span received so far. */
  List<Span> spans() {
    return new ArrayList<>(spans);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      respond(exchange);
    } catch (IOException | RuntimeException | Error e) {
      // the JDK server would drop this silently; make a broken receiver visible in the test log
      System.err.println("OTLP receiver failed: " + e);
      throw e;
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      byte[] bytes = body.readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] response = new byte[0];
      if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(bytes);
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
          for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
            spans.addAll(scopeSpans.getSpansList());
          }
        }
        response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      exchange.getResponseBody().write(response);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
