"""Enums and `@@schema` as Prisma checks them (drift.prisma.resolve): each expected diagnostic checked with Prisma's
validator (prisma-schema-wasm's `lint`, for the line and column), 2026-12-03."""

from __future__ import annotations

import pytest

from tests.prisma.rule_cases import resolved_errors

VIEWS = 'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\n'
DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n\n'
LISTED = 'datasource db {\n  provider = "postgresql"\n  schemas = ["public", "b"]\n}\n\n'
NOT_DEFINED = "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema"

# schema text -> [(line, column, message)]
CASES = {
    "an empty enum": (DATASOURCE + "enum role {\n}\n\nmodel users {\n  id Int @id\n}\n",
                      [(5, 1, "Error validating: An enum must have at least one value.")]),
    "an enum value with a hyphen": (DATASOURCE + "enum role {\n  A-B\n  C\n}\n\nmodel users {\n  id Int @id\n}\n",
                                    [(6, 3, "Error validating: The character `-` is not allowed in Enum Value names.")]),
    "@@schema without schemas in the datasource": (
        DATASOURCE + 'enum E {\n  A\n  @@schema("public")\n}\n\nmodel users {\n  id Int @id\n  @@schema("public")\n}\n',
        [(7, 12, NOT_DEFINED), (12, 12, NOT_DEFINED)],
    ),
    "@@schema without a datasource": ('model users {\n  id Int @id\n  @@schema("public")\n}\n',
                                      [(3, 12, "@@schema is not supported on the current datasource provider")]),
    "@@schema naming a schema not listed": (
        LISTED + 'model users {\n  id Int @id\n  @@schema("other")\n}\n', [(8, 12, NOT_DEFINED)]),
    "@@schema not a string": (
        LISTED + "model users {\n  id Int @id\n  @@schema(5)\n}\n",
        [(8, 12, "Expected a string value, but received numeric value `5`.")]),
    "no @@schema with schemas listed": (
        VIEWS + LISTED + 'enum E {\n  A\n}\n\nenum F {\n  A\n  @@schema("b")\n}\n\nview V {\n  id Int @unique\n}\n\n'
        "model users {\n  id Int @id\n}\n",
        [(11, 1, "This enum is missing an `@@schema` attribute."),
         (20, 1, 'Error validating view "V": This view is missing an `@@schema` attribute.'),
         (24, 1, 'Error validating model "users": This model is missing an `@@schema` attribute.')],
    ),
    # accepted
    "every block in a listed schema": (
        VIEWS + LISTED + 'enum E {\n  A\n  @@schema("b")\n}\n\nview V {\n  id Int @unique\n  @@schema("public")\n}\n\n'
        'model users {\n  id Int @id\n  @@schema("b")\n}\n',
        []),
}


@pytest.mark.parametrize("case", list(CASES))
def test_enums_and_schemas_as_prisma_judges_them(case: str) -> None:
    text, expected = CASES[case]
    assert resolved_errors(text) == expected
