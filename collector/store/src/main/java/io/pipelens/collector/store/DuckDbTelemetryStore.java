package io.pipelens.collector.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB database file ({@value #FILE_NAME}) in a data directory, created
 * when missing. Schema and encodings: {@link DuckDbSchema}, docs/storage.md.
 *
 * <p>Writes go through DuckDB's appender, one transaction per {@link #write} call; DuckDB fsyncs
 * its write-ahead log on commit, so a returned write survives {@code kill -9} and power loss.
 * Reads use their own pooled connections and see committed data only. {@link #applyRetention}
 * holds the write lock while it deletes and checkpoints. Thread-safe.
 */
public final class DuckDbTelemetryStore implements SpanLogTarget {
  public static final String FILE_NAME = "pipelens.duckdb";
  private static final int MAX_IDLE_READERS = 4;
  /** One DuckDB block: less free space than this is not worth rewriting the file for. */
  private static final long REWRITE_MIN_FREE_BYTES = 256 * 1024;

  /**
   * DuckDB checkpoints when its WAL reaches {@code checkpoint_threshold} (16MB by default), and
   * each checkpoint recompresses the table's last, growing row group; at 16MB that halved write
   * throughput. 256MB (about half a million spans) costs a few seconds of WAL replay after a crash.
   */
  public static final Map<String, String> DEFAULT_SETTINGS = Map.of("checkpoint_threshold", "256MB");

  /** The name the database file is attached under. */
  private static final String CATALOG = "pipelens";

  /**
   * Rows per row group for the data written from here on (DuckDB's default is 122,880). At every
   * checkpoint DuckDB rewrites the last, partly filled row group whole; with span chunks of ~100
   * spans (~25 KB) a row group holds ~12M spans, so each checkpoint rewrote gigabytes and the cost
   * of a load grew with the store until the group filled (measured: 180 -> 540 us of CPU per
   * 25 KB row over 110k rows; with 2,048-row groups a flat ~120 us). Small groups cost per row,
   * though: with chunks of 10 spans, 2,048 rows took SpanLogBench from 5.4-6.0 to 7.5-9.1 us a
   * span; 8,192 rows 6.2-6.9 us, and in bench/ingest.sh loader + DuckDB 1.8 / 2.9 us a span
   * (OTLP / Zipkin) against 2.1 / 3.7 with 2,048.
   */
  static final int ROW_GROUP_SIZE = 8192;

  private final Path file;
  private final Properties properties;
  private DuckDBConnection writer; // replaced only under the lifecycle write lock
  private WriterSession session; // guarded by writeLock, closed whenever writer is replaced
  private final ConcurrentLinkedQueue<DuckDBConnection> idleReaders = new ConcurrentLinkedQueue<>();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ResourceIds resourceIds = new ResourceIds(); // guarded by writeLock
  private final ResourceCache resourceCache = new ResourceCache();
  private final SpanOperations operations = new SpanOperations(); // guarded by writeLock
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private DuckDbTelemetryStore(Path file, Properties properties, DuckDBConnection writer) {
    this.file = file;
    this.properties = properties;
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the store in {@code dataDirectory}. Fails with a message naming the
   * path when the directory cannot be created, the file is locked by another process, or its schema
   * version is unknown.
   */
  public static DuckDbTelemetryStore open(Path dataDirectory) throws StoreException {
    return open(dataDirectory, Map.of());
  }

  /**
   * Opens the store with DuckDB configuration options applied at start-up, e.g. {@code threads},
   * {@code memory_limit} ({@code "1GB"}) or {@code checkpoint_threshold} ({@code "64MB"}, the WAL
   * size that triggers an automatic checkpoint; {@link #DEFAULT_SETTINGS} sets 256MB). An unknown option fails
   * the open with DuckDB's message naming it.
   */
  public static DuckDbTelemetryStore open(Path dataDirectory, Map<String, String> duckDbSettings)
      throws StoreException {
    Properties properties = new Properties();
    properties.putAll(DEFAULT_SETTINGS);
    properties.putAll(duckDbSettings);
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDirectory);
      // Left by a compaction that crashed before its rename; the database file is intact.
      Files.deleteIfExists(compactFile(file));
      Files.deleteIfExists(walOf(compactFile(file)));
    } catch (IOException e) {
      throw new StoreException("cannot create store directory " + dataDirectory, e);
    }
    DuckDbTelemetryStore store = new DuckDbTelemetryStore(file, properties, connect(file, properties));
    store.loadOperations();
    return store;
  }

  private void loadOperations() throws StoreException {
    try {
      operations.load(writer);
    } catch (SQLException e) {
      closeQuietly(writer);
      throw new StoreException("cannot read span operations of " + file + ": " + e.getMessage(), e);
    }
  }

  private static DuckDBConnection connect(Path file, Properties properties) throws StoreException {
    DuckDBConnection conn;
    try {
      // An in-memory instance with the file attached, so that the attach can set the row group
      // size: see ROW_GROUP_SIZE. Connections duplicated from this one must USE the file too.
      conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
    } catch (SQLException e) {
      throw new StoreException("cannot open DuckDB store " + file + ": " + e.getMessage(), e);
    }
    try (Statement st = conn.createStatement()) {
      st.execute("ATTACH '" + file.toString().replace("'", "''") + "' AS " + CATALOG
          + " (ROW_GROUP_SIZE " + ROW_GROUP_SIZE + ")");
      st.execute("USE " + CATALOG);
    } catch (SQLException e) {
      closeQuietly(conn);
      throw new StoreException("cannot open DuckDB store " + file + ": " + e.getMessage(), e);
    }
    try (Statement st = conn.createStatement()) {
      for (String ddl : DuckDbSchema.DDL) {
        st.execute(ddl);
      }
      if (checkVersion(st, file) == 1) {
        DuckDbMigration.v1ToV2(conn);
      }
    } catch (SQLException | StoreException e) {
      closeQuietly(conn);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot create schema in " + file + ": " + e.getMessage(), e);
    }
    return conn;
  }

  /** The file's schema version: the current one, or 1 (converted at open); else fails. */
  private static int checkVersion(Statement st, Path file) throws SQLException, StoreException {
    try (ResultSet rs =
        st.executeQuery("SELECT value FROM pipelens_meta WHERE key = 'schema_version'")) {
      if (!rs.next()) {
        st.execute(
            "INSERT INTO pipelens_meta VALUES ('schema_version', '" + DuckDbSchema.VERSION + "')");
        return DuckDbSchema.VERSION;
      }
      String found = rs.getString(1);
      if ("1".equals(found)) {
        return 1;
      }
      if (!String.valueOf(DuckDbSchema.VERSION).equals(found)) {
        throw new StoreException(
            file + " has schema version " + found + ", this build reads " + DuckDbSchema.VERSION);
      }
      return DuckDbSchema.VERSION;
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public void write(List<TelemetryBatch> batches) throws StoreException {
    write(batches, -1, false);
  }

  /** The span log position, a row of {@code pipelens_meta} upserted in the data's transaction. */
  @Override
  public void write(List<TelemetryBatch> batches, long spanLogPosition) throws StoreException {
    if (spanLogPosition < 0) {
      throw new IllegalArgumentException("span log position must be >= 0, got " + spanLogPosition);
    }
    write(batches, spanLogPosition, true);
  }

  @Override
  public long loadedSpanLogPosition() throws StoreException {
    return read("span log position", conn -> {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery(
              "SELECT value FROM pipelens_meta WHERE key = 'span_log_position'")) {
        return rs.next() ? Long.parseLong(rs.getString(1)) : 0L;
      }
    });
  }

  /** Appends each trace's blocks as one {@code span_chunks} row, without decoding a span. */
  @Override
  public void writeEncoded(List<EncodedTrace> traces, long spanLogPosition) throws StoreException {
    if (spanLogPosition < 0) {
      throw new IllegalArgumentException("span log position must be >= 0, got " + spanLogPosition);
    }
    write((session, resources, ops) -> DuckDbAppends.appendEncoded(session, traces, ops),
        traces.size() + " encoded traces", spanLogPosition, true);
  }

  private interface Appending {
    void appendTo(WriterSession session, ResourceIds.Call resources, SpanOperations.Call ops)
        throws SQLException;
  }

  private void write(List<TelemetryBatch> batches, long spanLogPosition, boolean recordPosition)
      throws StoreException {
    write((session, resources, ops) -> DuckDbAppends.appendAll(session, batches, resources, ops),
        batches.size() + " batches", spanLogPosition, recordPosition);
  }

  private void write(Appending appending, String what, long spanLogPosition,
      boolean recordPosition) throws StoreException {
    lifecycle.readLock().lock();
    writeLock.lock();
    try {
      ensureOpen();
      WriterSession session = session();
      session.begin();
      try {
        ResourceIds.Call resources = resourceIds.newCall();
        SpanOperations.Call ops = operations.newCall();
        appending.appendTo(session, resources, ops);
        if (recordPosition) {
          try (Statement st = writer.createStatement()) {
            st.execute("INSERT OR REPLACE INTO pipelens_meta VALUES ('span_log_position', '"
                + spanLogPosition + "')");
          }
        }
        session.commit();
        resources.committed();
        ops.committed();
      } catch (SQLException | RuntimeException e) {
        session.rollback();
        throw new StoreException("write of " + what + " failed: " + e.getMessage(), e);
      }
    } catch (SQLException e) {
      closeSession(); // e.g. BEGIN failed: start afresh next time
      throw new StoreException("write failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
      lifecycle.readLock().unlock();
    }
  }

  /** The writer connection's session, created on first use; guarded by writeLock. */
  private WriterSession session() throws SQLException {
    if (session == null) {
      session = new WriterSession(writer);
    }
    return session;
  }

  /** Before the writer connection closes or a table may be replaced; guarded by writeLock. */
  private void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  @Override
  public List<SpanRecord> trace(String traceId) throws StoreException {
    if (traceId == null || traceId.isEmpty()) {
      return List.of();
    }
    return read(
        "trace " + traceId,
        conn -> DuckDbQueries.trace(conn, traceId));
  }

  @Override
  public List<String> findTraceIds(TraceQuery query) throws StoreException {
    return read("trace search", conn -> DuckDbTraceSearch.findTraceIds(conn, query));
  }

  /** One query for a page of results' spans, not one per trace (see {@link DuckDbTraceFetch}). */
  @Override
  public List<List<SpanRecord>> findTraces(TraceQuery query) throws StoreException {
    return read("trace search", conn -> DuckDbTraceFetch.traces(conn,
        DuckDbTraceSearch.findTraceIds(conn, query)));
  }

  @Override
  public List<String> services() throws StoreException {
    return read("services", DuckDbTraceSearch::services);
  }

  @Override
  public List<Operation> operations(String serviceName) throws StoreException {
    return read("operations of " + serviceName,
        conn -> DuckDbTraceSearch.operations(conn, serviceName));
  }

  @Override
  public List<String> attributeValues(String serviceName, String key) throws StoreException {
    return read("attribute " + key + " of " + serviceName,
        conn -> DuckDbTraceSearch.attributeValues(conn, serviceName, key));
  }

  @Override
  public List<LogRecordData> logsOfTrace(String traceId) throws StoreException {
    if (traceId == null || traceId.isEmpty()) {
      return List.of();
    }
    return read(
        "logs of trace " + traceId,
        conn -> DuckDbQueries.logsOfTrace(conn, resourceCache.on(conn), traceId));
  }

  @Override
  public List<MetricPoint> metricPoints(String name, long fromEpochNanos, long toEpochNanos)
      throws StoreException {
    return read(
        "metric points of " + name,
        conn ->
            DuckDbQueries.metricPoints(
                conn, resourceCache.on(conn), name, fromEpochNanos, toEpochNanos));
  }

  /** The value of a DuckDB option in effect (e.g. {@code memory_limit}), as DuckDB prints it. */
  public String duckDbSetting(String name) throws StoreException {
    return read("setting " + name, conn -> {
      try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT current_setting(?)")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  @Override
  public StoreStats stats() throws StoreException {
    return read(
        "stats",
        conn -> {
          try (Statement st = conn.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT (SELECT coalesce(sum(span_count), 0) FROM span_chunks),"
                          + " (SELECT count(*) FROM logs),"
                          + " (SELECT count(*) FROM metric_points)")) {
            rs.next();
            return new StoreStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), diskBytes());
          }
        });
  }

  /** Bytes of the database file plus its write-ahead log. */
  public long diskBytes() {
    return sizeOf(file) + sizeOf(walFile());
  }

  /**
   * Bytes that hold data: DuckDB's used blocks plus the WAL. Lower than {@link #diskBytes()} while
   * the file has free blocks (left by deletes, reused by later writes). Size retention uses this.
   */
  public long liveBytes() throws StoreException {
    return read("database size", conn -> new DuckDbRetention(conn, () -> sizeOf(walFile())).liveBytes());
  }

  private Path walFile() {
    return walOf(file);
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deletes, then checkpoints so the space is free (see {@link DuckDbRetention}). DuckDB reuses
   * free blocks but seldom shrinks its file, so when the file is over {@code maxBytes} and has a
   * free block or more, the store is rewritten into a fresh file ({@code COPY FROM DATABASE}) and
   * atomically renamed over the old one; reads and writes wait meanwhile.
   */
  @Override
  public long applyRetention(long olderThanEpochNanos, long maxBytes) throws StoreException {
    long deleted = 0;
    long limit = maxBytes;
    long cutoff = olderThanEpochNanos;
    // DuckDB's block granularity and file header can leave the rewritten file a little above the
    // limit; then aim lower by the overshoot and go again.
    for (int round = 0; round < 3; round++) {
      deleted += deleteAndCheckpoint(cutoff, limit);
      cutoff = Long.MIN_VALUE;
      long disk = diskBytes();
      if (maxBytes == 0 || disk <= maxBytes) {
        break;
      }
      if (disk - liveBytes() >= REWRITE_MIN_FREE_BYTES) {
        rewriteFile();
        disk = diskBytes();
      }
      limit -= disk - maxBytes + REWRITE_MIN_FREE_BYTES;
      if (disk <= maxBytes || limit <= 0) {
        break;
      }
    }
    return deleted;
  }

  private long deleteAndCheckpoint(long olderThanEpochNanos, long maxBytes) throws StoreException {
    lifecycle.readLock().lock();
    writeLock.lock();
    try {
      ensureOpen();
      closeSession(); // retention may rewrite tables under the appenders
      long deleted =
          new DuckDbRetention(writer, () -> sizeOf(walFile())).apply(olderThanEpochNanos, maxBytes);
      resourceIds.forget(); // retention drops resources no row refers to any more
      return deleted;
    } catch (SQLException e) {
      throw new StoreException("retention failed: " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
      lifecycle.readLock().unlock();
    }
  }

  /** Copies the live data into a fresh file and renames it over the current one. */
  void rewriteFile() throws StoreException {
    lifecycle.writeLock().lock();
    try {
      ensureOpen();
      closeSession(); // the writer connection is replaced below (lifecycle lock excludes writes)
      Path compact = compactFile(file);
      Files.deleteIfExists(compact);
      Files.deleteIfExists(walOf(compact));
      try (Statement st = writer.createStatement()) {
        String db;
        try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
          rs.next();
          db = rs.getString(1);
        }
        st.execute("FORCE CHECKPOINT");
        st.execute("ATTACH '" + compact.toString().replace("'", "''") + "' AS pipelens_compact"
            + " (ROW_GROUP_SIZE " + ROW_GROUP_SIZE + ")");
        st.execute("COPY FROM DATABASE \"" + db + "\" TO pipelens_compact");
        st.execute("DETACH pipelens_compact"); // checkpoints and syncs the new file
      }
      DuckDBConnection c;
      while ((c = idleReaders.poll()) != null) {
        closeQuietly(c);
      }
      writer.close();
      writer = null;
      // Everything was checkpointed and copied; a WAL left here must not replay on the new file.
      Files.deleteIfExists(walFile());
      Files.move(compact, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
        dir.force(true);
      }
      writer = connect(file, properties);
    } catch (SQLException | IOException e) {
      if (writer == null) {
        closed = true;
      }
      throw new StoreException("rewriting " + file + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private static Path compactFile(Path file) {
    return file.resolveSibling(file.getFileName() + ".compact");
  }

  private static Path walOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".wal");
  }

  @Override
  public void close() throws StoreException {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeSession();
      DuckDBConnection c;
      while ((c = idleReaders.poll()) != null) {
        closeQuietly(c);
      }
      if (writer != null) {
        writer.close();
      }
    } catch (SQLException e) {
      throw new StoreException("closing " + file + " failed: " + e.getMessage(), e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private interface ReadAction<T> {
    T run(DuckDBConnection conn) throws SQLException;
  }

  private <T> T read(String what, ReadAction<T> action) throws StoreException {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      DuckDBConnection conn = idleReaders.poll();
      try {
        if (conn == null) {
          conn = writer.duplicate();
          try (Statement st = conn.createStatement()) {
            st.execute("USE " + CATALOG);
          }
        }
        T result = action.run(conn);
        if (idleReaders.size() < MAX_IDLE_READERS) {
          idleReaders.add(conn);
          conn = null;
        }
        return result;
      } catch (SQLException e) {
        throw new StoreException("reading " + what + " failed: " + e.getMessage(), e);
      } finally {
        closeQuietly(conn);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private void ensureOpen() throws StoreException {
    if (closed) {
      throw new StoreException("store " + file + " is closed");
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // best effort
      }
    }
  }
}
