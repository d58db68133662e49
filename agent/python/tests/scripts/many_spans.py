import json
import sys

import pipelens

for i in range(int(sys.argv[1])):
    with pipelens.span("s%d" % i):
        pass
pipelens.flush()
print(json.dumps(pipelens.stats()))
