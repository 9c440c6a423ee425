"""Suggested fixes for one finding, in both directions: the schema.prisma edit (Prisma ← database) and the SQL
(database ← Prisma).

Reports show these next to each finding; they read the finding (its kind and the model objects it carries) and
never re-compare anything. The SQL is production-minded: indexes `CONCURRENTLY IF NOT EXISTS`, foreign keys
`NOT VALID` then `VALIDATE CONSTRAINT`, `ADD COLUMN IF NOT EXISTS`; anything that drops data is still suggested but
flagged destructive (and says so in its first line). Identifiers and literals go through `drift.model.names` only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from drift.diff.findings import Finding, FindingKind
from drift.emit.type_change import Cost, TypeChange, classify
from drift.model.names import quote_identifier, quote_literal, quote_qualified, truncate_identifier
from drift.model.schema import (
    Column,
    Enum,
    EnumValue,
    Extension,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    Table,
    View,
)
from drift.prisma.native_types import INDEX_METHODS
from drift.prisma.naming import (
    foreign_key_name,
    index_name,
    primary_key_name,
    serial_sequence_name,
    unique_index_name,
    with_suffix,
)

DESTRUCTIVE_NOTE = "-- DESTRUCTIVE: drops or changes data or objects; review before running."


@dataclass(frozen=True)
class RelationHint:
    """The database's foreign key behind a relation_candidate, and the model of the table it references."""

    foreign_key: ForeignKey
    target_model: str | None = None


@dataclass(frozen=True)
class FixScope:
    """What a renderer knows besides the finding: its table's model and fields, the relation behind it."""

    model: str
    relation: RelationHint | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    # The datasource lists its PostgreSQL schemas: every model and enum needs its @@schema.
    multi_schema: bool = False
    # (schema, table) -> its Prisma model, for the models a suggested relation points at.
    models: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # The table's nullable columns in the database (a relation field over one of them is optional).
    nullable: frozenset[str] = frozenset()
    # The database's enum types as (schema, name), to tell an enum column from one of another user-defined type
    # (composite, range: `Unsupported("addr")`); None when not known (every such column is taken for an enum).
    enums: frozenset[tuple[str, str]] | None = None
    # The database's foreign keys that reference the table (its own included), each with the (schema, table) it is
    # on: a primary key's fix must drop and re-add those that depend on the key's index.
    referencing: tuple[ReferencingKey, ...] = ()
    # The table as schema.prisma describes it, for a rename: the key, index and foreign key names that Prisma derives
    # from the table's and columns' names, which the rename's @@map / @map would change.
    expected_table: Table | None = None


@dataclass(frozen=True)
class ReferencingKey:
    """A foreign key of the database and the table it is on."""

    schema_name: str
    table: str
    key: ForeignKey


@dataclass(frozen=True)
class Fix:
    prisma: str | None = None
    sql: str | None = None
    # True when the SQL removes data or objects; reports label it, `sql` starts with DESTRUCTIVE_NOTE.
    destructive: bool = False


# ------------------------------------------------------------------------------------------------ prisma spelling

_PRISMA_ACTIONS = {
    "CASCADE": "Cascade",
    "RESTRICT": "Restrict",
    "NO ACTION": "NoAction",
    "SET NULL": "SetNull",
    "SET DEFAULT": "SetDefault",
}

# PostgreSQL type (format_type spelling) -> (Prisma scalar, native attribute or None). Prisma's own defaults first.
_EXACT_TYPES = {
    "text": ("String", None),
    "boolean": ("Boolean", None),
    "integer": ("Int", None),
    "bigint": ("BigInt", None),
    "double precision": ("Float", None),
    "numeric(65,30)": ("Decimal", None),
    "timestamp(3) without time zone": ("DateTime", None),
    "jsonb": ("Json", None),
    "bytea": ("Bytes", None),
    "smallint": ("Int", "@db.SmallInt"),
    "real": ("Float", "@db.Real"),
    "uuid": ("String", "@db.Uuid"),
    "date": ("DateTime", "@db.Date"),
    "json": ("Json", "@db.Json"),
    "inet": ("String", "@db.Inet"),
    "citext": ("String", "@db.Citext"),
    "xml": ("String", "@db.Xml"),
    "money": ("Decimal", "@db.Money"),
    "oid": ("Int", "@db.Oid"),
    "character varying": ("String", "@db.VarChar"),
    '"char"': ("String", "@db.Char"),  # PostgreSQL's one-byte type, as db pull writes it
    "character": ("String", "@db.Char"),  # a bare @db.Char, as lowered
    "numeric": ("Decimal", "@db.Decimal"),
}

_PARAMETRISED_TYPES = [
    (re.compile(r"^character varying\((\d+)\)$"), "String", "@db.VarChar({})"),
    (re.compile(r"^character\((\d+)\)$"), "String", "@db.Char({})"),
    (re.compile(r"^numeric\((\d+),(\d+)\)$"), "Decimal", "@db.Decimal({}, {})"),
    (re.compile(r"^timestamp\((\d)\) without time zone$"), "DateTime", "@db.Timestamp({})"),
    (re.compile(r"^timestamp\((\d)\) with time zone$"), "DateTime", "@db.Timestamptz({})"),
    (re.compile(r"^timestamp without time zone$"), "DateTime", "@db.Timestamp(6)"),
    (re.compile(r"^timestamp with time zone$"), "DateTime", "@db.Timestamptz(6)"),
    (re.compile(r"^time\((\d)\) without time zone$"), "DateTime", "@db.Time({})"),
    (re.compile(r"^time\((\d)\) with time zone$"), "DateTime", "@db.Timetz({})"),
    (re.compile(r"^time without time zone$"), "DateTime", "@db.Time(6)"),
    (re.compile(r"^time with time zone$"), "DateTime", "@db.Timetz(6)"),
    (re.compile(r"^bit\((\d+)\)$"), "String", "@db.Bit({})"),
    (re.compile(r"^bit varying\((\d+)\)$"), "String", "@db.VarBit({})"),
]


def prisma_type(column: Column, enums: frozenset[tuple[str, str]] | None = None) -> str:
    """The Prisma type and native attribute that describe a database column: `String? @db.VarChar(20)` (`enums`: see
    FixScope)."""
    scalar, native = _type_and_native(column, enums)
    return scalar + (f" {native}" if native else "")


def _type_and_native(column: Column, enums: frozenset[tuple[str, str]] | None = None) -> tuple[str, str | None]:
    """A column's Prisma type with its suffix (`String?`) and its native type attribute (`@db.VarChar(20)`) or None,
    as db pull writes them (`enums`: see FixScope)."""
    native: str | None
    if column.domain is not None and column.dimensions:
        # A list of a domain: db pull writes Unsupported, and Prisma's diff would change an `Int[]` to integer[].
        scalar, native = f"Unsupported({_prisma_string(column.domain)})", None
    elif column.type_schema is not None and column.type in _EXACT_TYPES:
        scalar, native = _EXACT_TYPES[column.type]  # an extension's type Prisma names: `String @db.Citext`
    elif column.type_schema is not None and (enums is None or (column.type_schema, column.type) in enums):
        scalar, native = column.type, None  # an enum keeps its database name
    elif column.type_schema is not None:  # a composite, range or other user-defined type
        scalar, native = f"Unsupported({_prisma_string(column.type)})", None
    elif column.type in _EXACT_TYPES:
        scalar, native = _EXACT_TYPES[column.type]
    else:
        for pattern, scalar_name, template in _PARAMETRISED_TYPES:
            match = pattern.match(column.type)
            if match:
                scalar, native = scalar_name, template.format(*match.groups())
                break
        else:
            scalar, native = f"Unsupported({_prisma_string(column.type)})", None
    if column.dimensions:
        suffix = "[]"
    else:
        suffix = "?" if column.nullable else ""
    return scalar + suffix, native


def prisma_default(default: str | None, enum: bool = False) -> str | None:
    """`@default(...)` for a canonical database default (see drift.model.normalize), or None for no default. On an
    enum column (`enum`) a literal is one of its values, which Prisma writes bare: `@default(ACTIVE)`."""
    if default is None:
        return None
    if enum and re.fullmatch(r"'[A-Za-z][A-Za-z0-9_]*'", default):
        return f"@default({default[1:-1]})"
    if default == "autoincrement()":
        return "@default(autoincrement())"
    if default == "CURRENT_TIMESTAMP":
        return "@default(now())"
    if default in ("true", "false") or re.fullmatch(r"-?\d+(\.\d+)?", default):
        return f"@default({default})"
    if re.fullmatch(r"'(?:[^']|'')*'", default):
        text = default[1:-1].replace("''", "'")
        return "@default(" + _prisma_string(text) + ")"
    return "@default(dbgenerated(" + _prisma_string(default) + "))"


def column_default(default: str | None, column: object) -> str | None:
    """`prisma_default` of a default of `column` (a Column, else unknown): bare on an enum-typed column; on a list
    column, a list Prisma can write as a literal (`@default(["a"])`) is written so."""
    if isinstance(column, Column) and column.dimensions == 1 and default is not None and default.startswith("ARRAY["):
        listed = _prisma_list(default, column)
        if listed is not None:
            return f"@default({listed})"
    return prisma_default(default, enum=isinstance(column, Column) and column.type_schema is not None)


# One element of a canonical array default (drift.model.normalize): a string literal, a number, a boolean.
_ARRAY_ELEMENT = re.compile(r"'(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false")


def _prisma_list(default: str, column: Column) -> str | None:
    """A canonical `ARRAY[...]` default of a list column as Prisma's list literal (`["a"]`, `[1, 2]`, `[USER]`), or
    None where Prisma has none (expressions, dates, ...): `dbgenerated` then, which Prisma's diff keeps resetting."""
    scalar = _type_and_native(column)[0].removesuffix("[]")
    enum = column.type_schema is not None and column.type not in _EXACT_TYPES
    body, elements, position = default[len("ARRAY[") : -1], [], 0
    while position < len(body):
        match = _ARRAY_ELEMENT.match(body, position)
        if match is None:
            return None
        element = match.group()
        if element.startswith("'"):
            text = element[1:-1].replace("''", "'")
            if enum and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", text):
                elements.append(text)
            elif scalar == "String" and not enum:
                elements.append(_prisma_string(text))
            else:
                return None
        elif element in ("true", "false"):
            if scalar != "Boolean":
                return None
            elements.append(element)
        elif scalar in ("Int", "BigInt") and "." not in element or scalar in ("Float", "Decimal"):
            elements.append(element)
        else:
            return None
        position = match.end()
        if position < len(body):
            if body[position] != ",":
                return None
            position += 1
    return "[" + ", ".join(elements) + "]"


# Prisma's string escapes (as db pull writes them): a line break in a default must not end the line.
_PRISMA_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _prisma_string(text: str) -> str:
    escaped = "".join(
        _PRISMA_ESCAPES.get(char) or (f"\\u{ord(char):04x}" if ord(char) < 0x20 or ord(char) == 0x7F else char)
        for char in text
    )
    return '"' + escaped + '"'


def field_name_for(column_name: str) -> str:
    """Prisma's camelCase field name for a database column: `product_id` -> `productId`."""
    head, *rest = [part for part in column_name.split("_") if part] or [column_name]
    name = head[:1].lower() + head[1:] + "".join(part[:1].upper() + part[1:] for part in rest)
    return name if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) else "field_" + re.sub(r"\W", "_", column_name)


def model_name_for(table_name: str) -> str:
    """Prisma's PascalCase model name for a table: `webhook_deliveries` -> `WebhookDeliveries`."""
    name = "".join(part[:1].upper() + part[1:] for part in table_name.split("_") if part)
    return name if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name) else "Model_" + re.sub(r"\W", "_", table_name)


