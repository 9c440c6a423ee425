"""Name resolution: what each field's type refers to, relation pairing, and the diagnostics for bad names."""

from __future__ import annotations

import pytest

from drift.prisma.ast import Schema
from drift.prisma.parse import parse_source
from drift.prisma.resolve import ResolvedSchema, resolve_schema

DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n'


def resolve(text: str, datasource: str = DATASOURCE) -> ResolvedSchema:
    schema_file, diagnostics = parse_source(datasource + text, "schema.prisma")
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return resolve_schema(Schema(files=[schema_file]))


BLOG = """
model User {
  id      Int      @id
  role    Role
  address Address?
  shape   Unsupported("polygon")?
  posts   Post[]
  profile Profile?
}

model Post {
  id       Int   @id
  authorId Int
  author   User  @relation(fields: [authorId], references: [id], onDelete: Cascade, map: "post_author")
  tags     Tag[]
}

model Tag {
  id    Int    @id
  posts Post[]
}

model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}

enum Role {
  A
}

type Address {
  street String
}
"""


def test_field_kinds() -> None:
    resolved = resolve(BLOG)
    # BLOG has a `type` block, to classify a composite field: Prisma refuses those on PostgreSQL, and says so.
    assert [diagnostic.message for diagnostic in resolved.diagnostics] == [
        "Error validating: Composite types are not supported on Postgres."
    ]
    user = resolved.models["User"]
    assert {field.name: field.kind for field in user.fields} == {
        "id": "scalar",
        "role": "enum",
        "address": "composite",
        "shape": "unsupported",
        "posts": "relation",
        "profile": "relation",
    }
    assert [field.name for field in user.scalar_fields] == ["id", "role", "shape"]


def test_relation_attribute_is_read() -> None:
    author = resolve(BLOG).models["Post"].field("author")
    assert author.relation.fields == ("authorId",)
    assert author.relation.references == ("id",)
    assert author.relation.on_delete == "Cascade"
    assert author.relation.on_update is None
    assert author.relation.map == "post_author"


def test_relations_are_paired_and_classified() -> None:
    relations = {relation.name: relation for relation in resolve(BLOG).relations}
    assert set(relations) == {"PostToUser", "PostToTag", "ProfileToUser"}
    one_to_many = relations["PostToUser"]
    assert one_to_many.kind == "one_to_many"
    assert (one_to_many.forward.model, one_to_many.forward.field) == ("Post", "author")
    assert (one_to_many.back.model, one_to_many.back.field) == ("User", "posts")
    assert relations["ProfileToUser"].kind == "one_to_one"
    many = relations["PostToTag"]
    assert many.kind == "many_to_many"
    assert (many.side_a.model, many.side_b.model) == ("Post", "Tag")


def test_many_to_many_sides_are_alphabetical_whoever_declares_first() -> None:
    resolved = resolve("model Zebra {\n  id Int @id\n  apples Apple[]\n}\n\nmodel Apple {\n  id Int @id\n  zebras Zebra[]\n}\n")
    (relation,) = resolved.relations
    assert relation.name == "AppleToZebra"
    assert (relation.side_a.model, relation.side_b.model) == ("Apple", "Zebra")


def test_named_self_relations_pair_within_the_model() -> None:
    resolved = resolve(
        """
model Employee {
  id        Int        @id
  managerId Int?
  manager   Employee?  @relation("Management", fields: [managerId], references: [id])
  reports   Employee[] @relation("Management")
  friends   Employee[] @relation("Friends")
  friendOf  Employee[] @relation("Friends")
}
"""
    )
    assert not resolved.diagnostics
    kinds = {relation.name: relation.kind for relation in resolved.relations}
    assert kinds == {"Management": "one_to_many", "Friends": "many_to_many"}


def test_mapped_names_and_schemas() -> None:
    resolved = resolve(
        'model User {\n  id Int @id @map("user_id")\n  @@map("users")\n  @@schema("auth")\n}\n',
        datasource='datasource db {\n  provider = "postgresql"\n  url = env("X")\n  schemas = ["auth", "public"]\n'
        '  relationMode = "prisma"\n}\n',
    )
    user = resolved.models["User"]
    assert (user.db_name, user.schema_name, user.field("id").db_name) == ("users", "auth", "user_id")
    assert resolved.schemas == ("auth", "public")
    assert resolved.relation_mode == "prisma"


def test_defaults_without_datasource_settings() -> None:
    resolved = resolve("model A {\n  id Int @id\n}\n")
    assert resolved.schemas == ("public",)
    assert resolved.relation_mode == "foreignKeys"
    assert resolved.models["A"].schema_name == "public"


