"""``streamlit run app.py`` for the browser tests and the map benchmark: on a free port, its
output in ``test-artifacts/servers/``, every running server listed so a failed test can ask it
for its threads' stacks (SIGUSR1, see ``serve.py``)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"

# the servers running now: pid -> log
RUNNING: dict[int, Path] = {}


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def served_app(
    database_url: str, data_home: Path, port: int | None = None, scale: str = "0.05"
) -> Iterator[str]:
    """The app on a free port (or ``port``) until the block ends: its URL. ``scale``: the demo's
    size unless ``CHIPAO_SYNTHETIC_SCALE`` says otherwise."""
    port = port or free_port()
    env = {
        **os.environ,
        "CHIPAO_SYNTHETIC_SCALE": os.environ.get("CHIPAO_SYNTHETIC_SCALE", scale),
        "CHIPAO_DATABASE_URL": database_url,
        # datasets saved by the served app: beside its throwaway database, not in .cache
        "CHIPAO_DATA_HOME": str(data_home),
    }
    log_path = ARTIFACTS / "servers" / f"streamlit-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "support" / "serve.py"), "run"]
            + [str(REPO / "app.py")]  # dashboard.py with the sign-in cookie routes
            + ["--server.port", str(port), "--server.address", "127.0.0.1"]
            + ["--server.headless", "true"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        if not _healthy(process, url, deadline=time.time() + 60):
            process.kill()
            raise ServerDidNotStart(f"streamlit did not start within 60 s: {tail(log_path)}")
        RUNNING[process.pid] = log_path
        try:
            yield url
        finally:
            RUNNING.pop(process.pid, None)
            process.terminate()
            process.wait(timeout=10)


def _healthy(process: subprocess.Popen, url: str, deadline: float) -> bool:
    """Until the server answers its health check; False when it exits or time runs out. The
    wait between two checks is the process's own (a server that dies ends it at once)."""
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return True
        except OSError:
            try:
                process.wait(timeout=0.3)
            except subprocess.TimeoutExpired:
                continue
            return False
    return False


def stacks_and_logs() -> list[tuple[str, str]]:
    """Every running server's log tail, after it has written every thread's stack."""
    for pid in list(RUNNING):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGUSR1)
    time.sleep(1)  # the dump is written by the server process, at once
    return [(f"streamlit server {pid} log (tail)", tail(path)) for pid, path in RUNNING.items()]


def tail(path: Path, lines: int = 120) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
