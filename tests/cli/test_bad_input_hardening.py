"""Failures found by trying to break the command line (2026-12-03): each one is a one-line error with exit code 2,
never a traceback or an "internal error". Real processes where the failure is the process's own output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drift.model.schema import Column, DatabaseSchema, PrimaryKey, Table
from tests.cli.test_check import all_output, assert_no_traceback, run

SCHEMA_TEXT = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel users {\n  id Int @id\n}\n'


def _snapshot(default: str | None = None) -> str:
    table = Table(
        schema_name="public", name="users", columns=(Column(name="id", type="integer", nullable=False, default=default),),
        primary_key=PrimaryKey(name="users_pkey", columns=("id",)),
    )
    return DatabaseSchema(schemas=("public",), tables=(table,)).model_dump_json()


@pytest.fixture
def schema(tmp_path: Path) -> Path:
    path = tmp_path / "schema.prisma"
    path.write_text(SCHEMA_TEXT)
    return path


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["format"], ["parse"], ["check", "--snapshot", "SNAPSHOT"]])
def test_an_output_that_cannot_be_written_is_one_line(schema: Path, tmp_path: Path, command: list[str]) -> None:
    """`drift format schema.prisma > /dev/full` printed a Python traceback; check said "internal error (OSError)"."""
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(_snapshot())
    arguments = [str(snapshot) if part == "SNAPSHOT" else part for part in command]
    if command[0] == "check":
        arguments[1:1] = ["--schema", str(schema)]
    else:
        arguments.append(str(schema))
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "drift.cli", *arguments], stdout=full, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"}, timeout=120,
        )
    assert (result.returncode, result.stderr) == (2, "error: cannot write the output: No space left on device.\n")


@pytest.mark.parametrize(
    "pyproject, kind", [("[tool]\ndrift = 5\n", "an integer"), ("[[tool.drift]]\nfail_on = 'info'\n", "an array of tables")]
)
def test_a_drift_setting_that_is_not_a_table_is_bad_input(schema: Path, tmp_path: Path, pyproject: str, kind: str) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(_snapshot())
    result = run("check", "--schema", str(schema), "--snapshot", str(snapshot), "--config", str(tmp_path / "pyproject.toml"))
    assert result.exit_code == 2, all_output(result)
    assert f"tool.drift must be a table ([tool.drift] with keys), not {kind}" in result.stderr
    assert_no_traceback(result)


def test_unreadable_baselines_and_snapshots_are_bad_input(schema: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(_snapshot())
    binary = tmp_path / "baseline.json"
    binary.write_bytes(b"\xff\xfe\x00")
    result = run("check", "--schema", str(schema), "--snapshot", str(snapshot), "--baseline", str(binary))
    assert (result.exit_code, result.stderr.strip()) == (2, f"error: {binary}: cannot read the baseline: not UTF-8 text.")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = run("check", "--schema", str(schema), "--snapshot", str(deep))
    assert (result.exit_code, result.stderr.strip()) == (2, f'error: "{deep}" is not a drift snapshot: nested too deeply.')
    assert_no_traceback(result)


def test_a_character_the_output_cannot_encode_is_escaped(schema: Path, tmp_path: Path) -> None:
    """A lone surrogate read from a snapshot ended the check with "internal error (UnicodeEncodeError)"."""
    snapshot = tmp_path / "snapshot.json"
    snapshot.write_text(_snapshot(default="'SURROGATE'").replace("SURROGATE", "\\ud800"))
    result = subprocess.run(
        [sys.executable, "-m", "drift.cli", "check", "--schema", str(schema), "--snapshot", str(snapshot)],
        capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert b"\\ud800" in result.stdout and b"Traceback" not in result.stderr


def test_a_shadow_server_role_without_createdb_is_bad_input(schema: Path, tmp_path: Path, database) -> None:
    database.load("DO $$ BEGIN CREATE ROLE drift_no_createdb LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
    dump = tmp_path / "dump.sql"
    dump.write_text("CREATE TABLE users (id integer PRIMARY KEY);\n")
    shadow = database.url.replace("postgres@", "drift_no_createdb@", 1)
    assert shadow != database.url
    result = run("check", "--schema", str(schema), "--sql", str(dump), "--shadow-url", shadow)
    assert result.exit_code == 2, all_output(result)
    assert "cannot create a scratch database on the --shadow-url server: permission denied to create database" in (
        result.stderr
    )
    assert_no_traceback(result)


def test_a_schema_name_the_database_does_not_have_is_bad_input(schema: Path, database) -> None:
    """`--schema-name nope` said `Schema "nope" is in the database` and reported every model missing."""
    from drift.postgres.introspect import introspect_database

    database.load("CREATE TABLE users (id integer PRIMARY KEY);")
    assert introspect_database(database.conninfo, ("public", "nope")).schemas == ("public",)
    result = run("check", "--schema", str(schema), "--db", database.url, "--schema-name", "nope")
    assert (result.exit_code, result.stderr.strip()) == (2, 'error: --schema-name "nope": the database has no such schema.')
    result = run("check", "--schema", str(schema), "--db", database.url, "--schema-name", "public")
    assert result.exit_code == 0, all_output(result)


def test_writing_a_baseline_says_how_many_entries_it_wrote(schema: Path, tmp_path: Path, database) -> None:
    """With --baseline as well, it said "wrote 0 findings" (the count after the old baseline) for a file of 2."""
    database.load("CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE a (id int); CREATE TABLE b (id int);")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    result = run("check", "--schema", str(schema), "--db", database.url, "--write-baseline", str(first))
    assert f"wrote 2 findings to the baseline {first}." in result.stderr, all_output(result)
    result = run(
        "check", "--schema", str(schema), "--db", database.url, "--baseline", str(first), "--write-baseline", str(second)
    )
    assert f"wrote 2 findings to the baseline {second}." in result.stderr, all_output(result)
    assert len(json.loads(second.read_text())["accepted"]) == 2
    # The report and the baseline in one file: the one would overwrite the other.
    result = run("check", "--schema", str(schema), "--db", database.url, "--write-baseline", str(first), "-o", str(first))
    assert (result.exit_code, result.stderr.strip()) == (2, f"error: {first}: --output and --write-baseline name the same file.")
    assert len(json.loads(first.read_text())["accepted"]) == 2