def test_unknown_type_is_a_diagnostic_with_its_span() -> None:
    resolved = resolve("model A {\n  id Int @id\n  b  Bogus\n}\n")
    (diagnostic,) = resolved.errors
    assert "Bogus" in diagnostic.message
    assert (diagnostic.span.line, diagnostic.span.column) == (8, 6)
    assert resolved.models["A"].field("b") is None


def test_missing_back_relation_is_a_diagnostic() -> None:
    resolved = resolve(
        "model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [id])\n}\n\n"
        "model B {\n  id Int @id\n}\n"
    )
    (diagnostic,) = resolved.errors
    assert "missing an opposite relation field" in diagnostic.message
    assert diagnostic.span.line == 9


def test_an_unnamed_self_relation_is_ambiguous_as_prisma_says() -> None:
    """Prisma's engine rejects a relation from a model to itself without a name, even a single one (checked with
    `prisma validate` through the oracle); the error points at the first of the two fields."""
    resolved = resolve(
        "model Node {\n  id Int @id\n  parentId Int?\n"
        "  parent Node? @relation(fields: [parentId], references: [id])\n  children Node[]\n}\n\n"
        "model User {\n  id Int @id\n  friends User[]\n  friendOf User[]\n}\n"
    )
    messages = [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors]
    assert [line for line, _ in messages] == [9, 15]
    assert messages[0][1] == (
        'Error validating model "Node": Ambiguous self relation detected. The fields `parent` and `children` in model '
        "`Node` both refer to `Node`. If they are part of the same relation add the same relation name for them with "
        "`@relation(<name>)`."
    )
    named = resolve(
        "model Node {\n  id Int @id\n  parentId Int?\n"
        '  parent Node? @relation("tree", fields: [parentId], references: [id])\n'
        '  children Node[] @relation("tree")\n}\n'
    )
    assert named.errors == [] and [relation.kind for relation in named.relations] == ["one_to_many"]


def test_a_required_relation_over_an_optional_scalar_is_an_error_as_prisma_says() -> None:
    """Prisma's engine (`prisma validate` through the oracle) rejects a required relation field whose scalar field is
    optional, and accepts the converse (an optional relation over a required scalar)."""
    resolved = resolve(
        "model U {\n  id Int @id\n  a A[]\n  b B[]\n}\n\n"
        "model A {\n  id Int @id\n  uid Int\n  u U? @relation(fields: [uid], references: [id])\n}\n\n"
        "model B {\n  id Int @id\n  uid Int?\n  u U @relation(fields: [uid], references: [id])\n}\n"
    )
    assert [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors] == [
        (
            21,
            "Error validating: The relation field `u` uses the scalar fields uid. At least one of those fields is "
            "optional. Hence the relation field must be optional as well.",
        )
    ]


def test_references_must_name_a_unique_criterion_of_the_related_model() -> None:
    """As Prisma's engine says it (`prisma validate` through the oracle): the referenced fields must be an @id,
    an @unique field, an @@id or an @@unique, in any order."""
    resolved = resolve(
        "model U {\n  id Int @id\n  code Int\n  x Int\n  y Int\n  z Int\n  a A[]\n  b B[]\n  c C[]\n"
        "  @@unique([x, y])\n}\n\n"
        "model A {\n  id Int @id\n  ux Int\n  uy Int\n  u U @relation(fields: [uy, ux], references: [y, x])\n}\n\n"
        "model B {\n  id Int @id\n  ux Int\n  uz Int\n  u U @relation(fields: [ux, uz], references: [x, z])\n}\n\n"
        "model C {\n  id Int @id\n  uc Int\n  u U @relation(fields: [uc], references: [code])\n}\n"
    )
    start = 'Error parsing attribute "@relation": The argument `references` must refer to a unique criterion in the '
    assert [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors] == [
        (29, start + "related model. Consider adding an `@@unique([x, z])` attribute to the model `U`."),
        (35, start + "related model. Consider adding an `@unique` attribute to the field `code` in the model `U`."),
    ]


def test_incompatible_native_type_is_a_diagnostic() -> None:
    resolved = resolve("model A {\n  id Int @id @db.VarChar(3)\n}\n")
    (diagnostic,) = resolved.errors
    assert "VarChar" in diagnostic.message and "Int" in diagnostic.message


