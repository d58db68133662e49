import json
import os
import sys

import pipelens

with pipelens.span("child-" + sys.argv[1]):
    pass
print(json.dumps({"traceparent": os.environ.get("TRACEPARENT"), "keep": os.environ.get("PIPELINE_KEEP_ME"),
                  "only_here": os.environ.get("ONLY_HERE"), "baggage": pipelens.baggage()}))
