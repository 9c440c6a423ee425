"""Read a live database into a `DatabaseSchema`: the catalog's rows (drift.postgres.catalog: one read-only snapshot,
one round trip, nothing ever written) built into objects as soon as each query's rows arrive
(drift.postgres.build), while the server (another process) still computes the later queries.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from drift.model.schema import DatabaseSchema
from drift.postgres.build import SchemaBuilder
from drift.postgres.catalog import QUERY_NAMES, STREAMING, fetch_catalog, read_catalog, read_database

__all__ = ["QUERY_NAMES", "STREAMING", "fetch_catalog", "introspect_connection", "introspect_database"]


def introspect_database(conninfo: str, schemas: Sequence[str] = ("public",)) -> DatabaseSchema:
    """Connect (URL or libpq string), read the chosen schemas, disconnect."""
    schemas = tuple(dict.fromkeys(schemas))
    builder = SchemaBuilder(schemas)
    with _no_cyclic_collection():
        read_database(conninfo, schemas, builder.add)
        return builder.schema()


def introspect_connection(
    connection: psycopg.Connection, schemas: Sequence[str] = ("public",), streaming: bool | None = None
) -> DatabaseSchema:
    """Read the chosen schemas through an open connection (autocommit or not), building while reading."""
    schemas = tuple(dict.fromkeys(schemas))
    builder = SchemaBuilder(schemas)
    with _no_cyclic_collection():
        read_catalog(connection, schemas, builder.add, streaming)
        return builder.schema()


@contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """Tens of thousands of small objects and no cycles among them: the cyclic collector would only rescan them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
