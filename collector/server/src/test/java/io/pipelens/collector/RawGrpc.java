package io.pipelens.collector;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceName;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A raw unary gRPC call, so tests can send arbitrary bytes and see the status and trailers. */
final class RawGrpc {
  record Result(GrpcStatus status, String message, MultiMap headers, MultiMap trailers, Buffer body) {
    /** The google.rpc.Status from {@code grpc-status-details-bin} (trailers, or headers of a trailers-only answer). */
    com.google.rpc.Status details() throws Exception {
      String bin = trailers.get("grpc-status-details-bin");
      if (bin == null) {
        bin = headers.get("grpc-status-details-bin");
      }
      return bin == null ? null : com.google.rpc.Status.parseFrom(Base64.getDecoder().decode(bin));
    }
  }

  /** The client's own Vert.x, so client work never shows up as the collector's blocked loop. */
  private static final Vertx CLIENT = Vertx.vertx();

  private RawGrpc() {}

  static Result call(Vertx vertx, int port, String service, byte[] message, Map<String, String> headers)
      throws Exception {
    return call(vertx, port, service, message, headers, "identity");
  }

  static Result call(Vertx vertx, int port, String service, byte[] message, Map<String, String> headers,
      String encoding) throws Exception {
    GrpcClient client = GrpcClient.client(CLIENT);
    try {
      return client.request(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
          .compose(req -> {
            req.serviceName(ServiceName.create(service)).methodName("Export");
            req.encoding(encoding);
            headers.forEach((k, v) -> req.headers().set(k, v));
            req.end(Buffer.buffer(message));
            return req.response();
          })
          .compose(resp -> {
            Buffer body = Buffer.buffer();
            resp.handler(body::appendBuffer);
            return resp.end().transform(ar -> Future.succeededFuture(
                new Result(resp.status(), resp.statusMessage(), resp.headers(), resp.trailers(), body)));
          })
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }
}
