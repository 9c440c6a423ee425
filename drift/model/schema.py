"""The canonical description of a PostgreSQL database: what both sides are turned into, and all the diff sees.

Conventions every producer follows (so that comparing is plain equality):
- `Column.type` is the element type in PostgreSQL's `format_type` spelling without array brackets
  (`text`, `integer`, `character varying(120)`, `timestamp(3) without time zone`, `numeric(65,30)`); the
  spelling comes from `drift.model.normalize.normalize_type`. User-defined types (enums, domains) carry their bare
  name in `type` and their namespace in `type_schema`; built-in types have `type_schema = None`.
- `Column.default` is the canonical default from `drift.model.normalize.normalize_default` (`'x'` for
  `'x'::text`, `CURRENT_TIMESTAMP` for `now()`, `autoincrement()` for any `nextval(...)`), or None.
- Collections are tuples in a deterministic order: columns by position, everything else by name.
- `origin` is filled on the Prisma side only (where in schema.prisma the object comes from); the database side
  identifies objects by their path (schema, table, name).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

FORMAT_VERSION = 1

ReferentialAction = Literal["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"]
SortOrder = Literal["ASC", "DESC"]
NullsOrder = Literal["FIRST", "LAST"]


class Frozen(BaseModel):
    # defer_build: the validators and serialisers are built when first needed (a snapshot, a JSON dump), not at
    # import; `drift check` builds these objects without validation and never needs them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class PrismaOrigin(Frozen):
    """Where an expected object comes from in schema.prisma (1-based line and column; byte offsets)."""

    file: str
    line: int
    column: int = 1
    start: int | None = None
    end: int | None = None
    model: str | None = None
    field: str | None = None


class Column(Frozen):
    name: str
    type: str
    type_schema: str | None = None
    dimensions: int = 0
    nullable: bool = True
    default: str | None = None
    identity: Literal["ALWAYS", "BY DEFAULT"] | None = None
    generated: str | None = None
    collation: str | None = None
    comment: str | None = None
    # 1-based ordinal among the table's live columns; used for rename scoring, never compared.
    position: int = 0
    origin: PrismaOrigin | None = None


class IndexColumn(Frozen):
    """One key of an index: a column, or an expression when `column` is None."""

    column: str | None = None
    expression: str | None = None
    order: SortOrder = "ASC"
    # None means PostgreSQL's default for the order (LAST for ASC, FIRST for DESC).
    nulls: NullsOrder | None = None
    # None means the default operator class of the column's type.
    opclass: str | None = None
    collation: str | None = None


class PrimaryKey(Frozen):
    name: str
    columns: tuple[str, ...]
    origin: PrismaOrigin | None = None


class Index(Frozen):
    name: str
    columns: tuple[IndexColumn, ...]
    unique: bool = False
    # True when the index backs a UNIQUE constraint rather than standing alone (Prisma creates plain unique indexes).
    constraint: bool = False
    method: str = "btree"
    predicate: str | None = None
    include: tuple[str, ...] = ()
    nulls_not_distinct: bool = False
    # False for an index left behind by a failed CREATE INDEX CONCURRENTLY.
    valid: bool = True
    origin: PrismaOrigin | None = None


class ForeignKey(Frozen):
    name: str
    columns: tuple[str, ...]
    referenced_schema: str
    referenced_table: str
    referenced_columns: tuple[str, ...]
    on_delete: ReferentialAction = "NO ACTION"
    on_update: ReferentialAction = "NO ACTION"
    deferrable: bool = False
    initially_deferred: bool = False
    validated: bool = True
    origin: PrismaOrigin | None = None


class CheckConstraint(Frozen):
    name: str
    expression: str
    validated: bool = True


class ExclusionConstraint(Frozen):
    name: str
    definition: str


class Trigger(Frozen):
    name: str
    definition: str


class Table(Frozen):
    schema_name: str
    name: str
    columns: tuple[Column, ...] = ()
    primary_key: PrimaryKey | None = None
    indexes: tuple[Index, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    checks: tuple[CheckConstraint, ...] = ()
    exclusions: tuple[ExclusionConstraint, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    partitioned: bool = False
    # Parents of an inherited table (schema-qualified "schema.table").
    inherits: tuple[str, ...] = ()
    comment: str | None = None
    origin: PrismaOrigin | None = None

    def column(self, name: str) -> Column | None:
        for column in self.columns:
            if column.name == name:
                return column
        return None

    def index(self, name: str) -> Index | None:
        for index in self.indexes:
            if index.name == name:
                return index
        return None


class EnumValue(Frozen):
    name: str
    origin: PrismaOrigin | None = None


class Enum(Frozen):
    schema_name: str
    name: str
    values: tuple[EnumValue, ...] = ()
    origin: PrismaOrigin | None = None

    @property
    def value_names(self) -> tuple[str, ...]:
        return tuple(value.name for value in self.values)


class View(Frozen):
    schema_name: str
    name: str
    materialized: bool = False
    columns: tuple[Column, ...] = ()
    definition: str | None = None
    origin: PrismaOrigin | None = None


class Sequence(Frozen):
    schema_name: str
    name: str
    data_type: str = "bigint"
    owned_by_table: str | None = None
    owned_by_column: str | None = None


class Extension(Frozen):
    name: str
    schema_name: str = "public"
    version: str | None = None
    origin: PrismaOrigin | None = None


class DatabaseSchema(Frozen):
    format_version: int = FORMAT_VERSION
    # The PostgreSQL namespaces this description covers.
    schemas: tuple[str, ...] = ("public",)
    tables: tuple[Table, ...] = ()
    enums: tuple[Enum, ...] = ()
    views: tuple[View, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    extensions: tuple[Extension, ...] = ()

    def table(self, name: str, schema: str | None = None) -> Table | None:
        for table in self.tables:
            if table.name == name and (schema is None or table.schema_name == schema):
                return table
        return None

    def enum(self, name: str, schema: str | None = None) -> Enum | None:
        for enum in self.enums:
            if enum.name == name and (schema is None or enum.schema_name == schema):
                return enum
        return None

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "DatabaseSchema":
        return cls.model_validate_json(text)
