"""drift.prisma.sharded: two processes lower a schema, half of the models each, and the result is the one-process
result, object for object; anything unusual falls back to the one process (and its exact errors)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from drift.errors import BadInput
from drift.prisma import lower_prisma_schema
from drift.prisma.parse import PrismaSchemaError, parse_schema_path, schema_files_in
from drift.prisma.sharded import start_sharded
from drift.prisma.split import blocks
from tests.conftest import CORPUS, FIXTURES, corpus_projects, corpus_schema_path

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the sharded lowering forks")

DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n'

# Everything that crosses the cut: a relation each way, an implicit many-to-many relation whose sides are in both
# halves (and one inside a half), a composite @@id referenced from the other half, serial sequences in both halves,
# enums (with @map on values) used in both, a view, @@map and @map, a 1:1 relation, @@schema.
CROSSING = DATASOURCE.replace('env("DATABASE_URL")', 'env("DATABASE_URL")\n  schemas  = ["public", "audit"]') + """\
generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views"]
}

enum Role {
  ADMIN  @map("admin")
  MEMBER

  @@schema("public")
}

/// People.
model User {
  id       Int       @id @default(autoincrement())
  email    String    @unique @db.VarChar(200)
  role     Role      @default(ADMIN)
  posts    Post[]
  tags     Tag[]
  profile  Profile?
  entries  Entry[]
  groups   Group[]   @relation("members")

  @@map("users")
  @@schema("public")
}

model Group {
  id      String @id @db.Uuid
  members User[] @relation("members")
  rooms   Room[]

  @@schema("public")
}

model Room {
  id     Int     @id @default(autoincrement())
  groups Group[]

  @@schema("public")
}

model Profile {
  id     Int    @id @default(autoincrement())
  userId Int    @unique @map("user_id")
  user   User   @relation(fields: [userId], references: [id], onDelete: Cascade)

  @@schema("public")
}

model Post {
  id       BigInt @id @default(autoincrement())
  authorId Int    @map("author_id")
  author   User   @relation(fields: [authorId], references: [id])
  role     Role   @default(MEMBER)
  tags     Tag[]

  @@index([authorId, role])
  @@schema("public")
}

model Tag {
  name  String @id @db.VarChar(40)
  posts Post[]
  users User[]

  @@schema("public")
}

model Entry {
  year   Int
  number Int
  userId Int
  user   User   @relation(fields: [userId], references: [id], onUpdate: NoAction)
  notes  Note[]

  @@id([year, number])
  @@schema("audit")
}

model Note {
  id          Int   @id @default(autoincrement())
  entryYear   Int
  entryNumber Int
  entry       Entry @relation(fields: [entryYear, entryNumber], references: [year, number])

  @@unique([entryYear, entryNumber])
  @@schema("audit")
}

