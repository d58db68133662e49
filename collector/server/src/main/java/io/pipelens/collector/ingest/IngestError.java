package io.pipelens.collector.ingest;

import io.vertx.grpc.common.GrpcStatus;

/**
 * Why a whole ingest request was refused; each kind knows its HTTP status, gRPC status, whether
 * the client should retry, and the reason label of the rejection metric. No stack trace: these are
 * answers to clients, not bugs.
 */
public final class IngestError extends RuntimeException {

  /** The kinds of refusal, with the answers OTLP and Zipkin clients expect. */
  public enum Kind {
    MALFORMED(400, GrpcStatus.INVALID_ARGUMENT, false),
    UNAUTHENTICATED(401, GrpcStatus.UNAUTHENTICATED, false),
    FORBIDDEN(403, GrpcStatus.PERMISSION_DENIED, false),
    NOT_FOUND(404, GrpcStatus.UNIMPLEMENTED, false),
    METHOD_NOT_ALLOWED(405, GrpcStatus.UNIMPLEMENTED, false),
    TOO_LARGE(413, GrpcStatus.RESOURCE_EXHAUSTED, false),
    UNSUPPORTED_MEDIA_TYPE(415, GrpcStatus.UNIMPLEMENTED, false),
    QUEUE_FULL(429, GrpcStatus.RESOURCE_EXHAUSTED, true),
    INTERNAL(500, GrpcStatus.INTERNAL, false),
    UNAVAILABLE(503, GrpcStatus.UNAVAILABLE, true);

    private final int httpStatus;
    private final GrpcStatus grpcStatus;
    private final boolean retryable;

    Kind(int httpStatus, GrpcStatus grpcStatus, boolean retryable) {
      this.httpStatus = httpStatus;
      this.grpcStatus = grpcStatus;
      this.retryable = retryable;
    }

    public int httpStatus() {
      return httpStatus;
    }

    public GrpcStatus grpcStatus() {
      return grpcStatus;
    }

    /** Retryable refusals carry Retry-After (HTTP) or RetryInfo (gRPC). */
    public boolean retryable() {
      return retryable;
    }

    /** The {@code reason} label of the rejection counters. */
    public String reason() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Kind kind;

  public IngestError(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  /** The refusal for a failure that is not an IngestError: a read error or a bug of ours. */
  public static IngestError of(Throwable failure) {
    if (failure instanceof IngestError e) {
      return e;
    }
    if (failure instanceof java.io.IOException || failure instanceof io.vertx.core.VertxException) {
      return new IngestError(Kind.MALFORMED, "cannot read request body: " + failure.getMessage());
    }
    org.slf4j.LoggerFactory.getLogger(IngestError.class).error("bug while handling ingest", failure);
    return new IngestError(Kind.INTERNAL, "internal error: " + failure);
  }

  public Kind kind() {
    return kind;
  }
}
