package io.pipelens.collector.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body on the event loop, holding at most {@code maxBytes} in memory. A longer body
 * is read to its end and discarded (so the client, still uploading, can read the 413), unless it
 * is absurdly long: then the connection is closed.
 */
public final class BodyReader {
  private static final long DISCARD_FACTOR = 16;

  private BodyReader() {}

  /** Fails with {@link IngestError.Kind#TOO_LARGE} when the body passes {@code maxBytes}. */
  public static Future<Buffer> read(HttpServerRequest req, long maxBytes) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    long[] seen = {0};
    req.handler(
        chunk -> {
          seen[0] += chunk.length();
          if (seen[0] <= maxBytes) {
            body.appendBuffer(chunk);
          } else if (seen[0] > maxBytes * DISCARD_FACTOR) {
            req.connection().close();
          }
        });
    req.exceptionHandler(err -> promise.tryFail(err));
    req.endHandler(
        v -> {
          if (seen[0] > maxBytes) {
            promise.tryFail(tooLarge(maxBytes));
          } else {
            promise.tryComplete(body);
          }
        });
    return promise.future();
  }

  static IngestError tooLarge(long maxBytes) {
    return new IngestError(
        IngestError.Kind.TOO_LARGE,
        "request body larger than " + maxBytes + " bytes (collector.ingest.max-body-bytes)");
  }
}
