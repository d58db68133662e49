package io.pipelens.collector.zipkin;

import io.pipelens.collector.derived.ServiceIndex;
import io.pipelens.collector.store.Operation;
import io.pipelens.collector.store.StoreException;
import io.pipelens.collector.store.TelemetryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service, span and remote service names the way Zipkin shows them: lower-case, distinct, sorted,
 * matched case-insensitively against the names the store holds (OTLP keeps the sender's case,
 * Zipkin lower-cases). Read from the store; if it cannot be read, the lists come from the
 * since-start {@link ServiceIndex}. Blocking: call on a worker.
 */
final class ZipkinNames {
  private static final Logger LOG = LoggerFactory.getLogger(ZipkinNames.class);
  private final TelemetryStore store;
  private final ServiceIndex index;

  ZipkinNames(TelemetryStore store, ServiceIndex index) {
    this.store = store;
    this.index = index;
  }

  List<String> services() {
    try {
      return lower(store.services());
    } catch (StoreException e) {
      LOG.warn("services from the store failed, answering from the since-start index: {}", e.toString());
      return lower(index.services());
    }
  }

  List<String> spanNames(String service) throws StoreException {
    List<String> out = new ArrayList<>();
    for (String stored : storedServices(service)) {
      store.operations(stored).forEach(o -> out.add(o.name()));
    }
    return lower(out);
  }

  List<String> remoteServices(String service) throws StoreException {
    List<String> out = new ArrayList<>();
    for (String stored : storedServices(service)) {
      out.addAll(store.attributeValues(stored, "peer.service"));
    }
    return lower(out);
  }

  /** The stored spelling of {@code service} (any case), or null when the store has none. */
  String storedService(String service) throws StoreException {
    List<String> all = storedServices(service);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The stored spelling of a span name of {@code service} (any service when null), or null. */
  String storedSpanName(String service, String spanName) throws StoreException {
    List<String> services = service == null ? store.services() : List.of(service);
    for (String s : services) {
      for (Operation o : store.operations(s)) {
        if (o.name().equalsIgnoreCase(spanName)) {
          return o.name();
        }
      }
    }
    return null;
  }

  private List<String> storedServices(String service) throws StoreException {
    List<String> out = new ArrayList<>();
    for (String known : store.services()) {
      if (known.equalsIgnoreCase(service)) {
        out.add(known);
      }
    }
    return out;
  }

  private static List<String> lower(List<String> names) {
    TreeSet<String> out = new TreeSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return List.copyOf(out);
  }
}
