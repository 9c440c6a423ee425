"""Keys and indexes as Prisma checks their fields, names and partial index conditions (drift.prisma.resolve,
drift.prisma.index_rules.where_diagnostics): each expected diagnostic checked with Prisma's validator
(prisma-schema-wasm's `lint`, for the line and column), 2026-12-03."""

from __future__ import annotations

import pytest

from tests.prisma.rule_cases import resolved_errors

DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n\n'
PARTIAL = 'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["partialIndexes"]\n}\n\n' + DATASOURCE
REPEATED = 'Error validating model "{}": The unique index definition refers to the field {} multiple times.'
ON_RELATION = ('Error validating model "{}": The {} definition refers to the relation fields {}. Index definitions must '
               "reference only scalar fields.")
NAME_REPEATED = ('Error parsing attribute "{}": The given custom name `{}` has to be unique on the model. Please provide '
                 "a different name for the `name` argument.")
NAME_IS_FIELD = ('Error validating model "{}": The custom name `{}` specified for the `{}` attribute is already used as a '
                 "name for a field. Please choose a different name.")
VIEWS = 'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\n' + DATASOURCE
WHERE = 'Error parsing attribute "{}": {}'
INVALID_VALUE = ("Invalid value in where clause. Expected true, false, null, a string, a number, or an object like "
                 "{ not: null }.")

# The model P of WHERES, with the `@@index` lines of each case after it (line 21 on).
WHERES = PARTIAL + """enum E {
  A
}

model P {
  id Int @id
  i  Int
  s  String
  b  Boolean
  d  DateTime
  f  Float
  e  E
  j  Json
  u  Unsupported("x")
  l  Int[]
  q  Q @relation(fields: [i], references: [id])
{indexes}
}

model Q {
  id Int @id
  ps P[]
}
"""

ONE_TO_ONE = (
    'Error parsing attribute "@relation": A one-to-one relation must use unique fields on the defining side. Either '
    "add {}, or change the relation to one-to-many."
)

