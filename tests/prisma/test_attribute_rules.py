"""Attributes and arguments Prisma does not know, or that its PostgreSQL connector refuses: drift reports each with
Prisma's message on Prisma's line. Every row was checked with Prisma's validator (the oracle's `validate`,
2026-12-03); the accepted rows too."""

from __future__ import annotations

import pytest

from drift.prisma.ast import Schema
from drift.prisma.parse import parse_source
from drift.prisma.resolve import resolve_schema
from tests.prisma.rule_cases import resolved_errors

HEAD = """generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views", "partialIndexes"]
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model N {
  id Int @id
  m  M[]
}

"""
# The model under test starts on line 16; its field line is 20, its block attribute line 23.
MODEL = """model M {
  id Int
  a  String
  k  Int    @unique
  {field}
  n  N      @relation(fields: [id], references: [id]{relation})

  {block}
}
"""
FIELD_LINE, BLOCK_LINE = 20, 23
UNNAMED = "You provided multiple unnamed arguments. This is not possible. Did you forget the brackets? Did you mean "
LENGTH_PK = "The length argument is not supported in the primary key with the current connector"
SORT_PK = "The sort argument is not supported in the primary key with the current connector"
LENGTH_INDEX = "The length argument is not supported in an index definition with the current connector"
CLUSTERING = "Defining clustering is not supported in the current connector."


def parsing(attribute: str, detail: str) -> str:
    return f'Error parsing attribute "{attribute}": {detail}'


# (field line, relation arguments, block attribute line, expected [(line, message)])
CASES = {
    "unknown field attribute": ("b Int @foo", "", "@@id([id])", [(FIELD_LINE, 'Attribute not known: "@foo".')]),
    "unknown block attribute": ("b Int", "", "@@bar", [(BLOCK_LINE, 'Attribute not known: "@bar".')]),
    "unknown argument of @unique": ('b Int @unique(name: "x")', "", "@@id([id])", [(FIELD_LINE, "No such argument.")]),
    "unknown argument of @default": ("b Int @default(1, bar: 2)", "", "@@id([id])", [(FIELD_LINE, "No such argument.")]),
    "unknown argument of @map": ('b Int @map("x", nme: "y")', "", "@@id([id])", [(FIELD_LINE, "No such argument.")]),
    "unknown argument of @updatedAt": ("b DateTime @updatedAt(x: 1)", "", "@@id([id])",
                                       [(FIELD_LINE, "No such argument.")]),
    "unknown argument of @relation": ("b Int", ", foo: 1", "@@id([id])", [(21, "No such argument.")]),
    "unnamed argument of @unique": ("b Int @unique(1)", "", "@@id([id])", [(FIELD_LINE, "No such argument.")]),
    "unknown argument of @@id": ("b Int", "", "@@id([id, a], foo: 1)", [(BLOCK_LINE, "No such argument.")]),
    "unknown argument of @@index": ("b Int", "", "@@index([a], foo: 1)", [(BLOCK_LINE, "No such argument.")]),
    "unknown argument of @@map": ("b Int", "", '@@map("x", foo: 1)', [(BLOCK_LINE, "No such argument.")]),
    "unknown argument of @@ignore": ("b Int", "", "@@ignore(x: 1)", [(BLOCK_LINE, "No such argument.")]),
    "two unnamed arguments of @map": ('b Int @map("x", "y")', "", "@@id([id])",
                                      [(FIELD_LINE, parsing("@map", UNNAMED + '`["x", "y"]`?'))]),
    "two unnamed arguments of @default": ("b Int @default(1, 2)", "", "@@id([id])",
                                          [(FIELD_LINE, parsing("@default", UNNAMED + "`[1, 2]`?"))]),
    "repeated argument": ("b Int", "", '@@index([a], map: "x", map: "y")',
                          [(BLOCK_LINE, 'Argument "map" is already specified.')]),
    "argument also given unnamed": ("b Int", "", '@@map("m", name: "x")',
                                    [(BLOCK_LINE, 'Argument "name" is already specified as unnamed argument.')]),
    "@id with length, sort and clustered": (
        'b Int @unique(sort: Desc)\n  c Int', "", "@@id([id(length: 3, sort: Desc), a], clustered: false)",
        [(24, parsing("@@id", LENGTH_PK)), (24, parsing("@@id", SORT_PK)), (24, parsing("@@id", CLUSTERING))],
    ),
    "@unique with length": ("b String @unique(length: 3, sort: Desc)", "", "@@id([id])",
                            [(FIELD_LINE, parsing("@unique", LENGTH_INDEX))]),
    "@@index with length": ("b Int", "", "@@index([a(length: 3, sort: Desc)])",
                            [(BLOCK_LINE, parsing("@@index", LENGTH_INDEX))]),
    "@@unique with length": ("b Int", "", "@@unique([a(length: 3)])", [(BLOCK_LINE, parsing("@@unique", LENGTH_INDEX))]),
    "@@index clustered": ("b Int", "", "@@index([a], clustered: true)", [(BLOCK_LINE, parsing("@@index", CLUSTERING))]),
    "@@unique clustered": ("b Int", "", "@@unique([a], clustered: true)",
                           [(BLOCK_LINE, parsing("@@unique", CLUSTERING))]),
    "@shardKey": ("b Int @shardKey", "", "@@id([id])", [
        (FIELD_LINE, parsing("@shardKey", "Defining shard keys requires enabling the `shardKeys` preview feature")),
        (FIELD_LINE, parsing("@shardKey", "Shard keys are not currently supported for provider postgresql")),
    ]),
    "@@fulltext": ("b Int", "", "@@fulltext([a])", [
        (BLOCK_LINE, parsing("@@fulltext", "Defining fulltext indexes is not supported with the current connector.")),
    ]),
    "@default named": ('b Int @default(0, map: "d")', "", "@@id([id])", [(FIELD_LINE, parsing(
        "@default", "You defined a database name for the default value of a field on the model. This is not supported "
        "by the provider."))]),
    "@default(autoincrement()) named": ('b Int @default(autoincrement(), map: "d")', "", "@@id([id])", [
        (FIELD_LINE, parsing("@default", "Naming an autoincrement default value is not allowed.")),
    ]),
    "@relation on a scalar field": ("b Int @relation(fields: [b], references: [id])", "", "@@id([id])", [
        (FIELD_LINE, parsing("@relation", "Invalid field type, not a relation.")),
        (FIELD_LINE, "No such argument."),
        (FIELD_LINE, "No such argument."),
    ]),
    # accepted
    "@@id with name and map": ("b Int", "", '@@id([id, a], name: "x", map: "y")', []),
    "@@index with name": ("b Int", "", '@@index([a], name: "x")', []),
    "@@unique with name and map": ("b Int", "", '@@unique([a], name: "x", map: "y")', []),
    "@@unique sorted": ("b Int", "", "@@unique([a(sort: Desc)])", []),
    "@@index with its fields named": ("b Int", "", '@@index(fields: [a], map: "i")', []),
    "@@map by name": ("b Int", "", '@@map(name: "x")', []),
    "relation with every other argument": ("b Int", ', map: "m", onDelete: Cascade, onUpdate: Cascade', "@@id([id])",
                                           []),
    "partial indexes": ('b Int @unique(where: raw("b > 0"))', "",
                        '@@index([a], where: raw("a <> \'x\'"), name: "n")', []),
    "@unique sorted and mapped": ('b Int @unique(sort: Desc, map: "u")', "", "@@id([id])", []),
}


