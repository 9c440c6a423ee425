"""Lowering: the database a resolved schema.prisma implies, exactly as Prisma's schema engine would create it.

Each rule below was checked with the oracle (`oracle ddl fixtures/conventions/<case>/schema.prisma URL`); the case
that shows a rule is named next to it. Types and defaults go through `drift.model.normalize`, as the introspector's
do, so both sides spell them the same way by construction.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime, timezone
from operator import attrgetter

from drift.diagnostics import Diagnostic, Span
from drift.model.names import quote_identifier, quote_literal, truncate_identifier
from drift.model.construct import trusted_constructor
from drift.model.normalize import (
    BARE_CHAR,
    is_serial_type,
    normalize_default,
    normalize_opclass,
    normalize_type,
    split_array_type,
)
from drift.model.schema import (
    FORMAT_VERSION,
    Column,
    DatabaseSchema,
    Enum,
    EnumValue,
    Extension,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    PrismaOrigin,
    Sequence,
    Table,
    View,
)
from drift.prisma import ast
from drift.prisma.naming import (
    foreign_key_name,
    implicit_join_table_name,
    index_name,
    primary_key_name,
    serial_sequence_name,
    unique_index_name,
    with_suffix,
)
from drift.prisma.native_types import (
    INDEX_METHODS,
    OPERATOR_CLASSES,
    SCALAR_TYPES,
    SERIAL_SEQUENCE_TYPES,
    TYPE_EXTENSIONS,
    native_type_spelling,
)
from drift.prisma.resolve import (
    DEFAULT_SCHEMA,
    Relation,
    ResolvedField,
    ResolvedModel,
    ResolvedSchema,
    field_list,
    field_names,
    first_arguments,
    string_argument,
    string_value,
)

_UNKNOWN = object()
_by_name = attrgetter("name")

REFERENTIAL_ACTIONS = {
    "Cascade": "CASCADE",
    "Restrict": "RESTRICT",
    "NoAction": "NO ACTION",
    "SetNull": "SET NULL",
    "SetDefault": "SET DEFAULT",
}


_PrimaryKey = trusted_constructor(PrimaryKey, "name", "columns", "include", "origin")
_Column = trusted_constructor(
    Column, "name", "type", "type_schema", "dimensions", "nullable", "default", "position", "origin"
)
_IndexColumn = trusted_constructor(IndexColumn, "column", "order", "opclass")
_FieldUniqueColumn = trusted_constructor(IndexColumn, "column", "order")
_Index = trusted_constructor(Index, "name", "columns", "unique", "origin")
_MethodIndex = trusted_constructor(Index, "name", "columns", "unique", "method", "origin")
# A partial index (`where:`) has its predicate set too.
_PartialIndex = trusted_constructor(Index, "name", "columns", "unique", "predicate", "origin")
_PartialMethodIndex = trusted_constructor(Index, "name", "columns", "unique", "method", "predicate", "origin")
_ForeignKey = trusted_constructor(
    ForeignKey,
    "name",
    "columns",
    "referenced_schema",
    "referenced_table",
    "referenced_columns",
    "on_delete",
    "on_update",
    "origin",
)
_Table = trusted_constructor(
    Table, "schema_name", "name", "columns", "primary_key", "indexes", "foreign_keys", "origin"
)
# An implicit many-to-many join table's parts (the fields given are the ones its validated construction gave).
_JoinColumn = trusted_constructor(Column, "name", "type", "type_schema", "nullable", "position", "origin")
_JoinIndex = trusted_constructor(Index, "name", "columns", "origin")
_JoinIndexColumn = trusted_constructor(IndexColumn, "column")
# The rest too, so that a check builds no pydantic validator at all (they are built on first use).
_View = trusted_constructor(View, "schema_name", "name", "columns", "origin")
_EnumValue = trusted_constructor(EnumValue)
_Enum = trusted_constructor(Enum)
_Sequence = trusted_constructor(Sequence)
_Extension = trusted_constructor(Extension)
_DatabaseSchema = trusted_constructor(
    DatabaseSchema, "schemas", "tables", "enums", "views", "sequences", "extensions"
)


# The column type of each Prisma scalar type without `@db.*`, normalised once rather than per field.
_SCALAR_COLUMN_TYPES = {name: normalize_type(spelling) for name, spelling in SCALAR_TYPES.items()}


# origin_of(span, model=None, field=None): the PrismaOrigin of what is written at `span` in `model`, `field`.
origin_of = PrismaOrigin.of_span


class _Lowering:
    """`shared=False` (the second process of a sharded lowering, drift.prisma.sharded): the enums and views, which
    both processes parse, are left to the first. Models resolved in the other process (`foreign`) are never lowered
    here, nor the join tables of the many-to-many relations whose side A is one of them."""

    def __init__(self, resolved: ResolvedSchema, shared: bool = True):
        self.resolved = resolved
        self.shared = shared
        self.sequences: list[Sequence] = []
        # A primary key's or index's origin -> its full span, for the diagnostics of name_collisions (the only
        # lowered objects reported on; keeping every origin's span cost ~10 MiB at 5,000 models).
        self.spans: dict[PrismaOrigin, Span] = {}
        # What many fields share: (type, type schema) by `@db.*` attribute, and one IndexColumn per distinct key.
        self.native_column_types: dict[tuple | str, tuple[str, str | None]] = {}
        self.defaults: dict[tuple, str | None] = {}
        self.index_column_memo: dict[tuple, IndexColumn] = {}
        self.extension_schemas: dict[str, str] = {}  # the extensions declared with `schema:`, and that schema
        self.declared_extensions = self.extensions()
        self.use(resolved)

    def join_tables(self) -> list[Table]:
        """The join tables of the implicit many-to-many relations (not those whose side A is `foreign`)."""
        tables = []
        models = self.resolved.models
        for relation in self.resolved.relations:
            if relation.kind == "many_to_many":
                side_a = models.get(relation.side_a.model)
                if side_a is not None and side_a.foreign:
                    continue
                join_table = self.join_table(relation)
                if join_table is not None:
                    tables.append(join_table)
        return tables

    def use(self, resolved: ResolvedSchema) -> None:
        """Go on with `resolved` (the same models, their relations now paired): a sharded lowering makes the
        table parts first and the foreign keys once the other process's models are known."""
        self.resolved = resolved
        # Relations by the model that holds the foreign key, so that lowering a model does not scan them all.
        self.forward_relations: dict[str, list] = {}
        for relation in resolved.relations:
            if relation.forward is not None:
                self.forward_relations.setdefault(relation.forward.model, []).append(relation)

    def constraint_origin(self, span: Span, model: str, field: str | None = None) -> PrismaOrigin:
        """The origin of a primary key or index, whose span name_collisions may need."""
        origin = origin_of(span, model, field)
        self.spans[origin] = span
        return origin

    def name_collisions(self, database: DatabaseSchema) -> list[Diagnostic]:
        """Prisma rejects a schema whose primary keys and indexes share a name within a PostgreSQL schema
        (`oracle validate`: "The given constraint name `X` has to be unique in the following namespace: global for
        primary key, indexes and unique constraints."); lowering it would give two objects one name."""
        diagnostics = []
        for item in repeated_constraint_names(database.tables):
            span = self.spans.get(item.origin) if item.origin is not None else None
            if span is not None:
                diagnostics.append(
                    Diagnostic(
                        severity="error",
                        message=f'The constraint name "{item.name}" is already used by another primary key '
                        "or index in this schema.",
                        span=span,
                        hint="Give one of them a different name with `map:`.",
                    )
                )
        return diagnostics

    # ------------------------------------------------------------------ columns

    def column_type(self, field: ResolvedField) -> tuple[str, str | None]:
        """(type, type_schema) of a scalar, enum or Unsupported field."""
        kind = field.kind
        if kind == "enum":
            enum = self.resolved.enums[field.type_name]
            return enum.db_name, enum.schema_name
        if kind == "unsupported":
            written = field.node.type.unsupported or ""
            if field.node.type.list and written.startswith("_"):
                written = written[1:]  # `db pull` writes a list of an unsupported type by its array type's name
            spelling = split_array_type(written)[0]  # `Unsupported("int4range[]")`: the array is `unsupported_array`
            return spelling, self.extension_type_schema(spelling)
        native = field.native_attribute
        if native is None:
            return _SCALAR_COLUMN_TYPES[field.node.type.name], None
        # Most fields repeat a few native types (`@db.Uuid`, `@db.VarChar(120)`): the result is memoised by the
        # attribute's name and number texts.
        # Prisma reads a native type's arguments in the order written and ignores their names
        # (`@db.VarChar(length: 10)` is VarChar(10); `@db.Decimal(scale: 2, precision: 10)` is Decimal(2,10)).
        numbers = [arg.value for arg in native.args if isinstance(arg.value, ast.NumberValue)] if native.args else []
        key = (native.name, *[value.text for value in numbers]) if numbers else native.name
        found = self.native_column_types.get(key)
        if found is None:
            spelling = normalize_type(native_type_spelling(native.name[3:], [int(value.number) for value in numbers]))
            if key == "db.Char":
                # A bare @db.Char creates character(1), and is also what db pull writes for the one-byte "char";
                # `@db.Char(1)` is character(1) only. Kept apart (renames.same_type reads it).
                spelling = BARE_CHAR
            found = self.native_column_types[key] = (spelling, self.extension_type_schema(spelling))
        return found

    @staticmethod
    def unsupported_array(field: ResolvedField) -> bool:
        """`Unsupported("int4range[]")`: a scalar field of an array type (the catalog reports any array with one
        dimension)."""
        return field.kind == "unsupported" and split_array_type(field.node.type.unsupported or "")[1] > 0

    def extension_type_schema(self, spelling: str) -> str | None:
        """The schema of a type an extension creates (`citext`, `vector(3)`): the extension's declared schema, else
        the first schema on the search path, where CREATE EXTENSION puts it."""
        extension = TYPE_EXTENSIONS.get(spelling.split("(")[0].strip())
        if extension is None:
            return None
        # Only a `schema:` written in `extensions = [...]` says where the type lives; otherwise Prisma's diff does not
        # look (Supabase installs citext and vector in "extensions": no drift for Prisma), and neither does drift: the
        # type then has no schema, and is compared by name (see drift.diff.renames.same_type).
        return self.extension_schemas.get(extension)

    def columns(self, model: ResolvedModel, scalar_fields: list[ResolvedField],
                in_view: bool = False) -> tuple[Column, ...]:
        columns = []
        model_name = model.node.name
        # @ignore fields still exist in the database (oracle: fixtures/conventions/ignore).
        for field in scalar_fields:
            node = field.node
            field_type = node.type
            column_type, type_schema = self.column_type(field)
            default = None
            if not in_view and field.default_attribute is not None:
                default = self.default(model, field, column_type)
            elif not in_view and field.kind == "unsupported" and is_serial_type(field.node.type.unsupported or ""):
                # `Unsupported("bigserial")`: the column is bigint with its own sequence's nextval as default.
                default = self.serial_default(model, field, column_type)
            # Lists are always nullable: Prisma writes `TEXT[]` without NOT NULL (fixtures/conventions/lists).
            # View columns are nullable in the catalog whatever the schema says.
            nullable = in_view or field_type.optional or field_type.list
            columns.append(
                _Column(
                    name=truncate_identifier(field.db_name),
                    type=column_type,
                    type_schema=type_schema,
                    dimensions=1 if field_type.list or self.unsupported_array(field) else 0,
                    nullable=nullable,
                    default=default,
                    identity=None,
                    generated=None,
                    collation=None,
                    domain=None,
                    comment=None,
                    position=len(columns) + 1,
                    origin=origin_of(node.span, model_name, node.name),
                )
            )
        return tuple(columns)

    # ------------------------------------------------------------------ defaults

    def default(self, model: ResolvedModel, field: ResolvedField, column_type: str) -> str | None:
        attribute = field.default_attribute
        if attribute is None:
            return None
        value = attribute.arg("value", 0)
        if value is None:
            return None
        if isinstance(value, ast.FunctionCall) and value.name == "autoincrement":
            return self.serial_default(model, field, column_type)
        value_key = default_value_key(value)
        if value_key is None:
            return self.canonical_default(field, value, column_type)
        # Defaults repeat (`@default(now())`, `@default(ACTIVE)`, `@default(true)`): memoised by what decides them.
        key = (field.kind, field.type_name, column_type, value_key)
        default = self.defaults.get(key, _UNKNOWN)
        if default is _UNKNOWN:
            default = self.defaults[key] = self.canonical_default(field, value, column_type)
        return default

    def canonical_default(self, field: ResolvedField, value: ast.Value, column_type: str) -> str | None:
        expression = self.default_expression(field, value, column_type)
        if expression is None:
            return None
        return normalize_default(expression, None if field.kind == "enum" else column_type)

    def serial_default(self, model: ResolvedModel, field: ResolvedField, column_type: str) -> str | None:
        # SERIAL / BIGSERIAL / SMALLSERIAL: PostgreSQL creates the sequence and owns it by the column
        # (fixtures/conventions/autoincrement); its name follows PostgreSQL's rule, not Prisma's.
        table, column = truncate_identifier(model.db_name), truncate_identifier(field.db_name)
        sequence = serial_sequence_name(table, column)
        self.sequences.append(
            _Sequence(
                schema_name=model.schema_name,
                name=sequence,
                data_type=SERIAL_SEQUENCE_TYPES.get(column_type, "integer"),
                owned_by_table=table,
                owned_by_column=column,
            )
        )
        return normalize_default(f"nextval({quote_literal(quote_identifier(sequence))}::regclass)", column_type)

    def default_expression(self, field: ResolvedField, value: ast.Value, column_type: str) -> str | None:
        """The SQL Prisma's DDL writes for a default value (before normalisation)."""
        if isinstance(value, ast.FunctionCall):
            if value.name == "now":
                return "CURRENT_TIMESTAMP"
            if value.name == "dbgenerated":
                # `dbgenerated()` without an argument says "the database has some default": nothing to compare.
                return string_argument_value(value)
            # uuid(), cuid(), nanoid(), ulid() and anything else the client computes: no DEFAULT in the database
            # (fixtures/conventions/defaults).
            return None
        if isinstance(value, ast.ArrayValue):
            # List defaults: `ARRAY['a', 'b']::TEXT[]` (fixtures/conventions/defaults, enums).
            items = [self.scalar_literal(field, item, column_type) for item in value.items]
            if any(item is None for item in items):
                return None
            return "ARRAY[" + ", ".join(items) + "]"
        return self.scalar_literal(field, value, column_type)

    def scalar_literal(self, field: ResolvedField, value: ast.Value, column_type: str) -> str | None:
        if field.kind == "enum":
            if not isinstance(value, ast.ConstantValue):
                return None
            enum = self.resolved.enums[field.type_name]
            for enum_value in enum.node.values:
                if enum_value.name == value.name:
                    mapped = string_argument(enum_value.attribute("map"), "name", 0)
                    return quote_literal(_mapped_or(mapped, enum_value.name))
            return quote_literal(value.name)
        if isinstance(value, ast.NumberValue):
            return value.text
        if isinstance(value, ast.ConstantValue):
            return value.name.lower() if value.name in ("true", "false") else None
        if isinstance(value, ast.StringValue):
            text = value.value
            if field.type_name == "Bytes":
                return bytes_literal(text)
            if field.type_name == "DateTime":
                return quote_literal(datetime_literal(text, column_type))
            if column_type in ("uuid", "inet"):
                text = stored_literal(text, column_type)
            return quote_literal(text)
        return None

    # ------------------------------------------------------------------ keys and indexes

    def primary_key(self, model: ResolvedModel, scalar_fields: list[ResolvedField]) -> PrimaryKey | None:
        for field in scalar_fields:
            attribute = field.id_attribute
            if attribute is not None:
                return _PrimaryKey(
                    name=string_argument(attribute, "map") or primary_key_name(model.db_name),
                    columns=(truncate_identifier(field.db_name),),
                    include=(),
                    deferrable=False,
                    initially_deferred=False,
                    origin=self.constraint_origin(attribute.span, model.name, field.name),
                )
        attribute = model.node.attribute("id")
        if attribute is not None and attribute.block:
            return _PrimaryKey(
                name=string_argument(attribute, "map") or primary_key_name(model.db_name),
                columns=tuple([truncate_identifier(name) for name in self.db_names(model, attribute)]),
                include=(),
                deferrable=False,
                initially_deferred=False,
                origin=self.constraint_origin(attribute.span, model.name),
            )
        return None

    def db_names(self, model: ResolvedModel, attribute: ast.Attribute) -> list[str]:
        fields = model.fields_by_name()
        return [_db_name(fields, name) for name in field_names(attribute.arg("fields", 0))]

    def index_columns(self, model: ResolvedModel, value: ast.Value | None,
                      method: str) -> tuple[tuple[IndexColumn, ...], list[str]]:
        """The index's columns, and their database names before truncation (which its generated name is made of)."""
        columns, db_names = [], []
        fields = model.fields_by_name()
        for item in field_list(value):
            reference = ast.field_reference(item)
            if reference is None:
                continue
            name, args = reference
            field = fields.get(name)
            db_name = field.db_name if field is not None else name
            columns.append(self.index_column(field, db_name, args, method))
            db_names.append(db_name)
        return tuple(columns), db_names

    def index_column(self, field: ResolvedField | None, db_name: str, args: list[ast.Argument],
                     method: str) -> IndexColumn:
        if not args:  # a plain `[a, b]` key, by far the most common
            return self.shared_index_column(db_name, "ASC")
        sort = named_argument(args, "sort")
        ops = named_argument(args, "ops")
        opclass = None
        if isinstance(ops, ast.FunctionCall) and ops.name == "raw":
            opclass = string_argument_value(ops)
        elif isinstance(ops, ast.ConstantValue):
            opclass = OPERATOR_CLASSES.get(ops.name, ops.name)
        if opclass is not None and field is not None and field.kind in ("scalar", "enum", "unsupported"):
            column_type, _ = self.column_type(field)
            # The canonical model names only non-default operator classes: the same rule the introspector applies.
            opclass = normalize_opclass(
                method, opclass, column_type, 1 if field.is_list else 0, enum=field.kind == "enum"
            )
        order = "DESC" if isinstance(sort, ast.ConstantValue) and sort.name == "Desc" else "ASC"
        return self.shared_index_column(db_name, order, opclass)

    def shared_index_column(self, db_name: str, order: str, opclass: str | None = None,
                            field_unique: bool = False) -> IndexColumn:
        """One IndexColumn object per distinct key: they are frozen, and the tens of thousands of index keys of a
        large schema repeat a few hundred column names. A `@unique` field's key is made without `opclass` given
        (its `model_fields_set` differs), so it is shared apart."""
        key = (db_name, order, opclass, field_unique)
        index_column = self.index_column_memo.get(key)
        if index_column is None:
            column = truncate_identifier(db_name)
            if field_unique:
                index_column = _FieldUniqueColumn(column=column, expression=None, order=order, nulls=None,
                                                  opclass=None, collation=None)
            else:
                index_column = _IndexColumn(column=column, expression=None, order=order, nulls=None,
                                            opclass=opclass, collation=None)
            self.index_column_memo[key] = index_column
        return index_column

    def indexes(self, model: ResolvedModel, scalar_fields: list[ResolvedField]) -> tuple[Index, ...]:
        table = model.db_name
        model_name = model.node.name
        indexes = []
        for field in scalar_fields:
            attribute = field.unique_attribute
            if attribute is None:
                continue
            order, explicit, predicate = "ASC", None, None
            if attribute.args:  # a bare `@unique` is the common case
                sort = attribute.arg("sort")
                order = "DESC" if isinstance(sort, ast.ConstantValue) and sort.name == "Desc" else "ASC"
                explicit = string_argument(attribute, "map")
                predicate = index_predicate(model, attribute.arg("where"))
            indexes.append(
                (_Index if predicate is None else _PartialIndex)(
                    name=explicit or unique_index_name(table, [field.db_name]),
                    columns=(self.shared_index_column(field.db_name, order, field_unique=True),),
                    unique=True,
                    constraint=False,
                    method="btree",
                    predicate=predicate,
                    include=(),
                    nulls_not_distinct=False,
                    valid=True,
                    deferrable=False,
                    initially_deferred=False,
                    origin=self.constraint_origin(attribute.span, model_name, field.node.name),
                )
            )
        for attribute in model.node.attributes:
            if not attribute.block or attribute.name not in ("unique", "index"):
                continue
            unique = attribute.name == "unique"
            arguments = first_arguments(attribute.args)
            method_value = arguments.get("type")
            method = INDEX_METHODS.get(method_value.name, "btree") if isinstance(method_value, ast.ConstantValue) \
                else "btree"
            fields = arguments.get("fields")
            columns, db_columns = self.index_columns(model, fields if fields is not None else arguments.get(None),
                                                     method)
            # `@@index(name: "x")` is the pre-3.0 spelling of `map:`; on `@@unique`, `name` is the client's name.
            explicit = string_value(arguments.get("map")) or (None if unique else string_value(arguments.get("name")))
            generated = unique_index_name(table, db_columns) if unique else index_name(table, db_columns)
            predicate = index_predicate(model, arguments.get("where"))
            indexes.append(
                (_MethodIndex if predicate is None else _PartialMethodIndex)(
                    name=explicit or generated,
                    columns=columns,
                    unique=unique,
                    constraint=False,
                    method=method,
                    predicate=predicate,
                    include=(),
                    nulls_not_distinct=False,
                    valid=True,
                    deferrable=False,
                    initially_deferred=False,
                    origin=self.constraint_origin(attribute.span, model_name),
                )
            )
        return tuple(indexes)

    def foreign_keys(self, model: ResolvedModel) -> tuple[ForeignKey, ...]:
        # relationMode = "prisma": Prisma emulates relations and creates no foreign keys
        # (fixtures/conventions/relation_mode_prisma).
        if self.resolved.relation_mode == "prisma":
            return ()
        keys = []
        models = self.resolved.models
        fields = model.fields_by_name()
        for relation in self.forward_relations.get(model.name, ()):
            field = fields.get(relation.forward.field)
            if field is None or field.relation is None:
                continue
            attribute = field.relation
            target = models.get(field.node.type.name)
            if target is None or target.is_view:
                continue
            target_fields = target.fields_by_name()
            columns = [_db_name(fields, name) for name in attribute.fields]
            referenced = [_db_name(target_fields, name) for name in attribute.references]
            # Prisma's defaults: ON DELETE RESTRICT when one of the key's fields is required (even under an
            # optional relation field: `inviter User?` over `invitedBy String`), SET NULL when all are optional;
            # ON UPDATE CASCADE either way (fixtures/conventions/relations).
            required = any(name in fields and not fields[name].optional for name in attribute.fields)
            on_delete = REFERENTIAL_ACTIONS.get(attribute.on_delete or "", "RESTRICT" if required else "SET NULL")
            on_update = REFERENTIAL_ACTIONS.get(attribute.on_update or "", "CASCADE")
            keys.append(
                _ForeignKey(
                    name=attribute.map or foreign_key_name(model.db_name, columns),
                    columns=tuple([truncate_identifier(column) for column in columns]),
                    referenced_schema=target.schema_name,
                    referenced_table=truncate_identifier(target.db_name),
                    referenced_columns=tuple([truncate_identifier(column) for column in referenced]),
                    on_delete=on_delete,
                    on_update=on_update,
                    deferrable=False,
                    initially_deferred=False,
                    validated=True,
                    match_full=False,
                    origin=origin_of((attribute.node or field.node).span, model.name, field.name),
                )
            )
        return tuple(keys)

    # ------------------------------------------------------------------ objects

    def table_parts(self, model: ResolvedModel) -> tuple:
        """What a table is made of besides its foreign keys, which need the other models (see `table_from_parts`):
        a sharded lowering makes these before it knows the other process's models."""
        scalar_fields = model.scalar_fields
        return (
            model.schema_name,
            truncate_identifier(model.db_name),
            self.columns(model, scalar_fields),
            self.primary_key(model, scalar_fields),
            tuple(sorted(self.indexes(model, scalar_fields), key=_by_name)),
            origin_of(model.node.span, model.name),
        )

    def sorted_foreign_keys(self, model: ResolvedModel) -> tuple[ForeignKey, ...]:
        return tuple(sorted(self.foreign_keys(model), key=_by_name))

    def table(self, model: ResolvedModel, parts: tuple | None = None) -> Table:
        return table_from_parts(parts or self.table_parts(model), self.sorted_foreign_keys(model))

    def join_table(self, relation: Relation) -> Table | None:
        """An implicit many-to-many relation's table (fixtures/conventions/implicit_many_to_many).

        `_AToB` (or `_RelationName`); column "A" points at the model whose name sorts first; Prisma 6+ makes
        (A, B) the primary key `_AToB_AB_pkey` (Prisma 4/5 made a unique index `_AToB_AB_unique` instead), indexes B
        as `_AToB_B_index` and gives both columns a cascading foreign key. The table lives in model A's schema
        (fixtures/conventions/multi_schema).
        """
        model_a = self.resolved.models.get(relation.side_a.model)
        model_b = self.resolved.models.get(relation.side_b.model)
        # @@ignore on either model changes nothing: the join table is still created (fixtures/conventions/ignore).
        if model_a is None or model_b is None:
            return None
        name = implicit_join_table_name(relation.name)
        field_a = model_a.field(relation.side_a.field)
        origin = self.constraint_origin(field_a.node.span, model_a.name, field_a.name)
        columns, keys = [], []
        for letter, model in (("A", model_a), ("B", model_b)):
            id_field = self._single_id_field(model)
            if id_field is None:
                return None
            column_type, type_schema = self.column_type(id_field)
            columns.append(
                _JoinColumn(
                    name=letter,
                    type=column_type,
                    type_schema=type_schema,
                    dimensions=0,
                    nullable=False,
                    default=None,
                    identity=None,
                    generated=None,
                    collation=None,
                    domain=None,
                    comment=None,
                    position=len(columns) + 1,
                    origin=origin,
                )
            )
            if self.resolved.relation_mode != "prisma":
                keys.append(
                    _ForeignKey(
                        name=with_suffix(name, f"_{letter}_fkey"),
                        columns=(letter,),
                        referenced_schema=model.schema_name,
                        referenced_table=truncate_identifier(model.db_name),
                        referenced_columns=(truncate_identifier(id_field.db_name),),
                        on_delete="CASCADE",
                        on_update="CASCADE",
                        deferrable=False,
                        initially_deferred=False,
                        validated=True,
                        match_full=False,
                        origin=origin,
                    )
                )
        key_column = _JoinIndexColumn(
            column="B", expression=None, order="ASC", nulls=None, opclass=None, collation=None
        )
        index = _JoinIndex(
            name=with_suffix(name, "_B_index"),
            columns=(key_column,),
            unique=False,
            constraint=False,
            method="btree",
            predicate=None,
            include=(),
            nulls_not_distinct=False,
            valid=True,
            deferrable=False,
            initially_deferred=False,
            origin=origin,
        )
        primary_key = _PrimaryKey(
            name=with_suffix(name, "_AB_pkey"),
            columns=("A", "B"),
            include=(),
            deferrable=False,
            initially_deferred=False,
            origin=origin,
        )
        return table_from_parts((model_a.schema_name, name, tuple(columns), primary_key, (index,), origin), tuple(keys))

    @staticmethod
    def _single_id_field(model: ResolvedModel) -> ResolvedField | None:
        for field in model.scalar_fields:
            if field.id_attribute is not None:
                return field
        attribute = model.node.attribute("id")
        names = field_names(attribute.arg("fields", 0)) if attribute is not None and attribute.block else ()
        return model.field(names[0]) if len(names) == 1 else None

    def view(self, model: ResolvedModel) -> View:
        # Prisma never creates views; a `view` block describes the columns of one that exists.
        return _View(
            schema_name=model.schema_name,
            name=truncate_identifier(model.db_name),
            materialized=False,
            columns=self.columns(model, model.scalar_fields, in_view=True),
            definition=None,
            origin=origin_of(model.node.span, model.name),
        )

    def enum(self, enum) -> Enum:
        # An enum value may be mapped to the empty string (db pull writes `EMPTY_ENUM_VALUE @map("")` for one).
        values = tuple(
            _EnumValue(
                name=_mapped_or(string_argument(value.attribute("map"), "name", 0), value.name),
                origin=origin_of(value.span, enum.name, value.name),
            )
            for value in enum.node.values
        )
        return _Enum(
            schema_name=enum.schema_name, name=enum.db_name, values=values, origin=origin_of(enum.node.span, enum.name)
        )

    def extensions(self) -> tuple[Extension, ...]:
        datasource = self.resolved.datasource
        if datasource is None:
            return ()
        extensions = []
        for item in datasource.extensions:
            reference = ast.field_reference(item)
            if reference is None:
                continue
            name, args = reference
            mapped = named_argument(args, "map")
            schema = named_argument(args, "schema")
            version = named_argument(args, "version")
            database_name = mapped.value if isinstance(mapped, ast.StringValue) else name
            if isinstance(schema, ast.StringValue):
                self.extension_schemas[database_name] = schema.value
            extensions.append(
                _Extension(
                    name=database_name,
                    # Without `schema:`, CREATE EXTENSION installs into the first schema on the search path.
                    schema_name=schema.value if isinstance(schema, ast.StringValue) else DEFAULT_SCHEMA,
                    version=version.value if isinstance(version, ast.StringValue) else None,
                    origin=origin_of(item.span),
                )
            )
        return tuple(sorted(extensions, key=lambda extension: extension.name))

    def run(self, parts: dict[str, tuple] | None = None) -> DatabaseSchema:
        """The lowered schema; `parts`: `table_parts` already made, by model name."""
        tables, views = [], []
        parts = parts or {}
        for model in self.resolved.models.values():
            if model.foreign:
                continue
            if model.is_view:
                if self.shared:
                    views.append(self.view(model))
            else:
                # @@ignore models still exist in the database (fixtures/conventions/ignore).
                tables.append(self.table(model, parts.get(model.name)))
        tables += unmodelled(self.join_tables(), tables)
        enums = [self.enum(enum) for enum in self.resolved.enums.values()] if self.shared else []
        return _DatabaseSchema(
            format_version=FORMAT_VERSION,
            schemas=self.resolved.schemas,
            tables=tuple(sorted(tables, key=lambda table: (table.schema_name, table.name))),
            enums=tuple(sorted(enums, key=lambda enum: (enum.schema_name, enum.name))),
            views=tuple(sorted(views, key=lambda view: (view.schema_name, view.name))),
            sequences=tuple(sorted(self.sequences, key=lambda sequence: (sequence.schema_name, sequence.name))),
            extensions=self.declared_extensions,
            extension_relations=(),
        )


