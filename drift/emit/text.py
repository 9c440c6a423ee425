"""The terminal report: findings grouped by table, each with severity, kind, `schema.prisma:LINE`, message and the
suggested fixes, then a summary line. Colour only when the CLI says so (a terminal without NO_COLOR); otherwise the
same layout as plain text, never wrapped, so it can be piped, diffed and kept as a golden file."""

from __future__ import annotations

import io
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from rich.console import Console
from rich.style import Style
from rich.text import Text

from drift.diff.findings import DriftReport, Finding, FindingKind, Severity
from drift.emit.context import ReportContext
from drift.emit.summary import group_key, group_title, stale_count, summary_line, unused_config_count

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
# The kind column fits the longest kind and a space, so that every `schema.prisma:LINE` starts in the same column.
_KIND_WIDTH = max(len(kind.value) for kind in FindingKind) + 1


def _indented(label: str, body: str, indent: str) -> Text:
    lines = body.splitlines() or [""]
    text = Text(indent)
    text.append(label, style="dim")
    text.append(lines[0])
    for line in lines[1:]:
        text.append("\n" + (indent + " " * len(label) + line if line else ""))
    return text


def _file_uri(context: ReportContext, path: str) -> str | None:
    return _uri(context.cwd, path)


@lru_cache(maxsize=64)
def _uri(cwd: Path, path: str) -> str | None:
    try:
        return (cwd / path).resolve().as_uri()
    except (OSError, ValueError):
        return None


def _finding_lines(finding: Finding, context: ReportContext) -> list[Text]:
    head = Text("  ")
    head.append(f"{finding.severity.value:<8}", style=_STYLES[finding.severity])
    head.append(finding.kind.value.ljust(_KIND_WIDTH), style="bold")
    location = context.location(finding)
    if location is not None:
        # In a terminal the place is a hyperlink to the file too (OSC 8; the plain text drops it).
        head.append(f"{location[0]}:{location[1]}", style=Style(color="cyan", link=_file_uri(context, location[0])))
    elif context.schema_file:
        head.append(f"{context.schema_file} (no line)", style="dim")
    lines = [head, Text("    " + finding.message)]
    if finding.rename is not None:
        # The message already gives the reasons; this line is the pairing at a glance.
        lines.append(
            Text(
                f"    rename: {finding.rename.from_name} -> {finding.rename.to} "
                f"(confidence {finding.rename.confidence:.2f})",
                style="dim",
            )
        )
    fix = context.fix(finding)
    if fix.prisma:
        lines.append(_indented("fix schema.prisma: ", fix.prisma, "    "))
    if fix.sql:
        lines.append(_indented("fix SQL: ", fix.sql, "    "))
    return lines


def render_text(report: DriftReport, context: ReportContext, *, color: bool = False, width: int = 120) -> str:
    # The whole report is one Text printed once: rich's per-print overhead dominated large reports.
    lines: list[Text] = []
    if not report.findings:
        lines.append(Text("No drift: schema.prisma and the database agree.", style="green"))
    for _, members in groupby(report.findings, key=group_key):
        members = list(members)
        title = Text()
        title.append(group_title(members[0]), style="bold underline")
        # Schema-level findings (enums, extensions) have no one model; their own lines say what they concern.
        model = members[0].table and next(
            (finding.prisma.model for finding in members if finding.prisma and finding.prisma.model), None
        )
        if model:
            title.append(f"  (model {model})", style="dim")
        lines.append(title)
        for finding in members:
            lines.extend(_finding_lines(finding, context))
        lines.append(Text())
    if report.stale_baseline:
        lines.append(Text(f"{stale_count(report)} (accepted drift that no longer occurs):"))
        lines.extend(Text("  " + identity, style="dim") for identity in report.stale_baseline)
        lines.append(Text())
    if report.unused_config:
        lines.append(Text(f"{unused_config_count(report)} (rename pins or vetoes to update or remove):"))
        lines.extend(Text("  " + entry, style="yellow") for entry in report.unused_config)
        lines.append(Text())
    for note in report.notes:
        lines.append(Text("note: " + note, style="bold yellow"))
        lines.append(Text())
    summary = Text(summary_line(report), style="bold")
    if report.suppressed:
        summary.append(f" ({report.suppressed} accepted by the baseline)", style="dim")
    lines.append(summary)
    document = Text("\n").join(lines)
    if not color:
        return document.plain + "\n"
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="standard", width=width, highlight=False, emoji=False
    )
    console.print(document, soft_wrap=True)
    return buffer.getvalue()
