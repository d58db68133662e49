"""Per-call input errors: a warning naming the problem (once per message), or raised when
PIPELENS_STRICT is set, so monitoring never takes a production pipeline down by default."""

import logging
import os

log = logging.getLogger("pipelens")
_seen = set()


def strict() -> bool:
    return os.environ.get("PIPELENS_STRICT", "").strip().lower() in ("1", "true", "yes", "on")


def report(error: ValueError) -> None:
    if strict():
        raise error
    message = str(error)
    if message not in _seen:
        _seen.add(message)
        log.warning("%s (ignored; set PIPELENS_STRICT=1 to raise)", message)
