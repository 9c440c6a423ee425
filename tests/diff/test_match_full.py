"""MATCH FULL on a foreign key: Prisma's keys are MATCH SIMPLE and its engine does not read the match type (its diff
is empty, db pull writes the same relation). Of a key of several columns it changes which rows are refused (a row
whose key columns are partly NULL), so it is a note; of a one-column key it changes nothing and goes unsaid."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.diff.compare import compare_schemas
from drift.diff.findings import FindingKind
from drift.postgres.introspect import introspect_database
from drift.prisma import load_expected_schema

SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Plan {
  tenant String
  code   String
  orders Order[]

  @@id([tenant, code])
}

model Order {
  id       Int     @id
  tenant   String?
  planCode String?
  plan     Plan?   @relation(fields: [tenant, planCode], references: [tenant, code])
  parentId Int?
  parent   Order?  @relation("tree", fields: [parentId], references: [id])
  children Order[] @relation("tree")
}
"""

# What Prisma's engine creates for SCHEMA (`oracle ddl`).
PRISMA_SQL = """
CREATE TABLE "Plan" ("tenant" TEXT NOT NULL, "code" TEXT NOT NULL, CONSTRAINT "Plan_pkey" PRIMARY KEY ("tenant","code"));
CREATE TABLE "Order" (
  "id" INTEGER NOT NULL, "tenant" TEXT, "planCode" TEXT, "parentId" INTEGER, CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "Order" ADD CONSTRAINT "Order_tenant_planCode_fkey" FOREIGN KEY ("tenant", "planCode")
  REFERENCES "Plan"("tenant", "code") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Order" ADD CONSTRAINT "Order_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Order"("id")
  ON DELETE SET NULL ON UPDATE CASCADE;
"""

READD_KEY = (
    'ALTER TABLE "Order" DROP CONSTRAINT "Order_tenant_planCode_fkey";'
    'ALTER TABLE "Order" ADD CONSTRAINT "Order_tenant_planCode_fkey" FOREIGN KEY ("tenant", "planCode")'
    ' REFERENCES "Plan"("tenant", "code") MATCH FULL ON DELETE SET NULL ON UPDATE CASCADE{more};'
)


def findings(database, tmp_path: Path, mutation: str) -> list:
    path = tmp_path / "schema.prisma"
    path.write_text(SCHEMA)
    database.load(PRISMA_SQL, "<prisma>")
    expected = load_expected_schema(path)
    if mutation:
        database.load(mutation, "<mutation>")
    actual = introspect_database(database.conninfo, expected.schemas)
    return list(compare_schemas(expected.database, actual).findings)


def test_prismas_own_key_is_match_simple_and_checks_clean(database, tmp_path: Path) -> None:
    assert findings(database, tmp_path, "") == []


@pytest.mark.parametrize("more", ["", " NOT VALID"])
def test_match_full_on_a_key_of_two_columns_is_a_note(database, tmp_path: Path, more: str) -> None:
    found = findings(database, tmp_path, READD_KEY.format(more=more))
    notes = [finding for finding in found if finding.actual == {"match_full": True}]
    assert [(f.kind, f.severity.value, f.object) for f in notes] == [
        (FindingKind.UNMANAGED_OBJECT, "info", "Order_tenant_planCode_fkey")
    ]
    assert "MATCH FULL (a row whose key columns are partly NULL is refused" in notes[0].message
    # NOT VALID is its own finding, as always; nothing else.
    others = [finding.kind for finding in found if finding not in notes]
    assert others == ([FindingKind.UNVALIDATED_FOREIGN_KEY] if more else [])


def test_match_full_on_a_key_of_one_column_goes_unsaid(database, tmp_path: Path) -> None:
    mutation = (
        'ALTER TABLE "Order" DROP CONSTRAINT "Order_parentId_fkey";'
        'ALTER TABLE "Order" ADD CONSTRAINT "Order_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Order"("id")'
        " MATCH FULL ON DELETE SET NULL ON UPDATE CASCADE;"
    )
    assert findings(database, tmp_path, mutation) == []
    with database.connect() as connection:
        assert connection.execute("SELECT confmatchtype FROM pg_constraint WHERE conname = 'Order_parentId_fkey'").fetchone() == ("f",)
