"""The configuration blocks as Prisma checks them (drift.prisma.config_rules): each expected diagnostic checked with
Prisma's validator (prisma-schema-wasm's `lint`, for the line and column), 2026-12-03."""

from __future__ import annotations

import pytest

from drift.prisma.ast import Schema
from drift.prisma.parse import parse_source
from drift.prisma.resolve import resolve_schema

GENERATOR = 'generator client {\n  provider = "prisma-client-js"\n}\n\n'
DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n'
MODEL = "model users {\n  id Int @id\n}\n"
TWO_DATASOURCES = (
    "Error validating datasource `{}`: You defined more than one datasource. This is not allowed yet because support "
    "for multiple databases has not been implemented yet."
)
VIEWS = "Error validating: View definitions are only available with the `views` preview feature."
EXTENSIONS = "The `extensions` property is only available with the `postgresqlExtensions` preview feature."

# schema text -> [(line, column, message)]
CASES = {
    "two datasources": (
        DATASOURCE + 'datasource db2 {\n  provider = "postgresql"\n}\n\n' + MODEL,
        [(1, 1, TWO_DATASOURCES.format("db")), (6, 1, TWO_DATASOURCES.format("db2"))],
    ),
    "a datasource without provider": (
        'datasource db {\n  url = env("DATABASE_URL")\n}\n\n' + MODEL,
        [(1, 1, 'Argument "provider" is missing in data source block "db".')],
    ),
    "an unknown datasource property": (
        'datasource db {\n  provider = "postgresql"\n  foo = "bar"\n  output = "x"\n}\n\n' + MODEL,
        [(3, 3, 'Property not known: "foo".'), (4, 3, 'Property not known: "output".')],
    ),
    "previewFeatures in the datasource": (
        'datasource db {\n  provider = "postgresql"\n  previewFeatures = ["views"]\n}\n\n' + MODEL,
        [(3, 3, "Preview features are only supported in the generator block. Please move this field to the "
                "generator block.")],
    ),
    "a generator without provider": (
        'generator client {\n  output = "x"\n}\n\n' + DATASOURCE + MODEL,
        [(1, 1, 'Argument "provider" is missing in generator block "client".')],
    ),
    "extensions without postgresqlExtensions": (
        GENERATOR + 'datasource db {\n  provider = "postgresql"\n  extensions = [pgcrypto]\n}\n\n' + MODEL,
        [(7, 3, EXTENSIONS)],
    ),
    "empty schemas": (
        'datasource db {\n  provider = "postgresql"\n  schemas = []\n}\n\n' + MODEL,
        [(3, 13, "If provided, the schemas array can not be empty.")],
    ),
    "a schema listed twice": (
        'datasource db {\n  provider = "postgresql"\n  schemas = ["a", "public", "b", "public", "a"]\n}\n\n'
        'model users {\n  id Int @id\n  @@schema("public")\n}\n',
        [(3, 14, "Duplicated schema names are not allowed"), (3, 19, "Duplicated schema names are not allowed")],
    ),
    # Checked in drift.prisma.resolve, with the provider: Prisma takes no env() and nothing but a string literal.
    "a provider from env()": (
        'datasource db {\n  provider = env("P")\n}\n\n' + MODEL,
        [(1, 1, "A datasource must not use the env() function in the provider argument.")],
    ),
    **{
        f"a provider that is not a string: {value}": (
            f"datasource db {{\n  provider = {value}\n}}\n\n" + MODEL,
            [(2, 14, "Error validating datasource `db`: The provider argument in a datasource must be a string "
                     "literal")],
        )
        for value in ('["postgresql"]', "postgresql", "1", 'foo("x")')
    },
    "views without the preview feature": (
        DATASOURCE + "view V {\n  id Int @unique\n}\n\nview W {\n  id Int @unique\n}\n\n" + MODEL,
        [(6, 1, VIEWS), (10, 1, VIEWS)],
    ),
    "extensions named by a string": (
        'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["postgresqlExtensions"]\n}\n\n'
        'datasource db {\n  provider = "postgresql"\n  extensions = "pg_trgm"\n}\n\n'
        'datasource db2 {\n  provider = "postgresql"\n  extensions = [pg_trgm, "x"]\n}\n\n' + MODEL,
        [
            (6, 1, TWO_DATASOURCES.format("db")),
            (8, 16, 'Expected a constant or function value, but received string value `"pg_trgm"`.'),
            (11, 1, TWO_DATASOURCES.format("db2")),
            (13, 26, 'Expected a constant or function value, but received string value `"x"`.'),
        ],
    ),
    "referentialIntegrity with relationMode": (
        'datasource db {\n  provider = "postgresql"\n  referentialIntegrity = "prisma"\n  relationMode = "prisma"\n}\n\n'
        + MODEL,
        [(3, 3, "The `referentialIntegrity` and `relationMode` attributes cannot be used together. Please use only "
                "`relationMode` instead.")],
    ),
    # accepted
    "the preview features of any generator, a string for one": (
        'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = "views"\n}\n\n'
        'generator other {\n  provider = "x"\n  previewFeatures = ["postgresqlExtensions"]\n}\n\n'
        'datasource db {\n  provider = "postgresql"\n  extensions = [pgcrypto]\n  relationMode = "prisma"\n'
        '  directUrl = env("DIRECT")\n  shadowDatabaseUrl = env("SHADOW")\n}\n\n'
        "view V {\n  id Int @unique\n}\n\n" + MODEL,
        [],
    ),
    "no datasource, no generator": (MODEL, []),
    "one extension without brackets, referentialIntegrity alone": (
        'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["postgresqlExtensions"]\n}\n\n'
        'datasource db {\n  provider = "postgresql"\n  extensions = uuidOssp(map: "uuid-ossp")\n'
        '  referentialIntegrity = "prisma"\n}\n\n' + MODEL,
        [],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_configuration_as_prisma_judges_it(case: str) -> None:
    text, expected = CASES[case]
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not diagnostics
    resolved = resolve_schema(Schema(files=[schema_file]))
    assert [(d.span.line, d.span.column, d.message) for d in resolved.errors] == expected
