import logging

import pipelens

logging.getLogger().addHandler(pipelens.logging_handler())
logging.getLogger().setLevel(logging.INFO)
with pipelens.span("job") as job:
    pipelens.log("starting", "INFO", {"batch": 4})
    try:
        1 / 0
    except ZeroDivisionError:
        logging.getLogger("etl").exception("division failed")
    print(job.trace_id, job.span_id)
pipelens.log("outside")