def unmodelled(join_tables: list[Table], tables: list[Table]) -> list[Table]:
    """The join tables no model lowers already: a model of a join table's own name is that table (db pull writes one
    for each implicit many-to-many under relationMode = "prisma", beside the relation fields; Prisma takes both as
    the one table)."""
    modelled = {(table.schema_name, table.name) for table in tables}
    return [table for table in join_tables if (table.schema_name, table.name) not in modelled]


def repeated_constraint_names(tables) -> list[PrimaryKey | Index]:
    """The primary keys and indexes whose name an earlier one of the same PostgreSQL schema has."""
    repeated = []
    seen: set[tuple[str, str]] = set()
    for table in tables:
        for item in ([table.primary_key] if table.primary_key else []) + list(table.indexes):
            key = (table.schema_name, item.name)
            if key in seen:
                repeated.append(item)
            seen.add(key)
    return repeated


def table_from_parts(parts: tuple, foreign_keys: tuple[ForeignKey, ...]) -> Table:
    """The table of `_Lowering.table_parts` and its sorted foreign keys."""
    schema_name, name, columns, primary_key, indexes, origin = parts
    return _Table(
        schema_name=schema_name,
        name=name,
        columns=columns,
        primary_key=primary_key,
        indexes=indexes,
        foreign_keys=foreign_keys,
        checks=(),
        exclusions=(),
        triggers=(),
        partitioned=False,
        inherits=(),
        comment=None,
        origin=origin,
    )


