"""The installed entry point (`python -m drift.cli`): usage errors exit 2, failures never print a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def drift(*args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", "DATABASE_URL": ""}
    return subprocess.run(
        [sys.executable, "-m", "drift.cli", *args],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.mark.parametrize("args", [["check", "--no-such-option"], ["check", "--format", "xml"], ["no-such-command"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    completed = drift(*args)
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr


def test_missing_source_exits_2_with_one_line(tmp_path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text('datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n')
    completed = drift("check", "--schema", str(schema))
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: give exactly one database source")
    assert completed.stdout == ""
