"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` per finding (warning and notice for
lower severities), which the runner turns into annotations on the pull request's schema.prisma lines.

GitHub shows at most 10 error, 10 warning and 10 notice annotations of a step and drops the rest without a word, so
the most important go first (errors, then warnings, then notices, each in report order), up to those limits, and
one notice counts what is not annotated. When GITHUB_STEP_SUMMARY names a file (GitHub sets it in every step; the
job's summary page shows what the step appends to it), the CLI appends the whole report to it as Markdown
(`step_summary`, drift.commands), and the annotations say so."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from drift.diff.findings import DriftReport, Finding, Severity
from drift.emit.context import ReportContext
from drift.emit.repository import RepositoryPaths
from drift.emit.summary import stale_count, summary_line

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

# Annotations of each kind GitHub shows per step (the rest are dropped).
ANNOTATIONS_PER_KIND = 10
# A step summary over 1 MiB is not shown at all; keep below it.
STEP_SUMMARY_BYTES = 1_000_000


def escape_data(text: str) -> str:
    # The runner's own escaping for a command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    # Property values additionally end at ':' and ','.
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class _Annotation:
    command: str  # error, warning or notice
    line: str
    # What it stands for when it is not shown: a finding's severity, else None (a note about the run).
    severity: Severity | None = None


def _finding_annotation(finding: Finding, context: ReportContext, paths: RepositoryPaths) -> _Annotation:
    # The runner resolves `file` from the repository root (GITHUB_WORKSPACE), not from where drift ran.
    properties: list[str] = []
    location = context.location(finding)
    if location is not None:
        file, line, column = location
        properties += [f"file={escape_property(paths.locate(file)[0])}", f"line={line}", f"col={column}"]
    elif context.schema_file:
        properties += [f"file={escape_property(paths.locate(context.schema_file)[0])}", "line=1"]
    properties.append(f"title={escape_property(f'drift {finding.kind.value}: {finding.path}')}")
    body = [finding.message]
    fix = context.fix(finding)
    if fix.prisma:
        body.append(f"fix schema.prisma: {fix.prisma}")
    if fix.sql:
        body.append(f"fix SQL: {fix.sql}")
    command = _COMMANDS[finding.severity]
    return _Annotation(command, f"::{command} {','.join(properties)}::{escape_data(chr(10).join(body))}", finding.severity)


def _annotations(report: DriftReport, context: ReportContext, paths: RepositoryPaths) -> list[_Annotation]:
    """Every annotation, most important first: errors, then the notes about the run (such as "is it the right
    database?"), warnings, configuration entries that match nothing, then notices."""
    by_severity = {severity: [] for severity in Severity}
    for finding in report.findings:
        by_severity[finding.severity].append(_finding_annotation(finding, context, paths))
    notes = [_Annotation("warning", f"::warning title=drift::{escape_data(note)}") for note in report.notes]
    unused = [
        _Annotation("warning", f"::warning title=drift configuration::{escape_data(entry)}")
        for entry in report.unused_config
    ]
    stale = []
    if report.stale_baseline:
        stale.append(
            _Annotation(
                "notice",
                f"::notice title=drift baseline::{stale_count(report)} (accepted drift that no longer occurs)",
            )
        )
    return [
        *by_severity[Severity.ERROR],
        *notes,
        *by_severity[Severity.WARNING],
        *unused,
        *stale,
        *by_severity[Severity.INFO],
    ]


def _not_annotated(left_out: list[_Annotation], summary_written: bool) -> str:
    counts = {severity: sum(1 for item in left_out if item.severity is severity) for severity in Severity}
    parts = [f"{count} {severity.value}{'s' if count != 1 and severity is not Severity.INFO else ''}"
             for severity, count in counts.items() if count]
    others = sum(1 for item in left_out if item.severity is None)
    if others:
        parts.append(f"{others} other message{'' if others == 1 else 's'}")
    where = (
        "the job summary has the full report, or run drift check with --format text or markdown"
        if summary_written
        else "run drift check with --format text or markdown for the full report"
    )
    counted = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    verb = "is" if len(left_out) == 1 else "are"
    text = (
        f"{counted} {verb} not annotated (GitHub shows {ANNOTATIONS_PER_KIND} annotations of each kind per step); "
        f"{where}."
    )
    return f"::notice title=drift::{escape_data(text)}"


def render_github(
    report: DriftReport, context: ReportContext, *, environ: Mapping[str, str] | None = None
) -> str:
    environ = os.environ if environ is None else environ
    summary_note = context.step_summary_problem
    candidates = _annotations(report, context, RepositoryPaths.from_environment(context.cwd, environ))
    if summary_note is not None:
        candidates.insert(0, _Annotation("warning", f"::warning title=drift::{escape_data(summary_note)}"))
    shown: list[_Annotation] = []
    left_out: list[_Annotation] = []
    room = {command: ANNOTATIONS_PER_KIND for command in ("error", "warning", "notice")}
    overflow = sum(1 for item in candidates if item.command == "notice") > room["notice"] or any(
        sum(1 for item in candidates if item.command == command) > room[command] for command in ("error", "warning")
    )
    if overflow:
        room["notice"] -= 1  # for the notice that counts what is not annotated
    for item in candidates:
        if room[item.command] > 0:
            room[item.command] -= 1
            shown.append(item)
        else:
            left_out.append(item)
    lines = [item.line for item in shown]
    if left_out:
        lines.append(_not_annotated(left_out, context.step_summary_written))
    lines.append(f"drift: {summary_line(report)}")
    return "\n".join(lines) + "\n"


def step_summary(report: DriftReport, context: ReportContext) -> str:
    """The Markdown report as the job summary takes it: within GitHub's size (in bytes)."""
    from drift.emit.markdown import render_markdown

    limit = STEP_SUMMARY_BYTES
    markdown = render_markdown(report, context, limit=limit, fit="a job summary")
    while len(markdown.encode("utf-8")) > STEP_SUMMARY_BYTES:
        # The limit counts characters, GitHub's bytes: shrink until the bytes fit.
        limit = limit * STEP_SUMMARY_BYTES // len(markdown.encode("utf-8")) - 1000
        markdown = render_markdown(report, context, limit=limit, fit="a job summary")
    return markdown + "\n"
