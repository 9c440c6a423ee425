"""The introspector against a real server: the kitchen-sink golden snapshot, round trips, read-only, query count."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import pq, sql

from drift.model.schema import DatabaseSchema
from drift.postgres.introspect import (
    QUERY_NAMES,
    introspect_connection,
    introspect_database,
)
from tests.conftest import FIXTURES

KITCHEN_SINK = FIXTURES / "kitchen_sink"


def load_kitchen_sink(database) -> None:
    database.load_file(KITCHEN_SINK / "database.sql")
    # What a failed CREATE INDEX CONCURRENTLY leaves behind: an invalid index (dup holds duplicate rows).
    with database.connect() as connection, pytest.raises(psycopg.errors.UniqueViolation):
        connection.execute("CREATE UNIQUE INDEX CONCURRENTLY dup_v_key ON dup (v)")


def test_kitchen_sink_matches_golden_snapshot(database) -> None:
    load_kitchen_sink(database)
    actual = introspect_database(database.url, ("public", "other")).to_json()
    golden = KITCHEN_SINK / "snapshot.json"
    if os.environ.get("DRIFT_UPDATE_GOLDEN") == "1":
        golden.write_text(actual)
    assert actual == golden.read_text()


def test_kitchen_sink_features(database) -> None:
    """Spot checks of the golden file's content, so that a regenerated golden cannot silently lose a feature."""
    load_kitchen_sink(database)
    schema = introspect_database(database.conninfo, ("public", "other"))
    names = [(table.schema_name, table.name) for table in schema.tables]
    assert names == sorted(names)
    assert ("public", "event") in names and ("public", "event_2025") not in names
    assert schema.table("event").partitioned
    assert schema.table("dog").inherits == ("public.animal",)
    assert schema.table("_prisma_migrations") is not None

    user = schema.table("User")
    assert user.column("email").type == "citext" and user.column("email").type_schema == "public"
    assert user.column("mood").type_schema == "other" and user.column("mood").default == "'happy'"
    assert (user.column("roles").type, user.column("roles").dimensions, user.column("roles").default) == ("Status", 1, "ARRAY['ACTIVE']")
    assert user.column("matrix").dimensions == 1  # declared integer[][]: the same type to PostgreSQL
    assert user.column("id").default == "autoincrement()"
    assert user.column("bio").collation == "C"
    # A domain column: its base type, as Prisma's engine reads it, and the domain's name.
    assert (user.column("score").type, user.column("score").domain) == ("integer", "positive_int")
    assert user.index("User_email_key").unique and not user.index("User_email_key").constraint
    expression_index = user.index("User_lower_displayName_idx")
    assert expression_index.columns[0].column is None and expression_index.columns[0].opclass == "varchar_pattern_ops"
    assert expression_index.predicate is not None
    assert user.index("User_bio_idx").include == ("displayName",)
    assert user.index("User_bio_idx").columns[0].nulls == "FIRST"
    assert user.index("User_ratio_idx").columns[0].nulls == "LAST"
    assert user.index("User_status_createdAt_idx").columns[1].order == "DESC"
    assert user.index("User_status_createdAt_idx").columns[1].nulls is None
    assert user.index("User_tags_idx").method == "gin"

    post = schema.table("Post")
    assert post.column("id").identity == "ALWAYS" and post.column("legacy_id").identity == "BY DEFAULT"
    assert post.column("slug").generated == "lower((title)::text)"
    assert post.index("Post_slug_unique").constraint
    assert post.index("Post_title_author_key").nulls_not_distinct
    assert {check.name: check.validated for check in post.checks} == {"Post_price_check": True, "title_not_blank": False}
    assert [trigger.name for trigger in post.triggers] == ["post_touch"]
    assert schema.table("dup").index("dup_v_key").valid is False

    session_fk = schema.table("session").foreign_keys[0]
    assert (session_fk.referenced_schema, session_fk.on_delete, session_fk.validated) == ("other", "SET NULL", False)
    account_fk = schema.table("account", "other").foreign_keys[0]
    assert account_fk.deferrable and account_fk.initially_deferred
    # One foreign key to the partitioned parent, not one per partition.
    assert len(schema.table("event_note").foreign_keys) == 1
    assert schema.table("booking").exclusions[0].definition.startswith("EXCLUDE USING gist")

    assert schema.enum("priority").value_names == ("low", "medium", "high")
    assert {(view.name, view.materialized) for view in schema.views} == {("active_user", False), ("post_count", True)}
    assert [extension.name for extension in schema.extensions] == ["btree_gist", "citext"]
    sequences = {sequence.name: sequence for sequence in schema.sequences}
    assert sequences["User_id_seq"].owned_by_column == "id" and sequences["invoice_number"].owned_by_table is None
    assert "Post_id_seq" not in sequences  # identity sequences belong to their column


def test_only_the_chosen_schemas_are_read(database) -> None:
    load_kitchen_sink(database)
    schema = introspect_database(database.url)
    assert schema.schemas == ("public",)
    assert {table.schema_name for table in schema.tables} == {"public"}
    assert [enum.name for enum in schema.enums] == ["Status", "priority"]
    # A column may still use an enum that lives in a schema that was not read.
    assert schema.table("User").column("mood").type_schema == "other"


def test_snapshot_json_round_trip(database) -> None:
    load_kitchen_sink(database)
    schema = introspect_database(database.url, ("public", "other"))
    again = DatabaseSchema.from_json(schema.to_json())
    assert again == schema
    assert again.to_json() == schema.to_json()
    # model_construct built the same objects validation would have built.
    assert DatabaseSchema.model_validate(schema.model_dump()) == schema


def test_open_connection_in_any_state(database) -> None:
    load_kitchen_sink(database)
    expected = introspect_database(database.url, ("public", "other"))
    with psycopg.connect(database.conninfo) as connection:  # not autocommit: psycopg opens the transaction
        assert introspect_connection(connection, ("public", "other")) == expected
        assert connection.info.transaction_status == pq.TransactionStatus.IDLE
        connection.execute("SET LOCAL search_path = other")  # the caller's own transaction, with its own settings
        assert introspect_connection(connection, ("public", "other")) == expected
        assert connection.info.transaction_status == pq.TransactionStatus.INTRANS
        # Left open, with the caller's settings back (the introspector's were undone with its savepoint).
        assert connection.execute("SHOW search_path").fetchone() == ("other",)
        assert connection.execute("SHOW statement_timeout").fetchone() == ("0",)


def test_introspection_is_read_only_and_needs_no_table_privileges(database, pg_server) -> None:
    load_kitchen_sink(database)
    expected = introspect_database(database.url, ("public", "other"))
    role = f"reader_{uuid.uuid4().hex[:8]}"
    pg_server.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    try:
        pg_server.execute(sql.SQL("ALTER ROLE {} SET default_transaction_read_only = on").format(sql.Identifier(role)))
        conninfo = psycopg.conninfo.make_conninfo(database.conninfo, user=role)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            assert connection.execute("SHOW default_transaction_read_only").fetchone() == ("on",)
            # USAGE on the schema (PUBLIC has it) but no privilege on any table.
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute('SELECT * FROM public."User"')
            assert introspect_connection(connection, ("public", "other")) == expected
    finally:
        pg_server.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _many_tables(count: int) -> str:
    statements = ['CREATE TYPE "Kind" AS ENUM (\'a\', \'b\');']
    for number in range(count):
        parent = f"t{number - 1}"
        reference = f', parent_id integer REFERENCES "{parent}"(id)' if number else ""
        statements.append(
            f'CREATE TABLE "t{number}" (id serial PRIMARY KEY, name varchar(50) NOT NULL UNIQUE, kind "Kind" DEFAULT \'a\','
            f" created_at timestamp(3) DEFAULT now(){reference});"
            f'CREATE INDEX "t{number}_created_at_idx" ON "t{number}" (created_at DESC);'
        )
    return "\n".join(statements)


def _messages_sent(conninfo: str, trace_file: Path) -> tuple[int, int]:
    """(statements, round trips) that introspection sends, read from libpq's protocol trace."""
    with psycopg.connect(conninfo, autocommit=True) as connection, trace_file.open("w") as trace:
        connection.pgconn.trace(trace.fileno())
        connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        schema = introspect_connection(connection)
        connection.pgconn.untrace()
    assert schema.tables
    messages = [line.split("\t")[2].split(" ")[0] for line in trace_file.read_text().splitlines() if line.startswith("F\t")]
    statements = messages.count("Parse") + messages.count("Query")
    round_trips = messages.count("Sync") + messages.count("Query")
    return statements, round_trips


def test_number_of_queries_does_not_depend_on_number_of_tables(pg_server, tmp_path: Path) -> None:
    counts = []
    for table_count in (10, 500):
        created = pg_server.new_database()
        try:
            created.load(_many_tables(table_count))
            counts.append(_messages_sent(created.conninfo, tmp_path / f"trace_{table_count}.txt"))
            assert len(introspect_database(created.url).tables) == table_count
        finally:
            pg_server.drop_database(created.name)
    assert counts[0] == counts[1]
    statements, round_trips = counts[0]
    assert statements == len(QUERY_NAMES) + 3  # BEGIN, the settings, the queries, ROLLBACK
    assert round_trips == 1  # all of them in one pipeline


def test_connection_is_named_drift(database) -> None:
    from drift.postgres.connect import connect

    with connect(database.url) as connection:
        assert connection.execute("SHOW application_name").fetchone() == ("drift",)


def test_queries_for_older_servers_avoid_newer_catalog_columns() -> None:
    from drift.postgres.catalog import load_query

    assert "indnullsnotdistinct" in load_query("indexes", 180000)
    assert "indnullsnotdistinct" not in load_query("indexes", 140000)
    assert all(load_query(name, 130000).strip() for name in QUERY_NAMES)


def _walk(value):
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        yield value
        for field in type(value).model_fields:
            yield from _walk(getattr(value, field))
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item)


def test_every_built_object_has_every_field(database) -> None:
    """The introspector builds models without validation: each must still carry exactly the model's fields."""
    load_kitchen_sink(database)
    objects = list(_walk(introspect_database(database.url, ("public", "other"))))
    assert len(objects) > 100
    for instance in objects:
        assert list(instance.__dict__) == list(type(instance).model_fields), type(instance).__name__


@pytest.mark.parametrize("autocommit", [True, False])
def test_catalog_is_read_in_a_read_only_repeatable_read_transaction(database, monkeypatch, autocommit: bool) -> None:
    from drift.postgres import catalog

    probe = (
        "SELECT current_setting('transaction_read_only'), current_setting('transaction_isolation'),"
        " current_setting('statement_timeout'), current_setting('lock_timeout'), current_setting('application_name'),"
        " current_setting('TimeZone'), current_setting('search_path')"
    )
    monkeypatch.setattr(catalog, "QUERY_NAMES", ("settings",))
    monkeypatch.setattr(catalog, "load_query", lambda name, version=0: probe)
    with psycopg.connect(database.conninfo, autocommit=autocommit) as connection:
        rows = catalog.fetch_catalog(connection, ("public", "Other"))
        assert connection.info.transaction_status == pq.TransactionStatus.IDLE
    assert rows["settings"] == [("on", "repeatable read", "1min", "5s", "drift", "UTC", 'public, "Other"')]


def test_foreign_key_to_a_partition_or_another_schema(database) -> None:
    database.load(
        "CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.target (code text PRIMARY KEY);"
        "CREATE TABLE measure (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);"
        "CREATE TABLE measure_2025 PARTITION OF measure FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
        "CREATE TABLE source (m_id integer, m_at date, code text,"
        " FOREIGN KEY (m_id, m_at) REFERENCES measure_2025 (id, at), FOREIGN KEY (code) REFERENCES elsewhere.target (code));"
    )
    keys = introspect_database(database.url).table("source").foreign_keys
    assert [(key.referenced_schema, key.referenced_table, key.referenced_columns) for key in keys] == [
        ("elsewhere", "target", ("code",)),
        ("public", "measure_2025", ("id", "at")),
    ]


def test_a_partition_that_is_partitioned_itself_is_a_table(database) -> None:
    """db pull reads a sub-partitioned partition as a table of its own: its columns, keys, indexes, checks, triggers,
    comment and foreign keys (clones of its parent's included). Leaf partitions stay out, and so do the rows a foreign
    key to a partitioned table has per partition of it (on the referencing table, a partition as referenced table)."""
    database.load(
        "CREATE TABLE ref (id int PRIMARY KEY);"
        " CREATE TABLE p2 (id int, k int, PRIMARY KEY (id, k)) PARTITION BY LIST (k);"
        " CREATE TABLE p2_1 PARTITION OF p2 FOR VALUES IN (1) PARTITION BY LIST (id);"
        " CREATE TABLE p2_1_a PARTITION OF p2_1 FOR VALUES IN (1); CREATE TABLE p2_2 PARTITION OF p2 FOR VALUES IN (2);"
        " CREATE TABLE ev (id int, at date, kind text, rid int REFERENCES ref (id), pid int, pk int,"
        " note text CHECK (note <> ''), PRIMARY KEY (id, at, kind),"
        " CONSTRAINT ev_p2 FOREIGN KEY (pid, pk) REFERENCES p2 (id, k)) PARTITION BY RANGE (at);"
        " CREATE INDEX ev_rid ON ev (rid);"
        " CREATE TABLE ev_a PARTITION OF ev FOR VALUES FROM ('2020-01-01') TO ('2021-01-01') PARTITION BY LIST (kind);"
        " CREATE TABLE ev_a_x PARTITION OF ev_a FOR VALUES IN ('x');"
        " CREATE TABLE ev_b PARTITION OF ev FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');"
        " ALTER TABLE ev_a ADD CONSTRAINT ev_a_own FOREIGN KEY (pid) REFERENCES ref (id);"
        " CREATE UNIQUE INDEX ev_a_u ON ev_a (id, kind, at); COMMENT ON TABLE ev_a IS 'sub';"
        " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';"
        " CREATE TRIGGER ev_t BEFORE INSERT ON ev FOR EACH ROW EXECUTE FUNCTION touch();"
        " CREATE TABLE usr (id int PRIMARY KEY, pid int, pk int, eid int, eat date, ekind text,"
        " CONSTRAINT usr_p2 FOREIGN KEY (pid, pk) REFERENCES p2 (id, k),"
        " CONSTRAINT usr_eva FOREIGN KEY (eid, eat, ekind) REFERENCES ev_a (id, at, kind));"
    )
    schema = introspect_database(database.url)
    assert [table.name for table in schema.tables] == ["ev", "ev_a", "p2", "p2_1", "ref", "usr"]
    sub = schema.table("ev_a")
    assert sub.partitioned and sub.inherits == ("public.ev",) and sub.comment == "sub"
    assert [column.name for column in sub.columns] == ["id", "at", "kind", "rid", "pid", "pk", "note"]
    assert (sub.primary_key.name, sub.primary_key.columns) == ("ev_a_pkey", ("id", "at", "kind"))
    assert [(index.name, index.unique) for index in sub.indexes] == [("ev_a_rid_idx", False), ("ev_a_u", True)]
    assert [check.name for check in sub.checks] == ["ev_note_check"]
    assert [trigger.name for trigger in sub.triggers] == ["ev_t"]

    def keys(table: str) -> list[tuple]:
        return [(key.name, key.referenced_table, key.referenced_columns) for key in schema.table(table).foreign_keys]

    assert keys("ev_a") == [
        ("ev_a_own", "ref", ("id",)),
        ("ev_p2", "p2", ("id", "k")),
        ("ev_rid_fkey", "ref", ("id",)),
    ]
    assert keys("ev") == [("ev_p2", "p2", ("id", "k")), ("ev_rid_fkey", "ref", ("id",))]
    assert keys("usr") == [("usr_eva", "ev_a", ("id", "at", "kind")), ("usr_p2", "p2", ("id", "k"))]
    assert schema.table("p2_1").partitioned and schema.table("p2_1").primary_key.name == "p2_1_pkey"

def test_subscriptable_types_that_are_not_arrays(database) -> None:
    """int2vector and oidvector have an element type and a variable length, like arrays, but are types of their own
    (an int2vector[] column is the array); point and name are subscriptable with a fixed length."""
    database.load("CREATE TABLE t (v int2vector, o oidvector, w int2vector[], p point, n name, s smallint[])")
    table = introspect_database(database.url).table("t")
    assert [(column.name, column.type, column.dimensions) for column in table.columns] == [
        ("v", "int2vector", 0),
        ("o", "oidvector", 0),
        ("w", "int2vector", 1),
        ("p", "point", 0),
        ("n", "name", 0),
        ("s", "smallint", 1),
    ]


