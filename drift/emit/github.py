"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` per finding (warning and notice for
lower severities), which the runner turns into annotations on the pull request's schema.prisma lines."""

from __future__ import annotations

from drift.diff.findings import DriftReport, Finding, Severity
from drift.emit.context import ReportContext
from drift.emit.summary import stale_count, summary_line

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # The runner's own escaping for a command's message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    # Property values additionally end at ':' and ','.
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding, context: ReportContext) -> str:
    properties: list[str] = []
    location = context.location(finding)
    if location is not None:
        file, line, column = location
        properties += [f"file={escape_property(file)}", f"line={line}", f"col={column}"]
    elif context.schema_file:
        properties += [f"file={escape_property(context.schema_file)}", "line=1"]
    properties.append(f"title={escape_property(f'drift {finding.kind.value}: {finding.path}')}")
    body = [finding.message]
    fix = context.fix(finding)
    if fix.prisma:
        body.append(f"fix schema.prisma: {fix.prisma}")
    if fix.sql:
        body.append(f"fix SQL: {fix.sql}")
    return f"::{_COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(chr(10).join(body))}"


def render_github(report: DriftReport, context: ReportContext) -> str:
    lines = [_annotation(finding, context) for finding in report.findings]
    if report.stale_baseline:
        lines.append(f"::notice title=drift baseline::{stale_count(report)} (accepted drift that no longer occurs)")
    lines.extend(f"::warning title=drift configuration::{escape_data(entry)}" for entry in report.unused_config)
    lines.extend(f"::warning title=drift::{escape_data(note)}" for note in report.notes)
    lines.append(f"drift: {summary_line(report)}")
    return "\n".join(lines) + "\n"
