"""Positions in source files and the diagnostics that point at them.

A `Span` is small and immutable (one integer): the file name as given to the parser, byte offsets into the file's
UTF-8 text (`start` inclusive, `end` exclusive) and the 1-based line and column of both ends (columns count
characters).
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

import functools
import threading
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic_core import core_schema

Severity = Literal["error", "warning"]

# A Span packs its six numbers into one integer, 32 bits each, under the file's number in a registry (from 1, so
# that no span is zero, i.e. false). A parse makes one per node, so it is an int and not a tuple: a third of the
# memory of a named tuple and its numbers (80 bytes with pymalloc's rounding; like every instance of a class defined
# in Python it is still tracked by the cyclic garbage collector), and a span at a known distance from another on the
# same line is one addition away (`span_offset`).
_BITS = 32
_LIMIT = 1 << _BITS
_MASK = _LIMIT - 1
_FIELDS = ("file", "start", "end", "line", "column", "end_line", "end_column")
# Bit offsets, lowest first: end_column, end_line, column, line, end, start, then the file's number.
_END_COLUMN, _END_LINE, _COLUMN, _LINE, _END, _START, _FILE = (index * _BITS for index in range(7))

_FILES: list[str] = [""]  # number -> file name (number 0 unused)
_FILE_NUMBERS: dict[str, int] = {}
_FILES_LOCK = threading.Lock()


def _file_number(file: str) -> int:
    number = _FILE_NUMBERS.get(file)
    if number is None:
        with _FILES_LOCK:
            number = _FILE_NUMBERS.get(file)
            if number is None:
                number = _FILE_NUMBERS[file] = len(_FILES)
                _FILES.append(file)
    return number


# The registry holds any text packed into an integer this way: `drift.model.schema.PrismaOrigin` keeps its model
# and field names there too. Numbers are process-local: packed values are pickled by value.
text_number = _file_number
texts = _FILES


def pack_span(file: str, start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> int:
    """The integer of a Span (see `Span.packed`); the numbers must be in [0, 2**32)."""
    return (
        (_FILE_NUMBERS.get(file) or _file_number(file)) << _FILE
        | start << _START
        | end << _END
        | line << _LINE
        | column << _COLUMN
        | end_line << _END_LINE
        | end_column
    )


_START_AND_COLUMN = 1 << _START | 1 << _COLUMN
_END_AND_END_COLUMN = 1 << _END | 1 << _END_COLUMN
_START_AND_END = 1 << _START | 1 << _END
_LINE_AND_END_LINE = 1 << _LINE | 1 << _END_LINE
_COLUMN_AND_END_COLUMN = 1 << _COLUMN | 1 << _END_COLUMN


def pack_place(file: str, start: int, line: int, column: int) -> int:
    """`pack_span` of the empty span at a place (what `span_offset`s are added to), in a third of the time."""
    return (
        ((_FILE_NUMBERS.get(file) or _file_number(file)) << _FILE)
        + start * _START_AND_END
        + line * _LINE_AND_END_LINE
        + column * _COLUMN_AND_END_COLUMN
    )


# pack_place(file, start, line, column) == pack_place(file, 0, 0, 0) + start * PLACE_START + line * PLACE_LINE
# + column * PLACE_COLUMN: a loop over the lines of one file adds these up without a call per line.
PLACE_START, PLACE_LINE, PLACE_COLUMN = _START_AND_END, _LINE_AND_END_LINE, _COLUMN_AND_END_COLUMN


# The bits of a packed span's end (offset, line, column): a span from the start of one to the end of another in the
# same file keeps the first's other bits and takes these from the last (`JOIN_ENDS`, `JOIN_STARTS`).
JOIN_ENDS = _MASK << _END | _MASK << _END_LINE | _MASK << _END_COLUMN
JOIN_STARTS = ~JOIN_ENDS
# The bits of a packed span without its end line and end column (file, start, end, line, column).
SPAN_WITHOUT_END_PLACE = ~(_MASK << _END_LINE | _MASK << _END_COLUMN)


def span_offset(start: int, end: int) -> int:
    """What to add to the packed span of a place (start = end, column = end column) on a line of an ASCII text to
    get the span `start` to `end` characters after it: two multiplications, half the time of `pack_span`."""
    return start * _START_AND_COLUMN + end * _END_AND_END_COLUMN


class Span(int):
    """Where a node or diagnostic is: the file name as given to the parser, byte offsets `start` (inclusive) and
    `end` (exclusive), and the 1-based `line` and `column` of both ends. Immutable and hashable; equal spans are
    equal. In pydantic models it validates from and serializes to an object of those seven fields."""

    __slots__ = ()
    _fields = _FIELDS

    def __new__(cls, file: str, start: int, end: int, line: int, column: int, end_line: int, end_column: int):
        for name, value in zip(_FIELDS[1:], (start, end, line, column, end_line, end_column)):
            if not 0 <= value < _LIMIT:
                raise ValueError(f"span {name} {value} is out of range")
        return int.__new__(cls, pack_span(file, start, end, line, column, end_line, end_column))

    @property
    def file(self) -> str:
        return _FILES[self >> _FILE]

    @property
    def start(self) -> int:
        return self >> _START & _MASK

    @property
    def end(self) -> int:
        return self >> _END & _MASK

    @property
    def line(self) -> int:
        return self >> _LINE & _MASK

    @property
    def column(self) -> int:
        return self >> _COLUMN & _MASK

    @property
    def end_line(self) -> int:
        return self >> _END_LINE & _MASK

    @property
    def end_column(self) -> int:
        return int(self & _MASK)

    def _asdict(self) -> dict:
        return {name: getattr(self, name) for name in _FIELDS}

    def __iter__(self):
        return iter(tuple(getattr(self, name) for name in _FIELDS))

    def __reduce__(self):
        # By value: a file's number means nothing in another process.
        return Span, tuple(self)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _FIELDS)
        return f"Span({fields})"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler) -> core_schema.CoreSchema:
        fields = {
            name: core_schema.typed_dict_field(core_schema.str_schema() if name == "file" else core_schema.int_schema())
            for name in _FIELDS
        }
        from_mapping = core_schema.no_info_after_validator_function(
            lambda mapping: cls(**mapping), core_schema.typed_dict_schema(fields)
        )
        return core_schema.union_schema(
            [core_schema.is_instance_schema(cls), from_mapping],
            serialization=core_schema.plain_serializer_function_ser_schema(lambda span: span._asdict()),
        )


# The span of an integer from `pack_span` (plus `span_offset`s), without checks: for the parser's hot paths (a
# partial object is called without a Python frame).
packed_span = functools.partial(int.__new__, Span)


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
