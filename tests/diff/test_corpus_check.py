"""Every corpus project, loaded with the SQL Prisma's own engine creates for it, compares with zero findings
(only `info` would be allowed: objects Prisma cannot express)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.diff.compare import compare_schemas
from drift.diff.findings import Severity
from drift.postgres.introspect import introspect_database
from drift.prisma import load_expected_schema
from tests.conftest import corpus_projects, corpus_schema_path, requires_corpus


@requires_corpus
@pytest.mark.parametrize("project", corpus_projects(), ids=lambda project: project.name)
def test_corpus_database_from_prisma_sql_has_no_drift(project: Path, database) -> None:
    if (project / "before.sql").is_file():
        database.load_file(project / "before.sql")
    database.load_file(project / "prisma.sql")
    expected = load_expected_schema(corpus_schema_path(project))
    actual = introspect_database(database.conninfo, expected.schemas)
    assert actual.tables, "the corpus SQL created no tables"
    report = compare_schemas(expected.database, actual)
    above_info = report.failing(Severity.WARNING)
    assert above_info == (), [finding.message for finding in above_info]
