"""Model samples for drift monitoring: the JSON body of POST /v1/drift/samples."""

import math
import os
import time
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from . import _otlp, _trace


def _value(value: Any, where: str) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        return None if isinstance(value, float) and (math.isnan(value) or math.isinf(value)) else value
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas.NA / pandas.NaT
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):  # numpy scalar
        return _value(value.item(), where)
    raise ValueError("pipelens: %s holds %r (%s); expected numbers, strings or None" % (where, value, type(value).__name__))


def _column(values: Any, where: str) -> List[Any]:
    if hasattr(values, "tolist"):  # numpy array / pandas Series without importing them
        values = values.tolist()
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise ValueError("pipelens: %s must be a list of values, got %s" % (where, type(values).__name__))
    return [_value(v, where) for v in values]


def _columns(columns: Any) -> Dict[str, List[Any]]:
    if hasattr(columns, "to_dict") and hasattr(columns, "columns"):  # pandas DataFrame
        return {str(c): _column(columns[c], "column %r" % c) for c in columns.columns}
    if not isinstance(columns, Mapping) or not columns:
        raise ValueError("pipelens: columns must be a non-empty mapping of column name to values")
    return {str(name): _column(values, "column %r" % name) for name, values in columns.items()}


def samples_body(model: str, version: Any, columns: Any, prediction: Optional[Sequence[Any]] = None,
                 label: Optional[Sequence[Any]] = None, trace_ids: Optional[Sequence[str]] = None,
                 timestamp_ns: Optional[int] = None) -> bytes:
    """Validates and encodes one batch of samples; ValueError names what is wrong."""
    if not isinstance(model, str) or not model.strip():
        raise ValueError("pipelens: model must be a non-empty string, got %r" % (model,))
    if version is None or str(version).strip() == "":
        raise ValueError("pipelens: version must be given (e.g. \"3\"), got %r" % (version,))
    cols = _columns(columns)
    body: Dict[str, Any] = {"model": model, "version": str(version),
                            "timestamp_unix_nano": str(timestamp_ns or time.time_ns()), "columns": cols,
                            # a retry or spool replay re-sends these bytes: the collector counts it once
                            "batch_id": os.urandom(16).hex()}
    context = _trace.current_context()
    if context is not None:
        body["trace_id"] = context.trace_id
    if prediction is not None:
        body["prediction"] = _column(prediction, "prediction")
    if label is not None:
        body["label"] = _column(label, "label")
    if trace_ids is not None:
        ids = [str(t).lower() for t in _column(trace_ids, "trace_ids")]
        bad = [t for t in ids if len(t) != 32 or any(c not in "0123456789abcdef" for c in t)]
        if bad:
            raise ValueError("pipelens: trace_ids must be 32 hex characters, got %r" % bad[0])
        body["trace_ids"] = ids
    lengths = {name: len(v) for name, v in cols.items()}
    for extra in ("prediction", "label", "trace_ids"):
        if extra in body:
            lengths[extra] = len(body[extra])
    if len(set(lengths.values())) != 1:
        raise ValueError("pipelens: all columns, prediction, label and trace_ids need the same length, got %s"
                         % ", ".join("%s=%d" % kv for kv in lengths.items()))
    if not next(iter(lengths.values())):
        raise ValueError("pipelens: model samples are empty (0 rows)")
    return _otlp.dumps(body)


def rows_to_columns(rows: Sequence[Mapping[str, Any]], prediction_key: str = "prediction",
                    label_key: str = "label") -> Dict[str, Any]:
    """Row dicts to the column form; prediction/label keys become their own arrays."""
    if not rows:
        raise ValueError("pipelens: rows is empty")
    names: List[str] = []
    for row in rows:
        if not isinstance(row, Mapping):
            raise ValueError("pipelens: every row must be a mapping, got %s" % type(row).__name__)
        for key in row:
            if key not in names:
                names.append(key)
    out: Dict[str, Any] = {"columns": {}}
    for name in names:
        values = [row.get(name) for row in rows]
        if name == prediction_key:
            out["prediction"] = values
        elif name == label_key:
            out["label"] = values
        else:
            out["columns"][name] = values
    return out