def test_a_primary_key_with_include_columns(database) -> None:
    database.load(
        "CREATE TABLE t (a int, b int, x int, y int, PRIMARY KEY (b, a) INCLUDE (y, x));"
        " CREATE TABLE u (id int PRIMARY KEY)"
    )
    schema = introspect_database(database.url)
    assert [(key.columns, key.include) for key in (schema.table("t").primary_key, schema.table("u").primary_key)] == [
        (("b", "a"), ("y", "x")),
        (("id",), ()),
    ]


def test_deferrable_unique_constraints_and_primary_keys(database) -> None:
    """condeferrable / condeferred of primary keys and unique constraints; a unique index cannot be deferrable."""
    database.load(
        "CREATE TABLE t (id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED, a int, b int, c int,"
        " CONSTRAINT t_a_key UNIQUE (a) DEFERRABLE, CONSTRAINT t_b_key UNIQUE (b) DEFERRABLE INITIALLY DEFERRED,"
        " CONSTRAINT t_c_key UNIQUE (c));"
        " CREATE UNIQUE INDEX t_a_b_idx ON t (a, b);"
        " CREATE TABLE u (id int PRIMARY KEY DEFERRABLE);"
        " CREATE TABLE v (id int PRIMARY KEY)"
    )
    schema = introspect_database(database.url)
    keys = {name: schema.table(name).primary_key for name in ("t", "u", "v")}
    assert {name: (key.deferrable, key.initially_deferred) for name, key in keys.items()} == {
        "t": (True, True),
        "u": (True, False),
        "v": (False, False),
    }
    indexes = schema.table("t").indexes
    assert [(index.name, index.constraint, index.deferrable, index.initially_deferred) for index in indexes] == [
        ("t_a_b_idx", False, False, False),
        ("t_a_key", True, True, False),
        ("t_b_key", True, True, True),
        ("t_c_key", True, False, False),
    ]
    again = DatabaseSchema.from_json(schema.to_json())
    assert again == schema and again.table("t").primary_key.initially_deferred


@pytest.mark.parametrize(("autocommit", "caller_transaction"), [(True, False), (False, False), (False, True)])
def test_a_failed_catalog_query_leaves_the_connection_usable(
    database, monkeypatch, autocommit: bool, caller_transaction: bool
) -> None:
    from drift.postgres import catalog

    database.load("CREATE TABLE t (id integer)")
    real_load_query = catalog.load_query
    # A query in the middle of the pipeline fails on the server: the rest, ROLLBACK included, is skipped.
    monkeypatch.setattr(
        catalog, "load_query", lambda name, version=0: "SELECT 1/0" if name == "constraints" else real_load_query(name, version)
    )
    with psycopg.connect(database.conninfo, autocommit=autocommit) as connection:
        if caller_transaction:
            connection.execute("SET LOCAL search_path = other")
        with pytest.raises(psycopg.errors.DivisionByZero):
            introspect_connection(connection)
        expected_status = pq.TransactionStatus.INTRANS if caller_transaction else pq.TransactionStatus.IDLE
        assert connection.info.transaction_status == expected_status
        assert connection.execute("SHOW search_path").fetchone() == ("other" if caller_transaction else '"$user", public',)
        assert connection.execute("SHOW statement_timeout").fetchone() == ("0",)


def test_a_caller_transaction_that_has_already_failed_gets_the_server_error(database) -> None:
    with psycopg.connect(database.conninfo) as connection:
        with pytest.raises(psycopg.errors.DivisionByZero):
            connection.execute("SELECT 1/0")
        with pytest.raises(psycopg.errors.InFailedSqlTransaction):  # not an error about a missing savepoint
            introspect_connection(connection)
        assert connection.info.transaction_status == pq.TransactionStatus.INERROR


def test_a_failure_while_building_leaves_the_connection_usable(database, monkeypatch) -> None:
    from drift.postgres import build

    database.load("CREATE TABLE t (id integer PRIMARY KEY)")

    def fail(self, rows) -> None:
        raise RuntimeError("building failed")

    monkeypatch.setattr(build.SchemaBuilder, "_add_columns", fail)
    with psycopg.connect(database.conninfo, autocommit=True) as connection:
        with pytest.raises(RuntimeError, match="building failed"):
            introspect_connection(connection)
        assert connection.pgconn.pipeline_status == pq.PipelineStatus.OFF
        assert connection.info.transaction_status == pq.TransactionStatus.IDLE
        monkeypatch.undo()
        assert introspect_connection(connection).table("t").primary_key is not None
