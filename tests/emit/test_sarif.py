"""SARIF output validates against the official 2.1.0 schema (tests/emit/sarif-schema-2.1.0.json, see SARIF_SCHEMA.md)
and puts each finding where code scanning will show it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from drift.emit.context import ReportContext
from drift.emit.sarif import render_sarif
from tests.emit.sample_reports import CASES, mixed_report

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", sorted(CASES))
def test_sarif_validates_against_the_official_schema(case: str) -> None:
    document = json.loads(render_sarif(CASES[case](), ReportContext(schema_file="prisma/schema.prisma")))
    jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_the_validator_rejects_a_broken_log() -> None:
    # Guards the test above: a schema that accepted anything would make it pass vacuously.
    document = json.loads(render_sarif(mixed_report(), ReportContext(schema_file="schema.prisma")))
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(document)


def test_one_result_per_finding_with_rule_and_level() -> None:
    report = mixed_report()
    document = json.loads(render_sarif(report, ReportContext(schema_file="prisma/schema.prisma")))
    results = document["runs"][0]["results"]
    assert len(results) == len(report.findings)
    rules = [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]]
    for result, finding in zip(results, report.findings):
        assert result["ruleId"] == finding.kind.value
        assert rules[result["ruleIndex"]] == finding.kind.value
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]


def test_findings_without_origin_sit_on_line_one_of_the_schema(tmp_path: Path) -> None:
    report = mixed_report()
    context = ReportContext(schema_file="prisma/schema.prisma", cwd=tmp_path)
    results = json.loads(render_sarif(report, context))["runs"][0]["results"]
    for result, finding in zip(results, report.findings):
        physical = result["locations"][0]["physicalLocation"]
        if finding.prisma is None:
            assert physical == {"artifactLocation": {"uri": "prisma/schema.prisma"}, "region": {"startLine": 1}}
        else:
            assert physical["region"]["startLine"] == finding.prisma.line
            assert physical["artifactLocation"]["uri"] == "schema.prisma"


def test_absolute_origin_paths_become_relative_to_the_working_directory(tmp_path: Path) -> None:
    finding = mixed_report().findings[0]
    moved = finding.model_copy(
        update={"prisma": finding.prisma.model_copy(update={"file": str(tmp_path / "prisma" / "schema.prisma")})}
    )
    report = mixed_report().model_copy(update={"findings": (moved,)})
    results = json.loads(render_sarif(report, ReportContext(schema_file=None, cwd=tmp_path)))["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "prisma/schema.prisma"


@pytest.mark.parametrize(
    "golden",
    sorted((Path(__file__).parent.parent / "golden").glob("*/report.sarif")),
    ids=lambda path: path.parent.name,
)
def test_every_golden_sarif_file_validates(golden: Path) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(golden.read_text(encoding="utf-8")))


def test_a_schema_folder_anchors_on_its_schema_prisma_or_datasource_file(tmp_path: Path) -> None:
    from drift.emit.context import anchor_file

    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "a_models.prisma").write_text("model A {\n  id Int @id\n}\n")
    (folder / "main.prisma").write_text('datasource db {\n  provider = "postgresql"\n}\n')
    assert anchor_file(folder) == folder / "main.prisma"
    (folder / "schema.prisma").write_text("")
    assert anchor_file(folder) == folder / "schema.prisma"
    assert anchor_file(folder / "a_models.prisma") == folder / "a_models.prisma"
