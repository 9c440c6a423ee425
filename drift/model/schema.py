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

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic_core import core_schema

from drift.diagnostics import SPAN_WITHOUT_END_PLACE, Span, pack_span, text_number, texts

FORMAT_VERSION = 1

ReferentialAction = Literal["NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT"]
SortOrder = Literal["ASC", "DESC"]
NullsOrder = Literal["FIRST", "LAST"]


class Frozen(BaseModel):
    # defer_build: the validators and serialisers are built when first needed (a snapshot, a JSON dump), not at
    # import; `drift check` builds these objects without validation and never needs them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class PrismaOrigin(int):
    """Where an expected object comes from in schema.prisma: `file`, 1-based `line` and `column`, byte offsets
    `start` and `end` (or None), and the `model` and `field` it belongs to (or None).

    A lowering makes one per column, index, key and table (about 18 per model), so it is one integer like
    `drift.diagnostics.Span`, whose bits it reuses (end line and column cleared) with the model's and field's
    numbers in the same text registry above them: a sixth of the memory of a pydantic model and its numbers, and
    made from a span in a few integer operations. Immutable, hashable, equal when every field is equal. In pydantic
    models it validates from and serializes to an object of its seven fields, as the model it replaces did."""

    __slots__ = ()

    def __new__(
        cls,
        file: str,
        line: int,
        column: int = 1,
        start: int | None = None,
        end: int | None = None,
        model: str | None = None,
        field: str | None = None,
    ):
        if not isinstance(file, str):
            raise TypeError(f"origin file must be a string, not {type(file).__name__}")
        for name, value in (("model", model), ("field", field)):
            if value is not None and not isinstance(value, str):
                raise TypeError(f"origin {name} must be a string or None, not {type(value).__name__}")
        for name, value in (("line", line), ("column", column), ("start", start), ("end", end)):
            if value is None and name in ("start", "end"):
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < _NUMBER_LIMIT:
                raise ValueError(f"origin {name} {value!r} is not an integer in [0, 2**32)")
        bits = pack_span(file, start or 0, end or 0, line, column, 0, 0) | _names(model, field) | _TAG
        if start is None:
            bits |= _NO_START
        if end is None:
            bits |= _NO_END
        return int.__new__(cls, bits)

    @classmethod
    def of_span(cls, span: int, model: str | None = None, field: str | None = None) -> "PrismaOrigin":
        """The origin of an object written at `span` (a `drift.diagnostics.Span`) in `model`, `field`."""
        return _new_origin(span & SPAN_WITHOUT_END_PLACE | _names(model, field))

    @property
    def file(self) -> str:
        return texts[self >> _FILE_SHIFT & _FILE_MASK]

    @property
    def line(self) -> int:
        return Span.line.fget(self)

    @property
    def column(self) -> int:
        return Span.column.fget(self)

    @property
    def start(self) -> int | None:
        return None if self & _NO_START else Span.start.fget(self)

    @property
    def end(self) -> int | None:
        return None if self & _NO_END else Span.end.fget(self)

    @property
    def model(self) -> str | None:
        number = self >> _MODEL_SHIFT & _NAME_MASK
        return texts[number] if number else None

    @property
    def field(self) -> str | None:
        number = self >> _FIELD_SHIFT & _NAME_MASK
        return texts[number] if number else None

    def _asdict(self) -> dict:
        return {name: getattr(self, name) for name in _ORIGIN_FIELDS}

    # What callers of the pydantic model it replaces used.
    def model_dump(self, **_options) -> dict:
        return self._asdict()

    def model_copy(self, *, update: dict | None = None, deep: bool = False) -> "PrismaOrigin":
        return PrismaOrigin(**{**self._asdict(), **(update or {})})

    def __reduce__(self):
        # By value: the registry's numbers mean nothing in another process.
        return PrismaOrigin, tuple(getattr(self, name) for name in _ORIGIN_FIELDS)

    def __repr__(self) -> str:
        return f"PrismaOrigin({', '.join(f'{name}={getattr(self, name)!r}' for name in _ORIGIN_FIELDS)})"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler) -> core_schema.CoreSchema:
        def optional(schema: core_schema.CoreSchema) -> core_schema.TypedDictField:
            return core_schema.typed_dict_field(
                core_schema.with_default_schema(core_schema.nullable_schema(schema), default=None), required=False
            )

        number = core_schema.int_schema(ge=0, lt=_NUMBER_LIMIT)
        fields = {
            "file": core_schema.typed_dict_field(core_schema.str_schema()),
            "line": core_schema.typed_dict_field(number),
            "column": core_schema.typed_dict_field(core_schema.with_default_schema(number, default=1), required=False),
            "start": optional(number),
            "end": optional(number),
            "model": optional(core_schema.str_schema()),
            "field": optional(core_schema.str_schema()),
        }
        from_mapping = core_schema.no_info_after_validator_function(
            lambda mapping: cls(**mapping), core_schema.typed_dict_schema(fields, extra_behavior="forbid")
        )
        return core_schema.union_schema(
            [core_schema.is_instance_schema(cls), from_mapping],
            serialization=core_schema.plain_serializer_function_ser_schema(lambda origin: origin._asdict()),
        )


