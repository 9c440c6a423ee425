"""Identifiers and literals: the one place that quotes them, and PostgreSQL's 63-byte name limit."""

from __future__ import annotations

import re

MAX_IDENTIFIER_BYTES = 63
_PLAIN = re.compile(r"^[a-z_][a-z0-9_$]*$")


def quote_identifier(name: str) -> str:
    """Always quote: `"User"`, `"a""b"`. Every emitter uses this, never string formatting of its own."""
    return '"' + name.replace('"', '""') + '"'


def quote_qualified(schema: str | None, name: str) -> str:
    return f"{quote_identifier(schema)}.{quote_identifier(name)}" if schema else quote_identifier(name)


def quote_literal(value: str) -> str:
    """A standard-conforming SQL string literal (no backslash escapes), `'it''s'`."""
    return "'" + value.replace("'", "''") + "'"


def truncate_identifier(name: str, limit: int = MAX_IDENTIFIER_BYTES) -> str:
    """What PostgreSQL stores for a longer name: the first 63 bytes (or `limit`), never splitting a UTF-8 character."""
    if len(name) <= limit and name.isascii():  # nearly every name: its length is its byte length, nothing to cut
        return name
    encoded = name.encode("utf-8")
    if len(encoded) <= limit:
        return name
    return encoded[:limit].decode("utf-8", errors="ignore")


def needs_quotes(name: str) -> bool:
    return _PLAIN.match(name) is None
