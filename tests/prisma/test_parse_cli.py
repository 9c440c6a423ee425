"""`drift parse` and `drift format` on the command line: output, exit codes, --check and --write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from drift.cli import app
from tests.conftest import FIXTURES

CASES = FIXTURES / "prisma" / "cases"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_parse_prints_the_tree_as_json() -> None:
    result = _run("parse", str(CASES / "features" / "schema.prisma"), "--format", "json")
    assert result.exit_code == 0, result.output
    tree = json.loads(result.stdout)
    models = [d["name"] for d in tree["files"][0]["declarations"] if d["kind"] == "model"]
    assert models == ["User", "Profile", "Post", "Group", "AuditEntry"]
    assert tree["files"][0]["declarations"][0]["span"]["line"] == 2


def test_parse_prints_an_outline_as_text() -> None:
    result = _run("parse", str(CASES / "multifile" / "schema"))
    assert result.exit_code == 0, result.output
    assert "model Post" in result.stdout and "enum Kind" in result.stdout
    assert "author User @relation(fields: [authorId], references: [id])" in result.stdout


def test_parse_reports_syntax_errors_with_exit_2(tmp_path: Path) -> None:
    schema = tmp_path / "schema.prisma"
    schema.write_text("model A {\n  id Int @id\n  name\n}\n")
    result = _run("parse", str(schema))
    assert result.exit_code == 2
    assert "This field declaration is invalid" in result.stderr
    assert f"{schema}:3:3" in result.stderr and "Traceback" not in result.output


def test_format_prints_prisma_formatted_text() -> None:
    result = _run("format", str(CASES / "comments" / "schema.prisma"))
    assert result.exit_code == 0, result.output
    assert result.stdout == (CASES / "comments" / "format" / "schema.prisma").read_text()


def test_format_check_names_unformatted_files_and_write_fixes_them(tmp_path: Path) -> None:
    folder = tmp_path / "schema"
    shutil.copytree(CASES / "multifile" / "schema", folder)
    untidy = folder / "models" / "user.prisma"
    untidy.write_text(untidy.read_text().replace("id    Int", "id Int"))
    checked = _run("format", str(folder), "--check")
    assert checked.exit_code == 1
    assert str(untidy) in checked.stderr and "post.prisma" not in checked.stderr
    written = _run("format", str(folder), "--write")
    assert written.exit_code == 0
    assert untidy.read_text() == (CASES / "multifile" / "format" / "models" / "user.prisma").read_text()
    assert _run("format", str(folder), "--check").exit_code == 0


def test_format_of_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    result = _run("format", str(tmp_path / "nope.prisma"))
    assert result.exit_code == 2 and "Cannot read" in result.stderr
