import os
import subprocess
import sys

import pipelens

here = os.path.dirname(os.path.abspath(__file__))
with pipelens.span("env-parent") as parent:
    out = subprocess.check_output([sys.executable, os.path.join(here, "child.py"), "by-env"], text=True)
print(parent.trace_id, parent.span_id)
print(out.strip())
