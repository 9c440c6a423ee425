"""The pull-request comment: names and messages show as they are (whatever Markdown or HTML they hold), and a report
too long for a comment keeps its errors and says what it leaves out."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from drift.diff.findings import DriftReport, Finding, FindingKind, Severity, sort_findings
from drift.emit.context import ReportContext
from drift.emit.markdown import code_span, markdown_text, render_markdown
from drift.model.schema import Column, Index, IndexColumn, PrismaOrigin
from tests.emit.sample_reports import mixed_report

# GitHub's Markdown is CommonMark with tables and strikethrough (markdown-it-py comes with rich).
_GITHUB_MARKDOWN = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _shown(markdown: str) -> str:
    """What a reader sees: the rendered HTML's text."""
    return html.unescape(re.sub(r"<[^>]+>", "", _GITHUB_MARKDOWN.render(markdown)))


def _markup(markdown: str) -> set[str]:
    return set(re.findall(r"<(\w+)", _GITHUB_MARKDOWN.render(markdown)))


TRICKY = [
    'Index "idx_*hot*" on "a*b*c" (tag) is only in the database.',
    'Column "a*b*c._tmp_" is only in the database.',
    'Index "x`y`z" and "``double``" are only in the database.',
    'Table "[docs](http://example.com)" and "<img src=x>" and "a|b" and "&amp;" and "~~gone~~" and "a~b~c".',
    "back\\slash \\* and __init__ and _lead and trail_ and **bold**",
]


def test_markdown_text_shows_exactly_the_text() -> None:
    for text in TRICKY:
        markdown = "- " + markdown_text(text)
        assert _shown(markdown).strip() == text, markdown
        assert _markup(markdown) <= {"ul", "li"}, markdown


def test_text_that_opens_a_line_starts_no_heading_list_or_quote() -> None:
    for text in ["# not a heading", "- not a list", "+ nor this", "1. nor this", "2) nor this", "> not a quote"]:
        markdown = "- " + markdown_text(text, line_start=True)
        assert _shown(markdown).strip() == text
        assert _markup(markdown) <= {"ul", "li"}, markdown


def test_prisma_attributes_are_code_so_github_mentions_nobody() -> None:
    # `@unique` outside code would notify the GitHub user "unique".
    markdown = markdown_text('schema.prisma has no @@index or @unique for "users_email_idx" (ask me@example.com).')
    assert "`@@index`" in markdown and "`@unique`" in markdown and "me@example.com" in markdown


def test_normal_names_are_not_escaped() -> None:
    text = 'Column "products"."is_active" is "character varying" (users_email_idx, schema.prisma:12).'
    assert markdown_text(text) == text


def test_code_spans_hold_backticks() -> None:
    for text in ["x`y`z", "`lead", "trail`", "``", " spaced ", "plain"]:
        rendered = _GITHUB_MARKDOWN.render(code_span(text))
        assert html.unescape(re.fullmatch(r"<p><code>(.*)</code></p>\n", rendered).group(1)) == text


def _finding(kind: FindingKind, severity: Severity, table: str, message: str, **fields) -> Finding:
    return Finding(kind=kind, severity=severity, schema_name="public", table=table, message=message, **fields)


def test_tricky_names_render_as_they_are_in_lists_and_summaries() -> None:
    findings = sort_findings([
        _finding(
            FindingKind.EXTRA_INDEX,
            Severity.WARNING,
            "a*b*c|<t>",
            message,
            object="idx_*hot*",
            prisma=PrismaOrigin(file="my `app`/schema.prisma", line=29, column=1, model="Star"),
        )
        for message in TRICKY
    ])
    report = DriftReport(findings=findings, unused_config=("# renames: x",), notes=("A note with *stars*.",))
    markdown = render_markdown(report, ReportContext(schema_file="my `app`/schema.prisma"))
    shown = _shown(markdown)
    for text in [*TRICKY, "# renames: x", "A note with *stars*.", "my `app`/schema.prisma:29"]:
        assert text in shown, text
    assert _markup(markdown) <= {"h2", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "code", "p",
                                 "ul", "li", "strong", "blockquote", "pre"}
    # <summary> is HTML, where Markdown is not read: HTML escapes only, no backslashes.
    assert "<summary><code>public.a*b*c|&lt;t&gt;</code> — 5 warnings</summary>" in markdown


