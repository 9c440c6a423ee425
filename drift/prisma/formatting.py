"""What `drift format` and `drift parse` do, as library functions (the CLI only prints and picks exit codes)."""

from __future__ import annotations

from pathlib import Path

from drift.prisma.ast import Schema
from drift.prisma.parse import PrismaSchemaError, parse_sources, read_schema_sources
from drift.prisma.printer import render_attribute, render_field_type, render_schema_file, render_value

__all__ = ["describe_schema", "format_schema_path"]


def format_schema_path(path: Path) -> list[tuple[str, str, str]]:
    """(file, original text, formatted text) for each file of a schema; raises PrismaSchemaError on errors."""
    sources = read_schema_sources(Path(path))
    schema, diagnostics = parse_sources(sources)
    errors = [diagnostic for diagnostic in diagnostics if diagnostic.severity == "error"]
    if errors:
        raise PrismaSchemaError(errors, sources)
    return [
        (schema_file.path, sources[schema_file.path], render_schema_file(schema_file)) for schema_file in schema.files
    ]


def describe_schema(schema: Schema) -> str:
    """A readable outline of the syntax tree: one line per declaration, field, value and attribute, with positions."""
    lines: list[str] = []
    for schema_file in schema.files:
        lines.append(f"file {schema_file.path}")
        for declaration in schema_file.declarations:
            span = declaration.span
            position = f"[{span.line}:{span.column}-{span.end_line}:{span.end_column}]"
            lines.append(f"  {declaration.kind} {declaration.name}  {position}")
            if declaration.documentation:
                lines.append(f"    doc: {declaration.documentation!r}")
            if declaration.kind in ("datasource", "generator"):
                for prop in declaration.properties:
                    lines.append(f"    {prop.name} = {render_value(prop.value)}  [{prop.span.line}:{prop.span.column}]")
                continue
            members = declaration.values if declaration.kind == "enum" else declaration.fields
            for member in members:
                text = member.name
                if declaration.kind != "enum":
                    text += " " + render_field_type(member.type)
                for attribute in member.attributes:
                    text += " " + render_attribute(attribute)
                lines.append(f"    {text}  [{member.span.line}:{member.span.column}]")
            for attribute in declaration.attributes:
                lines.append(f"    {render_attribute(attribute)}  [{attribute.span.line}:{attribute.span.column}]")
        for comment in schema_file.comments:
            lines.append(f"  comment {comment.text!r}  [{comment.span.line}:{comment.span.column}]")
    return "\n".join(lines)