def prisma_field_line(
    column: Column,
    *,
    primary_key: bool = False,
    key_name: str | None = None,
    enums: frozenset[tuple[str, str]] | None = None,
) -> str:
    """A whole field declaration for a database column, mapped to its name when the field name differs; `key_name`:
    the primary key's name when it is not the one Prisma would give it; `enums`: see FixScope."""
    field = field_name_for(column.name)
    scalar, native = _type_and_native(column, enums)
    parts = [field, scalar]
    # In the order `prisma format` keeps them in: @id, @default, @map, then the native type.
    if primary_key:
        parts.append(f"@id(map: {_prisma_string(key_name)})" if key_name else "@id")
    default = column_default(column.default, column)
    if default:
        parts.append(default)
    if field != column.name:
        parts.append(f"@map({_prisma_string(column.name)})")
    if native:
        parts.append(native)
    return " ".join(parts)


def _field_list(columns: tuple[str, ...], fields: Mapping[str, str] | None = None) -> str:
    return "[" + ", ".join(_field_of(name, fields) for name in columns) + "]"


def _field_of(column: str, fields: Mapping[str, str] | None) -> str:
    """The model's field for a database column when known (it may be renamed with @map), else Prisma's name."""
    return (fields or {}).get(column) or field_name_for(column)


def _where(finding: Finding, model: str) -> str:
    """`field "isActive" of model "Product"` from the Prisma origin, else the model alone."""
    origin = finding.prisma
    field = origin.field if origin and origin.field else None
    if field:
        return f'field "{field}" of model "{model}"'
    return f'model "{model}"'


def _model_of(finding: Finding, hint: str | None) -> str:
    """The model behind a finding's table: its own origin, else the caller's hint (the expected schema knows every
    mapped table's model), else the name `prisma db pull` would give the table."""
    origin = finding.prisma
    return (origin.model if origin and origin.model else None) or hint or model_name_for(finding.table or "")


# ------------------------------------------------------------------------------------------------ SQL spelling


def _table(finding: Finding) -> str:
    return quote_qualified(finding.schema_name, finding.table or "")


_TYPE_MODIFIER = re.compile(r"^(?P<name>.+?)(?P<modifier>\(\d+(?:,\s*\d+)*\))$")


def sql_type(column: Column) -> str:
    """The column's type as SQL: a named type qualified by its schema, its modifier outside the quotes
    (`"extensions"."vector"(3)`: quoted whole, `"vector(3)"`, it names no type)."""
    if not column.type_schema:
        return column.type + "[]" * column.dimensions
    parts = _TYPE_MODIFIER.match(column.type)
    name, modifier = (parts["name"], parts["modifier"]) if parts else (column.type, "")
    return quote_qualified(column.type_schema, name) + modifier + "[]" * column.dimensions


_SQL_LITERAL = re.compile(r"(?<![\w$])'(?:[^']|'')*'")
_E_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _readable_literals(sql: str) -> str:
    """String literals holding line breaks or other control characters as E'...' escapes: the same value, on one
    line, visible (a raw line break in a suggested statement is easily lost when copied)."""
    if sql.isprintable():
        return sql

    def escaped(match: re.Match[str]) -> str:
        body = match.group(0)[1:-1].replace("''", "'")
        if body.isprintable():
            return match.group(0)
        return "E'" + "".join(
            _E_ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x20 or ord(char) == 0x7F else char)
            for char in body
        ) + "'"

    return _SQL_LITERAL.sub(escaped, sql)


def sql_default(default: str, column: Column | None) -> str:
    """A canonical default (see drift.model.normalize) as SQL for `column`: an array literal gets the column's type
    (`ARRAY[]` alone has none, and `ARRAY['A']` is text[], which does not assign to an enum array); control
    characters in its strings as E'' escapes."""
    default = _readable_literals(default)
    if column is not None and default.startswith("ARRAY["):
        # At least one dimension: the column given may be the database's scalar one that the default's fix (after
        # its type's) makes a list again.
        return f"{default}::{sql_type(column.model_copy(update={'dimensions': max(column.dimensions, 1)}))}"
    return default


def _column_definition(column: Column) -> str:
    if column.default == "autoincrement()" and not column.dimensions:
        serial = {"integer": "serial", "bigint": "bigserial", "smallint": "smallserial"}.get(column.type)
        if serial:
            return f"{quote_identifier(column.name)} {serial}" + ("" if column.nullable else " NOT NULL")
    text = f"{quote_identifier(column.name)} {sql_type(column)}"
    if column.default is not None and column.default != "autoincrement()":
        text += f" DEFAULT {sql_default(column.default, column)}"
    if not column.nullable:
        text += " NOT NULL"
    return text


def _columns(names: tuple[str, ...]) -> str:
    return ", ".join(quote_identifier(name) for name in names)


def _create_index(schema: str, table: str, index: Index) -> str:
    keys = []
    for key in index.columns:
        text = quote_identifier(key.column) if key.column is not None else f"({key.expression})"
        if key.opclass:
            text += f" {key.opclass}"
        if key.order == "DESC":
            text += " DESC"
        if key.nulls:
            text += f" NULLS {key.nulls}"
        keys.append(text)
    unique = "UNIQUE " if index.unique else ""
    sql = (
        f"CREATE {unique}INDEX CONCURRENTLY IF NOT EXISTS {quote_identifier(index.name)} "
        f"ON {quote_qualified(schema, table)} USING {index.method} ({', '.join(keys)})"
    )
    if index.include:
        sql += f" INCLUDE ({_columns(index.include)})"
    if index.predicate:
        sql += f" WHERE {index.predicate}"
    lines = [_drop_invalid_index(schema, index.name), sql + ";"]
    if index.unique:
        lines.insert(0, "-- a unique index: the build fails while rows share a value (an earlier failed build is dropped first).")
    return "\n".join(lines)


def _drop_invalid_index(schema: str, name: str) -> str:
    """A failed CREATE INDEX CONCURRENTLY leaves the index INVALID (unused, still maintained), and IF NOT EXISTS then
    skips the build for good: drop such a leftover first (a plain DROP INDEX, as DO cannot run CONCURRENTLY; a brief
    lock, only when there is one)."""
    index = quote_qualified(schema, name)
    return _run_if(
        [f"EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass({quote_literal(index)}) AND NOT indisvalid)"],
        f"DROP INDEX {index};",
    )


def _drop_index(schema: str, index: Index) -> str:
    return f"DROP INDEX CONCURRENTLY IF EXISTS {quote_qualified(schema, index.name)};"


_VALIDATE_NOTE = "-- VALIDATE scans without blocking writes; while a row has no match it fails and the key stays NOT VALID."


def _add_foreign_key(schema: str, table: str, key: ForeignKey) -> str:
    # NOT VALID takes only a brief lock; VALIDATE then scans without blocking writes.
    return "\n".join(
        [_add_foreign_key_not_valid(schema, table, key), _VALIDATE_NOTE, _validate_constraint(schema, table, key.name)]
    )


def _add_foreign_key_not_valid(schema: str, table: str, key: ForeignKey) -> str:
    """The key as it is (a database's key may be DEFERRABLE), NOT VALID: no scan, a brief lock; added only while the
    table has no constraint of that name (a second run adds nothing: ADD CONSTRAINT has no IF NOT EXISTS)."""
    return _run_if([f"NOT {_constraint_exists(schema, table, key.name)}"], _foreign_key_statement(schema, table, key))


def _foreign_key_statement(schema: str, table: str, key: ForeignKey) -> str:
    target = quote_qualified(key.referenced_schema, key.referenced_table)
    deferrable = ""
    if key.deferrable:
        deferrable = " DEFERRABLE INITIALLY DEFERRED" if key.initially_deferred else " DEFERRABLE"
    return (
        f"ALTER TABLE {quote_qualified(schema, table)} ADD CONSTRAINT {quote_identifier(key.name)} "
        f"FOREIGN KEY ({_columns(key.columns)}) REFERENCES {target} ({_columns(key.referenced_columns)}) "
        f"{'MATCH FULL ' if key.match_full else ''}ON DELETE {key.on_delete} ON UPDATE {key.on_update}{deferrable} "
        "NOT VALID;"
    )


def _validate_constraint(schema: str, table: str, name: str) -> str:
    return f"ALTER TABLE {quote_qualified(schema, table)} VALIDATE CONSTRAINT {quote_identifier(name)};"


def _drop_constraint(schema: str, table: str, name: str) -> str:
    return f"ALTER TABLE {quote_qualified(schema, table)} DROP CONSTRAINT IF EXISTS {quote_identifier(name)};"


def _destructive(sql: str) -> str:
    return f"{DESTRUCTIVE_NOTE}\n{sql}"


def _run_if(conditions: list[str], statement: str) -> str:
    """`statement` in a DO block that runs it only while every condition holds: PostgreSQL has no IF EXISTS for
    most renames, and a second run of a fix must change nothing. Only the block's last line ends with `;` (a script
    split at line ends still gets it whole); its dollar tag is one the body does not contain."""
    tag = _dollar_tag("".join(conditions) + statement)
    lines = [f"DO {tag} BEGIN IF {conditions[0]}", *(f"  AND {condition}" for condition in conditions[1:])]
    return "\n".join([*lines, f"  THEN {statement} END IF; END {tag};"])


def _dollar_tag(body: str) -> str:
    """`$drift$`, or `$drift1$`... if a name in the body contains it (the body would end there)."""
    tag, number = "$drift$", 0
    while tag in body:
        number += 1
        tag = f"$drift{number}$"
    return tag


def _regclass(schema: str, table: str) -> str:
    """`to_regclass('"public"."users"')`: the table's oid, NULL (no error) when there is no such table."""
    return f"to_regclass({quote_literal(quote_qualified(schema, table))})"


def _attribute(schema: str, table: str, column: str) -> str:
    """`FROM pg_attribute WHERE ...`: the table's column of that name (none when the table or column is missing)."""
    return (
        f"FROM pg_attribute WHERE attrelid = {_regclass(schema, table)} "
        f"AND attname = {quote_literal(column)} AND NOT attisdropped"
    )


def _column_exists(schema: str, table: str, column: str) -> str:
    return f"EXISTS (SELECT {_attribute(schema, table, column)})"


def _primary_key_exists(schema: str, table: str, name: str | None = None, *, also: str = "") -> str:
    """The table has a primary key (of that name, if given; `also`: more conditions on its pg_constraint row)."""
    named = f" AND conname = {quote_literal(name)}" if name is not None else ""
    return f"EXISTS (SELECT FROM pg_constraint WHERE conrelid = {_regclass(schema, table)} AND contype = 'p'{named}{also})"


def _index_column_names(index_oid: str, *, keys_only: bool) -> str:
    """`ARRAY(...)`: the columns of the index whose oid `index_oid` gives, by name, in order (INCLUDE columns too
    unless `keys_only`)."""
    keys = "indkey[0:indnkeyatts - 1]" if keys_only else "indkey"
    return (
        f"ARRAY(SELECT attname FROM pg_index JOIN LATERAL unnest({keys}) WITH ORDINALITY AS k(number, place) ON true "
        f"JOIN pg_attribute ON attrelid = indrelid AND attnum = k.number WHERE indexrelid = {index_oid} ORDER BY place)"
    )


def _constraint_exists(schema: str, table: str, name: str) -> str:
    return (
        f"EXISTS (SELECT FROM pg_constraint WHERE conrelid = {_regclass(schema, table)} "
        f"AND conname = {quote_literal(name)})"
    )


def _rename_column(schema: str, table: str, old: str, new: str) -> str:
    return _run_if(
        [_column_exists(schema, table, old), "NOT " + _column_exists(schema, table, new)],
        f"ALTER TABLE {quote_qualified(schema, table)} RENAME COLUMN {quote_identifier(old)} TO {quote_identifier(new)};",
    )


