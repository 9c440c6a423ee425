"""The configuration blocks as Prisma checks them: one datasource, with a provider and the properties Prisma knows;
generators with a provider; what a preview feature gates (`extensions`, views).

Every message is Prisma's (drift.prisma.messages), each case checked with its validator in
tests/prisma/test_config_rules.py. The checks read the few configuration blocks and views, never a model's fields.
"""

from __future__ import annotations

from drift.diagnostics import Diagnostic
from drift.prisma import ast, messages
from drift.prisma.attribute_rules import schema_error

# The properties a PostgreSQL datasource takes (`url`, `directUrl` and `shadowDatabaseUrl` are Prisma 6's: Prisma 7
# reads them from prisma.config.ts, and drift still reads the URL from them; `referentialIntegrity` is
# `relationMode`'s old name, a warning to Prisma).
DATASOURCE_PROPERTIES = frozenset(
    {"provider", "url", "directUrl", "shadowDatabaseUrl", "relationMode", "referentialIntegrity", "extensions",
     "schemas"}
)


def preview_features(schema: ast.Schema) -> frozenset[str]:
    """The preview features any generator enables (Prisma takes the union of all generators')."""
    return frozenset(feature for generator in schema.generators for feature in generator.preview_features)


def config_diagnostics(schema: ast.Schema, features: frozenset[str]) -> list[Diagnostic]:
    """Prisma's errors against the datasources, the generators, and the views without the `views` preview feature.
    `features`: the schema's preview features (`preview_features`)."""
    found: list[Diagnostic] = []
    datasources = schema.datasources
    for datasource in datasources:
        provider = datasource.property("provider")
        if provider is None:
            found.append(schema_error(messages.DATASOURCE_NO_PROVIDER.format(name=datasource.name), datasource.span))
        elif isinstance(provider, ast.FunctionCall) and provider.name == "env":
            found.append(schema_error(messages.PROVIDER_FROM_ENV, datasource.span))
        elif not isinstance(provider, ast.StringValue):  # Prisma reads the provider as a string literal only
            found.append(schema_error(messages.PROVIDER_NOT_STRING.format(name=datasource.name), provider.span))
        if len(datasources) > 1:
            found.append(schema_error(messages.TWO_DATASOURCES.format(name=datasource.name), datasource.span))
        for prop in datasource.properties:
            name = prop.name
            if name == "previewFeatures":
                found.append(schema_error(messages.PREVIEW_FEATURES_IN_DATASOURCE, prop.span))
            elif name not in DATASOURCE_PROPERTIES:
                found.append(schema_error(messages.UNKNOWN_PROPERTY.format(name=name), prop.span))
            elif name == "extensions" and "postgresqlExtensions" not in features:
                found.append(schema_error(messages.EXTENSIONS_PREVIEW, prop.span))
            elif name == "extensions":
                items = prop.value.items if isinstance(prop.value, ast.ArrayValue) else [prop.value]
                found += [
                    schema_error(messages.STRING_EXTENSION.format(value=item.value), item.span)
                    for item in items
                    if isinstance(item, ast.StringValue)
                ]
            elif name == "referentialIntegrity" and datasource.property("relationMode") is not None:
                found.append(schema_error(messages.BOTH_RELATION_MODES, prop.span))
            elif name == "schemas" and isinstance(prop.value, ast.ArrayValue):
                found += _schemas_diagnostics(prop.value)
    for generator in schema.generators:
        if generator.property("provider") is None:
            found.append(schema_error(messages.GENERATOR_NO_PROVIDER.format(name=generator.name), generator.span))
    if "views" not in features:
        found += [schema_error(messages.VIEWS_PREVIEW, view.span) for view in schema.views]
    # `type` blocks are MongoDB's (drift reads PostgreSQL only).
    found += [schema_error(messages.COMPOSITE_TYPES_POSTGRES, block.span) for block in schema.composite_types]
    return found


def _schemas_diagnostics(value: ast.ArrayValue) -> list[Diagnostic]:
    """`schemas = []`, or a name listed twice (Prisma's error on the first of each)."""
    if not value.items:
        return [schema_error(messages.EMPTY_SCHEMAS, value.span)]
    names = [item.value for item in value.items if isinstance(item, ast.StringValue)]
    if len(set(names)) == len(names):
        return []
    found, reported = [], set()
    for item in value.items:
        if isinstance(item, ast.StringValue) and item.value not in reported and names.count(item.value) > 1:
            reported.add(item.value)
            found.append(schema_error(messages.DUPLICATE_SCHEMA, item.span))
    return found
