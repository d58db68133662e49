"""One POST with short timeouts, retried with backoff; honours Retry-After on 429/503."""

import email.utils
import logging
import random
import threading
import time
import urllib.error
import urllib.request
from typing import Optional, Tuple

log = logging.getLogger("pipelens")

OK, TRANSIENT, REJECTED = "ok", "transient", "rejected"
RETRYABLE = (408, 429, 502, 503, 504)
MAX_DELAY = 30.0


def retry_after_seconds(value: Optional[str]) -> Optional[float]:
    """Retry-After as delay-seconds or an HTTP-date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except Exception:
        return None


def post(url: str, body: bytes, token: Optional[str], timeout: float, content_type: str = "application/json",
         user_agent: str = "pipelens-python") -> Tuple[int, Optional[str]]:
    """(status, Retry-After); status 0 when the collector could not be reached."""
    headers = {"Content-Type": content_type, "User-Agent": user_agent}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return response.status, None
    except urllib.error.HTTPError as error:
        try:
            error.read()
        except Exception:
            pass
        return error.code, error.headers.get("Retry-After") if error.headers else None
    except Exception as error:  # refused, timeout, DNS, TLS ...
        log.debug("pipelens: POST %s failed: %s", url, error)
        return 0, None


def send(url: str, body: bytes, token: Optional[str], timeout: float, retries: int, deadline: float,
         interrupt: threading.Event) -> Tuple[str, int]:
    """Delivers one payload before `deadline` (time.monotonic()); returns (outcome, last status)."""
    status = 0
    for attempt in range(retries + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0.01:
            return TRANSIENT, status
        status, retry_after = post(url, body, token, min(timeout, remaining))
        if 200 <= status < 300:
            return OK, status
        if status and status not in RETRYABLE:
            return REJECTED, status
        delay = retry_after_seconds(retry_after)
        if delay is None:
            delay = min(MAX_DELAY, 0.25 * (2 ** attempt)) * (0.5 + random.random() / 2)
        delay = min(delay, MAX_DELAY)
        if attempt == retries or time.monotonic() + delay >= deadline:
            return TRANSIENT, status
        if interrupt.wait(delay):
            return TRANSIENT, status
    return TRANSIENT, status
