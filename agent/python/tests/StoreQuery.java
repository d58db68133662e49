import io.pipelens.collector.store.SpanBlockCodec;
import io.pipelens.collector.store.SpanEvent;
import io.pipelens.collector.store.SpanRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Test helper run as a single-file Java program by the client tests: prints the rows of one SQL
 * query against a stopped collector's DuckDB file as JSON lines (column name to string value).
 * The store keeps spans as encoded per-trace chunks, so this first decodes them (with the store's
 * own codec) into an in-memory table {@code spans} (trace_id, span_id, parent_span_id, name, kind,
 * start_ns, end_ns, status_code, status_message, service_name, language, scope_name, attributes
 * and events as JSON); every other table is the file's, attached read-only.
 * Usage: java -cp 'collector.jar:lib/*' StoreQuery.java DB_FILE SQL
 */
public class StoreQuery {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("ATTACH '" + args[0].replace("'", "''") + "' AS store (READ_ONLY)");
      s.execute("CREATE TABLE memory.main.spans (trace_id VARCHAR, span_id VARCHAR,"
          + " parent_span_id VARCHAR, name VARCHAR, kind INTEGER, start_ns BIGINT, end_ns BIGINT,"
          + " status_code INTEGER, status_message VARCHAR, service_name VARCHAR, language VARCHAR,"
          + " scope_name VARCHAR, attributes VARCHAR, events VARCHAR)");
      try (ResultSet chunks = s.executeQuery("SELECT spans FROM store.main.span_chunks");
          PreparedStatement insert = c.prepareStatement("INSERT INTO memory.main.spans VALUES"
              + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        while (chunks.next()) {
          for (SpanRecord r : SpanBlockCodec.decodeAll(chunks.getBytes(1))) {
            Object[] row = {r.traceId(), r.spanId(), r.parentSpanId(), r.name(), r.kind(),
                r.startEpochNanos(), r.endEpochNanos(), r.statusCode(), r.statusMessage(),
                r.serviceName(), r.language(), r.scopeName(), json(r.attributes()),
                events(r.events())};
            for (int i = 0; i < row.length; i++) {
              insert.setObject(i + 1, row[i]);
            }
            insert.execute();
          }
        }
      }
      s.execute("SET search_path = 'memory.main,store.main'");
      try (ResultSet rs = s.executeQuery(args[1])) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          StringBuilder line = new StringBuilder("{");
          for (int i = 1; i <= md.getColumnCount(); i++) {
            if (i > 1) line.append(',');
            line.append(quote(md.getColumnLabel(i))).append(':');
            Object v = rs.getObject(i);
            line.append(v == null ? "null" : quote(v.toString()));
          }
          System.out.println(line.append('}'));
        }
      }
    }
  }

  private static String events(List<SpanEvent> events) {
    StringBuilder b = new StringBuilder("[");
    if (events != null) {
      for (SpanEvent e : events) {
        if (b.length() > 1) b.append(',');
        b.append("{\"time_unix_nano\":").append(e.epochNanos())
            .append(",\"name\":").append(json(e.name()))
            .append(",\"attributes\":").append(json(e.attributes())).append('}');
      }
    }
    return b.append(']').toString();
  }

  /** Plain JSON of an attribute value: maps, lists, strings, numbers, booleans (else a string). */
  private static String json(Object v) {
    if (v == null) return "null";
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (b.length() > 1) b.append(',');
        b.append(quote(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
      }
      return b.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (Object o : l) {
        if (b.length() > 1) b.append(',');
        b.append(json(o));
      }
      return b.append(']').toString();
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof Integer) return v.toString();
    if (v instanceof Double d && Double.isFinite(d)) return d.toString();
    return quote(v.toString());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch)); else b.append(ch);
        }
      }
    }
    return b.append('"').toString();
  }
}