def diagnostics_of(text: str) -> list[tuple[int, str]]:
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    resolved = resolve_schema(Schema(files=[schema_file]))
    return [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors]


@pytest.mark.parametrize("case", list(CASES))
def test_attributes_and_arguments_as_prisma_judges_them(case: str) -> None:
    field, relation, block, expected = CASES[case]
    text = HEAD + MODEL.replace("{field}", field).replace("{relation}", relation).replace("{block}", block)
    assert diagnostics_of(text) == expected


def test_enum_attributes_as_prisma_judges_them() -> None:
    text = HEAD.replace("model N {\n  id Int @id\n  m  M[]\n}\n\n", "") + (
        'enum E {\n  A @map("a", foo: 1)\n  B @foo\n  C @map(name: "c")\n\n  @@map("e", x: 1)\n  @@bar\n}\n'
    )
    assert sorted(diagnostics_of(text)) == [
        (12, "No such argument."),
        (13, 'Attribute not known: "@foo".'),
        (16, "No such argument."),
        (17, 'Attribute not known: "@bar".'),
    ]


REPEATED = 'Attribute "{}" can only be defined once.'
UPDATED_AT = 'Error parsing attribute "@updatedAt": Fields that are marked with @updatedAt {}.'


# (field line, expected [(column, message)]): each checked with Prisma's validator (its `lint`, for the column).
FIELD_CASES = {
    "@unique twice, another between": ('a Int @unique @map("a") @unique',
                                       [(9, REPEATED.format("@unique")), (27, REPEATED.format("@unique"))]),
    "@default three times": ("a Int @default(1) @default(2) @default(3)", [
        (9, REPEATED.format("@default")), (21, REPEATED.format("@default")), (33, REPEATED.format("@default"))]),
    "@map and @default twice, by name": ('a Int @map("x") @default(1) @map("y") @default(2)', [
        (9, REPEATED.format("@map")), (31, REPEATED.format("@map")),
        (19, REPEATED.format("@default")), (41, REPEATED.format("@default"))]),
    "@updatedAt twice, on a String: only that": ("a String @updatedAt @updatedAt", [
        (12, REPEATED.format("@updatedAt")), (23, REPEATED.format("@updatedAt"))]),
    "@ignore twice": ("a Int @ignore @ignore", [(9, REPEATED.format("@ignore")), (17, REPEATED.format("@ignore"))]),
    "@updatedAt on an Int": ("a Int @updatedAt", [(9, UPDATED_AT.format("must be of type DateTime"))]),
    "@updatedAt on an enum": ("a E @updatedAt", [(7, UPDATED_AT.format("must be of type DateTime"))]),
    "@updatedAt on Unsupported": ('a Unsupported("x") @updatedAt', [(22, UPDATED_AT.format("must be of type DateTime"))]),
    "@updatedAt on a list": ("a DateTime[] @updatedAt", [(16, UPDATED_AT.format("cannot be lists"))]),
    # accepted
    "@updatedAt on an optional DateTime": ("a DateTime? @updatedAt", []),
    "@unique and @map": ('a Int @unique @map("b")', []),
}