def index_predicate(model: ResolvedModel, value: ast.Value | None) -> str | None:
    """The WHERE condition of a partial index (the `partialIndexes` preview feature), as Prisma writes it in its
    CREATE INDEX: `where: raw("...")` is the text as given; `where: { a: true, b: null, c: { not: "x" } }` is
    `"a" = true AND "b" IS NULL AND "c" != 'x'` (database column names, literals as SQL). None without `where:`
    (or with a value Prisma rejects)."""
    if value is None:
        return None
    if isinstance(value, ast.FunctionCall):
        return string_argument_value(value) if value.name == "raw" else None
    if not isinstance(value, ast.ObjectValue):
        return None
    fields = model.fields_by_name()
    conditions = []
    for entry in value.entries:
        # As PostgreSQL stores a longer name in the condition: cut at 63 bytes, like the column itself.
        column = quote_identifier(truncate_identifier(_db_name(fields, entry.name or "")))
        condition = entry.value
        negated = False
        if isinstance(condition, ast.ObjectValue):
            inner = condition.entry("not")
            if inner is None or len(condition.entries) != 1:
                return None
            condition, negated = inner, True
        if isinstance(condition, ast.ConstantValue) and condition.name == "null":
            conditions.append(f"{column} IS {'NOT ' if negated else ''}NULL")
            continue
        if isinstance(condition, ast.ConstantValue) and condition.name in ("true", "false"):
            literal = condition.name
        elif isinstance(condition, ast.StringValue):
            literal = quote_literal(condition.value)
        elif isinstance(condition, ast.NumberValue):
            literal = condition.text
        else:
            return None
        conditions.append(f"{column} {'!=' if negated else '='} {literal}")
    return " AND ".join(conditions) or None


