"""The pull-request comment: a headline, a summary table, then one collapsible `<details>` block per table.

Names and messages come from the database and schema.prisma, so they may hold anything (`idx_*hot*`, a backtick):
text in Markdown is escaped as Markdown, text inside the HTML of `<summary>` as HTML (Markdown is not read there)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Set as AbstractSet
from itertools import groupby

from drift.diff.findings import DriftReport, Finding, Severity
from drift.emit.context import ReportContext
from drift.emit.summary import group_key, group_title, summary_line

_ICONS = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}

# Characters that mean something to GitHub's Markdown anywhere in a line: always escaped.
_ALWAYS = re.compile(r"([\\`*\[\]<>|])")
# `_` and `~` emphasise only at a word's edge (`is_active` is safe; `_tmp_` is not) or, for `~`, next to text.
_UNDERSCORES = re.compile(r"_+")
_TILDES = re.compile(r"~+")
# `&amp;` would show as `&`.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A Prisma attribute (`@unique`, `@@index`, `@db.VarChar`) would notify the GitHub user of that name.
_MENTION = re.compile(r"(?<![\w`])@@?[A-Za-z]\w*(?:\.\w+)*")
# What would start a heading, a list or a quote when the text opens a line (`1.` is escaped at its dot).
_BLOCK_START = re.compile(r"^(\s*)(#|[-+]|\d+(?=[.)]))")


def _escape_run(pattern: re.Pattern[str], text: str, safe: Callable[[str, str], bool]) -> str:
    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() > 0 else " "
        after = text[match.end()] if match.end() < len(text) else " "
        run = match.group(0)
        return run if safe(before, after) else "".join("\\" + char for char in run)

    return pattern.sub(replace, text)


def markdown_text(text: str, *, line_start: bool = False) -> str:
    """`text` as Markdown that shows exactly it (one line: line breaks become `<br>`)."""
    pieces: list[str] = []
    position = 0
    for match in _MENTION.finditer(text):
        pieces.append(_escape_plain(text[position : match.start()]))
        pieces.append(code_span(match.group(0)))
        position = match.end()
    pieces.append(_escape_plain(text[position:]))
    escaped = "".join(pieces)
    if line_start:
        escaped = _BLOCK_START.sub(_escape_block_start, escaped, count=1)
    return re.sub(r"\r\n|\r|\n", "<br>", escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker.isdigit():
        # A backslash before a digit is no escape: the `.` or `)` after it is escaped instead.
        return match.group(0) + "\\"
    return match.group(1) + "\\" + marker


def _escape_plain(text: str) -> str:
    escaped = _ALWAYS.sub(r"\\\1", text)
    escaped = _ENTITY.sub(r"\\&", escaped)
    escaped = _escape_run(_UNDERSCORES, escaped, lambda before, after: before.isalnum() and after.isalnum())
    return _escape_run(_TILDES, escaped, lambda before, after: before.isspace() and after.isspace())


def code_span(text: str) -> str:
    """`text` as an inline code span, with a fence longer than any run of backticks inside it."""
    text = re.sub(r"\r\n|\r|\n", " ", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # A code span drops one space at each end when both have one; a backtick at an end needs a space to stay apart.
    padded = text.startswith("`") or text.endswith("`") or (text[:1] == " " and text[-1:] == " " and text.strip())
    return f"{fence} {text} {fence}" if padded else f"{fence}{text}{fence}"


def html_text(text: str) -> str:
    # Inside an HTML block GitHub reads no Markdown: only the HTML characters need escaping.
    return html.escape(text, quote=False)


def _fence(body: str, language: str) -> list[str]:
    fence = "```"
    while fence in body:
        fence += "`"
    return [f"{fence}{language}", *body.splitlines(), fence]


def _finding_block(finding: Finding, context: ReportContext, with_fixes: bool = True) -> list[str]:
    location = context.location(finding)
    where = f" — {code_span(f'{location[0]}:{location[1]}')}" if location else ""
    head = f"- {_ICONS[finding.severity]} **{finding.severity.value}** {code_span(finding.kind.value)}{where}: "
    lines = [head + markdown_text(finding.message)]
    if finding.rename is not None:
        # The message gives the reasons; this is the pairing at a glance.
        lines.append(
            f"  - rename {code_span(finding.rename.from_name)} → {code_span(finding.rename.to)} "
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


def _counts(findings: list[Finding]) -> str:
    tally = {severity: sum(1 for finding in findings if finding.severity is severity) for severity in Severity}
    return ", ".join(_count(count, severity) for severity, count in tally.items() if count)


# GitHub rejects a comment longer than 65,536 characters; stay under it with room for a bot's own header.
COMMENT_LIMIT = 60_000


def render_markdown(
    report: DriftReport, context: ReportContext, *, limit: int = COMMENT_LIMIT, fit: str = "a pull-request comment"
) -> str:
    """The comment with every fix; without the fixes if that is too long; if still so, also without the fewest
    findings that make it fit (info first, then warnings, errors last; each from the end of the report) and the
    lists the summary table counts. A note at the top says what is left out."""
    full = _render(report, context, with_fixes=True)
    if len(full) <= limit:
        return full
    shorter = _render(report, context, with_fixes=False, note=_omission_note(report, [], fit, with_lists=True))
    if len(shorter) <= limit:
        return shorter
    order = _drop_order(report)

    def without(count: int) -> str:
        dropped = set(order[:count])
        dropped_findings = [report.findings[index] for index in sorted(dropped)]
        note = _omission_note(report, dropped_findings, fit, with_lists=False)
        return _render(report, context, with_fixes=False, note=note, dropped=dropped, with_lists=False)

    if len(without(len(order))) > limit:
        # Not even the headline, the table and the notes fit: cut at a line (the note at the top stays).
        cut = without(len(order))
        return cut[: cut.rfind("\n", 0, limit) + 1]
    # The fewest findings to leave out: each one left out makes the comment shorter.
    low, high = 0, len(order)
    while low < high:
        middle = (low + high) // 2
        if len(without(middle)) <= limit:
            high = middle
        else:
            low = middle + 1
    return without(low)


def _drop_order(report: DriftReport) -> list[int]:
    """The findings' indexes, the first to leave out first: info, then warnings, then errors, each from the end."""
    return sorted(range(len(report.findings)), key=lambda index: (report.findings[index].severity.rank, -index))


