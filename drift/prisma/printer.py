"""Render the syntax tree back to text exactly as `prisma format` writes it.

Prisma's formatter, as observed with its own engine (fixtures/prisma/oracle):
- Inside a block, rows (fields, enum values, `key = value` properties) are laid out as a table: each column is
  padded to the widest cell plus one space, measured in UTF-8 bytes; the last cell of a row is not padded.
  An empty line starts a new table (one blank line is kept); comment lines are rows without cells, so they
  do not break the alignment. Empty lines at the start and end of a block and before block attributes go away.
- Field attributes are sorted (stably) by a fixed order: id, unique, default, updatedAt, index, fulltext, map,
  relation, ignore, then everything else (`@db.*`) in written order. Block attributes are sorted the same way
  and moved after the fields, behind one blank line; a comment block directly above a block attribute moves
  with it. Enum value attributes are written back to back (Prisma's formatter leaves out the space).
- Between top-level items, a blank line follows a block whenever the next item starts on a later line, and
  follows a comment when empty lines separated them in the source; comments after `{` are dropped.
- Trailing comments follow their row after one space; `/* */` comments on their own lines are re-laid as
  `/**`, ` * line`, ` */`; the output ends with a newline.
"""

from __future__ import annotations

from collections.abc import Iterable

from drift.prisma.ast import (
    Argument,
    ArrayValue,
    Attribute,
    Comment,
    ConfigProperty,
    ConstantValue,
    Enum,
    EnumValue,
    Field,
    FieldType,
    FunctionCall,
    Model,
    NumberValue,
    ObjectValue,
    Schema,
    SchemaFile,
    StringValue,
)

__all__ = [
    "comment_lines",
    "render_attribute",
    "render_field_type",
    "render_schema",
    "render_schema_file",
    "render_value",
    "string_literal",
]

INDENT = "  "
_ATTRIBUTE_ORDER = {
    name: index
    for index, name in enumerate(
        ["id", "unique", "default", "updatedAt", "index", "fulltext", "map", "relation", "ignore"]
    )
}
_LAST = len(_ATTRIBUTE_ORDER)


def string_literal(value: str) -> str:
    """A Prisma string literal for `value` (quotes and backslashes escaped, control characters as JSON escapes)."""
    out = ['"']
    for character in value:
        if character in '"\\':
            out.append("\\" + character)
        elif character == "\n":
            out.append("\\n")
        elif character == "\r":
            out.append("\\r")
        elif character == "\t":
            out.append("\\t")
        elif ord(character) < 0x20:
            out.append(f"\\u{ord(character):04x}")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


def render_value(value) -> str:
    if isinstance(value, StringValue):
        return value.raw
    if isinstance(value, NumberValue):
        return value.text
    if isinstance(value, ConstantValue):
        return value.name
    if isinstance(value, FunctionCall):
        return f"{value.name}({_render_arguments(value.args)})"
    if isinstance(value, ArrayValue):
        return "[" + ", ".join(render_value(item) for item in value.items) + "]"
    if isinstance(value, ObjectValue):
        # As `prisma format` writes it: `{ n: { not: null } }`, `{}` when empty.
        return "{ " + _render_arguments(value.entries) + " }" if value.entries else "{}"
    raise TypeError(f"not a Prisma value: {value!r}")


def _render_argument(argument: Argument) -> str:
    if argument.name is None:
        return render_value(argument.value)
    return f"{argument.name}: {render_value(argument.value)}"


def _render_arguments(args: list[Argument]) -> str:
    return ", ".join(_render_argument(argument) for argument in args)


def render_attribute(attribute: Attribute) -> str:
    text = attribute.written
    if attribute.parenthesized or attribute.args:
        text += f"({_render_arguments(attribute.args)})"
    return text


def render_field_type(field_type: FieldType) -> str:
    if field_type.unsupported is not None:
        text = f"Unsupported({string_literal(field_type.unsupported)})"
    else:
        text = field_type.name
    if field_type.list:
        text += "[]"
    if field_type.optional:
        text += "?"
    return text


