"""Opening a connection: a connect timeout, `application_name = drift`, and one-line errors without the password."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from drift.errors import DatabaseUnreachable

CONNECT_TIMEOUT_SECONDS = 10

# Query parameters that Prisma's connection strings carry and libpq rejects ("invalid URI query parameter").
_PRISMA_ONLY_PARAMETERS = frozenset(
    {"schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "sslaccept", "sslidentity", "sslpassword"}
)


def to_conninfo(url_or_conninfo: str) -> str:
    """A libpq connection string from a URL or key=value string; Prisma-only URL parameters are dropped."""
    text = url_or_conninfo.strip()
    if not re.match(r"^postgres(ql)?://", text):
        return text
    parts = urlsplit(text)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in _PRISMA_ONLY_PARAMETERS]
    return urlunsplit(parts._replace(query=urlencode(query)))


def describe_target(url_or_conninfo: str) -> str:
    """`host:port/database` for messages; never includes the password."""
    try:
        parameters = conninfo_to_dict(to_conninfo(url_or_conninfo))
    except psycopg.ProgrammingError:
        return "<an unparsable connection string>"
    host = parameters.get("host") or parameters.get("hostaddr") or "localhost"
    port = parameters.get("port") or "5432"
    database = parameters.get("dbname") or parameters.get("user") or "postgres"
    return f'{host}:{port}, database "{database}"'


def connect(url_or_conninfo: str, *, autocommit: bool = True, connect_timeout: int = CONNECT_TIMEOUT_SECONDS) -> psycopg.Connection:
    """An open connection, or DatabaseUnreachable with one line: host, port, database and the server's message."""
    conninfo = to_conninfo(url_or_conninfo)
    try:
        parameters = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError as error:
        raise DatabaseUnreachable(f"invalid connection string: {_scrub(_first_line(str(error)))}.") from None
    parameters.setdefault("connect_timeout", str(connect_timeout))
    parameters.setdefault("application_name", "drift")
    try:
        return psycopg.connect(**parameters, autocommit=autocommit)
    except psycopg.Error as error:
        reason = _scrub(_reason(error), parameters.get("password"))
        raise DatabaseUnreachable(f"cannot connect to PostgreSQL at {describe_target(conninfo)}: {reason}") from None


def _reason(error: psycopg.Error) -> str:
    diag = getattr(error, "diag", None)
    primary = diag.message_primary if diag is not None else None
    if primary:
        return primary.strip().rstrip(".") + "."
    # libpq's own messages: 'connection failed: connection to server at "h" (addr), port 1 failed: Connection refused'
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    message = lines[0] if lines else type(error).__name__
    message = re.sub(r"^connection failed:\s*", "", message)
    message = re.sub(r'^connection to server (at|on) .*? failed:\s*', "", message)
    message = re.sub(r"^(FATAL|ERROR):\s*", "", message)
    return message.rstrip(".") + "."


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _scrub(message: str, *passwords: str | None) -> str:
    """Remove any password that a driver message might echo back; collapse to one line."""
    for password in passwords:
        if password:
            message = message.replace(password, "***")
    return " ".join(message.split())
