package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a span log record: the write call's spans as per-trace {@link EncodedTrace}s, so
 * the loader appends them to {@code span_chunks} as they are and replay needs no re-encoding.
 *
 * <p>Layout ({@link BlockOutput} primitives): a version byte {@value #VERSION}, the trace count,
 * then per trace its id, first and last span start (8 bytes each), span count, service (or null),
 * the operation count and each operation's service, name and kind, and the span block (length and
 * bytes). Records written before this format hold one {@link SpanBlockCodec} block, whose first
 * byte is the codec's version 1; they are read too (a log left behind by an upgrade).
 */
final class SpanLogRecords {
  static final int VERSION = 2;
  private static final int SINGLE_BLOCK_VERSION = 1;

  private SpanLogRecords() {}

  static byte[] encode(List<EncodedTrace> traces) {
    int size = 16;
    for (EncodedTrace t : traces) {
      size += t.block().length + 64 + t.opNames().length * 32;
    }
    BlockOutput out = new BlockOutput(size);
    out.writeByte(VERSION);
    out.writeVarint(traces.size());
    for (EncodedTrace t : traces) {
      out.writeString(t.traceId());
      out.writeLong(t.minStartNanos());
      out.writeLong(t.maxStartNanos());
      out.writeVarint(t.spanCount());
      out.writeKey(t.serviceName());
      out.writeVarint(t.opNames().length);
      for (int i = 0; i < t.opNames().length; i++) {
        out.writeKey(t.opServices()[i]);
        out.writeKey(t.opNames()[i]);
        out.writeSignedVarint(t.opKinds()[i]);
      }
      out.writeBytes(t.block());
    }
    return out.toByteArray();
  }

  /**
   * @throws IllegalArgumentException if the payload is neither format or does not decode
   */
  static List<EncodedTrace> decode(byte[] payload) {
    if (payload.length == 0) {
      throw new IllegalArgumentException("empty span log record");
    }
    int version = payload[0] & 0xFF;
    if (version == SINGLE_BLOCK_VERSION) {
      return EncodedTrace.group(SpanBlockCodec.decode(payload));
    }
    if (version != VERSION) {
      throw new IllegalArgumentException("span log record of unknown version " + version
          + " (written by a newer pipelens?)");
    }
    BlockInput in = new BlockInput(payload);
    in.startBlock();
    in.readByte();
    int n = in.readCount();
    List<EncodedTrace> out = new ArrayList<>(n);
    for (int t = 0; t < n; t++) {
      String traceId = in.readString();
      long min = in.readLong();
      long max = in.readLong();
      int spans = (int) in.readVarint();
      String service = in.readKey();
      int ops = in.readCount();
      String[] opServices = new String[ops];
      String[] opNames = new String[ops];
      int[] opKinds = new int[ops];
      for (int i = 0; i < ops; i++) {
        opServices[i] = in.readKey();
        opNames[i] = in.readKey();
        opKinds[i] = (int) in.readSignedVarint();
      }
      byte[] block = in.readBytes();
      out.add(new EncodedTrace(traceId, min, max, spans, service, opServices, opNames, opKinds,
          block));
    }
    if (in.hasMore()) {
      throw new IllegalArgumentException("trailing bytes after the span log record's traces");
    }
    return out;
  }
}
