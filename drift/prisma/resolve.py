"""Name resolution: what every name in a parsed schema refers to, and the light validation lowering relies on.

The AST says `author User? @relation(fields: [authorId], references: [id])`; resolution says that `User` is a
model, so `author` is a relation field, which scalar fields hold the foreign key, and which field on `User` is its
back relation. Problems become diagnostics (with spans); resolution never raises for a user's mistake, and lowering
skips what could not be resolved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field as dataclass_field
from typing import Literal, NamedTuple

from drift.diagnostics import Diagnostic, Span
from drift.prisma import ast, messages
from drift.postgres.urls import prisma_schema_parameter
from drift.prisma.attribute_rules import (
    ATTRIBUTES,
    attribute_diagnostics,
    expected_string,
    key_argument_diagnostics,
    not_a_relation,
)
from drift.prisma.config_rules import config_diagnostics, preview_features
from drift.prisma.default_rules import default_diagnostics
from drift.prisma.index_rules import index_diagnostics, where_diagnostics
from drift.prisma.native_types import NATIVE_TYPES, SCALAR_TYPES, native_argument_problem

FieldKind = Literal["scalar", "enum", "relation", "composite", "unsupported"]
RelationKind = Literal["one_to_many", "one_to_one", "many_to_many"]

DEFAULT_SCHEMA = "public"
REFERENTIAL_ACTION_NAMES = ("Cascade", "Restrict", "NoAction", "SetNull", "SetDefault")
# Names Prisma refuses for a model, view or enum (Prisma Client makes a JavaScript type of each): its client's class
# and JavaScript's reserved words (each checked with Prisma's validator, 2026-12-03).
RESERVED_TYPE_NAMES = frozenset(
    "PrismaClient async await break case catch class const continue debugger default delete do else enum export "
    "extends false finally for function if implements import in instanceof interface let new null package private "
    "protected public return super switch this throw true try typeof var void while with yield".split()
)


# The small immutable records below are named tuples rather than frozen dataclasses: a large schema makes thousands
# of them, and a frozen dataclass sets each field through object.__setattr__ (several times slower to make).


class RelationAttribute(NamedTuple):
    """A relation field's `@relation(...)` (all None/empty when the field has none)."""

    name: str | None = None
    fields: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None
    map: str | None = None
    node: ast.Attribute | None = None


@dataclass(slots=True)
class ResolvedField:
    node: ast.Field
    kind: FieldKind
    db_name: str
    ignored: bool
    relation: RelationAttribute | None = None
    # The first `@id`, `@unique`, `@default` and known `@db.*` attribute, found in the one pass over the field's
    # attributes that resolution makes anyway, so that lowering does not scan them again for each.
    id_attribute: ast.Attribute | None = None
    unique_attribute: ast.Attribute | None = None
    default_attribute: ast.Attribute | None = None
    native_attribute: ast.Attribute | None = None

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def type_name(self) -> str:
        return self.node.type.name

    @property
    def optional(self) -> bool:
        return self.node.type.optional

    @property
    def is_list(self) -> bool:
        return self.node.type.list


