import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg

from drift.sources.embedded import start_embedded_server


def test_server_starts_serves_and_leaves_nothing_behind():
    server = start_embedded_server()
    root = server.root
    pid = server.process.pid
    with psycopg.connect(server.conninfo()) as connection:
        assert connection.execute("SELECT 1 + 1").fetchone() == (2,)
    server.stop()
    assert not root.exists()
    assert server.process.poll() is not None
    assert not Path(f"/proc/{pid}").exists()


def _run_child_and_signal(signum: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(
            """
            import sys, time
            from drift.sources.embedded import start_embedded_server
            server = start_embedded_server()
            print(server.root, server.process.pid, flush=True)
            time.sleep(60)
            """
        )],
        stdout=subprocess.PIPE,
        text=True,
    )
    root, pid = child.stdout.readline().split()
    assert Path(root).exists()
    child.send_signal(signum)
    child.wait(timeout=30)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "postgres outlived its parent"
    assert not Path(root).exists(), "temporary data directory left behind"


def test_sigterm_cleans_up():
    _run_child_and_signal(signal.SIGTERM)


def test_ctrl_c_cleans_up():
    _run_child_and_signal(signal.SIGINT)


def test_sigkill_of_the_parent_still_stops_the_server():
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import time\nfrom drift.sources.embedded import start_embedded_server\n"
         "s = start_embedded_server()\nprint(s.process.pid, flush=True)\ntime.sleep(60)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    pid = child.stdout.readline().strip()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    # Zombie entries disappear once reaped by init; a live server would keep its /proc entry with state != Z.
    if Path(f"/proc/{pid}").exists():
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        assert state == "Z"