def _rename_constraint(schema: str, table: str, old: str, new: str) -> str:
    return _run_if(
        [_constraint_exists(schema, table, old), "NOT " + _constraint_exists(schema, table, new)],
        f"ALTER TABLE {quote_qualified(schema, table)} RENAME CONSTRAINT {quote_identifier(old)} "
        f"TO {quote_identifier(new)};",
    )


def _create_table(table: Table) -> str:
    lines = [f"  {_column_definition(column)}" for column in table.columns]
    if table.primary_key is not None:
        lines.append(
            f"  CONSTRAINT {quote_identifier(table.primary_key.name)} PRIMARY KEY ({_columns(table.primary_key.columns)})"
        )
    sql = (
        f"CREATE TABLE IF NOT EXISTS {quote_qualified(table.schema_name, table.name)} (\n" + ",\n".join(lines) + "\n);"
    )
    extras = [_create_index(table.schema_name, table.name, index) for index in table.indexes if not index.constraint]
    extras += [_add_foreign_key(table.schema_name, table.name, key) for key in table.foreign_keys]
    return "\n".join([sql, *extras])


def _prisma_model(table: Table, scope: FixScope) -> tuple[str, list[str]]:
    """The model `db pull` would write for a table, relation fields included, and notes on the opposite relation
    fields: `prisma format` adds them, except where two relations join the same two models (each needs a name on
    both sides), which the notes spell out."""
    model = model_name_for(table.name)
    lines = [f"model {model} {{"]
    key = table.primary_key
    # A key named otherwise than Prisma names it (`{table}_pkey`) keeps its name: `map:`.
    key_name = key.name if key is not None and key.name != primary_key_name(table.name) else None
    for column in table.columns:
        single_key = key is not None and key.columns == (column.name,)
        lines.append(f"  {prisma_field_line(column, primary_key=single_key, key_name=key_name, enums=scope.enums)}")
    relations, notes = _model_relations(table, model, scope)
    lines += [f"  {relation}" for relation in relations]
    if key is not None and len(key.columns) > 1:
        mapped = f", map: {_prisma_string(key_name)}" if key_name else ""
        lines.append(f"  @@id({_field_list(key.columns)}{mapped})")
    for index in table.indexes:
        if index.columns and all(key.column for key in index.columns):
            lines.append(f"  {_prisma_index(index, table.name)}")
    if model != table.name:
        lines.append(f"  @@map({_prisma_string(table.name)})")
    if scope.multi_schema:
        lines.append(f"  @@schema({_prisma_string(table.schema_name)})")
    lines.append("}")
    return formatted_block("\n".join(lines)), notes


def _model_relations(table: Table, model: str, scope: FixScope) -> tuple[list[str], list[str]]:
    """The relation fields of a suggested model (one per foreign key, and the opposite field of a relation to the
    model itself) and notes on the opposite fields the user adds to other models."""
    columns = {column.name: column for column in table.columns}
    targets = [
        model if (key.referenced_schema, key.referenced_table) == (table.schema_name, table.name)
        else _relation_target(key, scope)
        for key in table.foreign_keys
    ]
    relations: list[str] = []
    opposites: dict[str, list[str]] = {}
    used = {field_name_for(name) for name in columns}
    for key, target in zip(table.foreign_keys, targets):
        name = _relation_field_name(key, target, used)
        used.add(name)
        optional = any(columns[column].nullable for column in key.columns if column in columns)
        if targets.count(target) == 1 and target != model:
            # The only relation to another model: `prisma format` adds the opposite field.
            relations.append(_prisma_relation(key, table.name, scope, target, field=name, optional=optional))
            continue
        # Two relations between the same models, or one from the model to itself: Prisma wants the relation named
        # on both sides (the constraint's name serves), and `prisma format` does not add such opposite fields.
        relations.append(
            _prisma_relation(key, table.name, scope, target, field=name, relation=key.name, optional=optional)
        )
        opposite_name = model[:1].lower() + model[1:] + name[:1].upper() + name[1:]
        one_to_one = _unique_over(table, key.columns)
        opposite = f"{opposite_name} {model}{'?' if one_to_one else '[]'} @relation({_prisma_string(key.name)})"
        if target == model:
            used.add(opposite_name)
            relations.append(opposite)
        else:
            opposites.setdefault(target, []).append(opposite)
    notes = []
    if any(targets.count(target) == 1 and target != model for target in targets):
        notes.append("`prisma format` then adds the opposite relation fields")
    if opposites:
        notes.append(
            "add these opposite fields yourself: "
            + "; ".join(f'to model "{target}": ' + ", ".join(fields) for target, fields in opposites.items())
        )
    return relations, notes


def _relation_field_name(key: ForeignKey, target: str, used: set[str]) -> str:
    """A relation field's name: after its key's column (`user_id` -> `user`), else after the model it points at;
    the model's name appended if the model has a field of that name already."""
    base = field_name_for(key.columns[0]) if len(key.columns) == 1 else ""
    if base.endswith("Id") and len(base) > 2:
        base = base[:-2]
    name = base or target[:1].lower() + target[1:]
    return name + target if name in used else name


def _unique_over(table: Table, columns: tuple[str, ...]) -> bool:
    """Whether the table's primary key or a plain unique index covers exactly these columns (a one-to-one relation)."""
    if table.primary_key is not None and table.primary_key.columns == columns:
        return True
    return any(
        index.unique and index.predicate is None and tuple(key.column for key in index.columns) == columns
        for index in table.indexes
    )


def formatted_block(text: str) -> str:
    """A model or view block that this module wrote (one member per line: `name type attributes...` or
    `@@attribute(...)`) laid out as `prisma format` lays it out: aligned columns, block attributes in its order
    after a blank line. Without parsing it: a report may suggest thousands of models."""
    from drift.prisma.printer import render_generated_block

    header, *members, closing = text.split("\n")
    if not header.endswith(" {") or closing != "}":
        return text
    rows, block_attributes = [], []
    for member in members:
        member = member.strip()
        if member.startswith("@@"):
            block_attributes.append((member[2:].split("(", 1)[0], member))
        else:
            rows.append(_field_cells(member))
    return render_generated_block(header[:-2], rows, block_attributes)


def _field_cells(line: str) -> list[str]:
    """`name type attributes...` as its three cells; the type may be `Unsupported("a type with blanks")?`."""
    name, _, rest = line.partition(" ")
    if rest.startswith('Unsupported("'):
        end = rest.index('")') + 2
        while end < len(rest) and rest[end] in "?[]":
            end += 1
        return [name, rest[:end], rest[end:].strip()]
    return [name, *rest.split(" ", 1)]


# PostgreSQL's index method -> its `@@index(type: ...)` name, B-tree (the default, never written) aside.
_PRISMA_INDEX_TYPES = {method: name for name, method in INDEX_METHODS.items() if method != "btree"}


def _prisma_index_key(key: IndexColumn, fields: Mapping[str, str] | None = None, *, opclass: bool = True) -> str:
    name = _field_of(key.column or "", fields)
    arguments = []
    if key.order == "DESC":
        arguments.append("sort: Desc")
    if key.opclass and opclass:
        arguments.append(f"ops: raw({_prisma_string(key.opclass)})")
    return f"{name}({', '.join(arguments)})" if arguments else name


def _prisma_index(index: Index, table: str, fields: Mapping[str, str] | None = None) -> str:
    """`@@index`/`@@unique` for a database index of `table`; `map:` only when Prisma would name it otherwise."""
    attribute = "@@unique" if index.unique else "@@index"
    # An extension's access method (hnsw, ivfflat, bloom) has no `type:`: Prisma reads such an index as a B-tree
    # without operator classes, and db pull writes it so (`type: hnsw` would not validate).
    named = index.method == "btree" or index.method in _PRISMA_INDEX_TYPES
    keys = "[" + ", ".join(_prisma_index_key(key, fields, opclass=named) for key in index.columns) + "]"
    columns = [key.column or "" for key in index.columns]
    default = unique_index_name(table, columns) if index.unique else index_name(table, columns)
    arguments = [keys] if index.name == default and all(columns) else [keys, f"map: {_prisma_string(index.name)}"]
    if index.method in _PRISMA_INDEX_TYPES:
        arguments.append(f"type: {_PRISMA_INDEX_TYPES[index.method]}")
    if index.predicate is not None:  # the partialIndexes preview feature
        arguments.append(f"where: raw({_prisma_string(index.predicate)})")
    return f"{attribute}({', '.join(arguments)})"


def _prisma_enum(enum: Enum, multi_schema: bool = False) -> str:
    lines = [f"enum {enum.name} {{", *(f"  {value.name}" for value in enum.values)]
    if multi_schema:
        lines.append(f"  @@schema({_prisma_string(enum.schema_name)})")
    return "\n".join([*lines, "}"])


def _relation_target(key: ForeignKey, scope: FixScope) -> str:
    """The model a foreign key points at: the one schema.prisma maps to its table, else db pull's name for it."""
    return scope.models.get((key.referenced_schema, key.referenced_table)) or model_name_for(key.referenced_table)


def _prisma_relation(
    key: ForeignKey,
    table: str,
    scope: FixScope,
    target: str | None = None,
    *,
    field: str | None = None,
    relation: str | None = None,
    optional: bool = False,
) -> str:
    """The relation field for a foreign key of `table`, pointing at model `target` (else the one schema.prisma maps
    to that table, else db pull's name for it), named `field` (else after that model), with the relation's name
    `relation` if given; `map:` only when Prisma would name the key otherwise."""
    target = target or _relation_target(key, scope)
    fields = scope.fields
    arguments = [_prisma_string(relation)] if relation else []
    arguments += [
        f"fields: {_field_list(key.columns, fields)}",
        f"references: {_field_list(key.referenced_columns)}",
        f"onDelete: {_PRISMA_ACTIONS.get(key.on_delete, key.on_delete)}",
        f"onUpdate: {_PRISMA_ACTIONS.get(key.on_update, key.on_update)}",
    ]
    if key.name != foreign_key_name(table, key.columns):
        arguments.append(f"map: {_prisma_string(key.name)}")
    field = field or target[:1].lower() + target[1:]
    return f"{field} {target}{'?' if optional else ''} @relation({', '.join(arguments)})"


# ------------------------------------------------------------------------------------------------ per kind


