"""Index predicates: a condition as written in schema.prisma and as PostgreSQL prints it back have the same key;
different conditions do not."""

from __future__ import annotations

import pytest

from drift.model.predicates import predicate_key, rename_predicate_columns

# (as written, as `pg_get_expr(indpred, indrelid, true)` printed it on PostgreSQL 18 for the table below)
SAME_CONDITION = [
    ("b > 0 AND c IS NOT NULL", "b > 0 AND c IS NOT NULL"),
    ("(b > 0) AND (c IS NOT NULL)", "b > 0 AND c IS NOT NULL"),
    ("b > 0 OR c IS NULL AND s = 'x'", "b > 0 OR c IS NULL AND s = 'x'::text"),
    ("c is not null", "c IS NOT NULL"),
    ('"c" IS NOT NULL', "c IS NOT NULL"),
    ('"camelCol" > 1', '"camelCol" > 1'),
    ("s != 'x'", "s <> 'x'::text"),
    ("b>0", "b > 0"),
    ("B > 0", "b > 0"),
    ("((b > 0))", "b > 0"),
    ("b > 00", "b > 0"),
    ("s IN ('x', 'y')", "s = ANY (ARRAY['x'::text, 'y'::text])"),
    ("s NOT IN ('x', 'y')", "s <> ALL (ARRAY['x'::text, 'y'::text])"),
    ("s IN ('x')", "s = 'x'::text"),
    ("b IN (1, 2, 3)", "b = ANY (ARRAY[1, 2, 3])"),
    ("b BETWEEN 1 AND 2", "b >= 1 AND b <= 2"),
    ("b NOT BETWEEN 1 AND 2", "b < 1 OR b > 2"),
    ("c IS NULL AND b NOT BETWEEN 1 AND 2", "c IS NULL AND (b < 1 OR b > 2)"),
    ("s LIKE 'a%'", "s ~~ 'a%'::text"),
    ("s NOT ILIKE 'a%'", "s !~~* 'a%'::text"),
    ("b + c * 2 > 3", "(b + c * 2) > 3"),
    ("(b + c) * 2 > 3", "((b + c) * 2) > 3"),
    ("j ->> 'k' = 'v'", "(j ->> 'k'::text) = 'v'::text"),
    ("b > -1", "b > '-1'::integer"),
    ("b % 2 = 0", "(b % 2) = 0"),
    ("s = 'it''s'", "s = 'it''s'::text"),
    ("active", "active"),
    ("NOT (c IS NULL)", "NOT c IS NULL"),
    ("coalesce(b, 0) > 1", "COALESCE(b, 0) > 1"),
    ("x = 1.5", "x = 1.5::double precision"),
    ('"x" = 1.5 AND "active" != true', "x = 1.5::double precision AND active <> true"),
    ("st = 'A'", "st = 'A'::\"Status\""),
    ("s IS NOT NULL AND (b > 1 OR b < -1)", "s IS NOT NULL AND (b > 1 OR b < '-1'::integer)"),
    # Dates and times, as PostgreSQL prints them back (the session in UTC, as the introspector's).
    ("ts > '2020-01-01'", "ts > '2020-01-01 00:00:00'::timestamp without time zone"),
    ("ts >= '2020-01-01T10:00:00.50'", "ts >= '2020-01-01 10:00:00.5'::timestamp without time zone"),
    ("tz > '2020-01-01'", "tz > '2020-01-01 00:00:00+00'::timestamp with time zone"),
    ("tz > '2020-01-01T00:00:00Z'", "tz > '2020-01-01 00:00:00+00'::timestamp with time zone"),
    ("d > '2020-1-1'", "d > '2020-01-01'::date"),
    ("tm < '10:00'", "tm < '10:00:00'::time without time zone"),
    ("s > '2020-01-01'", "s > '2020-01-01'::text"),
    # Columns named like keywords.
    ('"and" > 0 AND "or" IS NULL', '"and" > 0 AND "or" IS NULL'),
    ('"not" IN (1, 2)', '"not" = ANY (ARRAY[1, 2])'),
    ('"between" BETWEEN 1 AND 2', '"between" >= 1 AND "between" <= 2'),
]

DIFFERENT_CONDITION = [
    ("(b > 0 OR c IS NULL) AND s = 'x'", "b > 0 OR c IS NULL AND s = 'x'::text"),
    ("b > 1", "b > 0"),
    ("(b + c) * 2 > 3", "b + c * 2 > 3"),
    ("NOT b > 0 AND c IS NULL", "NOT (b > 0 AND c IS NULL)"),
    ("s = 'x'", "s = 'X'"),
    ("s IS NULL", "s IS NOT NULL"),
    ('"Camel" > 1', "camel > 1"),
    ("ts > '2020-01-02'", "ts > '2020-01-01 00:00:00'::timestamp without time zone"),
    ("tz > '2020-01-01 00:00:00+02'", "tz > '2020-01-01 00:00:00+00'::timestamp with time zone"),
    ("tm < '10:00:01'", "tm < '10:00:00'::time without time zone"),
    ('"and" > 0', "b > 0 AND c > 0"),
]


@pytest.mark.parametrize(("written", "printed"), SAME_CONDITION)
def test_a_condition_and_its_printed_form_have_one_key(written: str, printed: str) -> None:
    assert predicate_key(written) == predicate_key(printed)


@pytest.mark.parametrize(("left", "right"), DIFFERENT_CONDITION)
def test_different_conditions_have_different_keys(left: str, right: str) -> None:
    assert predicate_key(left) != predicate_key(right)


def test_no_predicate_has_no_key() -> None:
    assert predicate_key(None) is None


def test_postgresql_prints_each_condition_the_way_its_key_expects(database) -> None:
    """The printed forms above are what PostgreSQL really prints: create each index, read its predicate back."""
    with database.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute(
            """CREATE TYPE "Status" AS ENUM ('A', 'B');
               CREATE TABLE t (b int, c int, s text, active boolean, j jsonb, x double precision, st "Status",
                               "camelCol" int, ts timestamp, tz timestamptz, d date, tm time, "and" int, "or" int,
                               "not" int, "between" int)"""
        )
        for number, (written, printed) in enumerate(SAME_CONDITION):
            connection.execute(f"CREATE INDEX i{number} ON t (b) WHERE {written}")
            (stored,) = connection.execute(
                "SELECT pg_get_expr(indpred, indrelid, true) FROM pg_index WHERE indexrelid = %s::regclass",
                (f"i{number}",),
            ).fetchone()
            assert stored == printed, written
            assert predicate_key(written) == predicate_key(stored)


def test_renaming_columns_rewrites_whole_names_only() -> None:
    renamed = rename_predicate_columns(
        "\"documentId\" IS NOT NULL AND status = 'status' AND status_old > 0",
        {"documentId": "document_id", "status": "state"},
    )
    assert renamed == "\"document_id\" IS NOT NULL AND \"state\" = 'status' AND status_old > 0"
    assert rename_predicate_columns('"and" > 0 AND b > 0', {"and": "also"}) == '"also" > 0 AND b > 0'
    assert rename_predicate_columns("b > 0", {"c": "d"}) == "b > 0"
