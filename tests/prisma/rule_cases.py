"""Shared by the tests of Prisma's validation rules: a whole schema in, its errors as Prisma places them out."""

from __future__ import annotations

from drift.prisma.ast import Schema
from drift.prisma.parse import parse_source
from drift.prisma.resolve import resolve_schema


def resolved_errors(text: str) -> list[tuple[int, int, str]]:
    """The (line, column, message) of every error resolving `text` gives, sorted; the text must parse."""
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not diagnostics
    resolved = resolve_schema(Schema(files=[schema_file]))
    return sorted((d.span.line, d.span.column, d.message) for d in resolved.errors)
