package io.pipelens.drift.method;

/** How a feature is compared: as numbers (ordered, continuous) or as categories. */
public enum FeatureType {
  NUMERIC,
  CATEGORICAL
}
