"""Domain errors. Library code raises these; only the CLI turns them into messages and exit codes."""

from __future__ import annotations

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
