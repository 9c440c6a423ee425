"""Times without a precision keep microseconds in PostgreSQL: a bare TIMESTAMPTZ column is what `@db.Timestamptz(6)`
(which `prisma db pull` writes for it) asks for, and Prisma's own diff sees no change between them (checked with the
oracle's `diff` and `pull`, 2026-12-03). A precision that really differs is still a type mismatch. Real database."""

from __future__ import annotations

from pathlib import Path

from drift.diff.findings import FindingKind
from tests.diff.builders import check_against

BARE = """
CREATE TABLE "T" (
  "id" integer NOT NULL PRIMARY KEY,
  "h" TIMESTAMPTZ NOT NULL,
  "ts" TIMESTAMP NOT NULL,
  "i" TIME NOT NULL,
  "j" TIMETZ NOT NULL,
  "p" TIMESTAMPTZ(3) NOT NULL
);
"""
SCHEMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model T {
  id Int      @id
  h  DateTime @db.Timestamptz(6)
  ts DateTime @db.Timestamp(6)
  i  DateTime @db.Time(6)
  j  DateTime @db.Timetz(6)
  p  DateTime @db.Timestamptz(PRECISION)
}
"""


def findings(database, tmp_path: Path, precision: int) -> list[tuple[str, str | None]]:
    report = check_against(database, tmp_path, BARE, SCHEMA.replace("PRECISION", str(precision)))
    return [(finding.kind.value, finding.column) for finding in report.findings]


def test_six_digits_are_what_a_bare_time_type_keeps(database, tmp_path: Path) -> None:
    assert findings(database, tmp_path, 3) == []


def test_another_precision_is_still_a_type_mismatch(database, tmp_path: Path) -> None:
    assert findings(database, tmp_path, 6) == [(FindingKind.TYPE_MISMATCH.value, "p")]
