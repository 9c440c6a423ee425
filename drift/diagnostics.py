"""Positions in source files and the diagnostics that point at them.

A `Span` is small and frozen: the file name as given to the parser, byte offsets into the file's UTF-8 text
(`start` inclusive, `end` exclusive) and the 1-based line and column of both ends (columns count characters).
A `Diagnostic` is a finding about the user's input; analysis collects them and never raises for a user's mistake.
`render_diagnostic` turns one into the compiler-style text the CLI prints:

    error: This line is not a valid field or attribute.
      --> schema.prisma:4:12
       |
     4 |   name String @@id
       |               ^^^^
       = hint: ...
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict
from pydantic_core import core_schema

Severity = Literal["error", "warning"]


class Span(NamedTuple):
    """A named tuple rather than a pydantic model: a parse makes one per node, and a tuple is a third of the
    memory and much faster to make. In pydantic models it validates from and serializes to an object."""

    file: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler) -> core_schema.CoreSchema:
        fields = {
            name: core_schema.typed_dict_field(core_schema.str_schema() if name == "file" else core_schema.int_schema())
            for name in cls._fields
        }
        from_mapping = core_schema.no_info_after_validator_function(
            lambda mapping: cls(**mapping), core_schema.typed_dict_schema(fields)
        )
        return core_schema.union_schema(
            [core_schema.is_instance_schema(cls), from_mapping],
            serialization=core_schema.plain_serializer_function_ser_schema(lambda span: span._asdict()),
        )


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    severity: Severity
    message: str
    span: Span
    hint: str | None = None


def render_diagnostic(diagnostic: Diagnostic, text: str | None) -> str:
    """Render one diagnostic; `text` is the file's contents (None when unavailable: no source excerpt)."""
    span = diagnostic.span
    gutter = " " * len(str(span.line))
    out = [f"{diagnostic.severity}: {diagnostic.message}", f"{gutter} --> {span}"]
    lines = text.split("\n") if text is not None else []
    if 1 <= span.line <= len(lines):
        source_line = lines[span.line - 1].rstrip("\r").replace("\t", " ")
        number = str(span.line)
        pad = " " * len(number)
        if span.end_line == span.line and span.end_column > span.column:
            width = span.end_column - span.column
        else:
            width = max(1, len(source_line) - span.column + 1) if span.end_line > span.line else 1
        out += [
            f" {pad} |",
            f" {number} | {source_line}",
            f" {pad} | {' ' * (span.column - 1)}{'^' * max(1, width)}",
        ]
    if diagnostic.hint:
        out.append(f" {' ' * len(str(span.line))} = hint: {diagnostic.hint}")
    return "\n".join(out)


def render_diagnostics(diagnostics: list[Diagnostic], sources: dict[str, str]) -> str:
    """Render several diagnostics, each with its file's text from `sources` (file name -> text)."""
    return "\n\n".join(render_diagnostic(d, sources.get(d.span.file)) for d in diagnostics)
