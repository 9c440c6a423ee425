"""SARIF output validates against the official 2.1.0 schema (tests/emit/sarif-schema-2.1.0.json, see SARIF_SCHEMA.md)
and puts each finding where code scanning will show it."""

from __future__ import annotations

import json
import re
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
    _validate(document)


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
    results = json.loads(render_sarif(report, context, environ={}))["runs"][0]["results"]
    for result, finding in zip(results, report.findings):
        physical = result["locations"][0]["physicalLocation"]
        if finding.prisma is None:
            assert physical == {
                "artifactLocation": {"uri": "prisma/schema.prisma", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 1},
            }
        else:
            assert physical["region"]["startLine"] == finding.prisma.line
            assert physical["artifactLocation"]["uri"] == "schema.prisma"


def test_absolute_origin_paths_become_relative_to_the_working_directory(tmp_path: Path) -> None:
    finding = mixed_report().findings[0]
    moved = finding.model_copy(
        update={"prisma": finding.prisma.model_copy(update={"file": str(tmp_path / "prisma" / "schema.prisma")})}
    )
    report = mixed_report().model_copy(update={"findings": (moved,)})
    context = ReportContext(schema_file=None, cwd=tmp_path)
    results = json.loads(render_sarif(report, context, environ={}))["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "prisma/schema.prisma"


@pytest.mark.parametrize(
    "golden",
    sorted((Path(__file__).parent.parent / "golden").glob("*/report.sarif")),
    ids=lambda path: path.parent.name,
)
def test_every_golden_sarif_file_validates(golden: Path) -> None:
    _validate(json.loads(golden.read_text(encoding="utf-8")))


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


# The schema checks `format` too: artifact URIs are "uri-reference", $schema and informationUri "uri" (RFC 3986).
# jsonschema checks those formats only with rfc3987 installed, so they are checked here, strictly: ASCII only, no
# space or backslash, `%` only before two hex digits.
_URI_CHARACTERS = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*"
FORMATS = jsonschema.FormatChecker()
FORMATS.checks("uri-reference")(lambda value: re.fullmatch(_URI_CHARACTERS, value) is not None)
FORMATS.checks("uri")(lambda value: re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:" + _URI_CHARACTERS, value) is not None)


def _validate(document: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA, format_checker=FORMATS).validate(document)


def _located(tmp_path: Path, schema: Path, cwd: Path, environ: dict[str, str] | None = None) -> tuple[dict, dict]:
    """The artifact location of a finding on `schema`, and the run, for drift run in `cwd`."""
    finding = mixed_report().findings[0]
    moved = finding.model_copy(update={"prisma": finding.prisma.model_copy(update={"file": str(schema)})})
    report = mixed_report().model_copy(update={"findings": (moved,)})
    document = json.loads(render_sarif(report, ReportContext(schema_file=None, cwd=cwd), environ=environ or {}))
    _validate(document)
    run = document["runs"][0]
    return run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"], run


def test_the_format_check_rejects_what_is_no_uri_reference() -> None:
    document = json.loads(render_sarif(mixed_report(), ReportContext(schema_file="schema.prisma")))
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "my app/x"
    with pytest.raises(jsonschema.ValidationError):
        _validate(document)


def test_a_path_with_a_space_is_percent_encoded(tmp_path: Path) -> None:
    location, run = _located(tmp_path, tmp_path / "my app" / "prisma" / "schema.prisma", tmp_path)
    assert location == {"uri": "my%20app/prisma/schema.prisma", "uriBaseId": "%SRCROOT%"}
    assert set(run["originalUriBaseIds"]) == {"%SRCROOT%"}


def test_a_schema_outside_the_repository_is_a_file_uri(tmp_path: Path) -> None:
    (tmp_path / "job").mkdir()
    location, run = _located(tmp_path, tmp_path / "elsewhere" / "my app" / "schema.prisma", tmp_path / "job")
    assert location == {"uri": (tmp_path / "elsewhere" / "my app" / "schema.prisma").resolve().as_uri()}
    assert location["uri"].startswith("file:///") and "%20" in location["uri"]
    assert "originalUriBaseIds" not in run


def test_paths_are_relative_to_the_git_work_tree_not_the_working_directory(tmp_path: Path) -> None:
    # A monorepo job that runs drift in its package's folder: code scanning resolves paths from the repository root.
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    package = tmp_path / "repo" / "packages" / "api"
    package.mkdir(parents=True)
    location, _ = _located(tmp_path, package / "prisma" / "schema.prisma", package)
    assert location == {"uri": "packages/api/prisma/schema.prisma", "uriBaseId": "%SRCROOT%"}


def test_a_linked_work_tree_has_a_git_file(tmp_path: Path) -> None:
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / ".git").write_text("gitdir: /elsewhere/.git/worktrees/tree\n")
    location, _ = _located(tmp_path, tmp_path / "tree" / "db" / "schema.prisma", tmp_path / "tree" / "db")
    assert location["uri"] == "db/schema.prisma"


def test_github_workspace_is_the_root_when_set(tmp_path: Path) -> None:
    (tmp_path / "checkout" / ".git").mkdir(parents=True)
    (tmp_path / "checkout" / "app").mkdir()
    schema = tmp_path / "checkout" / "app" / "schema.prisma"
    location, _ = _located(tmp_path, schema, tmp_path / "checkout" / "app", {"GITHUB_WORKSPACE": str(tmp_path)})
    assert location == {"uri": "checkout/app/schema.prisma", "uriBaseId": "%SRCROOT%"}
    # A file outside the workspace falls back to its git work tree.
    location, _ = _located(
        tmp_path, schema, tmp_path / "checkout" / "app", {"GITHUB_WORKSPACE": str(tmp_path / "checkout" / "app")}
    )
    assert location["uri"] == "schema.prisma"


def test_every_rule_says_what_its_kind_means_and_how_to_fix_it() -> None:
    from drift.diff.findings import DriftReport, Finding, FindingKind, Severity

    findings = tuple(
        Finding(kind=kind, severity=Severity.WARNING, schema_name="public", table="t", message="m.")
        for kind in FindingKind
    )
    document = json.loads(render_sarif(DriftReport(findings=findings), ReportContext(schema_file="schema.prisma")))
    _validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len(FindingKind)
    for rule in rules:
        assert rule["fullDescription"]["text"].startswith(rule["shortDescription"]["text"] + " ")
        assert rule["help"]["text"] and not rule["help"]["text"].startswith("Apply the suggested"), rule["id"]
    # pyproject.toml names no project URL, so there is no informationUri to give.
    assert "informationUri" not in document["runs"][0]["tool"]["driver"]


def test_findings_a_baseline_accepted_are_suppressed_results_with_their_fingerprints() -> None:
    """They were left out, so code scanning closed their alerts as fixed while the drift was still there."""
    from drift.baseline import apply_baseline, baseline_from_report

    report = mixed_report()
    accepted_by = baseline_from_report(report.model_copy(update={"findings": report.findings[:2]}))
    applied = apply_baseline(report, accepted_by)
    assert applied.accepted == report.findings[:2] and applied.suppressed == report.suppressed + 2
    context = ReportContext(schema_file="schema.prisma")
    document = json.loads(render_sarif(applied, context))
    _validate(document)
    results = document["runs"][0]["results"]
    suppressed = [result for result in results if result.get("suppressions")]
    assert [result["suppressions"][0]["kind"] for result in suppressed] == ["external", "external"]
    assert len(results) == len(report.findings)
    plain = json.loads(render_sarif(report, context))["runs"][0]["results"]
    fingerprints = {result["partialFingerprints"]["driftFinding/v1"] for result in plain}
    assert {result["partialFingerprints"]["driftFinding/v1"] for result in results} == fingerprints
