"""Build a `DatabaseSchema` from the catalog's rows (drift.postgres.catalog), one query's rows at a time, in
QUERY_NAMES order: as they arrive from the server (drift.postgres.introspect), or all at once (`build_schema`).
Objects are built without validation (`drift.model.construct`): the catalog already guarantees what validation
would check, and validation would dominate the run time on large databases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from drift.model.construct import trusted_constructor
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



def build_schema(rows: Mapping[str, list[tuple]], schemas: Sequence[str] = ("public",)) -> DatabaseSchema:
    """The database schema from every catalog query's rows (`drift.postgres.catalog.fetch_catalog`), in the order the
    catalog sent them (its QUERY_NAMES). This module imports nothing of psycopg: a process that did not read the
    catalog itself can build it."""
    builder = SchemaBuilder(tuple(dict.fromkeys(schemas)))
    for name, query_rows in rows.items():
        builder.add(name, query_rows)
    return builder.schema()


class SchemaBuilder:
    """Builds the DatabaseSchema one query's rows at a time, in drift.postgres.catalog.QUERY_NAMES order."""

    def __init__(self, schemas: tuple[str, ...]) -> None:
        self.schemas = schemas
        self.comments: dict[tuple[int, int], str] = {}
        # Per relation oid, each in its table's order (columns by position, the rest by name), sorted as they arrive
        # rather than when the tables are put together: that is the last step, which nothing overlaps.
        self.columns: dict[int, tuple[Column, ...]] = {}
        # relation -> attnum -> name, and collation oid: resolve key column numbers without per-row catalog lookups.
        self.column_names: dict[int, dict[int, str]] = {}
        self.column_collations: dict[int, dict[int, int]] = {}
        self.non_default_opclasses: dict[int, str] = {}
        self.collation_names: dict[int, str] = {}
        self.existing_schemas: set[str] = set()
        self.primary_keys: dict[int, PrimaryKey] = {}
        self.foreign_keys: dict[int, tuple[ForeignKey, ...]] = {}
        self.checks: dict[int, tuple[CheckConstraint, ...]] = {}
        self.exclusions: dict[int, tuple[ExclusionConstraint, ...]] = {}
        self.indexes: dict[int, tuple[Index, ...]] = {}
        self.triggers: dict[int, tuple[Trigger, ...]] = {}
        self.enums: list[Enum] = []
        self.sequences: list[SequenceModel] = []
        self.extensions: list[Extension] = []
        self.extension_relations: list[tuple[str, str]] = []
        self.tables: list[Table] = []
        self.views: list[View] = []

    def add(self, query: str, rows: list[tuple]) -> None:
        getattr(self, f"_add_{query}")(rows)

    def schema(self) -> DatabaseSchema:
        return trusted_constructor(DatabaseSchema)(
            format_version=DatabaseSchema.model_fields["format_version"].default,
            schemas=tuple(name for name in self.schemas if name in self.existing_schemas),
            tables=tuple(sorted(self.tables, key=_by_schema_and_name)),
            enums=tuple(sorted(self.enums, key=_by_schema_and_name)),
            views=tuple(sorted(self.views, key=_by_schema_and_name)),
            sequences=tuple(sorted(self.sequences, key=_by_schema_and_name)),
            extensions=tuple(sorted(self.extensions, key=_by_name)),
            extension_relations=tuple(sorted(self.extension_relations)),
        )

    def _add_comments(self, rows: list[tuple]) -> None:
        self.comments = {(relation, position): description for relation, position, description in rows}

    def _add_columns(self, rows: list[tuple]) -> None:
        comments = self.comments
        columns: dict[int, list[Column]] = defaultdict(list)
        construct = trusted_constructor(Column)
        # Frozen, so one object serves every table with the same column (same name, position, type, default...):
        # id, created_at and the like repeat across most tables; keyed by the row's first eleven values, which are
        # the column's description (see columns.sql).
        shared: dict[tuple, Column] = {}
        current = None
        for row in rows:
            (
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
                domain,
                relation,
                collation_oid,
            ) = row
            if relation != current:  # a table's rows usually come together: its containers looked up once for them
                current = relation
                table_columns = columns[relation]
                names = self.column_names.setdefault(relation, {})
                collations = self.column_collations.setdefault(relation, {})
            names[position] = name
            collations[position] = collation_oid
            comment = comments.get((relation, position)) if comments else None
            description = row[:11] if comment is None else (row[:11], comment)
            column = shared.get(description)
            if column is None:
                column = shared[description] = construct(
                    name=name,
                    type=type_name,
                    type_schema=type_schema,
                    dimensions=dimensions,
                    nullable=nullable,
                    default=_normalize_default(default, type_name) if default is not None else None,
                    identity=_IDENTITY.get(identity),
                    generated=generated,
                    collation=collation,
                    domain=domain,
                    comment=comment,
                    position=position,
                    origin=None,
                )
            table_columns.append(column)
        self.columns = _sorted_groups(columns, _by_position)

    def _names_of(self, relation: int, numbers: list[int]) -> tuple[str, ...]:
        names = self.column_names[relation]
        return tuple([names[number] for number in numbers])

    def _add_lookups(self, rows: list[tuple]) -> None:
        schema_names: dict[int, str] = {}
        owned: list[tuple[int, str]] = []  # an extension's relations, by their schema's oid
        for kind, oid, name in rows:
            if kind == "schema":
                self.existing_schemas.add(name)
                schema_names[oid] = name
            elif kind == "extension_relation":
                owned.append((oid, name))
            else:
                (self.non_default_opclasses if kind == "opclass" else self.collation_names)[oid] = name
        self.extension_relations = [(schema_names[oid], name) for oid, name in owned if oid in schema_names]

    def _add_constraints(self, rows: list[tuple]) -> None:
        names_of = self._names_of
        construct_primary_key = trusted_constructor(PrimaryKey)
        construct_foreign_key = trusted_constructor(ForeignKey)
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
            match_full,
            expression,
            definition,
            include,
        ) in rows:
            if kind == "p":
                self.primary_keys[relation] = construct_primary_key(
                    name=name,
                    columns=names_of(relation, columns),
                    include=names_of(relation, include) if include else (),
                    deferrable=deferrable,
                    initially_deferred=initially_deferred,
                    origin=None,
                )
            elif kind == "f":
                foreign_keys[relation].append(
                    construct_foreign_key(
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
                        match_full=match_full,
                        origin=None,
                    )
                )
            elif kind == "c":
                checks[relation].append(
                    trusted_constructor(CheckConstraint)(name=name, expression=expression, validated=validated)
                )
            else:
                exclusions[relation].append(trusted_constructor(ExclusionConstraint)(name=name, definition=definition))
        self.foreign_keys = _sorted_groups(foreign_keys, _by_name)
        self.checks = _sorted_groups(checks, _by_name)
        self.exclusions = _sorted_groups(exclusions, _by_name)

    def _add_indexes(self, rows: list[tuple]) -> None:
        column_names = self.column_names
        column_collations = self.column_collations
        non_default_opclasses = self.non_default_opclasses
        collation_names = self.collation_names
        construct_key = trusted_constructor(IndexColumn)
        construct_index = trusted_constructor(Index)
        # Most keys are a plain ascending column with default operator class and collation: such a key is the
        # column's name and nothing else, and being frozen, one instance per name serves every index.
        plain_keys: dict[str, IndexColumn] = {}
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
            deferrable,
            initially_deferred,
            key_count,
            columns,
            expressions,
            options,
            opclasses,
            collations,
        ) in rows:
            names = column_names[relation]
            column_collation_of = column_collations[relation]
            keys = []
            for position in range(key_count):
                number = columns[position]
                option = options[position]
                opclass = non_default_opclasses.get(opclasses[position])
                collation_oid = collations[position]
                if number:
                    column_name, column_collation = names[number], column_collation_of[number]
                    if not option and opclass is None and (not collation_oid or collation_oid == column_collation):
                        key = plain_keys.get(column_name)
                        if key is None:
                            key = plain_keys[column_name] = construct_key(
                                column=column_name,
                                expression=None,
                                order="ASC",
                                nulls=None,
                                opclass=None,
                                collation=None,
                            )
                        keys.append(key)
                        continue
                    expression = None
                else:
                    column_name, column_collation = None, _DEFAULT_COLLATION
                    expression = expressions[position]
                descending = bool(option & _DESC)
                nulls_first = bool(option & _NULLS_FIRST)
                own_collation = collation_oid and collation_oid != column_collation
                keys.append(
                    construct_key(
                        column=column_name,
                        expression=expression,
                        order="DESC" if descending else "ASC",
                        nulls=None if nulls_first == descending else ("FIRST" if nulls_first else "LAST"),
                        opclass=opclass,
                        collation=collation_names.get(collation_oid) if own_collation else None,
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
                    include=self._names_of(relation, columns[key_count:]) if len(columns) > key_count else (),
                    nulls_not_distinct=nulls_not_distinct,
                    valid=valid,
                    deferrable=deferrable,
                    initially_deferred=initially_deferred,
                    origin=None,
                )
            )
        self.indexes = _sorted_groups(indexes, _by_name)

    def _add_triggers(self, rows: list[tuple]) -> None:
        triggers: dict[int, list[Trigger]] = defaultdict(list)
        for relation, name, definition in rows:
            triggers[relation].append(trusted_constructor(Trigger)(name=name, definition=definition))
        self.triggers = _sorted_groups(triggers, _by_name)

    def _add_enums(self, rows: list[tuple]) -> None:
        self.enums = [
            trusted_constructor(Enum)(
                schema_name=schema_name,
                name=name,
                values=tuple(trusted_constructor(EnumValue)(name=value, origin=None) for value in values),
                origin=None,
            )
            for schema_name, name, values in rows
        ]

    def _add_sequences(self, rows: list[tuple]) -> None:
        self.sequences = [
            trusted_constructor(SequenceModel)(
                schema_name=schema_name,
                name=name,
                data_type=data_type,
                owned_by_table=owned_by_table,
                owned_by_column=owned_by_column,
            )
            for schema_name, name, data_type, owned_by_table, owned_by_column in rows
        ]

    def _add_extensions(self, rows: list[tuple]) -> None:
        self.extensions = [
            trusted_constructor(Extension)(name=name, schema_name=schema_name, version=version, origin=None)
            for name, schema_name, version in rows
        ]

    def _add_relations(self, rows: list[tuple]) -> None:
        comments = self.comments
        construct_table = trusted_constructor(Table)
        for relation, schema_name, name, kind, definition, inherits in rows:
            comment = comments.get((relation, 0)) if comments else None
            columns = self.columns.get(relation, ())
            if kind in ("v", "m"):
                self.views.append(
                    trusted_constructor(View)(
                        schema_name=schema_name,
                        name=name,
                        materialized=kind == "m",
                        columns=columns,
                        definition=definition,
                        origin=None,
                    )
                )
                continue
            self.tables.append(
                construct_table(
                    schema_name=schema_name,
                    name=name,
                    columns=columns,
                    primary_key=self.primary_keys.get(relation),
                    indexes=self.indexes.get(relation, ()),
                    foreign_keys=self.foreign_keys.get(relation, ()),
                    checks=self.checks.get(relation, ()),
                    exclusions=self.exclusions.get(relation, ()),
                    triggers=self.triggers.get(relation, ()),
                    partitioned=kind == "p",
                    inherits=tuple(inherits) if inherits else (),
                    comment=comment,
                    origin=None,
                )
            )


def _sorted_groups(groups: dict[int, list], key: Callable) -> dict[int, tuple]:
    return {relation: tuple(sorted(items, key=key)) for relation, items in groups.items()}


def _by_position(column: Column) -> int:
    return column.position


def _by_name(item) -> str:
    return item.name


def _by_schema_and_name(item) -> tuple[str, str]:
    return (item.schema_name, item.name)
