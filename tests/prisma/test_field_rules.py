"""Fields and relations as Prisma checks them (drift.prisma.resolve): two fields of one column, a `@map` that is not
a string, a relation whose fields and references differ in type, a key of an Unsupported field, an implicit
many-to-many relation with a model without `@id`. Each expected diagnostic checked with Prisma's validator
(prisma-schema-wasm's `lint`, for the line and column), 2026-12-03."""

from __future__ import annotations

import pytest

from tests.prisma.rule_cases import resolved_errors

VIEWS = 'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\n'
DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n\n'
DEFINED = 'Field "{}" is already defined on {} "{}".'
MISMATCH = ('Error parsing attribute "@relation": The type of the field `{}` in the model `{}` is not matching the type '
            "of the referenced field `{}` in model `{}`.")
NO_CRITERIA = (
    'Error validating model "{}": Each model must have at least one unique criteria that has only required fields. '
    "Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or `@@unique([])` "
    "to the model. The following unique criterias were not considered as they contain fields that are not required:\n"
    "{}"
)
MANY_TO_MANY = (
    "Error validating field `{0}` in model `{1}`: The relation field `{0}` on model `{1}` references `{2}` which does "
    "not have an `@id` field. Models without `@id` cannot be part of a many to many relation. Use an explicit "
    "intermediate Model to represent this relationship."
)

# schema text -> [(line, column, message)]
CASES = {
    "two fields mapped to one column": (
        DATASOURCE + 'model users {\n  id Int @id\n  a String @map("x")\n  b String @map("x")\n}\n',
        [(8, 3, DEFINED.format("b", "model", "users"))],
    ),
    "a @map naming another field, as Prisma reads them in order": (
        VIEWS + DATASOURCE + 'model users {\n  id Int @id\n  c String @map("a")\n  a String @map("x")\n'
        '  posts Post[]\n  q String @map("posts")\n  s String @map("s")\n  t String @map("s")\n  u String @map("a")\n'
        '}\n\nview V {\n  id Int @unique\n  b String @map("id")\n}\n\n'
        "model Post {\n  id Int @id\n  authorId Int\n  author users @relation(fields: [authorId], references: [id])\n"
        "}\n",
        [(12, 3, DEFINED.format("c", "model", "users")), (17, 3, DEFINED.format("t", "model", "users")),
         (17, 3, DEFINED.format("t", "model", "users")), (18, 3, DEFINED.format("u", "model", "users")),
         (23, 3, DEFINED.format("b", "view", "V"))],
    ),
    "@map and @@map not strings": (
        DATASOURCE + "model A {\n  id Int @id\n  a Int @map(FOO)\n  b Int @map([1])\n  c Int @map(now())\n"
        '  d Int @map(-1)\n  @@map(["x"])\n}\n\nenum E {\n  A @map(1)\n  @@map(true)\n}\n',
        [(7, 14, "Expected a string value, but received literal value `FOO`."),
         (8, 14, "Expected a string value, but received array value `[1]`."),
         (9, 14, "Expected a string value, but received functional value `now()`."),
         (10, 14, "Expected a string value, but received numeric value `-1`."),
         (11, 9, 'Expected a string value, but received array value `["x"]`.'),
         (15, 10, "Expected a string value, but received numeric value `1`."),
         (16, 9, "Expected a string value, but received literal value `true`.")],
    ),
    "relation fields and references of different types": (
        DATASOURCE + 'model users {\n  id String @id @db.Uuid\n  u Unsupported("x") @unique\n  e E @unique\n'
        '  posts Post[]\n  p2 Post[] @relation("b")\n  p3 Post[] @relation("c")\n}\n\nenum E {\n  A\n}\n\n'
        "enum F {\n  A\n}\n\nmodel Post {\n  id Int @id\n  authorId String @db.Text\n"
        "  author users @relation(fields: [authorId], references: [id])\n  x Unsupported(\"y\")\n"
        '  ax users @relation("b", fields: [x], references: [u])\n  f F\n'
        '  af users @relation("c", fields: [f], references: [e])\n}\n',
        [(27, 3, MISMATCH.format("x", "Post", "u", "users")), (29, 3, MISMATCH.format("f", "Post", "e", "users"))],
    ),
    "keys of Unsupported fields": (
        DATASOURCE + 'model u1 {\n  id Unsupported("x") @id\n}\n\nmodel u2 {\n  id Unsupported("x")\n  b Int\n'
        '  @@id([id, b])\n}\n\nmodel u3 {\n  id Unsupported("x") @unique\n}\n\nmodel u4 {\n  id Unsupported("x") @id\n'
        "  i Int? @unique\n}\n",
        [(5, 1, NO_CRITERIA.format("u1", "- id")), (9, 1, NO_CRITERIA.format("u2", "- id, b")),
         (15, 1, NO_CRITERIA.format("u3", "- id")), (19, 1, NO_CRITERIA.format("u4", "- id\n- i"))],
    ),
    "implicit many-to-many relations with models without @id": (
        DATASOURCE + "model A {\n  x String\n  y String\n  bs B[]\n  cs C[]\n  @@id([x, y])\n}\n\n"
        "model B {\n  id Int @id\n  as A[]\n}\n\nmodel C {\n  id Int @unique\n  as A[]\n}\n",
        [(9, 3, MANY_TO_MANY.format("cs", "A", "C")), (15, 3, MANY_TO_MANY.format("as", "B", "A")),
         (20, 3, MANY_TO_MANY.format("as", "C", "A"))],
    ),
    # accepted
    "columns of their own, keys Prisma counts": (
        DATASOURCE + 'model users {\n  id Unsupported("x") @id\n  b Int @unique\n  a String @map("x")\n'
        '  c String @map("a")\n  d String @map("d")\n  posts Post[]\n  tags Tag[]\n}\n\n'
        "model Post {\n  id Int @id\n  authorId Int\n  author users @relation(fields: [authorId], references: [b])\n"
        "}\n\nmodel Tag {\n  id Int @id\n  users users[]\n}\n",
        [],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_fields_and_relations_as_prisma_judges_them(case: str) -> None:
    text, expected = CASES[case]
    assert resolved_errors(text) == expected
