"""The actual side: one database source turned into a `DatabaseSchema`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from drift.errors import BadInput
from drift.model.schema import DatabaseSchema

DATABASE_URL_VARIABLE = "DATABASE_URL"


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
        db = os.environ.get(DATABASE_URL_VARIABLE) or None
        if db is None:
            raise BadInput(f"no database given: pass --db URL (or set {DATABASE_URL_VARIABLE}), --sql FILE, --migrations DIR or --snapshot FILE.")
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
        replay_scripts(connection, scripts)
        return introspect_connection(connection, schemas)


def replay_scripts(connection, scripts: list[tuple[str, str]]) -> None:
    """Statement by statement in autocommit (CREATE INDEX CONCURRENTLY must not run in a transaction block)."""
    from drift.sources.sqlscript import ScriptError, run_script

    for source, text in scripts:
        try:
            run_script(connection, text, source)
        except ScriptError as error:
            raise BadInput(f"{error}.".replace("..", ".")) from None


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
