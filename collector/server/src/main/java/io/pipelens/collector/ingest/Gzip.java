package io.pipelens.collector.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Decompresses gzip request bodies with a cap on the output, so a gzip bomb cannot exhaust memory. */
public final class Gzip {
  private Gzip() {}

  /**
   * Undoes a {@code Content-Encoding} ({@code gzip}, {@code identity} or none).
   *
   * @throws IngestError UNSUPPORTED_MEDIA_TYPE for other encodings, else as {@link #decompress}
   */
  public static byte[] decode(String contentEncoding, byte[] body, long maxBytes) {
    if (contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity")) {
      return body;
    }
    if (contentEncoding.trim().equalsIgnoreCase("gzip")) {
      return decompress(body, maxBytes);
    }
    throw new IngestError(
        IngestError.Kind.UNSUPPORTED_MEDIA_TYPE,
        "unsupported Content-Encoding '" + contentEncoding + "'; use gzip or none");
  }

  /**
   * @throws IngestError TOO_LARGE when the decompressed size passes {@code maxBytes}, MALFORMED
   *     when the data is not valid gzip
   */
  public static byte[] decompress(byte[] compressed, long maxBytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(compressed.length * 4, 1 << 20));
      byte[] chunk = new byte[8192];
      long total = 0;
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new IngestError(
              IngestError.Kind.TOO_LARGE,
              "gzip body decompresses to more than " + maxBytes
                  + " bytes (collector.ingest.max-body-bytes)");
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new IngestError(IngestError.Kind.MALFORMED, "invalid gzip body: " + e.getMessage());
    }
  }
}