def _sorted_attributes(attributes: Iterable[Attribute]) -> list[Attribute]:
    return sorted(attributes, key=lambda attribute: _ATTRIBUTE_ORDER.get(attribute.name, _LAST))


# ---------------------------------------------------------------------------- the table layout


class _Table:
    """Rows of cells aligned in columns; a row is (cells, suffix) where the suffix is a trailing comment."""

    def __init__(self, out: list[str], indent: str):
        self.out = out
        self.indent = indent
        self.rows: list[tuple[list[str], str]] = []

    def add(self, cells: list[str], suffix: str = "") -> None:
        while cells and cells[-1] == "":
            cells.pop()
        self.rows.append((cells, suffix))

    def blank(self) -> None:
        self.rows.append(([], ""))

    def render(self) -> None:
        widths: list[int] = []
        for cells, _ in self.rows:
            for index, cell in enumerate(cells):
                width = len(cell.encode("utf-8"))
                if index == len(widths):
                    widths.append(width)
                elif width > widths[index]:
                    widths[index] = width
        for cells, suffix in self.rows:
            parts = []
            last = len(cells) - 1
            for index, cell in enumerate(cells):
                parts.append(cell)
                if index != last:
                    parts.append(" " * (widths[index] - len(cell.encode("utf-8")) + 1))
            if suffix:
                if cells:
                    parts.append(" ")
                parts.append(suffix)
            line = "".join(parts)
            self.out.append(self.indent + line if line else "")
        self.rows = []


# ---------------------------------------------------------------------------- blocks


def _suffix(comment: Comment | None) -> str:
    return comment.text if comment is not None else ""


def _row_cells(member) -> tuple[list[str], str]:
    if isinstance(member, Field):
        attributes = " ".join(render_attribute(attribute) for attribute in _sorted_attributes(member.attributes))
        return [member.name, render_field_type(member.type), attributes], _suffix(member.trailing_comment)
    if isinstance(member, EnumValue):
        # Prisma writes enum value attributes without a separating space.
        attributes = "".join(render_attribute(attribute) for attribute in _sorted_attributes(member.attributes))
        return [member.name, attributes], _suffix(member.trailing_comment)
    if isinstance(member, ConfigProperty):
        return [member.name, "= " + render_value(member.value)], _suffix(member.trailing_comment)
    raise TypeError(f"not a block row: {member!r}")


def comment_lines(comment: Comment) -> list[str]:
    """A comment on its own line(s) as Prisma writes it: `//` comments as they are, `/* */` ones re-laid as
    `/**`, ` * text` for each non-empty line (leading `*` dropped), ` */`."""
    text = comment.text
    if not text.startswith("/*"):
        return [text]
    lines = ["/**"]
    for line in text[2:-2].split("\n"):
        line = line.strip()
        if line.startswith("*"):
            line = line[1:].lstrip()
        if line:
            lines.append(" * " + line)
    lines.append(" */")
    return lines


def _block_entries(block) -> list[tuple[int, int, str, object]]:
    """(line, end line, kind, node) for everything inside a block, in source order; kind: row, comment, attribute."""
    header_line = block.span.line
    if isinstance(block, Model):
        rows = block.fields
    elif isinstance(block, Enum):
        rows = block.values
    else:
        rows = block.properties
    attributes = getattr(block, "attributes", [])
    entries: list[tuple[int, int, str, object]] = []
    for member in rows:
        entries.append((member.span.line, member.span.start, "row", member))
    for attribute in attributes:
        entries.append((attribute.span.line, attribute.span.start, "attribute", attribute))
    for member in [*rows, *attributes]:
        for comment in member.doc_comments:
            entries.append((comment.span.line, comment.span.start, "comment", comment))
    for comment in block.comments:
        # Comments on the header line (after `{`) are dropped by Prisma's formatter.
        if comment.span.line != header_line:
            entries.append((comment.span.line, comment.span.start, "comment", comment))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    return [(line, node.span.end_line, kind, node) for line, _, kind, node in entries]


