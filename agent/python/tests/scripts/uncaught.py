import sys

import pipelens


def step_three():
    raise RuntimeError("disk quota exceeded")


if sys.argv[1:] == ["in-span"]:
    with pipelens.span("work"):
        step_three()
else:
    step_three()
