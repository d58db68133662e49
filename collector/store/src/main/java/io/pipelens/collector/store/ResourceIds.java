package io.pipelens.collector.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;

/**
 * Resources stored once in the {@code resources} table, rows referring to them by {@code
 * resource_id} (the first 8 bytes of the SHA-256 of their JSON). A resource is the same for every
 * span of a process, so this takes its few hundred bytes off every row. Used by the writer thread
 * only; {@link #known} remembers the ids already stored so each is appended once.
 */
final class ResourceIds {
  private static final int MAX_KNOWN = 100_000;
  private final Set<Long> known = new HashSet<>();

  /** Ids and new rows of one write call. */
  final class Call {
    private final Map<Map<String, Object>, Long> byIdentity = new IdentityHashMap<>();
    private final Map<Long, String> fresh = new LinkedHashMap<>();

    /** Whether {@link #idOf} answers from this call's cache (or for no resource) and cannot fail. */
    boolean isKnown(Map<String, Object> resource) {
      return resource == null || byIdentity.containsKey(resource);
    }

    /** The id of {@code resource}, or {@code null} for no resource. */
    Long idOf(Map<String, Object> resource, String what) {
      if (resource == null) {
        return null;
      }
      Long id = byIdentity.get(resource);
      if (id == null) {
        String json = AttributeJson.encodeMap(resource, what + ".resource");
        id = hash(json);
        byIdentity.put(resource, id);
        if (!known.contains(id)) {
          fresh.putIfAbsent(id, json);
        }
      }
      return id;
    }

    void appendNew(DuckDBAppender a) throws SQLException {
      for (Map.Entry<Long, String> e : fresh.entrySet()) {
        a.beginRow();
        a.append(e.getKey());
        a.append(e.getValue());
        a.endRow();
      }
    }

    boolean hasNew() {
      return !fresh.isEmpty();
    }

    /** Call after the transaction committed: the new ids are now stored. */
    void committed() {
      if (known.size() + fresh.size() > MAX_KNOWN) {
        known.clear(); // a rare duplicate row is harmless: reads take any one of equal rows
      }
      known.addAll(fresh.keySet());
    }
  }

  Call newCall() {
    return new Call();
  }

  /** Forget what is stored, e.g. after retention deleted unreferenced resources. */
  void forget() {
    known.clear();
  }

  void remember(long id) {
    if (known.size() < MAX_KNOWN) {
      known.add(id);
    }
  }

  static long hash(String json) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
