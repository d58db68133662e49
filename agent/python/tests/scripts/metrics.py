import pipelens

rows = pipelens.counter("rows_processed", unit="{row}", description="rows seen")
queue = pipelens.gauge("queue_depth")
latency = pipelens.histogram("step_seconds", unit="s", buckets=[0.1, 1, 10])
rows.add(5, {"step": "load"})
rows.add(2.5, {"step": "load"})
rows.add(1, {"step": "save"})
queue.set(7)
queue.set(3)
for value in (0.05, 0.5, 0.7, 5, 50):
    latency.record(value)
pipelens.flush()
rows.add(10, {"step": "load"})
rows.add(-1, {"step": "load"})  # misuse: warned, ignored
