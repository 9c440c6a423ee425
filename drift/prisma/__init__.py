"""The Prisma side: schema.prisma -> AST -> resolved names -> the expected DatabaseSchema.

Importing this package is cheap: the parser (and lark) load only when a schema is read.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from drift.model.schema import DatabaseSchema

__all__ = ["ExpectedSchema", "expected_schema", "load_expected_schema", "lower_prisma_schema"]


class ExpectedSchema(BaseModel):
    """The database a schema.prisma implies, and the datasource settings that say how to compare it."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    database: DatabaseSchema
    # The datasource's `schemas = [...]`, or ("public",).
    schemas: tuple[str, ...] = ("public",)
    relation_mode: str = "foreignKeys"
    # The datasource lists its schemas (`schemas = [...]`, even just one): Prisma then wants @@schema on every model
    # and enum, so suggested ones carry it.
    multi_schema: bool = False
    # A generator enables the `partialIndexes` preview feature: Prisma then manages indexes' WHERE conditions, so
    # a partial index only in the database is an extra index (without it, Prisma leaves partial indexes alone).
    partial_indexes: bool = False


def lower_prisma_schema(schema, url_schema: str | None = None) -> ExpectedSchema:
    """Resolve and lower a parsed `drift.prisma.ast.Schema`; raises BadInput with rendered diagnostics. `url_schema`:
    the `?schema=` of the URL the database is read through, where Prisma puts the models without @@schema."""
    from drift.prisma.lower import lower_schema_checked
    from drift.prisma.resolve import resolve_schema

    resolved = resolve_schema(schema, url_schema)
    if resolved.errors:
        raise _bad_input(resolved.errors)
    database, diagnostics = lower_schema_checked(resolved)
    if diagnostics:
        raise _bad_input(diagnostics)
    return expected_schema(database, resolved)


def expected_schema(database: DatabaseSchema, resolved) -> ExpectedSchema:
    """The lowered `database` with the settings of its ResolvedSchema (`drift.prisma.resolve`)."""
    # Every value is already of its type: no validation (which would build the validators of every model class).
    return ExpectedSchema.model_construct(
        database=database,
        schemas=resolved.schemas,
        relation_mode=resolved.relation_mode,
        multi_schema=bool(resolved.datasource is not None and resolved.datasource.schemas),
        partial_indexes=any("partialIndexes" in generator.preview_features for generator in resolved.schema.generators),
    )


def load_expected_schema(path: Path, url_schema: str | None = None) -> ExpectedSchema:
    """Read schema.prisma (or a folder of .prisma files) and lower it; raises BadInput on a bad schema."""
    from drift.prisma.parse import parse_schema_path

    return lower_prisma_schema(parse_schema_path(Path(path)), url_schema)


def _bad_input(diagnostics):
    from drift.diagnostics import render_diagnostics
    from drift.errors import BadInput

    sources: dict[str, str] = {}
    for diagnostic in diagnostics:
        file = diagnostic.span.file
        if file not in sources:
            try:
                sources[file] = Path(file).read_text(encoding="utf-8")
            except OSError:
                pass
    return BadInput(render_diagnostics(diagnostics, sources))
