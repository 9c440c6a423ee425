"""Read a live database's catalog: a fixed set of set-based queries (`queries/*.sql`), sent in one pipeline together
with the transaction around them (BEGIN READ ONLY, REPEATABLE READ so that every query sees the same snapshot; the
queries; ROLLBACK): one round trip, whatever the number of tables. Nothing is ever written.

Rows come back as tuples, query by query, to a callback; nothing here knows drift's models (drift.postgres.build
makes them, drift.postgres.introspect joins the two), so that `drift check`'s reader process can fetch a small
catalog without importing pydantic and the model classes, which its parent imports meanwhile.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import NamedTuple

import psycopg
from psycopg import pq
from psycopg.adapt import PyFormat, Transformer

# The one-round-trip pipeline that builds while reading drives psycopg below its public API (the generators that send
# and fetch, Connection.wait, error_from_result). Should a psycopg release move them, the catalog is read through the
# public API instead: one statement at a time, the same statements and the same rows, a few more round trips.
try:
    from psycopg import generators
    from psycopg.errors import error_from_result

    STREAMING = all(
        callable(candidate)
        for candidate in (
            getattr(generators, "send", None),
            getattr(generators, "fetch_many", None),
            getattr(psycopg.Connection, "wait", None),
            getattr(Transformer, "set_pgresult", None),
            getattr(Transformer, "load_rows", None),
        )
    )
except ImportError:
    STREAMING = False

# The order of the pipeline, and of building: a query's rows are built as they arrive, from what came before
# (comments before the columns they annotate; columns before the keys and indexes that name them by number; relations
# last, as each table gathers its parts). The column query, the longest for the server and the most work for the
# client, goes first: its objects are built while the server computes the keys and indexes.
QUERY_NAMES = (
    "comments",
    "columns",
    "lookups",
    "constraints",
    "indexes",
    "triggers",
    "enums",
    "sequences",
    "extensions",
    "relations",
)
STATEMENT_TIMEOUT = "60s"
LOCK_TIMEOUT = "5s"
SAVEPOINT = "drift_introspection"

# Catalog columns newer than the oldest server we read (PostgreSQL 13): (introduced in, column, stand-in value).
_NEWER_CATALOG_COLUMNS = ((150000, "i.indnullsnotdistinct", "false"),)


@cache
def load_query(name: str, server_version: int = 180000) -> str:
    """The query's text for that server; the schema list, `%(schemas)s` in the file, is its parameter `$1`."""
    text = resources.files("drift.postgres").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")
    for introduced, column, stand_in in _NEWER_CATALOG_COLUMNS:
        if server_version < introduced:
            text = text.replace(column, stand_in)
    return text.replace("%(schemas)s", "$1")



def read_database(
    conninfo: str, schemas: Sequence[str], receive: Callable[[str, list[tuple]], None], streaming: bool | None = None
) -> None:
    """Connect (URL or libpq string), `read_catalog`, disconnect; DatabaseUnreachable with one line when the server
    cannot be reached or the connection drops (or times out) while reading."""
    from drift.errors import DatabaseUnreachable
    from drift.postgres.connect import connect, describe_target

    with connect(conninfo) as connection:
        try:
            read_catalog(connection, schemas, receive, streaming)
        except psycopg.OperationalError as error:
            # A dropped connection, or statement_timeout / lock_timeout while reading the catalog.
            reason = " ".join((error.diag.message_primary or str(error) or type(error).__name__).split())
            raise DatabaseUnreachable(f"cannot read the catalog of {describe_target(conninfo)}: {reason}") from None


class _Statement(NamedTuple):
    text: bytes
    parameters: list | None  # Python values for the $1, $2... placeholders
    query: str | None  # the catalog query whose rows these are; None for the transaction's own statements


