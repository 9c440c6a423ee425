"""The attributes and arguments Prisma knows, and what its PostgreSQL connector refuses among them.

A misspelt attribute (`@defualt(now())`, `@@indx([a])`) or argument (`@@index([a], nmae: "x")`) is an error to
Prisma; read as nothing, it would turn into drift that is not there. The rules are tables: which attributes exist
where, the argument each takes without a name, the names it takes. Every message is Prisma's (drift.prisma.messages),
each case checked with its validator in tests/prisma/test_attribute_rules.py. `@db.*` attributes are checked with
the native types (resolve), an index's operator classes and types in drift.prisma.index_rules.
"""

from __future__ import annotations

from typing import NamedTuple

from drift.diagnostics import Diagnostic, Span
from drift.prisma import ast, messages
from drift.prisma.printer import render_value


class AttributeRule(NamedTuple):
    # The name of the argument the attribute takes without a name (`@map("x")` is `@map(name: "x")`), or None.
    positional: str | None
    named: frozenset[str] = frozenset()


_NONE = AttributeRule(None)
_NAME = AttributeRule("name")
_MAP = AttributeRule("map")  # `@@schema("x")` is `@@schema(map: "x")`
# The attributes whose argument without a name is required: given only named arguments, Prisma says it is missing
# (`@relation(fields: [...], references: [...])` has its name optional).
REQUIRED_ARGUMENT = frozenset({"default", "map", "schema", "id", "unique", "index"})

# Where an attribute is written -> attribute name (without `@`/`@@`) -> its arguments. `length`, `sort` (on a
# primary key) and `clustered` are Prisma's, refused by its PostgreSQL connector (KEY_ARGUMENT_PROBLEMS).
ATTRIBUTES: dict[str, dict[str, AttributeRule]] = {
    "field": {
        "id": AttributeRule(None, frozenset({"map", "length", "sort", "clustered"})),
        "unique": AttributeRule(None, frozenset({"map", "length", "sort", "clustered", "where"})),
        "default": AttributeRule("value", frozenset({"map"})),
        "map": _NAME,
        "relation": AttributeRule("name", frozenset({"fields", "references", "onDelete", "onUpdate", "map"})),
        "updatedAt": _NONE,
        "ignore": _NONE,
    },
    "block": {
        "id": AttributeRule("fields", frozenset({"name", "map", "clustered"})),
        # `type:` on a unique index is drift.prisma.index_rules's error (with a hint), not reported twice.
        "unique": AttributeRule("fields", frozenset({"name", "map", "clustered", "where", "type"})),
        "index": AttributeRule("fields", frozenset({"name", "map", "type", "clustered", "where"})),
        "map": _NAME,
        "schema": _MAP,
        "ignore": _NONE,
    },
    "enum_value": {"map": _NAME},
    "enum_block": {"map": _NAME, "schema": _MAP},
}

# Attributes Prisma knows but not for PostgreSQL: their own message (after `Error parsing attribute "@...": `).
UNSUPPORTED_ATTRIBUTES: dict[tuple[str, str], tuple[str, ...]] = {
    ("field", "shardKey"): (messages.SHARD_KEY_PREVIEW, messages.SHARD_KEY_PROVIDER),
    ("block", "shardKey"): (messages.SHARD_KEY_PREVIEW, messages.SHARD_KEY_PROVIDER),
    ("block", "fulltext"): (messages.FULLTEXT_INDEX,),
}


_NO_PROBLEMS: list[Diagnostic] = []  # returned, never changed


