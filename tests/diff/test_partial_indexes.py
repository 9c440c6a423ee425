"""Partial indexes on a real database (Prisma's partialIndexes preview feature): a database made by Prisma's own SQL
checks clean however PostgreSQL prints the conditions back; a changed condition, a partial index only in the
database and a declared index that is partial only in the database are each one finding of the right kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.diff.compare import compare_schemas
from drift.diff.findings import DriftReport, FindingKind
from drift.emit.fixes import suggest_fix
from drift.postgres.introspect import introspect_database
from drift.prisma import load_expected_schema
from tests.conftest import FIXTURES
from tests.diff.test_mutations import catalog_objects

CASE = FIXTURES / "conventions" / "partial_indexes"
K = FindingKind
RECENT_INDEX = 'CREATE INDEX "documents_recent_idx" ON "documents"("id") WHERE priority > 5;'


def check(database, schema: Path, mutation: str = "") -> DriftReport:
    database.load_file(CASE / "prisma.sql")
    if mutation:
        database.load(mutation, "<mutation>")
    expected = load_expected_schema(schema)
    actual = introspect_database(database.conninfo, expected.schemas)
    return compare_schemas(expected.database, actual, partial_indexes=expected.partial_indexes)


def kinds(report: DriftReport) -> list[tuple[str, str, str | None]]:
    return [(finding.kind.value, finding.severity.value, finding.object) for finding in report.findings]


def without_feature(tmp_path: Path) -> Path:
    text = (CASE / "schema.prisma").read_text().replace('previewFeatures = ["partialIndexes"]', "")
    path = tmp_path / "schema.prisma"
    path.write_text(text)
    return path


def test_prismas_own_partial_indexes_check_clean(database) -> None:
    expected = load_expected_schema(CASE / "schema.prisma")
    assert expected.partial_indexes
    predicates = {index.name: index.predicate for index in expected.database.tables[0].indexes}
    # As Prisma's CREATE INDEX writes them (fixtures/conventions/partial_indexes/prisma.sql), outer parentheses aside.
    assert predicates["documents_owner_id_idx"] == '"is_public" = true AND "status" = \'ACTIVE\''
    assert predicates["documents_status_idx"] == '"title" != \'it\'\'s\' AND "priority" = -2'
    assert predicates["documents_slug_key"] == "deleted_at IS NULL"
    assert predicates["document_live_title_key"] == '"deleted_at" IS NULL'
    report = check(database, CASE / "schema.prisma")
    assert report.findings == (), [finding.message for finding in report.findings]


def test_a_changed_condition_is_an_index_mismatch(database) -> None:
    report = check(
        database,
        CASE / "schema.prisma",
        'DROP INDEX "document_score_idx";'
        'CREATE INDEX "document_score_idx" ON "documents"("score" DESC)'
        " WHERE (score > 1 AND (priority IS NULL OR priority < 10));",
    )
    assert kinds(report) == [("index_mismatch", "error", "document_score_idx")]
    fix = suggest_fix(report.findings[0])
    assert "WHERE score > 0 AND (priority IS NULL OR priority < 10)" in fix.sql
    # The database's condition as PostgreSQL prints it, as `prisma db pull` would write it.
    assert 'where: raw("score > 1::double precision AND (priority IS NULL OR priority < 10)"))' in fix.prisma
    # The fix's SQL restores the index, and run again it rebuilds nothing: its guard reads the condition.
    database.load(fix.sql, "<fix>")
    expected = load_expected_schema(CASE / "schema.prisma")
    actual = introspect_database(database.conninfo, expected.schemas)
    assert compare_schemas(expected.database, actual, partial_indexes=expected.partial_indexes).findings == ()
    objects = catalog_objects(database)
    database.load(fix.sql, "<fix, again>")
    assert catalog_objects(database) == objects


def test_a_renamed_column_is_followed_into_the_condition(database) -> None:
    report = check(
        database, CASE / "schema.prisma", 'ALTER TABLE "documents" RENAME COLUMN "archived_by" TO "archived_by_name";'
    )
    assert kinds(report) == [("rename_candidate", "error", None)], [finding.message for finding in report.findings]


def test_a_partial_index_only_in_the_database_is_extra_with_the_feature(database) -> None:
    report = check(database, CASE / "schema.prisma", RECENT_INDEX)
    assert kinds(report) == [("extra_index", "warning", "documents_recent_idx")]
    fix = suggest_fix(report.findings[0])
    assert fix.prisma == (
        'add to model "Document": @@index([id], map: "documents_recent_idx", where: raw("priority > 5"))'
    )


def test_without_the_feature_partial_indexes_are_unmanaged(database, tmp_path: Path) -> None:
    """Prisma then ignores the conditions in the database (checked with its engine: an empty diff), and a schema
    without `where:` cannot state them: info, never an error."""
    text = without_feature(tmp_path).read_text().replace('@unique(where: raw("deleted_at IS NULL"))', "@unique")
    for argument in (
        ', where: { deletedAt: null }',
        ', where: { isPublic: true, status: "ACTIVE" }',
        ', where: { archivedBy: { not: null } }',
        ', where: { priority: { not: 0 }, score: 1.5 }',
        ', where: raw("score > 0 AND (priority IS NULL OR priority < 10)")',
        ', where: { title: { not: "it\'s" }, priority: -2 }',
    ):
        assert argument in text, argument
        text = text.replace(argument, "")
    schema = tmp_path / "schema.prisma"
    schema.write_text(text)
    report = check(database, schema, RECENT_INDEX)
    assert {finding.severity.value for finding in report.findings} == {"info"}
    assert sorted(finding.object for finding in report.findings) == sorted(
        [
            "document_live_title_key", "document_score_idx", "documents_owner_id_idx", "documents_priority_idx",
            "documents_recent_idx", "documents_slug_key", "documents_status_idx", "documents_title_idx",
        ]
    )
    assert all(finding.kind is K.UNMANAGED_OBJECT for finding in report.findings)
    messages = {finding.object: finding.message for finding in report.findings}
    assert "partialIndexes preview feature" in messages["documents_recent_idx"]
    assert "is declared in schema.prisma, and in the database it is partial (WHERE deleted_at IS NULL)" in messages[
        "documents_slug_key"
    ]


def test_an_object_condition_names_a_long_column_as_postgresql_stores_it(tmp_path: Path) -> None:
    long_name = "a_column_name_that_is_longer_than_what_postgresql_keeps_in_its_catalog"
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["partialIndexes"]\n}\n'
        'datasource db {\n  provider = "postgresql"\n}\n'
        f'model A {{\n  id Int @id\n  long Int? @map("{long_name}")\n  @@index([id], where: {{ long: null }})\n}}\n'
    )
    (index,) = load_expected_schema(schema).database.tables[0].indexes
    assert index.predicate == f'"{long_name[:63]}" IS NULL'


def with_date_index(tmp_path: Path) -> Path:
    path = tmp_path / "schema.prisma"
    path.write_text((CASE / "schema.prisma").read_text().replace(
        '  @@map("documents")',
        '  @@index([deletedAt], map: "documents_old_idx", where: raw("deleted_at < \'2020-1-1\'"))\n  @@map("documents")',
    ))
    return path


@pytest.mark.parametrize(("stored", "same"), [("'2020-1-1'", True), ("'2020-01-01T00:00:00'", True),
                                              ("'2020-01-02'", False)])
def test_a_date_in_a_condition_is_compared_as_postgresql_rewrites_it(database, tmp_path: Path, stored, same) -> None:
    """`deleted_at < '2020-1-1'` is stored as `deleted_at < '2020-01-01 00:00:00'::timestamp(3) without time zone`."""
    report = check(database, with_date_index(tmp_path),
                   f'CREATE INDEX "documents_old_idx" ON "documents"("deleted_at") WHERE deleted_at < {stored};')
    assert kinds(report) == ([] if same else [("index_mismatch", "error", "documents_old_idx")])
