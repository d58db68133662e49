package io.pipelens.collector.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.duckdb.DuckDBAppender;

/**
 * The {@code span_operations} table: every (service, span name, kind) ever written, one row each,
 * so services() and operations() read a table of a few hundred rows instead of every span. The
 * combinations already stored are kept in memory (loaded at open); a write call appends only new
 * ones, in its own transaction. Retention does not prune it: a service whose spans all expired is
 * still listed. Used by the writer thread only.
 */
final class SpanOperations {
  static final String TABLE = "span_operations";
  private static final int MAX_KNOWN = 100_000;

  private record Key(String service, String name, int kind) {}

  private final Set<Key> known = new HashSet<>();

  /** Loads what the file holds (at open and after the file was replaced). */
  void load(Connection conn) throws SQLException {
    known.clear();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT service_name, name, kind FROM " + TABLE)) {
      while (rs.next() && known.size() < MAX_KNOWN) {
        known.add(new Key(rs.getString(1), rs.getString(2), rs.getInt(3)));
      }
    }
  }

  Call newCall() {
    return new Call();
  }

  /** The new combinations of one write call. */
  final class Call {
    private final Set<Key> fresh = new LinkedHashSet<>();
    private Key last;

    void add(String service, String name, int kind) {
      if (last != null && last.kind == kind && Objects.equals(last.name, name)
          && Objects.equals(last.service, service)) {
        return; // spans of one trace often repeat the previous combination
      }
      Key k = new Key(service, name, kind);
      last = k;
      if (!known.contains(k)) {
        fresh.add(k);
      }
    }

    void appendNew(DuckDBAppender a) throws SQLException {
      for (Key k : fresh) {
        a.beginRow();
        SpanRows.str(a, k.service);
        SpanRows.str(a, k.name);
        a.append(k.kind);
        a.endRow();
      }
    }

    boolean hasNew() {
      return !fresh.isEmpty();
    }

    /** After the transaction committed. */
    void committed() {
      if (known.size() + fresh.size() > MAX_KNOWN) {
        known.clear(); // a rare duplicate row is harmless: reads use DISTINCT
      }
      known.addAll(fresh);
    }
  }
}
