"""Every corpus project: the database Prisma's own SQL creates equals the database we lower its schema to."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.postgres.introspect import introspect_database
from drift.prisma import load_expected_schema
from tests.conftest import corpus_projects, corpus_schema_path, requires_corpus
from tests.prisma.test_conventions import assert_same_schema


@requires_corpus
@pytest.mark.parametrize("project", corpus_projects(), ids=lambda path: path.name)
def test_corpus_project_lowers_to_what_prismas_sql_creates(project: Path, database) -> None:
    before = project / "before.sql"
    if before.is_file():
        database.load_file(before)
    database.load_file(project / "prisma.sql")
    expected = load_expected_schema(corpus_schema_path(project))
    actual = introspect_database(database.conninfo, expected.schemas)
    assert_same_schema(expected.database, actual)


@requires_corpus
def test_corpus_is_not_empty() -> None:
    assert len(corpus_projects()) >= 10