def _db_name(fields: dict[str, ResolvedField], field_name: str) -> str:
    field = fields.get(field_name)
    return field.db_name if field is not None else field_name


def default_value_key(value: ast.Value) -> tuple[str, str] | None:
    """What a default's SQL depends on in its value (with the field's type), as a memo key; None for arrays and
    calls with arguments, which are rare and not memoised."""
    if isinstance(value, ast.StringValue):
        return "string", value.value
    if isinstance(value, ast.NumberValue):
        return "number", value.text
    if isinstance(value, ast.ConstantValue):
        return "constant", value.name
    if isinstance(value, ast.FunctionCall) and not value.args:
        return "call", value.name
    return None


def named_argument(args: list[ast.Argument], name: str) -> ast.Value | None:
    for argument in args:
        if argument.name == name:
            return argument.value
    return None


def _mapped_or(mapped: str | None, name: str) -> str:
    return name if mapped is None else mapped


def string_argument_value(call: ast.FunctionCall) -> str | None:
    return string_value(call.arg(None, 0))


def bytes_literal(text: str) -> str | None:
    """A `Bytes` default is base64 in the schema and a hex bytea literal in Prisma's DDL."""
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return quote_literal("\\x" + data.hex())


def stored_literal(text: str, column_type: str) -> str:
    """A uuid or inet literal as PostgreSQL stores (and prints) it: a uuid in lower case with hyphens, a single
    address without its full-length mask (`192.168.1.5/32` is `192.168.1.5`). Anything else as written."""
    import ipaddress  # here: rare (a literal uuid or inet default), and not free at start-up
    import uuid

    if column_type == "uuid":
        try:
            return str(uuid.UUID(text.strip()))
        except ValueError:
            return text
    try:
        network = ipaddress.ip_interface(text.strip())
    except ValueError:
        return text
    full = network.network.prefixlen == network.max_prefixlen
    return str(network.ip) if full else str(network)


