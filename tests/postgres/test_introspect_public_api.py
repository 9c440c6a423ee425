"""The introspector's fallback through psycopg's public API (used when a psycopg release moves the internals that
the one-round-trip pipeline drives): the same tests as the pipeline, run on the fallback, and both paths agree."""

from __future__ import annotations

import psycopg
import pytest

from drift.postgres import catalog, introspect
from tests.postgres.test_introspect import (  # noqa: F401 - collected again here, on the public-API path
    load_kitchen_sink,
    test_a_caller_transaction_that_has_already_failed_gets_the_server_error,
    test_a_failed_catalog_query_leaves_the_connection_usable,
    test_a_failure_while_building_leaves_the_connection_usable,
    test_catalog_is_read_in_a_read_only_repeatable_read_transaction,
    test_kitchen_sink_matches_golden_snapshot,
    test_open_connection_in_any_state,
)


# Read before the fixture below patches it.
INSTALLED_PSYCOPG_STREAMS = catalog.STREAMING


@pytest.fixture(autouse=True)
def public_api_only(monkeypatch):
    monkeypatch.setattr(catalog, "STREAMING", False)


def test_the_installed_psycopg_takes_the_pipeline_path() -> None:
    # If this fails, a psycopg release has moved the internals: drift still works (the fallback), but slower.
    assert INSTALLED_PSYCOPG_STREAMS is True


@pytest.mark.parametrize("autocommit", [True, False])
def test_both_paths_read_the_same_schema(database, autocommit: bool) -> None:
    load_kitchen_sink(database)
    with psycopg.connect(database.conninfo, autocommit=autocommit) as connection:
        public = introspect.introspect_connection(connection, ("public", "other"), streaming=False)
        pipeline = introspect.introspect_connection(connection, ("public", "other"), streaming=True)
    assert public == pipeline
    assert public.tables and public.enums