def _omission_note(report: DriftReport, dropped: list[Finding], fit: str, *, with_lists: bool) -> str:
    left_out = []
    if dropped:
        left_out.append(f"{_counts(dropped)} (of {len(report.findings)} findings)")
    left_out.append("every fix")
    if not with_lists and (report.stale_baseline or report.unused_config):
        left_out.append("the lists the summary table counts")
    listed = ", ".join(left_out[:-1]) + " and " + left_out[-1] if len(left_out) > 1 else left_out[0]
    return (
        f"> **Left out to fit {fit}:** {listed}. "
        "Run `drift check --format text` for the full report."
    )


def _render(
    report: DriftReport,
    context: ReportContext,
    *,
    with_fixes: bool,
    note: str | None = None,
    dropped: AbstractSet[int] = frozenset(),
    with_lists: bool = True,
) -> str:
    counts = report.summary
    target = f" {code_span(context.schema_file)}" if context.schema_file else " schema.prisma"
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
    if note:
        lines += [note, ""]
    for report_note in report.notes:
        lines += [f"> **Note:** {markdown_text(report_note)}", ""]
    indexed = list(enumerate(report.findings))
    for _, group in groupby(indexed, key=lambda item: group_key(item[1])):
        group = list(group)
        members = [finding for _, finding in group]
        shown = [finding for index, finding in group if index not in dropped]
        if not shown:
            continue
        lines.append("<details>")
        lines.append(f"<summary><code>{html_text(group_title(members[0]))}</code> — {_counts(members)}</summary>")
        lines.append("")
        for finding in shown:
            lines.extend(_finding_block(finding, context, with_fixes))
        if len(shown) < len(members):
            hidden = [finding for index, finding in group if index in dropped]
            lines.append(f"- {_counts(hidden)} more left out (see the note at the top)")
        lines.append("")
        lines.append("</details>")
        lines.append("")
    if with_lists and report.stale_baseline:
        lines += _collapsed("stale baseline entries", [f"- {code_span(identity)}" for identity in report.stale_baseline])
    if with_lists and report.unused_config:
        items = [f"- {markdown_text(entry, line_start=True)}" for entry in report.unused_config]
        lines += _collapsed("configuration entries matching nothing", items)
    return "\n".join(lines).rstrip("\n") + "\n"


def _collapsed(summary: str, items: list[str]) -> list[str]:
    """A collapsible list under its summary line."""
    return ["<details>", f"<summary>{summary}</summary>", "", *items, "", "</details>", ""]