def _group_comment_blocks(entries):
    """Merge runs of comment lines on consecutive lines: [(first_line, last_line, kind, payload)]."""
    grouped: list[list] = []
    for line, end_line, kind, node in entries:
        if kind == "comment" and grouped and grouped[-1][2] == "comment" and grouped[-1][1] == line - 1:
            grouped[-1][1] = end_line
            grouped[-1][3].append(node)
        elif kind == "comment":
            grouped.append([line, end_line, "comment", [node]])
        else:
            grouped.append([line, end_line, kind, node])
    return grouped


def _render_block(block, out: list[str]) -> None:
    keyword = block.kind
    out.append(f"{keyword} {block.name} {{")
    items = _group_comment_blocks(_block_entries(block))
    table = _Table(out, INDENT)
    attributes: list[tuple[list[Comment], Attribute]] = []
    previous_last_line = None
    for index, (first_line, last_line, kind, payload) in enumerate(items):
        after_empty_lines = previous_last_line is not None and first_line - previous_last_line > 1
        previous_last_line = last_line
        following = items[index + 1] if index + 1 < len(items) else None
        if kind == "comment":
            if following is not None and following[2] == "attribute" and following[0] == last_line + 1:
                continue
            if after_empty_lines:
                table.render()
                table.blank()
            for comment in payload:
                for text in comment_lines(comment):
                    table.add([], text)
        elif kind == "row":
            if after_empty_lines:
                table.render()
                table.blank()
            cells, suffix = _row_cells(payload)
            table.add(cells, suffix)
        else:
            comments = []
            if index > 0 and items[index - 1][2] == "comment" and items[index - 1][1] == first_line - 1:
                comments = items[index - 1][3]
            attributes.append((comments, payload))
    table.render()
    if attributes:
        table.blank()
        order = sorted(
            range(len(attributes)), key=lambda position: _ATTRIBUTE_ORDER.get(attributes[position][1].name, _LAST)
        )
        for position in order:
            comments, attribute = attributes[position]
            for comment in comments:
                for text in comment_lines(comment):
                    table.add([], text)
            table.add([render_attribute(attribute)], _suffix(attribute.trailing_comment))
        table.render()
    out.append("}")


def render_generated_block(header: str, rows: list[list[str]], block_attributes: list[tuple[str, str]]) -> str:
    """A block made from parts (not parsed) laid out as `_render_block` lays out a parsed one: `header` (`model X`),
    field rows as cells (name, type, attributes), block attributes as (name without @@, text) in any order."""
    out = [f"{header} {{"]
    table = _Table(out, INDENT)
    for cells in rows:
        table.add(list(cells))
    table.render()
    if block_attributes:
        table.blank()
        for _, text in sorted(block_attributes, key=lambda item: _ATTRIBUTE_ORDER.get(item[0], _LAST)):
            table.add([text])
        table.render()
    out.append("}")
    return "\n".join(out)


def render_schema_file(schema_file: SchemaFile) -> str:
    """One file's text as `prisma format` writes it."""
    items: list[tuple[int, int, str, object]] = []
    for declaration in schema_file.declarations:
        items.append((declaration.span.start, declaration.span.line, "block", declaration))
        for comment in declaration.doc_comments:
            items.append((comment.span.start, comment.span.line, "comment", comment))
    for comment in schema_file.comments:
        items.append((comment.span.start, comment.span.line, "comment", comment))
    items.sort(key=lambda item: (item[0], item[1]))
    out: list[str] = []
    previous: tuple[str, int] | None = None
    for _, line, kind, node in items:
        if previous is not None:
            previous_kind, previous_line = previous
            if (
                previous_kind == "block"
                and line > previous_line
                or previous_kind == "comment"
                and line > previous_line + 1
            ):
                out.append("")
        if kind == "block":
            _render_block(node, out)
            previous = ("block", node.span.end_line)
        else:
            out.extend(comment_lines(node))
            previous = ("comment", node.span.end_line)
    return "\n".join(out) + "\n"


def render_schema(schema: Schema) -> dict[str, str]:
    """Each file's formatted text, keyed by its path."""
    return {schema_file.path: render_schema_file(schema_file) for schema_file in schema.files}
