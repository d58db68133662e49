package io.pipelens.collector.store;

import static io.pipelens.collector.store.SpanRows.str;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.duckdb.DuckDBAppender;

/** Maps {@link MetricPoint} to and from a row of the {@code metric_points} table. */
final class MetricRows {
  static final String SELECT =
      "SELECT name, description, unit, type, monotonic, temporality, start_ns, time_ns,"
          + " service_name, language, resource_id, scope_name, scope_version, attributes, value,"
          + " count, sum, min, max, scale, bucket_bounds, bucket_counts, quantiles,"
          + " quantile_values, flags FROM metric_points";

  private MetricRows() {}

  static void append(
      DuckDBAppender a, MetricPoint m, ResourceIds.Call resources, String what)
      throws SQLException {
    SpanRows.require(m.name(), what, "name");
    if (m.type() == null) {
      throw new IllegalArgumentException(what + ": type is missing");
    }
    String attributes = AttributeJson.encodeMap(m.attributes(), what + ".attributes");
    Long resource = resources.idOf(m.resource(), what);
    double[] bounds = doubles(m.bucketBounds(), what + ".bucketBounds");
    long[] counts = longs(m.bucketCounts(), what + ".bucketCounts");
    double[] quantiles = doubles(m.quantiles(), what + ".quantiles");
    double[] quantileValues = doubles(m.quantileValues(), what + ".quantileValues");
    a.beginRow();
    a.append(m.name());
    str(a, m.description());
    str(a, m.unit());
    a.append(m.type().name());
    a.append(m.monotonic());
    a.append(m.temporality());
    a.append(m.startEpochNanos());
    a.append(m.timeEpochNanos());
    str(a, m.serviceName());
    str(a, m.language());
    SpanRows.nullableLong(a, resource);
    str(a, m.scopeName());
    str(a, m.scopeVersion());
    str(a, attributes);
    a.append(m.value());
    a.append(m.count());
    a.append(m.sum());
    a.append(m.min());
    a.append(m.max());
    a.append(m.scale());
    appendDoubles(a, bounds);
    if (counts == null) {
      a.appendNull();
    } else {
      a.append(counts);
    }
    appendDoubles(a, quantiles);
    appendDoubles(a, quantileValues);
    a.append(m.flags());
    a.endRow();
  }

  static MetricPoint read(ResultSet rs, ResourceCache.Lookup resources) throws SQLException {
    return new MetricPoint(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        MetricPoint.Type.valueOf(rs.getString(4)),
        rs.getBoolean(5),
        rs.getInt(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getString(9),
        rs.getString(10),
        resources.resource(rs, 11),
        rs.getString(12),
        rs.getString(13),
        AttributeJson.decodeMap(rs.getString(14)),
        rs.getDouble(15),
        rs.getLong(16),
        rs.getDouble(17),
        rs.getDouble(18),
        rs.getDouble(19),
        rs.getInt(20),
        list(rs.getArray(21), Double.class),
        list(rs.getArray(22), Long.class),
        list(rs.getArray(23), Double.class),
        list(rs.getArray(24), Double.class),
        rs.getInt(25));
  }

  private static void appendDoubles(DuckDBAppender a, double[] values) throws SQLException {
    if (values == null) {
      a.appendNull();
    } else {
      a.append(values);
    }
  }

  private static double[] doubles(List<Double> list, String what) {
    if (list == null) {
      return null;
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      Double d = list.get(i);
      if (d == null) {
        throw new IllegalArgumentException(what + "[" + i + "] is null");
      }
      out[i] = d;
    }
    return out;
  }

  private static long[] longs(List<Long> list, String what) {
    if (list == null) {
      return null;
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Long l = list.get(i);
      if (l == null) {
        throw new IllegalArgumentException(what + "[" + i + "] is null");
      }
      out[i] = l;
    }
    return out;
  }

  private static <T> List<T> list(Array array, Class<T> type) throws SQLException {
    if (array == null) {
      return null;
    }
    Object[] values = (Object[]) array.getArray();
    List<T> out = new ArrayList<>(values.length);
    for (Object v : values) {
      out.add(type.cast(v));
    }
    return Collections.unmodifiableList(out);
  }
}
