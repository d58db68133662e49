"""Finds ../shared/conformance next to the repository (local checkout or CI clone)."""

import os
from typing import Optional


def directory() -> Optional[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    while True:
        candidate = os.path.join(here, "shared", "conformance")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent
