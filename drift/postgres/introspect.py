"""Read a live database into a `DatabaseSchema`.

A fixed set of set-based catalog queries (`queries/*.sql`), sent in one pipeline inside one READ ONLY,
REPEATABLE READ transaction: the number of round trips does not depend on the number of tables, and every query
sees the same snapshot. Nothing is ever written. Objects are built with `model_construct`: the catalog already
guarantees what validation would check, and validation would dominate the run time on large databases.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

import psycopg
from psycopg import pq

from drift.model.construct import trusted_constructor
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
    Table,
    Trigger,
    View,
)
from drift.model.schema import Sequence as SequenceModel

QUERY_NAMES = (
    "relations",
    "columns",
    "comments",
    "constraints",
    "indexes",
    "lookups",
    "triggers",
    "enums",
    "sequences",
    "extensions",
)
STATEMENT_TIMEOUT = "60s"
LOCK_TIMEOUT = "5s"

_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_IDENTITY = {"a": "ALWAYS", "d": "BY DEFAULT"}
_DESC = 1  # indoption bits, from PostgreSQL's pg_index.h
_NULLS_FIRST = 2
_DEFAULT_COLLATION = 100  # DEFAULT_COLLATION_OID


@lru_cache(maxsize=4096)
def _normalize_default(expression: str, type_name: str) -> str | None:
    # Defaults repeat across tables (CURRENT_TIMESTAMP, 0, false, enum values); sequences differ but are cheap.
    if expression.startswith("nextval("):
        return "autoincrement()"
    return normalize_default(expression, type_name)


# Catalog columns newer than the oldest server we read (PostgreSQL 13): (introduced in, column, stand-in value).
_NEWER_CATALOG_COLUMNS = ((150000, "i.indnullsnotdistinct", "false"),)


@cache
def load_query(name: str, server_version: int = 180000) -> str:
    text = resources.files("drift.postgres").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")
    for introduced, column, stand_in in _NEWER_CATALOG_COLUMNS:
        if server_version < introduced:
            text = text.replace(column, stand_in)
    return text


def introspect_database(conninfo: str, schemas: Sequence[str] = ("public",)) -> DatabaseSchema:
    """Connect (URL or libpq string), read the chosen schemas, disconnect."""
    from drift.errors import DatabaseUnreachable
    from drift.postgres.connect import connect, describe_target

    with connect(conninfo) as connection:
        try:
            return introspect_connection(connection, schemas)
        except psycopg.OperationalError as error:
            # A dropped connection, or statement_timeout / lock_timeout while reading the catalog.
            reason = " ".join((error.diag.message_primary or str(error) or type(error).__name__).split())
            raise DatabaseUnreachable(f"cannot read the catalog of {describe_target(conninfo)}: {reason}") from None


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
            else:
                # The caller's transaction: the settings below are undone by rolling back to this savepoint.
                connection.execute("SAVEPOINT drift_introspection")
            # Deparsed texts (defaults, predicates, view definitions) depend on session settings: names not on the
            # search_path are qualified, date/time constants follow DateStyle and TimeZone. Pin them, so that the
            # output never depends on the role's or the server's settings.
            connection.execute(
                "SELECT set_config('statement_timeout', %s, true), set_config('lock_timeout', %s, true),"
                " set_config('application_name', 'drift', true), set_config('search_path', %s, true),"
                " set_config('DateStyle', 'ISO, MDY', true), set_config('IntervalStyle', 'postgres', true),"
                " set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '1', true)",
                (STATEMENT_TIMEOUT, LOCK_TIMEOUT, ", ".join(quote_identifier(schema) for schema in schemas)),
            )
            cursors = {name: connection.cursor() for name in QUERY_NAMES}
            for name, cursor in cursors.items():
                cursor.execute(load_query(name, connection.info.server_version), parameters)
        return {name: cursor.fetchall() for name, cursor in cursors.items()}
    finally:
        if own_transaction:
            connection.rollback() if not connection.autocommit else connection.execute("ROLLBACK")
        elif connection.info.transaction_status in (pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR):
            connection.execute("ROLLBACK TO SAVEPOINT drift_introspection")
            connection.execute("RELEASE SAVEPOINT drift_introspection")


def introspect_connection(connection: psycopg.Connection, schemas: Sequence[str] = ("public",)) -> DatabaseSchema:
    """Read the chosen schemas through an open connection (autocommit or not). An open transaction is reused, inside
    a savepoint that restores its settings afterwards; it is then not forced READ ONLY (that is the caller's call)."""
    schemas = tuple(dict.fromkeys(schemas))
    rows = fetch_catalog(connection, schemas)
    # Tens of thousands of small objects and no cycles among them: the cyclic collector would only rescan them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return build_schema(rows, schemas)
    finally:
        if collecting:
            gc.enable()


def build_schema(rows: dict[str, list[tuple]], schemas: tuple[str, ...]) -> DatabaseSchema:
    comments = {(relation, position): description for relation, position, description in rows["comments"]}
    construct_column = trusted_constructor(Column)
    columns_by_relation: dict[int, list[Column]] = defaultdict(list)
    # (relation, attnum) -> (name, collation oid): resolves key column numbers without per-row catalog lookups.
    attributes: dict[tuple[int, int], tuple[str, int]] = {}
    for (
        relation,
        name,
        position,
        type_name,
        type_schema,
        dimensions,
        nullable,
        default,
        identity,
        generated,
        collation,
        collation_oid,
    ) in rows["columns"]:
        attributes[relation, position] = (name, collation_oid)
        columns_by_relation[relation].append(
            construct_column(
                name=name,
                type=type_name,
                type_schema=type_schema,
                dimensions=dimensions,
                nullable=nullable,
                default=_normalize_default(default, type_name) if default is not None else None,
                identity=_IDENTITY.get(identity),
                generated=generated,
                collation=collation,
                comment=comments.get((relation, position)) if comments else None,
                position=position,
                origin=None,
            )
        )

    def names_of(relation: int, numbers) -> tuple[str, ...]:
        return tuple(attributes[relation, number][0] for number in numbers)

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
        referenced_relation,
        referenced_columns,
        referenced_column_names,
        on_update,
        on_delete,
        deferrable,
        initially_deferred,
        validated,
        expression,
        definition,
    ) in rows["constraints"]:
        if kind == "p":
            primary_keys[relation] = trusted_constructor(PrimaryKey)(name=name, columns=names_of(relation, columns), origin=None)
        elif kind == "f":
            foreign_keys[relation].append(
                trusted_constructor(ForeignKey)(
                    name=name,
                    columns=names_of(relation, columns),
                    referenced_schema=referenced_schema,
                    referenced_table=referenced_table,
                    referenced_columns=(
                        tuple(referenced_column_names)
                        if referenced_column_names is not None
                        else names_of(referenced_relation, referenced_columns)
                    ),
                    on_delete=_ACTIONS[on_delete],
                    on_update=_ACTIONS[on_update],
                    deferrable=deferrable,
                    initially_deferred=initially_deferred,
                    validated=validated,
                    origin=None,
                )
            )
        elif kind == "c":
            checks[relation].append(trusted_constructor(CheckConstraint)(name=name, expression=expression, validated=validated))
        else:
            exclusions[relation].append(trusted_constructor(ExclusionConstraint)(name=name, definition=definition))

    non_default_opclasses: dict[int, str] = {}
    collation_names: dict[int, str] = {}
    for kind, oid, name in rows["lookups"]:
        (non_default_opclasses if kind == "opclass" else collation_names)[oid] = name

    construct_key = trusted_constructor(IndexColumn)
    construct_index = trusted_constructor(Index)
    # Most keys are a plain ascending column with default operator class and collation; being frozen, one instance
    # per column serves every index that has such a key.
    plain_keys: dict[tuple[int, int], IndexColumn] = {}
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
            number = columns[position]
            option = options[position]
            opclass = non_default_opclasses.get(opclasses[position]) if non_default_opclasses else None
            collation_oid = collations[position]
            if number:
                column_name, column_collation = attributes[relation, number]
                if not option and opclass is None and (not collation_oid or collation_oid == column_collation):
                    key = plain_keys.get((relation, number))
                    if key is None:
                        key = plain_keys[relation, number] = construct_key(
                            column=column_name, expression=None, order="ASC", nulls=None, opclass=None, collation=None
                        )
                    keys.append(key)
                    continue
                expression = None
            else:
                column_name, column_collation = None, _DEFAULT_COLLATION
                expression = expressions[position]
            descending = bool(option & _DESC)
            nulls_first = bool(option & _NULLS_FIRST)
            keys.append(
                construct_key(
                    column=column_name,
                    expression=expression,
                    order="DESC" if descending else "ASC",
                    nulls=None if nulls_first == descending else ("FIRST" if nulls_first else "LAST"),
                    opclass=opclass,
                    collation=collation_names.get(collation_oid) if collation_oid and collation_oid != column_collation else None,
                )
            )
        indexes[relation].append(
            construct_index(
                name=name,
                columns=tuple(keys),
                unique=unique,
                constraint=constraint,
                method=method,
                predicate=predicate,
                include=names_of(relation, columns[key_count:]) if len(columns) > key_count else (),
                nulls_not_distinct=nulls_not_distinct,
                valid=valid,
                origin=None,
            )
        )

    triggers: dict[int, list[Trigger]] = defaultdict(list)
    for relation, name, definition in rows["triggers"]:
        triggers[relation].append(trusted_constructor(Trigger)(name=name, definition=definition))

    tables: list[Table] = []
    views: list[View] = []
    for relation, schema_name, name, kind, definition, inherits in rows["relations"]:
        comment = comments.get((relation, 0)) if comments else None
        columns = tuple(sorted(columns_by_relation.get(relation, ()), key=_by_position))
        if kind in ("v", "m"):
            views.append(
                trusted_constructor(View)(
                    schema_name=schema_name, name=name, materialized=kind == "m", columns=columns, definition=definition, origin=None
                )
            )
            continue
        tables.append(
            trusted_constructor(Table)(
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
                inherits=tuple(inherits) if inherits else (),
                comment=comment,
                origin=None,
            )
        )

    enums = [
        trusted_constructor(Enum)(
            schema_name=schema_name,
            name=name,
            values=tuple(trusted_constructor(EnumValue)(name=value, origin=None) for value in values),
            origin=None,
        )
        for schema_name, name, values in rows["enums"]
    ]
    sequences = [
        trusted_constructor(SequenceModel)(
            schema_name=schema_name,
            name=name,
            data_type=data_type,
            owned_by_table=owned_by_table,
            owned_by_column=owned_by_column,
        )
        for schema_name, name, data_type, owned_by_table, owned_by_column in rows["sequences"]
    ]
    extensions = [
        trusted_constructor(Extension)(name=name, schema_name=schema_name, version=version, origin=None)
        for name, schema_name, version in rows["extensions"]
    ]
    return trusted_constructor(DatabaseSchema)(
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