_ORIGIN_FIELDS = ("file", "line", "column", "start", "end", "model", "field")
_NUMBER_LIMIT = 1 << 32
# Above the span's bits (its file number starts at bit 192 and stays far below 2**64): the model's and the field's
# numbers in the text registry (0 for None), the flags of a missing start and end, and a bit that every origin has
# (so that no origin is zero, or equal to a span).
_FILE_SHIFT, _FILE_MASK = 192, (1 << 64) - 1
_MODEL_SHIFT, _FIELD_SHIFT, _NAME_MASK = 256, 288, _NUMBER_LIMIT - 1
_NO_START, _NO_END, _TAG = 1 << 320, 1 << 321, 1 << 322
_new_origin = functools.partial(int.__new__, PrismaOrigin)
# The model and field bits by name: a lowering asks for the same few names over and over.
_MODEL_BITS: dict[str | None, int] = {None: _TAG}
_FIELD_BITS: dict[str | None, int] = {None: 0}


def _names(model: str | None, field: str | None) -> int:
    model_bits = _MODEL_BITS.get(model)
    if model_bits is None:
        model_bits = _MODEL_BITS[model] = text_number(model) << _MODEL_SHIFT | _TAG
    field_bits = _FIELD_BITS.get(field)
    if field_bits is None:
        field_bits = _FIELD_BITS[field] = text_number(field) << _FIELD_SHIFT
    return model_bits | field_bits


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
    # The database side: the domain the column is declared with (CREATE DOMAIN); `type` is then its base type.
    domain: str | None = None
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
    # The key's INCLUDE columns (`PRIMARY KEY (id) INCLUDE (x)`), which schema.prisma cannot state.
    include: tuple[str, ...] = ()
    # DEFERRABLE / INITIALLY DEFERRED, which schema.prisma cannot state.
    deferrable: bool = False
    initially_deferred: bool = False
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
    # A UNIQUE constraint's DEFERRABLE / INITIALLY DEFERRED (an index alone is never deferrable), which schema.prisma
    # cannot state.
    deferrable: bool = False
    initially_deferred: bool = False
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
    # MATCH FULL (a row with some key columns NULL and others not is refused; MATCH PARTIAL is not implemented in
    # PostgreSQL), which schema.prisma cannot state: Prisma's keys are MATCH SIMPLE.
    match_full: bool = False
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
    # (schema, name) of the tables and views that belong to an extension (PostGIS's spatial_ref_sys,
    # pg_stat_statements' views): the extension's, not described here. A model or view block that names one (db pull
    # writes them) is neither missing nor compared, as for Prisma.
    extension_relations: tuple[tuple[str, str], ...] = ()

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

    def enum_keys(self) -> frozenset[tuple[str, str]]:
        """(schema, name) of each enum type: a column whose type is another user-defined type is none of them."""
        return frozenset((enum.schema_name, enum.name) for enum in self.enums)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_defaults=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "DatabaseSchema":
        return cls.model_validate_json(text)
