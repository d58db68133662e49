"""Dashboard test traffic from Python: a pipeline run with a failing step, a metric and the
reference rows of model churn/3 (argv[1] rows), through pipelens' Python client."""
import sys

import pipelens


def parse_row(n):
    raise ValueError("bad row %d" % n)


with pipelens.span("py-pipeline", kind="server"):
    with pipelens.span("py-load", kind="client") as load:
        load.set_status("ok")
    try:
        with pipelens.span("py-parse"):
            parse_row(7)
    except ValueError:
        pass

pipelens.counter("py_rows_processed", unit="{row}", description="rows seen").add(5, {"step": "load"})
rows = int(sys.argv[1])
ok = pipelens.log_model_samples(
    "churn", 3,
    {"age": [30 + (i * 7) % 20 for i in range(rows)], "country": [("de", "fr")[i % 2] for i in range(rows)]},
    prediction=[(i % 10) / 10 for i in range(rows)])
print(ok, pipelens.flush(30))
