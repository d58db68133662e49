package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Spans of one trace as {@link SpanBlockCodec} bytes, with the summary a {@code span_chunks} row
 * holds beside them and the (service, name, kind) combinations {@code span_operations} needs: what
 * the span log's records and tail carry, so the loader appends rows without decoding a span.
 *
 * @param block one block, or several concatenated ({@link SpanBlockCodec#decodeAll})
 * @param serviceName of every span, or null when they differ
 * @param opServices with {@code opNames} and {@code opKinds}: the distinct operations, in order
 */
record EncodedTrace(String traceId, long minStartNanos, long maxStartNanos, int spanCount,
    String serviceName, String[] opServices, String[] opNames, int[] opKinds, byte[] block) {

  /** Encodes spans that all have {@code traceId} (in the order given). */
  static EncodedTrace of(String traceId, List<SpanRecord> spans) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    String service = spans.get(0).serviceName();
    boolean oneService = true;
    Ops ops = new Ops(4);
    for (int i = 0; i < spans.size(); i++) {
      SpanRecord s = spans.get(i);
      long start = s.startEpochNanos();
      min = Math.min(min, start);
      max = Math.max(max, start);
      oneService = oneService && Objects.equals(service, s.serviceName());
      ops.add(s.serviceName(), s.name(), s.kind());
    }
    return new EncodedTrace(traceId, min, max, spans.size(), oneService ? service : null,
        ops.services(), ops.names(), ops.kinds(), SpanBlockCodec.encode(spans));
  }

  /** Parts of one trace as one: blocks concatenated, summaries combined (no span decoded). */
  static EncodedTrace merge(List<EncodedTrace> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    EncodedTrace first = parts.get(0);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int count = 0;
    int bytes = 0;
    boolean oneService = true;
    Ops ops = new Ops(first.opNames.length * 2);
    for (EncodedTrace p : parts) {
      min = Math.min(min, p.minStartNanos);
      max = Math.max(max, p.maxStartNanos);
      count += p.spanCount;
      bytes += p.block.length;
      oneService = oneService && p.serviceName != null
          && p.serviceName.equals(first.serviceName);
      for (int i = 0; i < p.opNames.length; i++) {
        ops.add(p.opServices[i], p.opNames[i], p.opKinds[i]);
      }
    }
    byte[] block = new byte[bytes];
    int at = 0;
    for (EncodedTrace p : parts) {
      System.arraycopy(p.block, 0, block, at, p.block.length);
      at += p.block.length;
    }
    return new EncodedTrace(first.traceId, min, max, count, oneService ? first.serviceName : null,
        ops.services(), ops.names(), ops.kinds(), block);
  }

  /**
   * Each trace's parts merged into one (blocks concatenated, nothing decoded), traces in order of
   * first appearance.
   */
  static List<EncodedTrace> mergeByTrace(List<EncodedTrace> traces) {
    java.util.LinkedHashMap<String, List<EncodedTrace>> parts = new java.util.LinkedHashMap<>();
    boolean repeats = false;
    for (EncodedTrace t : traces) {
      List<EncodedTrace> list = parts.get(t.traceId());
      if (list == null) {
        list = new ArrayList<>(2);
        parts.put(t.traceId(), list);
      } else {
        repeats = true;
      }
      list.add(t);
    }
    if (!repeats) {
      return traces;
    }
    List<EncodedTrace> out = new ArrayList<>(parts.size());
    for (List<EncodedTrace> p : parts.values()) {
      out.add(merge(p));
    }
    return out;
  }

  /** Groups spans by trace id, traces in order of first appearance, each encoded. */
  static List<EncodedTrace> group(List<SpanRecord> spans) {
    List<EncodedTrace> out = new ArrayList<>();
    int n = spans.size();
    String first = n == 0 ? null : spans.get(0).traceId();
    boolean oneTrace = true;
    for (int i = 1; i < n && oneTrace; i++) {
      oneTrace = Objects.equals(first, spans.get(i).traceId());
    }
    if (n == 0) {
      return out;
    }
    if (oneTrace) { // the common case: a request carries spans of one trace
      out.add(of(first, spans));
      return out;
    }
    java.util.LinkedHashMap<String, List<SpanRecord>> byTrace = new java.util.LinkedHashMap<>();
    for (SpanRecord s : spans) {
      byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
    }
    byTrace.forEach((id, list) -> out.add(of(id, list)));
    return out;
  }

  /** The spans, decoded. */
  List<SpanRecord> spans() {
    return SpanBlockCodec.decodeAll(block);
  }

  /** Distinct (service, name, kind) triples in first-seen order; a few per trace, so a scan. */
  private static final class Ops {
    private String[] services;
    private String[] names;
    private int[] kinds;
    private int size;
    private java.util.Set<List<Object>> seen; // past 16 operations, instead of the scan

    Ops(int capacity) {
      services = new String[Math.max(capacity, 2)];
      names = new String[services.length];
      kinds = new int[services.length];
    }

    void add(String service, String name, int kind) {
      if (seen != null) {
        if (!seen.add(Arrays.asList(service, name, kind))) {
          return;
        }
      } else {
        for (int i = size - 1; i >= 0; i--) {
          if (kinds[i] == kind && Objects.equals(names[i], name)
              && Objects.equals(services[i], service)) {
            return;
          }
        }
        if (size == 16) {
          seen = new java.util.HashSet<>();
          for (int i = 0; i < size; i++) {
            seen.add(Arrays.asList(services[i], names[i], kinds[i]));
          }
          seen.add(Arrays.asList(service, name, kind));
        }
      }
      if (size == names.length) {
        services = Arrays.copyOf(services, size * 2);
        names = Arrays.copyOf(names, size * 2);
        kinds = Arrays.copyOf(kinds, size * 2);
      }
      services[size] = service;
      names[size] = name;
      kinds[size] = kind;
      size++;
    }

    String[] services() {
      return Arrays.copyOf(services, size);
    }

    String[] names() {
      return Arrays.copyOf(names, size);
    }

    int[] kinds() {
      return Arrays.copyOf(kinds, size);
    }
  }
}
