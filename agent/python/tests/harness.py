"""Runs client scripts as real processes (python3, Rscript) with a clean pipelens environment."""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_ROOT = os.path.dirname(HERE)  # agent/python
SCRIPTS = os.path.join(HERE, "scripts")
PYTHON = os.environ.get("PIPELENS_TEST_PYTHON", sys.executable)
_CLEAR = ("TRACEPARENT", "TRACESTATE", "BAGGAGE", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
          "OTEL_EXPORTER_OTLP_ENDPOINT")


def base_env(endpoint: str, spool_dir: str, **extra: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELENS_") and k not in _CLEAR}
    # generous budgets: CI machines are shared and slow; tests of the bounds set their own values
    env.update(PIPELENS_ENDPOINT=endpoint, PIPELENS_SPOOL_DIR=spool_dir, PIPELENS_EXPORT_TIMEOUT="10",
               PIPELENS_EXIT_TIMEOUT="30", PYTHONPATH=PYTHON_ROOT)
    env.update(extra)
    return env


def run(argv: List[str], env: Dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)


def run_python(script: str, env: Dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return run([PYTHON, os.path.join(SCRIPTS, script), *args], env, timeout)


def temp_dir(test) -> str:
    holder = tempfile.TemporaryDirectory(prefix="pipelens-test-")
    test.addCleanup(holder.cleanup)
    return holder.name


def spool_files(directory: str) -> List[str]:
    try:
        return sorted(n for n in os.listdir(directory) if n.endswith(".json") and not n.startswith("."))
    except FileNotFoundError:
        return []


def check(result: subprocess.CompletedProcess, expect_rc: Optional[int] = 0) -> subprocess.CompletedProcess:
    if expect_rc is not None and result.returncode != expect_rc:
        raise AssertionError("exit %d (wanted %d)\nstdout:\n%s\nstderr:\n%s"
                             % (result.returncode, expect_rc, result.stdout, result.stderr))
    return result


R_PACKAGE = os.path.join(os.path.dirname(PYTHON_ROOT), "r")
_r_library: Optional[str] = None


def r_library() -> Optional[str]:
    """A temporary R library with agent/r installed (once per test run); None without Rscript."""
    global _r_library
    if shutil.which("Rscript") is None:
        if os.environ.get("PIPELENS_REQUIRE_ALL"):
            raise RuntimeError("Rscript not installed, and PIPELENS_REQUIRE_ALL forbids skipping the R tests")
        return None
    if _r_library is None:
        library = tempfile.mkdtemp(prefix="pipelens-rlib-")
        atexit.register(shutil.rmtree, library, True)
        subprocess.run(["R", "CMD", "INSTALL", "--no-docs", "--no-multiarch", "--library=" + library, R_PACKAGE],
                       check=True, capture_output=True, timeout=300)
        _r_library = library
    return _r_library
