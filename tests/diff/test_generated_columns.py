"""A generated column in the database: Prisma reads its expression as the column's default (`prisma db pull` writes
`@default(0)` for GENERATED ALWAYS AS (0) STORED, and `prisma migrate diff` of that schema against the database is
empty: checked with the oracle, 2026-12-03). drift says the column is generated (info) and sees no default drift
when schema.prisma's default is that expression; another default is still a default_mismatch. Real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diff.builders import check_against, kinds_and_severities

TABLE = 'CREATE TABLE "Invoice" ("id" integer PRIMARY KEY, "total" numeric(12,2) GENERATED ALWAYS AS (0) STORED);'
SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Invoice {
  id    Int      @id
  total Decimal? DEFAULT @db.Decimal(12, 2)
}
"""


@pytest.mark.parametrize(
    ("default", "kinds"),
    [
        ("@default(0)", [("unmanaged_object", "info")]),  # what db pull writes
        ("", [("unmanaged_object", "info")]),  # no default stated: nothing to compare
        ("@default(1)", [("default_mismatch", "warning"), ("unmanaged_object", "info")]),
    ],
)
def test_a_generated_columns_expression_is_its_default_for_prisma(database, tmp_path: Path, default, kinds) -> None:
    report = check_against(database, tmp_path, TABLE, SCHEMA.replace("DEFAULT", default))
    assert kinds_and_severities(report) == kinds
