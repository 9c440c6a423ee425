"""Killing a test run with Ctrl-C or SIGTERM leaves no postgres process and no temporary data directory behind."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _gone(pid: str) -> bool:
    status = Path(f"/proc/{pid}/stat")
    return not status.exists() or status.read_text().split()[2] == "Z"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_killed_test_run_leaves_nothing(tmp_path, signum):
    probe = tmp_path / "probe"
    environment = {**os.environ, "DRIFT_INTERRUPT_PROBE": str(probe)}
    environment.pop("DRIFT_TEST_URL", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HERE / "interrupted_run.py")],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not probe.exists() or not probe.read_text():
        assert child.poll() is None, "the child test run ended before it started its server"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    root, pid = probe.read_text().split()
    child.send_signal(signum)
    child.wait(timeout=30)
    deadline = time.monotonic() + 10
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid), "postgres outlived the interrupted test run"
    assert not Path(root).exists(), "the temporary data directory was left behind"
