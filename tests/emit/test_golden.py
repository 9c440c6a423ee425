"""Every report format against a golden file per case (`tests/golden/<case>/report.<ext>`).

Regenerate with `DRIFT_UPDATE_GOLDEN=1 python -m pytest tests/emit` and review the diff."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drift.emit.context import ReportContext
from drift.emit.reports import ReportFormat, render_report
from drift.model.schema import ForeignKey
from tests.emit.sample_reports import CASES

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
EXTENSIONS = {
    ReportFormat.TEXT: "txt",
    ReportFormat.JSON: "json",
    ReportFormat.MARKDOWN: "md",
    ReportFormat.SARIF: "sarif",
    ReportFormat.GITHUB: "github.txt",
}
MODELS = {("public", "products"): "Product", ("public", "users"): "User", ("public", "orders"): "Order"}
FOREIGN_KEYS = {
    ("public", "subscriptions", "product_id"): ForeignKey(
        name="subscriptions_product_id_fkey",
        columns=("product_id",),
        referenced_schema="public",
        referenced_table="products",
        referenced_columns=("id",),
        on_delete="RESTRICT",
        on_update="CASCADE",
    )
}


def check_golden(path: Path, actual: str) -> None:
    if os.environ.get("DRIFT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run with DRIFT_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("report_format", list(ReportFormat), ids=lambda fmt: fmt.value)
@pytest.mark.parametrize("case", sorted(CASES))
def test_report_matches_golden(case: str, report_format: ReportFormat, tmp_path: Path) -> None:
    context = ReportContext(schema_file="schema.prisma", cwd=tmp_path, models=MODELS, foreign_keys=FOREIGN_KEYS)
    actual = render_report(CASES[case](), report_format, context)
    check_golden(GOLDEN / case / f"report.{EXTENSIONS[report_format]}", actual)


@pytest.mark.parametrize("report_format", list(ReportFormat), ids=lambda fmt: fmt.value)
def test_reports_are_deterministic(report_format: ReportFormat, tmp_path: Path) -> None:
    context = ReportContext(schema_file="schema.prisma", cwd=tmp_path)
    first = render_report(CASES["mixed"](), report_format, context)
    assert first == render_report(CASES["mixed"](), report_format, context)


def test_markdown_stays_within_a_pull_request_comment() -> None:
    from drift.emit.markdown import render_markdown

    report = CASES["mixed"]()
    context = ReportContext(schema_file="schema.prisma")
    full = render_markdown(report, context)
    without_fixes = render_markdown(report, context, limit=len(full) - 1)
    assert len(without_fixes) < len(full) and "fix SQL" not in without_fixes and "every fix" in without_fixes
    cut = render_markdown(report, context, limit=1500)
    assert len(cut) <= 1500
    assert "Left out to fit a pull-request comment" in cut
    assert cut.count("<details>") == cut.count("</details>")
