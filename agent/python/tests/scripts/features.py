# A Python feature job started by the Java scheduler; it starts a grandchild of its own.
import subprocess
import sys

import pipelens

with pipelens.span("features"):
    subprocess.run([sys.argv[1], sys.argv[2], "from-features"], env=pipelens.child_env(), check=True,
                   stdout=subprocess.DEVNULL)
