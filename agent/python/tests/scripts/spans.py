import json

import pipelens


@pipelens.traced(name="transform", attributes={"step": 2})
def transform(rows):
    pipelens.current_span().add_event("batch", {"rows": len(rows)})
    return [r * 2 for r in rows]


def parse_row(n):
    raise ValueError("bad row %d" % n)


with pipelens.span("pipeline", attributes={"rows": 3, "ratio": 0.5, "ok": True, "tags": ["a", "b"]},
                   kind="server") as root:
    with pipelens.span("load", kind="client") as load:
        load.set_status("ok")
    transform([1, 2, 3])
    try:
        with pipelens.span("fails"):
            parse_row(7)
    except ValueError as error:
        caught = str(error)
print(json.dumps({"trace_id": root.trace_id, "root": root.span_id, "load": load.span_id, "caught": caught}))