def _missing_table(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    table = finding.expected_object
    sql = _create_table(table) if isinstance(table, Table) else None
    return Fix(prisma=f"remove {_where(finding, model)} (the table does not exist in the database)", sql=sql)


def _extra_table(finding: Finding, scope: FixScope) -> Fix:
    table = finding.actual_object
    prisma = None
    if isinstance(table, Table):
        prisma, notes = _prisma_model(table, scope)
        if notes:
            prisma += "\n(" + "; ".join(notes) + ")"
    sql = _destructive(f"DROP TABLE IF EXISTS {_table(finding)};")
    return Fix(prisma=prisma, sql=sql, destructive=True)


def _schema_mismatch(finding: Finding, scope: FixScope) -> Fix:
    # expected / actual: the PostgreSQL schema schema.prisma names and the one the table or enum type is in.
    expected, actual = str(finding.expected or ""), str(finding.actual or finding.schema_name)
    instead = f"@@schema({_prisma_string(actual)}) (not {_prisma_string(expected)})"
    if finding.table is None:  # an enum type; ALTER TYPE has no IF EXISTS: a second run must find nothing to move
        enum = quote_qualified(actual, finding.object or "")
        return Fix(
            prisma=f'set {instead} on enum "{finding.object}"',
            sql=(
                f"DO $$ BEGIN IF to_regtype({quote_literal(enum)}) IS NOT NULL THEN "
                f"ALTER TYPE {enum} SET SCHEMA {quote_identifier(expected)}; END IF; END $$;"
            ),
        )
    table = quote_qualified(actual, finding.table)
    return Fix(
        prisma=f'set {instead} on model "{scope.model}"',
        # Moves the table's indexes, constraints and owned sequences with it; IF EXISTS: a second run does nothing.
        sql=f"ALTER TABLE IF EXISTS {table} SET SCHEMA {quote_identifier(expected)};",
    )


def _missing_view(finding: Finding, scope: FixScope) -> Fix:
    view = finding.expected_object
    name = view.name if isinstance(view, View) else finding.object or finding.table or ""
    return Fix(prisma=f'remove view "{name}" from schema.prisma', sql=None)


def _extra_view(finding: Finding, scope: FixScope) -> Fix:
    view = finding.actual_object
    if not isinstance(view, View):
        return Fix()
    fields = [f"  {prisma_field_line(column, enums=scope.enums)}" for column in view.columns]
    mapped = [f"  @@map({_prisma_string(view.name)})"] if model_name_for(view.name) != view.name else []
    prisma = formatted_block("\n".join([f"view {model_name_for(view.name)} {{", *fields, *mapped, "}"]))
    keyword = "MATERIALIZED VIEW" if view.materialized else "VIEW"
    sql = _destructive(f"DROP {keyword} IF EXISTS {quote_qualified(view.schema_name, view.name)};")
    return Fix(prisma=prisma, sql=sql, destructive=True)


def _missing_enum(finding: Finding, scope: FixScope) -> Fix:
    enum = finding.expected_object
    if not isinstance(enum, Enum):
        return Fix()
    values = ", ".join(quote_literal(value.name) for value in enum.values)
    # CREATE TYPE has no IF NOT EXISTS; a DO block keeps the statement idempotent.
    sql = (
        "DO $$ BEGIN\n"
        f"  CREATE TYPE {quote_qualified(enum.schema_name, enum.name)} AS ENUM ({values});\n"
        "EXCEPTION WHEN duplicate_object THEN NULL;\nEND $$;"
    )
    return Fix(prisma=f'remove enum "{enum.name}" from schema.prisma', sql=sql)


def _extra_enum(finding: Finding, scope: FixScope) -> Fix:
    enum = finding.actual_object
    if not isinstance(enum, Enum):
        return Fix()
    sql = _destructive(f"DROP TYPE IF EXISTS {quote_qualified(enum.schema_name, enum.name)};")
    return Fix(prisma=_prisma_enum(enum, scope.multi_schema), sql=sql, destructive=True)


def _prisma_extension(extension: Extension) -> str:
    """The entry of `extensions = [...]` for an installed extension: its name, or for a name that is not a Prisma
    identifier (`uuid-ossp`) one in camelCase with `map:` (`uuidOssp(map: "uuid-ossp")`), as Prisma's documentation
    writes it; `schema:` when the extension lives outside "public"."""
    name = extension.name
    arguments = []
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        identifier = name
    else:
        words = [word for word in re.split(r"[^A-Za-z0-9]+", name) if word]
        identifier = "".join(word if index == 0 else word[:1].upper() + word[1:] for index, word in enumerate(words))
        if not identifier or not identifier[0].isalpha():
            identifier = "extension" + identifier[:1].upper() + identifier[1:]
        arguments.append(f"map: {_prisma_string(name)}")
    if extension.schema_name != "public":
        arguments.append(f"schema: {_prisma_string(extension.schema_name)}")
    return f"{identifier}({', '.join(arguments)})" if arguments else identifier


def _missing_extension(finding: Finding, scope: FixScope) -> Fix:
    name = finding.object or ""
    return Fix(
        prisma=f"remove {name} from the datasource's extensions = [...]",
        sql=f"CREATE EXTENSION IF NOT EXISTS {quote_identifier(name)};",
    )


def _extra_extension(finding: Finding, scope: FixScope) -> Fix:
    name = finding.object or ""
    extension = finding.actual_object if isinstance(finding.actual_object, Extension) else Extension(name=name)
    entry = _prisma_extension(extension)
    return Fix(
        prisma=f'add {entry} to the datasource\'s extensions = [...] (previewFeatures = ["postgresqlExtensions"])',
        sql=_destructive(f"DROP EXTENSION IF EXISTS {quote_identifier(name)};"),
        destructive=True,
    )


def _rename_candidate(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    rename = finding.rename
    if rename is None:
        return Fix()
    implied, database = rename.from_name, rename.to
    if not _is_column_rename(finding):
        # A table: the model keeps its name and maps to the database's table.
        table = finding.expected_object if isinstance(finding.expected_object, Table) else scope.expected_table
        # A model named otherwise than its table has a @@map already (a second one is an error): it changes.
        if model and implied != model:
            edit = f'change @@map({_prisma_string(implied)}) to @@map({_prisma_string(database)}) on model "{model}"'
        else:
            edit = f'add @@map({_prisma_string(database)}) to model "{model}"'
        return Fix(
            prisma=edit + _names_to_keep(table, database),
            # IF EXISTS: once renamed, a second run finds no table of the old name and does nothing.
            sql=(
                f"ALTER TABLE IF EXISTS {quote_qualified(finding.schema_name, database)} "
                f"RENAME TO {quote_identifier(implied)};"
            ),
        )
    # A column: keep the field (its attributes too: @id, @unique, @updatedAt, a Prisma-side @default) and map it to
    # the database's column, saying what else to change to describe the column as it is; or rename the column to
    # what Prisma expects and align whatever else differs.
    field = finding.prisma.field if finding.prisma and finding.prisma.field else field_name_for(implied)
    expected, actual = finding.expected_object, finding.actual_object
    where = f'field "{field}" of model "{model}"'
    if implied != field:  # the field is mapped already: its @map changes (a second one is an error)
        edit = f"change @map({_prisma_string(implied)}) to @map({_prisma_string(database)}) on {where}"
    else:
        edit = f"add @map({_prisma_string(database)}) to {where}"
    if isinstance(expected, Column) and isinstance(actual, Column):
        edit += _column_edits(expected, actual, scope.enums)
    kept = _names_to_keep(scope.expected_table, None, (implied, database))
    statements = [_rename_column(finding.schema_name, finding.table or "", database, implied)]
    destructive = False
    if isinstance(expected, Column) and isinstance(actual, Column):
        aligned, destructive = _align_column(finding, expected, actual)
        statements += aligned
    sql = "\n".join(statements)
    return Fix(prisma=edit + kept, sql=_destructive(sql) if destructive else sql, destructive=destructive)


def _column_edits(expected: Column, actual: Column, enums: frozenset[tuple[str, str]] | None) -> str:
    """` and change its type to ..., its default to ...`: what a renamed field needs besides its @map to describe
    the database's column; empty when only the name differs."""
    changes = []
    expected_type, expected_native = _type_and_native(expected, enums)
    actual_type, actual_native = _type_and_native(actual, enums)
    if (expected_type, expected_native) != (actual_type, actual_native):
        written = " ".join(part for part in (actual_type, actual_native) if part)
        dropped = f" (without {expected_native})" if expected_native and not actual_native else ""
        changes.append(f"its type to {written}{dropped}")
    if expected.default != actual.default:
        default = column_default(actual.default, actual)
        changes.append(f"its default to {default}" if default else "no @default")
    return " and change " + ", ".join(changes) if changes else ""


def _names_to_keep(table: Table | None, new_table: str | None, column: tuple[str, str] | None = None) -> str:
    """`; to keep the database's names, map: "..." on ...` for the primary key, indexes and foreign keys whose names
    Prisma derives from the table's or the column's name (`Order_pkey`, `User_isEnabled_idx`): after the rename's
    @@map / @map it would derive new ones, which the database does not have. Names given with map: stay as they are."""
    if table is None:
        return ""
    old_table, renamed_table = table.name, new_table or table.name

    def renamed(columns: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(column[1] if column and name == column[0] else name for name in columns)

    kept = []
    key = table.primary_key
    if key is not None and column is None and key.name == primary_key_name(old_table) != primary_key_name(renamed_table):
        kept.append(f'map: {_prisma_string(key.name)} on the @id / @@id')
    for index in table.indexes:
        columns = tuple(part.column for part in index.columns)
        if None in columns:
            continue
        name_of = unique_index_name if index.unique else index_name
        if index.name == name_of(old_table, columns) != name_of(renamed_table, renamed(columns)):
            what = "@unique / @@unique" if index.unique else "@@index"
            kept.append(f"map: {_prisma_string(index.name)} on the {what} over ({', '.join(columns)})")
    for foreign_key in table.foreign_keys:
        columns = foreign_key.columns
        if foreign_key.name == foreign_key_name(old_table, columns) != foreign_key_name(
            renamed_table, renamed(columns)
        ):
            kept.append(f"map: {_prisma_string(foreign_key.name)} on the @relation over ({', '.join(columns)})")
    return "; to keep the database's names, add " + ", ".join(kept) if kept else ""


def _align_column(finding: Finding, expected: Column, actual: Column) -> tuple[list[str], bool]:
    """After a rename: the statements that give the column the expected type, default and nullability, and whether
    the type change may change values. A type change (with the default dropped before it and set after it, as the old
    default may not cast) runs only while the column is not of the expected type yet: a second run changes nothing."""
    table, name = _table(finding), quote_identifier(expected.name)
    statements = []
    type_differs = (expected.type, expected.type_schema, expected.dimensions) != (
        actual.type,
        actual.type_schema,
        actual.dimensions,
    )
    default_differs = expected.default != actual.default
    set_default = None
    if (type_differs or default_differs) and expected.default not in (None, "autoincrement()"):
        set_default = f"ALTER TABLE {table} ALTER COLUMN {name} SET DEFAULT {sql_default(expected.default, expected)};"
    lossy = False
    if type_differs:
        note, alter, lossy = _alter_type(finding, expected, actual)
        unit = [alter]
        if actual.default is not None:
            unit.insert(0, f"ALTER TABLE {table} ALTER COLUMN {name} DROP DEFAULT;")
        if set_default is not None:
            unit.append(set_default)
        statements += [note, _run_if([_not_of_type(finding, expected)], " ".join(unit))]
    elif default_differs:
        if set_default is not None:
            statements.append(set_default)
        elif actual.default is not None:
            statements.append(f"ALTER TABLE {table} ALTER COLUMN {name} DROP DEFAULT;")
    if expected.nullable and not actual.nullable:
        statements.append(f"ALTER TABLE {table} ALTER COLUMN {name} DROP NOT NULL;")
    elif actual.nullable and not expected.nullable:
        statements.append(_set_not_null(finding.schema_name, finding.table or "", expected.name))
    return statements, lossy


def _not_of_type(finding: Finding, column: Column) -> str:
    """A condition that holds while the table's column is not of `column`'s type (or is missing: the ALTER then says
    so): built-in types by `format_type`, whose spelling the expected type has; named types (enums) by oid."""
    attribute = _attribute(finding.schema_name, finding.table or "", column.name)
    brackets = "[]" * column.dimensions
    if column.type_schema is None:
        return f"(SELECT format_type(atttypid, atttypmod) {attribute}) IS DISTINCT FROM {quote_literal(column.type + brackets)}"
    named = quote_literal(quote_qualified(column.type_schema, column.type) + brackets)
    return f"(SELECT atttypid {attribute}) IS DISTINCT FROM to_regtype({named})"


_TYPE_CHANGE_NOTES = {
    Cost.CATALOG_ONLY: "-- changes the catalog only (no table rewrite); takes a brief ACCESS EXCLUSIVE lock.",
    Cost.REWRITE: "-- rewrites the table under an ACCESS EXCLUSIVE lock (reads and writes wait until it is done).",
    Cost.MAY_FAIL: (
        "-- rewrites the table under an ACCESS EXCLUSIVE lock; fails, changing nothing, if a value does not fit."
    ),
    Cost.LOSSY: "-- rewrites the table under an ACCESS EXCLUSIVE lock; rounds or shortens values that do not fit.",
}


def _alter_type(finding: Finding, expected: Column, actual: Column | None) -> tuple[str, str, bool]:
    """`ALTER COLUMN ... TYPE` to the expected type, the note on what it costs (drift/emit/type_change.py), and
    whether it may change values. USING only where PostgreSQL has no assignment cast: an explicit cast would silently
    truncate a string that does not fit, where the assignment cast raises an error instead."""
    name = quote_identifier(expected.name)
    target = sql_type(expected)
    if actual is None or expected.type_schema is not None or actual.type_schema is not None:
        change = TypeChange(Cost.MAY_FAIL, True)  # enums and other named types: only an explicit cast converts
    else:
        change = classify(actual.type, expected.type, dimensions_change=expected.dimensions != actual.dimensions)
    using = f" USING {name}::{target}" if change.explicit_cast else ""
    statement = f"ALTER TABLE {_table(finding)} ALTER COLUMN {name} TYPE {target}{using};"
    return _TYPE_CHANGE_NOTES[change.cost], statement, change.cost is Cost.LOSSY


def _is_column_rename(finding: Finding) -> bool:
    if isinstance(finding.expected_object, Table) or isinstance(finding.actual_object, Table):
        return False
    return finding.column is not None or isinstance(finding.expected_object, Column)


def _relation_candidate(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    relation = scope.relation
    rename = finding.rename
    if rename is None:
        return Fix()
    actual = finding.actual_object
    field = finding.prisma.field if finding.prisma and finding.prisma.field else field_name_for(rename.from_name)
    if isinstance(actual, Column):
        scalar = prisma_field_line(actual, enums=scope.enums)
    else:
        scalar = f"{field_name_for(rename.to)} @map({_prisma_string(rename.to)})"
    if relation is not None:
        # The new scalar field is named after the database column (see `scalar`), not the field it replaces.
        key = relation.foreign_key
        optional = any(column in scope.nullable for column in key.columns)
        unmapped = replace(scope, fields={})
        relation_field = _prisma_relation(key, finding.table or "", unmapped, relation.target_model, optional=optional)
        prisma = f'replace field "{field}" of model "{model}" with:\n{scalar}\n{relation_field}'
    else:
        prisma = f'replace field "{field}" of model "{model}" with {scalar} and a relation field over it'
    expected = finding.expected_object
    if isinstance(expected, Column):
        statements = [f"ALTER TABLE {_table(finding)} ADD COLUMN IF NOT EXISTS {_column_definition(_loosened(expected))};"]
        # schema.prisma's key on the column it adds (its missing_foreign_key is this finding's): added while the
        # column is empty, it checks every row the backfill writes.
        table = scope.expected_table
        keys = [key for key in table.foreign_keys if key.columns == (expected.name,)] if table is not None else []
        statements += [_add_foreign_key(finding.schema_name, finding.table or "", key) for key in keys]
        statements.append(
            f"-- then backfill {quote_identifier(expected.name)} from {quote_identifier(rename.to)} "
            "(a data migration; the values differ in kind)"
        )
        sql = "\n".join(statements)
    else:
        sql = None
    return Fix(prisma=prisma, sql=sql)


def _loosened(column: Column) -> Column:
    # A NOT NULL column without a default cannot be added to a table that has rows: add it nullable, backfill first.
    if not column.nullable and column.default is None:
        return column.model_copy(update={"nullable": True})
    return column


def _missing_column(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    column = finding.expected_object
    if not isinstance(column, Column):
        return Fix(prisma=f"remove {_where(finding, model)}")
    sql = f"ALTER TABLE {_table(finding)} ADD COLUMN IF NOT EXISTS {_column_definition(_loosened(column))};"
    if _loosened(column) is not column:
        sql += (
            f"\n-- after backfilling: ALTER TABLE {_table(finding)} ALTER COLUMN {quote_identifier(column.name)} "
            "SET NOT NULL;"
        )
    return Fix(prisma=f"remove {_where(finding, model)} (the column does not exist in the database)", sql=sql)


def _extra_column(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    column = finding.actual_object
    prisma = None
    if isinstance(column, Column):
        prisma = f'add to model "{model}": {prisma_field_line(column, enums=scope.enums)}'
    sql = _destructive(f"ALTER TABLE {_table(finding)} DROP COLUMN IF EXISTS {quote_identifier(finding.column or '')};")
    return Fix(prisma=prisma, sql=sql, destructive=True)


def _type_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected, actual = finding.expected_object, finding.actual_object
    prisma = None
    if isinstance(actual, Column):
        prisma = f"change {_where(finding, model)} to {prisma_type(actual, scope.enums)}"
    if not isinstance(expected, Column):
        return Fix(prisma=prisma)
    if prisma is not None and isinstance(actual, Column):
        # The database's type is the scalar's own (text, integer...): the schema's @db attribute has to go.
        written = _type_and_native(expected)[1]
        if written and _type_and_native(actual, scope.enums)[1] is None:
            prisma += f" (without {written})"
    note, alter, lossy = _alter_type(finding, expected, actual if isinstance(actual, Column) else None)
    # Only while the column is not of that type yet: run again, ALTER TYPE would rebuild the column's indexes.
    sql = f"{note}\n{_run_if([_not_of_type(finding, expected)], alter)}"
    return Fix(prisma=prisma, sql=_destructive(sql) if lossy else sql, destructive=lossy)


def _nullability_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected = finding.expected_object
    name = quote_identifier(finding.column or "")
    expected_nullable = expected.nullable if isinstance(expected, Column) else bool(finding.expected)
    if expected_nullable:
        return Fix(
            prisma=f"make {_where(finding, model)} required (remove the ?)",
            sql=f"ALTER TABLE {_table(finding)} ALTER COLUMN {name} DROP NOT NULL;",
        )
    return Fix(
        prisma=f"make {_where(finding, model)} optional (add ?)",
        sql=_set_not_null(finding.schema_name, finding.table or "", finding.column or ""),
    )


def _set_not_null(schema: str, table: str, column: str) -> str:
    """SET NOT NULL without holding an ACCESS EXCLUSIVE lock through a scan of the table: a NOT VALID check
    (brief lock), validated while reads and writes go on, lets SET NOT NULL skip its own scan (PostgreSQL 12+); the
    check is dropped after. Each step is guarded, so a second run changes nothing, and only a check of this name that
    says `IS NOT NULL` is dropped."""
    qualified, check = quote_qualified(schema, table), truncate_identifier(f"drift_{table}_{column}_not_null")
    nullable = f"EXISTS (SELECT {_attribute(schema, table, column)} AND NOT attnotnull)"
    ours = (
        f"EXISTS (SELECT FROM pg_constraint WHERE conrelid = {_regclass(schema, table)} "
        f"AND conname = {quote_literal(check)} AND contype = 'c' "
        f"AND pg_get_constraintdef(oid) LIKE 'CHECK ((% IS NOT NULL))%')"
    )
    return "\n".join(
        [
            "-- a NOT VALID check (brief lock) refuses new NULLs; validated without blocking reads or writes (fails while",
            "-- NULLs remain), it lets SET NOT NULL skip its scan, so that lock is brief too; the check is dropped after.",
            _run_if(
                [nullable, "NOT " + _constraint_exists(schema, table, check)],
                f"ALTER TABLE {qualified} ADD CONSTRAINT {quote_identifier(check)} "
                f"CHECK ({quote_identifier(column)} IS NOT NULL) NOT VALID;",
            ),
            _run_if([ours], f"ALTER TABLE {qualified} VALIDATE CONSTRAINT {quote_identifier(check)};"),
            f"ALTER TABLE {qualified} ALTER COLUMN {quote_identifier(column)} SET NOT NULL;",
            _run_if([ours], f"ALTER TABLE {qualified} DROP CONSTRAINT {quote_identifier(check)};"),
        ]
    )


def _default_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected, actual = finding.expected_object, finding.actual_object
    expected_default = expected.default if isinstance(expected, Column) else finding.expected
    actual_default = actual.default if isinstance(actual, Column) else finding.actual
    name = quote_identifier(finding.column or "")
    column = actual if isinstance(actual, Column) else expected
    attribute = column_default(actual_default, column)
    prisma = (
        f"set {attribute} on {_where(finding, model)}"
        if attribute
        else f"remove @default from {_where(finding, model)}"
    )
    if expected_default is None:
        sql = f"ALTER TABLE {_table(finding)} ALTER COLUMN {name} DROP DEFAULT;"
    elif expected_default == "autoincrement()":
        sql = _autoincrement(finding, column)
    else:
        # Typed as schema.prisma types the column: the type's own fix (listed before this one) makes it so.
        typed = expected if isinstance(expected, Column) else column
        sql = f"ALTER TABLE {_table(finding)} ALTER COLUMN {name} SET DEFAULT {sql_default(expected_default, typed)};"
    return Fix(prisma=prisma, sql=sql)


def _autoincrement(finding: Finding, column: Column | None) -> str:
    """`@default(autoincrement())` on a column without it: the sequence PostgreSQL's SERIAL would own (created if
    missing), moved past the column's largest value (never back), then the default. Each step can run again."""
    schema, table, name = finding.schema_name, finding.table or "", finding.column or ""
    sequence = quote_qualified(schema, serial_sequence_name(table, name))
    kind = column.type if column is not None and column.type in ("smallint", "integer", "bigint") else "integer"
    qualified, quoted = quote_qualified(schema, table), quote_identifier(name)
    return "\n".join(
        [
            "-- the column's own sequence, past its largest value, then the default (reads the column's largest value).",
            f"CREATE SEQUENCE IF NOT EXISTS {sequence} AS {kind} OWNED BY {qualified}.{quoted};",
            f"SELECT setval({quote_literal(sequence)}, found.largest) FROM (SELECT max({quoted}) AS largest FROM {qualified}) "
            f"AS found WHERE found.largest >= (SELECT last_value FROM {sequence});",
            f"ALTER TABLE {qualified} ALTER COLUMN {quoted} SET DEFAULT nextval({quote_literal(sequence)}::regclass);",
        ]
    )


def _missing_primary_key(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    key = finding.expected_object
    if not isinstance(key, PrimaryKey):
        return Fix()
    # Without its key, a model needs another unique criterion (a @unique or @@unique over required fields), else
    # Prisma rejects it: db pull then ignores the model (its comment and @@ignore, and @ignore on relation fields
    # to it, a one-to-one one becoming a list). Which the model has, the finding does not say: both are spelled out.
    prisma = (
        f'keep the @id / @@id of model "{model}" and add the key in the database (the SQL fix); or remove it, and if '
        f'model "{model}" has no @unique / @@unique over required fields left, ignore the model as db pull does: '
        f"above `model {model}` the line `{_NO_UNIQUE_IDENTIFIER}`, in it `@@ignore`, and `@ignore` on the relation "
        f'fields to it in other models (a `{model}?` one becomes `{model}[]`)'
    )
    return Fix(prisma=prisma, sql=_add_primary_key(finding, key))


# What db pull writes above a model whose table has no primary key and no unique index over required columns.
_NO_UNIQUE_IDENTIFIER = (
    "/// The underlying table does not contain a valid unique identifier and can therefore currently not be handled "
    "by Prisma Client."
)


def _add_primary_key(finding: Finding, key: PrimaryKey) -> str:
    """The key's unique index built CONCURRENTLY under the key's own name, then made the key with `ADD PRIMARY KEY
    USING INDEX` under a brief lock. Building it under its final name keeps a second run cheap: IF NOT EXISTS then
    finds the key's index, and the guard finds the key. An index of that name already there (the key dropped, its
    index left) is used if it is on exactly the key's columns, and stops the fix otherwise; an invalid one (an
    earlier build that failed) is dropped first."""
    schema, table = finding.schema_name, finding.table or ""
    index = quote_qualified(schema, key.name)
    include = f" INCLUDE ({_columns(key.include)})" if key.include else ""
    key_columns = ", ".join(quote_literal(column) for column in key.columns)
    # The index's key columns, in order, by name (INCLUDE columns are not keys of the primary key).
    index_columns = _index_column_names(f"to_regclass({quote_literal(index)})", keys_only=True)
    add = (
        f"ALTER TABLE {quote_qualified(schema, table)} ADD CONSTRAINT {quote_identifier(key.name)} "
        f"PRIMARY KEY USING INDEX {quote_identifier(key.name)};"
    )
    refusal = (
        f"RAISE EXCEPTION {quote_literal(f'index {quote_identifier(key.name)} is not on ({_columns(key.columns)})')} "
        "USING HINT = 'rename or drop it, then run this again';"
    )
    guard_body = index_columns + add + refusal
    tag = _dollar_tag(guard_body + index)
    comment = (
        "-- builds the key's unique index without blocking reads or writes (fails while rows violate it), then makes it\n"
        "-- the key under a brief ACCESS EXCLUSIVE lock (longer where a key column allows NULL: PostgreSQL scans to set\n"
        "-- NOT NULL, and fails while a NULL is left). An index already named so is used if it is on the key's columns."
    )
    return "\n".join(
        [
            comment,
            # Left by an earlier run whose build failed, the index would be INVALID, and USING INDEX refuses one.
            _drop_invalid_index(schema, key.name),
            f"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {quote_identifier(key.name)} "
            f"ON {quote_qualified(schema, table)} ({_columns(key.columns)}){include};",
            # Only the last line ends with `;`: a script split at line ends still gets the block whole.
            f"DO {tag} BEGIN IF {_primary_key_exists(schema, table)}\n"
            f"  THEN NULL; ELSIF {index_columns} <> ARRAY[{key_columns}]::name[]\n"
            f"  THEN {refusal} ELSE {add} END IF; END {tag};",
        ]
    )


def _extra_primary_key(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    key = finding.actual_object
    if not isinstance(key, PrimaryKey):
        return Fix()
    prisma = f'add to model "{model}": @@id({_field_list(key.columns, scope.fields)}, map: {_prisma_string(key.name)})'
    sql = _destructive(_drop_constraint(finding.schema_name, finding.table or "", key.name))
    return Fix(prisma=prisma, sql=sql, destructive=True)


def _primary_key_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected, actual = finding.expected_object, finding.actual_object
    if not isinstance(expected, PrimaryKey) or not isinstance(actual, PrimaryKey):
        return Fix()
    # INCLUDE columns as more keys, as db pull writes them (Prisma's diff then sees no change).
    keys = actual.columns + actual.include
    prisma = f'set model "{model}" to @@id({_field_list(keys, scope.fields)}, map: {_prisma_string(actual.name)})'
    return Fix(prisma=prisma, sql=_replace_primary_key(finding, expected, actual, scope.referencing))


def _replace_primary_key(
    finding: Finding, expected: PrimaryKey, actual: PrimaryKey, referencing: tuple[ReferencingKey, ...]
) -> str:
    """The old key renamed aside while it is still as the check found it, the new key's unique index built
    CONCURRENTLY under the key's name (reads and writes go on), then swapped in under a brief ACCESS EXCLUSIVE lock
    (`ADD PRIMARY KEY USING INDEX`). A foreign key that references the old key's columns depends on its index (DROP
    CONSTRAINT alone fails), so it is dropped and added again, NOT VALID, in the same block (a failure rolls everything
    back), then validated without blocking writes. Run again, nothing is renamed, built or swapped."""
    schema, table = finding.schema_name, finding.table or ""
    relation = quote_qualified(schema, table)
    old = with_suffix(actual.name, "_old")
    include = f" INCLUDE ({_columns(expected.include)})" if expected.include else ""
    dependent = _keys_referencing(referencing, schema, table, actual.columns)
    comment = (
        "-- builds the new key's index without blocking reads or writes (fails while rows violate it), then swaps it "
        "in\n-- under a brief ACCESS EXCLUSIVE lock (longer where a key column allows NULL: PostgreSQL scans to set "
        "NOT NULL)."
    )
    swap = [f"ALTER TABLE {relation} DROP CONSTRAINT {quote_identifier(old)}, ADD CONSTRAINT "
            f"{quote_identifier(expected.name)} PRIMARY KEY USING INDEX {quote_identifier(expected.name)};"]
    if dependent:
        names = ", ".join(quote_identifier(item.key.name) for item in dependent)
        comment += (
            f"\n-- foreign keys that depend on the old key ({names}) are dropped and re-added NOT VALID with the swap,"
            "\n-- then validated without blocking writes (until then, existing rows are not checked against them)."
        )
        if sorted(expected.columns) != sorted(actual.columns):
            comment += "\n-- they reference the old key's columns: re-adding them needs a unique index on those columns."
        swap = [_with_keys_moved(dependent, swap)]
    lines = [
        comment,
        _run_if(
            [_key_as_found(schema, table, actual, expected), "NOT " + _constraint_exists(schema, table, old)],
            f"ALTER TABLE {relation} RENAME CONSTRAINT {quote_identifier(actual.name)} TO {quote_identifier(old)};",
        ),
        # Left by an earlier run whose build failed, the index would be INVALID, and USING INDEX refuses one.
        _drop_invalid_index(schema, expected.name),
        f"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {quote_identifier(expected.name)} "
        f"ON {relation} ({_columns(expected.columns)}){include};",
        _run_if([_constraint_exists(schema, table, old)], " ".join(swap)),
    ]
    return "\n".join([*lines, *_validations(dependent)])


def _key_as_found(schema: str, table: str, found: PrimaryKey, expected: PrimaryKey) -> str:
    """A condition that holds while the table's primary key is still the one the check found: of its name, and on
    its columns (INCLUDE ones after the keys) where those differ from schema.prisma's."""
    columns = found.columns + found.include
    if columns == expected.columns + expected.include:
        return _primary_key_exists(schema, table, found.name)
    listed = ", ".join(quote_literal(column) for column in columns)
    also = f" AND {_index_column_names('conindid', keys_only=False)} = ARRAY[{listed}]::name[]"
    return _primary_key_exists(schema, table, found.name, also=also)


def _missing_index(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    index = finding.expected_object
    if not isinstance(index, Index):
        return Fix()
    return Fix(
        prisma=f'remove {_prisma_index(index, finding.table or "", scope.fields)} from model "{model}"',
        sql=_create_index(finding.schema_name, finding.table or "", index),
    )


def _nothing_to_add(twin: str) -> str:
    return f'nothing to add: schema.prisma already declares "{twin}", of which this is an exact copy'


def _extra_index(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    index = finding.actual_object
    if not isinstance(index, Index):
        return Fix()
    if isinstance(finding.expected_object, Index):  # a copy of the declared index named there
        return Fix(
            prisma=_nothing_to_add(finding.expected_object.name),
            sql=_destructive(_drop_copy(finding, index, finding.expected_object, scope.referencing)),
            destructive=True,
        )
    if index.columns and all(key.column for key in index.columns):
        # A partial one only reaches here when schema.prisma enables the partialIndexes preview feature.
        prisma = f'add to model "{model}": {_prisma_index(index, finding.table or "", scope.fields)}'
    else:
        prisma = None  # an expression index cannot be written in schema.prisma
    return Fix(prisma=prisma, sql=_destructive(_drop_index_or_constraint(finding, index)), destructive=True)


def _drop_copy(finding: Finding, copy: Index, declared: Index, referencing: tuple[ReferencingKey, ...]) -> str:
    """The database's second copy of a declared index dropped. A foreign key bound to the copy (PostgreSQL binds a
    new key to the oldest matching unique index) would make DROP INDEX fail: such keys are dropped with the copy and
    added again NOT VALID, which binds them to the declared index, then validated; keys bound to the declared index
    are left alone."""
    drop = _drop_index_or_constraint(finding, copy)
    dependent = _keys_depending_on(referencing, finding.schema_name, finding.table or "", copy)
    if not dependent:
        return drop
    schema, table = finding.schema_name, finding.table or ""
    names = ", ".join(quote_identifier(item.key.name) for item in dependent)
    if copy.constraint:
        drop_now = f"ALTER TABLE {quote_qualified(schema, table)} DROP CONSTRAINT {quote_identifier(copy.name)};"
    else:
        drop_now = f"DROP INDEX {quote_qualified(schema, copy.name)};"
    bound = f"EXISTS (SELECT FROM pg_constraint WHERE contype = 'f' AND conindid = {_regclass(schema, copy.name)})"
    return "\n".join(
        [
            f"-- foreign keys that may depend on this copy ({names}) are moved to {quote_identifier(declared.name)}"
            "\n-- if they do: dropped and re-added NOT VALID as it goes (a brief ACCESS EXCLUSIVE lock), then validated.",
            _run_if([bound], _with_keys_moved(dependent, [drop_now])),
            drop,
            *_validations(dependent),
        ]
    )


def _index_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected, actual = finding.expected_object, finding.actual_object
    if not isinstance(expected, Index) or not isinstance(actual, Index):
        return Fix()
    if finding.actual == {"valid": False}:
        # Only invalid: rebuilt in place, without blocking writes; fails again while the data violates it.
        return Fix(
            sql="-- rebuilds the index without blocking reads or writes; fails again while rows violate it.\n"
            f"REINDEX INDEX CONCURRENTLY {quote_qualified(finding.schema_name, actual.name)};"
        )
    prisma = f'change the index of model "{model}" to {_prisma_index(actual, finding.table or "", scope.fields)}'
    schema, table = finding.schema_name, finding.table or ""
    relation = quote_qualified(schema, table)
    # The old index is renamed aside (kept until the new one is built: the table is never without the index nor its
    # uniqueness), the new one built under the final name without blocking writes, the old one dropped. The rename
    # runs only while the index is still as the check found it, so a second run builds nothing (where the difference
    # is one the guard does not read, NULLS NOT DISTINCT, a second run rebuilds it once more). A UNIQUE constraint's
    # index is renamed and dropped with its constraint (DROP INDEX refuses it).
    old = with_suffix(actual.name, "_old")
    differing = set(finding.actual) if isinstance(finding.actual, dict) else set()
    found = _index_as_found(schema, actual, expected, differing) or _relation_exists(schema, actual.name)
    if actual.constraint:
        old_exists = _constraint_exists(schema, table, old)
        rename = f"ALTER TABLE {relation} RENAME CONSTRAINT {quote_identifier(actual.name)} TO {quote_identifier(old)};"
        drop_old = f"ALTER TABLE {relation} DROP CONSTRAINT {quote_identifier(old)};"
    else:
        old_exists = _relation_exists(schema, old)
        rename = f"ALTER INDEX {quote_qualified(schema, actual.name)} RENAME TO {quote_identifier(old)};"
        drop_old = f"DROP INDEX {quote_qualified(schema, old)};"
    # A foreign key that references exactly the old unique index's columns depends on it: it is dropped and added
    # again NOT VALID in the block that drops the old index (then bound to the new one), then validated.
    dependent = _keys_depending_on(scope.referencing, schema, table, actual)
    comment = "-- the old index stays (renamed) until the new one is built without blocking writes, then goes."
    if dependent:
        names = ", ".join(quote_identifier(item.key.name) for item in dependent)
        comment += (
            f"\n-- foreign keys that depend on it ({names}) are dropped and re-added NOT VALID as it goes (a brief"
            "\n-- ACCESS EXCLUSIVE lock), then validated without blocking writes."
        )
        if not expected.unique:
            comment += (
                "\n-- schema.prisma's index is not unique: re-adding them fails unless another unique index covers"
                " them."
            )
        last = [_run_if([old_exists], _with_keys_moved(dependent, [drop_old])), *_validations(dependent)]
    elif actual.constraint:
        last = [_run_if([old_exists], drop_old)]
    else:
        last = [_drop_index(schema, actual.model_copy(update={"name": old}))]
    rename_aside = _run_if([found, "NOT " + old_exists], rename)
    return Fix(prisma=prisma, sql="\n".join([comment, rename_aside, _create_index(schema, table, expected), *last]))


def _keys_depending_on(
    referencing: tuple[ReferencingKey, ...], schema: str, table: str, index: Index
) -> list[ReferencingKey]:
    """The foreign keys PostgreSQL may bind to `index` of that table: a unique index of plain columns, no predicate
    (the primary key would be preferred, but a table whose key has those columns has no reason for this index)."""
    if not index.unique or index.predicate is not None or any(key.column is None for key in index.columns):
        return []
    return _keys_referencing(referencing, schema, table, tuple(key.column for key in index.columns))


def _keys_referencing(
    referencing: tuple[ReferencingKey, ...], schema: str, table: str, columns: tuple[str, ...]
) -> list[ReferencingKey]:
    """The foreign keys that reference exactly `columns` of that table (in any order): PostgreSQL binds such a key to
    a unique index or key on those columns, which it then depends on."""
    wanted = sorted(columns)
    return [
        item
        for item in referencing
        if (item.key.referenced_schema, item.key.referenced_table) == (schema, table)
        and sorted(item.key.referenced_columns) == wanted
    ]


def _with_keys_moved(dependent: list[ReferencingKey], statements: list[str]) -> str:
    """`statements` (which drop the index the keys depend on) between dropping the `dependent` foreign keys and adding
    them back NOT VALID, for one block: a failure rolls everything back, and the re-added keys bind to the unique index
    left. Dropped just before in the same block, they are added back unguarded."""
    return " ".join(
        [
            *(_drop_constraint(item.schema_name, item.table, item.key.name) for item in dependent),
            *statements,
            *(_foreign_key_statement(item.schema_name, item.table, item.key) for item in dependent),
        ]
    )


def _validations(dependent: list[ReferencingKey]) -> list[str]:
    """VALIDATE of the keys `_with_keys_moved` re-added NOT VALID, without blocking writes; a key that was NOT VALID
    stays so (validating it could fail on rows it never checked)."""
    return [
        _validate_constraint(item.schema_name, item.table, item.key.name) for item in dependent if item.key.validated
    ]


def _relation_exists(schema: str, name: str) -> str:
    return f"{_regclass(schema, name)} IS NOT NULL"


def _index_as_found(schema: str, found: Index, expected: Index, differing: set[str]) -> str | None:
    """A condition that holds while the database's index is still as the check found it in what differs from
    schema.prisma: its access method, its uniqueness, its keys (column or expression, order and NULLS placement,
    operator class, collation), its INCLUDE columns, its predicate. None when the difference lies elsewhere."""
    conditions = []
    if "method" in differing:
        conditions.append(f"a.amname = {quote_literal(found.method)}")
    if "unique" in differing:
        conditions.append("i.indisunique" if found.unique else "NOT i.indisunique")
    if "columns" in differing:
        keys = [_key_as_catalog(key) for key in found.columns]
        if keys == [_key_as_catalog(key) for key in expected.columns]:
            return None  # the difference is in what this does not read
        conditions.append(f"{_INDEX_KEYS} = ARRAY[{', '.join(quote_literal(key) for key in keys)}]::text[]")
    if "include" in differing:
        names = ", ".join(quote_literal(name) for name in found.include)
        conditions.append(
            "ARRAY(SELECT attname::text FROM unnest(i.indkey[i.indnkeyatts:]) WITH ORDINALITY AS k(number, place) "
            "JOIN pg_attribute ON attrelid = i.indrelid AND attnum = k.number ORDER BY k.place) = "
            f"ARRAY[{names}]::text[]"
        )
    if "predicate" in differing:
        predicate = "NULL" if found.predicate is None else quote_literal(found.predicate)
        conditions.append(f"pg_get_expr(i.indpred, i.indrelid, true) IS NOT DISTINCT FROM {predicate}")
    if not conditions or differing - {"method", "unique", "columns", "include", "predicate"}:
        return None
    return (
        "EXISTS (SELECT FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
        f"WHERE i.indexrelid = {_regclass(schema, found.name)} AND {' AND '.join(conditions)})"
    )


# An index's keys as `_key_as_catalog` writes them, from the catalog (in a query on `pg_index i`): the column's name
# or the expression's text (as the check read it, pg_get_indexdef), its indoption bits, its operator class when not
# the default for the type, its collation when not the column's (an expression's: not the default).
_INDEX_KEYS = (
    "ARRAY(SELECT coalesce(t.attname::text, pg_get_indexdef(i.indexrelid, k.place::int, true)) || ':' "
    "|| i.indoption[k.place - 1] || ':' || CASE WHEN o.opcdefault THEN '' ELSE o.opcname::text END || ':' "
    "|| CASE WHEN i.indcollation[k.place - 1] IN (0, coalesce(t.attcollation, 100)) THEN '' "
    "ELSE (SELECT collname::text FROM pg_collation WHERE oid = i.indcollation[k.place - 1]) END "
    "FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY AS k(number, place) "
    "JOIN pg_opclass o ON o.oid = i.indclass[k.place - 1] "
    "LEFT JOIN pg_attribute t ON t.attrelid = i.indrelid AND t.attnum = k.number AND k.number <> 0 "
    "ORDER BY k.place)"
)


def _key_as_catalog(key: IndexColumn) -> str:
    """A key as `_INDEX_KEYS` reads it: `column:indoption:opclass:collation` (indoption bit 1 DESC, bit 2 NULLS
    FIRST, which is DESC's default; the operator class and collation empty when the defaults), an expression's text
    in place of the column."""
    descending = key.order == "DESC"
    nulls_first = key.nulls == "FIRST" or (key.nulls is None and descending)
    option = int(descending) | (2 if nulls_first else 0)
    return f"{key.column or key.expression}:{option}:{key.opclass or ''}:{key.collation or ''}"


def _drop_index_or_constraint(finding: Finding, index: Index) -> str:
    """The database's index dropped; a UNIQUE constraint's index only goes with its constraint (DROP INDEX fails)."""
    if index.constraint:
        return _drop_constraint(finding.schema_name, finding.table or "", index.name)
    return _drop_index(finding.schema_name, index)


def _names(finding: Finding) -> tuple[str, str] | None:
    """(schema.prisma's name, the database's name) of a name-only finding."""
    if isinstance(finding.expected, str) and isinstance(finding.actual, str):
        return finding.expected, finding.actual
    expected, actual = finding.expected_object, finding.actual_object
    if expected is not None and actual is not None and hasattr(expected, "name") and hasattr(actual, "name"):
        return expected.name, actual.name
    return None


def _index_name_mismatch(finding: Finding, scope: FixScope) -> Fix:
    names = _names(finding)
    if names is None:
        return Fix()
    expected, actual = names
    return Fix(
        prisma=f'add map: {_prisma_string(actual)} to the index of model "{scope.model}"',
        sql=f"ALTER INDEX IF EXISTS {quote_qualified(finding.schema_name, actual)} RENAME TO {quote_identifier(expected)};",
    )


def _constraint_name_mismatch(finding: Finding, scope: FixScope) -> Fix:
    names = _names(finding)
    if names is None:
        return Fix()
    expected, actual = names
    holder = {PrimaryKey: "the @id / @@id", ForeignKey: "the @relation"}.get(
        type(finding.actual_object), "the attribute"
    )
    return Fix(
        prisma=f'add map: {_prisma_string(actual)} to {holder} of model "{scope.model}"',
        sql=_rename_constraint(finding.schema_name, finding.table or "", actual, expected),
    )


def _truncated_name(finding: Finding, scope: FixScope) -> Fix:
    # PostgreSQL keeps 63 bytes of a name; spelling the stored name with map: silences this for good. Or the object
    # takes the name Prisma cut (63 bytes too), as an index or constraint of another name would.
    names = _names(finding)
    if names is None:
        return Fix()
    expected, actual = names
    if isinstance(finding.actual_object, Index):
        sql = _index_name_mismatch(finding, scope).sql
    else:
        sql = _rename_constraint(finding.schema_name, finding.table or "", actual, expected)
    return Fix(prisma=f'add map: {_prisma_string(actual)} where model "{scope.model}" declares "{expected}"', sql=sql)


def _legacy_many_to_many(finding: Finding, scope: FixScope) -> Fix:
    """Prisma 6 made the unique index of an implicit many-to-many table its primary key. `ADD PRIMARY KEY USING
    INDEX` turns the index into the key without building anything (its columns are NOT NULL already), under a brief
    lock, and renames it to the key's name: what Prisma's own migration (ADD PRIMARY KEY, DROP INDEX) ends with."""
    names = _names(finding)
    if names is None:
        return Fix()
    key, index = names
    schema, table = finding.schema_name, finding.table or ""
    keyless = "NOT " + _primary_key_exists(schema, table)
    index_there = f"to_regclass({quote_literal(quote_qualified(schema, index))}) IS NOT NULL"
    return Fix(
        prisma="nothing to change in schema.prisma (the SQL converts the table as Prisma 6 expects it)",
        sql=_run_if(
            [keyless, index_there],
            f"ALTER TABLE {quote_qualified(schema, table)} ADD CONSTRAINT {quote_identifier(key)} "
            f"PRIMARY KEY USING INDEX {quote_identifier(index)};",
        ),
    )


def _enum_rename_candidate(finding: Finding, scope: FixScope) -> Fix:
    rename = finding.rename
    if rename is None:
        return Fix()
    origin = finding.prisma
    enum = origin.model if origin and origin.model else rename.from_name
    # An enum named otherwise than its type has a @@map already (a second one is an error): it changes.
    if enum != rename.from_name:
        prisma = f'change @@map({_prisma_string(rename.from_name)}) to @@map({_prisma_string(rename.to)}) on enum "{enum}"'
    else:
        prisma = f'add @@map({_prisma_string(rename.to)}) to enum "{enum}"'
    return Fix(
        prisma=prisma,
        sql=_run_if(
            [
                f"{_regtype(finding.schema_name, rename.to)} IS NOT NULL",
                f"{_regtype(finding.schema_name, rename.from_name)} IS NULL",
            ],
            f"ALTER TYPE {quote_qualified(finding.schema_name, rename.to)} RENAME TO {quote_identifier(rename.from_name)};",
        ),
    )


def _regtype(schema: str, name: str) -> str:
    """`to_regtype('"public"."Role"')`: the type's oid, NULL (no error) when there is no such type."""
    return f"to_regtype({quote_literal(quote_qualified(schema, name))})"


def _enum_label_exists(schema: str, enum: str, label: str) -> str:
    return (
        f"EXISTS (SELECT FROM pg_enum WHERE enumtypid = {_regtype(schema, enum)} "
        f"AND enumlabel = {quote_literal(label)})"
    )


def _enum_value_rename_candidate(finding: Finding, scope: FixScope) -> Fix:
    rename = finding.rename
    if rename is None:
        return Fix()
    enum = _enum_name(finding)
    return Fix(
        prisma=f'{rename.from_name} @map({_prisma_string(rename.to)})  (in enum "{_prisma_enum_name(finding)}")',
        sql=_run_if(
            [
                _enum_label_exists(finding.schema_name, enum, rename.to),
                "NOT " + _enum_label_exists(finding.schema_name, enum, rename.from_name),
            ],
            f"ALTER TYPE {quote_qualified(finding.schema_name, enum)} "
            f"RENAME VALUE {quote_literal(rename.to)} TO {quote_literal(rename.from_name)};",
        ),
    )


def _missing_foreign_key(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    key = finding.expected_object
    if not isinstance(key, ForeignKey):
        return Fix()
    return Fix(
        prisma=f'remove the @relation behind foreign key "{key.name}" from model "{model}"',
        sql=_add_foreign_key(finding.schema_name, finding.table or "", key),
    )


def _extra_foreign_key(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    key = finding.actual_object
    if not isinstance(key, ForeignKey):
        return Fix()
    if isinstance(finding.expected_object, ForeignKey):  # a copy of the declared key named there
        return Fix(
            prisma=_nothing_to_add(finding.expected_object.name),
            sql=_destructive(_drop_constraint(finding.schema_name, finding.table or "", key.name)),
            destructive=True,
        )
    target = _relation_target(key, scope)
    optional = any(column in scope.nullable for column in key.columns)
    name = _relation_field_name(key, target, {*scope.fields.values(), *map(field_name_for, scope.fields)})
    table = finding.table or ""
    if (key.referenced_schema, key.referenced_table) == (finding.schema_name, finding.table):
        # To the model itself: Prisma wants the relation named on both sides, which `prisma format` does not do.
        target = model
        relation = _prisma_relation(key, table, scope, target, field=name, relation=key.name, optional=optional)
        opposite = f"{name}Of {model}[] @relation({_prisma_string(key.name)})"
        prisma = f'add to model "{model}": {relation}\nand its opposite field: {opposite}'
    else:
        relation = _prisma_relation(key, table, scope, target, field=name, optional=optional)
        note = f'`prisma format` then adds the opposite relation field to model "{target}"'
        prisma = f'add to model "{model}": {relation}  ({note})'
    return Fix(
        prisma=prisma,
        sql=_destructive(_drop_constraint(finding.schema_name, finding.table or "", key.name)),
        destructive=True,
    )


def _foreign_key_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected, actual = finding.expected_object, finding.actual_object
    if not isinstance(expected, ForeignKey) or not isinstance(actual, ForeignKey):
        return Fix()
    sql = (
        _drop_constraint(finding.schema_name, finding.table or "", actual.name)
        + "\n"
        + _add_foreign_key(finding.schema_name, finding.table or "", expected)
    )
    relation = _prisma_relation(actual, finding.table or "", scope)
    return Fix(prisma=f'change the relation in model "{model}" to {relation}', sql=sql)


def _unvalidated_foreign_key(finding: Finding, scope: FixScope) -> Fix:
    """VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE: reads and writes go on meanwhile. It fails,
    changing nothing, while a row violates the key. schema.prisma has nothing to change."""
    sql = (
        "-- scans the table without blocking reads or writes; fails, changing nothing, while a row violates it.\n"
        f"ALTER TABLE {quote_qualified(finding.schema_name, finding.table or '')} "
        f"VALIDATE CONSTRAINT {quote_identifier(finding.object or '')};"
    )
    return Fix(sql=sql)


def _fk_action_mismatch(finding: Finding, scope: FixScope) -> Fix:
    model = scope.model
    expected, actual = finding.expected_object, finding.actual_object
    if not isinstance(expected, ForeignKey) or not isinstance(actual, ForeignKey):
        return Fix()
    prisma = (
        f"set onDelete: {_PRISMA_ACTIONS[actual.on_delete]}, onUpdate: {_PRISMA_ACTIONS[actual.on_update]} "
        f'on the @relation of model "{model}" behind "{actual.name}"'
    )
    schema, table = finding.schema_name, finding.table or ""
    # Dropped and re-added in one statement (no moment without the key), and only while its actions differ: a second
    # run changes nothing. NOT VALID then VALIDATE: no scan under the lock.
    actions = f"({_ACTION_CODES[expected.on_delete]!r}, {_ACTION_CODES[expected.on_update]!r})"
    differs = (
        f"EXISTS (SELECT FROM pg_constraint WHERE conrelid = {_regclass(schema, table)} "
        f"AND conname = {quote_literal(actual.name)} AND (confdeltype, confupdtype) <> {actions})"
    )
    swap = (
        f"ALTER TABLE {quote_qualified(schema, table)} DROP CONSTRAINT {quote_identifier(actual.name)}; "
        + _foreign_key_statement(schema, table, expected)
    )
    sql = "\n".join([_run_if([differs], swap), _VALIDATE_NOTE, _validate_constraint(schema, table, expected.name)])
    return Fix(prisma=prisma, sql=sql)


# pg_constraint.confdeltype / confupdtype
_ACTION_CODES = {"NO ACTION": "a", "RESTRICT": "r", "CASCADE": "c", "SET NULL": "n", "SET DEFAULT": "d"}


def _enum_name(finding: Finding) -> str:
    """The enum type as the database names it (for SQL)."""
    return finding.object or finding.table or ""


def _prisma_enum_name(finding: Finding) -> str:
    """The enum as schema.prisma names it: its origin's (an `@@map`ped `enum Role`, a name over 63 bytes), else the
    database's."""
    origin = finding.prisma
    return (origin.model if origin and origin.model else None) or _enum_name(finding)


def _enum_value(finding: Finding, side: str) -> str:
    value = finding.expected_object if side == "expected" else finding.actual_object
    if isinstance(value, EnumValue):
        return value.name
    raw = finding.expected if side == "expected" else finding.actual
    return str(raw)


def _enum_value_missing(finding: Finding, scope: FixScope) -> Fix:
    value = _enum_value(finding, "expected")
    return Fix(
        prisma=f'remove {value} from enum "{_prisma_enum_name(finding)}"',
        sql=(
            f"ALTER TYPE {quote_qualified(finding.schema_name, _enum_name(finding))} "
            f"ADD VALUE IF NOT EXISTS {quote_literal(value)};"
        ),
    )


def _enum_value_extra(finding: Finding, scope: FixScope) -> Fix:
    value = _enum_value(finding, "actual")
    return Fix(
        prisma=f'add {value} to enum "{_prisma_enum_name(finding)}"',
        sql=f"-- PostgreSQL cannot drop an enum value; recreate the type without {quote_literal(value)} if needed.",
    )


_RENDERERS: dict[FindingKind, Callable[[Finding, FixScope], Fix]] = {
    FindingKind.MISSING_TABLE: _missing_table,
    FindingKind.EXTRA_TABLE: _extra_table,
    FindingKind.SCHEMA_MISMATCH: _schema_mismatch,
    FindingKind.MISSING_VIEW: _missing_view,
    FindingKind.EXTRA_VIEW: _extra_view,
    FindingKind.MISSING_ENUM: _missing_enum,
    FindingKind.EXTRA_ENUM: _extra_enum,
    FindingKind.MISSING_EXTENSION: _missing_extension,
    FindingKind.EXTRA_EXTENSION: _extra_extension,
    FindingKind.RENAME_CANDIDATE: _rename_candidate,
    FindingKind.MISSING_COLUMN: _missing_column,
    FindingKind.EXTRA_COLUMN: _extra_column,
    FindingKind.TYPE_MISMATCH: _type_mismatch,
    FindingKind.NULLABILITY_MISMATCH: _nullability_mismatch,
    FindingKind.DEFAULT_MISMATCH: _default_mismatch,
    FindingKind.MISSING_PRIMARY_KEY: _missing_primary_key,
    FindingKind.EXTRA_PRIMARY_KEY: _extra_primary_key,
    FindingKind.PRIMARY_KEY_MISMATCH: _primary_key_mismatch,
    FindingKind.MISSING_INDEX: _missing_index,
    FindingKind.EXTRA_INDEX: _extra_index,
    FindingKind.INDEX_MISMATCH: _index_mismatch,
    FindingKind.INDEX_NAME_MISMATCH: _index_name_mismatch,
    FindingKind.CONSTRAINT_NAME_MISMATCH: _constraint_name_mismatch,
    FindingKind.TRUNCATED_NAME: _truncated_name,
    FindingKind.LEGACY_MANY_TO_MANY: _legacy_many_to_many,
    FindingKind.ENUM_RENAME_CANDIDATE: _enum_rename_candidate,
    FindingKind.ENUM_VALUE_RENAME_CANDIDATE: _enum_value_rename_candidate,
    FindingKind.MISSING_FOREIGN_KEY: _missing_foreign_key,
    FindingKind.EXTRA_FOREIGN_KEY: _extra_foreign_key,
    FindingKind.FOREIGN_KEY_MISMATCH: _foreign_key_mismatch,
    FindingKind.FK_ACTION_MISMATCH: _fk_action_mismatch,
    FindingKind.UNVALIDATED_FOREIGN_KEY: _unvalidated_foreign_key,
    FindingKind.ENUM_VALUE_MISSING: _enum_value_missing,
    FindingKind.ENUM_VALUE_EXTRA: _enum_value_extra,
}


def suggest_fix(
    finding: Finding,
    model: str | None = None,
    relation: RelationHint | None = None,
    fields: Mapping[str, str] | None = None,
    multi_schema: bool = False,
    models: Mapping[tuple[str, str], str] | None = None,
    nullable: frozenset[str] = frozenset(),
    enums: frozenset[tuple[str, str]] | None = None,
    referencing: tuple[ReferencingKey, ...] = (),
    expected_table: Table | None = None,
) -> Fix:
    """Both directions for one finding; kinds that are notes (unmanaged objects, identity...) get an empty Fix.
    What the finding alone cannot say, the caller may: `model`, the Prisma model of the finding's table when the
    finding has no origin; `relation`, the foreign key behind a relation_candidate's database column; `fields`, the
    model's field for each database column of the table (renamed columns included); `multi_schema`, whether the
    datasource lists its schemas (then a suggested model or enum carries its @@schema); `models`, the Prisma model
    of each (schema, table), for the models a suggested relation points at; `nullable`, the table's nullable columns
    in the database; `enums`, the database's enum types (see FixScope); `referencing`, the database's foreign keys
    that reference the finding's table (a primary key's fix drops and re-adds those that depend on it);
    `expected_table`, the table as schema.prisma describes it (a rename's names to keep)."""
    scope = FixScope(
        model=_model_of(finding, model),
        relation=relation,
        fields=fields or {},
        multi_schema=multi_schema,
        models=models or {},
        nullable=nullable,
        enums=enums,
        referencing=referencing,
        expected_table=expected_table,
    )
    if finding.kind is FindingKind.RELATION_CANDIDATE:
        return _relation_candidate(finding, scope)
    renderer = _RENDERERS.get(finding.kind)
    if renderer is None:
        return Fix()
    return _ordered_before_table_rename(renderer(finding, scope), finding, scope)


def _ordered_before_table_rename(fix: Fix, finding: Finding, scope: FixScope) -> Fix:
    """A fix in a table that schema.prisma names otherwise (a table rename_candidate) names the table as the database
    has it now: it says so, and that it runs before the table's rename (which the report lists last in its table)."""
    origin = finding.prisma
    if fix.sql is None or not finding.table or origin is None or not origin.model:
        return fix
    if finding.kind is FindingKind.RENAME_CANDIDATE and not _is_column_rename(finding):
        return fix  # the table's rename itself
    if (finding.schema_name, finding.table) in scope.models:
        return fix
    expected = [
        table for (schema, table), model in scope.models.items() if model == origin.model and schema == finding.schema_name
    ]
    if len(expected) != 1:
        return fix
    note = (
        f"-- names the table as the database has it ({quote_identifier(finding.table)}): "
        f"run it before the table's rename to {quote_identifier(expected[0])}."
    )
    sql = fix.sql
    if sql.startswith(DESTRUCTIVE_NOTE + "\n"):
        sql = f"{DESTRUCTIVE_NOTE}\n{note}\n{sql[len(DESTRUCTIVE_NOTE) + 1 :]}"
    else:
        sql = f"{note}\n{sql}"
    return replace(fix, sql=sql)