def attribute_diagnostics(attribute: ast.Attribute, place: str) -> list[Diagnostic]:
    """Prisma's errors against one attribute written at `place` (a key of ATTRIBUTES); `@db.*` is not checked here,
    nor the arguments of an `@@id`, `@@unique` or `@@index`'s fields (`key_argument_diagnostics`)."""
    rule = ATTRIBUTES[place].get(attribute.name)
    if rule is None:
        unsupported = UNSUPPORTED_ATTRIBUTES.get((place, attribute.name))
        if unsupported is not None:
            return [attribute_error(attribute, detail) for detail in unsupported]
        return [schema_error(messages.UNKNOWN_ATTRIBUTE.format(name=attribute.name), attribute.name_span)]
    args = attribute.args
    # Most attributes with arguments have just the one they take without a name: `@default(now())`, `@map("x")`,
    # `@@index([a, b])`. A large schema has tens of thousands of them.
    if not args or (len(args) == 1 and args[0].name is None and rule.positional is not None):
        return _NO_PROBLEMS
    found: list[Diagnostic] = []
    unnamed = [argument for argument in args if argument.name is None]
    if unnamed and rule.positional is None:
        found.append(schema_error(messages.NO_SUCH_ARGUMENT, unnamed[0].span))
    elif len(unnamed) > 1:
        items = ", ".join(render_value(argument.value) for argument in unnamed)
        found.append(attribute_error(attribute, messages.MULTIPLE_UNNAMED_ARGUMENTS.format(items=items)))
    positional = rule.positional
    missing = (not unnamed and positional is not None and attribute.name in REQUIRED_ARGUMENT
               and all(argument.name != positional for argument in args))
    if missing:
        found.append(schema_error(messages.MISSING_ARGUMENT.format(name=positional), attribute.span))
    seen: set[str] = set()
    for argument in args:
        name = argument.name
        if name is None:
            continue
        if missing and place == "field" and attribute.name == "default":
            found.append(schema_error(messages.NO_SUCH_ARGUMENT, argument.span))  # `@default(map: "x")`, Prisma's
            continue
        if name != rule.positional and name not in rule.named:
            found.append(schema_error(messages.NO_SUCH_ARGUMENT, argument.span))
        elif name in seen:
            found.append(schema_error(messages.ARGUMENT_REPEATED.format(name=name), argument.span))
        elif name == rule.positional and unnamed:
            found.append(schema_error(messages.ARGUMENT_REPEATED_UNNAMED.format(name=name), argument.span))
        seen.add(name)
    if place == "field" and attribute.name in ("id", "unique"):
        found += key_argument_diagnostics(attribute, seen)
    if place == "field" and attribute.name == "default" and "map" in seen:
        # PostgreSQL has no named defaults (Prisma's `map:` on @default is for SQL Server's default constraints).
        value = attribute.arg("value", 0)
        autoincrement = isinstance(value, ast.FunctionCall) and value.name == "autoincrement"
        found.append(
            attribute_error(attribute, messages.NAMED_AUTOINCREMENT if autoincrement else messages.NAMED_DEFAULT)
        )
    return found


def not_a_relation(attribute: ast.Attribute) -> list[Diagnostic]:
    """`@relation` on a field that is not a relation field: Prisma's error, then each argument as one it does not
    know (it reads the attribute as one that takes none)."""
    return [schema_error(messages.NOT_A_RELATION, attribute.span)] + [
        schema_error(messages.NO_SUCH_ARGUMENT, argument.span) for argument in attribute.args
    ]


def key_argument_diagnostics(attribute: ast.Attribute, names: set[str]) -> list[Diagnostic]:
    """What PostgreSQL's connector refuses in a key or index (`@id`, `@unique`, `@@id`, `@@unique`, `@@index`), in
    Prisma's order: `length` and `sort` among `names`, the arguments of its keys, on a primary key, `length` on an
    index (`sort` is fine there); `clustered`, whatever its value. For `@id`/`@unique` `names` are the attribute's own
    arguments, for `@@id([a(sort: Desc)])` its fields'."""
    primary_key = attribute.name == "id"
    found = []
    if "length" in names:
        length = messages.LENGTH_ON_PRIMARY_KEY if primary_key else messages.LENGTH_ON_INDEX
        found.append(attribute_error(attribute, length))
    if "sort" in names and primary_key:
        found.append(attribute_error(attribute, messages.SORT_ON_PRIMARY_KEY))
    if any(argument.name == "clustered" for argument in attribute.args):
        found.append(attribute_error(attribute, messages.CLUSTERING))
    return found


_VALUE_KINDS = {"string": "string", "number": "numeric", "constant": "literal", "array": "array", "function": "functional",
                "object": "object"}


def expected_string(value: ast.Value) -> Diagnostic:
    """Prisma's error against a value that should be a string (`@map(5)`, `@@schema(true)`), on the value."""
    found = _VALUE_KINDS.get(value.kind, value.kind)
    return schema_error(messages.EXPECTED_STRING.format(kind=found, value=render_value(value)), value.span)


def expected_function(value: ast.Value) -> Diagnostic:
    """Prisma's error against a value that should be a function call (a partial index's `where: "x"`)."""
    found = _VALUE_KINDS.get(value.kind, value.kind)
    return schema_error(messages.EXPECTED_FUNCTION.format(kind=found, value=render_value(value)), value.span)


def attribute_error(attribute: ast.Attribute, detail: str, hint: str | None = None) -> Diagnostic:
    """Prisma's `Error parsing attribute "@@index": {detail}`, on the whole attribute."""
    return schema_error(messages.INVALID_INDEX_ATTRIBUTE.format(attribute=attribute.written, detail=detail),
                        attribute.span, hint)


def schema_error(message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(severity="error", message=message, span=span, hint=hint)
