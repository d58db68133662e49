package io.pipelens.collector.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.ingest.Gzip;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.ingest.IngestSink;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/gRPC: the unary {@code Export} method of the trace, metrics and logs services. Answers
 * INVALID_ARGUMENT for undecodable messages, UNAUTHENTICATED/PERMISSION_DENIED for auth,
 * RESOURCE_EXHAUSTED with a RetryInfo detail when the write queue is full (retryable, as the OTLP
 * spec says) and UNAVAILABLE (with RetryInfo) while shutting down or when the store fails.
 */
public final class OtlpGrpcHandler implements Handler<GrpcServerRequest<Buffer, Buffer>> {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcHandler.class);
  private static final String PROTOCOL = "otlp_grpc";

  private final IngestSink sink;
  private final BearerAuth auth;
  private final long maxMessageBytes;
  private final int retryAfterSeconds;

  /** @param maxMessageBytes largest message accepted, also after gzip decompression */
  public OtlpGrpcHandler(IngestSink sink, BearerAuth auth, long maxMessageBytes, int retryAfterSeconds) {
    this.sink = sink;
    this.auth = auth;
    this.maxMessageBytes = maxMessageBytes;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handle(GrpcServerRequest<Buffer, Buffer> req) {
    Signal signal = "Export".equals(req.methodName())
        ? Signal.forGrpcService(req.serviceName().fullyQualifiedName())
        : null;
    IngestError refusal = signal == null
        ? new IngestError(IngestError.Kind.NOT_FOUND, "unknown method " + req.fullMethodName())
        : auth.check(BearerAuth.Scope.INGEST, req.headers().get("authorization"));
    if (refusal != null) {
      sink.metrics().rejectedRequest(signal == null ? "unknown" : signal.label(), PROTOCOL,
          refusal.kind().reason());
      req.handler(msg -> {});
      fail(req.response(), refusal);
      return;
    }
    boolean[] answered = {false};
    req.invalidMessageHandler(invalid -> {
      if (answered[0]) {
        return;
      }
      answered[0] = true;
      IngestError error = new IngestError(IngestError.Kind.TOO_LARGE,
          "invalid or oversized gRPC message: " + invalid.getMessage());
      sink.metrics().rejectedRequest(signal.label(), PROTOCOL, error.kind().reason());
      fail(req.response(), error);
    });
    // Raw messages, decompressed here with the body cap: Vert.x would inflate a gzip bomb unbounded.
    Promise<byte[]> message = Promise.promise();
    req.messageHandler(msg -> {
      try {
        message.tryComplete(payload(msg));
      } catch (IngestError e) {
        message.tryFail(e);
      }
    });
    req.exceptionHandler(message::tryFail);
    req.endHandler(v -> message.tryFail(
        new IngestError(IngestError.Kind.MALFORMED, "the request carried no message")));
    message.future()
        .compose(bytes -> store(signal, bytes))
        .onSuccess(response -> {
          if (!answered[0]) {
            answered[0] = true;
            req.response().end(Buffer.buffer(response));
          }
        })
        .onFailure(err -> {
          IngestError error = IngestError.of(err);
          if (!error.kind().retryable()) {
            sink.metrics().rejectedRequest(signal.label(), PROTOCOL, error.kind().reason());
          }
          LOG.debug("refused OTLP/gRPC {}: {}", signal.label(), error.getMessage());
          if (!answered[0]) {
            answered[0] = true;
            fail(req.response(), error);
          }
        });
  }

  private byte[] payload(GrpcMessage msg) {
    String encoding = msg.encoding() == null ? "identity" : msg.encoding();
    return switch (encoding) {
      case "identity" -> msg.payload().getBytes();
      case "gzip" -> Gzip.decompress(msg.payload().getBytes(), maxMessageBytes);
      default -> throw new IngestError(IngestError.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported grpc-encoding " + encoding + "; use gzip or identity");
    };
  }

  private Future<byte[]> store(Signal signal, byte[] message) {
    OtlpCodec.Decoded decoded = OtlpCodec.decodeProtobuf(signal, message);
    return sink.submit(signal.label(), PROTOCOL, decoded.batch(), decoded.rejected())
        .map(v -> OtlpCodec.response(signal, decoded.rejected(), decoded.rejectionMessage())
            .toByteArray());
  }

  private void fail(GrpcServerResponse<Buffer, Buffer> response, IngestError error) {
    GrpcStatus status = error.kind().grpcStatus();
    Status.Builder details = Status.newBuilder().setCode(status.code).setMessage(error.getMessage());
    if (error.kind().retryable()) {
      details.addDetails(Any.pack(RetryInfo.newBuilder()
          .setRetryDelay(Duration.newBuilder().setSeconds(retryAfterSeconds))
          .build()));
    }
    response.trailers().set("grpc-status-details-bin",
        Base64.getEncoder().withoutPadding().encodeToString(details.build().toByteArray()));
    response.status(status).statusMessage(error.getMessage()).end();
  }
}