@pytest.mark.parametrize("case", list(FIELD_CASES))
def test_field_attributes_as_prisma_judges_them(case: str) -> None:
    line, expected = FIELD_CASES[case]
    text = f'datasource db {{\n  provider = "postgresql"\n}}\n\nenum E {{\n  A\n}}\n\nmodel M {{\n  id Int @id\n  {line}\n}}\n'
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not diagnostics
    resolved = resolve_schema(Schema(files=[schema_file]))
    assert [(d.span.line, d.span.column, d.message) for d in resolved.errors] == [(11, c, m) for c, m in expected]


def test_id_twice_on_the_only_key() -> None:
    text = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel users {\n  id Int @id @id\n}\n'
    schema_file, _ = parse_source(text, "schema.prisma")
    resolved = resolve_schema(Schema(files=[schema_file]))
    assert [(d.span.line, d.span.column, d.message) for d in resolved.errors] == [
        (6, 10, REPEATED.format("@id")), (6, 14, REPEATED.format("@id"))]


KEYS = """datasource db {
  provider = "postgresql"
}

model U {
  id Int
  k  Int
  ps P[] {back}
  {block}
}

model P {
  id Int @id
  a  Int
  b  Int
  u  U   @relation(fields: [{fields}], references: [{references}]) {forward}
  {index}
}
"""
RELATION_UNIQUE = ('Error parsing attribute "@unique": The field `{}` is a relation field and cannot be marked with '
                   "`unique`. Only scalar fields can be made unique.")

# (substitutions, expected [(line, column, message)]): each checked with Prisma's validator (its `lint`).
KEY_CASES = {
    "two @id fields": ({"block": "", "back": "", "forward": "", "fields": "a", "references": "id",
                        "index": "", "k  Int": "k  Int @id", "id Int\n": "id Int @id\n"},
                       [(5, 1, 'Error validating model "U": At most one field must be marked as the id field with the '
                                "`@id` attribute.")]),
    "@@id([])": ({"block": "@@id([])\n  @@unique([id])", "back": "", "forward": "", "fields": "a", "references": "id",
                  "index": ""},
                 [(9, 3, 'Error parsing attribute "@@id": The list of fields in an `@@id()` attribute cannot be empty. '
                         "Please specify at least one field.")]),
    "@unique on a relation field of two fields": (
        {"block": "@@id([id, k])", "back": "", "forward": "@unique", "fields": "a, b", "references": "id, k",
         "index": ""},
        [(16, 57, RELATION_UNIQUE.format("u") + " Did you mean to provide `@@unique([a, b])`?")]),
    "@unique on a relation field of one field": (
        {"block": "@@id([id, k])\n  @@unique([id])", "back": "", "forward": "@unique", "fields": "a",
         "references": "id", "index": ""},
        [(17, 51, RELATION_UNIQUE.format("u") + " Did you mean to put it on `a`?")]),
    "@unique on a back relation field": (
        {"block": "@@id([id, k])", "back": "@unique", "forward": "", "fields": "a, b", "references": "id, k",
         "index": ""},
        [(8, 10, RELATION_UNIQUE.format("ps"))]),
    "@id on a relation field": (
        {"block": "@@id([id, k])", "back": "", "forward": "@id", "fields": "a, b", "references": "id, k",
         "index": "", "id Int @id\n  a": "id Int\n  a"},
        [(16, 57, 'Error parsing attribute "@id": The field `u` is a relation field and cannot be marked with `@id`. '
                  "Only scalar fields can be declared as id.")]),
    "sort: Up": ({"block": "@@id([id, k])", "back": "", "forward": "", "fields": "a, b", "references": "id, k",
                  "index": "@@index([a(sort: Up)])"},
                 [(17, 14, "Unexpected token. Expected one of: Asc, Desc")]),
    # accepted
    "sort: Desc": ({"block": "@@id([id, k])", "back": "", "forward": "", "fields": "a, b", "references": "id, k",
                    "index": "@@unique([a(sort: Desc), b(sort: Asc)])"}, []),
}


