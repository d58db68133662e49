package io.pipelens.collector.store;

import java.util.List;
import java.util.stream.Stream;

/**
 * The DuckDB tables. Times are BIGINT nanoseconds since the Unix epoch (exact round trip; use
 * {@code make_timestamp_ns(start_ns)} in SQL for a timestamp). Attribute maps, log bodies, events and
 * links are VARCHAR holding JSON in the {@link AttributeJson} / {@link SpanNestedJson} encodings
 * ({@code ::JSON} casts work). Spans are not rows: see {@link SpanChunks}. See docs/storage.md.
 */
final class DuckDbSchema {
  static final int VERSION = 2;

  /** The columns of {@code span_chunks}, for its DDL and for compaction's copy of it. */
  static final String SPAN_CHUNKS_COLUMNS = """
      (trace_key BIGINT, trace_id VARCHAR, min_start_ns BIGINT, max_start_ns BIGINT,
        span_count INTEGER, service_name VARCHAR, spans BLOB USING COMPRESSION uncompressed)""";

  /** The tables, created when missing (and dropped what older files had); {@link #DDL} adds the indexes. */
  static final List<String> TABLES =
      List.of(
          "CREATE TABLE IF NOT EXISTS pipelens_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
          // One row per trace per write call: its spans as a SpanBlockCodec block (see SpanChunks).
          // The blocks stay uncompressed: DuckDB's default (FSST) decompresses a whole vector of
          // 2,048 blobs to return one, 7 ms of CPU per trace lookup at 200k chunks against 1.5 ms
          // uncompressed (the file is ~35% larger; the codec is compact already).
          "CREATE TABLE IF NOT EXISTS span_chunks " + DuckDbSchema.SPAN_CHUNKS_COLUMNS,
          // Every (service, name, kind) ever written, each once (see SpanOperations).
          "CREATE TABLE IF NOT EXISTS span_operations (service_name VARCHAR, name VARCHAR, kind INTEGER)",
          "CREATE TABLE IF NOT EXISTS resources (resource_id BIGINT, resource VARCHAR)",
          // Until the trace_key indexes: time ranges of the traces of logs, and the marker of
          // their one-time backfill. Dropped at open.
          "DROP TABLE IF EXISTS trace_index",
          "DELETE FROM pipelens_meta WHERE key = 'trace_index_logs'",
          """
          CREATE TABLE IF NOT EXISTS logs (
            trace_key BIGINT, time_ns BIGINT, observed_ns BIGINT, severity_number INTEGER,
            severity_text VARCHAR, body VARCHAR, event_name VARCHAR, trace_id VARCHAR,
            span_id VARCHAR, flags INTEGER, service_name VARCHAR, language VARCHAR,
            resource_id BIGINT, scope_name VARCHAR, scope_version VARCHAR, attributes VARCHAR)""",
          """
          CREATE TABLE IF NOT EXISTS metric_points (
            name VARCHAR, description VARCHAR, unit VARCHAR, type VARCHAR, monotonic BOOLEAN,
            temporality INTEGER, start_ns BIGINT, time_ns BIGINT, service_name VARCHAR,
            language VARCHAR, resource_id BIGINT, scope_name VARCHAR, scope_version VARCHAR,
            attributes VARCHAR, value DOUBLE, count BIGINT, sum DOUBLE, min DOUBLE, max DOUBLE,
            scale INTEGER, bucket_bounds DOUBLE[], bucket_counts BIGINT[], quantiles DOUBLE[],
            quantile_values DOUBLE[], flags INTEGER)""");

  /**
   * ART indexes on the trace key, so a trace's chunks and logs are found by an index lookup
   * instead of a scan of the key column (3-4 ms of CPU per lookup at 1M traces, growing with the
   * table; with the index ~0.5 ms, flat). DuckDB uses an index only for a filter on the indexed
   * column alone: the queries compare {@code trace_key} in SQL and the full id in Java. The cost is
   * ~1.5 us of CPU per appended row. Created at open when missing (also in older files) and again
   * after compaction, which recreates the tables.
   */
  static final List<String> INDEXES = List.of(
      "CREATE INDEX IF NOT EXISTS span_chunks_trace_key ON span_chunks (trace_key)",
      "CREATE INDEX IF NOT EXISTS logs_trace_key ON logs (trace_key)");

  /** What runs at every open, in order: {@link #TABLES}, then {@link #INDEXES}. */
  static final List<String> DDL =
      Stream.concat(TABLES.stream(), INDEXES.stream()).toList();

  /** The tables holding telemetry, which retention deletes from and compacts. */
  static final List<String> DATA_TABLES = List.of("span_chunks", "logs", "metric_points", "resources");

  /** A log's time for ordering and retention: its own time, else when it was observed. */
  static final String LOG_TIME = "(CASE WHEN time_ns <> 0 THEN time_ns ELSE observed_ns END)";

  private DuckDbSchema() {}
}
