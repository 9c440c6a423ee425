"""Hand-written databases against the schema `prisma db pull` writes for them (the model blocks below are the
oracle's `pull` output, 2026-12-03), where Prisma's own `migrate diff` is empty: drift reports no drift either, at
most notes (info). Each case was a false alarm before. Real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diff.builders import check_against, kinds_and_severities

HEAD = """generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views"]
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

"""

# A partition that is partitioned itself (ev_a), with leaf partitions (ev_a_x, ev_b), and what db pull writes for it.
SUB_PARTITIONED = (
    "CREATE TABLE ref (id int PRIMARY KEY); "
    "CREATE TABLE ev (id int NOT NULL, at date NOT NULL, kind text NOT NULL, rid int REFERENCES ref(id), PRIMARY"
    " KEY (id, at, kind)) PARTITION BY RANGE (at); "
    "CREATE TABLE ev_a PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') PARTITION BY LIST (kind); "
    "CREATE TABLE ev_a_x PARTITION OF ev_a FOR VALUES IN ('x'); "
    "CREATE TABLE ev_b PARTITION OF ev FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');"
)
SUB_PARTITIONED_MODELS = (
    "model ev {\n  id   Int\n  at   DateTime @db.Date\n  kind String\n  rid  Int?\n"
    "  ref  ref?     @relation(fields: [rid], references: [id], onDelete: NoAction, onUpdate: NoAction)\n\n"
    "  @@id([id, at, kind])\n}\n\nmodel ev_a {\n  id   Int\n  at   DateTime @db.Date\n  kind String\n  rid  Int?\n"
    "  ref  ref?     @relation(fields: [rid], references: [id], onDelete: NoAction, onUpdate: NoAction, map:"
    ' "ev_rid_fkey")\n\n  @@id([id, at, kind])\n}\n\nmodel ref {\n  id   Int    @id\n  ev   ev[]\n  ev_a ev_a[]\n}\n'
)
CASES = {
    # PostgreSQL's one-byte "char" is what Prisma calls @db.Char
    "char": (
        'CREATE TABLE t (id int PRIMARY KEY, c "char");', "model t {\n  id Int     @id\n  c  String? @db.Char\n}\n", []
    ),
    # an index key's own collation, which schema.prisma cannot state
    "key collation": (
        'CREATE TABLE t (id int PRIMARY KEY, y text); CREATE INDEX t_y ON t (y COLLATE "C");',
        'model t {\n  id Int     @id\n  y  String?\n\n  @@index([y], map: "t_y")\n}\n',
        [("unmanaged_object", "info")],
    ),
    # db pull writes every interval as Unsupported("interval"), whatever its precision or fields
    "interval": (
        "CREATE TABLE t (id int PRIMARY KEY, a interval(2), b interval hour);",
        'model t {\n  id Int                      @id\n  a  Unsupported("interval")?\n'
        '  b  Unsupported("interval")?\n}\n',
        [],
    ),
    # ... and a list of an unsupported type by its array type's name
    "unsupported list": (
        "CREATE TABLE t (id int PRIMARY KEY, p point[]);",
        'model t {\n  id Int                     @id\n  p  Unsupported("_point")[]\n}\n',
        [],
    ),
    # the catalog's vector types, which db pull writes as lists of themselves (they were read as smallint[]/oid[])
    "catalog vectors": (
        "CREATE TABLE t (id int PRIMARY KEY, v int2vector NOT NULL, o oidvector, w int2vector[]);",
        'model t {\n  id Int                          @id\n  v  Unsupported("int2vector")[]\n'
        '  o  Unsupported("oidvector")[]\n  w  Unsupported("_int2vector")[]\n}\n',
        [],
    ),
    # user-defined types db pull names bare in Unsupported, whatever their schema: composite, range, lists of them,
    # and a list of a domain (by the domain's array type; one value of a domain is its base type)
    "user-defined types": (
        "CREATE SCHEMA ext; CREATE TYPE addr AS (street text, zip int); CREATE TYPE ext.pair AS (a int, b int);"
        " CREATE TYPE floatrange AS RANGE (subtype = float8); CREATE DOMAIN posint AS int CHECK (VALUE > 0);"
        " CREATE TABLE t (id int PRIMARY KEY, ad addr, ads addr[], pr ext.pair, prs ext.pair[], fr floatrange,"
        " p posint[]);",
        'model t {\n  id  Int                          @id\n  ad  Unsupported("addr")?\n'
        '  ads Unsupported("_addr")[]\n  pr  Unsupported("pair")?\n  prs Unsupported("_pair")[]\n'
        '  fr  Unsupported("floatrange")?\n  p   Unsupported("_posint")[]\n}\n',
        [("unmanaged_object", "info")],
    ),
    # ... and so in a view
    "view of a domain list": (
        "CREATE DOMAIN posint AS int CHECK (VALUE > 0); CREATE TABLE t (id int PRIMARY KEY, p posint[]);"
        " CREATE VIEW v AS SELECT id, p FROM t;",
        'model t {\n  id Int                      @id\n  p  Unsupported("_posint")[]\n}\n\n'
        'view v {\n  id Int?\n  p  Unsupported("_posint")[]\n}\n',
        [("unmanaged_object", "info")],
    ),
    # an enum value that is the empty string, mapped from the name db pull makes up for it
    "empty enum value": (
        "CREATE TYPE e AS ENUM ('', 'a'); CREATE TABLE t (id int PRIMARY KEY, v e DEFAULT '');",
        'model t {\n  id Int @id\n  v  e?  @default(EMPTY_ENUM_VALUE)\n}\n\n'
        'enum e {\n  EMPTY_ENUM_VALUE @map("")\n  a\n}\n',
        [],
    ),
    # a column of a NOT NULL domain is required, as Prisma reads it (its domain's default is not the column's)
    "not null domain": (
        "CREATE DOMAIN d_text AS text DEFAULT 'dom' NOT NULL; CREATE TABLE t (id int PRIMARY KEY, a d_text,"
        " b d_text DEFAULT 'col', c d_text[]);",
        'model t {\n  id Int                      @id\n  a  String\n  b  String                   @default("col")\n'
        '  c  Unsupported("_d_text")[]\n}\n',
        [("unmanaged_object", "info")] * 3,
    ),
    # a primary key's INCLUDE columns, which db pull writes as more key columns
    "primary key include": (
        "CREATE TABLE t (id int, x int, CONSTRAINT t_pkey PRIMARY KEY (id) INCLUDE (x));",
        "model t {\n  id Int\n  x  Int?\n\n  @@id([id, x])\n  @@ignore\n}\n",
        [("unmanaged_object", "info")],
    ),
    # a second copy of a unique index: a note (Prisma's diff ignores exact copies)
    "duplicate index": (
        "CREATE TABLE t (id int PRIMARY KEY, email text); CREATE UNIQUE INDEX t_a ON t (email);"
        " CREATE UNIQUE INDEX t_b ON t (email);",
        'model t {\n  id    Int     @id\n  email String? @unique(map: "t_a")\n}\n',
        [("extra_index", "info")],
    ),
    # a materialized view is never a view block, even when the schema has some
    "materialized view": (
        "CREATE TABLE t (id int PRIMARY KEY); CREATE VIEW v AS SELECT id FROM t;"
        " CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;",
        "model t {\n  id Int @id\n}\n\nview v {\n  id Int?\n}\n",
        [("unmanaged_object", "info")],
    ),
    # view columns without a precision keep microseconds, as table columns do
    "view times": (
        "CREATE TABLE t (id int PRIMARY KEY, ts timestamp, tm time);"
        " CREATE VIEW v AS SELECT id, now() AS at, ts, tm, current_time AS ct FROM t;",
        "model t {\n  id Int       @id\n  ts DateTime? @db.Timestamp(6)\n  tm DateTime? @db.Time(6)\n}\n\n"
        "view v {\n  id Int?\n  at DateTime? @db.Timestamptz(6)\n  ts DateTime? @db.Timestamp(6)\n"
        "  tm DateTime? @db.Time(6)\n  ct DateTime? @db.Timetz(6)\n}\n",
        [],
    ),
    # db pull writes an extension's type without its modifier (vector(3) is `Unsupported("vector")`), in a view too
    "extension type modifiers": (
        "CREATE EXTENSION vector; CREATE TABLE t (id int PRIMARY KEY, v vector(3) NOT NULL, h halfvec(2),"
        " s sparsevec(5), va vector(3)[]); CREATE VIEW w AS SELECT id, v, va FROM t;",
        'model t {\n  id Int                       @id\n  v  Unsupported("vector")\n'
        '  h  Unsupported("halfvec")?\n  s  Unsupported("sparsevec")?\n  va Unsupported("vector")[]\n}\n\n'
        'view w {\n  id Int?\n  v  Unsupported("vector")?\n  va Unsupported("vector")[]\n}\n',
        [],
    ),
    # an extension's index method, which Prisma reads as a B-tree without operator classes
    "extension index methods": (
        "CREATE EXTENSION vector; CREATE EXTENSION bloom; CREATE TABLE t (id int PRIMARY KEY, v vector(3), a int,"
        " b int); CREATE INDEX t_v ON t USING hnsw (v vector_cosine_ops); CREATE INDEX t_w ON t USING ivfflat (v);"
        " CREATE INDEX t_ab ON t USING bloom (a, b);",
        'model t {\n  id Int                    @id\n  v  Unsupported("vector")?\n  a  Int?\n  b  Int?\n\n'
        '  @@index([a, b], map: "t_ab")\n  @@index([v], map: "t_v")\n  @@index([v], map: "t_w")\n}\n',
        [("unmanaged_object", "info")] * 3,
    ),
    # a partition that is partitioned itself is a table to db pull, with its parent's keys and relations (its leaf
    # partitions are not): drift left it out as a partition (missing_table)
    "sub-partitioned partition": (SUB_PARTITIONED, SUB_PARTITIONED_MODELS, [("unmanaged_object", "info")] * 2),
    # ... with a foreign key of its own, its parent's index and foreign keys (one to a partitioned table), and a
    # foreign key to it; the rows PostgreSQL adds per partition of a referenced partitioned table are no foreign keys
    "sub-partitioned partition with foreign keys": (
        "CREATE TABLE ref (id int PRIMARY KEY); "
        "CREATE TABLE p2 (id int NOT NULL, k int NOT NULL, PRIMARY KEY (id, k)) PARTITION BY LIST (k); "
        "CREATE TABLE p2_1 PARTITION OF p2 FOR VALUES IN (1); "
        "CREATE TABLE ev (id int NOT NULL, at date NOT NULL, kind text NOT NULL, rid int REFERENCES ref(id), pid"
        " int, pk int, PRIMARY KEY (id, at, kind), CONSTRAINT ev_p2 FOREIGN KEY (pid, pk) REFERENCES p2 (id, k))"
        " PARTITION BY RANGE (at); CREATE INDEX ev_rid ON ev (rid); "
        "CREATE TABLE ev_a PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') PARTITION BY LIST"
        " (kind); CREATE TABLE ev_a_x PARTITION OF ev_a FOR VALUES IN ('x'); "
        "ALTER TABLE ev_a ADD CONSTRAINT ev_a_own FOREIGN KEY (pid) REFERENCES ref (id) ON DELETE CASCADE; "
        "CREATE UNIQUE INDEX ev_a_u ON ev_a (id, kind, at); "
        "CREATE TABLE usr (id int PRIMARY KEY, eid int, eat date, ekind text, CONSTRAINT usr_eva FOREIGN KEY (eid,"
        " eat, ekind) REFERENCES ev_a (id, at, kind));",
        "model ev {\n  id   Int\n  at   DateTime @db.Date\n  kind String\n  rid  Int?\n  pid  Int?\n  pk   Int?\n"
        "  p2   p2?      @relation(fields: [pid, pk], references: [id, k], onDelete: NoAction, onUpdate: NoAction,"
        ' map: "ev_p2")\n'
        "  ref  ref?     @relation(fields: [rid], references: [id], onDelete: NoAction, onUpdate: NoAction)\n\n"
        '  @@id([id, at, kind])\n  @@index([rid], map: "ev_rid")\n}\n\nmodel ev_a {\n  id                Int\n'
        "  at                DateTime @db.Date\n  kind              String\n  rid               Int?\n"
        "  pid               Int?\n  pk                Int?\n"
        '  ref_ev_a_pidToref ref?     @relation("ev_a_pidToref", fields: [pid], references: [id], onDelete:'
        ' Cascade, onUpdate: NoAction, map: "ev_a_own")\n'
        "  p2                p2?      @relation(fields: [pid, pk], references: [id, k], onDelete: NoAction,"
        ' onUpdate: NoAction, map: "ev_p2")\n'
        '  ref_ev_a_ridToref ref?     @relation("ev_a_ridToref", fields: [rid], references: [id], onDelete:'
        ' NoAction, onUpdate: NoAction, map: "ev_rid_fkey")\n  usr               usr[]\n\n  @@id([id, at, kind])\n'
        '  @@unique([id, kind, at], map: "ev_a_u")\n  @@index([rid])\n}\n\nmodel p2 {\n  id   Int\n  k    Int\n'
        "  ev   ev[]\n  ev_a ev_a[]\n\n  @@id([id, k])\n}\n\nmodel ref {\n  id                 Int    @id\n"
        '  ev                 ev[]\n  ev_a_ev_a_pidToref ev_a[] @relation("ev_a_pidToref")\n'
        '  ev_a_ev_a_ridToref ev_a[] @relation("ev_a_ridToref")\n}\n\nmodel usr {\n  id    Int       @id\n'
        "  eid   Int?\n  eat   DateTime? @db.Date\n  ekind String?\n"
        "  ev_a  ev_a?     @relation(fields: [eid, eat, ekind], references: [id, at, kind], onDelete: NoAction,"
        ' onUpdate: NoAction, map: "usr_eva")\n}\n',
        [("unmanaged_object", "info")] * 3,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_pulled_schema_checks_as_prisma_judges_it(database, tmp_path: Path, case: str) -> None:
    ddl, models, kinds = CASES[case]
    assert kinds_and_severities(check_against(database, tmp_path, ddl, HEAD + models)) == kinds


# Pulled schemas edited by hand so that Prisma's diff is no longer empty: drift reports the edit too. Each case was
# missed before.
EDITED = {
    # db pull writes dbgenerated("CURRENT_TIMESTAMP(0)"); now() stores milliseconds the database's default drops
    "current time coarser than its column": (
        "CREATE TABLE t (id int PRIMARY KEY, at timestamp(3) DEFAULT CURRENT_TIMESTAMP(0));",
        "model t {\n  id Int       @id\n  at DateTime? @default(now())\n}\n",
        [("default_mismatch", "warning")],
    ),
    # db pull writes @db.Char for PostgreSQL's one-byte "char"; @db.Char(1) is character(1), which Prisma's diff
    # would change the column to (a bare @db.Char against a character(1) column is no difference: CHAR is CHAR(1))
    "char with a length": (
        'CREATE TABLE t (id int PRIMARY KEY, a "char", b character(1), c "char");',
        "model t {\n  id Int     @id\n  a  String? @db.Char\n  b  String? @db.Char\n  c  String? @db.Char(1)\n}\n",
        [("type_mismatch", "error")],
    ),
    # an enum is no Unsupported type (Prisma's diff would recreate the column)
    "enum as unsupported": (
        "CREATE TYPE mood AS ENUM ('up', 'down'); CREATE TABLE t (id int PRIMARY KEY, m mood);",
        'model t {\n  id Int                  @id\n  m  Unsupported("mood")?\n}\n\nenum mood {\n  up\n  down\n}\n',
        [("type_mismatch", "error")],
    ),
    # an extension's index given a method Prisma names: Prisma's diff would rebuild it as that method
    "extension index method named": (
        "CREATE EXTENSION vector; CREATE TABLE t (id int PRIMARY KEY, v vector(3));"
        " CREATE INDEX t_v ON t USING hnsw (v vector_cosine_ops);",
        'model t {\n  id Int                    @id\n  v  Unsupported("vector")?\n\n'
        '  @@index([v], map: "t_v", type: Hash)\n}\n',
        [("index_mismatch", "error")],
    ),
    # indexes renamed in schema.prisma whose database copies have parts it cannot state: Prisma's diff renames them
    "indexes renamed": (
        "CREATE EXTENSION vector; CREATE TABLE t (id int PRIMARY KEY, a text, b int, v vector(3));"
        " CREATE INDEX t_a ON t (a text_pattern_ops); CREATE UNIQUE INDEX t_b ON t (b) NULLS NOT DISTINCT;"
        " CREATE INDEX t_v ON t USING hnsw (v vector_cosine_ops);",
        'model t {\n  id Int                    @id\n  a  String?\n  b  Int?                   @unique(map: "t_b_r")\n'
        '  v  Unsupported("vector")?\n\n  @@index([a], map: "t_a_r")\n  @@index([v], map: "t_v_r")\n}\n',
        [("index_name_mismatch", "warning")] * 3 + [("unmanaged_object", "info")] * 3,
    ),
    # an index on a sub-partitioned partition alone: Prisma's diff creates it on that partition
    "index on a sub-partitioned partition": (
        SUB_PARTITIONED,
        SUB_PARTITIONED_MODELS.replace("])\n}\n\nmodel ref", '])\n  @@index([rid], map: "ev_a_rid")\n}\n\nmodel ref'),
        [("missing_index", "error")] + [("unmanaged_object", "info")] * 2,
    ),
    # a key column's type changed on the parent and so on its sub-partitioned partition: Prisma's diff changes both
    "column type on a sub-partitioned partition": (
        SUB_PARTITIONED,
        SUB_PARTITIONED_MODELS.replace("  kind String\n", "  kind String   @db.VarChar(5)\n"),
        [("type_mismatch", "error")] * 2 + [("unmanaged_object", "info")] * 2,
    ),
}


@pytest.mark.parametrize("case", list(EDITED))
def test_an_edited_pulled_schema_differs_as_prisma_judges_it(database, tmp_path: Path, case: str) -> None:
    ddl, models, kinds = EDITED[case]
    assert kinds_and_severities(check_against(database, tmp_path, ddl, HEAD + models)) == kinds
