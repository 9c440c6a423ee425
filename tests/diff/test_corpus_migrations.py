"""The pull-request check: each corpus project's migrations folder, replayed, compared with its schema.prisma.
Where Prisma's own engine says the two are in sync, there is no error; where it sees drift, so do we, and the
objects named in Prisma's SQL are the ones we report. The schema `prisma db pull` writes for the replayed database
checks clean against it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drift.diff.compare import compare_schemas
from drift.diff.findings import Severity
from drift.errors import BadInput
from drift.prisma import load_expected_schema
from drift.sources.load import load_actual_schema
from tests.conftest import corpus_projects, corpus_schema_path, requires_corpus

PROJECTS = [
    project
    for project in corpus_projects()
    if (project / "migrations").is_dir() and (project / "prisma-diff-after-migrations.sql").is_file()
]


@requires_corpus
@pytest.mark.parametrize("project", PROJECTS, ids=lambda project: project.name)
def test_replayed_migrations_agree_with_prisma(project: Path, pg_server, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    expected = load_expected_schema(corpus_schema_path(project))
    actual = load_actual_schema(
        migrations=project / "migrations", shadow_url=pg_server.admin_url, schemas=expected.schemas
    )
    pulled = project / "db-pull.prisma"
    described = _pulled_schema(pulled) if pulled.is_file() else None
    if described is not None:
        # What `prisma db pull` writes for this very database describes it: no error (langfuse and papermark pull
        # partial indexes as `where: raw(...)`, conditions PostgreSQL prints its own way). A warning is only for a
        # second unique index on the same key, which a pulled schema cannot declare twice (rallly).
        pull_report = compare_schemas(described.database, actual, partial_indexes=described.partial_indexes)
        warnings = pull_report.failing(Severity.WARNING)
        assert all(f.kind.value == "extra_index" and "duplicates" in f.message for f in warnings), [
            f.message for f in warnings
        ]
    report = compare_schemas(expected.database, actual)
    prisma_sql = (project / "prisma-diff-after-migrations.sql").read_text()
    if not prisma_sql.strip():
        assert report.failing(Severity.ERROR) == (), [f.message for f in report.failing(Severity.ERROR)]
        return
    reported = report.failing(Severity.WARNING)
    assert reported, "Prisma sees drift; so must we"
    # Every quoted name in a Prisma statement that drops, renames or creates something is in one of our findings.
    named = set(re.findall(r'(?:INDEX|CONSTRAINT|COLUMN|TABLE) "([^"]+)"', prisma_sql))
    ours = " ".join(f.message for f in reported)
    spellings = ('"{}"', '.{}"', '"{}.')  # an object, a column of "table.column", the table of "table.column"
    missing = sorted(name for name in named if not any(spelling.format(name) in ours for spelling in spellings))
    assert not missing, missing


def _pulled_schema(path: Path):
    """What `prisma db pull` wrote for the database, or None when Prisma refuses it too: db pull may write a one-to-one
    relation over the fields of a partial unique index (langfuse), which `prisma validate` (through the oracle)
    rejects as drift does."""
    try:
        return load_expected_schema(path)
    except BadInput as error:
        assert "A one-to-one relation must use unique fields" in str(error)
        return None
