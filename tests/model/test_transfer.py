"""drift.model.transfer: schema objects sent from a forked child arrive equal, their origins naming the same
files, models and fields although the two processes' text registries number them differently."""

from __future__ import annotations

import pickle
import sys
import uuid

import pytest

from drift.background import InChildProcess
from drift.diagnostics import text_number
from drift.model import transfer
from drift.prisma import load_expected_schema
from tests.conftest import FIXTURES

SCHEMA = FIXTURES / "mutations" / "base" / "schema.prisma"


def _lowered_after_other_names(path, count: int):
    for number in range(count):  # the child's registry now numbers every later name differently
        text_number(f"only-in-the-child-{number}")
    return load_expected_schema(path).database


def test_a_round_trip_gives_equal_objects() -> None:
    database = load_expected_schema(SCHEMA).database
    assert transfer.loads(transfer.dumps(database)) == database
    assert transfer.loads(transfer.dumps((database.tables, [1, "x"]))) == (database.tables, [1, "x"])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork")
def test_origins_from_a_child_name_the_same_places(tmp_path) -> None:
    # Names this process has never seen, so that the child registers them under other numbers than it will.
    suffix = uuid.uuid4().hex
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\n'
        f"model Author{suffix} {{\n  id Int @id\n  books Book{suffix}[]\n}}\n\n"
        f"model Book{suffix} {{\n  id Int @id\n  title{suffix} String\n  authorId Int\n"
        f"  author Author{suffix} @relation(fields: [authorId], references: [id])\n}}\n"
    )
    received = InChildProcess(_lowered_after_other_names, schema, 50).result()  # sent with transfer.dumps
    here = load_expected_schema(schema).database
    assert received == here
    book = next(table for table in received.tables if table.name == f"Book{suffix}")
    title = next(column for column in book.columns if column.name == f"title{suffix}")
    assert (title.origin.file, title.origin.line, title.origin.model, title.origin.field) == (
        str(schema), 13, f"Book{suffix}", f"title{suffix}")
    assert book.foreign_keys[0].origin.model == f"Book{suffix}"


def test_smaller_than_plain_pickle_work_for_the_same_objects() -> None:
    """Not a timing: the payload holds no pydantic state dictionaries (one per object with plain pickle)."""
    database = load_expected_schema(SCHEMA).database
    assert b"__pydantic_fields_set__" in pickle.dumps(database)
    assert b"__pydantic_fields_set__" not in transfer.dumps(database)