@dataclass
class ResolvedModel:
    node: ast.Model
    db_name: str
    schema_name: str
    ignored: bool
    fields: list[ResolvedField] = dataclass_field(default_factory=list)
    # Field by name (the first of that name), rebuilt when `fields` has grown; lowering looks fields up a lot.
    _by_name: dict[str, ResolvedField] = dataclass_field(default_factory=dict, repr=False, compare=False)
    _indexed: tuple = dataclass_field(default=(None, 0), repr=False, compare=False)
    # Resolved in another process of a sharded lowering (drift.prisma.sharded): known by name and fields only,
    # lowered there; `node` and its fields' nodes are stand-ins with what resolving and lowering the others read.
    foreign: bool = dataclass_field(default=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def is_view(self) -> bool:
        return self.node.kind == "view"

    def field(self, name: str) -> ResolvedField | None:
        return self.fields_by_name().get(name)

    def fields_by_name(self) -> dict[str, ResolvedField]:
        """Each field by name (the first of that name); callers that look up many fields fetch it once."""
        fields = self.fields
        if self._indexed[0] is not fields or self._indexed[1] != len(fields):
            by_name: dict[str, ResolvedField] = {}
            for candidate in fields:
                by_name.setdefault(candidate.node.name, candidate)
            self._by_name, self._indexed = by_name, (fields, len(fields))
        return self._by_name

    @property
    def scalar_fields(self) -> list[ResolvedField]:
        return [candidate for candidate in self.fields if candidate.kind in ("scalar", "enum", "unsupported")]


@dataclass
class ResolvedEnum:
    node: ast.Enum
    db_name: str
    schema_name: str

    @property
    def name(self) -> str:
        return self.node.name


_FIELD_ATTRIBUTES = ATTRIBUTES["field"]
_POSITIONAL_FIELD_ATTRIBUTES = frozenset(name for name, rule in _FIELD_ATTRIBUTES.items() if rule.positional)
_BLOCK_ATTRIBUTES = ATTRIBUTES["block"]
_POSITIONAL_BLOCK_ATTRIBUTES = frozenset(name for name, rule in _BLOCK_ATTRIBUTES.items() if rule.positional)
_NO_RELATION = RelationAttribute()  # what a relation field without `@relation` has (immutable, so shared)


class RelationSide(NamedTuple):
    model: str
    field: str


class Relation(NamedTuple):
    """Two paired relation fields. `forward` holds `fields`/`references` (None for many-to-many)."""

    name: str
    kind: RelationKind
    forward: RelationSide | None
    back: RelationSide | None
    # Many-to-many only: the two sides ordered as Prisma orders them for columns "A" and "B".
    side_a: RelationSide | None = None
    side_b: RelationSide | None = None


@dataclass
class ResolvedSchema:
    schema: ast.Schema
    datasource: ast.Datasource | None
    schemas: tuple[str, ...]
    relation_mode: str
    models: dict[str, ResolvedModel]
    enums: dict[str, ResolvedEnum]
    relations: list[Relation]
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [diagnostic for diagnostic in self.diagnostics if diagnostic.severity == "error"]


def first_arguments(args: list[ast.Argument]) -> dict[str | None, ast.Value]:
    """Each argument name's first value, the first positional one under None: what `Attribute.arg` finds, read in
    one pass for an attribute asked about several names."""
    found: dict[str | None, ast.Value] = {}
    for argument in args:
        found.setdefault(argument.name, argument.value)
    return found


def string_value(value: ast.Value | None) -> str | None:
    return value.value if isinstance(value, ast.StringValue) else None


def string_argument(attribute: ast.Attribute | None, name: str, position: int | None = None) -> str | None:
    return None if attribute is None else string_value(attribute.arg(name, position))


def field_list(value: ast.Value | None) -> list[ast.Value]:
    """The items of a field list; Prisma also accepts one field without brackets (`@@index(userId)`)."""
    if isinstance(value, ast.ArrayValue):
        return list(value.items)
    if isinstance(value, (ast.ConstantValue, ast.FunctionCall)):
        return [value]
    return []


def field_names(value: ast.Value | None) -> tuple[str, ...]:
    names = []
    for item in field_list(value):
        reference = ast.field_reference(item)
        if reference is not None:
            names.append(reference[0])
    return tuple(names)


def unique_criteria(model: ResolvedModel) -> list[frozenset[str]]:
    """The field sets a relation may reference on a model: each `@id` and `@unique` field, each `@@id` and
    `@@unique`. A model of the other half of a sharded lowering (`foreign`) carries its own list."""
    if model.foreign:
        return model.node.unique_criteria
    criteria = [
        frozenset((field.name,)) for field in model.fields
        if field.id_attribute is not None or field.unique_attribute is not None
    ]
    for attribute in model.node.attributes:
        if attribute.block and attribute.name in ("id", "unique"):
            criteria.append(frozenset(field_names(attribute.arg("fields", 0))))
    return criteria


def _url_schema(datasource: ast.Datasource | None) -> str | None:
    url = datasource.string("url") if datasource is not None else None
    return prisma_schema_parameter(url) if url else None


def _constant(value: ast.Value | None) -> str | None:
    return value.name if isinstance(value, ast.ConstantValue) else None


def _block_schema(attributes: list[ast.Attribute], fallback: str) -> str:
    for attribute in attributes:
        if attribute.block and attribute.name == "schema":
            return string_argument(attribute, "map", 0) or fallback
    return fallback


def _mapped_name(attributes: list[ast.Attribute], block: bool, fallback: str) -> str:
    for attribute in attributes:
        if attribute.block == block and attribute.name == "map":
            return string_argument(attribute, "name", 0) or fallback
    return fallback


def type_kinds(composites: Iterable[str], models: Iterable[str], enums: Iterable[str]) -> dict[str, FieldKind]:
    """What a field's type name refers to, in one lookup, from the names of the composite types, the models and views,
    and the enums. On a clash the built-in type wins over an enum, an enum over a model, a model over a composite
    type: later updates overwrite earlier ones."""
    kinds: dict[str, FieldKind] = dict.fromkeys(composites, "composite")
    kinds.update(dict.fromkeys(models, "relation"))
    kinds.update(dict.fromkeys(enums, "enum"))
    kinds.update(dict.fromkeys(SCALAR_TYPES, "scalar"))
    return kinds


class _Resolver:
    """`run()` resolves a whole schema. The sharded lowering (drift.prisma.sharded) calls its phases one by one:
    `header`, `model_fields` and `model` for the models it parsed, then `finish` over those and the other process's
    (`ResolvedModel.foreign`), whose type names the `type_kinds` it passes (made from the cut's blocks) include."""

    def __init__(self, schema: ast.Schema, url_schema: str | None = None,
                 type_kinds: dict[str, FieldKind] | None = None):
        self.schema = schema
        self.url_schema = url_schema
        self.diagnostics: list[Diagnostic] = []
        self.type_kinds = type_kinds
        # Whether a `@db.Xml` field has been resolved: until one has, the index checks skip looking for them.
        self.xml_fields = False
        # The defaults found valid, by what decides it (`@default(now())` on a DateTime, `@default(0)` on an Int):
        # a large schema repeats a few dozen of them thousands of times.
        self.valid_defaults: set[tuple] = set()
        self.enum_values: dict[str, frozenset[str]] = {}
        # The columns of the fields with `@map` of the model being resolved (kept, cleared, reused: a large schema maps
        # most fields), and a set reused to look for two of them alike.
        self.mapped_columns: list[str] = []
        self.columns: set[str] = set()
        self.key_field_names: list[str] = []  # the fields of one key or index, reused (`_check_field_references`)
        # The `where:` of the `@unique`s of the model being resolved, checked once its fields are.
        self.field_wheres: list[tuple[ast.Attribute, ast.Argument]] = []

    def error(self, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(severity="error", message=message, span=span, hint=hint))

    def run(self) -> ResolvedSchema:
        self.header()
        models: dict[str, ResolvedModel] = {}
        for node in self.schema.models + self.schema.views:
            models[node.name] = self.model(node, self.model_fields(node))
        return self.finish(models)

    def header(self) -> None:
        """The datasource's settings, the default schema and the enums (the type kinds too, unless given)."""
        schema = self.schema
        datasource = schema.datasource
        self.preview_features = preview_features(schema)
        self.diagnostics += config_diagnostics(schema, self.preview_features)
        schemas: tuple[str, ...] = (DEFAULT_SCHEMA,)
        relation_mode = "foreignKeys"
        if datasource is not None:
            provider = datasource.provider
            # A provider that is not a string literal is config_diagnostics' error; `provider` is None then.
            if provider is not None and provider not in ("postgresql", "postgres", "cockroachdb"):
                self.error(f'The datasource provider "{provider}" is not PostgreSQL.', datasource.name_span)
            schemas = tuple(datasource.schemas) or schemas
            mode = datasource.relation_mode
            if mode is not None:
                if mode not in ("foreignKeys", "prisma"):
                    self.error(f'Unknown relationMode "{mode}".', datasource.name_span,
                               hint='Use "foreignKeys" or "prisma".')
                else:
                    relation_mode = mode
        # The connection URL's `?schema=` names the schema of everything without `@@schema`: the URL the database
        # is read through, else a literal URL in the datasource (usually the URL is env("DATABASE_URL") without one,
        # and this is "public").
        self.default_schema = self.url_schema or _url_schema(datasource) or DEFAULT_SCHEMA
        if datasource is not None and not datasource.schemas:
            schemas = (self.default_schema,)
        self.datasource, self.schemas, self.relation_mode = datasource, schemas, relation_mode
        # Duplicate declarations and fields are the parser's diagnostics; here a repeated field is skipped.
        self.enums = {
            enum.name: ResolvedEnum(
                node=enum,
                db_name=_mapped_name(enum.attributes, True, enum.name),
                schema_name=_block_schema(enum.attributes, self.default_schema),
            )
            for enum in schema.enums
        }
        # The datasource's `schemas`: then every model, view and enum names one of them with `@@schema`.
        self.listed_schemas = frozenset(datasource.schemas) if datasource is not None else frozenset()
        for enum in schema.enums:
            self._check_type_name(enum.name, "enum", enum.name_span)
            if not enum.values:
                self.error(messages.EMPTY_ENUM, enum.span)
            schema_attribute = map_attribute = None
            repeated = False
            for attribute in enum.attributes:
                self.diagnostics += attribute_diagnostics(attribute, "enum_block")
                if attribute.name == "schema":
                    repeated = repeated or schema_attribute is not None
                    schema_attribute = schema_attribute or attribute
                elif attribute.name == "map":
                    repeated = repeated or map_attribute is not None
                    map_attribute = map_attribute or attribute
                    self._check_map(attribute)
            if repeated:
                self._repeated_block_attributes(enum.attributes)
            if schema_attribute is not None or self.listed_schemas:
                self._check_schema(enum, schema_attribute)
            for value in enum.values:
                if "-" in value.name:  # the grammar reads `A-B` as one name; Prisma refuses it
                    self.error(messages.ENUM_VALUE_CHARACTER.format(character="-"), value.name_span)
                value_maps = 0
                for attribute in value.attributes:
                    self.diagnostics += attribute_diagnostics(attribute, "enum_value")
                    if attribute.name == "map":
                        value_maps += 1
                        if value_maps == 1:
                            self._check_map(attribute)
                if value_maps > 1:
                    self._repeated_block_attributes(value.attributes)
        if self.type_kinds is None:
            self.type_kinds = type_kinds(
                (composite.name for composite in schema.composite_types),
                (model.name for model in schema.models + schema.views),
                self.enums,
            )

    def model_fields(self, node: ast.Model) -> list[ResolvedField]:
        """The model's fields, resolved (the first of each name); needs `type_kinds`, not the default schema."""
        type_kinds = self.type_kinds
        seen: set[str] = set()
        fields: list[ResolvedField] = []
        append = fields.append
        for field in node.fields:
            name = field.name
            if name in seen:
                continue
            seen.add(name)
            field_type = field.type
            kind = "unsupported" if field_type.unsupported is not None else type_kinds.get(field_type.name)
            if kind is None:
                self.error(
                    f'Type "{field_type.name}" is neither a built-in type, nor refers to another model, '
                    "composite type, or enum.",
                    field_type.span,
                )
            else:
                append(self._field(field, kind))
        mapped_columns = self.mapped_columns
        if mapped_columns:
            # A column named twice, or a field's name as another's column: then Prisma's exact rule.
            columns = self.columns
            for column in mapped_columns:
                if column in columns or column in seen:
                    self._check_mapped_names(node, fields)
                    break
                columns.add(column)
            columns.clear()
            mapped_columns.clear()
        return fields

    def _check_mapped_names(self, node: ast.Model, fields: list[ResolvedField]) -> None:
        """Two fields of one column: Prisma's error on a field whose `@map` names a column an earlier field's `@map`
        named, and on one whose `@map` names another scalar field that has not mapped itself to another column so
        far (Prisma reads the fields in order: a later field's `@map` is not known yet)."""
        by_name = {field.node.name: position for position, field in enumerate(fields)}
        columns: set[str] = set()  # of the fields with `@map` so far
        visited: set[int] = set()  # their positions
        for position, field in enumerate(fields):
            if field.kind == "relation" or not any(
                    attribute.name == "map" and not attribute.block for attribute in field.node.attributes):
                continue
            column = field.db_name
            if column in columns:
                self._duplicate_field(node, field)
            columns.add(column)
            visited.add(position)
            other = by_name.get(column)
            if other is not None and other != position and fields[other].kind != "relation" and (
                    other not in visited or fields[other].db_name == column):
                self._duplicate_field(node, field)

    def _repeated_block_attributes(self, attributes: list[ast.Attribute]) -> None:
        """Prisma's error on every occurrence of a block attribute given twice (`@@map`, `@@id`, `@@schema`,
        `@@ignore`; `@@index` and `@@unique` may repeat), or an enum value's `@map`. Prisma names it with one `@`."""
        counts: dict[str, int] = {}
        for attribute in attributes:
            if attribute.name in ("id", "map", "schema", "ignore"):
                counts[attribute.name] = counts.get(attribute.name, 0) + 1
        for attribute in attributes:
            if counts.get(attribute.name, 0) > 1:
                self.error(messages.REPEATED_ATTRIBUTE.format(attribute="@" + attribute.name), attribute.span)

    def _check_map(self, attribute: ast.Attribute) -> None:
        """`@@map(5)`, `@map(true)`: Prisma wants a string (a field's `@map` is checked with the field)."""
        value = attribute.arg("name", 0)
        if value is not None and not isinstance(value, ast.StringValue):
            self.diagnostics.append(expected_string(value))

    def _duplicate_field(self, node: ast.Model, field: ResolvedField) -> None:
        self.error(messages.DUPLICATE_FIELD.format(field=field.name, kind=node.kind, block=node.name), field.node.span)

    def model(self, node: ast.Model, fields: list[ResolvedField]) -> ResolvedModel:
        self._check_type_name(node.name, node.kind, node.name_span)
        checked = node.kind != "type"  # composite types are MongoDB's
        block_id, ignored, schema_attribute, map_attribute, repeated = None, False, None, None, False
        for attribute in node.attributes:
            name, args = attribute.name, attribute.args
            # The rules' own shortcut, inline (see `_field`): `@@index([a, b])`, `@@map("x")`, `@@ignore`.
            if checked and (
                (args and (len(args) != 1 or args[0].name is not None or name not in _POSITIONAL_BLOCK_ATTRIBUTES))
                or (not args and name not in _BLOCK_ATTRIBUTES)
            ):
                self.diagnostics += attribute_diagnostics(attribute, "block")
            if name == "id":
                repeated = repeated or block_id is not None
                block_id = block_id or attribute
            elif name == "ignore":
                repeated = repeated or ignored
                ignored = True
            elif name == "schema":
                repeated = repeated or schema_attribute is not None
                schema_attribute = schema_attribute or attribute
            elif name == "map":
                repeated = repeated or map_attribute is not None
                map_attribute = map_attribute or attribute
                if not (len(args) == 1 and args[0].value.kind == "string"):  # not the usual `@@map("x")`
                    self._check_map(attribute)
        if repeated:
            self._repeated_block_attributes(node.attributes)
        resolved = ResolvedModel(
            node=node,
            db_name=_mapped_name(node.attributes, True, node.name),
            schema_name=_block_schema(node.attributes, self.default_schema),
            ignored=ignored,
            fields=fields,
        )
        # The model's field index, filled here rather than rebuilt by its first `field()` lookup.
        resolved._by_name, resolved._indexed = {field.node.name: field for field in fields}, (fields, len(fields))
        if node.kind in ("model", "view"):
            self._check_keys(resolved, block_id)
        if self.field_wheres:
            for attribute, argument in self.field_wheres:
                self.diagnostics += where_diagnostics(resolved, attribute, argument)
            self.field_wheres.clear()
        if (schema_attribute is not None or self.listed_schemas) and checked:
            self._check_schema(node, schema_attribute)
        return resolved

    def _check_schema(self, node: ast.Model | ast.Enum, attribute: ast.Attribute | None) -> None:
        """`@@schema` names one of the datasource's `schemas`; with a list, every model, view and enum has one."""
        if attribute is None:
            if node.kind == "enum":
                self.error(messages.ENUM_MISSING_SCHEMA, node.span)
            else:
                self.error(messages.MISSING_SCHEMA.format(block=node.kind, name=node.name), node.span)
            return
        value = attribute.arg("map", 0)
        if value is None:
            return
        if not isinstance(value, ast.StringValue):
            self.diagnostics.append(expected_string(value))
        elif self.datasource is None:
            self.error(messages.SCHEMA_WITHOUT_DATASOURCE, value.span)
        elif value.value not in self.listed_schemas:
            self.error(messages.SCHEMA_NOT_DEFINED, value.span)

    def finish(self, models: dict[str, ResolvedModel]) -> ResolvedSchema:
        """Check field references (of the models not `foreign`: their own process checks those) and pair the
        relations of all of them."""
        criteria: dict[str, list[frozenset[str]]] = {}  # by model: a model referenced by thousands is read once
        for resolved in models.values():
            if not resolved.foreign:
                self._check_field_references(resolved, models, criteria)
        return self.resolved(models, self._pair_relations(models))

    def resolved(self, models: dict[str, ResolvedModel], relations: list[Relation]) -> ResolvedSchema:
        """The result over `models`; before `finish`, with no relations, it is enough to lower what does not
        depend on other models (columns, keys, indexes: `_Lowering.table_parts`)."""
        return ResolvedSchema(
            schema=self.schema,
            datasource=self.datasource,
            schemas=self.schemas,
            relation_mode=self.relation_mode,
            models=models,
            enums=self.enums,
            relations=relations,
            diagnostics=self.diagnostics,
        )

    def _field(self, field: ast.Field, kind: FieldKind) -> ResolvedField:
        """The field with what its attributes say, read in one pass (the first attribute of each name counts)."""
        if not field.attributes:  # most relation fields and many scalars
            return ResolvedField(field, kind, field.name, False, _NO_RELATION if kind == "relation" else None)
        mapped = relation = id_attribute = unique_attribute = default_attribute = native_attribute = None
        db_attribute = second_db_attribute = updated_at = None
        ignored = repeated = False
        for attribute in field.attributes:
            name = attribute.name
            if name.startswith("db."):
                if db_attribute is None:
                    db_attribute = attribute
                elif second_db_attribute is None:
                    second_db_attribute = attribute
                continue  # native types are checked below
            elif name == "default":
                if default_attribute is None:
                    default_attribute = attribute
                else:
                    repeated = True
            elif name == "map":
                if mapped is None and not attribute.block:
                    mapped = attribute
                else:
                    repeated = True
            elif name == "id":
                if id_attribute is None:
                    id_attribute = attribute
                else:
                    repeated = True
            elif name == "unique":
                if unique_attribute is None:
                    unique_attribute = attribute
                else:
                    repeated = True
            elif name == "relation":
                if relation is None:
                    relation = attribute
                else:
                    repeated = True
            elif name == "ignore":
                repeated = repeated or ignored
                ignored = True
            elif name == "updatedAt":
                if updated_at is None:
                    updated_at = attribute
                else:
                    repeated = True
            # The rules' own shortcut, inline (most field attributes of a large schema are `@id`, `@default(x)`,
            # `@map("x")`: no argument, or the one each takes without a name).
            args = attribute.args
            if (args and (len(args) != 1 or args[0].name is not None or name not in _POSITIONAL_FIELD_ATTRIBUTES)) or (
                not args and name not in _FIELD_ATTRIBUTES
            ):
                self.diagnostics += attribute_diagnostics(attribute, "field")
        if repeated:
            # Prisma reads no further an attribute given twice.
            twice = self._repeated_attributes(field)
            if "updatedAt" in twice:
                updated_at = None
            if "default" in twice:
                default_attribute = None
        if unique_attribute is not None and unique_attribute.args:
            for argument in unique_attribute.args:
                if argument.name == "where":  # checked with the model's fields (`model`)
                    self.field_wheres.append((unique_attribute, argument))
        if relation is not None and kind != "relation":
            self.diagnostics += not_a_relation(relation)
        if kind == "relation" and (unique_attribute is not None or id_attribute is not None):
            self._key_on_relation(field, relation, unique_attribute, id_attribute)
        if updated_at is not None:
            if field.type.name != "DateTime" or kind != "scalar":
                self.error(messages.UPDATED_AT_NOT_DATETIME, updated_at.span)
            elif field.type.list:
                self.error(messages.UPDATED_AT_LIST, updated_at.span)
        if default_attribute is not None:
            self._check_default(field, kind, default_attribute)
        if db_attribute is not None:
            if second_db_attribute is not None:
                self.error(messages.DUPLICATE_NATIVE_TYPE, second_db_attribute.span)
            else:
                if kind == "scalar":
                    self._check_native_type(field, db_attribute)
                elif kind == "enum":
                    # An enum's column is its enum type: Prisma knows no `@db.*` for it.
                    self.error(messages.UNKNOWN_ATTRIBUTE.format(name=db_attribute.name), db_attribute.span)
                if db_attribute.name == "db.Xml":
                    self.xml_fields = True
                if db_attribute.name[3:] in NATIVE_TYPES:
                    native_attribute = db_attribute
        if mapped is None:
            db_name = field.name
        else:
            value = mapped.arg("name", 0)
            if isinstance(value, ast.StringValue):
                db_name = value.value
                if db_name != field.name and kind != "relation":  # a column of its own name is another's only
                    self.mapped_columns.append(db_name)           # if that one's `@map` names it (seen there)
            else:
                db_name = field.name
                if value is not None:
                    self.diagnostics.append(expected_string(value))
        # Positional: a dataclass __init__ called with keywords takes twice as long, for every field of the schema.
        return ResolvedField(
            field,
            kind,
            db_name,
            ignored,
            self._relation_attribute(relation) if kind == "relation" else None,
            id_attribute,
            unique_attribute,
            default_attribute,
            native_attribute,
        )

    def _key_on_relation(self, field: ast.Field, relation: ast.Attribute | None, unique: ast.Attribute | None,
                         id_attribute: ast.Attribute | None) -> None:
        """`@unique` or `@id` on a relation field: Prisma's error, with its hint at the scalar fields it holds."""
        if unique is not None:
            message = messages.UNIQUE_ON_RELATION.format(field=field.name)
            names = field_names(relation.arg("fields")) if relation is not None else ()
            if len(names) == 1:
                message += messages.UNIQUE_ON_RELATION_ONE.format(field=names[0])
            elif names:
                message += messages.UNIQUE_ON_RELATION_SEVERAL.format(fields=", ".join(names))
            self.error(message, unique.span)
        if id_attribute is not None:
            self.error(messages.ID_ON_RELATION.format(field=field.name), id_attribute.span)

    def _repeated_attributes(self, field: ast.Field) -> set[str]:
        """Prisma's error on every occurrence of an attribute given twice (`@id @id`, `@default(1) @default(2)`);
        `@db.*` has its own."""
        by_name: dict[str, list[ast.Attribute]] = {}  # in the order of each name's first occurrence, as Prisma
        for attribute in field.attributes:
            if not attribute.block and not attribute.name.startswith("db."):
                by_name.setdefault(attribute.name, []).append(attribute)
        twice = set()
        for name, attributes in by_name.items():
            if len(attributes) > 1:
                twice.add(name)
                for attribute in attributes:
                    self.error(messages.REPEATED_ATTRIBUTE.format(attribute=attribute.written), attribute.span)
        return twice

    def _check_default(self, field: ast.Field, kind: FieldKind, attribute: ast.Attribute) -> None:
        args = attribute.args
        value = args[0].value if len(args) == 1 else None
        key = None
        if value is not None:
            value_kind = value.kind
            if value_kind == "function":
                if not value.args:
                    key = (kind, field.type.name, field.type.list, "call", value.name)
            elif value_kind == "string":
                key = (kind, field.type.name, field.type.list, "string", value.value)
            elif value_kind == "number":
                key = (kind, field.type.name, field.type.list, "number", value.text)
            elif value_kind == "constant":
                key = (kind, field.type.name, field.type.list, "constant", value.name)
            if key is not None and key in self.valid_defaults:
                return
        enum_values = None
        if kind == "enum":
            enum_values = self.enum_values.get(field.type.name)
            if enum_values is None:
                enum = self.enums.get(field.type.name)
                enum_values = frozenset(value.name for value in enum.node.values) if enum is not None else frozenset()
                self.enum_values[field.type.name] = enum_values
        found = default_diagnostics(attribute, kind, field.type.name, field.type.list, enum_values)
        if found:
            self.diagnostics += found
        elif key is not None:
            self.valid_defaults.add(key)

    def _check_keys(self, model: ResolvedModel, block_id: ast.Attribute | None) -> None:
        """A model's primary key is of required fields, given once (`@id` or `@@id`); without one, the model needs a
        unique criterion of required fields, unless it is @@ignore'd (db pull writes that for a table without).
        `block_id`: the model's `@@id`.

        A view's key has the same errors of its own (two `@id`s, `@id` and `@@id`, optional fields), but a view needs
        no unique criterion and may list no fields (`@@id([])`). Prisma 7 also refuses any primary key on a view
        ("Views cannot have primary keys."), which Prisma 5 and 6 took (their views needed an @id or @unique): real
        schemas have them (langfuse's `view TraceView { id String @id ... }`), so drift takes them too; refusing would
        make a schema the project's Prisma accepts bad input."""
        node, fields, ignored = model.node, model.fields, model.ignored
        view = node.kind == "view"
        # An @@ignore'd model may have a key of optional fields, or none (db pull writes both for tables Prisma Client
        # cannot serve); the rest holds for it too (checked with Prisma's validator).
        has_field_id = unsupported_id = False
        for field in fields:
            if field.id_attribute is not None:
                if has_field_id:
                    self.error(messages.TWO_FIELD_IDS.format(model=node.name), node.span)
                has_field_id = True
                if (field.node.type.optional or field.node.type.list) and not ignored:
                    self.error(messages.ID_NOT_REQUIRED, field.id_attribute.span)
                # Prisma counts no key of an Unsupported field: the model needs another unique criterion.
                unsupported_id = unsupported_id or field.kind == "unsupported"
        if block_id is None and has_field_id and not unsupported_id:
            return  # the common case
        by_name = model.fields_by_name()

        def optional(names) -> list[str]:
            return [name for name in names if name in by_name and (
                by_name[name].node.type.optional or by_name[name].node.type.list)]

        def not_required(names) -> list[str]:
            return [name for name in names if name in by_name and (
                by_name[name].node.type.optional or by_name[name].node.type.list or by_name[name].kind == "unsupported")]

        criteria: list[tuple[str, ...]] = [(field.node.name,) for field in fields if field.id_attribute is not None]
        if block_id is not None:
            listed = block_id.arg("fields", 0)
            if isinstance(listed, ast.ArrayValue) and not listed.items and not view:
                self.error(messages.EMPTY_ID, block_id.span)
            if has_field_id:
                self.error(messages.TWO_IDS.format(model=node.name), node.span)
            loose = optional(field_names(block_id.arg("fields", 0)))
            if loose and not ignored:
                listed = ", ".join(f"`{name}`" for name in loose)
                fields_text = f"field {listed}" if len(loose) == 1 else f"fields {listed}"
                self.error(messages.ID_OPTIONAL_FIELDS.format(model=node.name, fields=fields_text), block_id.span)
                return
            block_fields = field_names(block_id.arg("fields", 0))
            if not any(by_name[name].kind == "unsupported" for name in block_fields if name in by_name):
                return
            criteria.append(block_fields)
        if ignored or view:
            return
        criteria += [(field.node.name,) for field in fields if field.unique_attribute is not None]
        criteria += [
            field_names(attribute.arg("fields", 0)) for attribute in node.attributes if attribute.name == "unique"
        ]
        if any(criterion and not not_required(criterion) for criterion in criteria):
            return
        message = messages.NO_UNIQUE_CRITERIA.format(model=node.name)
        if criteria:
            listed = "\n".join("- " + ", ".join(criterion) for criterion in criteria)
            message += messages.NOT_CONSIDERED_CRITERIA.format(criteria=listed)
        self.error(message, node.span, hint=messages.NO_UNIQUE_CRITERIA_HINT)

    def _check_type_name(self, name: str, block: str, span: Span) -> None:
        """A model, view or enum may not take a scalar type's name nor one Prisma Client reserves."""
        if name in SCALAR_TYPES:
            self.error(messages.RESERVED_SCALAR_NAME.format(name=name), span)
        elif name in RESERVED_TYPE_NAMES:
            template = messages.RESERVED_ENUM_NAME if block == "enum" else messages.RESERVED_MODEL_NAME
            hint = messages.RESERVED_NAME_HINT.format(block=block)
            self.error(template.format(name=name, block=block), span, hint=hint)

    def _check_native_type(self, field: ast.Field, attribute: ast.Attribute) -> None:
        native = NATIVE_TYPES.get(attribute.name[3:])
        if native is None:
            self.error(messages.NATIVE_TYPE_UNKNOWN.format(name=attribute.name[3:]), attribute.name_span)
        elif field.type.name not in native.scalars:
            message = messages.NATIVE_TYPE_INCOMPATIBLE.format(
                name=native.name, scalar=field.type.name, expected=" or ".join(native.scalars)
            )
            self.error(message, attribute.name_span)
        elif len(attribute.args) > native.max_args:
            received = len(attribute.args)
            if native.max_args:
                message = messages.NATIVE_TYPE_ARGUMENTS.format(
                    name=native.name, count=native.max_args, received=received
                )
            else:
                message = messages.NATIVE_TYPE_NO_ARGUMENTS.format(name=native.name, received=received)
            self.error(message, attribute.span)
        elif attribute.args:
            message = native_argument_problem(native.name, [argument.value for argument in attribute.args])
            if message is not None:
                self.error(message, attribute.span)

    @staticmethod
    def _relation_attribute(attribute: ast.Attribute | None) -> RelationAttribute:
        if attribute is None:
            return _NO_RELATION
        arguments = first_arguments(attribute.args)
        name = arguments.get("name")
        return RelationAttribute(
            name=string_value(name if name is not None else arguments.get(None)),
            fields=field_names(arguments.get("fields")),
            references=field_names(arguments.get("references")),
            on_delete=_constant(arguments.get("onDelete")),
            on_update=_constant(arguments.get("onUpdate")),
            map=string_value(arguments.get("map")),
            node=attribute,
        )

    def _check_field_references(
        self, model: ResolvedModel, models: dict[str, ResolvedModel], criteria: dict[str, list[frozenset[str]]]
    ) -> None:
        """Fields named in `@@id`, `@@unique`, `@@index` and `@relation(fields:)` must exist on the model; the
        indexes must be ones PostgreSQL's Prisma connector accepts (drift.prisma.index_rules)."""
        fields = model.fields_by_name()
        xml_fields = self.xml_fields
        # The indexes the connector's rules must read. Most need not: a model's BTree `@@index([a, b(sort: Desc)])`
        # has nothing to check unless a field is Xml. Picked here, in the one pass over the keys, because reading a
        # large schema's attribute nodes once more costs several milliseconds.
        indexes: list[ast.Attribute] = []
        every_index = xml_fields or model.is_view
        key_names: list[tuple[str, ast.Attribute, ast.Argument]] | None = None  # `@@id`/`@@unique(name: "x")`
        key_names_seen = self.key_field_names
        for attribute in model.node.attributes:
            kind = attribute.name
            if kind in ("id", "unique", "index"):
                items = field_list(attribute.arg("fields", 0))
                operator_class = False
                keyed: set[str] = set()  # `length` and `sort`, which PostgreSQL's connector may refuse
                # The names of a key of several fields, one of which may be repeated (a list kept, cleared, reused);
                # the relation fields named (an error).
                names = key_names_seen if len(items) > 1 else None
                relation_fields: list[ResolvedField] | None = None
                for item in items:
                    reference = ast.field_reference(item)
                    if reference is None:
                        continue
                    name, key_arguments = reference
                    field = fields.get(name)
                    if field is None:
                        self.error(f'The {attribute.written} refers to an unknown field "{name}".', attribute.span)
                    elif field.kind == "relation":
                        relation_fields = (relation_fields or []) + [field]
                    if names is not None:
                        names.append(name)
                    for argument in key_arguments:
                        argument_name = argument.name
                        if argument_name == "ops":
                            operator_class = True
                        elif argument_name == "length" or argument_name == "sort":
                            keyed.add(argument_name)
                            if argument_name == "sort" and not (isinstance(argument.value, ast.ConstantValue)
                                                                and argument.value.name in ("Asc", "Desc")):
                                self.error(messages.SORT_ORDER, argument.span)
                if relation_fields is not None:
                    self._key_on_relations(model, attribute, relation_fields)
                elif names is not None and (names[0] == names[1] if len(names) == 2 else len(set(names)) != len(names)):
                    repeated = next(name for position, name in enumerate(names) if name in names[:position])
                    self.error(messages.REPEATED_KEY_FIELD.format(model=model.name, field=repeated), attribute.span)
                if names is not None:
                    names.clear()
                if keyed or len(attribute.args) > 1:  # key arguments, or perhaps `clustered:` or `where:`
                    self.diagnostics += key_argument_diagnostics(attribute, keyed)
                    for argument in attribute.args:
                        if argument.name == "name" and kind != "index" and isinstance(argument.value, ast.StringValue):
                            key_names = (key_names or []) + [(argument.value.value, attribute, argument)]
                        elif argument.name == "where" and kind != "id":
                            self.diagnostics += where_diagnostics(model, attribute, argument)
                if kind != "id" and (operator_class or every_index or not items or len(attribute.args) != 1) \
                        and attribute.block:
                    indexes.append(attribute)
        if key_names is not None:
            self._key_names(model, key_names)
        if indexes or xml_fields:
            self.diagnostics.extend(index_diagnostics(model, indexes, xml_fields))
        for field in model.fields:
            relation = field.relation
            if relation is None or relation.node is None:
                continue
            span = relation.node.span
            for name in relation.fields:
                if name not in fields:
                    self.error(f'The relation field "{field.name}" refers to an unknown field "{name}".', span)
            if not field.optional and not field.node.type.list:
                if any(fields[name].optional for name in relation.fields if name in fields):
                    self.error(
                        f"Error validating: The relation field `{field.name}` uses the scalar fields "
                        f"{', '.join(relation.fields)}. At least one of those fields is optional. Hence the relation "
                        "field must be optional as well.",
                        field.node.span,
                    )
            target = models.get(field.node.type.name)
            if target is not None:
                target_fields = target.fields_by_name()
                for name in relation.references:
                    if name not in target_fields:
                        self.error(
                            f'The relation field "{field.name}" references an unknown field "{name}" on the model '
                            f'"{target.name}".',
                            span,
                        )
                for name, reference in zip(relation.fields, relation.references):
                    local, remote = fields.get(name), target_fields.get(reference)
                    if local is not None and remote is not None:
                        local_type, remote_type = local.node.type, remote.node.type
                        if local_type.name != remote_type.name or local_type.unsupported != remote_type.unsupported:
                            self.error(messages.RELATION_TYPE_MISMATCH.format(
                                field=name, model=model.name, reference=reference, target=target.name),
                                field.node.span)
                referenced = frozenset(relation.references)
                if referenced and referenced <= target_fields.keys():
                    known = criteria.get(target.name)
                    if known is None:
                        known = criteria[target.name] = unique_criteria(target)
                    if referenced not in known:
                        self._not_unique(target, relation.references, span)
            if len(relation.fields) != len(relation.references):
                self.error(
                    f'The relation field "{field.name}" lists {len(relation.fields)} fields but '
                    f"{len(relation.references)} references; they must match one to one.",
                    span,
                )
            for action in (relation.on_delete, relation.on_update):
                if action is not None and action not in REFERENTIAL_ACTION_NAMES:
                    self.error(
                        f'Unknown referential action "{action}".',
                        span,
                        hint="Use Cascade, Restrict, NoAction, SetNull or SetDefault.",
                    )

    def _key_on_relations(self, model: ResolvedModel, attribute: ast.Attribute,
                          relation_fields: list[ResolvedField]) -> None:
        """A key or index naming relation fields: Prisma's error, with its hint at the scalar fields they hold."""
        if attribute.name == "id":
            listed = ", ".join(f"`{field.name}`" for field in relation_fields)
            listed = ("field " if len(relation_fields) == 1 else "fields ") + listed
            self.error(messages.ID_ON_RELATIONS.format(model=model.name, fields=listed), attribute.span)
            return
        message = messages.INDEX_ON_RELATION.format(
            model=model.name, definition="index" if attribute.name == "index" else "unique index",
            fields=", ".join(field.name for field in relation_fields),
        )
        held = [name for field in relation_fields if field.relation is not None for name in field.relation.fields]
        if held:
            message += messages.INDEX_ON_RELATION_HINT.format(attribute=attribute.written, fields=", ".join(held))
        self.error(message, attribute.span)

    def _key_names(self, model: ResolvedModel, key_names: list[tuple[str, ast.Attribute, ast.Argument]]) -> None:
        """The `name:` of an `@@id` or `@@unique` (Prisma Client's name for it) is unique on the model, and not a
        field's name."""
        written = [name for name, _, _ in key_names]
        for name, attribute, argument in key_names:
            if written.count(name) > 1:
                self.error(messages.KEY_NAME_REPEATED.format(attribute=attribute.written, name=name), argument.span)
        fields = model.fields_by_name()
        for name, attribute, _ in key_names:
            if name in fields:
                self.error(messages.KEY_NAME_IS_FIELD.format(model=model.name, name=name, attribute=attribute.written),
                           model.node.span)

    def _not_unique(self, target: ResolvedModel, references: tuple[str, ...], span: Span) -> None:
        if len(references) == 1:
            advice = f"an `@unique` attribute to the field `{references[0]}` in the model"
        else:
            advice = f"an `@@unique([{', '.join(references)}])` attribute to the model"
        self.error(
            'Error parsing attribute "@relation": The argument `references` must refer to a unique criterion in the '
            f"related model. Consider adding {advice} `{target.name}`.",
            span,
        )

    def _pair_relations(self, models: dict[str, ResolvedModel]) -> list[Relation]:
        groups: dict[tuple[frozenset[str], str | None], list[tuple[ResolvedModel, ResolvedField]]] = defaultdict(list)
        for model in models.values():
            model_name = model.node.name
            for field in model.fields:
                if field.kind == "relation":
                    relation = field.relation
                    key = (frozenset((model_name, field.node.type.name)), relation.name if relation else None)
                    groups[key].append((model, field))
        relations = []
        for (pair, name), members in groups.items():
            if len(pair) == 1 and name is None and len(members) > 1:
                # Both fields of a self relation are in one model: Prisma wants the relation named, even when
                # there is only one.
                (model, first), (_, second) = members[:2]
                self.error(
                    f'Error validating model "{model.name}": Ambiguous self relation detected. The fields '
                    f"`{first.name}` and `{second.name}` in model `{model.name}` both refer to `{model.name}`. If they "
                    "are part of the same relation add the same relation name for them with `@relation(<name>)`.",
                    first.node.span,
                )
                continue
            if len(members) == 1:
                model, field = members[0]
                self.error(
                    f'The relation field "{field.name}" on model "{model.name}" is missing an opposite relation '
                    f'field on the model "{field.type_name}".',
                    field.node.span,
                    hint="Add the back relation field, or run `prisma format`.",
                )
                continue
            if len(members) > 2:
                for model, field in members[2:]:
                    self.error(
                        f'Ambiguous relation on "{model.name}.{field.name}": give the relations distinct names '
                        f"with @relation(\"name\").",
                        field.node.span,
                    )
                members = members[:2]
            relations.append(self._relation(name, members))
        return relations

    def _relation(self, name: str | None, members) -> Relation:
        (model_1, field_1), (model_2, field_2) = members
        side_1, side_2 = RelationSide(model_1.name, field_1.name), RelationSide(model_2.name, field_2.name)
        # Prisma's generated relation name orders the model names: `PostToTag` whichever side declares it.
        relation_name = name or "To".join(sorted((model_1.name, model_2.name)))
        if field_1.is_list and field_2.is_list:
            for model, field, other in ((model_1, field_1, model_2), (model_2, field_2, model_1)):
                if not any(candidate.id_attribute is not None for candidate in other.fields):
                    self.error(messages.MANY_TO_MANY_WITHOUT_ID.format(field=field.name, model=model.name,
                                                                       target=other.name), field.node.span)
            first, second = sorted([(model_1.name, field_1.name), (model_2.name, field_2.name)])
            return Relation(
                name=relation_name,
                kind="many_to_many",
                forward=None,
                back=None,
                side_a=RelationSide(*first),
                side_b=RelationSide(*second),
            )
        if field_1.relation is not None and field_1.relation.fields:
            forward, back, back_field = side_1, side_2, field_2
        elif field_2.relation is not None and field_2.relation.fields:
            forward, back, back_field = side_2, side_1, field_1
        else:
            self.error(
                f'The relation "{relation_name}" between "{model_1.name}" and "{model_2.name}" needs '
                "`fields` and `references` on one side.",
                field_1.node.span,
            )
            return Relation(name=relation_name, kind="one_to_one", forward=None, back=None)
        kind: RelationKind = "one_to_many" if back_field.is_list else "one_to_one"
        if kind == "one_to_one":
            model, field = (model_1, field_1) if forward is side_1 else (model_2, field_2)
            if not model.foreign:  # a sharded lowering's other half checks its own models
                self._check_one_to_one_fields(model, field)
        return Relation(name=relation_name, kind=kind, forward=forward, back=back)

    def _check_one_to_one_fields(self, model: ResolvedModel, field: ResolvedField) -> None:
        """The fields of a one-to-one relation's defining side must be unique: the one field `@id` or `@unique`, or
        an `@@id` or `@@unique` of exactly those fields in that order (Prisma refuses `@@unique([b, a])` for
        `fields: [a, b]`)."""
        names = tuple(field.relation.fields)
        if not names:
            return
        if len(names) == 1:
            own = model.fields_by_name().get(names[0])
            if own is None or own.id_attribute is not None or own.unique_attribute is not None:
                return  # an unknown field is reported where it is named
        for attribute in model.node.attributes:
            if attribute.block and attribute.name in ("id", "unique"):
                if field_names(attribute.arg("fields", 0)) == names:
                    return
        if len(names) == 1:
            remedy = f"an `@unique` attribute to the field `{names[0]}`"
        else:
            remedy = f"an `@@unique([{', '.join(names)}])` attribute to the model"
        self.error(messages.ONE_TO_ONE_NOT_UNIQUE.format(remedy=remedy), field.relation.node.span)


def resolve_schema(schema: ast.Schema, url_schema: str | None = None) -> ResolvedSchema:
    """`url_schema`: the `?schema=` of the URL the database is read through (Prisma puts every model without
    @@schema there when the datasource lists no `schemas`); else the datasource's literal URL's, else public."""
    return _Resolver(schema, url_schema).run()
