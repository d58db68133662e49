import pipelens

with pipelens.span("retried"):
    pass