# schema text -> [(line, column, message)]
CASES = {
    "a field twice in a key or an index": (
        DATASOURCE + "model users {\n  id Int\n  a String\n  b String\n  @@id([id, id])\n  @@unique([a, a])\n"
        "  @@index([a(sort: Desc), b, a])\n  @@unique([b, b, a, a])\n}\n",
        [(9, 3, REPEATED.format("users", "id")), (10, 3, REPEATED.format("users", "a")),
         (11, 3, REPEATED.format("users", "a")), (12, 3, REPEATED.format("users", "b"))],
    ),
    "relation fields in indexes": (
        DATASOURCE + "model users {\n  id Int @id\n  posts Post[]\n  @@index([posts])\n}\n\n"
        "model Post {\n  id Int @id\n  authorId Int\n  author users @relation(fields: [authorId], references: [id])\n"
        "  c Int\n  @@index([author])\n  @@unique([author, c])\n  @@index([author, c, author], map: \"i\")\n}\n",
        [(8, 3, ON_RELATION.format("users", "index", "posts")),
         (16, 3, ON_RELATION.format("Post", "index", "author") + " Did you mean `@@index([authorId])`?"),
         (17, 3, ON_RELATION.format("Post", "unique index", "author") + " Did you mean `@@unique([authorId])`?"),
         (18, 3, ON_RELATION.format("Post", "index", "author, author")
          + " Did you mean `@@index([authorId, authorId])`?")],
    ),
    # Checked with `prisma validate` (oracle): the defining side's fields must be exactly an @unique or @id field, or an
    # @@unique / @@id of those fields in that order.
    "a one-to-one relation on fields that are not unique": (
        DATASOURCE + """
model User {
  id Int @id
  a  Int
  b  Int
  p1 P1?
  p2 P2?
  p3 P3?
  p4 P4?
  p5 P5?

  @@unique([a, b])
}

model P1 {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}

model P2 {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}

model P3 {
  id    Int  @id
  userA Int
  userB Int
  user  User @relation(fields: [userA, userB], references: [a, b])

  @@unique([userB, userA])
}

model P4 {
  id    Int  @id
  userA Int
  userB Int
  user  User @relation(fields: [userA, userB], references: [a, b])

  @@unique([userA, userB])
}

model P5 {
  userA Int
  userB Int
  user  User @relation(fields: [userA, userB], references: [a, b])

  @@id([userA, userB])
}
""",
        [(22, 15, ONE_TO_ONE.format("an `@unique` attribute to the field `userId`")),
         (35, 14, ONE_TO_ONE.format("an `@@unique([userA, userB])` attribute to the model"))],
    ),
    "relation fields in an @@id": (
        DATASOURCE + 'model users {\n  id Int @id\n  posts Post[] @relation("a")\n  p2 Post[] @relation("b")\n  o Other[]\n}\n\n'
        'model Post {\n  x Int\n  y Int\n  r users @relation("a", fields: [x], references: [id])\n'
        '  s users @relation("b", fields: [y], references: [id])\n  @@id([r, s])\n}\n\n'
        'model Other {\n  x Int\n  r users @relation(fields: [x], references: [id])\n  @@id([r])\n}\n',
        [(17, 3, 'Error validating model "Post": The id definition refers to the relation fields `r`, `s`. ID '
                 "definitions must reference only scalar fields."),
         (23, 3, 'Error validating model "Other": The id definition refers to the relation field `r`. ID definitions '
                 "must reference only scalar fields.")],
    ),
    "two keys of one name, a key named as a field": (
        DATASOURCE + 'model Q {\n  a Int\n  b Int\n  c Int\n  @@id([a, b], name: "n")\n  @@unique([b, c], name: "n")\n'
        '  @@unique([a, c], name: "c")\n  @@index([a], name: "n")\n}\n',
        [(5, 1, NAME_IS_FIELD.format("Q", "c", "@@unique")), (9, 16, NAME_REPEATED.format("@@id", "n")),
         (10, 20, NAME_REPEATED.format("@@unique", "n"))],
    ),
    "where: values Prisma refuses": (
        WHERES.replace("{indexes}", "\n".join([
            '  @@index([i], where: { i: { gt: 10 } }, map: "w1")',
            '  @@index([i], where: { i: { not: null, lt: 3 } }, map: "w2")',
            '  @@index([i], where: { b: { not: { not: true } } }, map: "w3")',
            '  @@index([i], where: { zz: true }, map: "w4")',
            '  @@index([i], where: { i: "x" }, map: "w5")',
            '  @@index([i], where: { s: 1 }, map: "w6")',
            '  @@index([i], where: { b: "true" }, map: "w7")',
            '  @@index([i], where: { s: true }, map: "w8")',
            '  @@index([i], where: { d: 1 }, map: "w9")',
            '  @@index([i], where: { e: 1 }, map: "w10")',
            '  @@index([i], where: { j: "x" }, map: "w11")',
            '  @@index([i], where: { u: 1 }, map: "w12")',
            '  @@index([i], where: { q: 1 }, map: "w13")',
            '  @@index([i], where: { i: [1] }, map: "w14")',
            '  @@index([i], where: { e: FOO }, map: "w15")',
            '  @@index([i], where: { i: { not: 1 }, j: 2 }, map: "w16")',
            '  @@index([i], where: {}, map: "w17")',
            '  @@unique([i], where: { zz: 1 }, map: "w18")',
        ])).replace("  i  Int\n", "  i  Int @unique(where: { zz: 1 })\n"),
        [(16, 10, WHERE.format("@unique", "Field 'zz' does not exist in model 'P'.")),
         (26, 3, WHERE.format("@index", "Unknown key 'gt' in nested where clause object. Only 'not' is supported.")),
         (27, 3, WHERE.format("@index", "Nested object in where clause must have exactly one key. Use `{ not: null }` "
                                        'or `{ not: "value" }`.')),
         (28, 3, WHERE.format("@index", INVALID_VALUE)),
         (29, 3, WHERE.format("@index", "Field 'zz' does not exist in model 'P'.")),
         (30, 3, WHERE.format("@index", "Type mismatch: field 'i' is of type Int, but the value is a String.")),
         (31, 3, WHERE.format("@index", "Type mismatch: field 's' is of type String, but the value is a Number.")),
         (32, 3, WHERE.format("@index", "Type mismatch: field 'b' is of type Boolean, but the value is a String.")),
         (33, 3, WHERE.format("@index", "Type mismatch: field 's' is of type String, but the value is Boolean.")),
         (34, 3, WHERE.format("@index", "Type mismatch: field 'd' is of type DateTime, but the value is a Number.")),
         (35, 3, WHERE.format("@index", "Type mismatch: field 'e' is an Enum and only accepts String values in the "
                                        "where clause.")),
         (36, 3, WHERE.format("@index", "Type mismatch: field 'j' is of type Json, but the value is a String.")),
         (37, 3, WHERE.format("@index", "Field 'u' is an unsupported type and cannot be used in the object syntax of "
                                        "a where clause. Use raw() instead.")),
         (38, 3, WHERE.format("@index", "Field 'q' is a relation field. Only scalar fields can be used in the where "
                                        "clause.")),
         (39, 3, WHERE.format("@index", INVALID_VALUE)),
         (40, 3, WHERE.format("@index", "Invalid value 'FOO' in where clause. Expected true, false, null, a string, a "
                                        "number, or an object like { not: null }.")),
         (41, 3, WHERE.format("@index", "Type mismatch: field 'j' is of type Json, but the value is a Number.")),
         (42, 3, WHERE.format("@index", "The `where` argument cannot be an empty object.")),
         (43, 3, WHERE.format("@unique", "Field 'zz' does not exist in model 'P'."))],
    ),
    "where: neither raw(\"...\") nor an object": (
        WHERES.replace("{indexes}", '  @@index([i], where: "i", map: "w1")\n  @@index([i], where: raw(1), map: "w2")'),
        [(26, 3, WHERE.format("@index", "The `where` argument must be either a raw() function call or an object "
                                        "literal, e.g. `where: raw(\"status = 'active'\")` or `where: { active: true "
                                        "}`.")),
         (26, 23, 'Expected a function value, but received string value `"i"`.'),
         (27, 3, WHERE.format("@index", "The `where` argument must be a raw() function with a string argument, e.g. "
                                        "`where: raw(\"status = 'active'\")`.")),
         (27, 27, "Expected a string value, but received numeric value `1`.")],
    ),
    # accepted
    "where: values Prisma takes": (
        WHERES.replace("{indexes}", "\n".join([
            '  @@index([i], where: { i: null, s: { not: null }, d: "2020-01-01", e: "B" }, map: "w1")',
            '  @@index([i], where: { f: 1, i: 1.5, l: 1, b: { not: false }, s: { not: "x" } }, map: "w2")',
            '  @@unique([i], where: raw("i > 0"), map: "w3")',
        ])),
        [],
    ),
    # Prisma wants the `partialIndexes` preview feature for any `where:`; db pull writes them without it (the corpus's
    # db-pull.prisma files), so drift takes them.
    "where: without partialIndexes": (
        DATASOURCE + 'model P {\n  id Int @id\n  v  Int @unique(where: raw("v > 0"))\n  a  Int\n'
        '  @@index([v], where: { v: 1 })\n  @@unique([a], where: raw("a > 1"))\n}\n',
        [],
    ),
    "keys of distinct fields and names": (
        DATASOURCE + 'model Q {\n  a Int\n  b Int\n  @@id([a, b], name: "ab")\n  @@unique([b, a], name: "ba")\n'
        '  @@index([a, b], name: "ab")\n}\n',
        [],
    ),
    "an optional @id, on the attribute": (
        DATASOURCE + "model M {\n  id Int? @id\n}\n",
        [(6, 11, 'Error parsing attribute "@id": Fields that are marked as id must be required.')],
    ),
    # Views: the errors of a primary key itself (two ids, optional fields) come as for a model.
    "a view's primary key after its own errors": (
        VIEWS + "view V {\n  a Int? @id\n  b Int @id\n}\n\nview W {\n  id Int @id\n  b Int\n  @@id([id, b])\n}\n\n"
        "view X {\n  a Int?\n  b Int\n  @@id([a, b])\n}\n",
        [(10, 1, 'Error validating model "V": At most one field must be marked as the id field with the `@id` '
          "attribute."),
         (11, 10, 'Error parsing attribute "@id": Fields that are marked as id must be required.'),
         (15, 1, 'Error validating model "W": Each model must have at most one id criteria. You can\'t have `@id` '
          "and `@@id` at the same time."),
         (24, 3, 'Error validating model "X": The id definition refers to the optional field `a`. ID definitions '
          "must reference only required fields.")],
    ),
    # accepted: a view's primary key (Prisma 7 refuses any, "Views cannot have primary keys.", Prisma 5 and 6 took
    # them and real schemas have them: langfuse's `view TraceView { id String @id ... }`)
    "a view's primary key": (
        VIEWS + "view V {\n  id String @id @default(cuid())\n  name String?\n}\n\n"
        "view W {\n  a String\n  b String\n  @@id(name: \"ab\", fields: [a, b])\n}\n\n"
        "view X {\n  a Int?\n  @@id([a])\n  @@ignore\n}\n\nview Y {\n  id Int\n  @@id([])\n}\n",
        [],
    ),
    "a view's unique criteria, defaults and relations": (
        VIEWS + "model M {\n  id Int @id\n  vId Int\n  v V @relation(fields: [vId], references: [id])\n  ws W[]\n}\n\n"
        "view V {\n  id Int @unique @default(1)\n  ms M[]\n}\n\n"
        "view W {\n  a Int\n  b Int @default(autoincrement())\n  mId Int\n"
        "  m M @relation(fields: [mId], references: [id])\n  @@unique([a, b])\n}\n\nview Z {\n  id Int\n}\n",
        [],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_keys_as_prisma_judges_them(case: str) -> None:
    text, expected = CASES[case]
    assert resolved_errors(text) == expected
