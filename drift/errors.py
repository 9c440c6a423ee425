"""Domain errors. Library code raises these; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

import re

EXIT_OK = 0
EXIT_DRIFT = 1
EXIT_BAD_INPUT = 2
EXIT_UNREACHABLE = 3


class DriftError(Exception):
    """A user-facing failure: `str()` is the whole message, one line unless it carries rendered diagnostics."""

    exit_code = EXIT_BAD_INPUT


class BadInput(DriftError):
    """A file that cannot be read or parsed, a bad option, a migration that does not replay."""

    exit_code = EXIT_BAD_INPUT


class DatabaseUnreachable(DriftError):
    """The database cannot be reached; the message names host, port and database, never a password."""

    exit_code = EXIT_UNREACHABLE


# Passwords in messages: `scheme://user:password@`, `user:password@host` without a scheme (libpq quotes back a string
# it cannot read), and libpq's `password=...` settings.
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-z][a-z0-9+.-]*://[^\s:/@]*):(?P<password>[^\s@/]*)@", re.IGNORECASE)
_USERINFO_PASSWORD = re.compile(r"(?P<head>(?<![\w.:/-])[\w.-]+):(?P<password>[^\s@/\"']+)@(?=[\w.\[-])")
_CONNINFO_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<password>'(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def mask_passwords(text: str) -> str:
    """`text` with every password that a URL, a `user:password@host` or a `password=` setting shows masked."""
    text = _URL_PASSWORD.sub(lambda match: f"{match['head']}:***@", text)
    text = _USERINFO_PASSWORD.sub(lambda match: f"{match['head']}:***@", text)
    return _CONNINFO_PASSWORD.sub(lambda match: f"{match['head']}***", text)
