"""The type-change fix says what PostgreSQL really does: checked on a real server, not only by the rules.

For each change: a table with a value that fits the old type, the fix's ALTER statement, then whether the table
was rewritten (its relfilenode changes), whether the statement failed, and whether the value changed.
"""

from __future__ import annotations

import psycopg
import pytest

from drift.diff.findings import Finding, FindingKind, Severity
from drift.emit.fixes import suggest_fix
from drift.emit.type_change import Cost, classify
from drift.model.schema import Column

# (old type, new type, a value of the old type, what the fix claims)
CASES = [
    ("character varying(10)", "character varying(20)", "'abcdefghij'", Cost.CATALOG_ONLY),
    ("character varying(10)", "text", "'abcdefghij'", Cost.CATALOG_ONLY),
    ("character varying(10)", "character varying", "'abcdefghij'", Cost.CATALOG_ONLY),
    ("character varying(10)", "character varying(3)", "'abcdefghij'", Cost.MAY_FAIL),
    ("text", "character varying(3)", "'abcdefghij'", Cost.MAY_FAIL),
    ("numeric(10,2)", "numeric(12,2)", "12345678.91", Cost.CATALOG_ONLY),
    ("numeric(10,2)", "numeric", "12345678.91", Cost.CATALOG_ONLY),
    ("numeric(10,4)", "numeric(10,2)", "1.2345", Cost.LOSSY),
    ("numeric(10,2)", "numeric(12,4)", "12345678.91", Cost.REWRITE),
    ("numeric(10,2)", "numeric(6,2)", "12345678.91", Cost.MAY_FAIL),
    ("integer", "bigint", "2147483647", Cost.REWRITE),
    ("bigint", "integer", "9000000000", Cost.MAY_FAIL),
    ("integer", "numeric(6,2)", "2147483647", Cost.MAY_FAIL),
    ("double precision", "real", "1.23456789012345", Cost.LOSSY),
    ("double precision", "numeric", "1.5", Cost.REWRITE),
    ("double precision", "numeric(10,2)", "1.555", Cost.LOSSY),
    ("numeric", "integer", "1.5", Cost.LOSSY),
    ("timestamp(3) without time zone", "timestamp(6) without time zone", "'2026-01-01 10:00:00.1'", Cost.CATALOG_ONLY),
    ("timestamp(6) without time zone", "timestamp(3) without time zone", "'2026-01-01 10:00:00.123456'", Cost.LOSSY),
    ("timestamp(3) without time zone", "timestamp(3) with time zone", "'2026-01-01 10:00:00.123'", Cost.REWRITE),
    ("text", "integer", "'twelve'", Cost.MAY_FAIL),
    ("text", "uuid", "'not a uuid'", Cost.MAY_FAIL),
    ("character(3)", "character varying(5)", "'ab'", Cost.REWRITE),
]


@pytest.mark.parametrize(("old", "new", "value", "claimed"), CASES, ids=[f"{o}->{n}" for o, n, _, _ in CASES])
def test_the_claim_matches_the_server(database, old, new, value, claimed):
    assert classify(old, new).cost is claimed
    fix = type_fix(Column(name="c", type=new, position=1), Column(name="c", type=old, position=1))
    statement = fix.sql
    assert fix.destructive == (claimed is Cost.LOSSY)
    with psycopg.connect(database.conninfo, autocommit=True) as connection:
        connection.execute(f"CREATE TABLE t (c {old})")
        connection.execute(f"INSERT INTO t VALUES ({value})")
        before_file, before_value = _state(connection)
        failed = False
        try:
            connection.execute(statement)
        except psycopg.Error:
            failed = True
        after_file, after_value = _state(connection)
    rewritten = after_file != before_file
    changed = after_value != before_value
    if claimed is Cost.CATALOG_ONLY:
        assert (rewritten, failed, changed) == (False, False, False)
    elif claimed is Cost.REWRITE:
        assert rewritten and not failed
    elif claimed is Cost.MAY_FAIL:
        # The value chosen does not fit: the statement must fail and leave the value as it was (no silent change).
        assert failed and not changed
    else:
        assert rewritten and not failed and changed
    if not failed:  # run again, the fix changes nothing (ALTER TYPE would rebuild even to the same type)
        with psycopg.connect(database.conninfo, autocommit=True) as connection:
            connection.execute(statement)
            assert _state(connection) == (after_file, after_value)


def type_fix(expected: Column, actual: Column):
    finding = Finding(
        kind=FindingKind.TYPE_MISMATCH, severity=Severity.ERROR, schema_name="public", table="t", column="c",
        message="m.", expected_object=expected, actual_object=actual,
    )
    return suggest_fix(finding)


def _state(connection) -> tuple[int, str]:
    file = connection.execute("SELECT relfilenode FROM pg_class WHERE relname = 't'").fetchone()[0]
    text = connection.execute("SELECT c::text FROM t").fetchone()[0]
    return file, text


def test_an_explicit_cast_only_where_there_is_no_assignment_cast():
    assert classify("text", "integer").explicit_cast
    assert not classify("text", "character varying(3)").explicit_cast
    statement = type_fix(Column(name="c", type="character varying(3)", position=1),
                         Column(name="c", type="text", position=1)).sql
    assert "USING" not in statement  # `USING c::varchar(3)` would truncate silently
