package io.pipelens.drift.window;

import io.pipelens.drift.method.DriftConfig;
import io.pipelens.drift.method.FeatureType;
import io.pipelens.drift.method.MethodSelector;
import io.pipelens.drift.reference.FeatureProfile;
import io.pipelens.drift.reference.ReferenceProfile;
import io.pipelens.drift.report.DriftReport;
import io.pipelens.drift.samples.SampleBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drift monitoring of one model over a stream of sample batches: rows go into the open window;
 * when it closes (row count reached, or a row/clock time past its end) it is compared with the
 * reference and a {@link WindowVerdict} is returned. Memory is bounded by the reference's
 * profile options whatever the traffic. All methods are synchronized; the CPU work of a verdict
 * happens in the calling thread (call from a worker, not an event loop).
 */
public final class DriftMonitor {
  private final String model;
  private final DriftConfig config;
  private final WindowPolicy policy;
  private final Clock clock;
  private ReferenceProfile reference;
  private ModelWindow window;
  private long nextIndex;
  private int streak;

  public DriftMonitor(String model, ReferenceProfile reference, DriftConfig config, WindowPolicy policy, Clock clock) {
    this.model = model;
    this.config = config;
    this.policy = policy;
    this.clock = clock;
    this.reference = validate(reference, config);
  }

  /** Resumes from a saved state (same windows, same streak). */
  public static DriftMonitor restore(MonitorState s, Clock clock) {
    DriftMonitor m = new DriftMonitor(s.model(), s.reference(), s.config(), s.policy(), clock);
    m.nextIndex = s.nextIndex();
    m.streak = s.streak();
    m.window = s.window() == null ? null : ModelWindow.restore(s.reference(), s.window());
    return m;
  }

  public synchronized MonitorState snapshot() {
    return new MonitorState(model, reference, config, policy, nextIndex, streak,
        window == null ? null : window.state());
  }

  /** Adds a batch; returns the verdicts of the windows it closed (often none). */
  public synchronized List<WindowVerdict> accept(SampleBatch batch) {
    long t = batch.timestampUnixNano() != null ? batch.timestampUnixNano() : nowNanos();
    List<WindowVerdict> out = new ArrayList<>();
    if (window != null && policy.durationMillis() > 0 && t >= windowEnd()) {
      out.add(close());
    }
    int row = 0;
    while (row < batch.rows()) {
      if (window == null) {
        window = new ModelWindow(reference, policy.durationMillis() > 0 ? alignedStart(t) : t);
      }
      int take = batch.rows() - row;
      if (policy.rows() > 0) {
        take = (int) Math.min(take, policy.rows() - window.rows());
      }
      window.add(batch.columns(), row, row + take);
      row += take;
      if (policy.rows() > 0 && window.rows() >= policy.rows()) {
        out.add(close());
      }
    }
    return out;
  }

  /** Closes a time window whose end the clock has passed (call periodically); else empty. */
  public synchronized Optional<WindowVerdict> tick() {
    if (window != null && policy.durationMillis() > 0 && nowNanos() >= windowEnd()) {
      return Optional.of(close());
    }
    return Optional.empty();
  }

  /**
   * Replaces the reference. The open window is dropped (its bins belong to the old reference)
   * and the confirmation streak restarts.
   */
  public synchronized void replaceReference(ReferenceProfile newReference) {
    reference = validate(newReference, config);
    window = null;
    streak = 0;
  }

  /**
   * Builds a reference from the open window (e.g. after retraining on recent data); pass it to
   * {@link #replaceReference} to adopt it.
   *
   * @throws IllegalStateException when no window is open
   */
  public synchronized ReferenceProfile referenceFromOpenWindow(String source) {
    if (window == null || window.rows() == 0) {
      throw new IllegalStateException("no open window with rows to build a reference from");
    }
    return window.toReference(reference, source);
  }

  public synchronized ReferenceProfile reference() {
    return reference;
  }

  public String model() {
    return model;
  }

  private WindowVerdict close() {
    ModelWindow w = window;
    window = null;
    long index = nextIndex++;
    if (w.rows() < policy.minRows()) {
      return new WindowVerdict(index, w.startUnixNano(), w.rows(), false, null, streak, false);
    }
    DriftReport report = WindowComparator.compare(reference, w, config);
    streak = report.datasetDrift() ? streak + 1 : 0;
    return new WindowVerdict(index, w.startUnixNano(), w.rows(), true, report, streak,
        streak >= policy.confirmations());
  }

  private long windowEnd() {
    return window.startUnixNano() + policy.durationMillis() * 1_000_000L;
  }

  private long alignedStart(long t) {
    long d = policy.durationMillis() * 1_000_000L;
    return Math.floorDiv(t, d) * d;
  }

  private long nowNanos() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** Fails fast when a configured method cannot compare a reference feature. */
  private static ReferenceProfile validate(ReferenceProfile reference, DriftConfig config) {
    if (reference.features().isEmpty()) {
      throw new IllegalArgumentException("reference '" + reference.source() + "' has no features");
    }
    for (FeatureProfile f : reference.features().values()) {
      int categories = f.type() == FeatureType.NUMERIC ? 0 : f.categorical().counts().size();
      MethodSelector.select(config, f.name(), f.type(), f.count(), categories);
    }
    return reference;
  }
}