def read_catalog(
    connection: psycopg.Connection,
    schemas: Sequence[str],
    receive: Callable[[str, list[tuple]], None],
    streaming: bool | None = None,
) -> None:
    """Run every catalog query in one read-only snapshot and one round trip; hand each query's rows (tuples) to
    `receive(name, rows)` as soon as they arrive, in QUERY_NAMES order. (`streaming=False`: one statement at a time
    through psycopg's public API; the same rows.)

    An open transaction is reused, inside a savepoint that restores its settings afterwards; it is then not forced
    READ ONLY (that is the caller's call)."""
    if streaming is None:
        streaming = STREAMING
    own_transaction = connection.info.transaction_status == pq.TransactionStatus.IDLE
    if own_transaction and not streaming and not connection.autocommit:
        # psycopg opens the transaction itself on the first statement; this sets it up before any query.
        opening, closing = ["SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"], ["ROLLBACK"]
    elif own_transaction:
        opening, closing = ["BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"], ["ROLLBACK"]
    else:
        # The caller's transaction: the settings below are undone by rolling back to the savepoint.
        opening = [f"SAVEPOINT {SAVEPOINT}"]
        closing = [f"ROLLBACK TO SAVEPOINT {SAVEPOINT}", f"RELEASE SAVEPOINT {SAVEPOINT}"]
    schema_list = [list(schemas)]
    # Deparsed texts (defaults, predicates, view definitions) depend on session settings: names not on the search_path
    # are qualified, date/time constants follow DateStyle and TimeZone. Pin them, so that the output never depends on
    # the role's or the server's settings.
    settings = _Statement(
        b"SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true),"
        b" set_config('application_name', 'drift', true),"
        # the schemas to read, quoted by the server
        b" set_config('search_path',"
        b" (SELECT string_agg(quote_ident(name), ', ') FROM unnest($3::text[]) AS name), true),"
        b" set_config('DateStyle', 'ISO, MDY', true), set_config('IntervalStyle', 'postgres', true),"
        b" set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '1', true)",
        [STATEMENT_TIMEOUT, LOCK_TIMEOUT, list(schemas)],
        None,
    )
    version = connection.info.server_version
    queries = [(name, load_query(name, version).encode()) for name in QUERY_NAMES]
    statements = [
        *(_Statement(text.encode(), None, None) for text in opening),
        settings,
        *(_Statement(text, schema_list if b"$1" in text else None, name) for name, text in queries),
        *(_Statement(text.encode(), None, None) for text in closing),
    ]
    # `receive` runs while the connection is locked and in pipeline mode: it builds, it never uses the connection.
    if streaming:
        with connection.lock:
            failure = _run_pipeline(connection, statements, receive)
    else:
        try:
            failure = _run_one_by_one(connection, statements, receive)
        except BaseException:
            # A failure while building (or an interruption): close what this opened, the caller's error stands.
            if connection.info.transaction_status == pq.TransactionStatus.INTRANS:
                with contextlib.suppress(psycopg.Error):
                    for text in closing:
                        connection.execute(text)
            raise
    if failure is None:
        return
    failed_statement, error = failure
    # A failed statement aborts the rest of the pipeline, ROLLBACK included: close the transaction (or savepoint)
    # here, unless it was the opening statement that failed.
    if failed_statement >= len(opening) and connection.info.transaction_status == pq.TransactionStatus.INERROR:
        for text in closing:
            connection.execute(text)
    raise error


def _run_pipeline(
    connection: psycopg.Connection, statements: list[_Statement], receive: Callable[[str, list[tuple]], None]
) -> tuple[int, psycopg.Error] | None:
    """Send every statement, then take their results one by one as they arrive. The first failure, if any, is
    returned (the statement's index and its error) once the whole pipeline has been collected (the server skips the
    statements after it)."""
    pgconn = connection.pgconn
    transformer = Transformer(connection)
    dump = transformer.dump_sequence
    failure: tuple[int, psycopg.Error] | None = None
    remaining = len(statements) + 1  # results still to collect: one per statement, and the Sync's
    text = PyFormat.TEXT
    parameters = [
        None if statement.parameters is None else dump(statement.parameters, [text] * len(statement.parameters))
        for statement in statements
    ]
    pgconn.enter_pipeline_mode()
    try:
        for statement, values in zip(statements, parameters):
            # Rows in binary: about half the client's cost of loading them (integer arrays above all).
            pgconn.send_query_params(statement.text, values, result_format=pq.Format.BINARY)
            # The server flushes its output at a Flush: each result leaves as soon as it is complete, instead of
            # waiting for the next result to fill the buffer.
            pgconn.send_flush_request()
        pgconn.pipeline_sync()
        connection.wait(generators.send(pgconn))
        for number, statement in enumerate(statements):
            result = connection.wait(generators.fetch_many(pgconn))[0]
            remaining -= 1
            if result.status == pq.ExecStatus.FATAL_ERROR:
                failure = failure or (number, error_from_result(result, connection.info.encoding))
            elif statement.query is not None and result.status == pq.ExecStatus.TUPLES_OK:
                transformer.set_pgresult(result)
                receive(statement.query, transformer.load_rows(0, result.ntuples, tuple))
        connection.wait(generators.fetch_many(pgconn))  # the Sync
        remaining -= 1
    except BaseException:
        _abandon_pipeline(connection, remaining)
        raise
    pgconn.exit_pipeline_mode()
    return failure


def _run_one_by_one(
    connection: psycopg.Connection, statements: list[_Statement], receive: Callable[[str, list[tuple]], None]
) -> tuple[int, psycopg.Error] | None:
    """The public-API path: each statement in turn (a RawCursor takes the statements' $1 placeholders as they
    are), rows in binary as in the pipeline. Returns the first failure (the statement's index and its error)."""
    with psycopg.RawCursor(connection) as cursor:
        for number, statement in enumerate(statements):
            try:
                cursor.execute(statement.text, statement.parameters, binary=True)
            except psycopg.Error as error:
                return number, error
            if statement.query is not None:
                receive(statement.query, cursor.fetchall())
    return None


def _abandon_pipeline(connection: psycopg.Connection, remaining: int) -> None:
    """After an interruption (Ctrl-C, a lost connection, a failure while building): collect what is left, if the
    connection still allows it, so that it leaves pipeline mode; the original exception is the one that matters."""
    try:
        for _ in range(remaining):
            connection.wait(generators.fetch_many(connection.pgconn))
        connection.pgconn.exit_pipeline_mode()
    except (psycopg.Error, OSError):
        pass


def fetch_catalog(connection: psycopg.Connection, schemas: Sequence[str]) -> dict[str, list[tuple]]:
    """The raw rows of every catalog query by name, nothing built (also used by the benchmark)."""
    rows: dict[str, list[tuple]] = {}
    read_catalog(connection, schemas, rows.__setitem__)
    return rows

