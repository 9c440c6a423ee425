"""The console script's fast path for `drift check` (drift/entry.py) against the typer command it stands in for:
the same options, the same command lines read into the same call, the same output; typer not imported."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

import drift.cli
from drift.commands import check_command
from drift.entry import CHECK_ENVIRONMENT, CHECK_OPTIONS, read_check_arguments


def _typer_check():
    return typer.main.get_command(drift.cli.app).commands["check"]


def test_the_table_names_every_option_of_the_typer_command() -> None:
    options = {}
    for param in _typer_check().params:
        for option in (*param.opts, *param.secondary_opts):
            if option != "--help":
                options[option] = param
    assert set(options) == set(CHECK_OPTIONS)
    for option, (_, kind) in CHECK_OPTIONS.items():
        param = options[option]
        assert param.multiple is (kind == "names"), option
        if isinstance(kind, tuple):
            annotation = param.type_descriptor.annotation
            assert kind == tuple(member.value for member in annotation), option
    assert {param.envvar for param in options.values() if param.envvar} == set(CHECK_ENVIRONMENT)


def _defaults() -> dict[str, object]:
    return {name: parameter.default for name, parameter in inspect.signature(check_command).parameters.items()}


def _read_by_typer(monkeypatch, arguments: list[str]) -> dict[str, object] | None:
    calls = []
    monkeypatch.setattr(drift.cli, "check_command", lambda **kwargs: calls.append(kwargs) or 0)
    result = CliRunner().invoke(drift.cli.app, ["check", *arguments])
    return calls[0] if calls else None if result.exit_code == 2 else pytest.fail(result.output)


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--schema", "prisma/schema.prisma", "--db", "postgresql://u:p@h:5432/d?sslmode=require"],
        ["--schema=s.prisma", "--db=postgresql://h/d?options=-c%20x=y", "--format=sarif", "-o", "out.sarif"],
        ["--sql", "dump.sql", "--format", "markdown", "--output", "r.md", "--fail-on", "warning"],
        ["--migrations", "prisma/migrations", "--shadow-url", "postgresql://shadow/x"],
        ["--snapshot", "snap.json", "--schema-name", "public", "--schema-name", "billing", "--fail-on=info"],
        ["--db", "postgresql://h/d", "--config", "drift.toml", "--baseline", "b.json", "--write-baseline", "c.json"],
        ["--format", "github", "--format", "json"],  # repeated: typer's (last wins)
        ["--format", "xml"],  # not a choice: typer's error
        ["--no-such-option", "x"],
        ["--db"],  # no value
        ["--db", "--sql"],  # a value that looks like an option
        ["--db", ""],
        ["--help"],
        ["stray"],
        ["-o=out.txt"],
    ],
)
def test_a_command_line_reads_as_typer_reads_it_or_goes_to_typer(monkeypatch, arguments) -> None:
    for name in CHECK_ENVIRONMENT + ("DATABASE_URL",):
        monkeypatch.delenv(name, raising=False)
    fast = read_check_arguments(arguments)
    if fast is None:
        return  # typer reads it (and owns its errors and help)
    assert _read_by_typer(monkeypatch, arguments) == {**_defaults(), **fast}


def test_an_environment_variable_the_command_reads_sends_it_to_typer(monkeypatch) -> None:
    monkeypatch.setenv("DRIFT_SHADOW_URL", "postgresql://shadow/x")
    assert read_check_arguments(["--sql", "dump.sql"]) is None


def _run(module: str, *arguments: str, importtime: bool = False) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_COLOR": "1", "DATABASE_URL": ""}
    environment.pop("DRIFT_SHADOW_URL", None)
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", module, *arguments], capture_output=True, text=True, env=environment, timeout=120
    )


def test_the_fast_path_reports_what_typer_reports_without_importing_typer(database, tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\n'
        "model Note {\n  id   Int    @id\n  body String\n}\n"
    )
    database.load('CREATE TABLE "Note" ("id" INTEGER NOT NULL, "body" TEXT, "extra" TEXT, PRIMARY KEY ("id"));')
    for report_format in ("text", "json"):
        arguments = ["check", "--schema", str(schema), "--db", database.url, "--format", report_format]
        fast, slow = _run("drift.entry", *arguments), _run("drift.cli", *arguments)
        assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)
        assert fast.returncode == 1 and "extra" in fast.stdout
    imported = re.compile(r"\|\s+(?:typer|click)(?:\.\S*)?$", re.MULTILINE)  # at any depth of -X importtime
    assert not imported.search(_run("drift.entry", *arguments, importtime=True).stderr)
    assert imported.search(_run("drift.entry", "check", "--help", importtime=True).stderr)  # the rest goes to typer
