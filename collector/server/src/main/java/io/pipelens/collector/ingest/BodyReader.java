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
 * GroupCommitWriter#release releases} its length (once it is decoded).
 */
public final class BodyReader {
  private static final long DISCARD_FACTOR = 16;

  private BodyReader() {}

  /**
   * The body as one array, sized from {@code Content-Length} when the request has one, so the bytes
   * are copied once from the network chunks and never again (no growing buffer, no copy out of it).
   * Fails with {@link IngestError.Kind#TOO_LARGE} when the body passes {@code maxBytes}.
   */
  public static Future<byte[]> read(HttpServerRequest req, long maxBytes, GroupCommitWriter memory) {
    Promise<byte[]> promise = Promise.promise();
    Upload upload = new Upload(initialCapacity(req.getHeader("Content-Length"), maxBytes));
    req.handler(
        chunk -> {
          int n = chunk.length();
          upload.seen += n;
          if (upload.seen <= maxBytes && upload.body != null) {
            if (memory.tryReserve(n)) {
              upload.append(chunk, n);
            } else {
              upload.release(memory);
              upload.overloaded = true; // keep nothing, discard the rest as it arrives
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
          if (upload.overloaded) {
            promise.tryFail(overloaded(memory));
          } else if (upload.seen > maxBytes) {
            upload.release(memory);
            promise.tryFail(tooLarge(maxBytes));
          } else if (!promise.tryComplete(upload.bytes())) {
            upload.release(memory);
          }
        });
    return promise.future();
  }

  /** The declared length when it is plausible, else a small start that doubles as needed. */
  static int initialCapacity(String contentLength, long maxBytes) {
    if (contentLength != null && contentLength.length() <= 10) {
      try {
        long declared = Long.parseLong(contentLength.trim());
        if (declared >= 0 && declared <= maxBytes && declared <= Integer.MAX_VALUE - 16) {
          return (int) declared;
        }
      } catch (NumberFormatException e) {
        // not a length: read as chunked
      }
    }
    return 16 * 1024;
  }

  /** State of one body read, touched on the request's event loop only. */
  private static final class Upload {
    long seen;
    byte[] body; // null once released
    int length;
    boolean overloaded;

    Upload(int capacity) {
      body = new byte[capacity];
    }

    void append(Buffer chunk, int n) {
      if (length + n > body.length) {
        body = java.util.Arrays.copyOf(body, Math.max(length + n, body.length * 2));
      }
      chunk.getBytes(0, n, body, length);
      length += n;
    }

    byte[] bytes() {
      return length == body.length ? body : java.util.Arrays.copyOf(body, length);
    }

    void release(GroupCommitWriter memory) {
      if (body != null) {
        memory.release(length);
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
