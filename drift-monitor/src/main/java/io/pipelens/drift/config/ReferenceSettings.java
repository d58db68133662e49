package io.pipelens.drift.config;

/**
 * How a model version gets its reference: mode {@code first_rows} (the only mode so far) takes
 * the version's first {@code rows} sample rows; an upload (PUT .../reference) replaces it any
 * time. A new version announced by a retraining run starts collecting again.
 */
public record ReferenceSettings(String mode, int rows) {
  public static final String FIRST_ROWS = "first_rows";
  public static final ReferenceSettings DEFAULT = new ReferenceSettings(FIRST_ROWS, 1000);

  public ReferenceSettings {
    if (!FIRST_ROWS.equals(mode) || rows < 1) {
      throw new IllegalArgumentException("reference needs mode first_rows and rows >= 1");
    }
  }
}