view Summary {
  userId Int @unique
  posts  Int

  @@schema("public")
}
"""


def _lowered_both_ways(path: Path, url_schema: str | None = None, hint: str | None = None):
    sharded = start_sharded(path, hint if hint is not None else url_schema, threshold=0)
    assert sharded is not None, "expected a sharded lowering"
    sharded.parse()
    got = sharded.lower(url_schema)
    sharded.cancel()  # after a lowering that went through, waits for the child to end on its own
    assert _reaped(sharded) and (sharded.fallback_reason is not None or _ended_on_its_own(sharded))
    return sharded, got, lower_prisma_schema(parse_schema_path(path), url_schema)


def _ended_on_its_own(sharded) -> bool:
    status = sharded.exit_status
    return status is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _reaped(sharded) -> bool:
    try:
        os.waitpid(sharded._pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.parametrize("share", [0.05, 0.5, 0.95])
def test_models_crossing_the_cut_lower_as_in_one_process(tmp_path, monkeypatch, share: float) -> None:
    monkeypatch.setattr("drift.prisma.sharded.SHARE", share)
    path = tmp_path / "schema.prisma"
    path.write_text(CROSSING)
    sharded, got, expected = _lowered_both_ways(path)
    assert sharded.fallback_reason is None
    assert got == expected
    assert {"_TagToUser", "_PostToTag", "_members", "_GroupToRoom"} <= {table.name for table in got.database.tables}
    assert len(got.database.sequences) == 5 and got.database.views and got.multi_schema


def test_a_model_of_an_implicit_join_table_is_that_table_in_both_ways(tmp_path) -> None:
    """db pull's model of a join table (relationMode = "prisma") is the join table: one table of that name, with the
    sharded lowering too."""
    models = "".join(
        f"model M{number} {{\n  id   Int   @id\n  tags Tag[]\n}}\n\n" for number in range(6)
    )
    join = "".join(
        f'model TagToM{number} {{\n  A Int\n  B Int\n\n  @@id([A, B], map: "_M{number}ToTag_AB_pkey")\n'
        f'  @@index([B], map: "_M{number}ToTag_B_index")\n  @@map("_M{number}ToTag")\n}}\n\n'
        for number in range(6)
    )
    tags = "model Tag {\n  id Int @id\n" + "".join(f"  m{number} M{number}[]\n" for number in range(6)) + "}\n"
    path = tmp_path / "schema.prisma"
    path.write_text('datasource db {\n  provider     = "postgresql"\n  relationMode = "prisma"\n}\n\n' + models + join + tags)
    _, got, expected = _lowered_both_ways(path)
    # (The halves may fall back to one process here, on a name they both see: the result is the same.)
    assert got == expected
    names = [table.name for table in got.database.tables]
    assert len(names) == len(set(names)) == 13 and "_M0ToTag" in names


def test_the_urls_schema_and_a_guess_that_proves_wrong(tmp_path) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text(CROSSING.replace('  schemas  = ["public", "audit"]\n', "").replace('  @@schema("audit")\n', "")
                    .replace('  @@schema("public")\n', ""))
    sharded, got, expected = _lowered_both_ways(path, "tenant_7")
    assert sharded.fallback_reason is None and got == expected
    assert {table.schema_name for table in got.database.tables} == {"tenant_7"}
    sharded, got, expected = _lowered_both_ways(path, "tenant_7", hint="public")
    assert sharded.fallback_reason == "the database URL names another schema than expected"
    assert got == expected


def _projects_and_fixtures() -> list[Path]:
    paths = [FIXTURES / "mpanel" / "schema.prisma", FIXTURES / "mutations" / "base" / "schema.prisma"]
    paths += sorted((FIXTURES / "conventions").glob("*/schema.prisma"))
    paths.append(FIXTURES / "prisma" / "cases" / "multifile" / "schema")  # a folder of files
    for project in corpus_projects():
        paths += [path for path in (project / "schema.prisma", project / "schema", project / "db-pull.prisma")
                  if path.exists()]
    # The ones with two models or more, which the cut divides.
    return [path for path in paths if path.exists() and _models(path) >= 2]


def _models(path: Path) -> int:
    count = 0
    for file in schema_files_in(path):
        found = blocks(file.read_text(encoding="utf-8"))
        count += sum(block.kind == "model" for block in found) if found else 0
    return count


@pytest.mark.parametrize("path", _projects_and_fixtures(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_real_schemas_lower_as_in_one_process(path: Path) -> None:
    sharded = start_sharded(path, None, threshold=0)
    try:
        expected = lower_prisma_schema(parse_schema_path(path), None)
    except BadInput as error:
        # A schema Prisma rejects too (some `db pull` outputs): the sharded lowering falls back and says the same.
        with pytest.raises(BadInput) as raised:
            sharded.parse()
            sharded.lower(None)
        assert (str(raised.value), sharded.fallback_reason) == (str(error), "a schema error")
        return
    sharded.parse()
    got = sharded.lower(None)
    assert sharded.fallback_reason is None
    assert got == expected


def test_corpus_schemas_are_all_cut() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    schemas = [corpus_schema_path(project) for project in corpus_projects()]
    assert len(schemas) >= 10 and any(path.is_dir() for path in schemas)
    for path in schemas:
        sharded = start_sharded(path, None, threshold=0)
        assert sharded is not None, path
        sharded.cancel()


def _bad(path: Path, text: str) -> str:
    path.write_text(text)
    with pytest.raises(BadInput) as one_process:
        lower_prisma_schema(parse_schema_path(path), None)
    return str(one_process.value)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("  notes  Note[]\n", "  notes  Nope[]\n"), "second"),  # an unknown type in the last models
        (("  email    String    @unique @db.VarChar(200)\n", "  email    String    @unique @db.Integer\n"), "first"),
        (("  @@index([authorId, role])\n", '  @@index([authorId, role], map: "Tag_pkey")\n'), "across"),
        (("  user   User   @relation(fields: [userId], references: [id], onUpdate: NoAction)\n",
          "  user   User   @relation(fields: [userId], references: [nope])\n"), "across"),
        # a reference to a field of the other half that is not unique
        (("  user   User   @relation(fields: [userId], references: [id], onUpdate: NoAction)\n",
          "  user   User   @relation(fields: [userId], references: [role])\n"), "across"),
    ],
)
def test_a_schema_error_anywhere_is_reported_as_by_one_process(tmp_path, change, where) -> None:
    path = tmp_path / "schema.prisma"
    message = _bad(path, CROSSING.replace(*change))
    sharded = start_sharded(path, None, threshold=0)
    sharded.parse()
    with pytest.raises(BadInput) as raised:
        sharded.lower(None)
    assert str(raised.value) == message
    assert sharded.fallback_reason is not None and _reaped(sharded)


def test_a_syntax_error_in_the_first_half_raises_from_parse(tmp_path) -> None:
    path = tmp_path / "schema.prisma"
    message = _bad(path, CROSSING.replace("  posts    Post[]\n", "  posts    Post[\n"))
    sharded = start_sharded(path, None, threshold=0)
    with pytest.raises(PrismaSchemaError) as raised:
        sharded.parse()
    assert str(raised.value) == message and _reaped(sharded)


def test_when_one_process_is_the_way(tmp_path, monkeypatch) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text(CROSSING)
    assert start_sharded(path) is None  # small: under THRESHOLD
    monkeypatch.setenv("DRIFT_SHARD_BYTES", "0")
    sharded = start_sharded(path)
    assert sharded is not None
    sharded.cancel()
    assert _reaped(sharded)
    folder = start_sharded(tmp_path)  # a folder of files (here one)
    assert folder is not None
    folder.cancel()
    path.write_text(CROSSING.replace("model Room {", "model Room { // one\n  id Int @id }\nmodel Other {"))
    assert start_sharded(path) is None  # a block closed on its own line after a member: not this scan's layout
    path.write_text(CROSSING)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert start_sharded(path) is None  # one core
    monkeypatch.undo()
    monkeypatch.setenv("DRIFT_NO_FORK", "1")
    assert start_sharded(path, threshold=0) is None


def test_no_fork_allowed_means_one_process_and_no_leaked_pipe(tmp_path, monkeypatch) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text(CROSSING)

    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    before = len(os.listdir("/proc/self/fd"))
    assert start_sharded(path, None, threshold=0) is None
    assert len(os.listdir("/proc/self/fd")) == before


def test_block_comments_never_fool_the_cut(tmp_path) -> None:
    """The cut reads lines, not comments: a block comment between blocks gives no cut, and one that hides a `}` and
    a `model` line inside a model makes a cut whose halves the parser rejects: one process then, same result."""
    assert start_sharded(FIXTURES / "prisma" / "cases" / "block_comments" / "schema.prisma", threshold=0) is None
    path = tmp_path / "schema.prisma"
    path.write_text(DATASOURCE + "model A {\n  id Int @id\n  /*\n}\nmodel B {\n  */\n  x Int\n}\n\n"
                    "model C {\n  id Int @id\n}\n")
    sharded = start_sharded(path, threshold=0)
    assert sharded is not None  # the scan saw models A, B and C
    sharded.parse()
    got = sharded.lower(None)
    assert sharded.fallback_reason is not None and _reaped(sharded)
    assert got == lower_prisma_schema(parse_schema_path(path), None)
    assert [table.name for table in got.database.tables] == ["A", "C"]


def test_the_trace_hears_the_parents_stages_and_a_fallbacks_reason(tmp_path) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text(CROSSING)
    heard: list[str] = []
    sharded = start_sharded(path, None, threshold=0, trace=heard.append)
    sharded.parse()
    sharded.lower(None)
    assert heard[0].startswith("parent parsed ") and heard[-1].startswith("parent merged ")
    heard.clear()
    sharded = start_sharded(path, "public", threshold=0, trace=heard.append)
    sharded.parse()
    sharded.lower("other")
    assert heard[-1] == "one process after all: the database URL names another schema than expected"


class _HandOver:
    """A check's part while the child finishes its half (`drift.prisma.sharded.Meanwhile`): the database's
    payload as the reader sends it, or None (a reader not done yet, or another database than the one compared)."""

    def __init__(self, payload: bytes | None) -> None:
        self.payload = payload
        self.own: tuple = ()

    def database_bytes(self, resolved) -> bytes | None:
        return self.payload

    def own_half(self, tables: tuple) -> frozenset:
        self.own = tables
        return frozenset({("public", "parent's word")})  # taken as given, with the child's


def test_the_child_compares_its_half_with_the_database_it_is_handed(database) -> None:
    from drift.diff.compare import alike_tables
    from drift.model import transfer
    from drift.postgres.introspect import introspect_database

    database.load_file(FIXTURES / "mpanel" / "production.sql")
    path = FIXTURES / "mpanel" / "schema.prisma"
    expected = lower_prisma_schema(parse_schema_path(path), None)
    actual = introspect_database(database.conninfo, expected.schemas)
    for payload in (transfer.dumps(("value", actual)), None):
        hand_over = _HandOver(payload)
        sharded = start_sharded(path, None, threshold=0)
        sharded.parse()
        got = sharded.lower(None, hand_over)
        sharded.cancel()
        assert sharded.fallback_reason is None and got == expected and _reaped(sharded)
        assert _ended_on_its_own(sharded)
        own = {(table.schema_name, table.name) for table in hand_over.own}
        childs = [table for table in got.database.tables if (table.schema_name, table.name) not in own]
        assert own and childs
        childs_alike = sharded.alike - {("public", "parent's word")}
        assert ("public", "parent's word") in sharded.alike
        if payload is None:
            assert childs_alike == frozenset()  # nothing to compare with: the child just leaves
            continue
        # The child's word is what the parent would find for the same tables; the mpanel drift is in both halves,
        # so some of them are alike and some are not.
        assert childs_alike == alike_tables(childs, actual)
        assert 0 < len(childs_alike) < len(childs)
