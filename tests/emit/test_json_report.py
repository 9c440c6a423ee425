"""The JSON report follows its published schema (drift/emit/json_report.schema.json) with keys in the documented
order, for the hand-built cases and every golden file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from drift.emit.context import ReportContext
from drift.emit.json_report import render_json
from tests.emit.sample_reports import CASES

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "drift" / "emit" / "json_report.schema.json").read_text())
GOLDEN = Path(__file__).resolve().parent.parent / "golden"
FINDING_KEYS = [
    "kind",
    "severity",
    "schema",
    "table",
    "column",
    "object",
    "expected",
    "actual",
    "message",
    "prisma",
    "rename",
    "fix",
]


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_report_follows_its_schema_in_order(case: str) -> None:
    document = json.loads(render_json(CASES[case](), ReportContext(schema_file="schema.prisma")))
    jsonschema.Draft7Validator(SCHEMA).validate(document)
    assert list(document) == [
        "version", "summary", "accepted_by_baseline", "findings", "stale_baseline", "unused_config", "notes"
    ]
    assert list(document["summary"]) == ["error", "warning", "info"]
    for finding in document["findings"]:
        assert list(finding) == FINDING_KEYS


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*/report.json")), ids=lambda path: path.parent.name)
def test_golden_json_reports_follow_the_schema(golden: Path) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(json.loads(golden.read_text()))


def test_the_schema_rejects_an_unknown_key() -> None:
    document = json.loads(render_json(CASES["mixed"](), ReportContext(schema_file="schema.prisma")))
    document["findings"][0]["path"] = "public.x"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate(document)


def test_each_finding_says_its_schema_and_the_report_what_a_baseline_accepted() -> None:
    """Two `events` tables in two schemas were two findings with the same table and column; the count a baseline
    accepted was in text and markdown only (found by a reviewer)."""
    report = CASES["mixed"]()
    document = json.loads(render_json(report.model_copy(update={"suppressed": 3}), ReportContext()))
    assert document["accepted_by_baseline"] == 3
    assert [finding["schema"] for finding in document["findings"]] == [finding.schema_name for finding in report.findings]
