"""Connection failures: one line naming host, port and database with the server's reason; never the password."""

from __future__ import annotations

import socket

import pytest

from drift.errors import EXIT_BAD_INPUT, EXIT_UNREACHABLE, BadInput, DatabaseUnreachable
from drift.postgres.connect import connect, to_conninfo
from drift.postgres.urls import prisma_schema_parameter
from drift.postgres.introspect import introspect_database

PASSWORD = "s3cr3t-Pa55word"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _assert_one_line_without_password(error: DatabaseUnreachable) -> str:
    message = str(error)
    assert "\n" not in message
    assert PASSWORD not in message
    assert error.exit_code == EXIT_UNREACHABLE
    return message


def test_closed_port() -> None:
    port = _closed_port()
    with pytest.raises(DatabaseUnreachable) as caught:
        connect(f"postgresql://alice:{PASSWORD}@127.0.0.1:{port}/shop")
    message = _assert_one_line_without_password(caught.value)
    assert f"127.0.0.1:{port}" in message and '"shop"' in message
    assert "refused" in message.lower()


def test_bad_database_name(pg_server) -> None:
    url = pg_server.url("no_such_database")
    separator = "&" if "?" in url else "?"
    with pytest.raises(DatabaseUnreachable) as caught:
        introspect_database(f"{url}{separator}password={PASSWORD}")
    message = _assert_one_line_without_password(caught.value)
    assert '"no_such_database"' in message
    assert 'database "no_such_database" does not exist' in message


def test_password_in_key_value_conninfo_is_never_shown() -> None:
    port = _closed_port()
    with pytest.raises(DatabaseUnreachable) as caught:
        connect(f"host=127.0.0.1 port={port} dbname=shop user=alice password={PASSWORD}")
    _assert_one_line_without_password(caught.value)


def test_unparsable_connection_string() -> None:
    with pytest.raises(DatabaseUnreachable) as caught:
        connect(f"postgresql://alice:{PASSWORD}@host:notaport/db")
    _assert_one_line_without_password(caught.value)


def test_prisma_url_parameters_are_dropped_for_libpq() -> None:
    url = "postgresql://u:p@db.example.com:5433/app?schema=billing&connection_limit=5&sslmode=require"
    assert to_conninfo(url) == "postgresql://u:p@db.example.com:5433/app?sslmode=require"
    assert prisma_schema_parameter(url) == "billing"
    assert prisma_schema_parameter("postgresql://u@h/app") is None


def test_timeout_while_reading_the_catalog_is_one_line(database, monkeypatch) -> None:
    from drift.postgres import catalog, introspect

    database.load("CREATE TABLE t (id integer)")
    monkeypatch.setattr(catalog, "STATEMENT_TIMEOUT", "1ms")
    # A catalog query that outlives statement_timeout.
    monkeypatch.setattr(catalog, "QUERY_NAMES", ("slow",))
    monkeypatch.setattr(catalog, "load_query", lambda name, version=0: "SELECT pg_sleep(1)")
    with pytest.raises(DatabaseUnreachable) as caught:
        introspect.introspect_database(database.url)
    assert "\n" not in str(caught.value)
    assert "statement timeout" in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        f"alice:{PASSWORD}@127.0.0.1/shop",  # no scheme: libpq quoted the whole string back
        f"mysql://alice:{PASSWORD}@127.0.0.1/shop",
        f"postgres://alice:{PASSWORD}@[::1:5432/shop",
        f"postgresql://alice:{PASSWORD}@127.0.0.1/shop?sslmode=bogus",
        f"postgresql://alice:{PASSWORD}@127.0.0.1:99999/shop",
        f"postgresql://alice:{PASSWORD}@127.0.0.1/shop?x=%zz",
    ],
)
def test_a_connection_string_that_cannot_be_right_is_bad_input_without_its_password(url: str) -> None:
    """Nothing was asked of a server: exit 2, not 3 (found by a tester; the first printed the password)."""
    with pytest.raises(BadInput) as caught:
        connect(url)
    message = str(caught.value)
    assert PASSWORD not in message and "\n" not in message and caught.value.exit_code == EXIT_BAD_INPUT


def test_url_parameters_are_passed_on_as_written() -> None:
    """Re-encoding the query turned `%20` into `+`, which libpq reads as a plus sign (`options=-c+search_path`)."""
    url = "postgresql://u@h/app?options=-c%20search_path%3Dpublic&max_connection_lifetime=5&schema=x&sslmode=require"
    assert to_conninfo(url) == "postgresql://u@h/app?options=-c%20search_path%3Dpublic&sslmode=require"
    assert to_conninfo("postgresql://u@h/app?schema=x") == "postgresql://u@h/app"
