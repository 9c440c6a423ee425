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


# Prisma's own DDL for time-of-day defaults (oracle `ddl`, 2026-12-03): a DateTime literal on a time / timetz column
# is written whole, and PostgreSQL keeps the time of day (the date ignored, the offset for timetz only).
TIME_DEFAULTS_DDL = """
CREATE TABLE "Shift" (
    "id" INTEGER NOT NULL,
    "starts" TIME(3) NOT NULL DEFAULT '1970-01-01 09:00:00 +00:00',
    "ends" TIMETZ(3) NOT NULL DEFAULT '1970-01-01 17:00:00 +02:00',
    "odd" TIMETZ NOT NULL DEFAULT '2001-02-03 04:05:06.250 -05:30',
    "plain" TIME NOT NULL DEFAULT '2001-02-03 04:05:06.500 +01:00',
    "breaks" TIME[] DEFAULT ARRAY['1970-01-01 12:00:00 +00:00', '1970-01-01 13:30:00.125 +00:00']::TIME[],
    CONSTRAINT "Shift_pkey" PRIMARY KEY ("id")
);
"""
TIME_DEFAULTS_SCHEMA = """datasource db {
  provider = "postgresql"
}

model Shift {
  id     Int        @id
  starts DateTime   @default("1970-01-01T09:00:00Z") @db.Time(3)
  ends   DateTime   @default("1970-01-01T17:00:00+02:00") @db.Timetz(3)
  odd    DateTime   @default("2001-02-03T04:05:06.250-05:30") @db.Timetz
  plain  DateTime   @default("2001-02-03T04:05:06.5+01:00") @db.Time
  breaks DateTime[] @default(["1970-01-01T12:00:00Z", "1970-01-01T13:30:00.125Z"]) @db.Time
}
"""


def test_time_of_day_defaults_are_compared_as_postgresql_keeps_them(database, tmp_path: Path) -> None:
    """They were three default_mismatch warnings (`'09:00:00'` vs `'1970-01-01T09:00:00Z'`), with a suggested
    `@default("09:00:00")` that Prisma rejects; Prisma's diff is empty."""
    assert check_against(database, tmp_path, TIME_DEFAULTS_DDL, TIME_DEFAULTS_SCHEMA).findings == ()
    changed = TIME_DEFAULTS_SCHEMA.replace("T17:00:00+02:00", "T17:00:00+03:00").replace("T09:00:00Z", "T09:00:01Z")
    report = check_against(database, tmp_path, 'DROP TABLE "Shift";' + TIME_DEFAULTS_DDL, changed)
    assert sorted((finding.kind.value, finding.column) for finding in report.findings) == [
        (FindingKind.DEFAULT_MISMATCH.value, "ends"),
        (FindingKind.DEFAULT_MISMATCH.value, "starts"),
    ]
