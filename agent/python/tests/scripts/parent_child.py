import json
import os
import subprocess
import sys

import pipelens

here = os.path.dirname(os.path.abspath(__file__))
os.environ["PIPELINE_KEEP_ME"] = "kept"
with pipelens.span("parent") as parent:
    explicit = subprocess.run([sys.executable, os.path.join(here, "child.py"), "explicit"],
                              env=pipelens.child_env(), capture_output=True, text=True, check=True)
    pipelens.patch_subprocess()
    patched = subprocess.run([sys.executable, os.path.join(here, "child.py"), "patched"],
                             capture_output=True, text=True, check=True)
    custom = dict(os.environ, ONLY_HERE="yes")
    patched_env = subprocess.run([sys.executable, os.path.join(here, "child.py"), "patched-env"],
                                 env=custom, capture_output=True, text=True, check=True)
print(json.dumps({"trace_id": parent.trace_id, "span_id": parent.span_id,
                  "children": [json.loads(r.stdout) for r in (explicit, patched, patched_env)]}))
