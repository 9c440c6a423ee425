"""The pull-request comment: a headline, a summary table, then one collapsible `<details>` block per table."""

from __future__ import annotations

from itertools import groupby

from drift.diff.findings import DriftReport, Finding, Severity
from drift.emit.context import ReportContext
from drift.emit.summary import group_key, group_title, summary_line

_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}


def _escape(text: str) -> str:
    # Markdown and the HTML of <summary> both read these; a message must not open a tag or a table cell.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _fence(body: str, language: str) -> list[str]:
    fence = "```"
    while fence in body:
        fence += "`"
    return [f"{fence}{language}", *body.splitlines(), fence]


def _finding_block(finding: Finding, context: ReportContext, with_fixes: bool = True) -> list[str]:
    location = context.location(finding)
    where = f" — `{location[0]}:{location[1]}`" if location else ""
    head = f"- {_ICONS[finding.severity]} **{finding.severity.value}** `{finding.kind.value}`{where}: "
    lines = [head + _escape(finding.message)]
    if finding.rename is not None:
        # The message gives the reasons; this is the pairing at a glance.
        lines.append(
            f"  - rename `{finding.rename.from_name}` → `{finding.rename.to}` "
            f"(confidence {finding.rename.confidence:.2f})"
        )
    if not with_fixes:
        return lines
    fix = context.fix(finding)
    for label, body, language in (("schema.prisma", fix.prisma, "prisma"), ("SQL", fix.sql, "sql")):
        if body:
            lines.append(f"  - fix {label}:")
            lines.extend("    " + line if line else "" for line in _fence(body, language))
    return lines


def _count(count: int, severity: Severity) -> str:
    plural = "" if count == 1 or severity is Severity.INFO else "s"
    return f"{count} {severity.value}{plural}"


# GitHub rejects a comment longer than 65,536 characters; stay under it with room for a bot's own header.
COMMENT_LIMIT = 60_000


def render_markdown(report: DriftReport, context: ReportContext, *, limit: int = COMMENT_LIMIT) -> str:
    """The comment with every fix; without the fixes if that is too long; then cut at a whole table if still so."""
    full = _render(report, context, with_fixes=True)
    if len(full) <= limit:
        return full
    shorter = _render(report, context, with_fixes=False)
    note = "\n_Fixes are left out to fit a pull-request comment; run `drift check` for the full report._\n"
    if len(shorter) + len(note) <= limit:
        return shorter + note
    cut = shorter.rfind("\n<details>", 0, limit - 200)
    omitted = shorter[cut:].count("\n<details>")
    return shorter[: max(cut, 0)].rstrip("\n") + (
        f"\n\n_{omitted} more tables are left out to fit a pull-request comment; run `drift check` for the full "
        "report._\n"
    )


def _render(report: DriftReport, context: ReportContext, *, with_fixes: bool) -> str:
    counts = report.summary
    target = f" `{context.schema_file}`" if context.schema_file else " schema.prisma"
    headline = "no drift" if not report.findings else summary_line(report)
    lines = [f"## drift:{target} vs the database — {headline}", ""]
    lines += ["| severity | findings |", "| --- | ---: |"]
    lines += [f"| {_ICONS[severity]} {severity.value} | {counts[severity.value]} |" for severity in Severity]
    if report.suppressed:
        lines.append(f"| accepted by the baseline | {report.suppressed} |")
    if report.stale_baseline:
        lines.append(f"| stale baseline entries | {len(report.stale_baseline)} |")
    if report.unused_config:
        lines.append(f"| configuration entries matching nothing | {len(report.unused_config)} |")
    lines.append("")
    for note in report.notes:
        lines += [f"> **Note:** {_escape(note)}", ""]
    for _, members in groupby(report.findings, key=group_key):
        members = list(members)
        member_counts = {severity: sum(1 for f in members if f.severity is severity) for severity in Severity}
        tally = ", ".join(_count(count, severity) for severity, count in member_counts.items() if count)
        lines.append("<details>")
        lines.append(f"<summary><code>{_escape(group_title(members[0]))}</code> — {tally}</summary>")
        lines.append("")
        for finding in members:
            lines.extend(_finding_block(finding, context, with_fixes))
        lines.append("")
        lines.append("</details>")
        lines.append("")
    if report.stale_baseline:
        lines += _collapsed("stale baseline entries", [f"- `{identity}`" for identity in report.stale_baseline])
    if report.unused_config:
        items = [f"- {_escape(entry)}" for entry in report.unused_config]
        lines += _collapsed("configuration entries matching nothing", items)
    return "\n".join(lines).rstrip("\n") + "\n"


def _collapsed(summary: str, items: list[str]) -> list[str]:
    """A collapsible list under its summary line."""
    return ["<details>", f"<summary>{summary}</summary>", "", *items, "", "</details>", ""]
