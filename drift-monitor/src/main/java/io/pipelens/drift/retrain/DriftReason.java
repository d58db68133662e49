package io.pipelens.drift.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelens.drift.report.FeatureDrift;
import io.pipelens.drift.window.WindowVerdict;

/**
 * The statistics behind a trigger as JSON ({@code PIPELENS_DRIFT_REASON}, the audit log's {@code
 * reason}, webhook and AMQP bodies): {@code cause}, the triggering window ({@code window},
 * {@code rows}, {@code datasetDrift}, {@code driftShare}, {@code shareThreshold}), the streak
 * ({@code consecutiveWindows}, {@code streakRows}) and per evaluated feature {@code feature},
 * {@code type}, {@code method}, {@code statistic}, {@code pValue} (tests), {@code threshold},
 * {@code drifted}.
 */
public final class DriftReason {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DriftReason() {}

  public static ObjectNode of(String cause, WindowVerdict v, RetrainGate.Streak streak) {
    ObjectNode o = JSON.createObjectNode();
    o.put("cause", cause).put("window", v.index()).put("rows", v.rows())
        .put("consecutiveWindows", streak.windows()).put("streakRows", streak.rows());
    if (v.report() != null) {
      o.put("datasetDrift", v.report().datasetDrift()).put("driftShare", v.report().driftShare())
          .put("shareThreshold", v.report().shareThreshold());
      ArrayNode features = o.putArray("features");
      for (FeatureDrift f : v.report().features()) {
        if (!f.evaluated()) {
          continue;
        }
        ObjectNode j = features.addObject().put("feature", f.feature())
            .put("type", f.type().name().toLowerCase(java.util.Locale.ROOT))
            .put("method", f.method().id());
        number(j, "statistic", f.statistic());
        if (f.pValue() != null) {
          number(j, "pValue", f.pValue());
        }
        number(j, "threshold", f.threshold());
        j.put("drifted", f.drifted());
      }
    }
    return o;
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }
}
