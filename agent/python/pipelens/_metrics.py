"""Counters, gauges and explicit-bucket histograms, exported as cumulative OTLP metrics."""

import bisect
import math
import threading
import time
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from . import _misuse, _otlp

CUMULATIVE = 2
DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_Key = Tuple[Tuple[str, Any], ...]


def _key(attributes: Optional[Mapping[str, Any]]) -> _Key:
    if not attributes:
        return ()
    return tuple(sorted((str(k), v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in attributes.items()))


def _number(value: Any, metric: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValueError("pipelens: metric %r needs a number, got %r" % (metric, value))
    return value


class _Instrument:
    def __init__(self, name: str, unit: str, description: str):
        if not name or not isinstance(name, str):
            raise ValueError("pipelens: a metric needs a non-empty name, got %r" % (name,))
        self.name, self.unit, self.description = name, unit or "", description or ""
        self._lock = threading.Lock()
        self._start_ns = time.time_ns()

    def _base(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"name": self.name}
        if self.unit:
            out["unit"] = self.unit
        if self.description:
            out["description"] = self.description
        return out


def _point_value(value: float) -> Dict[str, Any]:
    if isinstance(value, int):
        return {"asInt": str(value)}
    return {"asDouble": _otlp.double(value)}


class Counter(_Instrument):
    """Monotonic sum; add() rejects negative amounts."""

    def __init__(self, name: str, unit: str = "", description: str = ""):
        super().__init__(name, unit, description)
        self._values: Dict[_Key, float] = {}

    def add(self, amount: float = 1, attributes: Optional[Mapping[str, Any]] = None) -> None:
        try:
            amount = _number(amount, self.name)
            if amount < 0:
                raise ValueError("pipelens: counter %r can only increase, got %r" % (self.name, amount))
        except ValueError as error:
            return _misuse.report(error)
        key = _key(attributes)
        with self._lock:
            self._values[key] = self._values.get(key, 0) + amount

    def to_json(self, now_ns: int) -> Optional[Dict[str, Any]]:
        with self._lock:
            points = [
                dict(_point_value(v), attributes=_otlp.attributes(dict(k)), startTimeUnixNano=str(self._start_ns),
                     timeUnixNano=str(now_ns))
                for k, v in self._values.items()
            ]
        if not points:
            return None
        return dict(self._base(), sum={"aggregationTemporality": CUMULATIVE, "isMonotonic": True, "dataPoints": points})


class Gauge(_Instrument):
    """Last value per attribute set."""

    def __init__(self, name: str, unit: str = "", description: str = ""):
        super().__init__(name, unit, description)
        self._values: Dict[_Key, Tuple[float, int]] = {}

    def set(self, value: float, attributes: Optional[Mapping[str, Any]] = None) -> None:
        try:
            value = _number(value, self.name)
        except ValueError as error:
            return _misuse.report(error)
        with self._lock:
            self._values[_key(attributes)] = (value, time.time_ns())

    def to_json(self, now_ns: int) -> Optional[Dict[str, Any]]:
        with self._lock:
            points = [
                dict(_point_value(v), attributes=_otlp.attributes(dict(k)), timeUnixNano=str(ts))
                for k, (v, ts) in self._values.items()
            ]
        return dict(self._base(), gauge={"dataPoints": points}) if points else None


class Histogram(_Instrument):
    """Explicit-bucket histogram: bucket i counts values in (bounds[i-1], bounds[i]], the last is +Inf."""

    def __init__(self, name: str, unit: str = "", description: str = "", buckets: Optional[Sequence[float]] = None):
        super().__init__(name, unit, description)
        bounds = [float(b) for b in (DEFAULT_BUCKETS if buckets is None else buckets)]
        if any(math.isnan(b) or math.isinf(b) for b in bounds) or any(a >= b for a, b in zip(bounds, bounds[1:])):
            raise ValueError("pipelens: histogram %r needs finite, strictly increasing buckets, got %r" % (name, buckets))
        self.bounds = bounds
        self._values: Dict[_Key, List[Any]] = {}  # key -> [counts, count, sum, min, max]

    def record(self, value: float, attributes: Optional[Mapping[str, Any]] = None) -> None:
        try:
            value = _number(value, self.name)
        except ValueError as error:
            return _misuse.report(error)
        index = bisect.bisect_left(self.bounds, value)
        key = _key(attributes)
        with self._lock:
            state = self._values.get(key)
            if state is None:
                state = self._values[key] = [[0] * (len(self.bounds) + 1), 0, 0.0, value, value]
            state[0][index] += 1
            state[1] += 1
            state[2] += value
            state[3] = min(state[3], value)
            state[4] = max(state[4], value)

    def to_json(self, now_ns: int) -> Optional[Dict[str, Any]]:
        with self._lock:
            points = [
                {
                    "attributes": _otlp.attributes(dict(k)),
                    "startTimeUnixNano": str(self._start_ns),
                    "timeUnixNano": str(now_ns),
                    "count": str(count),
                    "sum": _otlp.double(total),
                    "bucketCounts": [str(c) for c in counts],
                    "explicitBounds": list(self.bounds),
                    "min": _otlp.double(low),
                    "max": _otlp.double(high),
                }
                for k, (counts, count, total, low, high) in self._values.items()
            ]
        if not points:
            return None
        return dict(self._base(), histogram={"aggregationTemporality": CUMULATIVE, "dataPoints": points})


class Registry:
    """Instruments by name; asking twice for a name returns the same instrument."""

    def __init__(self):
        self._lock = threading.Lock()
        self._instruments: Dict[str, _Instrument] = {}

    def get(self, cls, name: str, **kwargs) -> Any:
        with self._lock:
            existing = self._instruments.get(name)
            if existing is not None:
                if not isinstance(existing, cls):
                    raise ValueError("pipelens: metric %r already exists as a %s" % (name, type(existing).__name__))
                return existing
            created = self._instruments[name] = cls(name, **kwargs)
            return created

    def collect(self) -> List[Dict[str, Any]]:
        now = time.time_ns()
        with self._lock:
            instruments = list(self._instruments.values())
        return [m for m in (i.to_json(now) for i in instruments) if m is not None]
