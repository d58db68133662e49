import sys

import pipelens

pipelens.gauge("alive").set(1)
sys.stdout.write("ready\n")
sys.stdout.flush()
sys.stdin.readline()  # the test ends the script by closing stdin
