package io.pipelens.drift.window;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Serialisable state of an open window: per-feature states (numeric or categorical). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelWindowState(
    long rows, long startUnixNano, Map<String, NumericWindowState> numeric,
    Map<String, CategoricalWindowState> categorical) {}
