"""A scratch database to load SQL into: on a shadow server the user names, or on a throwaway embedded server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

SHADOW_URL_VARIABLE = "DRIFT_SHADOW_URL"


@contextmanager
def scratch_database(shadow_url: str | None = None) -> Iterator[str]:
    """Yield the conninfo of a new empty database; it (or the whole throwaway server) is gone afterwards."""
    shadow_url = shadow_url or os.environ.get(SHADOW_URL_VARIABLE) or None
    if shadow_url:
        with _database_on(shadow_url) as conninfo:
            yield conninfo
        return
    from drift.errors import DatabaseUnreachable
    from drift.sources.embedded import EmbeddedServerError, start_embedded_server

    try:
        server = start_embedded_server()
    except EmbeddedServerError as error:
        raise DatabaseUnreachable(f"cannot start the throwaway PostgreSQL: {error}") from None
    try:
        yield server.conninfo(server.create_database())
    finally:
        server.stop()


@contextmanager
def _database_on(server_url: str) -> Iterator[str]:
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    from drift.postgres.connect import connect, to_conninfo

    import psycopg

    from drift.errors import BadInput

    name = f"drift_scratch_{uuid.uuid4().hex[:12]}"
    with connect(server_url) as admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:  # a role without CREATEDB, say: the shadow server cannot be used as given
            reason = " ".join((error.diag.message_primary or str(error)).split())
            raise BadInput(
                f"cannot create a scratch database on the --shadow-url server: {reason} (its role needs CREATEDB)."
            ) from None
    try:
        yield make_conninfo(to_conninfo(server_url), dbname=name)
    finally:
        with connect(server_url) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
