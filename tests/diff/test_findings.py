"""The findings interface: severity order, fail_on filtering, identities, JSON round trip, deterministic order."""

from __future__ import annotations

from drift.diff.compare import compare_schemas
from drift.diff.findings import DriftReport, Finding, FindingKind, Severity, sort_findings
from tests.diff.test_renames import seed_actual, seed_expected


def finding(kind: str, severity: str, table: str = "t", column: str | None = None) -> Finding:
    return Finding(kind=kind, severity=severity, schema_name="public", table=table, column=column, message="x.")


def test_severity_order_and_fail_on():
    assert Severity.ERROR.at_least("warning") and Severity.WARNING.at_least(Severity.WARNING)
    assert not Severity.INFO.at_least("warning")
    report = DriftReport(findings=(finding("extra_index", "warning"), finding("unmanaged_object", "info")))
    assert not report.has_failures("error")
    assert [f.kind for f in report.failing("warning")] == [FindingKind.EXTRA_INDEX]
    assert len(report.failing("info")) == 2
    assert report.summary == {"error": 0, "warning": 1, "info": 1}


def test_sorting_is_by_schema_table_kind_order_then_names():
    unsorted = [
        finding("extra_column", "warning", "b", "z"),
        finding("missing_column", "error", "b", "y"),
        finding("missing_table", "error", "a"),
        finding("extra_column", "warning", "b", "a"),
    ]
    ordered = sort_findings(unsorted)
    assert [(f.table, f.kind.value, f.column) for f in ordered] == [
        ("a", "missing_table", None),
        ("b", "missing_column", "y"),
        ("b", "extra_column", "a"),
        ("b", "extra_column", "z"),
    ]
    assert sort_findings(list(reversed(unsorted))) == ordered


def test_report_round_trips_through_json_with_model_objects():
    report = compare_schemas(seed_expected(), seed_actual())
    text = report.model_dump_json(by_alias=True)
    assert '"from":"valid_to"' in text
    assert DriftReport.model_validate_json(text) == report


def test_path_and_identity():
    item = finding("type_mismatch", "error", "users", "email").model_copy(
        update={"expected": "text", "actual": "citext"}
    )
    assert item.path == "public.users.email"
    assert '"kind":"type_mismatch"' in item.identity and '"actual":"citext"' in item.identity
    moved = item.model_copy(update={"message": "Another wording.", "severity": Severity.INFO})
    assert moved.identity == item.identity
