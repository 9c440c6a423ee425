"""Not collected by the suite: test_interrupt.py runs it in a child pytest and kills that run."""

import os
import time
from pathlib import Path


def test_sleep_with_a_server(database, pg_server):
    Path(os.environ["DRIFT_INTERRUPT_PROBE"]).write_text(
        f"{pg_server.embedded.root} {pg_server.embedded.process.pid}"
    )
    time.sleep(60)