NATIVE_TYPE_CASES = [
    # (field line, Prisma's message: each checked with its validator, 2026-12-03)
    ("s Int @db.Inet", "Native type Inet is not compatible with declared field type Int, expected field type String."),
    ("s String @db.Integer",
     "Native type Integer is not compatible with declared field type String, expected field type Int."),
    ("s Int @db.Foo", "Native type Foo is not supported for postgresql connector."),
    ("s String @db.VarChar(1, 2)", "Native type VarChar takes 1 optional arguments, but received 2."),
    ("s Decimal @db.Decimal(3, 1, 2)", "Native type Decimal takes 2 optional arguments, but received 3."),
    ("s String @db.Text(3)", 'Function "Text" takes 0 arguments, but received 1.'),
    # a second @db attribute, whatever the two are: only that
    ("s String @db.VarChar(3) @db.Text", 'Attribute "@db" can only be defined once.'),
    ("s Int @db.Integer @db.Foo", 'Attribute "@db" can only be defined once.'),
    ("s String @db.VarChar(3)", None),
    # arguments out of range
    ("s Decimal @db.Decimal(10)", "Expected two nonnegative integers, but found (10)."),
    ("s Decimal @db.Decimal(5, -1)", "Expected two nonnegative integers, but found (5, -1)."),
    ("s Decimal @db.Decimal(0, 0)", "Argument M is out of range for native type `Decimal(0,0)` of Postgres: Precision "
     "must be positive with a maximum value of 1000."),
    ("s Decimal @db.Decimal(1001, 2)", "Argument M is out of range for native type `Decimal(1001,2)` of Postgres: "
     "Precision must be positive with a maximum value of 1000."),
    ("s Decimal @db.Decimal(5, 10)",
     "The scale must not be larger than the precision for the Decimal(5,10) native type in Postgres."),
    ("s DateTime @db.Timestamp(7)",
     "Argument M is out of range for native type `Timestamp(7)` of Postgres: M can range from 0 to 6."),
    ("s DateTime @db.Timestamptz(9)",
     "Argument M is out of range for native type `Timestamptz(9)` of Postgres: M can range from 0 to 6."),
    ("s DateTime @db.Time(7)", "Argument M is out of range for native type `Time(7)` of Postgres: M can range from 0 to 6."),
    ("s DateTime @db.Timetz(7)",
     "Argument M is out of range for native type `Timetz(7)` of Postgres: M can range from 0 to 6."),
    ("s DateTime @db.Timestamp(-1)", "Expected a nonnegative integer, but found (-1)."),
    ("s String @db.Bit(0)", "Argument M is out of range for native type `Bit(0)` of Postgres: M must be a positive integer."),
    ("s String @db.VarBit(0)",
     "Argument M is out of range for native type `VarBit(0)` of Postgres: M must be a positive integer."),
    ("s String @db.VarChar(-1)", "Expected a nonnegative integer, but found (-1)."),
    ('s String @db.VarChar("10")', 'Expected a nonnegative integer, but found ("10").'),
    ("s String @db.VarChar(1.5)", "Expected a nonnegative integer, but found (1.5)."),
    ("s E @db.Text", 'Attribute not known: "@db.Text".'),
    ("s Decimal @db.Decimal(1000, 1000)", None),
    ("s DateTime @db.Timestamptz(6)", None),
    ("s String @db.Char(0)", None),
    ("s String @db.VarChar(10485761)", None),
]


@pytest.mark.parametrize(("line", "message"), NATIVE_TYPE_CASES)
def test_native_type_diagnostics_in_prismas_words(line: str, message: str | None) -> None:
    resolved = resolve(f"model A {{\n  id Int @id\n  {line}\n}}\n\nenum E {{\n  A\n}}\n")
    assert [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors] == (
        [(8, message)] if message else []
    )


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("model String", '"String" is a reserved scalar type name and cannot be used.'),
        ("model DateTime", '"DateTime" is a reserved scalar type name and cannot be used.'),
        ("model public", 'Error validating model "public": The model name `public` is invalid. It is a reserved name. '
         "Please change it. Read more at https://pris.ly/d/naming-models"),
        ("model PrismaClient", 'Error validating model "PrismaClient": The model name `PrismaClient` is invalid. It is '
         "a reserved name. Please change it. Read more at https://pris.ly/d/naming-models"),
        ("view await", 'Error validating model "await": The view name `await` is invalid. It is a reserved name. '
         "Please change it. Read more at https://pris.ly/d/naming-models"),
        # words JavaScript reserves only in strict mode or not at all are accepted by Prisma
        ("model static", None),
        ("model Prisma", None),
        ("model Unsupported", None),
    ],
)
def test_reserved_model_names_are_refused_as_prisma_refuses_them(block: str, message: str | None) -> None:
    # A view needs the `views` preview feature (in a generator after the datasource: the block stays on line 6), and
    # has no primary key (`@unique` instead of `@id`).
    preview = 'generator client {\n  provider = "x"\n  previewFeatures = ["views"]\n}\n\n'
    view = block.startswith("view")
    text = f"{block} {{\n  id Int {'@unique' if view else '@id'}\n}}\n" + (preview if view else "")
    resolved = resolve(text)
    assert [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors] == (
        [(6, message)] if message else []
    )


