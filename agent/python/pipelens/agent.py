"""`pipelens agent`: a local OTLP/HTTP forwarder that keeps telemetry while the collector is down.

Applications (the Java agent, OpenTelemetry SDKs, the pipelens clients) send to it on the same
machine; it answers at once, forwards in batches, and while the collector is unreachable writes
everything to a bounded disk spool that it sends, oldest first, when the collector is back. It also
sends the spool the pipelens clients and `pipelens run` leave behind. SIGTERM or SIGINT: stop
listening, forward what is in memory (or spool it), exit 0. See docs/clients.md.

Run: `bin/pipelens agent [options]` or `python3 -m pipelens.agent [options]` (`--help`).
"""

import atexit
import logging
import signal
import sys
import threading
from typing import Optional, Sequence

import pipelens

from . import _agent_config
from ._agent_forwarder import Forwarder
from ._agent_server import AgentServer

log = logging.getLogger("pipelens.agent")


def _not_a_client() -> None:
    """Importing pipelens set this process up as a client (exit flush, crash hooks); the agent is not
    one: its exit is handled below, and its own crashes should print the plain traceback."""
    atexit.unregister(pipelens._exporter.shutdown)
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__


def main(argv: Optional[Sequence[str]] = None) -> int:
    _not_a_client()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    try:
        config = _agent_config.load(sys.argv[1:] if argv is None else argv)
    except _agent_config.UsageError as error:
        if str(error):
            sys.stderr.write("pipelens agent: %s\n%s\n" % (error, _agent_config.USAGE))
            return 2
        sys.stdout.write(_agent_config.USAGE + "\n")
        return 0
    forwarder = Forwarder(config)
    try:
        server = AgentServer((config.host, config.port), forwarder, config.max_body_bytes)
    except OSError as error:
        sys.stderr.write("pipelens agent: cannot listen on %s:%d: %s\n" % (config.host, config.port, error.strerror
                                                                            or error))
        return 1
    stop = threading.Event()
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        signal.signal(getattr(signal, name), lambda *_: stop.set())
    forwarder.start()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                               name="pipelens-agent-http", daemon=True)
    serving.start()
    host, port = server.server_address[:2]
    log.info("pipelens agent: listening on http://%s:%d, forwarding to %s (model samples: %s), spool %s%s",
             "[%s]" % host if ":" in host else host, port, config.endpoint, config.api_endpoint, config.spool_dir,
             ", draining %s" % config.client_spool_dir if config.client_spool_dir else "")
    while not stop.wait(1.0):  # a timed wait: signal handlers run between the waits on every Python
        pass
    log.info("pipelens agent: stopping; forwarding what is in memory (at most %.1fs), spooling the rest",
             config.shutdown_timeout)
    server.closing.set()  # requests still arriving get 503 + Retry-After until the socket closes
    server.shutdown()
    server.server_close()
    forwarder.stop(config.shutdown_timeout)
    log.info("pipelens agent: stopped (%s)", ", ".join("%s=%d" % kv for kv in sorted(forwarder.stats.items()))
             or "nothing received")
    return 0


if __name__ == "__main__":
    sys.exit(main())
