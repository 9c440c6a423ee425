"""`Unsupported("...")` fields against the database Prisma's own DDL creates (oracle `ddl`, 2026-12-03): the type
inside the quotes is the column's type, arrays and the catalog's quoted "char" included. Real database."""

from __future__ import annotations

from pathlib import Path

from tests.diff.builders import check_against

DDL = """
CREATE TABLE "U" (
    "id" INTEGER NOT NULL,
    "ranges" int4range[],
    "points" point[],
    "grid" text[][],
    "names" character varying(20)[],
    "flag" "char",
    "ids" _int4,
    CONSTRAINT "U_pkey" PRIMARY KEY ("id")
);
"""
SCHEMA = """datasource db {
  provider = "postgresql"
}

model U {
  id     Int                                  @id
  ranges Unsupported("int4range[]")?
  points Unsupported("point[]")?
  grid   Unsupported("text[][]")?
  names  Unsupported("character varying(20)[]")?
  flag   Unsupported("\\"char\\"")?
  ids    Unsupported("_int4")[]
}
"""


def test_unsupported_array_and_char_types_are_the_columns_types(database, tmp_path: Path) -> None:
    """Before: type_mismatch errors (`int4range[]` expected as `int4range`, `"char"` as `char`) whose SQL fix
    turned the array columns into scalars."""
    report = check_against(database, tmp_path, DDL, SCHEMA)
    assert [(finding.kind.value, finding.column, finding.expected, finding.actual) for finding in report.findings] == []
    # A real difference is still one: the element type.
    changed = SCHEMA.replace('Unsupported("int4range[]")', 'Unsupported("int8range[]")')
    report = check_against(database, tmp_path, 'DROP TABLE "U";' + DDL, changed)
    assert [(finding.kind.value, finding.column) for finding in report.findings] == [("type_mismatch", "ranges")]


STORED_DDL = """
CREATE TABLE "K" (
    "id" INTEGER NOT NULL,
    "u" UUID NOT NULL DEFAULT '123E4567-E89B-12D3-A456-426614174000',
    "ip" INET NOT NULL DEFAULT '192.168.1.5/32',
    "net" INET NOT NULL DEFAULT '10.0.0.5/8',
    "s" bigserial NOT NULL,
    CONSTRAINT "K_pkey" PRIMARY KEY ("id")
);
"""
STORED_SCHEMA = """datasource db {
  provider = "postgresql"
}

model K {
  id  Int                      @id
  u   String                   @default("123E4567-E89B-12D3-A456-426614174000") @db.Uuid
  ip  String                   @default("192.168.1.5/32") @db.Inet
  net String                   @default("10.0.0.5/8") @db.Inet
  s   Unsupported("bigserial")
}
"""


def test_literals_and_serial_types_are_expected_as_postgresql_stores_them(database, tmp_path: Path) -> None:
    """Prisma's own DDL (oracle `ddl`, 2026-12-03): PostgreSQL stores the uuid in lower case and the address without
    its /32, and a bigserial column has its sequence's default. They were three default_mismatch warnings, one with
    `DROP DEFAULT` as the fix (Prisma's own diff wants the same, and would drop the sequence: its bug)."""
    assert check_against(database, tmp_path, STORED_DDL, STORED_SCHEMA).findings == ()
    changed = STORED_SCHEMA.replace("426614174000", "426614174001").replace("10.0.0.5/8", "10.0.0.5/16")
    report = check_against(database, tmp_path, 'DROP TABLE "K";' + STORED_DDL, changed)
    assert sorted((finding.kind.value, finding.column) for finding in report.findings) == [
        ("default_mismatch", "net"),
        ("default_mismatch", "u"),
    ]
