"""`drift snapshot`: writes the JSON that `--snapshot` reads; errors are one line with the right exit code."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from drift.cli import app
from drift.errors import EXIT_BAD_INPUT, EXIT_UNREACHABLE
from drift.postgres.introspect import introspect_database
from drift.sources.load import load_actual_schema
from tests.conftest import FIXTURES

runner = CliRunner()


def test_snapshot_of_a_live_database(database, tmp_path: Path) -> None:
    database.load_file(FIXTURES / "kitchen_sink" / "database.sql")
    output = tmp_path / "snapshot.json"
    result = runner.invoke(app, ["snapshot", "--db", database.url, "--schema-name", "public", "--schema-name", "other", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text() == introspect_database(database.url, ("public", "other")).to_json()
    assert load_actual_schema(snapshot=output) == introspect_database(database.url, ("public", "other"))


def test_snapshot_of_migrations_on_a_shadow_server(pg_server, tmp_path: Path) -> None:
    step = tmp_path / "migrations" / "20240101000000_init"
    step.mkdir(parents=True)
    (step / "migration.sql").write_text('CREATE TABLE "Post" ("id" SERIAL NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));\n')
    output = tmp_path / "snapshot.json"
    result = runner.invoke(
        app, ["snapshot", "--migrations", str(tmp_path / "migrations"), "--shadow-url", pg_server.admin_url, "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text())
    assert document["format_version"] == 1
    assert [table["name"] for table in document["tables"]] == ["Post"]


def test_unreachable_database_exits_3_without_password(tmp_path: Path) -> None:
    result = runner.invoke(app, ["snapshot", "--db", "postgresql://alice:Sup3rSecret@127.0.0.1:1/shop", "-o", str(tmp_path / "s.json")])
    assert result.exit_code == EXIT_UNREACHABLE
    assert "Sup3rSecret" not in result.output
    assert "127.0.0.1:1" in result.output
    assert not (tmp_path / "s.json").exists()


def test_two_sources_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["snapshot", "--db", "postgresql://x/y", "--sql", "dump.sql", "-o", str(tmp_path / "s.json")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "choose one database source" in result.output


def test_prisma_schema_parameter_chooses_the_schema(database, tmp_path: Path) -> None:
    database.load("CREATE SCHEMA billing; CREATE TABLE billing.invoice (id integer); CREATE TABLE public.other (id integer);")
    separator = "&" if "?" in database.url else "?"
    output = tmp_path / "snapshot.json"
    result = runner.invoke(app, ["snapshot", "--db", f"{database.url}{separator}schema=billing", "-o", str(output)])
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text())
    assert document["schemas"] == ["billing"]
    assert [table["name"] for table in document["tables"]] == ["invoice"]


def test_snapshot_without_a_source_reads_what_prisma_config_names(database, tmp_path: Path, monkeypatch) -> None:
    database.load("CREATE TABLE public.thing (id integer);")
    (tmp_path / "prisma.config.ts").write_text(
        'export default defineConfig({ datasource: { url: env("APP_DATABASE_URL") } });\n'
    )
    (tmp_path / ".env").write_text(f'APP_DATABASE_URL="{database.url}"\n')
    monkeypatch.chdir(tmp_path)
    output = tmp_path / "snapshot.json"
    result = runner.invoke(app, ["snapshot", "-o", str(output)], env={"DATABASE_URL": ""})
    assert result.exit_code == 0, result.output
    assert [table["name"] for table in json.loads(output.read_text())["tables"]] == ["thing"]
    (tmp_path / ".env").write_text("")
    result = runner.invoke(app, ["snapshot", "-o", str(output)], env={"DATABASE_URL": ""})
    assert result.exit_code == EXIT_BAD_INPUT
    assert "prisma.config.ts reads the URL from APP_DATABASE_URL" in result.output
    assert "pass --db URL, --sql FILE or --migrations DIR." in result.output
