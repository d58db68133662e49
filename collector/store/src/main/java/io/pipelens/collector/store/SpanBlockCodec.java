package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact, self-contained binary encoding of a list of spans: the unit the span log and the
 * stored span chunks hold. About a third of the size of the spans' JSON, and decodable without any
 * table beside it: the block starts with its distinct resources (spans of one request share one
 * resource map, so it is written once) and repeated strings (attribute keys, names, services) are
 * written once and then referred to by number.
 *
 * <p>Layout: version byte, resource count and the resources (attribute maps), span count and the
 * spans. A span: trace id, span id, parent id (16/8 raw bytes for lower-case hex ids), trace state,
 * flags, name, kind, start (8 bytes), duration (zig-zag varint), status code and message, service,
 * language, resource index, scope name and version, attributes, events (time, name, attributes),
 * links (trace id, span id, trace state, attributes). Attribute values carry a tag: null, string,
 * true, false, long (zig-zag varint), double (8 bytes), bytes, list, map.
 *
 * <p>Round trip: every field comes back equal; {@code Integer} attribute values come back as
 * {@code Long} (the model's integer type).
 */
public final class SpanBlockCodec {
  static final int NULL = 0;
  static final int STRING = 1;
  static final int TRUE = 2;
  static final int FALSE = 3;
  static final int LONG = 4;
  static final int DOUBLE = 5;
  static final int BYTES = 6;
  static final int LIST = 7;
  static final int MAP = 8;

  private static final int VERSION = 1;

  private SpanBlockCodec() {}

  public static byte[] encode(List<SpanRecord> spans) {
    BlockOutput out = new BlockOutput(64 + spans.size() * 256);
    encodeTo(out, spans);
    return out.toByteArray();
  }

  static void encodeTo(BlockOutput out, List<SpanRecord> spans) {
    out.writeByte(VERSION);
    Map<Map<String, Object>, Integer> resources = new IdentityHashMap<>();
    List<Map<String, Object>> distinct = new ArrayList<>();
    int[] resourceOf = new int[spans.size()];
    for (int i = 0; i < spans.size(); i++) {
      Map<String, Object> r = spans.get(i).resource();
      Integer idx = resources.get(r);
      if (idx == null) {
        idx = indexOfEqual(distinct, r);
        if (idx < 0) {
          idx = distinct.size();
          distinct.add(r);
        }
        resources.put(r, idx);
      }
      resourceOf[i] = idx;
    }
    out.writeVarint(distinct.size());
    for (Map<String, Object> r : distinct) {
      out.writeAttributes(r);
    }
    out.writeVarint(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      writeSpan(out, spans.get(i), resourceOf[i]);
    }
  }

  /** Equal maps arriving as different objects (rare: several requests in one block) share a slot. */
  private static int indexOfEqual(List<Map<String, Object>> distinct, Map<String, Object> r) {
    if (distinct.size() > 16) {
      return -1; // bounded effort: a repeat costs only its size
    }
    for (int i = 0; i < distinct.size(); i++) {
      if (java.util.Objects.equals(distinct.get(i), r)) {
        return i;
      }
    }
    return -1;
  }

  private static void writeSpan(BlockOutput out, SpanRecord s, int resource) {
    if (s.traceId() == null || s.traceId().isEmpty() || s.spanId() == null || s.spanId().isEmpty()) {
      throw new IllegalArgumentException("a span needs a traceId and a spanId");
    }
    out.writeId(s.traceId());
    out.writeId(s.spanId());
    out.writeId(s.parentSpanId());
    out.writeKey(s.traceState());
    out.writeVarint(s.flags() & 0xFFFFFFFFL);
    out.writeKey(s.name());
    out.writeVarint(s.kind());
    out.writeLong(s.startEpochNanos());
    out.writeSignedVarint(s.endEpochNanos() - s.startEpochNanos());
    out.writeVarint(s.statusCode());
    out.writeKey(s.statusMessage());
    out.writeKey(s.serviceName());
    out.writeKey(s.language());
    out.writeVarint(resource);
    out.writeKey(s.scopeName());
    out.writeKey(s.scopeVersion());
    out.writeAttributes(s.attributes());
    List<SpanEvent> events = s.events();
    out.writeVarint(events == null ? 0 : events.size() + 1L);
    if (events != null) {
      for (SpanEvent e : events) {
        out.writeLong(e.epochNanos());
        out.writeKey(e.name());
        out.writeAttributes(e.attributes());
      }
    }
    List<SpanLink> links = s.links();
    out.writeVarint(links == null ? 0 : links.size() + 1L);
    if (links != null) {
      for (SpanLink l : links) {
        out.writeId(l.traceId());
        out.writeId(l.spanId());
        out.writeKey(l.traceState());
        out.writeAttributes(l.attributes());
      }
    }
  }

  /**
   * The spans of one block or of several blocks written back to back (concatenating blocks is a
   * valid way to merge them without re-encoding), in the order encoded.
   */
  public static List<SpanRecord> decodeAll(byte[] blocks) {
    List<SpanRecord> out = new ArrayList<>();
    BlockInput in = new BlockInput(blocks, 0, blocks.length);
    while (in.hasMore()) {
      out.addAll(readBlock(in));
    }
    return out;
  }

  /** The spans of a block, in the order encoded. */
  public static List<SpanRecord> decode(byte[] block) {
    return decode(block, 0, block.length);
  }

  /**
   * @throws IllegalArgumentException if the bytes are not a block of this version (truncated,
   *     corrupt, or written by a newer pipelens)
   */
  public static List<SpanRecord> decode(byte[] buf, int offset, int length) {
    BlockInput in = new BlockInput(buf, offset, length);
    List<SpanRecord> spans = readBlock(in);
    if (in.hasMore()) {
      throw new IllegalArgumentException("trailing bytes after the span block");
    }
    return spans;
  }

  private static List<SpanRecord> readBlock(BlockInput in) {
    in.startBlock();
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("span block version " + version + ", expected " + VERSION);
    }
    int nr = in.readCount();
    List<Map<String, Object>> resources = new ArrayList<>(nr);
    for (int i = 0; i < nr; i++) {
      resources.add(in.readAttributes());
    }
    int n = in.readCount();
    List<SpanRecord> spans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      spans.add(readSpan(in, resources));
    }
    return spans;
  }

  private static SpanRecord readSpan(BlockInput in, List<Map<String, Object>> resources) {
    String traceId = in.readId();
    String spanId = in.readId();
    String parent = in.readId();
    String traceState = in.readKey();
    int flags = (int) in.readVarint();
    String name = in.readKey();
    int kind = (int) in.readVarint();
    long start = in.readLong();
    long end = start + in.readSignedVarint();
    int status = (int) in.readVarint();
    String statusMessage = in.readKey();
    String service = in.readKey();
    String language = in.readKey();
    long r = in.readVarint();
    if (r >= resources.size()) {
      throw new IllegalArgumentException("resource index " + r + " out of range");
    }
    String scopeName = in.readKey();
    String scopeVersion = in.readKey();
    Map<String, Object> attributes = in.readAttributes();
    int ne = in.readCount();
    List<SpanEvent> events = null;
    if (ne > 0) {
      events = new ArrayList<>(ne - 1);
      for (int i = 0; i < ne - 1; i++) {
        long t = in.readLong();
        events.add(new SpanEvent(t, in.readKey(), in.readAttributes()));
      }
    }
    int nl = in.readCount();
    List<SpanLink> links = null;
    if (nl > 0) {
      links = new ArrayList<>(nl - 1);
      for (int i = 0; i < nl - 1; i++) {
        links.add(new SpanLink(in.readId(), in.readId(), in.readKey(), in.readAttributes()));
      }
    }
    return new SpanRecord(traceId, spanId, parent, traceState, flags, name, kind, start, end,
        status, statusMessage, service, language, resources.get((int) r), scopeName, scopeVersion,
        attributes, events, links);
  }
}
