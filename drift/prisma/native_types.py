"""Prisma's scalar types and `@db.*` native types on PostgreSQL, as the types PostgreSQL reports for them.

Every spelling here is `format_type`'s (what the catalog says after Prisma's DDL ran), not the DDL's: Prisma writes
`CHAR`, PostgreSQL stores `character(1)`; Prisma writes `TIMESTAMP`, PostgreSQL reports
`timestamp without time zone` (no precision: the default). `tests/prisma/test_lower_types.py` creates every
column from Prisma's DDL and checks this table against the catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Prisma scalar type -> PostgreSQL type when no `@db.*` attribute is given (oracle: fixtures/conventions/scalar_types).
SCALAR_TYPES: dict[str, str] = {
    "String": "text",
    "Boolean": "boolean",
    "Int": "integer",
    "BigInt": "bigint",
    "Float": "double precision",
    "Decimal": "numeric(65,30)",
    "DateTime": "timestamp(3) without time zone",
    "Json": "jsonb",
    "Bytes": "bytea",
}


def _precision(base: str, suffix: str = "") -> Callable[[Sequence[int]], str]:
    """`timestamp(6) with time zone`; without an argument PostgreSQL's default precision, shown bare."""

    def render(args: Sequence[int]) -> str:
        size = f"({','.join(str(arg) for arg in args)})" if args else ""
        return f"{base}{size}{suffix}"

    return render


def _fixed(spelling: str) -> Callable[[Sequence[int]], str]:
    return lambda args: spelling


@dataclass(frozen=True)
class NativeType:
    name: str
    scalars: tuple[str, ...]
    render: Callable[[Sequence[int]], str]
    max_args: int = 0


def _native(name: str, scalars: str, render: Callable[[Sequence[int]], str], max_args: int = 0) -> NativeType:
    return NativeType(name, tuple(scalars.split()), render, max_args)


# `@db.<name>(args)` -> PostgreSQL type (oracle: fixtures/conventions/native_types).
# `@db.Char` without a length is `character(1)` and `@db.Bit` is `bit(1)`: PostgreSQL's defaults for those types.
NATIVE_TYPES: dict[str, NativeType] = {
    native.name: native
    for native in (
        _native("Text", "String", _fixed("text")),
        _native("Char", "String", lambda args: f"character({args[0] if args else 1})", 1),
        _native("VarChar", "String", _precision("character varying"), 1),
        _native("Bit", "String", lambda args: f"bit({args[0] if args else 1})", 1),
        _native("VarBit", "String", _precision("bit varying"), 1),
        _native("Uuid", "String", _fixed("uuid")),
        _native("Xml", "String", _fixed("xml")),
        _native("Inet", "String", _fixed("inet")),
        _native("Citext", "String", _fixed("citext")),
        _native("Boolean", "Boolean", _fixed("boolean")),
        _native("Integer", "Int", _fixed("integer")),
        _native("SmallInt", "Int", _fixed("smallint")),
        _native("Oid", "Int", _fixed("oid")),
        _native("BigInt", "BigInt", _fixed("bigint")),
        _native("DoublePrecision", "Float", _fixed("double precision")),
        _native("Real", "Float", _fixed("real")),
        _native("Decimal", "Decimal", _precision("numeric"), 2),
        _native("Money", "Decimal", _fixed("money")),
        _native("Timestamp", "DateTime", _precision("timestamp", " without time zone"), 1),
        _native("Timestamptz", "DateTime", _precision("timestamp", " with time zone"), 1),
        _native("Date", "DateTime", _fixed("date")),
        _native("Time", "DateTime", _precision("time", " without time zone"), 1),
        _native("Timetz", "DateTime", _precision("time", " with time zone"), 1),
        _native("Json", "Json", _fixed("json")),
        _native("JsonB", "Json", _fixed("jsonb")),
        _native("ByteA", "Bytes", _fixed("bytea")),
    )
}

# Types that extensions create, by extension: a column of one carries the extension's schema as `type_schema`
# (the catalog reports `public.citext`, not a built-in type).
EXTENSION_TYPES: dict[str, tuple[str, ...]] = {
    "citext": ("citext",),
    "vector": ("vector", "halfvec", "sparsevec"),
    "hstore": ("hstore",),
    "ltree": ("ltree", "lquery", "ltxtquery"),
    "cube": ("cube",),
    "seg": ("seg",),
    "isn": ("ean13", "isbn", "isbn13", "ismn", "ismn13", "issn", "issn13", "upc"),
    "postgis": ("geometry", "geography", "box2d", "box3d"),
}
TYPE_EXTENSIONS: dict[str, str] = {type_name: extension for extension, types in EXTENSION_TYPES.items()
                                   for type_name in types}