def _many_findings(warnings: int, errors: int) -> DriftReport:
    """Warnings on tables that sort first (`a_...`), errors on tables after them (`z_...`)."""
    findings = []
    for number in range(warnings):
        findings.append(_finding(
            FindingKind.EXTRA_COLUMN,
            Severity.WARNING,
            f"a_table_{number:03}",
            f'Column "a_table_{number:03}"."legacy" is only in the database; schema.prisma has no field for it.',
            column="legacy",
            actual_object=Column(name="legacy", type="text", nullable=True, position=2),
        ))
    for number in range(errors):
        index = Index(name=f"z_table_{number:03}_idx", columns=(IndexColumn(column="tag"),))
        findings.append(_finding(
            FindingKind.MISSING_INDEX,
            Severity.ERROR,
            f"z_table_{number:03}",
            f'Index "z_table_{number:03}_idx" on "z_table_{number:03}" (tag) is only in schema.prisma.',
            object=index.name,
            expected_object=index,
            prisma=PrismaOrigin(file="schema.prisma", line=number + 1, column=3, model=f"Z{number}"),
        ))
    findings.append(_finding(FindingKind.UNMANAGED_OBJECT, Severity.INFO, "m_table", "A trigger, info only."))
    return DriftReport(findings=sort_findings(findings), stale_baseline=('{"kind":"extra_column"}',))


def test_a_long_report_keeps_its_errors_and_counts_what_it_leaves_out() -> None:
    report = _many_findings(warnings=150, errors=40)
    context = ReportContext(schema_file="schema.prisma")
    markdown = render_markdown(report, context, limit=12_000)
    assert len(markdown) <= 12_000
    assert markdown.count("🔴 **error**") == 40
    shown_warnings = markdown.count("🟠 **warning**")
    assert 0 < shown_warnings < 150
    assert "🔵 **info**" not in markdown
    # The first warnings of the report are kept, the last left out (each from the end).
    assert "a_table_000" in markdown and "a_table_149" not in markdown
    note = next(line for line in markdown.splitlines() if "Left out to fit" in line)
    assert f"{150 - shown_warnings} warnings, 1 info (of 191 findings)" in note
    assert "every fix" in note and "the lists the summary table counts" in note
    assert "fix SQL" not in markdown
    assert markdown.count("<details>") == markdown.count("</details>")


def test_errors_are_left_out_last_and_counted() -> None:
    report = _many_findings(warnings=50, errors=200)
    markdown = render_markdown(report, ReportContext(schema_file="schema.prisma"), limit=12_000)
    assert len(markdown) <= 12_000
    assert "🟠 **warning**" not in markdown and "🔵 **info**" not in markdown
    shown_errors = markdown.count("🔴 **error**")
    assert 0 < shown_errors < 200
    assert f"{200 - shown_errors} errors, 50 warnings, 1 info (of 251 findings)" in markdown


def test_leaving_out_only_the_fixes_says_so() -> None:
    report = mixed_report()
    context = ReportContext(schema_file="schema.prisma")
    full = render_markdown(report, context)
    without_fixes = render_markdown(report, context, limit=len(full) - 1)
    assert len(without_fixes) < len(full) and "fix SQL" not in without_fixes
    assert "> **Left out to fit a pull-request comment:** every fix." in without_fixes
    assert without_fixes.count("**error**") == full.count("**error**")


def test_a_table_partly_left_out_says_how_many_of_its_findings_are_missing() -> None:
    findings = [
        _finding(FindingKind.EXTRA_COLUMN, Severity.WARNING if number % 2 else Severity.ERROR, "t",
                 f'Column "t"."c{number}" is only in the database; ' + "x" * 200, column=f"c{number}")
        for number in range(40)
    ]
    report = DriftReport(findings=sort_findings(findings))
    markdown = render_markdown(report, ReportContext(schema_file="schema.prisma"), limit=8_000)
    assert markdown.count("**error**") == 20
    assert re.search(r"- \d+ warnings more left out", markdown)
