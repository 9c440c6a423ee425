"""The actual side: one database source turned into a `DatabaseSchema`."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from drift.errors import BadInput
from drift.model.schema import DatabaseSchema, Extension
from drift.sources.locate import DATABASE_URL


def load_actual_schema(
    *,
    db: str | None = None,
    sql: Path | None = None,
    migrations: Path | None = None,
    snapshot: Path | None = None,
    schemas: Sequence[str] = ("public",),
    shadow_url: str | None = None,
) -> DatabaseSchema:
    """Exactly one source; with none, `$DATABASE_URL`. SQL and migrations are loaded into a scratch database."""
    given = [name for name, value in (("--db", db), ("--sql", sql), ("--migrations", migrations), ("--snapshot", snapshot)) if value]
    if len(given) > 1:
        raise BadInput(f"choose one database source, not {' and '.join(given)}.")
    if not given:
        db = os.environ.get(DATABASE_URL) or None
        if db is None:
            raise BadInput(f"no database given: pass --db URL (or set {DATABASE_URL}), --sql FILE, --migrations DIR or --snapshot FILE.")
    if snapshot is not None:
        from drift.sources.snapshot import read_snapshot

        return read_snapshot(Path(snapshot))
    if db is not None:
        from drift.postgres.introspect import introspect_database

        return introspect_database(db, schemas)
    scripts = _dump_scripts(Path(sql)) if sql is not None else _migration_scripts(Path(migrations))
    return introspect_scripts(scripts, schemas, shadow_url)


def introspect_scripts(scripts: list[tuple[str, str]], schemas: Sequence[str] = ("public",), shadow_url: str | None = None) -> DatabaseSchema:
    """Run (source name, SQL text) scripts in order in a scratch database and introspect the result."""
    from drift.postgres.connect import connect
    from drift.postgres.introspect import introspect_connection
    from drift.sources.scratch import scratch_database

    with scratch_database(shadow_url) as conninfo, connect(conninfo) as connection:
        stood_in = replay_scripts(connection, scripts, allow_stand_ins=True)
        schema = introspect_connection(connection, schemas)
    if not stood_in:
        return schema
    extensions = {extension.name: extension for extension in schema.extensions}
    for name, schema_name in stood_in.items():
        extensions.setdefault(name, Extension(name=name, schema_name=schema_name))
    return schema.model_copy(update={"extensions": tuple(sorted(extensions.values(), key=lambda extension: extension.name))})


# Extensions that Prisma projects' migrations commonly create and that the throwaway server's PostgreSQL build does
# not ship. When the scratch server reports one "not available", a stand-in script (standins/<name>.sql) defines the
# functions schemas use instead, and the extension is still reported: the replay is about the schema, and production
# evidently has the extension, since the same migrations ran there.
STAND_IN_EXTENSIONS = ("pgcrypto", "uuid-ossp")
_CREATE_EXTENSION = re.compile(
    r'^\s*CREATE\s+EXTENSION\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?P<quoted>[^"]+)"|(?P<plain>[A-Za-z0-9_-]+))'
    r'(?:\s+(?:WITH\s+)?SCHEMA\s+(?:"(?P<quoted_schema>[^"]+)"|(?P<plain_schema>\w+)))?',
    re.IGNORECASE,
)


# psql meta-commands in pg_dump output (`\restrict KEY` since PostgreSQL 17.6): not SQL. The line stays, empty, so
# that line numbers in messages still match the file.
_PSQL_META_COMMAND = re.compile(r"^\\.*$", re.MULTILINE)
# A schema dump names the roles of the server it came from; the scratch server does not have them (SQLSTATE 42704).
_PRIVILEGE_STATEMENT = re.compile(
    r"^\s*(?:ALTER\s+.*\sOWNER\s+TO\s|GRANT\s|REVOKE\s|ALTER\s+DEFAULT\s+PRIVILEGES\s|SECURITY\s+LABEL\s)",
    re.IGNORECASE | re.DOTALL,
)


def replay_scripts(connection, scripts: list[tuple[str, str]], *, allow_stand_ins: bool = False) -> dict[str, str]:
    """Statement by statement in autocommit (CREATE INDEX CONCURRENTLY must not run in a transaction block).

    Returns the extensions replaced by stand-ins (name -> schema). A failure is BadInput "source:line: reason."
    """
    import psycopg

    from drift.sources.sqlscript import split_statements

    stood_in: dict[str, str] = {}
    for source, text in scripts:
        for statement in split_statements(_PSQL_META_COMMAND.sub("", text)):
            try:
                connection.execute(statement.text.encode("utf-8"))
            except psycopg.Error as error:
                if error.sqlstate == "42704" and _PRIVILEGE_STATEMENT.match(statement.text):
                    continue  # ownership or a grant for a role that exists only on the dumped server
                extension = _CREATE_EXTENSION.match(statement.text)
                name = extension and (extension["quoted"] or extension["plain"]).lower()
                if allow_stand_ins and error.sqlstate == "0A000" and name in STAND_IN_EXTENSIONS:
                    if name not in stood_in:
                        schema_name = extension["quoted_schema"] or (extension["plain_schema"] or "").lower() or _current_schema(connection)
                        _run_stand_in(connection, name)
                        stood_in[name] = schema_name
                    continue
                reason = (error.diag.message_primary or str(error)).strip().splitlines()[0].rstrip(".")
                raise BadInput(f"{source}:{statement.line}: {reason}.") from None
    return stood_in


def _current_schema(connection) -> str:
    # None when a dump has emptied the search_path; CREATE EXTENSION then needs an explicit schema anyway.
    return connection.execute("SELECT current_schema()").fetchone()[0] or "public"


def _run_stand_in(connection, name: str) -> None:
    from importlib import resources

    from drift.sources.sqlscript import run_script

    script = resources.files("drift.sources").joinpath("standins", f"{name}.sql").read_text(encoding="utf-8")
    run_script(connection, script, f"stand-in for {name}")


def _dump_scripts(path: Path) -> list[tuple[str, str]]:
    return [(str(path), _read(path))]


def _migration_scripts(folder: Path) -> list[tuple[str, str]]:
    from drift.sources.sqlscript import migration_scripts

    if not folder.is_dir():
        raise BadInput(f'the migrations folder "{folder}" does not exist or is not a folder.')
    scripts = [(f"{folder.name}/{name}/migration.sql", _read(path)) for name, path in migration_scripts(folder)]
    if not scripts:
        raise BadInput(f'"{folder}" holds no migration: expected folders like 20240101000000_init/migration.sql.')
    return scripts


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f'"{path}" does not exist.') from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise BadInput(f'cannot read "{path}": {reason}.') from None
