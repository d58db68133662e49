package io.pipelens.alerts.promql.ast;

import java.util.Locale;
import java.util.Optional;

/** Aggregation operators; some take a parameter before the expression. */
public enum AggregateOp {
  SUM(null),
  AVG(null),
  MIN(null),
  MAX(null),
  COUNT(null),
  GROUP(null),
  STDDEV(null),
  STDVAR(null),
  TOPK(ValueType.SCALAR),
  BOTTOMK(ValueType.SCALAR),
  QUANTILE(ValueType.SCALAR),
  COUNT_VALUES(ValueType.STRING),
  LIMITK(ValueType.SCALAR),
  LIMIT_RATIO(ValueType.SCALAR);

  private final ValueType paramType;

  AggregateOp(ValueType paramType) {
    this.paramType = paramType;
  }

  /** Type of the leading parameter, or null when the operator takes none. */
  public ValueType paramType() {
    return paramType;
  }

  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AggregateOp> byKeyword(String word) {
    for (AggregateOp op : values()) {
      if (op.keyword().equalsIgnoreCase(word)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
