"""The installed entry point (`python -m drift.cli`): usage errors exit 2, failures never print a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def drift(*args: str, cwd=None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", "DATABASE_URL": ""}
    return subprocess.run(
        [sys.executable, "-m", "drift.cli", *args],
        cwd=cwd,
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
    completed = drift("check", "--schema", str(schema), cwd=tmp_path)  # no .env there
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: no database given: schema.prisma's datasource reads the URL from")
    assert completed.stderr.count("\n") == 1
    assert completed.stdout == ""


def _matching_database(database, tmp_path):
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\n'
        "model Note {\n  id   Int    @id\n  body String\n}\n"
    )
    database.load(
        'CREATE TABLE "Note" ("id" INTEGER NOT NULL, "body" TEXT NOT NULL, CONSTRAINT "Note_pkey" PRIMARY KEY ("id"));'
    )
    return schema


def test_the_process_ends_with_the_command_exit_code_and_all_its_output(database, tmp_path) -> None:
    # main() leaves through os._exit (no interpreter teardown): the report must still be flushed in full and the
    # exit code must be the command's.
    schema = _matching_database(database, tmp_path)
    clean = drift("check", "--schema", str(schema), "--db", database.url, "--format", "json")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.rstrip().endswith("}") and '"findings": []' in clean.stdout
    database.load('ALTER TABLE "Note" ADD COLUMN "extra" TEXT;')
    drifted = drift("check", "--schema", str(schema), "--db", database.url, "--fail-on", "info", "--format", "json")
    assert drifted.returncode == 1, drifted.stderr
    assert '"extra"' in drifted.stdout


def test_a_reader_that_goes_away_is_not_a_traceback(database, tmp_path) -> None:
    schema = _matching_database(database, tmp_path)
    environment = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "drift.cli", "check", "--schema", str(schema), "--db", database.url,
               "--format", "sarif"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment) as process:
        process.stdout.close()  # the reader goes away before the report is written
        stderr = process.stderr.read().decode()
        process.wait(timeout=120)
    assert stderr == ""
    assert process.returncode == 0  # the check itself passed
