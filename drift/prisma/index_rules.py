"""The index definitions Prisma's PostgreSQL connector rejects: operator classes, index types and the fields they index.

Prisma checks every field of an `@@index` and `@@unique` against the index type (`type:`, BTree by default) and the
field's operator class (`ops:`): a named class belongs to some index types and indexes some native types; a field
without `@db.*` may use a class only if the class is the default one of the field's scalar type (`Int4BloomOps` for
an `Int`, which is `integer`). Without a class, the index type needs a default operator class for the field. A
`raw("...")` class is never checked. The rules are the tables below; `index_diagnostics` applies them to a model.
Every message is Prisma's (drift.prisma.messages); each rule is checked against Prisma's validator in
tests/prisma/test_index_rules.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from drift.diagnostics import Diagnostic
from drift.prisma import ast, messages
from drift.prisma.attribute_rules import attribute_error, expected_function, expected_string, schema_error
from drift.prisma.native_types import BRIN_OPERATOR_FAMILIES, INDEX_METHODS

if TYPE_CHECKING:
    from drift.prisma.resolve import ResolvedField, ResolvedModel

INDEX_TYPES = tuple(INDEX_METHODS)  # BTree, Hash, Gist, Gin, SpGist, Brin: the names `type:` accepts
DEFAULT_INDEX_TYPE = "BTree"


class OperatorClassRule(NamedTuple):
    """Where a named operator class may be used."""

    index_types: frozenset[str]
    # The `@db.*` types (by attribute name: `@db.VarChar(10)` is "VarChar") of the fields it indexes.
    native_types: frozenset[str] = frozenset()
    # The scalar type a field without `@db.*` must have: the class is that type's default column type's. None: such a
    # field is refused, the class needs a native type.
    scalar_type: str | None = None
    # ArrayOps: any list field, with or without a native type, and nothing else.
    list_only: bool = False


class DefaultClassRule(NamedTuple):
    """The fields an index type can index without `ops:` (it has a default operator class for them)."""

    native_types: frozenset[str]
    scalar_types: frozenset[str]  # of fields without `@db.*`
    any_list: bool = False  # Gin: any list field, whatever its type


# BRIN operator class family (drift.prisma.native_types.BRIN_OPERATOR_FAMILIES) -> the native types it indexes and
# the scalar type whose default column type it indexes (None: only fields with one of those native types).
BRIN_FAMILY_TYPES: dict[str, tuple[frozenset[str], str | None]] = {
    "Bit": (frozenset({"Bit"}), None),
    "VarBit": (frozenset({"VarBit"}), None),
    "Bpchar": (frozenset({"Char"}), None),
    "Bytea": (frozenset({"ByteA"}), "Bytes"),
    "Date": (frozenset({"Date"}), None),
    "Float4": (frozenset({"Real"}), None),
    "Float8": (frozenset({"DoublePrecision"}), "Float"),
    "Inet": (frozenset({"Inet"}), None),
    "Int2": (frozenset({"SmallInt"}), None),
    "Int4": (frozenset({"Integer"}), "Int"),
    "Int8": (frozenset({"BigInt"}), "BigInt"),
    "Numeric": (frozenset({"Decimal"}), "Decimal"),
    "Oid": (frozenset({"Oid"}), None),
    "Text": (frozenset({"Text", "VarChar"}), "String"),
    "Timestamp": (frozenset({"Timestamp"}), "DateTime"),
    "TimestampTz": (frozenset({"Timestamptz"}), None),
    "Time": (frozenset({"Time"}), None),
    "TimeTz": (frozenset({"Timetz"}), None),
    "Uuid": (frozenset({"Uuid"}), None),
}

_BRIN = frozenset({"Brin"})
_JSONB = OperatorClassRule(frozenset({"Gin"}), frozenset({"JsonB"}), "Json")

# Every operator class `ops:` may name (the same names as drift.prisma.native_types.OPERATOR_CLASSES).
OPERATOR_CLASS_RULES: dict[str, OperatorClassRule] = {
    "InetOps": OperatorClassRule(frozenset({"Gist", "SpGist"}), frozenset({"Inet"})),
    "JsonbOps": _JSONB,
    "JsonbPathOps": _JSONB,
    "ArrayOps": OperatorClassRule(frozenset({"Gin"}), list_only=True),
    "TextOps": OperatorClassRule(frozenset({"SpGist"}), frozenset({"Text", "VarChar", "Char"}), "String"),
    **{
        f"{family}{kind}Ops": OperatorClassRule(_BRIN, *BRIN_FAMILY_TYPES[family])
        for family, kinds in BRIN_OPERATOR_FAMILIES.items()
        for kind in kinds
    },
}

# Index type -> what it indexes without `ops:`. BTree and Hash index every field (and no named operator class is
# theirs), so they are not here: an index of theirs has nothing to check but its operator classes.
DEFAULT_CLASS_RULES: dict[str, DefaultClassRule] = {
    # GiST's `inet_ops` is not inet's default class (PostgreSQL's is none): an Inet field names it.
    "Gist": DefaultClassRule(frozenset(), frozenset({"String"})),
    "SpGist": DefaultClassRule(frozenset({"Inet", "Text", "VarChar", "Char"}), frozenset({"String"})),
    "Gin": DefaultClassRule(frozenset({"JsonB"}), frozenset({"Json"}), any_list=True),
    # BRIN has a default class for every type one of its families indexes.
    "Brin": DefaultClassRule(
        frozenset().union(*(natives for natives, _ in BRIN_FAMILY_TYPES.values())),
        frozenset(scalar for _, scalar in BRIN_FAMILY_TYPES.values() if scalar is not None),
    ),
}


class Problem(NamedTuple):
    detail: str  # what follows `Error parsing attribute "@@index": `
    hint: str | None = None


def operator_class_problem(index_type: str, operator_class: str | None, field: str, native_type: str | None,
                           scalar_type: str | None, is_list: bool) -> Problem | None:
    """What Prisma says against one field of an index, None when it accepts it. `operator_class` is a known name
    (OPERATOR_CLASS_RULES) or None; `scalar_type` is the field's Prisma type, None for an `Unsupported(...)` field,
    which every index type indexes without a class."""
    if operator_class is not None:
        rule = OPERATOR_CLASS_RULES[operator_class]
        if index_type not in rule.index_types:
            return Problem(
                messages.OPERATOR_CLASS_INDEX_TYPE.format(operator_class=operator_class, index_type=index_type),
                messages.OPERATOR_CLASS_INDEX_TYPE_HINT.format(operator_class=operator_class,
                                                               index_types=_or(rule.index_types)),
            )
        if rule.list_only:
            return None if is_list else Problem(
                messages.OPERATOR_CLASS_NEEDS_LIST.format(operator_class=operator_class, field=field))
        if native_type is not None:
            if native_type in rule.native_types:
                return None
            return Problem(messages.OPERATOR_CLASS_NATIVE_TYPE.format(
                operator_class=operator_class, native_type=native_type, field=field))
        if rule.scalar_type is None:
            return Problem(messages.OPERATOR_CLASS_NEEDS_NATIVE_TYPE.format(operator_class=operator_class, field=field))
        if scalar_type != rule.scalar_type:
            return Problem(messages.OPERATOR_CLASS_SCALAR_TYPE.format(
                operator_class=operator_class, field=field, scalar_type=rule.scalar_type))
        return None
    defaults = DEFAULT_CLASS_RULES.get(index_type)
    if defaults is None or (is_list and defaults.any_list):
        return None
    if native_type is not None:
        if native_type in defaults.native_types:
            return None
        return Problem(messages.NO_DEFAULT_OPERATOR_CLASS.format(index_type=index_type, native_type=native_type),
                       messages.NO_DEFAULT_OPERATOR_CLASS_HINT)
    if scalar_type is None or scalar_type in defaults.scalar_types:
        return None
    return Problem(messages.INDEX_TYPE_FIELD_TYPE.format(index_type=index_type, field=field))


def index_diagnostics(model: ResolvedModel, indexes: Iterable[ast.Attribute], xml_fields: bool) -> list[Diagnostic]:
    """Prisma's errors against the model's `indexes` (its `@@index` and `@@unique` attributes, or those of them that
    name an operator class, have other arguments than the fields, or no field; all of a view's) and, for Xml, its
    `@unique` fields. Unknown fields are the caller's to report. `xml_fields`: whether the schema has a `@db.Xml`
    field; when it has none, `indexes` may leave out the rest of a model's, which cannot be wrong."""
    if model.is_view:
        # Prisma checks no rule on a view's indexes: a view has none (its `@unique`s and `@@unique`s only tell the
        # client which fields identify a row).
        return [schema_error(messages.VIEW_INDEX, attribute.span) for attribute in indexes if attribute.name == "index"]
    found: list[Diagnostic] = []
    if xml_fields:
        for field in model.fields:
            native = field.native_attribute
            if field.unique_attribute is not None and native is not None and native.name == "db.Xml":
                found.append(schema_error(messages.XML_UNIQUE, field.node.span))
    uniques: list[Diagnostic] = []  # after the indexes' diagnostics, as Prisma orders them
    fields = model.fields_by_name()
    for attribute in indexes:
        diagnostics = uniques if attribute.name == "unique" else found
        diagnostics.extend(_attribute_diagnostics(attribute, fields, xml_fields))
    return found + uniques if uniques else found


def _attribute_diagnostics(attribute: ast.Attribute, fields: dict[str, ResolvedField],
                           xml_fields: bool) -> Iterable[Diagnostic]:
    unique = attribute.name == "unique"
    index_type = DEFAULT_INDEX_TYPE
    for argument in attribute.args:
        if argument.name != "type":
            continue
        if unique:
            yield schema_error(messages.NO_SUCH_ARGUMENT, argument.span, messages.UNIQUE_INDEX_TYPE_HINT)
        elif isinstance(argument.value, ast.ConstantValue):
            if argument.value.name not in INDEX_METHODS:
                yield schema_error(messages.UNKNOWN_INDEX_TYPE.format(name=argument.value.name), argument.value.span,
                             messages.UNKNOWN_INDEX_TYPE_HINT.format(index_types=_or(INDEX_TYPES)))
                return  # the fields cannot be checked against an unknown index type
            index_type = argument.value.name
        elif isinstance(argument.value, ast.StringValue):
            yield schema_error(messages.INDEX_TYPE_NOT_CONSTANT.format(raw=argument.value.raw), argument.value.span)
            return
        break
    value = attribute.arg("fields", 0)
    if value is None:
        return
    items = _key_items(value)
    keys: list[tuple[ResolvedField, ast.Value | None]] = []  # each known scalar field, with its `ops:` value
    for item in items:
        reference = ast.field_reference(item)
        if reference is None:
            continue
        field = fields.get(reference[0])
        if field is not None and field.kind in ("scalar", "enum", "unsupported"):
            keys.append((field, _named(reference[1], "ops")))
    if xml_fields:
        for field, _ in keys:
            native = field.native_attribute
            if native is not None and native.name == "db.Xml":
                yield schema_error(messages.XML_UNIQUE if unique else messages.XML_INDEX, field.node.span)
                break  # one per index, as Prisma
    for field, ops in keys:
        if ops is None:
            operator_class = None
        elif isinstance(ops, ast.FunctionCall) and ops.name == "raw":
            continue  # never checked
        elif not isinstance(ops, ast.ConstantValue):
            yield schema_error(messages.NOT_AN_OPERATOR_CLASS, ops.span)
            continue
        elif ops.name not in OPERATOR_CLASS_RULES:
            yield schema_error(messages.UNKNOWN_OPERATOR_CLASS.format(name=ops.name), ops.span,
                         messages.UNKNOWN_OPERATOR_CLASS_HINT)
            continue
        else:
            operator_class = ops.name
        problem = _field_problem(index_type, operator_class, field)
        if problem is not None:
            yield attribute_error(attribute, *problem)
    if unique and any(ops is not None for _, ops in keys):
        yield attribute_error(attribute, messages.OPERATOR_CLASS_OUTSIDE_INDEX)
    if index_type == "SpGist" and len(items) != 1:
        yield attribute_error(attribute, messages.SPGIST_ONE_COLUMN)
    if not items:
        yield attribute_error(attribute, messages.EMPTY_INDEX)


def _field_problem(index_type: str, operator_class: str | None, field: ResolvedField) -> Problem | None:
    native = field.native_attribute
    return operator_class_problem(
        index_type,
        operator_class,
        field.name,
        native.name[3:] if native is not None else None,
        None if field.kind == "unsupported" else field.type_name,
        field.is_list,
    )


def _key_items(value: ast.Value) -> list[ast.Value]:
    """The keys of an index's field list; one field may go without brackets (as drift.prisma.resolve.field_list)."""
    if isinstance(value, ast.ArrayValue):
        return value.items
    if isinstance(value, (ast.ConstantValue, ast.FunctionCall)):
        return [value]
    return []


def _named(args: list[ast.Argument], name: str) -> ast.Value | None:
    for argument in args:
        if argument.name == name:
            return argument.value
    return None


def _or(names: Iterable[str]) -> str:
    ordered = [name for name in INDEX_TYPES if name in set(names)]
    return ordered[0] if len(ordered) == 1 else f"{', '.join(ordered[:-1])} or {ordered[-1]}"



# The scalar types a `where: { field: value }` value may compare with, by the value's kind (an enum field takes a
# string; null goes with any field).
_WHERE_TYPES = {
    "string": frozenset({"String", "DateTime"}),
    "number": frozenset({"Int", "BigInt", "Float", "Decimal"}),
    "boolean": frozenset({"Boolean"}),
}
_WHERE_VALUE_NAMES = {"string": "a String", "number": "a Number", "boolean": "Boolean"}


def where_diagnostics(model: ResolvedModel, attribute: ast.Attribute, argument: ast.Argument) -> list[Diagnostic]:
    """Prisma's errors against a partial index's `where:` (of `@@index`, `@@unique` or `@unique`): a value other
    than `raw("...")` or an object Prisma reads. Without the `partialIndexes` preview feature Prisma refuses any
    `where:`; drift takes a valid one all the same, because `prisma db pull` writes them without it (the corpus's
    db-pull.prisma files): the condition is then the database's, not drift (see drift.prisma.ExpectedSchema)."""
    value = argument.value
    # Prisma names a block attribute with one `@` in these messages ("@index", "@unique").
    written = "@" + attribute.name
    if isinstance(value, ast.FunctionCall) and value.name == "raw":
        text = value.arg(None, 0)
        if isinstance(text, ast.StringValue) and len(value.args) == 1:
            return []
        found = [expected_string(text)] if text is not None and not isinstance(text, ast.StringValue) else []
        return found + [_where_error(attribute, written, messages.WHERE_RAW_STRING)]
    if isinstance(value, ast.ObjectValue):
        detail = _where_object_problem(model, value)
        return [] if detail is None else [_where_error(attribute, written, detail)]
    found = [] if isinstance(value, ast.FunctionCall) else [expected_function(value)]
    return found + [_where_error(attribute, written, messages.WHERE_NOT_RAW_OR_OBJECT)]


def _where_error(attribute: ast.Attribute, written: str, detail: str) -> Diagnostic:
    return schema_error(messages.INVALID_INDEX_ATTRIBUTE.format(attribute=written, detail=detail), attribute.span)


def _where_object_problem(model: ResolvedModel, value: ast.ObjectValue) -> str | None:
    if not value.entries:
        return messages.WHERE_EMPTY_OBJECT
    fields = model.fields_by_name()
    for entry in value.entries:
        key = entry.name or ""
        field = fields.get(key)
        if field is None:
            return messages.WHERE_UNKNOWN_FIELD.format(field=key, model=model.name)
        if field.kind == "relation":
            return messages.WHERE_RELATION_FIELD.format(field=key)
        if field.kind == "unsupported":
            return messages.WHERE_UNSUPPORTED_FIELD.format(field=key)
        condition = entry.value
        if isinstance(condition, ast.ObjectValue):
            if len(condition.entries) != 1:
                return messages.WHERE_NESTED_ONE_KEY
            inner = condition.entries[0]
            if inner.name != "not":
                return messages.WHERE_NESTED_KEY.format(key=inner.name)
            condition = inner.value
        if isinstance(condition, ast.StringValue):
            value_kind = "string"
        elif isinstance(condition, ast.NumberValue):
            value_kind = "number"
        elif isinstance(condition, ast.ConstantValue):
            if condition.name == "null":
                continue
            if condition.name not in ("true", "false"):
                return messages.WHERE_INVALID_CONSTANT.format(value=condition.name)
            value_kind = "boolean"
        else:
            return messages.WHERE_INVALID_VALUE
        if field.kind == "enum":
            if value_kind != "string":
                return messages.WHERE_ENUM_TYPE.format(field=key)
        elif field.kind == "scalar" and field.type_name not in _WHERE_TYPES[value_kind]:
            return messages.WHERE_TYPE_MISMATCH.format(field=key, type=field.type_name,
                                                       value=_WHERE_VALUE_NAMES[value_kind])
    return None
