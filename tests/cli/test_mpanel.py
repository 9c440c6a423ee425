"""End to end on the bundled example: `drift check` of fixtures/mpanel/schema.prisma against production.sql reports
exactly the differences fixtures/mpanel/expected.json lists (the seed's five mismatches, each as one rename or
relation finding pairing the right names, plus the other seeded drift), and nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from typer.testing import CliRunner

from drift.cli import app
from tests.conftest import FIXTURES

MPANEL = FIXTURES / "mpanel"
WHAT = {
    "rename_candidate": "rename",
    "relation_candidate": "relation",
    "type_mismatch": "type",
    "nullability_mismatch": "nullability",
    "default_mismatch": "default",
    "missing_index": "missing_index",
    "extra_index": "extra_index",
    "enum_value_missing": "enum_value",
    "enum_value_extra": "enum_value",
    "fk_action_mismatch": "fk_action",
    "extra_table": "extra_table",
    "missing_table": "missing_table",
    "unmanaged_object": "unmanaged",
}
NULLABILITY = {False: "nullable", True: "NOT NULL"}

pytestmark = pytest.mark.skipif(not (MPANEL / "expected.json").is_file(), reason="fixtures/mpanel is not there")


def key_of_finding(finding: dict) -> tuple:
    """A JSON report entry in expected.json's terms (see fixtures/mpanel/EXPECTED.md): what, table, column, object,
    from (the schema.prisma side), to (the database side)."""
    what = WHAT.get(finding["kind"], finding["kind"])
    table, column, name = finding["table"], finding["column"], finding["object"]
    if what in ("rename", "relation"):
        sides = (finding["rename"]["from"], finding["rename"]["to"])
    elif what in ("type", "default"):
        sides = (finding["expected"], finding["actual"])
    elif what == "nullability":
        sides = tuple(NULLABILITY.get(value, value) for value in (finding["expected"], finding["actual"]))
    elif what == "fk_action":
        sides = (finding["expected"]["on_delete"], finding["actual"]["on_delete"])
    elif what == "enum_value":
        sides = (finding["expected"], finding["actual"])
    elif what == "missing_table":
        sides = (table, None)
    elif what == "extra_table":
        sides = (None, table)
    elif what == "missing_index":
        sides = (name, None)
    else:
        sides = (None, name)
    return (what, table, column, name, *sides)


def key_of_expected(entry: dict) -> tuple:
    return (entry["what"], entry["table"], entry["column"], entry["object"], entry["from"], entry["to"])


@pytest.fixture
def production(database):
    database.load_file(MPANEL / "production.sql")
    return database


def test_mpanel_check_reports_exactly_the_seeded_differences(production) -> None:
    result = CliRunner().invoke(
        app,
        ["check", "--schema", str(MPANEL / "schema.prisma"), "--db", production.url, "--format", "json"],
        env={"NO_COLOR": "1"},
    )
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    found = Counter(key_of_finding(finding) for finding in report["findings"])
    expected = Counter(key_of_expected(entry) for entry in json.loads((MPANEL / "expected.json").read_text()))
    assert found == expected
    # The seed's five mismatches: one finding each, pointing at the field in schema.prisma.
    pairings = {
        (finding["table"], finding["rename"]["from"], finding["rename"]["to"]): finding
        for finding in report["findings"]
        if finding["rename"] is not None
    }
    assert set(pairings) == {
        ("products", "is_active", "status"),
        ("subscriptions", "product_code", "product_id"),
        ("backups", "type", "backup_type"),
        ("ssl_certificates", "domain_id", "domain_name"),
        ("ssl_certificates", "valid_to", "expires_at"),
    }
    assert pairings[("subscriptions", "product_code", "product_id")]["kind"] == "relation_candidate"
    for finding in pairings.values():
        assert finding["prisma"]["file"].endswith("schema.prisma") and finding["prisma"]["field"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sharded lowering forks")
def test_a_check_lowered_by_two_processes_reports_the_same(production) -> None:
    """DRIFT_SHARD_BYTES=0: the 97-model schema is cut in two (drift.prisma.sharded); the report is unchanged, in
    every format that shows schema.prisma lines (the mpanel drift spans both halves: renames, a relation candidate,
    type and index differences, so a table wrongly taken for alike would lose its findings)."""
    def check(output_format: str, shard_bytes: str) -> str:
        environment = {**os.environ, "NO_COLOR": "1", "DRIFT_SHARD_BYTES": shard_bytes, "DRIFT_DEBUG": "1"}
        completed = subprocess.run(
            [sys.executable, "-m", "drift.cli", "check", "--schema", str(MPANEL / "schema.prisma"), "--db",
             production.url, "--format", output_format],
            check=False, capture_output=True, text=True, env=environment, timeout=120,
        )
        assert completed.returncode == 1, completed.stderr
        assert "one process after all" not in completed.stderr
        assert ("drift: parent merged" in completed.stderr) == (shard_bytes == "0")  # DRIFT_DEBUG's stage times
        # Sharded, the check was told when the first half was lowered (to compare its tables early if the reader
        # is done by then: tests/prisma/test_sharded.py checks what the child does with the database).
        assert ("drift: parent compared its own tables" in completed.stderr) == (shard_bytes == "0")
        return completed.stdout

    for output_format in ("json", "sarif", "text"):
        assert check(output_format, "0") == check(output_format, "1000000000")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sharded lowering forks")
def test_a_sharded_check_waits_for_its_child_after_the_comparison(production, monkeypatch) -> None:
    """The child of a sharded lowering is not waited for when the lowering returns (its exit overlaps the
    comparison) but by the check's end: it ended on its own, and no zombie is left."""
    import drift.prisma.sharded as sharded_module
    from drift.check import CheckOptions, run_check

    started = []
    start = sharded_module.start_sharded

    def remembered(*args, **kwargs):
        started.append(start(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(sharded_module, "start_sharded", remembered)
    monkeypatch.setenv("DRIFT_SHARD_BYTES", "0")
    result = run_check(CheckOptions(schema=MPANEL / "schema.prisma", db=production.url))
    assert result.failed and result.report.findings
    (sharded,) = started
    assert sharded is not None and sharded.fallback_reason is None
    status = sharded.exit_status
    assert status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    with pytest.raises(ChildProcessError):
        os.waitpid(sharded._pid, os.WNOHANG)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the reader forks")
def test_the_early_reader_sends_a_small_catalog_as_rows_and_builds_a_large_one(production, monkeypatch) -> None:
    """The reader, forked before pydantic is imported, sends a small catalog's rows for the check to build (it never
    imports the model classes) and builds a large one itself as it arrives (`BUILD_IN_READER_ABOVE` column rows):
    the same database schema and report either way."""
    from drift import background, check as check_module
    from drift.check import CheckOptions, run_check

    pendings = []
    start = background.start

    def remembered(*args):
        pendings.append(start(*args))
        return pendings[-1]

    monkeypatch.setattr(background, "start", remembered)
    results = {}
    for threshold in (10**9, 0):
        monkeypatch.setattr(check_module, "BUILD_IN_READER_ABOVE", threshold)
        results[threshold] = run_check(CheckOptions(schema=MPANEL / "schema.prisma", db=production.url))
    small, large = pendings
    assert small.raw() is None  # rows, a plain pickle
    assert large.raw()  # a DatabaseSchema, as drift.model.transfer writes it (what a sharded lowering hands on)
    assert results[0].actual == results[10**9].actual
    assert results[0].report == results[10**9].report and results[0].report.findings


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the reader forks")
def test_a_check_of_a_small_database_never_imports_psycopg_in_its_own_process(production) -> None:
    """The reader alone talks to the database: the check builds a small catalog's rows without importing psycopg
    (about 0.1 s of start-up) and the reader never imports pydantic (a fresh interpreter, as the CLI runs)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from drift.check import CheckOptions, run_check\n"
        f"result = run_check(CheckOptions(schema=Path({str(MPANEL / 'schema.prisma')!r}), db={production.url!r}))\n"
        "print(len(result.report.findings) > 0, 'psycopg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["True", "False"]


def test_drift_demo_runs_the_check_on_a_throwaway_server() -> None:
    # The real entry point in a child process: a server of its own, the report, the check's exit code.
    environment = {**os.environ, "NO_COLOR": "1", "DATABASE_URL": ""}
    completed = subprocess.run(
        [sys.executable, "-m", "drift.cli", "demo", "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    report = json.loads(completed.stdout)
    assert len(report["findings"]) == len(json.loads((MPANEL / "expected.json").read_text()))
    renamed = {finding["rename"]["to"] for finding in report["findings"] if finding["rename"]}
    assert renamed == {"status", "product_id", "backup_type", "domain_name", "expires_at"}
    assert all(
        finding["prisma"] is None or finding["prisma"]["file"] == "fixtures/mpanel/schema.prisma"
        for finding in report["findings"]
    )


def test_demo_finds_the_fixture_from_the_working_directory(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    # As when drift is installed from a wheel (no fixtures beside the package) and run inside the checkout.
    import drift.cli

    monkeypatch.setattr(drift.cli, "__file__", str(tmp_path / "site-packages" / "drift" / "cli.py"))
    monkeypatch.chdir(MPANEL.parent.parent / "tests")
    assert drift.cli._mpanel_fixture() == MPANEL
    monkeypatch.chdir(tmp_path)
    with pytest.raises(drift.cli.BadInput, match="run it inside a checkout"):
        drift.cli._mpanel_fixture()