def test_reserved_enum_names_are_refused_as_prisma_refuses_them() -> None:
    resolved = resolve("enum Int {\n  A\n}\n\nenum yield {\n  B\n}\n\nenum Mood {\n  C\n}\n")
    assert [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors] == [
        (6, '"Int" is a reserved scalar type name and cannot be used.'),
        (10, "Error validating enum `yield`: The enum name `yield` is invalid. It is a reserved name. Please change "
         "it. Read more at https://www.prisma.io/docs/reference/tools-and-interfaces/prisma-schema/data-model"
         "#naming-enums"),
    ]


def test_keys_of_required_fields_as_prisma_wants_them() -> None:
    """Each message and line as Prisma's validator gave them for the same models (2026-12-03)."""
    resolved = resolve(
        "model A {\n  a Int @id\n  b Int\n\n  @@id([a, b])\n}\n\n"  # line 6
        "model B {\n  a Int\n  b Int[]\n  c Int?\n\n  @@id([a, b, c])\n}\n\n"  # line 13, @@id on 18
        "model C {\n  a Int[] @id\n}\n\n"  # line 21
        "model D {\n  a Int\n  b Int?\n  c Int? @unique\n\n  @@unique([a, b])\n}\n\n"  # line 25
        "model E {\n  a Int?\n  @@ignore\n}\n\n"  # line 33: no key needed
        "model F {\n  id Int\n  x  Int?\n\n  @@id([id, x])\n  @@ignore\n}\n"  # line 38: db pull's, accepted
    )
    assert [(diagnostic.span.line, diagnostic.message) for diagnostic in resolved.errors] == [
        (6, 'Error validating model "A": Each model must have at most one id criteria. You can\'t have `@id` and '
         "`@@id` at the same time."),
        (18, 'Error validating model "B": The id definition refers to the optional fields `b`, `c`. ID definitions '
         "must reference only required fields."),
        (22, 'Error parsing attribute "@id": Fields that are marked as id must be required.'),
        (25, 'Error validating model "D": Each model must have at least one unique criteria that has only required '
         "fields. Either mark a single field with `@id`, `@unique` or add a multi field criterion with `@@id([])` or "
         "`@@unique([])` to the model. The following unique criterias were not considered as they contain fields "
         "that are not required:\n- c\n- a, b"),
    ]


def test_unknown_field_in_block_attribute_is_a_diagnostic() -> None:
    resolved = resolve("model A {\n  id Int @id\n  @@index([nope])\n}\n")
    (diagnostic,) = resolved.errors
    assert '"nope"' in diagnostic.message


RELATED = "model B {\n  id Int @id\n  as A[]\n}\n"


def test_unknown_reference_is_a_diagnostic() -> None:
    resolved = resolve("model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [nope])\n}\n\n" + RELATED)
    (diagnostic,) = resolved.errors
    assert '"nope"' in diagnostic.message and '"B"' in diagnostic.message


def test_fields_and_references_must_pair_up() -> None:
    resolved = resolve(
        "model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId, id], references: [id])\n}\n\n" + RELATED
    )
    (diagnostic,) = resolved.errors
    assert "2 fields but 1 references" in diagnostic.message


def test_unknown_referential_action_is_a_diagnostic() -> None:
    resolved = resolve(
        "model A {\n  id Int @id\n  bId Int\n  b B @relation(fields: [bId], references: [id], onDelete: Explode)\n}\n\n"
        + RELATED
    )
    (diagnostic,) = resolved.errors
    assert '"Explode"' in diagnostic.message
    assert diagnostic.hint


def test_literal_url_schema_is_the_default_schema() -> None:
    resolved = resolve(
        "model A {\n  id Int @id\n}\n",
        datasource='datasource db {\n  provider = "postgresql"\n  url = "postgresql://u@h/db?schema=app&x=1"\n}\n',
    )
    assert resolved.schemas == ("app",)
    assert resolved.models["A"].schema_name == "app"
