package io.pipelens.collector.ingest;

import io.pipelens.collector.store.GroupCommitWriter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body on the event loop, holding at most {@code maxBytes} in memory. A longer body
 * is read to its end and discarded (so the client, still uploading, can read the 413), unless it
 * is absurdly long: then the connection is closed.
 *
 * <p>The bytes held count toward the write queue's memory bound ({@link
 * GroupCommitWriter#tryReserve}) as they arrive, so many slow uploads cannot exhaust the heap
 * while the queue itself looks empty. When the bound is reached the body is discarded as it keeps
 * arriving and the request fails with {@link IngestError.Kind#QUEUE_FULL} (429/503 + Retry-After).
 * A body handed to the caller stays reserved until the caller {@link
 * GroupCommitWriter#release releases} its {@link Buffer#length()} (once it is decoded).
 */
public final class BodyReader {
  private static final long DISCARD_FACTOR = 16;

  private BodyReader() {}

  /** Fails with {@link IngestError.Kind#TOO_LARGE} when the body passes {@code maxBytes}. */
  public static Future<Buffer> read(HttpServerRequest req, long maxBytes, GroupCommitWriter memory) {
    Promise<Buffer> promise = Promise.promise();
    Upload upload = new Upload();
    req.handler(
        chunk -> {
          upload.seen += chunk.length();
          if (upload.seen <= maxBytes && upload.body != null) {
            if (memory.tryReserve(chunk.length())) {
              upload.body.appendBuffer(chunk);
            } else {
              memory.release(upload.body.length());
              upload.body = null; // overloaded: keep nothing, discard the rest as it arrives
            }
          } else if (upload.seen > maxBytes * DISCARD_FACTOR) {
            req.connection().close();
          }
        });
    req.exceptionHandler(
        err -> {
          if (promise.tryFail(err)) {
            upload.release(memory);
          }
        });
    req.endHandler(
        v -> {
          if (upload.body == null) {
            promise.tryFail(overloaded(memory));
          } else if (upload.seen > maxBytes) {
            upload.release(memory);
            promise.tryFail(tooLarge(maxBytes));
          } else if (!promise.tryComplete(upload.body)) {
            upload.release(memory);
          }
        });
    return promise.future();
  }

  /** State of one body read, touched on the request's event loop only. */
  private static final class Upload {
    long seen;
    Buffer body = Buffer.buffer(); // null once the memory bound refused a chunk

    void release(GroupCommitWriter memory) {
      if (body != null) {
        memory.release(body.length());
        body = null;
      }
    }
  }

  static IngestError tooLarge(long maxBytes) {
    return new IngestError(
        IngestError.Kind.TOO_LARGE,
        "request body larger than " + maxBytes + " bytes (collector.ingest.max-body-bytes)");
  }

  static IngestError overloaded(GroupCommitWriter memory) {
    return new IngestError(
        IngestError.Kind.QUEUE_FULL,
        "collector is overloaded: request bodies and queued data reached "
            + memory.maxQueuedBytes() + " bytes (collector.ingest.max-queue-bytes)");
  }
}
