package io.pipelens.collector.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.ingest.BodyReader;
import io.pipelens.collector.ingest.Gzip;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.ingest.IngestSink;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP/HTTP ({@code POST /v1/traces|metrics|logs}, protobuf or JSON, optionally gzip) as the OTLP
 * specification answers it: 200 with the Export*ServiceResponse in the request's encoding (with
 * {@code partial_success} when items were rejected) once the data is durable; otherwise 400, 401,
 * 403, 404, 405, 413, 415, 429 or 503 with a google.rpc.Status body, and Retry-After on 429/503.
 * Everything runs on the event loop without blocking.
 */
public final class OtlpHttpHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpHandler.class);
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";
  private static final String PROTOCOL = "otlp_http";

  private final IngestSink sink;
  private final BearerAuth auth;
  private final long maxBodyBytes;
  private final int retryAfterSeconds;

  public OtlpHttpHandler(IngestSink sink, BearerAuth auth, long maxBodyBytes, int retryAfterSeconds) {
    this.sink = sink;
    this.auth = auth;
    this.maxBodyBytes = maxBodyBytes;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handle(HttpServerRequest req) {
    Signal signal = Signal.forHttpPath(req.path());
    String contentType = mediaType(req.getHeader("Content-Type"));
    // Errors go back in the request's encoding; JSON (readable) when that is not OTLP's.
    String encoding = PROTOBUF.equals(contentType) ? PROTOBUF : JSON;
    IngestError refusal = precheck(req, signal, contentType);
    if (refusal != null) {
      String label = signal == null ? "unknown" : signal.label();
      sink.metrics().rejectedRequest(label, PROTOCOL, refusal.kind().reason());
      LOG.debug("refused OTLP/HTTP request to {}: {}", req.path(), refusal.getMessage());
      req.handler(chunk -> {});
      fail(req.response(), encoding, refusal);
      return;
    }
    BodyReader.read(req, maxBodyBytes, sink.memory())
        .compose(body -> decodeAndStore(req, signal, encoding, body))
        .onSuccess(response -> send(req.response(), 200, encoding, response))
        .onFailure(err -> {
          IngestError error = IngestError.of(err);
          if (error.kind() != IngestError.Kind.QUEUE_FULL && error.kind() != IngestError.Kind.UNAVAILABLE) {
            sink.metrics().rejectedRequest(signal.label(), PROTOCOL, error.kind().reason());
          }
          LOG.debug("refused OTLP/HTTP {}: {}", signal.label(), error.getMessage());
          fail(req.response(), encoding, error);
        });
  }

  private IngestError precheck(HttpServerRequest req, Signal signal, String contentType) {
    if (signal == null) {
      return new IngestError(IngestError.Kind.NOT_FOUND,
          "unknown path " + req.path() + "; OTLP/HTTP paths are /v1/traces, /v1/metrics, /v1/logs");
    }
    if (req.method() != HttpMethod.POST) {
      return new IngestError(IngestError.Kind.METHOD_NOT_ALLOWED,
          "method " + req.method() + " not allowed; use POST");
    }
    IngestError denied = auth.check(BearerAuth.Scope.INGEST, req.getHeader("Authorization"));
    if (denied != null) {
      return denied;
    }
    if (!PROTOBUF.equals(contentType) && !JSON.equals(contentType)) {
      return new IngestError(IngestError.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Type '" + req.getHeader("Content-Type")
              + "'; use application/x-protobuf or application/json");
    }
    String length = req.getHeader("Content-Length");
    if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBodyBytes * 16) {
      return new IngestError(IngestError.Kind.TOO_LARGE,
          "request body of " + length + " bytes is larger than " + maxBodyBytes + " bytes");
    }
    return null;
  }

  /** Decodes (then releases the body's reservation: the decoded batch is counted instead) and submits. */
  private Future<Message> decodeAndStore(HttpServerRequest req, Signal signal, String encoding, byte[] body) {
    OtlpCodec.Decoded decoded;
    try {
      byte[] bytes = Gzip.decode(req.getHeader("Content-Encoding"), body, maxBodyBytes);
      decoded = encoding.equals(JSON)
          ? OtlpCodec.decodeJson(signal, bytes)
          : OtlpCodec.decodeProtobuf(signal, bytes);
    } finally {
      sink.memory().release(body.length);
    }
    if (decoded.rejected() > 0) {
      LOG.debug("OTLP/HTTP {}: {}", signal.label(), decoded.rejectionMessage());
    }
    return sink.submit(signal.label(), PROTOCOL, decoded.batch(), decoded.rejected())
        .map(v -> OtlpCodec.response(signal, decoded.rejected(), decoded.rejectionMessage()));
  }

  private void fail(HttpServerResponse response, String encoding, IngestError error) {
    IngestError.Kind kind = error.kind();
    if (kind.retryable()) {
      response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (kind == IngestError.Kind.UNAUTHENTICATED) {
      response.putHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
    }
    if (kind == IngestError.Kind.METHOD_NOT_ALLOWED) {
      response.putHeader("Allow", "POST");
    }
    if (kind == IngestError.Kind.TOO_LARGE) {
      response.putHeader("Connection", "close");
    }
    Status status = Status.newBuilder()
        .setCode(kind.grpcStatus().code)
        .setMessage(error.getMessage())
        .build();
    send(response, kind.httpStatus(), encoding, status);
  }

  private static void send(HttpServerResponse response, int code, String encoding, Message body) {
    if (response.ended() || response.closed()) {
      return;
    }
    byte[] bytes = encoding.equals(JSON) ? OtlpJson.print(body) : body.toByteArray();
    response.setStatusCode(code).putHeader("Content-Type", encoding).end(Buffer.buffer(bytes));
  }

  /** The media type of a Content-Type header, lower case, without parameters; "" when absent. */
  static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
