package io.pipelens.collector.store;

import static io.pipelens.collector.store.TelemetryFixtures.T0;
import static io.pipelens.collector.store.TelemetryFixtures.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up after a crash: a store "crashes" by being abandoned without {@link SpanLogStore#close}
 * (its loader never loads: the interval is an hour), and a new one is opened over the same files
 * and the same target, as the collector would after {@code kill -9}.
 */
class SpanLogRecoveryTest {
  private static final SpanLogSettings NO_LOADS =
      new SpanLogSettings(1_000_000, Duration.ofHours(1), 1_000_000, 1L << 30, 1 << 20);

  @TempDir Path dir;
  private final HeldTarget target = new HeldTarget();

  @Test
  void aCrashLosesNoAcknowledgedSpanAndTheReplayLoadsEachOnce() throws Exception {
    SpanLogStore crashed = open();
    crashed.write(List.of(batch(1, 5)));
    crashed.write(List.of(batch(2, 3), batch(1, 2)));
    assertThat(target.memory.stats().spans()).as("nothing loaded before the crash").isZero();

    try (SpanLogStore reopened = open()) {
      assertThat(target.memory.trace(traceId(1))).hasSize(7);
      assertThat(target.memory.trace(traceId(2))).hasSize(3);
      assertThat(reopened.tailSpans()).isZero();
      assertThat(reopened.trace(traceId(1))).hasSize(7);
    }
  }

  @Test
  void batchesEncodedByIngestAreStoredLikeTheOthers() throws Exception {
    SpanLogStore crashed = open();
    crashed.write(List.of(batch(1, 3).withSpanBlocks(), batch(1, 2), batch(2, 4).withSpanBlocks()));
    assertThat(crashed.trace(traceId(1))).hasSize(5);
    assertThat(crashed.trace(traceId(2))).hasSize(4);

    try (SpanLogStore reopened = open()) {
      assertThat(target.memory.trace(traceId(1))).hasSize(5);
      assertThat(target.memory.trace(traceId(2))).hasSize(4);
    }
    TelemetryBatch three = batch(3, 3);
    TelemetryBatch encodedFour = batch(4, 4).withSpanBlocks();
    assertThatThrownBy(() -> new TelemetryBatch(three.spans(), List.of(), List.of(), 1,
        encodedFour.spanBlocks()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("4 spans");
  }

  @Test
  void theReplayStartsAtThePositionTheStoreRecorded() throws Exception {
    SpanLogStore first = open();
    first.write(List.of(batch(1, 4)));
    first.flush(TimeUnit.SECONDS.toNanos(30)); // loaded, position recorded
    long loaded = target.loadedSpanLogPosition();
    assertThat(loaded).isPositive();
    first.write(List.of(batch(2, 6)));

    try (SpanLogStore reopened = open()) {
      assertThat(target.memory.trace(traceId(1))).as("loaded before: not again").hasSize(4);
      assertThat(target.memory.trace(traceId(2))).hasSize(6);
      assertThat(target.loadedSpanLogPosition()).isGreaterThan(loaded);
      assertThat(reopened.stats().spans()).isEqualTo(10);
    }
    try (SpanLogStore again = open()) {
      assertThat(again.stats().spans()).as("a clean restart replays nothing").isEqualTo(10);
    }
  }

  @Test
  void aTornLastRecordIsTruncatedAndWritingGoesOn() throws Exception {
    SpanLogStore crashed = open();
    crashed.write(List.of(batch(1, 3)));
    crashed.write(List.of(batch(2, 3)));
    Path segment = onlySegment();
    long goodSize = crashed.logBytes();
    assertThat(Files.size(segment)).as("zeros written ahead of the records").isGreaterThan(goodSize);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ByteBuffer torn = ByteBuffer.allocate(20).putInt(5000).putInt(12345);
      torn.flip();
      ch.write(torn, goodSize); // a header promising 5000 bytes, then the crash
    }

    try (SpanLogStore reopened = open()) {
      assertThat(Files.size(segment)).isEqualTo(goodSize);
      assertThat(reopened.trace(traceId(1))).hasSize(3);
      assertThat(reopened.trace(traceId(2))).hasSize(3);
      reopened.write(List.of(batch(3, 2)));
      assertThat(reopened.trace(traceId(3))).hasSize(2);
    }
    assertThat(target.memory.stats().spans()).isEqualTo(8);
  }

  @Test
  void thePreallocatedZerosAfterTheLastRecordAreCutAtStartUp() throws Exception {
    SpanLogStore crashed = open();
    crashed.write(List.of(batch(1, 3)));
    long records = crashed.logBytes();
    Path segment = onlySegment();
    assertThat(Files.size(segment)).isGreaterThan(records);

    try (SpanLogStore reopened = open()) {
      assertThat(Files.size(segment)).isEqualTo(records);
      assertThat(reopened.trace(traceId(1))).hasSize(3);
      reopened.write(List.of(batch(2, 2)));
      assertThat(reopened.trace(traceId(2))).hasSize(2);
    }
    assertThat(target.memory.stats().spans()).isEqualTo(5);
  }

  @Test
  void aRecordWrittenHalfOverThePreallocatedZerosIsTorn() throws Exception {
    SpanLogStore crashed = open();
    crashed.write(List.of(batch(1, 3)));
    long good = crashed.logBytes();
    crashed.write(List.of(batch(2, 3)));
    Path segment = onlySegment();
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      // the second record's payload was only half on disk at the crash: zeros from there on
      long end = crashed.logBytes();
      long half = good + (end - good) / 2;
      ch.write(ByteBuffer.allocate((int) (end - half)), half);
    }

    try (SpanLogStore reopened = open()) {
      assertThat(Files.size(segment)).isEqualTo(good);
      assertThat(reopened.trace(traceId(1))).hasSize(3);
      assertThat(reopened.trace(traceId(2))).isEmpty();
    }
  }

  @Test
  void closedSegmentsHoldOnlyTheirRecords() throws Exception {
    SpanLogSettings small = new SpanLogSettings(1_000_000, Duration.ofHours(1), 1_000_000,
        1L << 30, 4096);
    SpanLogStore store = SpanLogStore.open(dir, target, small, SpanLogStore.Listener.NONE);
    for (int i = 0; i < 20; i++) {
      store.write(List.of(batch(i, 5)));
    }
    List<Path> all = segments();
    assertThat(all.size()).isGreaterThan(2);
    for (int i = 0; i < all.size() - 1; i++) { // the active one is the last
      long size = startOf(all.get(i + 1)) - startOf(all.get(i));
      assertThat(Files.size(all.get(i))).as(all.get(i).toString()).isEqualTo(size);
    }
    store.close();
  }

  @Test
  void corruptionBeforeTheEndFailsNamingFileAndOffset() throws Exception {
    SpanLogStore crashed = open();
    crashed.write(List.of(batch(1, 3)));
    crashed.write(List.of(batch(2, 3)));
    Path segment = onlySegment();
    flipByte(segment, 40); // inside the first record's payload

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(segment.getFileName().toString())
        .hasMessageContaining("offset 0")
        .hasMessageContaining("CRC32C");
    assertThat(target.memory.stats().spans()).isZero();
  }

  @Test
  void aGracefulCloseLoadsEverythingAndLeavesAnEmptyLog() throws Exception {
    SpanLogStore store = open();
    store.write(List.of(batch(1, 3)));
    store.write(List.of(batch(2, 4)));
    store.close();

    assertThat(target.memory.stats().spans()).isEqualTo(7);
    assertThat(segments()).isEmpty();
    try (SpanLogStore reopened = open()) {
      reopened.write(List.of(batch(3, 1)));
      assertThat(reopened.stats().spans()).isEqualTo(8);
    }
    assertThat(target.memory.stats().spans()).isEqualTo(8);
  }

  @Test
  void loadedSegmentsAreDeleted() throws Exception {
    SpanLogSettings small = new SpanLogSettings(1_000_000, Duration.ofHours(1), 1_000_000,
        1L << 30, 2048);
    SpanLogStore store = SpanLogStore.open(dir, target, small, SpanLogStore.Listener.NONE);
    for (int i = 0; i < 20; i++) {
      store.write(List.of(batch(i, 5)));
    }
    assertThat(segments().size()).isGreaterThan(3);

    store.flush(TimeUnit.SECONDS.toNanos(30));

    assertThat(segments()).hasSizeLessThanOrEqualTo(1);
    assertThat(store.logBytes()).isLessThan(2048);
    store.close();
  }

  @Test
  void recordsInThePreviousFormatAreReplayed() throws Exception {
    // a log left by the version whose records were one span block for the whole write call
    List<SpanRecord> spans = new ArrayList<>(batch(1, 3).spans());
    spans.addAll(batch(2, 2).spans());
    SpanLogFiles old = SpanLogFiles.open(dir, 1 << 20, 0, (file, offset, payload, end) -> { });
    synchronized (old) {
      old.append(SpanBlockCodec.encode(spans));
      old.force();
      old.close(false);
    }

    try (SpanLogStore reopened = open()) {
      assertThat(target.memory.trace(traceId(1))).hasSize(3);
      assertThat(target.memory.trace(traceId(2))).hasSize(2);
      assertThat(reopened.stats().spans()).isEqualTo(5);
    }
  }

  private SpanLogStore open() throws StoreException {
    return SpanLogStore.open(dir, target, NO_LOADS, SpanLogStore.Listener.NONE);
  }

  static TelemetryBatch batch(long trace, int spans) {
    List<SpanRecord> out = new ArrayList<>();
    for (int i = 0; i < spans; i++) {
      out.add(TelemetryFixtures.span(traceId(trace), trace * 1000 + i, "", T0 + i));
    }
    return TelemetryBatch.ofSpans(out, spans * 500L);
  }

  private static long startOf(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.indexOf('.')));
  }

  private Path onlySegment() throws IOException {
    List<Path> all = segments();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".spanlog")).sorted().toList();
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, offset);
      b.put(0, (byte) (b.get(0) ^ 0x5a));
      b.rewind();
      ch.write(b, offset);
    }
  }
}
