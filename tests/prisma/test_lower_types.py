"""Every Prisma scalar type and every PostgreSQL `@db.*` native type -> the normalised type drift expects.

Each row: the Prisma type, the native type attribute (or None), the DDL Prisma writes for it (copied from
`fixtures/conventions/{scalar_types,native_types}/prisma.sql`, made with the oracle), and the type as
`format_type` reports it. The table is checked three ways: against our lowering table, against Prisma's SQL in the
fixtures, and against real PostgreSQL by creating every column from Prisma's DDL and introspecting it.
"""

from __future__ import annotations

import pytest

from drift.model.names import quote_identifier
from drift.model.normalize import normalize_type
from drift.postgres.introspect import introspect_database
from drift.prisma.native_types import NATIVE_TYPES, SCALAR_TYPES, native_type_spelling
from tests.conftest import FIXTURES

TYPES: list[tuple[str, str | None, tuple[int, ...], str, str]] = [
    # Prisma scalar, @db.<native>, native args, Prisma's DDL, normalised type
    ("String", None, (), "TEXT", "text"),
    ("Boolean", None, (), "BOOLEAN", "boolean"),
    ("Int", None, (), "INTEGER", "integer"),
    ("BigInt", None, (), "BIGINT", "bigint"),
    ("Float", None, (), "DOUBLE PRECISION", "double precision"),
    ("Decimal", None, (), "DECIMAL(65,30)", "numeric(65,30)"),
    ("DateTime", None, (), "TIMESTAMP(3)", "timestamp(3) without time zone"),
    ("Json", None, (), "JSONB", "jsonb"),
    ("Bytes", None, (), "BYTEA", "bytea"),
    ("String", "Text", (), "TEXT", "text"),
    ("String", "Char", (10,), "CHAR(10)", "character(10)"),
    ("String", "Char", (), "CHAR", "character(1)"),
    ("String", "VarChar", (120,), "VARCHAR(120)", "character varying(120)"),
    ("String", "VarChar", (), "VARCHAR", "character varying"),
    ("String", "Bit", (4,), "BIT(4)", "bit(4)"),
    ("String", "Bit", (), "BIT", "bit(1)"),
    ("String", "VarBit", (8,), "VARBIT(8)", "bit varying(8)"),
    ("String", "VarBit", (), "VARBIT", "bit varying"),
    ("String", "Uuid", (), "UUID", "uuid"),
    ("String", "Xml", (), "XML", "xml"),
    ("String", "Inet", (), "INET", "inet"),
    ("String", "Citext", (), "CITEXT", "citext"),
    ("Boolean", "Boolean", (), "BOOLEAN", "boolean"),
    ("Int", "Integer", (), "INTEGER", "integer"),
    ("Int", "SmallInt", (), "SMALLINT", "smallint"),
    ("Int", "Oid", (), "OID", "oid"),
    ("BigInt", "BigInt", (), "BIGINT", "bigint"),
    ("Float", "DoublePrecision", (), "DOUBLE PRECISION", "double precision"),
    ("Float", "Real", (), "REAL", "real"),
    ("Decimal", "Decimal", (10, 2), "DECIMAL(10,2)", "numeric(10,2)"),
    ("Decimal", "Decimal", (), "DECIMAL", "numeric"),
    ("Decimal", "Money", (), "MONEY", "money"),
    ("DateTime", "Timestamp", (6,), "TIMESTAMP(6)", "timestamp(6) without time zone"),
    ("DateTime", "Timestamp", (), "TIMESTAMP", "timestamp without time zone"),
    ("DateTime", "Timestamp", (0,), "TIMESTAMP(0)", "timestamp(0) without time zone"),
    ("DateTime", "Timestamptz", (6,), "TIMESTAMPTZ(6)", "timestamp(6) with time zone"),
    ("DateTime", "Timestamptz", (), "TIMESTAMPTZ", "timestamp with time zone"),
    ("DateTime", "Date", (), "DATE", "date"),
    ("DateTime", "Time", (6,), "TIME(6)", "time(6) without time zone"),
    ("DateTime", "Time", (), "TIME", "time without time zone"),
    ("DateTime", "Timetz", (2,), "TIMETZ(2)", "time(2) with time zone"),
    ("DateTime", "Timetz", (), "TIMETZ", "time with time zone"),
    ("Json", "Json", (), "JSON", "json"),
    ("Json", "JsonB", (), "JSONB", "jsonb"),
    ("Bytes", "ByteA", (), "BYTEA", "bytea"),
]


def _id(row) -> str:
    scalar, native, args, _, _ = row
    return f"{scalar}@db.{native}{args if args else ''}" if native else scalar


@pytest.mark.parametrize("row", TYPES, ids=_id)
def test_type_table_row(row) -> None:
    scalar, native, args, ddl, expected = row
    lowered = SCALAR_TYPES[scalar] if native is None else native_type_spelling(native, args)
    assert lowered == expected
    assert normalize_type(lowered) == expected
    # Both sides agree by construction: the introspector normalises what PostgreSQL reports, and Prisma's DDL
    # spelling normalises to the same text.
    assert normalize_type(ddl) == expected
    if native is not None:
        assert scalar in NATIVE_TYPES[native].scalars


def test_table_covers_every_scalar_and_native_type() -> None:
    assert {row[0] for row in TYPES if row[1] is None} == set(SCALAR_TYPES)
    assert {row[1] for row in TYPES if row[1] is not None} == set(NATIVE_TYPES)


def test_ddl_spellings_are_prismas() -> None:
    prisma_sql = "".join(
        (FIXTURES / "conventions" / case / "prisma.sql").read_text() for case in ("scalar_types", "native_types")
    )
    for row in TYPES:
        assert f" {row[3]} NOT NULL" in prisma_sql, row


def test_unknown_native_type_has_no_spelling() -> None:
    assert native_type_spelling("Int4", ()) is None


def test_every_type_against_real_postgresql(database) -> None:
    columns = ", ".join(f"{quote_identifier(f'c{number}')} {row[3]} NOT NULL" for number, row in enumerate(TYPES))
    database.load("CREATE EXTENSION IF NOT EXISTS citext;\n" f"CREATE TABLE types ({columns});")
    table = introspect_database(database.conninfo, ("public",)).table("types")
    reported = {column.name: column.type for column in table.columns}
    assert reported == {f"c{number}": row[4] for number, row in enumerate(TYPES)}