def datetime_literal(text: str, column_type: str) -> str:
    """What the catalog shows for a DateTime literal default, as PostgreSQL's output format writes it.

    Prisma writes `'2021-03-04 05:06:07.123 +02:00'` (fixtures/conventions/edge_cases). A column without time zone
    drops the offset (`'2021-03-04 05:06:07.123'`), a date keeps the date, and a column with time zone stores the
    instant, which the catalog prints in the session's TimeZone: we write it in UTC (`'... 03:06:07.123+00'`), so
    the introspecting session must use UTC.
    """
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if column_type == "date":
        return moment.date().isoformat()
    if column_type.startswith("time") and not column_type.startswith("timestamp"):
        # time / timetz read the time of day as written (date ignored, not converted); timetz keeps the offset,
        # printed as PostgreSQL prints it (+02, +05:30).
        clock = _trim_fraction(moment.time().isoformat())
        if "with time zone" not in column_type or moment.tzinfo is None:
            return clock
        return clock + _offset(moment.utcoffset())
    if not column_type.startswith("timestamp"):
        return text
    if "with time zone" in column_type:
        if moment.tzinfo is None:
            return text
        return _trim_fraction(moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")) + "+00"
    return _trim_fraction(moment.replace(tzinfo=None).isoformat(sep=" "))


def _offset(delta) -> str:
    seconds = int(delta.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("+", seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}" + (f":{minutes:02d}" if minutes or seconds else "") + (f":{seconds:02d}" if seconds else "")


def _trim_fraction(rendered: str) -> str:
    return rendered.rstrip("0").rstrip(".") if "." in rendered else rendered


def lower_schema_checked(resolved: ResolvedSchema) -> tuple[DatabaseSchema, list[Diagnostic]]:
    """The lowered schema and the diagnostics only lowering can see (generated names that collide)."""
    lowering = _Lowering(resolved)
    database = lowering.run()
    return database, lowering.name_collisions(database)
