"""Every corpus project's Prisma migrations folder replays, and where Prisma says the migrations and the schema are in
sync, the replayed database introspects to the same tables, columns, keys and indexes as Prisma's own SQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.model.schema import DatabaseSchema
from drift.postgres.introspect import introspect_database
from drift.sources.load import load_actual_schema
from tests.conftest import corpus_projects, requires_corpus

PROJECTS = [project for project in corpus_projects() if (project / "migrations").is_dir()]


def _shape(schema: DatabaseSchema) -> dict:
    """What both routes must agree on. Column order may differ (migrations append columns); Prisma does not look at
    NOT NULL on list columns, and raw-SQL indexes in migrations are extra (compared by containment below)."""
    return {
        (table.schema_name, table.name): (
            sorted(
                (column.name, column.type, column.type_schema, column.dimensions, column.nullable or bool(column.dimensions), column.default)
                for column in table.columns
            ),
            table.primary_key.columns if table.primary_key else None,
            sorted((key.name, key.columns, key.referenced_table, key.on_delete, key.on_update) for key in table.foreign_keys),
        )
        for table in schema.tables
    } | {("enum", enum.schema_name, enum.name): sorted(enum.value_names) for enum in schema.enums}


def _indexes(schema: DatabaseSchema) -> set:
    return {
        (table.name, index.name, index.unique, index.method, tuple((key.column, key.expression, key.order, key.opclass) for key in index.columns))
        for table in schema.tables
        for index in table.indexes
    }


@requires_corpus
@pytest.mark.parametrize("project", PROJECTS, ids=lambda project: project.name)
def test_corpus_migrations_replay(project: Path, pg_server, database, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    replayed = load_actual_schema(migrations=project / "migrations", shadow_url=pg_server.admin_url)
    assert replayed.tables

    verdict = project / "prisma-diff-after-migrations.sql"
    if verdict.is_file() and not verdict.read_text().strip():
        if (project / "before.sql").is_file():
            database.load_file(project / "before.sql")
        database.load_file(project / "prisma.sql")
        from_prisma = introspect_database(database.url)
        expected = _shape(from_prisma)
        actual = _shape(replayed)
        actual.pop(("public", "_prisma_migrations"), None)
        assert actual == expected
        assert _indexes(from_prisma) <= _indexes(replayed)
