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
