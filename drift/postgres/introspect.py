"""Read a live database into a `DatabaseSchema`.

A fixed set of set-based catalog queries (`queries/*.sql`), sent in one pipeline inside one READ ONLY,
REPEATABLE READ transaction: the number of round trips does not depend on the number of tables, and every query
sees the same snapshot. Nothing is ever written. Objects are built with `model_construct`: the catalog already
guarantees what validation would check, and validation would dominate the run time on large databases.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Sequence

import psycopg
from psycopg import pq

from drift.model.names import quote_identifier
from drift.model.normalize import normalize_default
from drift.model.schema import (
    CheckConstraint,
    Column,
    DatabaseSchema,
    Enum,
    EnumValue,
    ExclusionConstraint,
    Extension,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
)
from drift.model.schema import Sequence as SequenceModel
from drift.model.schema import Table, Trigger, View

QUERY_NAMES = ("relations", "columns", "constraints", "indexes", "triggers", "enums", "sequences", "extensions")
STATEMENT_TIMEOUT = "60s"
LOCK_TIMEOUT = "5s"

_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_IDENTITY = {"a": "ALWAYS", "d": "BY DEFAULT"}
_DESC = 1  # indoption bits, from PostgreSQL's pg_index.h
_NULLS_FIRST = 2


@cache
def load_query(name: str) -> str:
    return resources.files("drift.postgres").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")


def introspect_database(conninfo: str, schemas: Sequence[str] = ("public",)) -> DatabaseSchema:
    """Connect (URL or libpq string), read the chosen schemas, disconnect."""
    from drift.postgres.connect import connect

    with connect(conninfo) as connection:
        return introspect_connection(connection, schemas)


def fetch_catalog(connection: psycopg.Connection, schemas: Sequence[str]) -> dict[str, list[tuple]]:
    """Run every catalog query in one read-only snapshot; the raw rows by query name (also used by the benchmark)."""
    parameters = {"schemas": list(schemas)}
    status = connection.info.transaction_status
    own_transaction = status == pq.TransactionStatus.IDLE
    try:
        with connection.pipeline():
            if own_transaction and connection.autocommit:
                connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            elif own_transaction:
                # psycopg has just opened the transaction itself: this must be its first statement.
                connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            # The deparsed texts (defaults, predicates, view definitions) qualify names that are not on the
            # search_path: pin it to the schemas read so that the output never depends on the role's settings.
            connection.execute(
                "SELECT set_config('statement_timeout', %s, true), set_config('lock_timeout', %s, true),"
                " set_config('application_name', 'drift', true), set_config('search_path', %s, true)",
                (STATEMENT_TIMEOUT, LOCK_TIMEOUT, ", ".join(quote_identifier(schema) for schema in schemas)),
            )
            cursors = {name: connection.cursor() for name in QUERY_NAMES}
            for name, cursor in cursors.items():
                cursor.execute(load_query(name), parameters)
        return {name: cursor.fetchall() for name, cursor in cursors.items()}
    finally:
        if own_transaction:
            connection.rollback() if not connection.autocommit else connection.execute("ROLLBACK")


def introspect_connection(connection: psycopg.Connection, schemas: Sequence[str] = ("public",)) -> DatabaseSchema:
    """Read the chosen schemas through an open connection (autocommit or not; an open transaction is reused)."""
    schemas = tuple(dict.fromkeys(schemas))
    return build_schema(fetch_catalog(connection, schemas), schemas)


def build_schema(rows: dict[str, list[tuple]], schemas: tuple[str, ...]) -> DatabaseSchema:
    construct_column = Column.model_construct
    columns_by_relation: dict[int, list[Column]] = defaultdict(list)
    for relation, name, position, type_name, type_schema, dimensions, nullable, default, identity, generated, collation, comment in rows["columns"]:
        columns_by_relation[relation].append(
            construct_column(
                name=name,
                type=type_name,
                type_schema=type_schema,
                dimensions=dimensions,
                nullable=nullable,
                default=normalize_default(default, type_name) if default is not None else None,
                identity=_IDENTITY.get(identity),
                generated=generated,
                collation=collation,
                comment=comment,
                position=position,
                origin=None,
            )
        )

    primary_keys: dict[int, PrimaryKey] = {}
    foreign_keys: dict[int, list[ForeignKey]] = defaultdict(list)
    checks: dict[int, list[CheckConstraint]] = defaultdict(list)
    exclusions: dict[int, list[ExclusionConstraint]] = defaultdict(list)
    for (
        relation,
        name,
        kind,
        columns,
        referenced_schema,
        referenced_table,
        referenced_columns,
        on_update,
        on_delete,
        deferrable,
        initially_deferred,
        validated,
        expression,
        definition,
    ) in rows["constraints"]:
        if kind == "p":
            primary_keys[relation] = PrimaryKey.model_construct(name=name, columns=tuple(columns), origin=None)
        elif kind == "f":
            foreign_keys[relation].append(
                ForeignKey.model_construct(
                    name=name,
                    columns=tuple(columns),
                    referenced_schema=referenced_schema,
                    referenced_table=referenced_table,
                    referenced_columns=tuple(referenced_columns),
                    on_delete=_ACTIONS[on_delete],
                    on_update=_ACTIONS[on_update],
                    deferrable=deferrable,
                    initially_deferred=initially_deferred,
                    validated=validated,
                    origin=None,
                )
            )
        elif kind == "c":
            checks[relation].append(CheckConstraint.model_construct(name=name, expression=expression, validated=validated))
        else:
            exclusions[relation].append(ExclusionConstraint.model_construct(name=name, definition=definition))

    indexes: dict[int, list[Index]] = defaultdict(list)
    for (
        relation,
        name,
        unique,
        constraint,
        method,
        predicate,
        nulls_not_distinct,
        valid,
        key_count,
        columns,
        expressions,
        options,
        opclasses,
        collations,
    ) in rows["indexes"]:
        keys = []
        for position in range(key_count):
            option = options[position]
            descending = bool(option & _DESC)
            nulls_first = bool(option & _NULLS_FIRST)
            keys.append(
                IndexColumn.model_construct(
                    column=columns[position],
                    expression=expressions[position],
                    order="DESC" if descending else "ASC",
                    nulls=None if nulls_first == descending else ("FIRST" if nulls_first else "LAST"),
                    opclass=opclasses[position],
                    collation=collations[position],
                )
            )
        indexes[relation].append(
            Index.model_construct(
                name=name,
                columns=tuple(keys),
                unique=unique,
                constraint=constraint,
                method=method,
                predicate=predicate,
                include=tuple(columns[key_count:]),
                nulls_not_distinct=nulls_not_distinct,
                valid=valid,
                origin=None,
            )
        )

    triggers: dict[int, list[Trigger]] = defaultdict(list)
    for relation, name, definition in rows["triggers"]:
        triggers[relation].append(Trigger.model_construct(name=name, definition=definition))

    tables: list[Table] = []
    views: list[View] = []
    for relation, schema_name, name, kind, comment, definition, inherits in rows["relations"]:
        columns = tuple(sorted(columns_by_relation.get(relation, ()), key=_by_position))
        if kind in ("v", "m"):
            views.append(
                View.model_construct(
                    schema_name=schema_name, name=name, materialized=kind == "m", columns=columns, definition=definition, origin=None
                )
            )
            continue
        tables.append(
            Table.model_construct(
                schema_name=schema_name,
                name=name,
                columns=columns,
                primary_key=primary_keys.get(relation),
                indexes=tuple(sorted(indexes.get(relation, ()), key=_by_name)),
                foreign_keys=tuple(sorted(foreign_keys.get(relation, ()), key=_by_name)),
                checks=tuple(sorted(checks.get(relation, ()), key=_by_name)),
                exclusions=tuple(sorted(exclusions.get(relation, ()), key=_by_name)),
                triggers=tuple(sorted(triggers.get(relation, ()), key=_by_name)),
                partitioned=kind == "p",
                inherits=tuple(inherits),
                comment=comment,
                origin=None,
            )
        )

    enums = [
        Enum.model_construct(
            schema_name=schema_name,
            name=name,
            values=tuple(EnumValue.model_construct(name=value, origin=None) for value in values),
            origin=None,
        )
        for schema_name, name, values in rows["enums"]
    ]
    sequences = [
        SequenceModel.model_construct(
            schema_name=schema_name,
            name=name,
            data_type=data_type,
            owned_by_table=owned_by_table,
            owned_by_column=owned_by_column,
        )
        for schema_name, name, data_type, owned_by_table, owned_by_column in rows["sequences"]
    ]
    extensions = [
        Extension.model_construct(name=name, schema_name=schema_name, version=version, origin=None)
        for name, schema_name, version in rows["extensions"]
    ]
    return DatabaseSchema.model_construct(
        format_version=DatabaseSchema.model_fields["format_version"].default,
        schemas=schemas,
        tables=tuple(sorted(tables, key=_by_schema_and_name)),
        enums=tuple(sorted(enums, key=_by_schema_and_name)),
        views=tuple(sorted(views, key=_by_schema_and_name)),
        sequences=tuple(sorted(sequences, key=_by_schema_and_name)),
        extensions=tuple(sorted(extensions, key=_by_name)),
    )


def _by_position(column: Column) -> int:
    return column.position


def _by_name(item) -> str:
    return item.name


def _by_schema_and_name(item) -> tuple[str, str]:
    return (item.schema_name, item.name)
