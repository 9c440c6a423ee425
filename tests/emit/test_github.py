"""GitHub workflow commands: within the annotations GitHub shows per step (errors first), a notice for the rest,
and the whole report in the job summary when GITHUB_STEP_SUMMARY names a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.diff.findings import DriftReport, Finding, FindingKind, Severity
from drift.emit.context import ReportContext
from drift.commands import with_step_summary
from drift.emit.github import render_github
from tests.emit.sample_reports import mixed_report

CONTEXT = ReportContext(schema_file="schema.prisma")


def _report(warnings: int, errors: int, info: int) -> DriftReport:
    """In report order: the warnings, then the errors, then the info findings."""
    findings = []
    for severity, count in ((Severity.WARNING, warnings), (Severity.ERROR, errors), (Severity.INFO, info)):
        findings += [
            Finding(kind=FindingKind.UNMANAGED_OBJECT, severity=severity, schema_name="public",
                    table=f"{severity.value}_{number:02}", message=f"{severity.value} number {number}.")
            for number in range(count)
        ]
    return DriftReport(findings=tuple(findings))


def _with_summary(report: DriftReport, environ: dict[str, str] | None = None) -> str:
    """What `drift check --format github` prints: the job summary written first (drift.commands), then the report."""
    return render_github(report, with_step_summary(report, CONTEXT, environ), environ=environ)


def _commands(output: str) -> list[str]:
    return [line.split(" ", 1)[0].split("::")[1] for line in output.splitlines() if line.startswith("::")]


def test_at_most_ten_of_each_kind_errors_first_and_a_notice_counts_the_rest() -> None:
    output = render_github(_report(warnings=15, errors=25, info=12), CONTEXT, environ={})
    commands = _commands(output)
    assert commands == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    # The first of each severity in report order are the ones annotated.
    assert "error number 0." in output and "error number 9." in output and "error number 10." not in output
    last = output.splitlines()[-2]
    assert last.startswith("::notice title=drift::15 errors, 5 warnings and 3 info are not annotated")
    assert "--format text or markdown" in last
    assert output.splitlines()[-1] == "drift: 25 errors, 15 warnings, 12 info"


def test_within_the_limits_every_finding_is_annotated_and_nothing_is_counted() -> None:
    output = render_github(_report(warnings=10, errors=10, info=10), CONTEXT, environ={})
    assert _commands(output) == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    assert "not annotated" not in output


def test_notes_about_the_run_come_before_the_warning_findings() -> None:
    report = mixed_report()
    output = render_github(report, CONTEXT, environ={})
    lines = [line for line in output.splitlines() if line.startswith("::warning")]
    assert lines[0].startswith("::warning title=drift::None of the 3 tables")


def test_the_job_summary_gets_the_markdown_report(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("from an earlier command of the step\n", encoding="utf-8")
    output = _with_summary(_report(warnings=15, errors=25, info=0), {"GITHUB_STEP_SUMMARY": str(summary)})
    written = summary.read_text(encoding="utf-8")
    # Appended, as GitHub's own toolkit does: what the step wrote before stays.
    assert written.startswith("from an earlier command of the step\n## drift: `schema.prisma` vs the database")
    assert written.count("**error**") == 25
    assert "the job summary has the full report" in output


def test_the_job_summary_is_found_through_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "step_summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _with_summary(mixed_report())
    assert "## drift:" in summary.read_text(encoding="utf-8")


def test_without_the_variable_no_file_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    output = _with_summary(_report(warnings=0, errors=12, info=0))
    assert list(tmp_path.iterdir()) == []
    assert "job summary" not in output


def test_a_summary_that_cannot_be_written_is_a_warning(tmp_path: Path) -> None:
    output = _with_summary(mixed_report(), {"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert f"::warning title=drift::GITHUB_STEP_SUMMARY {tmp_path}: cannot append the report" in output


def test_files_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    # A monorepo job running drift in its package's folder: the runner resolves `file` from the repository root.
    (tmp_path / ".git").mkdir()
    package = tmp_path / "packages" / "api"
    package.mkdir(parents=True)
    context = ReportContext(schema_file="prisma/schema.prisma", cwd=package)
    output = render_github(mixed_report(), context, environ={})
    files = {line.split("file=")[1].split(",")[0] for line in output.splitlines() if "file=" in line}
    # Findings with a Prisma origin name schema.prisma (as sample reports do), the others the checked schema file.
    assert files == {"packages/api/schema.prisma", "packages/api/prisma/schema.prisma"}
    workspace = render_github(mixed_report(), context, environ={"GITHUB_WORKSPACE": str(tmp_path / "packages")})
    assert "file=api/prisma/schema.prisma," in workspace
