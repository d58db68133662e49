package io.pipelens.collector.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads over the store behind the span log plus the tail in front of it.
 *
 * <p>Spans move from the tail to the store in loads: the store commits (at a moment this class
 * cannot see) and then the loader removes the chunks from the tail. A reader takes the tail
 * snapshot <i>before</i> it queries the store, so a span is never missed: if it is no longer in the
 * snapshot, its load had committed. It may be seen twice, though, when a load commits while the
 * reader queries the store. Searches and the distinct lists do not mind (duplicates change no id,
 * no latest start time, no set). {@link #trace} and {@link #stats} count spans, so they bracket the
 * store query with the store's own loaded position: chunks the store had loaded before the query
 * are dropped, chunks it had not loaded after it are kept, and if the position moved across a
 * chunk during the query the read is simply repeated (a commit is an instant, so it does not
 * repeat for long). Readers never wait for a load.
 */
final class SpanLogReads {
  private static final int MAX_ATTEMPTS = 1000;

  private final SpanLogTarget delegate;
  private final SpanLogTail tail;

  SpanLogReads(SpanLogTarget delegate, SpanLogTail tail) {
    this.delegate = delegate;
    this.tail = tail;
  }

  private interface StoreQuery<R> {
    R run(SpanLogTarget store) throws StoreException;
  }

  private interface Merge<R> {
    R apply(R fromStore, List<SpanLogTail.Chunk> notInIt);
  }

  /** The store's answer and exactly the chunks it did not include. */
  private <R> R exactly(StoreQuery<R> query, Merge<R> merge) throws StoreException {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      SpanLogTail.State before = tail.state();
      boolean inFlight = before.inFlightEnd() != 0;
      long loadedBefore = inFlight ? delegate.loadedSpanLogPosition() : before.committed();
      R fromStore = query.run(delegate);
      SpanLogTail.State after = tail.state();
      if (!inFlight && after.loadsStarted() == before.loadsStarted()) {
        return merge.apply(fromStore, before.chunks()); // no load could commit meanwhile
      }
      long loadedAfter = delegate.loadedSpanLogPosition();
      List<SpanLogTail.Chunk> notInStore = new ArrayList<>();
      boolean raced = false;
      for (SpanLogTail.Chunk c : before.chunks()) {
        if (c.endPosition() <= loadedBefore) {
          continue;
        }
        if (c.endPosition() <= loadedAfter) {
          raced = true;
          break;
        }
        notInStore.add(c);
      }
      if (!raced) {
        return merge.apply(fromStore, notInStore);
      }
      Thread.onSpinWait();
    }
    throw new StoreException("span log: a read raced " + MAX_ATTEMPTS + " loads in a row");
  }

  List<SpanRecord> trace(String traceId) throws StoreException {
    return exactly(
        store -> store.trace(traceId),
        (stored, chunks) -> {
          List<SpanRecord> out = null;
          for (SpanLogTail.Chunk c : chunks) {
            for (EncodedTrace t : c.traces()) {
              if (t.traceId().equals(traceId)) { // only this trace's blocks are decoded
                if (out == null) {
                  out = new ArrayList<>(stored);
                }
                out.addAll(t.spans());
              }
            }
          }
          if (out == null) {
            return stored;
          }
          out.sort(Comparator.comparingLong(SpanRecord::startEpochNanos));
          return out;
        });
  }

  StoreStats stats() throws StoreException {
    return exactly(
        SpanLogTarget::stats,
        (s, chunks) -> {
          long spans = 0;
          for (SpanLogTail.Chunk c : chunks) {
            spans += c.spanCount();
          }
          return new StoreStats(s.spans() + spans, s.logs(), s.metricPoints(), s.diskBytes());
        });
  }

  List<String> findTraceIds(TraceQuery query) throws StoreException {
    List<SpanLogTail.Chunk> chunks = tail.state().chunks(); // before the store: see class doc
    List<SpanRecord> matching = new ArrayList<>();
    for (SpanLogTail.Chunk c : chunks) {
      for (EncodedTrace t : c.traces()) {
        if (!mayMatch(t, query)) {
          continue; // decided on the summary: no span of it can match
        }
        for (SpanRecord s : t.spans()) {
          if (query.matches(s)) {
            matching.add(s);
          }
        }
      }
    }
    if (matching.isEmpty()) {
      return delegate.findTraceIds(query);
    }
    // A trace's rank is its latest matching span in either place: take the store's top traces
    // with their spans and rank them together with the tail's matches.
    for (List<SpanRecord> trace : delegate.findTraces(query)) {
      matching.addAll(trace);
    }
    return TraceSearch.findTraceIds(matching, query);
  }

  /**
   * False when the trace's summary rules every span out: no span has the query's service (and
   * span name), or every span started outside the query's time range. Else its spans decide.
   */
  static boolean mayMatch(EncodedTrace t, TraceQuery query) {
    if (t.maxStartNanos() < query.startFromNanos() || t.minStartNanos() > query.startToNanos()) {
      return false;
    }
    if (query.serviceName() == null && query.spanName() == null) {
      return true;
    }
    for (int i = 0; i < t.opNames().length; i++) {
      if ((query.serviceName() == null || query.serviceName().equals(t.opServices()[i]))
          && (query.spanName() == null || query.spanName().equals(t.opNames()[i]))) {
        return true;
      }
    }
    return false;
  }

  /** From the traces' operation lists: no span decoded. */
  List<String> services() throws StoreException {
    List<SpanLogTail.Chunk> chunks = tail.state().chunks();
    TreeSet<String> out = new TreeSet<>(delegate.services());
    for (SpanLogTail.Chunk c : chunks) {
      for (EncodedTrace t : c.traces()) {
        for (String service : t.opServices()) {
          if (service != null && !service.isEmpty()) {
            out.add(service);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** From the traces' operation lists: no span decoded. */
  List<Operation> operations(String serviceName) throws StoreException {
    List<SpanLogTail.Chunk> chunks = tail.state().chunks();
    TreeSet<Operation> out = new TreeSet<>(
        Comparator.comparing(Operation::name).thenComparingInt(Operation::kind));
    out.addAll(delegate.operations(serviceName));
    for (SpanLogTail.Chunk c : chunks) {
      for (EncodedTrace t : c.traces()) {
        for (int i = 0; i < t.opNames().length; i++) {
          if (serviceName.equals(t.opServices()[i]) && t.opNames()[i] != null) {
            out.add(new Operation(t.opNames()[i], t.opKinds()[i]));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  List<String> attributeValues(String serviceName, String key) throws StoreException {
    List<SpanLogTail.Chunk> chunks = tail.state().chunks();
    TreeSet<String> out = new TreeSet<>(delegate.attributeValues(serviceName, key));
    List<SpanRecord> ofService = new ArrayList<>();
    for (SpanLogTail.Chunk c : chunks) {
      for (EncodedTrace t : c.traces()) {
        if (Arrays.asList(t.opServices()).contains(serviceName)) {
          ofService.addAll(t.spans()); // only traces with a span of the service are decoded
        }
      }
    }
    out.addAll(TraceSearch.attributeValues(ofService, serviceName, key));
    return List.copyOf(out);
  }
}
