"""The text report: plain unless asked for colour, grouped by table, with file:line and the summary line."""

from __future__ import annotations

from drift.diff.findings import DriftReport, Finding, FindingKind, Severity
from drift.emit.context import ReportContext
from drift.emit.text import render_text, summary_line
from tests.emit.sample_reports import clean_report, mixed_report, origin


def test_plain_text_has_no_escape_sequences() -> None:
    assert "\x1b[" not in render_text(mixed_report(), ReportContext(schema_file="schema.prisma"), color=False)


def test_colour_is_used_only_when_asked() -> None:
    assert "\x1b[" in render_text(mixed_report(), ReportContext(schema_file="schema.prisma"), color=True)


def test_each_table_is_one_group_in_report_order() -> None:
    text = render_text(mixed_report(), ReportContext(schema_file="schema.prisma"))
    headers = [line.split("  ")[0] for line in text.splitlines() if line.startswith("public")]
    assert headers == [
        "public (schema level)",
        "public.audit log",
        "public.orders",
        "public.products",
        "public.subscriptions",
        "public.users",
    ]


def test_findings_point_at_their_schema_line() -> None:
    text = render_text(mixed_report(), ReportContext(schema_file="schema.prisma"))
    assert "rename_candidate            schema.prisma:14" in text
    assert "missing_index               schema.prisma:70" in text


def test_every_kind_is_apart_from_its_place_and_places_line_up() -> None:
    """The longest kinds (constraint_name_mismatch, enum_value_rename_candidate) once ran into `schema.prisma:LINE`."""
    findings = tuple(
        Finding(kind=kind, severity=Severity.WARNING, schema_name="public", table="t", message="m",
                prisma=origin(number + 1, "T"))
        for number, kind in enumerate(FindingKind)
    )
    text = render_text(DriftReport(findings=findings), ReportContext(schema_file="schema.prisma"))
    heads = [line for line in text.splitlines() if line.startswith("  warning ")]
    assert len(heads) == len(FindingKind)
    assert {line.index("schema.prisma:") for line in heads} == {len("  warning ") + max(map(len, FindingKind)) + 1}
    for line in heads:
        assert line.split()[1] in {kind.value for kind in FindingKind}


def test_summary_line_counts_by_severity() -> None:
    assert summary_line(mixed_report()) == "6 errors, 3 warnings, 1 info"
    assert render_text(clean_report(), ReportContext()).splitlines()[-1] == "0 errors, 0 warnings, 0 info"


def test_in_a_terminal_each_place_links_to_its_file(tmp_path) -> None:
    """OSC 8 hyperlinks (terminals that know them make `schema.prisma:LINE` clickable); plain text has none."""
    context = ReportContext(schema_file="schema.prisma", cwd=tmp_path)
    coloured = render_text(mixed_report(), context, color=True)
    assert "\x1b]8;id=" in coloured and (tmp_path / "schema.prisma").as_uri() in coloured
    assert "\x1b]8" not in render_text(mixed_report(), context)