# The sequence type behind `@default(autoincrement())`: SERIAL, BIGSERIAL, SMALLSERIAL.
SERIAL_SEQUENCE_TYPES: dict[str, str] = {"integer": "integer", "bigint": "bigint", "smallint": "smallint"}


# What PostgreSQL's connector accepts as a native type's arguments (checked with Prisma's validator): precisions of
# times up to 6, bit strings of at least one bit, a decimal's precision from 1 to 1000 and its scale up to it.
PRECISION_TYPES = frozenset({"Timestamp", "Timestamptz", "Time", "Timetz"})
BIT_TYPES = frozenset({"Bit", "VarBit"})


def native_argument_problem(name: str, args: Sequence) -> str | None:
    """Prisma's error against the arguments (drift.prisma.ast values, as many as the type takes) of `@db.<name>`."""
    from drift.prisma import messages
    from drift.prisma.ast import NumberValue
    from drift.prisma.printer import render_value

    numbers = [value.number if isinstance(value, NumberValue) else None for value in args]
    if any(not isinstance(number, int) or number < 0 for number in numbers):
        rendered = ", ".join(render_value(value) for value in args)
        template = messages.NATIVE_TYPE_TWO_INTEGERS if name == "Decimal" else messages.NATIVE_TYPE_INTEGER
        return template.format(found=rendered)
    spelled = f"{name}({','.join(str(number) for number in numbers)})"
    if name == "Decimal":
        if len(numbers) != 2:
            return messages.NATIVE_TYPE_TWO_INTEGERS.format(found=", ".join(str(number) for number in numbers))
        precision, scale = numbers
        if not 1 <= precision <= 1000:
            return messages.NATIVE_TYPE_OUT_OF_RANGE.format(type=spelled, detail=messages.DECIMAL_PRECISION_RANGE)
        if scale > precision:
            return messages.DECIMAL_SCALE.format(type=spelled)
    elif name in PRECISION_TYPES and numbers[0] > 6:
        return messages.NATIVE_TYPE_OUT_OF_RANGE.format(type=spelled, detail=messages.TIME_PRECISION_RANGE)
    elif name in BIT_TYPES and numbers[0] == 0:
        return messages.NATIVE_TYPE_OUT_OF_RANGE.format(type=spelled, detail=messages.BIT_LENGTH_RANGE)
    return None


def native_type_spelling(name: str, args: Sequence[int]) -> str | None:
    """The PostgreSQL type for `@db.<name>(args)`; None for a name PostgreSQL's connector does not know."""
    native = NATIVE_TYPES.get(name)
    return native.render(tuple(args)) if native is not None else None


# Prisma's BRIN operator classes come in families named after the indexed type: `Int4BloomOps`, `Int4MinMaxOps` and
# `Int4MinMaxMultiOps` are the family "Int4" (PostgreSQL's int4_bloom_ops, ...). Family -> its kinds.
BRIN_OPERATOR_FAMILIES: dict[str, tuple[str, ...]] = {
    "Bit": ("MinMax",),
    "VarBit": ("MinMax",),
    "Bpchar": ("Bloom", "MinMax"),
    "Bytea": ("Bloom", "MinMax"),
    "Text": ("Bloom", "MinMax"),
    "Inet": ("Bloom", "Inclusion", "MinMax", "MinMaxMulti"),
    **dict.fromkeys(
        ("Date", "Float4", "Float8", "Int2", "Int4", "Int8", "Numeric", "Oid", "Timestamp", "TimestampTz", "Time",
         "TimeTz", "Uuid"),
        ("Bloom", "MinMax", "MinMaxMulti"),
    ),
}


# Prisma's named operator classes (`ops: JsonbPathOps`) -> PostgreSQL operator class names.
def _brin_classes() -> dict[str, str]:
    suffixes = {"Bloom": "bloom", "MinMax": "minmax", "MinMaxMulti": "minmax_multi", "Inclusion": "inclusion"}
    return {
        f"{family}{kind}Ops": f"{family.lower()}_{suffixes[kind]}_ops"
        for family, kinds in BRIN_OPERATOR_FAMILIES.items()
        for kind in kinds
    }


OPERATOR_CLASSES: dict[str, str] = {
    "InetOps": "inet_ops",
    "ArrayOps": "array_ops",
    "JsonbOps": "jsonb_ops",
    "JsonbPathOps": "jsonb_path_ops",
    "TextOps": "text_ops",
    **_brin_classes(),
}

# Index methods named by `@@index(type: ...)`.
INDEX_METHODS: dict[str, str] = {
    "BTree": "btree",
    "Hash": "hash",
    "Gist": "gist",
    "Gin": "gin",
    "SpGist": "spgist",
    "Brin": "brin",
}
