"""Both sides agree by construction: every column of every corpus `prisma.sql` and of every convention fixture's
`prisma.sql` (Prisma's own DDL spelling), put through normalize_type / normalize_default, equals what the
introspector reads back from the catalog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drift.model.names import truncate_identifier
from drift.model.normalize import (
    is_serial_type,
    normalize_default,
    normalize_opclass,
    split_array_type,
)
from drift.postgres.introspect import introspect_database
from tests.conftest import FIXTURES, corpus_projects, requires_corpus

CONVENTIONS = sorted(path.parent for path in (FIXTURES / "conventions").glob("*/prisma.sql"))

_CREATE_TABLE = re.compile(r'^CREATE TABLE (?:"(?P<schema>[^"]+)"\.)?"(?P<table>[^"]+)" \((?P<body>.*?)^\);', re.MULTILINE | re.DOTALL)
_COLUMN = re.compile(r'^\s+"(?P<name>[^"]+)" (?P<type>.+?)(?P<not_null> NOT NULL)?(?: DEFAULT (?P<default>.+?))?,?$')


def prisma_columns(script: str):
    """(schema, table, column, type text, NOT NULL, default text) for each column line of Prisma's DDL."""
    for table in _CREATE_TABLE.finditer(script):
        for line in table["body"].splitlines():
            if line.strip().startswith("CONSTRAINT"):
                continue
            column = _COLUMN.match(line)
            if column:
                yield table["schema"] or "public", table["table"], column["name"], column["type"], bool(column["not_null"]), column["default"]


def test_prisma_ddl_lines_are_parsed() -> None:
    script = 'CREATE TABLE "T" (\n    "a" TEXT[] DEFAULT ARRAY[\'x\']::TEXT[],\n    "b" DECIMAL(65,30) NOT NULL DEFAULT 0,\n\n    CONSTRAINT "T_pkey" PRIMARY KEY ("b")\n);\n'
    assert list(prisma_columns(script)) == [
        ("public", "T", "a", "TEXT[]", False, "ARRAY['x']::TEXT[]"),
        ("public", "T", "b", "DECIMAL(65,30)", True, "0"),
    ]


@pytest.mark.parametrize("project", CONVENTIONS, ids=lambda project: project.name)
def test_convention_fixtures_spelling_matches_the_catalog(project: Path, database) -> None:
    check_prisma_spelling(project, database)


@requires_corpus
@pytest.mark.parametrize("project", corpus_projects(), ids=lambda project: project.name)
def test_prisma_spelling_matches_the_catalog(project: Path, database) -> None:
    check_prisma_spelling(project, database)


def check_prisma_spelling(project: Path, database) -> None:
    if (project / "before.sql").is_file():
        database.load_file(project / "before.sql")
    script = (project / "prisma.sql").read_text()
    database.load(script, str(project / "prisma.sql"))
    schemas = sorted({schema for schema, *_ in prisma_columns(script)})
    actual = introspect_database(database.url, schemas)
    compared = 0
    for schema, table_name, column_name, type_text, not_null, default_text in prisma_columns(script):
        # PostgreSQL keeps the first 63 bytes of a longer name.
        table_name, column_name = truncate_identifier(table_name), truncate_identifier(column_name)
        table = actual.table(table_name, schema)
        assert table is not None, f"{schema}.{table_name}"
        column = table.column(column_name)
        element_type, dimensions = split_array_type(type_text)
        where = f"{project.name}: {table_name}.{column_name}"
        assert (element_type, dimensions) == (column.type, column.dimensions), where
        assert not_null == (not column.nullable), where
        expected_default = "autoincrement()" if is_serial_type(type_text) else normalize_default(default_text, element_type)
        assert expected_default == column.default, f"{where}: {default_text}"
        compared += 1
    assert compared == sum(len(table.columns) for table in actual.tables)


_CREATE_INDEX = re.compile(
    r'^CREATE (?:UNIQUE )?INDEX "(?P<name>[^"]+)" ON (?:"(?P<schema>[^"]+)"\.)?"(?P<table>[^"]+)"'
    r"(?: USING (?P<method>\w+))?\s*\((?P<keys>.*)\);$",
    re.MULTILINE,
)
_INDEX_KEY = re.compile(r'^"(?P<column>[^"]+)"(?: (?!ASC$|DESC$)(?P<opclass>\w+))?(?: (?:ASC|DESC))?$')


def check_prisma_opclasses(project: Path, database) -> int:
    if (project / "before.sql").is_file():
        database.load_file(project / "before.sql")
    script = (project / "prisma.sql").read_text()
    database.load(script, str(project / "prisma.sql"))
    schemas = sorted({schema for schema, *_ in prisma_columns(script)} | {"public"})
    actual = introspect_database(database.url, schemas)
    compared = 0
    for index in _CREATE_INDEX.finditer(script):
        table = actual.table(truncate_identifier(index["table"]), index["schema"] or "public")
        introspected = table.index(truncate_identifier(index["name"]))
        for position, key_text in enumerate(index["keys"].split(", ")):
            key = _INDEX_KEY.match(key_text)
            if key is None:
                continue
            column = table.column(key["column"])
            enum = actual.enum(column.type, column.type_schema) is not None
            method = (index["method"] or "btree").lower()
            expected = normalize_opclass(method, key["opclass"], column.type, column.dimensions, enum=enum)
            assert expected == introspected.columns[position].opclass, f"{project.name}: {index['name']} {key_text}"
            compared += 1
    return compared


def test_convention_opclasses_match_the_catalog(database) -> None:
    compared = check_prisma_opclasses(FIXTURES / "conventions" / "operator_classes", database)
    assert compared >= 10


def test_convention_index_opclasses_match_the_catalog(database) -> None:
    assert check_prisma_opclasses(FIXTURES / "conventions" / "indexes", database) >= 10


@requires_corpus
@pytest.mark.parametrize("project", corpus_projects(), ids=lambda project: project.name)
def test_corpus_opclasses_match_the_catalog(project: Path, database) -> None:
    check_prisma_opclasses(project, database)
