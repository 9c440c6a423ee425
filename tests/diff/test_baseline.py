"""Baseline: accepted findings are suppressed, new ones are kept, entries that match nothing are stale."""

from __future__ import annotations

import json

import pytest

from drift.baseline import apply_baseline, load_baseline, render_baseline, write_baseline
from drift.diff.compare import compare_schemas
from drift.diff.findings import FindingKind
from drift.errors import BadInput
from drift.model.schema import PrismaOrigin
from tests.diff.builders import columns, schema, table


def expected():
    return schema(table("users", columns(("id", "uuid", False), ("email", "text", False), ("name", "text"))))


def drifted(*extra_columns):
    return schema(
        table("users", columns(("id", "uuid", False), ("email", "character varying(80)", False), *extra_columns))
    )


def test_baseline_round_trip_suppresses_accepted_findings(tmp_path):
    report = compare_schemas(expected(), drifted())
    assert {f.kind for f in report.findings} == {FindingKind.TYPE_MISMATCH, FindingKind.MISSING_COLUMN}
    path = tmp_path / "drift-baseline.json"
    write_baseline(report, path)
    data = json.loads(path.read_text())
    assert data["version"] == 1 and len(data["accepted"]) == 2
    assert data["accepted"][0]["schema"] == "public"

    applied = apply_baseline(compare_schemas(expected(), drifted()), load_baseline(path))
    assert applied.findings == ()
    assert applied.suppressed == 2
    assert applied.stale_baseline == ()


def test_new_drift_is_kept_and_fixed_drift_is_stale(tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(compare_schemas(expected(), drifted()), path)
    # The type was fixed, and an unknown column appeared.
    now = schema(table("users", columns(("id", "uuid", False), ("email", "text", False), ("nickname", "text"))))
    applied = apply_baseline(compare_schemas(expected(), now), load_baseline(path))
    kinds = [(f.kind, f.column) for f in applied.findings]
    # "name" missing is still accepted; "nickname" is new (the weak candidate mention does not change identity).
    assert (FindingKind.EXTRA_COLUMN, "nickname") in kinds
    assert (FindingKind.MISSING_COLUMN, "name") not in kinds
    assert len(applied.stale_baseline) == 1
    assert "character varying(80)" in applied.stale_baseline[0]


def test_a_value_that_drifted_further_is_new_drift(tmp_path):
    path = tmp_path / "baseline.json"
    write_baseline(compare_schemas(expected(), drifted()), path)
    further = schema(table("users", columns(("id", "uuid", False), ("email", "character varying(40)", False))))
    applied = apply_baseline(compare_schemas(expected(), further), load_baseline(path))
    assert [f.kind for f in applied.findings] == [FindingKind.TYPE_MISMATCH]


def test_identity_does_not_depend_on_lines():
    moved = expected().model_copy(
        update={"tables": (expected().tables[0].model_copy(update={"origin": PrismaOrigin(file="s.prisma", line=99)}),)}
    )
    first = compare_schemas(expected(), drifted())
    second = compare_schemas(moved, drifted())
    assert [f.identity for f in first.findings] == [f.identity for f in second.findings]
    assert render_baseline(first) == render_baseline(second)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("{", "not valid JSON"),
        ('{"version": 7}', "not a drift baseline"),
        ('{"version": 1, "accepted": [{"kind": "nope"}]}', "accepted.0"),
    ],
)
def test_bad_baseline_is_bad_input(tmp_path, text, needle):
    path = tmp_path / "baseline.json"
    path.write_text(text)
    with pytest.raises(BadInput, match=needle):
        load_baseline(path)
