"""Cut a schema.prisma (one file or several) in two for a sharded lowering (drift.prisma.sharded): each part is the
whole text with the other part's `model` blocks blanked out.

A line scan finds the top-level blocks: a block opens on a line `model Name {` (or view, type, enum, datasource,
generator) and closes on a line holding only `}`; between blocks only blank and `//` comment lines may stand. Any
other layout (a block opened and closed on one line, text between blocks, a block left open) gives no cut, and the
schema is lowered in one process as usual. The scan only chooses where to cut: both parts are parsed by the real
parser, which reports anything it got wrong, and the sharded lowering then falls back to the whole file.

Blanking keeps every other line's line number, column and byte offset: each blanked character becomes as many
spaces as its UTF-8 encoding has bytes (spans count bytes), newlines stay. Only `model` blocks are divided; enums,
views, composite types and the configuration blocks stay in both parts (they are small, and both processes need
them to resolve their models). A model's `//` and `///` comment lines directly above it go with it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Block", "blocks", "cut_sources"]

# Each pattern matches a line with the newline before it (the text is searched with one newline put in front):
# anchoring on "\n" is several times faster than `^` with re.MULTILINE.
_START = re.compile(
    r"\n[ \t]*(model|view|type|enum|datasource|generator)[ \t]+([^\W\d_]\w*)[ \t]*\{[ \t]*(?://[^\n]*)?\r?"
    r"(?=\n|\Z)"
)
_END = re.compile(r"\n[ \t]*\}[ \t]*(?://[^\n]*)?\r?(?=\n|\Z)")
# What may stand between blocks: blank lines and comment lines.
_GAP_LINE = re.compile(r"[ \t]*(?://[^\n]*)?\r?")


class Block(NamedTuple):
    kind: str
    name: str
    # Offsets (in characters) of the block's first line (its comment lines included) and just past its last line.
    start: int
    end: int


def blocks(text: str) -> list[Block] | None:
    """The top-level blocks of `text` in order, or None when its layout is not the plain one described above."""
    padded = "\n" + text  # offset p in `padded` is p - 1 in `text`: a match's "\n" sits where its line starts
    starts = list(_START.finditer(padded))
    ends = [match.end() for match in _END.finditer(padded)]
    if len(starts) != len(ends):
        return None
    found: list[Block] = []
    previous_end = 0
    for start, end in zip(starts, ends):
        line_start = start.start()
        if not previous_end <= line_start < end or (found and line_start < previous_end):
            return None
        first = _first_comment_line(text, previous_end, line_start)
        if first is None:
            return None
        block_end = min(end, len(text))  # just past the closing line's newline
        found.append(Block(start.group(1), start.group(2), first, block_end))
        previous_end = block_end
    if _first_comment_line(text, previous_end, len(text)) is None:
        return None
    return found


def _first_comment_line(text: str, gap_start: int, gap_end: int) -> int | None:
    """Where the comment lines directly above `gap_end` begin (`gap_end` if none), when the gap holds only blank
    and comment lines; None otherwise."""
    first = gap_end
    lines = text[gap_start:gap_end].split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    position = gap_end
    attached = True
    for line in reversed(lines):
        position -= len(line) + 1
        if _GAP_LINE.fullmatch(line) is None:
            return None
        if attached and line.lstrip(" \t").startswith("//"):
            first = max(position, gap_start)
        else:
            attached = False
    return first


def cut_sources(sources: dict[str, str], found: dict[str, list[Block]],
                share: float = 0.5) -> tuple[dict[str, str], dict[str, str], int] | None:
    """(first part, second part, number of models in the first) of a schema's files (file name -> text, and -> its
    blocks): the models, taken in file order, are divided so that the first part holds about `share` of their text;
    each part has every file, the other part's models blanked. None when there are fewer than two models."""
    models = [(file, block) for file in sources for block in found[file] if block.kind == "model"]
    if len(models) < 2:
        return None
    total = sum(block.end - block.start for _, block in models)
    size, count = 0, 0
    for _, block in models:
        if count and size >= total * share:
            break
        size += block.end - block.start
        count += 1
    count = min(count, len(models) - 1)
    first, second = {}, {}
    for file, text in sources.items():
        first[file] = _blanked(text, [block for owner, block in models[count:] if owner == file])
        second[file] = _blanked(text, [block for owner, block in models[:count] if owner == file])
    return first, second, count


def _blanked(text: str, regions: list[Block]) -> str:
    pieces, position = [], 0
    for block in regions:
        pieces.append(text[position:block.start])
        pieces.append(_blank(text[block.start:block.end]))
        position = block.end
    pieces.append(text[position:])
    return "".join(pieces)


_SPACES = {code: " " for code in range(128) if code != 10}  # every ASCII character but the newline -> a space


def _blank(segment: str) -> str:
    if segment.isascii():
        return segment.translate(_SPACES)
    return "\n".join([" " * len(line.encode("utf-8")) for line in segment.split("\n")])
