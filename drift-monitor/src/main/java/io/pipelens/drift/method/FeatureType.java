package io.pipelens.drift.method;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a feature is compared: as numbers (ordered, continuous) or as categories. */
public enum FeatureType {
  NUMERIC,
  CATEGORICAL;

  /** "numeric" / "categorical", as in reports and JSON. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static FeatureType parse(String text) {
    for (FeatureType t : values()) {
      if (t.id().equalsIgnoreCase(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown feature type '" + text + "', expected numeric or categorical");
  }
}
