"""Opening a connection: a connect timeout, `application_name = drift`, and one-line errors without the password."""

from __future__ import annotations

import re
from urllib.parse import unquote

import psycopg
from psycopg.conninfo import conninfo_to_dict

from drift.errors import BadInput, DatabaseUnreachable, mask_passwords

CONNECT_TIMEOUT_SECONDS = 10

# Query parameters that Prisma's connection strings carry and libpq rejects ("invalid URI query parameter").
_PRISMA_ONLY_PARAMETERS = frozenset(
    {
        "schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout",
        "sslaccept", "sslidentity", "sslpassword", "max_connection_lifetime", "max_idle_connection_lifetime",
    }
)
# A URL of another scheme (mysql://, prisma://): not something libpq can read.
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
# libpq's complaints about a setting's value, raised when connecting but about the string, not the server.
_BAD_SETTING = re.compile(r"^(invalid [\w ]+ (value|number|method|range)|could not match \d+ host names)", re.IGNORECASE)


def to_conninfo(url_or_conninfo: str) -> str:
    """A libpq connection string from a URL or key=value string; Prisma-only URL parameters are dropped, the others
    kept exactly as written (re-encoding them would turn `%20` into `+`, which libpq reads as a plus sign)."""
    text = url_or_conninfo.strip()
    if not re.match(r"^postgres(ql)?://", text, re.IGNORECASE):
        return text
    base, question, rest = text.partition("?")
    if not question:
        return text
    query, hash_, fragment = rest.partition("#")
    kept = [part for part in query.split("&") if part and unquote(part.partition("=")[0]) not in _PRISMA_ONLY_PARAMETERS]
    return base + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


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
    scheme = _OTHER_SCHEME.match(conninfo)
    if scheme and not re.match(r"^postgres(ql)?://", conninfo, re.IGNORECASE):
        raise BadInput(
            f"{scheme.group(0)} is not a PostgreSQL URL: give a postgresql:// URL or libpq key=value settings."
        )
    try:
        parameters = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError as error:
        # libpq quotes the string it could not read, which may hold a password (`user:secret@host/db`).
        raise BadInput(f"invalid connection string: {_scrub(_first_line(str(error)))}") from None
    parameters.setdefault("connect_timeout", str(connect_timeout))
    parameters.setdefault("application_name", "drift")
    try:
        return psycopg.connect(**parameters, autocommit=autocommit)
    except psycopg.Error as error:
        reason = _scrub(_reason(error), parameters.get("password"))
        if _BAD_SETTING.match(reason):  # sslmode=bogus, port=abc: the string is wrong, no server was asked
            raise BadInput(f"invalid connection string for {describe_target(conninfo)}: {reason}") from None
        raise DatabaseUnreachable(f"cannot connect to PostgreSQL at {describe_target(conninfo)}: {reason}") from None


def _reason(error: psycopg.Error) -> str:
    diag = getattr(error, "diag", None)
    primary = diag.message_primary if diag is not None else None
    if primary:
        return primary.strip().rstrip(".") + "."
    # libpq's own messages: 'connection failed: connection to server at "h" (addr), port 1 failed: Connection refused'
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    message = lines[0] if lines else type(error).__name__
    message = re.sub(r"^connection (failed|is bad):\s*", "", message)
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
    message = mask_passwords(message)
    return " ".join(message.split())
