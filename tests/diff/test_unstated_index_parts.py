"""Index parts schema.prisma does not state and Prisma's engine leaves alone, as `prisma db pull` writes them and
`prisma migrate diff` judges them (checked with the oracle, 2026-12-03): a B-tree key's operator class
(`varchar_pattern_ops`; db pull leaves it out and the diff is empty) and INCLUDE columns (db pull lists them as more
keys; the diff is empty). Those are info findings; what Prisma would change stays an index_mismatch. Real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diff.builders import check_against

TABLE = """
CREATE TABLE "A" ("id" integer PRIMARY KEY, "slug" varchar(100) NOT NULL, "x" integer NOT NULL, "y" integer NOT NULL,
                  "doc" jsonb NOT NULL);
CREATE INDEX "A_slug_idx" ON "A" ("slug" varchar_pattern_ops);
CREATE INDEX "A_x_idx" ON "A" ("x") INCLUDE ("y");
CREATE INDEX "A_doc_idx" ON "A" USING gin ("doc" jsonb_path_ops);
"""
SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model A {
  id   Int    @id
  slug String @db.VarChar(100)
  x    Int
  y    Int
  doc  Json

  @@index([slug], map: "A_slug_idx")
  @@index(X_KEYS, map: "A_x_idx")
  @@index([doc(ops: JsonbPathOps)], type: Gin)
}
"""


def findings(database, tmp_path: Path, schema: str) -> list[tuple[str, str, str | None]]:
    report = check_against(database, tmp_path, TABLE, schema)
    return sorted((finding.kind.value, finding.severity.value, finding.object) for finding in report.findings)


def test_what_db_pull_writes_is_info_only(database, tmp_path: Path) -> None:
    assert findings(database, tmp_path, SCHEMA.replace("X_KEYS", "[x, y]")) == [
        ("unmanaged_object", "info", "A_slug_idx"),
        ("unmanaged_object", "info", "A_x_idx"),
    ]


@pytest.mark.parametrize(
    ("change", "index"),
    [
        (("X_KEYS", "[x]"), "A_x_idx"),  # Prisma would rebuild it without the INCLUDE column
        (("X_KEYS", "[x, y(sort: Desc)]"), "A_x_idx"),  # not what the INCLUDE column is
        (("doc(ops: JsonbPathOps)", "doc"), "A_doc_idx"),  # a GIN operator class Prisma reads and would change
    ],
)
def test_what_prisma_would_change_is_still_an_index_mismatch(database, tmp_path: Path, change, index) -> None:
    schema = SCHEMA.replace(*change).replace("X_KEYS", "[x, y]")
    assert ("index_mismatch", "error", index) in findings(database, tmp_path, schema)


@pytest.mark.parametrize(
    "change",
    [
        ('map: "A_slug_idx"', 'map: "A_slug_key_idx"'),  # its key's operator class is unstated
        ('"A_x_idx"', '"A_x_y_idx"'),  # its INCLUDE column is written as a key
    ],
)
def test_an_index_renamed_in_schema_prisma_is_one_rename(database, tmp_path: Path, change) -> None:
    # Prisma's diff renames it (ALTER INDEX ... RENAME TO), whatever it cannot state about it.
    schema = SCHEMA.replace(*change).replace("X_KEYS", "[x, y]")
    kinds = [(kind, severity) for kind, severity, _ in findings(database, tmp_path, schema)]
    assert kinds == [("index_name_mismatch", "warning"), ("unmanaged_object", "info"), ("unmanaged_object", "info")]