@pytest.mark.parametrize("case", list(KEY_CASES))
def test_keys_as_prisma_judges_them(case: str) -> None:
    substitutions, expected = KEY_CASES[case]
    text = KEYS
    for old, new in substitutions.items():
        text = text.replace("{" + old + "}" if old.isidentifier() else old, new)
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not diagnostics
    resolved = resolve_schema(Schema(files=[schema_file]))
    assert [(d.span.line, d.span.column, d.message) for d in resolved.errors] == expected


MISSING = 'Argument "{}" is missing.'
ONCE = 'Attribute "{}" can only be defined once.'
DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n\n'

# schema text -> [(line, column, message)], each checked with Prisma's validator (its `lint`, for the column).
ARGUMENT_CASES = {
    "the required argument given only named ones": (
        DATASOURCE + 'model A {\n  id Int @id\n  a Int @map(foo: "x")\n  b Int @default(map: "x")\n  @@map(x: "y")\n'
        '  @@index(map: "i")\n  @@unique(name: "u")\n}\n\nenum E {\n  A @map(k: "z")\n  @@schema(name: "public")\n}\n',
        [(7, 9, MISSING.format("name")), (7, 14, "No such argument."), (8, 9, MISSING.format("value")),
         (8, 18, "No such argument."), (9, 3, MISSING.format("name")), (9, 9, "No such argument."),
         (10, 3, MISSING.format("fields")), (11, 3, MISSING.format("fields")), (15, 5, MISSING.format("name")),
         (15, 10, "No such argument."), (16, 3, MISSING.format("map")), (16, 12, "No such argument.")],
    ),
    "block attributes given twice": (
        'datasource db {\n  provider = "postgresql"\n  schemas = ["a", "b"]\n}\n\n'
        'model A {\n  id Int\n  @@id([id])\n  @@id([id])\n  @@map("x")\n  @@map("y")\n  @@schema("a")\n'
        '  @@schema("b")\n  @@ignore\n  @@ignore\n}\n\n'
        'enum E {\n  A @map("v") @map("w")\n  @@map("x")\n  @@map("y")\n  @@schema("a")\n  @@schema(map: "b")\n}\n',
        [(8, 3, ONCE.format("@id")), (9, 3, ONCE.format("@id")), (10, 3, ONCE.format("@map")),
         (11, 3, ONCE.format("@map")), (12, 3, ONCE.format("@schema")), (13, 3, ONCE.format("@schema")),
         (14, 3, ONCE.format("@ignore")), (15, 3, ONCE.format("@ignore")), (19, 5, ONCE.format("@map")),
         (19, 15, ONCE.format("@map")), (20, 3, ONCE.format("@map")), (21, 3, ONCE.format("@map")),
         (22, 3, ONCE.format("@schema")), (23, 3, ONCE.format("@schema"))],
    ),
    # accepted
    "the required argument by its name": (
        'datasource db {\n  provider = "postgresql"\n  schemas = ["a"]\n}\n\n'
        'model A {\n  id Int @id @map(name: "i")\n  b Int @default(value: 1)\n  @@schema(map: "a")\n'
        '  @@map(name: "x")\n  @@index(fields: [b], map: "i")\n  @@unique(fields: [b], name: "u")\n}\n',
        [],
    ),
}


@pytest.mark.parametrize("case", list(ARGUMENT_CASES))
def test_required_and_repeated_attributes_as_prisma_judges_them(case: str) -> None:
    text, expected = ARGUMENT_CASES[case]
    assert resolved_errors(text) == expected
