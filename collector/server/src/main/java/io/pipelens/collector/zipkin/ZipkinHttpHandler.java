package io.pipelens.collector.zipkin;

import io.pipelens.collector.auth.BearerAuth;
import io.pipelens.collector.ingest.BodyReader;
import io.pipelens.collector.ingest.Gzip;
import io.pipelens.collector.ingest.IngestError;
import io.pipelens.collector.ingest.IngestSink;
import io.pipelens.collector.ingest.RequestStrings;
import io.pipelens.collector.store.SpanRecord;
import io.pipelens.collector.store.TelemetryBatch;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * Zipkin v2 ingest: {@code POST /api/v2/spans} with a JSON ({@code application/json}, the default)
 * or proto3 ({@code application/x-protobuf}) list of spans, optionally gzip. Answers 202 Accepted
 * with no body once the spans are durable, like Zipkin; errors are plain text naming the problem.
 */
public final class ZipkinHttpHandler implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ZipkinHttpHandler.class);
  private static final String PATH = "/api/v2/spans";
  private static final String PROTOCOL = "zipkin";
  private static final String SIGNAL = "traces";

  private final IngestSink sink;
  private final BearerAuth auth;
  private final long maxBodyBytes;
  private final int retryAfterSeconds;

  public ZipkinHttpHandler(IngestSink sink, BearerAuth auth, long maxBodyBytes, int retryAfterSeconds) {
    this.sink = sink;
    this.auth = auth;
    this.maxBodyBytes = maxBodyBytes;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @Override
  public void handle(HttpServerRequest req) {
    SpanBytesDecoder decoder = decoder(req.getHeader("Content-Type"));
    IngestError refusal = precheck(req, decoder);
    if (refusal != null) {
      sink.metrics().rejectedRequest(SIGNAL, PROTOCOL, refusal.kind().reason());
      req.handler(chunk -> {});
      fail(req.response(), refusal);
      return;
    }
    BodyReader.read(req, maxBodyBytes, sink.memory())
        .compose(body -> store(req, decoder, body))
        .onSuccess(v -> req.response().setStatusCode(202).end())
        .onFailure(err -> {
          IngestError error = IngestError.of(err);
          if (!error.kind().retryable()) {
            sink.metrics().rejectedRequest(SIGNAL, PROTOCOL, error.kind().reason());
          }
          LOG.debug("refused Zipkin spans: {}", error.getMessage());
          fail(req.response(), error);
        });
  }

  private IngestError precheck(HttpServerRequest req, SpanBytesDecoder decoder) {
    if (!PATH.equals(req.path())) {
      return new IngestError(IngestError.Kind.NOT_FOUND,
          "unknown path " + req.path() + "; Zipkin spans are posted to " + PATH);
    }
    if (req.method() != HttpMethod.POST) {
      return new IngestError(IngestError.Kind.METHOD_NOT_ALLOWED,
          "method " + req.method() + " not allowed; use POST");
    }
    IngestError denied = auth.check(BearerAuth.Scope.INGEST, req.getHeader("Authorization"));
    if (denied != null) {
      return denied;
    }
    if (decoder == null) {
      return new IngestError(IngestError.Kind.UNSUPPORTED_MEDIA_TYPE,
          "unsupported Content-Type '" + req.getHeader("Content-Type")
              + "'; use application/json or application/x-protobuf");
    }
    return null;
  }

  /** Decodes (then releases the body's reservation: the decoded batch is counted instead) and submits. */
  private Future<Void> store(HttpServerRequest req, SpanBytesDecoder decoder, byte[] body) {
    byte[] bytes;
    List<Span> spans = null;
    List<SpanRecord> fast = null;
    RequestStrings strings = new RequestStrings();
    try {
      bytes = Gzip.decode(req.getHeader("Content-Encoding"), body, maxBodyBytes);
      if (decoder == SpanBytesDecoder.JSON_V2) {
        // the common shape straight to records; null: zipkin2 decodes it (and names problems)
        fast = ZipkinJsonFastPath.decode(bytes, strings);
      }
      if (fast == null) {
        spans = decoder.decodeList(bytes);
      }
    } catch (IngestError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IngestError(IngestError.Kind.MALFORMED,
          "cannot decode Zipkin " + decoder.name() + " spans: " + e.getMessage());
    } finally {
      sink.memory().release(body.length);
    }
    if (fast != null) {
      return sink.submit(SIGNAL, PROTOCOL, TelemetryBatch.ofSpans(fast, bytes.length), 0);
    }
    List<SpanRecord> records = new ArrayList<>(spans.size());
    for (Span span : spans) {
      SpanRecord record = ZipkinSpanConverter.convert(span, strings);
      if (record != null) {
        records.add(record);
      }
    }
    long invalid = spans.size() - records.size();
    return sink.submit(SIGNAL, PROTOCOL, TelemetryBatch.ofSpans(records, bytes.length), invalid);
  }

  private void fail(HttpServerResponse response, IngestError error) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (error.kind().retryable()) {
      response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (error.kind() == IngestError.Kind.UNAUTHENTICATED) {
      response.putHeader("WWW-Authenticate", BearerAuth.CHALLENGE);
    }
    if (error.kind() == IngestError.Kind.METHOD_NOT_ALLOWED) {
      response.putHeader("Allow", "POST");
    }
    response.setStatusCode(error.kind().httpStatus())
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(error.getMessage() + "\n");
  }

  private static SpanBytesDecoder decoder(String contentType) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "", "application/json" -> SpanBytesDecoder.JSON_V2;
      case "application/x-protobuf", "application/protobuf" -> SpanBytesDecoder.PROTO3;
      default -> null;
    };
  }
}
