"""Parse Prisma schema text into the syntax tree of `drift.prisma.ast`, collecting diagnostics instead of raising.

How: one LALR pass of `grammar/prisma.lark` with the tree builder applied during the parse (no Lark tree is built),
the cyclic garbage collector paused meanwhile (it would otherwise rescan the young nodes over and over), nodes made
without pydantic re-validation. The grammar's coarse tokens (a whole simple field line, an attribute with simple
arguments) are decoded here with small regular expressions into the same nodes the fine rules build. Comments
never reach the grammar: the lexer hands them to `_Builder`, which attaches them by position when a block is
complete. If that pass fails, `_Recovery` walks the file line by line, parses each member line on its own (the
grammar's `*_line` start symbols), reports every bad line, blanks it out (spaces, so offsets stay valid) and parses
the repaired text, so that the user sees all errors at once and later stages still get a tree.

A member line that repeats is built from its first nodes ("recipes", below). With `share=True` (`drift check`) the
repeats share the nodes below their fields and attributes instead of copying them (see `parse_source`).
"""

from __future__ import annotations

import gc
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from drift.diagnostics import (
    JOIN_ENDS,
    JOIN_STARTS,
    PLACE_COLUMN,
    PLACE_LINE,
    PLACE_START,
    Diagnostic,
    Span,
    pack_place,
    pack_span,
    packed_span,
    render_diagnostics,
    span_offset,
)
from drift.errors import BadInput
from drift.model.construct import instance_setters
from drift.prisma import messages
from drift.prisma.ast import (
    Argument,
    ArrayValue,
    Attribute,
    Comment,
    ConfigProperty,
    ConstantValue,
    Datasource,
    Enum,
    EnumValue,
    Field,
    FieldType,
    FunctionCall,
    Generator,
    Model,
    NumberValue,
    ObjectValue,
    Schema,
    SchemaFile,
    StringValue,
)

__all__ = [
    "PrismaSchemaError",
    "grammar_path",
    "parse_schema_path",
    "parse_source",
    "parse_sources",
    "read_schema_sources",
    "schema_files_in",
    "unescape_string",
]


class PrismaSchemaError(BadInput):
    """A schema with errors; `str()` is every diagnostic rendered, `diagnostics` the list."""

    def __init__(self, diagnostics: list[Diagnostic], sources: dict[str, str]):
        self.diagnostics = diagnostics
        super().__init__(render_diagnostics(diagnostics, sources))


# ---------------------------------------------------------------------------- the grammar, compiled once


def grammar_path() -> Path:
    """The grammar inside the installed package (wheel) first, else the repository's top-level `grammar/`."""
    import drift

    package = Path(drift.__file__).resolve().parent
    for candidate in (package / "grammar" / "prisma.lark", package.parent / "grammar" / "prisma.lark"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("grammar/prisma.lark is missing from the drift installation")


_LOCK = threading.Lock()
_Token = None  # lark.Token, set when the parser is built (lark loads lazily)


@lru_cache(maxsize=1)
def _parser():
    import lark

    global _Token
    _Token = lark.Token

    builder = _Builder()
    parser = lark.Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        start=["start", "model_line", "enum_line", "config_line"],
        transformer=builder,
        lexer_callbacks={
            "COMMENT": builder.on_comment,
            "_NL": builder.on_newlines,
            "BLOCK_LINE": builder.on_block_line,
            "MEMBER_LINES": builder.on_member_lines,
            "MODEL_BLOCK": builder.on_model_block,
        },
        maybe_placeholders=False,
        propagate_positions=False,
        # Lark keys its cache file on the grammar text and options, so a changed grammar is recompiled.
        cache=True,
    )
    return parser, builder


# ---------------------------------------------------------------------------- building the tree during the parse

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_ESCAPE_RE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.DOTALL)


def unescape_string(raw: str) -> str:
    """The value of a string literal as written (with its quotes); JSON escapes, unknown escapes keep the character."""
    body = raw[1:-1]
    if "\\" not in body:
        return body

    def replace(match: re.Match) -> str:
        escape = match.group(1)
        if len(escape) == 5:
            return chr(int(escape[1:], 16))
        return _ESCAPES.get(escape, escape)

    return _ESCAPE_RE.sub(replace, body)


# ---------------------------------------------------------------------------- fast node construction
#
# The builder only ever passes values of the declared types, so it skips pydantic's validation (the largest cost
# of a parse after Lark itself): the instances are set up the way `BaseModel.model_construct` sets them up.

_new = object.__new__


def _constructor(cls):
    """`construct(**values)`: a node of `cls` from its fields' values (defaults filled in)."""
    fields = cls.model_fields
    defaults = {name: field.default for name, field in fields.items() if not field.is_required()}
    list_defaults = [name for name, value in defaults.items() if isinstance(value, list)]
    field_count = len(fields)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(cls)

    def construct(**values):
        if len(values) != field_count:  # hot call sites pass every field and skip this
            data = dict(defaults)
            for name in list_defaults:
                data[name] = []
            data.update(values)
            values = data
        node = _new(cls)  # `_FINISH[cls](values)`, inline (a Python call less per node)
        set_dict(node, values)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return construct


def _finisher(cls):
    """`finish(data)`: a node of `cls` whose `__dict__` is `data`, which holds every field (as validated)."""
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(cls)

    # Every field name in the keys that the class's instance dicts share, while they can still grow (CPython
    # shrinks their room as instances are made): `_key_sharing_prototype` needs them there later.
    instance = _new(cls)
    for name in cls.model_fields:
        object.__setattr__(instance, name, None)

    def finish(data: dict):
        node = _new(cls)
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return finish


@lru_cache(maxsize=None)
def _node_setters(cls) -> tuple:
    """What `finish` sets on a new node of `cls`: the setters of its `__dict__`, `__pydantic_fields_set__` (and the
    set of every field name), `__pydantic_extra__` and `__pydantic_private__` slots (the last two are set to None).
    The recipes' makers, which make most nodes, do the same inline (a Python call less per node)."""
    set_dict, set_fields_set, set_extra, set_private = instance_setters(cls)
    return set_dict, set_fields_set, set(cls.model_fields), set_extra, set_private


def _key_sharing_prototype(node) -> dict:
    """A copy of a node's dict, in the same order (which is the order of `model_dump`, which `drift parse` prints),
    that shares its keys with the instance dicts of the node's class (CPython's split table: an instance's
    attributes set one by one, then its `__dict__` asked for). Copies of it share the keys too, which takes two
    thirds of the memory of a dict of its own: the recipes' makers copy these."""
    instance = _new(type(node))
    for name, value in node.__dict__.items():
        object.__setattr__(instance, name, value)
    return instance.__dict__


def _copied(node, update: dict):
    """`node.model_copy(update=update)` without pydantic's copy in Python (`update` holds valid values)."""
    data = node.__dict__.copy()
    data.update(update)
    return _FINISH[type(node)](data)


def _span(file: str, start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> Span:
    return packed_span(pack_span(file, start, end, line, column, end_line, end_column))


class _SharedEmptyList(list):
    """The one empty list of every parsed node without doc comments or without arguments (a large schema has
    100,000s of them: each would take memory and the cyclic GC's time). Read-only, as it is shared."""

    __slots__ = ()

    def _read_only(self, *args, **kwargs):
        raise TypeError("this empty list is shared by many syntax tree nodes and cannot change")

    append = extend = insert = remove = pop = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only


_NONE = _SharedEmptyList()

_FINISH = {
    cls: _finisher(cls)
    for cls in (
        StringValue, NumberValue, ConstantValue, FunctionCall, ArrayValue, ObjectValue, Argument, Attribute,
        FieldType, Field, EnumValue, ConfigProperty, Comment, Model, Enum, Datasource, Generator, SchemaFile,
    )
}
_StringValue = _constructor(StringValue)
_NumberValue = _constructor(NumberValue)
_ConstantValue = _constructor(ConstantValue)
_FunctionCall = _constructor(FunctionCall)
_ArrayValue = _constructor(ArrayValue)
_ObjectValue = _constructor(ObjectValue)
_Argument = _constructor(Argument)
_Attribute = _constructor(Attribute)
_FieldType = _constructor(FieldType)
_Field = _constructor(Field)
_EnumValue = _constructor(EnumValue)
_ConfigProperty = _constructor(ConfigProperty)
_Comment = _constructor(Comment)
_Model = _constructor(Model)
_Enum = _constructor(Enum)
_Datasource = _constructor(Datasource)
_Generator = _constructor(Generator)
_SchemaFile = _constructor(SchemaFile)

# A field's name and type; a FIELD_LINE's type may be `Unsupported("...")` (group 4, the string as written).
_HEAD_RE = re.compile(
    r'([^\W\d_][\w-]*)([ \t]+)([^\W\d_][\w-]*)(?:\(("(?:\\.|[^"\\\n])*")\))?(?:[ \t]*(\[\]\?|\[\]|\?))?'
)
_COMMENT_RE = re.compile(r"//[^\n]*|/\*(?:[^*]|\*+[^*/])*\*+/")
_ATTRIBUTE_NAME_RE = re.compile(r"(@@?)([^\W\d_][\w-]*(?:\.[^\W\d_][\w-]*)*)")
_PIECE_RE = re.compile(
    r'[ \t]*(?:(?P<string>"(?:\\.|[^"\\\n])*")|(?P<number>-?\d+(?:\.\d+)?)'
    r"|(?P<name>[^\W\d_][\w-]*(?:\.[^\W\d_][\w-]*)*)|(?P<punctuation>[()\[\],:]))"
)


_PLANS: dict[str, tuple] = {}


def _plan_attributes(text: str) -> tuple[tuple, int]:
    """Where the attributes at the start of `text` are, and the offset after the last one (skipping blanks).

    Each item is (start, name end, is block attribute, name, parenthesized, pieces, end), offsets in `text`;
    pieces are (kind, text, offset) up to the matching closing parenthesis. Attribute texts repeat a lot in
    real schemas (`@id @default(cuid())`), so plans are kept by text; the nodes are built per occurrence.
    """
    plan = _PLANS.get(text)
    if plan is not None:
        return plan
    items = []
    position = 0
    length = len(text)
    match_piece = _PIECE_RE.match
    while True:
        while position < length and text[position] in " \t":
            position += 1
        if position >= length or text[position] != "@":
            break
        match = _ATTRIBUTE_NAME_RE.match(text, position)
        name_end = end = match.end()
        parenthesized = name_end < length and text[name_end] == "("
        pieces = []
        if parenthesized:
            depth = 1
            end = name_end + 1
            while depth:
                piece_match = match_piece(text, end)
                kind = piece_match.lastgroup
                piece = piece_match.group(kind)
                pieces.append((kind, piece, piece_match.start(kind)))
                end = piece_match.end()
                if kind == "punctuation":
                    if piece in "([":
                        depth += 1
                    elif piece in ")]":
                        depth -= 1
        items.append((position, name_end, match.group(1) == "@@", match.group(2), parenthesized, pieces, end))
        position = end
    plan = (tuple(items), position)
    if len(_PLANS) > 20000:  # bound the memory kept between parses
        _PLANS.clear()
    _PLANS[text] = plan
    return plan


_MODEL_HEAD_RE = re.compile(r"(model|view|type)[ \t]+([^\W\d_][\w-]*(?:\.[^\W\d_][\w-]*)*)[ \t]*\{")
# The grammar's _LINE_END: the rest of a line (blanks, a comment), then newlines with blank or comment lines.
_LINE_END_RE = re.compile(
    r"[ \t]*(?://[^\n]*|/\*(?:[^*]|\*+[^*/])*\*+/)?(?:\r?\n[\t ]*(?://[^\n]*|/\*(?:[^*]|\*+[^*/])*\*+/[\t ]*)?)+"
)


# The grammar's _NL: newlines with the blank or comment lines between them.
_NEWLINES_RE = re.compile(r"(?:\r?\n[\t ]*(?://[^\n]*|/\*(?:[^*]|\*+[^*/])*\*+/[\t ]*)?)+")


class _Members(list):
    """The nodes of a MEMBER_LINES token, spliced into the block's members."""


class _Text(NamedTuple):
    """Where the rest of a line sits in the file, as `_line_end_comments` reads a token."""

    value: str
    start_pos: int
    line: int
    column: int


class _Piece:
    """One member line inside a MODEL_BLOCK token, standing in for the FIELD_LINE or BLOCK_LINE token that the
    fine grammar lexes there: the line, its trailing comment and the blank or comment lines after it."""

    __slots__ = ("column", "end", "line", "start_pos", "value")

    def __init__(self, text: str, block_start: int, line: int, column: int, offset: int):
        line_end = text.find("\n", offset)
        if text.find("/*", offset, line_end) < 0:
            # No comment that could hide a line break: the token ends with the newlines from the line's end on.
            self.end = _NEWLINES_RE.match(text, line_end).end()
        else:
            content = offset if text[offset] == "@" else _HEAD_RE.match(text, offset).end()
            content += _plan_attributes(text[content:line_end])[1]
            self.end = _LINE_END_RE.match(text, content).end()
        self.value = text[offset : self.end]
        self.start_pos = block_start + offset
        self.line = line
        self.column = column


def _ascii_arguments(pieces: list, index: int, base: int, origin: int) -> tuple:
    """`_Builder._decode_arguments` for an ASCII text, with the spans made inline: the planned pieces from `index`
    up to and including the closing parenthesis, offsets from `origin`, whose packed span (empty) is `base`."""
    args = []
    while pieces[index][1] != ")":
        kind, piece, offset = pieces[index]
        if kind == "name" and pieces[index + 1][1] == ":":
            value, index = _ascii_value(pieces, index + 2, base, origin)
            span = packed_span(base + span_offset(offset, value.span.end - origin))
            args.append(_Argument(name=piece, value=value, span=span))
        else:
            value, index = _ascii_value(pieces, index, base, origin)
            args.append(_Argument(name=None, value=value, span=value.span))
        if pieces[index][1] == ",":
            index += 1
    return args, index + 1


def _ascii_value(pieces: list, index: int, base: int, origin: int) -> tuple:
    """`_Builder._decode_value` for an ASCII text (see `_ascii_arguments`)."""
    kind, piece, offset = pieces[index]
    index += 1
    if kind == "string":
        span = packed_span(base + span_offset(offset, offset + len(piece)))
        return _StringValue(kind="string", value=unescape_string(piece), raw=piece, span=span), index
    if kind == "number":
        span = packed_span(base + span_offset(offset, offset + len(piece)))
        return _NumberValue(kind="number", text=piece, span=span), index
    if kind == "name":
        name_span = packed_span(base + span_offset(offset, offset + len(piece)))
        if pieces[index][1] != "(":
            return _ConstantValue(kind="constant", name=piece, span=name_span), index
        args, index = _ascii_arguments(pieces, index + 1, base, origin)
        span = packed_span(base + span_offset(offset, pieces[index - 1][2] + 1))
        return _FunctionCall(kind="function", name=piece, name_span=name_span, args=args, span=span), index
    # "[": items up to the matching "]"
    items = []
    while pieces[index][1] != "]":
        item, index = _ascii_value(pieces, index, base, origin)
        items.append(item)
        if pieces[index][1] == ",":
            index += 1
    span = packed_span(base + span_offset(offset, pieces[index][2] + 1))
    return _ArrayValue(kind="array", items=items, span=span), index + 1


# ---------------------------------------------------------------------------- recipes for repeated member lines
#
# On an ASCII line (every line of an ASCII text) a member line's nodes depend on its position only through their
# spans, which all lie on that line: a span at offsets [a, b) of a line that starts at byte offset S and column C is
# (S + a, S + b, C + a, C + b), the packed span (S, S, C, C) plus `span_offset(a, b)`. So a line seen before is built
# again by "makers", closures that hold everything else of the line's first nodes.

_NO_RECIPE = object()


class _Recipe:
    """How to build the nodes of one member line anywhere: `make(base)` (see `_maker`); `rest` is where the line's
    attributes end (its trailing comment, if any, starts after). `share`: the line's field type and its attributes'
    arguments are the prototype's own nodes (see `parse_source`'s `share`)."""

    __slots__ = ("make", "rest")

    def __init__(self, content: str, prototype, origin: int, share: bool = False):
        self.make = _shared_maker(prototype, origin) if share else _maker(prototype, origin)
        if content.startswith("@"):
            self.rest = _plan_attributes(content)[1]
        else:
            head_end = _HEAD_RE.match(content).end()
            self.rest = head_end + _plan_attributes(content[head_end:])[1]


def _offset(span: Span, origin: int) -> int:
    """What moves the span of a prototype line at `origin` to another line (see `span_offset`)."""
    return span_offset(span.start - origin, span.end - origin)


def _maker(node, origin: int):
    """A closure that builds `node` again at another place: `make(base)`, `base` the packed span of the place where
    the line starts (see above); `origin` is where the prototype's line started. Each maker copies the node's dict
    (key-sharing, see `_key_sharing_prototype`), replaces what differs and sets up the node as `finish` does."""
    return _MAKERS[type(node)](node, origin)


def _shared_maker(node, origin: int):
    """`_maker`, but the nodes below a field's or attribute's own (its type, its arguments) are `node`'s: only the
    field, its attributes and their list are new. Their spans are the prototype line's."""
    if type(node) is Field:
        return _field_maker(node, origin, share=True)
    return _attribute_maker(node, origin, share=True)


def _list_maker(nodes: list, origin: int, maker=_maker):
    makers = tuple(maker(node, origin) for node in nodes)
    # Most lists hold one or two nodes (a line's attributes, an attribute's arguments): spelled out, they cost no
    # comprehension frame (Python 3.11 makes one per call).
    if not makers:
        return lambda base: _NONE
    if len(makers) == 1:
        (first,) = makers
        return lambda base: [first(base)]
    if len(makers) == 2:
        first, second = makers
        return lambda base: [first(base), second(base)]
    return lambda base: [make(base) for make in makers]


def _value_maker(node, origin: int):
    """Strings, numbers, constants and field types: only the span differs."""
    offset = _offset(node.span, origin)
    prototype, cls = _key_sharing_prototype(node), type(node)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(cls)

    def make(base):
        data = prototype.copy()
        data["span"] = packed_span(base + offset)
        node = _new(cls)  # `_FINISH[cls](data)`, inline in every maker
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make


def _function_maker(node: FunctionCall, origin: int):
    offset, name_offset = _offset(node.span, origin), _offset(node.name_span, origin)
    prototype, make_args = _key_sharing_prototype(node), _list_maker(node.args, origin)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(FunctionCall)

    def make(base):
        data = prototype.copy()
        data["name_span"] = packed_span(base + name_offset)
        data["args"] = make_args(base)
        data["span"] = packed_span(base + offset)
        node = _new(FunctionCall)
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make


def _array_maker(node: ArrayValue, origin: int):
    offset = _offset(node.span, origin)
    prototype, make_items = _key_sharing_prototype(node), _list_maker(node.items, origin)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(ArrayValue)

    def make(base):
        data = prototype.copy()
        data["items"] = make_items(base)
        data["span"] = packed_span(base + offset)
        node = _new(ArrayValue)
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make


def _argument_maker(node: Argument, origin: int):
    prototype, make_value = _key_sharing_prototype(node), _maker(node.value, origin)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(Argument)
    if node.name is None:  # a positional argument's span is its value's

        def make_positional(base):
            data = prototype.copy()
            data["value"] = value = make_value(base)
            data["span"] = value.span
            node = _new(Argument)
            set_dict(node, data)
            set_fields_set(node, fields_set)
            set_extra(node, None)
            set_private(node, None)
            return node

        return make_positional
    offset = _offset(node.span, origin)

    def make(base):
        data = prototype.copy()
        data["value"] = make_value(base)
        data["span"] = packed_span(base + offset)
        node = _new(Argument)
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make


def _attribute_maker(node: Attribute, origin: int, share: bool = False):
    offset, name_offset = _offset(node.span, origin), _offset(node.name_span, origin)
    if share:
        args = node.args
        make_args = lambda base: args  # noqa: E731 - the prototype's arguments, list and all
    else:
        make_args = _list_maker(node.args, origin)
    prototype = _key_sharing_prototype(node)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(Attribute)

    def make(base):
        data = prototype.copy()
        data["span"] = span = packed_span(base + offset)
        # `@id`: the name is the whole attribute, one span object serves both
        data["name_span"] = span if name_offset == offset else packed_span(base + name_offset)
        data["args"] = make_args(base)
        data["doc_comments"] = _NONE
        node = _new(Attribute)
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make


def _field_maker(node: Field, origin: int, share: bool = False):
    offset, name_offset = _offset(node.span, origin), _offset(node.name_span, origin)
    prototype = _key_sharing_prototype(node)
    set_dict, set_fields_set, fields_set, set_extra, set_private = _node_setters(Field)
    if share:
        field_type = node.type
        make_type = lambda base: field_type  # noqa: E731 - the prototype's type node
        make_attributes = _list_maker(node.attributes, origin, _shared_maker)
    else:
        make_type, make_attributes = _maker(node.type, origin), _list_maker(node.attributes, origin)

    def make(base):
        data = prototype.copy()
        data["name_span"] = packed_span(base + name_offset)
        data["type"] = make_type(base)
        data["attributes"] = make_attributes(base)
        data["doc_comments"] = _NONE
        data["span"] = packed_span(base + offset)
        node = _new(Field)
        set_dict(node, data)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make


# No ObjectValue maker: recipes are made only for lines decoded from FIELD_LINE and BLOCK_LINE tokens (see
# `_decode_members`), whose argument expressions in the grammar have no `{`, so an object (`where: { ... }`) never
# reaches a recipe: its line is lexed piece by piece and built by the rule callbacks (`_Builder.object`).
_MAKERS = {
    StringValue: _value_maker,
    NumberValue: _value_maker,
    ConstantValue: _value_maker,
    FunctionCall: _function_maker,
    ArrayValue: _array_maker,
    Argument: _argument_maker,
    Attribute: _attribute_maker,
    FieldType: _value_maker,  # only the span differs too
    Field: _field_maker,
}


class _TrailingComma:
    """A trailing comma in arguments or an array, for the rule that reduces them (see `_check_trailing_commas`)."""

    __slots__ = ("span",)

    def __init__(self, span: Span) -> None:
        self.span = span


class _PendingComment:
    __slots__ = ("comment", "line", "own_line", "start")

    def __init__(self, start: int, line: int, own_line: bool, comment: Comment):
        self.start = start
        self.line = line
        self.own_line = own_line
        self.comment = comment


class _Builder:
    """Lark callbacks (one per rule or alias) that build the AST; per-parse state is reset by `begin`."""

    def begin(self, text: str, file: str, share: bool = False) -> None:
        self.text = text
        self.file = file
        self.share = share  # recipes share nodes below fields and attributes (see `parse_source`)
        self.is_ascii = text.isascii()
        self.comments: list[_PendingComment] = []
        self.next_comment = 0
        self.top_comments: list[_PendingComment] = []
        self.diagnostics: list[Diagnostic] = []
        self.decoded_fields: dict[int, Field] = {}
        self._piece_base = 0
        self._line_starts: list[int] | None = None
        self._line_start_bytes: list[int] | None = None
        self._shifts: list[int | None] | None = None
        # Member line text -> (its first node, where it started) | _Recipe | _NO_RECIPE; see `_remember_line`.
        self.recipes: dict[str, object] = {}
        # Trailing commas seen in arguments and arrays, until the attribute around them says whether they may be.
        self.trailing_commas: list[tuple[str, Span]] = []

    # -- positions

    def _line_tables(self) -> None:
        """Per line of a non-ASCII text, in one pass: where it starts in characters and in bytes, and its shift (see
        `line_shift`), None for a line that is not ASCII itself."""
        starts, byte_starts, shifts = [0], [0], [None]
        for line_text in self.text.split("\n"):
            length, byte_length = len(line_text), len(line_text.encode("utf-8"))
            shifts.append(byte_starts[-1] - starts[-1] if byte_length == length else None)
            starts.append(starts[-1] + length + 1)
            byte_starts.append(byte_starts[-1] + byte_length + 1)
        self._line_starts, self._line_start_bytes, self._shifts = starts, byte_starts, shifts

    def _byte_offset(self, position: int, line: int) -> int:
        if self._line_starts is None:
            self._line_tables()
        line_start = self._line_starts[line - 1]
        return self._line_start_bytes[line - 1] + len(self.text[line_start:position].encode("utf-8"))

    def line_shift(self, line: int) -> int | None:
        """What turns a character offset on `line` (1-based) into a byte offset: the UTF-8 bytes beyond one per
        character before the line, or None when the line itself is not ASCII (then `_byte_offset` counts). A text
        with a few non-ASCII characters (an accent or a dash in a comment) keeps the ASCII fast paths on its other
        lines."""
        if self.is_ascii:
            return 0
        if self._shifts is None:
            self._line_tables()
        return self._shifts[line]

    def span_at(self, start: int, end: int, line: int, column: int, end_line: int, end_column: int) -> Span:
        if not self.is_ascii:
            shift, end_shift = self.line_shift(line), self.line_shift(end_line)
            start = self._byte_offset(start, line) if shift is None else start + shift
            end = self._byte_offset(end, end_line) if end_shift is None else end + end_shift
        return _span(self.file, start, end, line, column, end_line, end_column)

    def token_span(self, token) -> Span:
        if self.is_ascii:
            return _span(
                self.file, token.start_pos, token.end_pos, token.line, token.column, token.end_line, token.end_column
            )
        return self.span_at(token.start_pos, token.end_pos, token.line, token.column, token.end_line, token.end_column)

    def join(self, first: Span, last: Span) -> Span:
        """From the start of `first` to the end of `last` (spans of this file), by masking their packed bits."""
        return packed_span(first & JOIN_STARTS | last & JOIN_ENDS)

    # -- comments, handed over by the lexer

    def _add_comment(self, text: str, start: int, line: int, column: int) -> None:
        text = text.rstrip("\r")
        end = start + len(text)
        line_start = self.text.rfind("\n", 0, start) + 1
        own_line = not self.text[line_start:start].strip()
        breaks = text.count("\n")
        if breaks:  # a `/* ... */` comment over several lines
            span = self.span_at(start, end, line, column, line + breaks, len(text) - text.rfind("\n"))
        else:
            span = self.span_at(start, end, line, column, line, column + len(text))
        self.comments.append(_PendingComment(start, line, own_line, _Comment(text=text, span=span)))

    def on_comment(self, token):
        self._add_comment(token.value, token.start_pos, token.line, token.column)
        return token

    def on_newlines(self, token):
        # A newline token holds blank lines and full-line comments (see the grammar).
        self._newline_comments(token.value, token.start_pos, token.line)
        return token

    def _newline_comments(self, value: str, position: int, line: int) -> None:
        """Collect the comments in a run of newlines that starts at `position` on `line` (no strings in there)."""
        if "/" in value:
            for match in _COMMENT_RE.finditer(value):
                offset = match.start()
                start = position + offset
                line_start = self.text.rfind("\n", 0, start) + 1
                self._add_comment(match.group(), start, line + value.count("\n", 0, offset), start - line_start + 1)

    def _take_comments(self, block_start: int, block_end: int) -> list[_PendingComment]:
        """Comments inside [block_start, block_end); earlier ones are top-level comments."""
        inside = []
        comments = self.comments
        index = self.next_comment
        while index < len(comments) and comments[index].start < block_end:
            pending = comments[index]
            (inside if pending.start > block_start else self.top_comments).append(pending)
            index += 1
        self.next_comment = index
        return inside

    def _attach(self, members: list, comments: list[_PendingComment]) -> tuple[list, list[Comment]]:
        """Give members their trailing and doc comments; return the members and the remaining free comments."""
        if not comments:
            return members, []
        by_line = {member.span.line: index for index, member in enumerate(members)}
        # First line -> last line of each comment on its own line(s).
        comment_lines = {pending.line: pending.comment.span.end_line for pending in comments if pending.own_line}
        updates: dict[int, dict] = {}
        free: list[Comment] = []
        for pending in comments:
            if not pending.own_line:
                index = by_line.get(pending.line)
                if index is not None and pending.start > 0:
                    updates.setdefault(index, {})["trailing_comment"] = pending.comment
                else:
                    free.append(pending.comment)
                continue
            if pending.comment.is_doc:
                # A doc comment documents the member right below its run of comment lines.
                next_line = pending.comment.span.end_line + 1
                while next_line in comment_lines:
                    next_line = comment_lines[next_line] + 1
                index = by_line.get(next_line)
                if index is not None:
                    updates.setdefault(index, {}).setdefault("doc_comments", []).append(pending.comment)
                    continue
            free.append(pending.comment)
        if updates:
            members = list(members)
            for index, update in updates.items():
                members[index] = _copied(members[index], update)
        return members, free

    # -- values

    def string(self, children):
        token = children[0]
        return _StringValue(value=unescape_string(token.value), raw=token.value, span=self.token_span(token))

    def number(self, children):
        token = children[0]
        return _NumberValue(text=token.value, span=self.token_span(token))

    def constant(self, children):
        token = children[0]
        return _ConstantValue(name=token.value, span=self.token_span(token))

    def function_call(self, children):
        name = children[0]
        name_span = self.token_span(name)
        args = children[1] if len(children) == 3 else []
        return _FunctionCall(
            name=name.value, name_span=name_span, args=args, span=self.join(name_span, self.token_span(children[-1]))
        )

    def array(self, children):
        items = children[1:-1]
        if items and type(items[-1]) is _TrailingComma:
            self.trailing_commas.append(("array", items.pop().span))
        return _ArrayValue(items=items, span=self.join(self.token_span(children[0]), self.token_span(children[-1])))

    def object(self, children):
        # LBRACE, the entries (named Arguments, see `object_entry`), RBRACE
        return _ObjectValue(
            entries=children[1:-1], span=self.join(self.token_span(children[0]), self.token_span(children[-1]))
        )

    def arguments(self, children):
        if type(children[-1]) is _TrailingComma:
            self.trailing_commas.append(("arguments", children.pop().span))
        return children

    def trailing_comma(self, children):
        return _TrailingComma(self.token_span(children[0]))

    def _check_trailing_commas(self, attribute: Attribute) -> None:
        """Prisma's rule for the trailing commas inside an attribute: none after its arguments or a function call's
        among them (`@default(dbgenerated("...",))`), none in an array; a function call inside an array may have one
        (`[title(sort: Desc,)]`), and a native type's arguments (`@db.VarChar(20,)`) are not checked."""
        span = attribute.span
        inside = [(kind, comma) for kind, comma in self.trailing_commas if span.start <= comma.start < span.end]
        if not inside:
            return
        self.trailing_commas = [entry for entry in self.trailing_commas if entry not in inside]
        if attribute.name.startswith("db."):
            return
        arrays = [argument.value.span for argument in attribute.args if argument.value.kind == "array"]
        name = ("@" if attribute.block else "") + attribute.name
        for kind, comma in inside:
            if kind == "array":
                message = messages.TRAILING_COMMA_ARRAY
            elif not any(array.start <= comma.start < array.end for array in arrays):
                message = messages.TRAILING_COMMA_ARGUMENTS
            else:
                continue
            self.diagnostics.append(Diagnostic(severity="error", message=message.format(name=name), span=comma))

    def argument(self, children):
        value = children[0]
        return _Argument(value=value, span=value.span)

    def named_argument(self, children):
        name, value = children
        return _Argument(name=name.value, value=value, span=self.join(self.token_span(name), value.span))

    object_entry = named_argument  # `key: value` inside an object: a named Argument

    def empty_argument(self, children):
        name = children[0]
        span = self.token_span(name)
        self.diagnostics.append(
            Diagnostic(
                severity="error",
                message=messages.INVALID_MODEL_LINE,
                span=span,
                hint=messages.UNEXPECTED_TOKEN_HINT.format(expected=f'a value after "{name.value}:"'),
            )
        )
        return _Argument(name=name.value, value=ConstantValue(name="", span=span), span=span)

    # -- attributes

    def _attribute(self, children, block: bool, parenthesized: bool) -> Attribute:
        token = children[0]
        name_span = self.token_span(token)
        span = self.join(name_span, self.token_span(children[-1])) if parenthesized else name_span
        args = children[1] if len(children) == 3 else []
        attribute = _Attribute(
            # Prisma allows blanks after the `@` (`@ default(1)`); the lexer keeps them in the token.
            name=(token.value[2:] if block else token.value[1:]).lstrip(" \t"),
            block=block,
            args=args,
            parenthesized=parenthesized,
            name_span=name_span,
            span=span,
        )
        if self.trailing_commas:
            self._check_trailing_commas(attribute)
        return attribute

    def field_attribute(self, children):
        return self._attribute(children, block=False, parenthesized=False)

    def field_attribute_call(self, children):
        return self._attribute(children, block=False, parenthesized=True)

    def block_attribute(self, children):
        return self._attribute(children, block=True, parenthesized=False)

    def block_attribute_call(self, children):
        return self._attribute(children, block=True, parenthesized=True)

    def field_attribute_token(self, children):
        return self._decode_attribute(children[0])

    block_attribute_token = field_attribute_token

    def _decode_attribute(self, token) -> Attribute:
        """An attribute with simple arguments lexed as one token: split it into the same nodes the rules build."""
        self._piece_token = token
        items, _ = _plan_attributes(token.value)
        return self._build_attributes(items, 0)[0]

    def _build_attributes(self, items: tuple, base: int) -> list[Attribute]:
        """Nodes for planned attributes (see `_plan_attributes`) found at offset `base` of the current token."""
        self._piece_base = base
        attributes = []
        token = self._piece_token
        shift = 0 if self.is_ascii else self.line_shift(token.line)
        if shift is not None:  # an ASCII line: offsets move to byte offsets as one, the spans are made inline
            line = token.line
            origin, origin_column = token.start_pos + base + shift, token.column + base
            packed = pack_place(self.file, origin, line, origin_column)
            for position, name_end, block, name, parenthesized, pieces, end in items:
                args = _ascii_arguments(pieces, 0, packed, origin)[0] if parenthesized else _NONE
                attributes.append(
                    _Attribute(
                        name=name,
                        block=block,
                        args=args,
                        parenthesized=parenthesized,
                        name_span=packed_span(packed + span_offset(position, name_end)),
                        span=packed_span(packed + span_offset(position, end)),
                        trailing_comment=None,
                        doc_comments=_NONE,
                    )
                )
            return attributes
        for position, name_end, block, name, parenthesized, pieces, end in items:
            args = []
            if parenthesized:
                self._pieces = pieces
                args, _ = self._decode_arguments(0)
            attributes.append(
                _Attribute(
                    name=name,
                    block=block,
                    args=args,
                    parenthesized=parenthesized,
                    name_span=self._piece_span(position, name_end - position),
                    span=self._piece_span(position, end - position),
                    trailing_comment=None,
                    doc_comments=_NONE,
                )
            )
        return attributes

    # One-token lines are decoded while lexing, so that their comments are collected in source order with the
    # others; the rule callbacks pick the nodes up by the token's position.

    def on_block_line(self, token):
        self.decoded_fields[token.start_pos] = self._decode_block_line(token)
        return token

    def block_attribute_line(self, children):
        return self.decoded_fields.pop(children[0].start_pos)

    def on_member_lines(self, token):
        text = token.value
        members, _, _, _ = self._decode_members(text, token.start_pos, token.line, token.column, 0)
        self.decoded_fields[token.start_pos] = members
        return token

    def member_lines(self, children):
        return _Members(self.decoded_fields.pop(children[0].start_pos))

    def _decode_members(self, text: str, start: int, line: int, column: int, position: int) -> tuple:
        """The FIELD_LINEs and BLOCK_LINEs from `position` of a token's text (at `line` and `column` of the file;
        the token starts at offset `start`) up to its end or a `}`; returns them and where the `}` is."""
        members = []
        append = members.append
        end = len(text)
        recipes = self.recipes
        is_ascii = self.is_ascii
        file_place = pack_place(self.file, 0, 0, 0)  # a line's place is this plus its own (see PLACE_START)
        while position < end and text[position] != "}":
            # Recipes serve ASCII lines (all of them in an ASCII text), where a character is a byte.
            shift = 0 if is_ascii else self.line_shift(line)
            if shift is not None:
                line_end = text.find("\n", position)
                content = text[position:line_end]
                recipe = recipes.get(content)
                if type(recipe) is _Recipe:  # a line seen before: its nodes again, moved here
                    offset = start + position + shift
                    append(recipe.make(file_place + offset * PLACE_START + line * PLACE_LINE + column * PLACE_COLUMN))
                    piece_end = _NEWLINES_RE.match(text, line_end).end()
                    comments_from = position + recipe.rest
                    if text.find("/", comments_from, piece_end) >= 0:
                        self._line_end_comments(
                            _Text(text[position:piece_end], start + position, line, column), recipe.rest
                        )
                    breaks = text.count("\n", line_end, piece_end)
                    line += breaks
                    # With one line break, the last one is the line's own.
                    column = piece_end - (line_end if breaks == 1 else text.rfind("\n", 0, piece_end))
                    position = piece_end
                    continue
            piece = _Piece(text, start, line, column, position)
            diagnostics = len(self.diagnostics)
            member = self._decode_block_line(piece) if text[position] == "@" else self._decode_field_line(piece)
            append(member)
            if shift is not None:
                self._remember_line(
                    content, member, piece.start_pos + shift, recipe, len(self.diagnostics) > diagnostics
                )
            value = piece.value
            position = piece.end
            line += value.count("\n")
            column = len(value) - value.rfind("\n")
        return members, position, line, column

    def _remember_line(self, content: str, member, origin: int, seen, reported: bool) -> None:
        """After decoding a member line of an ASCII text the usual way: the first time, keep the node as the line's
        prototype; the second time, make the line's recipe from it (most lines of a large schema repeat, but a
        recipe costs more than one decoding, so lines seen once never get one)."""
        recipes = self.recipes
        if reported or "/*" in content:  # diagnostics are made per occurrence; a `/* */` may hide a line break
            recipes[content] = _NO_RECIPE
        elif seen is None:
            recipes[content] = (member, origin)
        elif seen is not _NO_RECIPE:
            prototype, prototype_origin = seen
            recipes[content] = _Recipe(content, prototype, prototype_origin, self.share)

    def _decode_block_line(self, token) -> Attribute:
        text = token.value
        self._piece_token = token
        line_end = text.find("\n")
        items, position = _plan_attributes(text[:line_end])
        attribute = self._build_attributes(items, 0)[0]
        self._line_end_comments(token, position)
        return attribute

    def on_model_block(self, token):
        """A MODEL_BLOCK token: split it into the tokens the fine rules see (keyword, name, one FIELD_LINE or
        BLOCK_LINE per member, `}`) and decode the members now, so that comments are collected in source order;
        `model_block_token` assembles the block when the parser reduces it (as `model_block` does)."""
        text = token.value
        start, line, column = token.start_pos, token.line, token.column
        head = _MODEL_HEAD_RE.match(text)
        keyword = _Token(
            "MODEL_KEYWORD", head.group(1), start, line, column, line, column + head.end(1), start + head.end(1)
        )
        name_start, name_end = head.start(2), head.end(2)
        name = _Token(
            "NAME",
            head.group(2),
            start + name_start,
            line,
            column + name_start,
            line,
            column + name_end,
            start + name_end,
        )
        # The rest of the header line: its comment and the blank or comment lines after it.
        position = head.end()
        end = _LINE_END_RE.match(text, position).end()
        self._line_end_comments(_Text(text[position:end], start + position, line, column + position))
        line += text.count("\n", 0, end)
        members, position, line, column = self._decode_members(text, start, line, end - text.rfind("\n", 0, end), end)
        children = [keyword, name, *members]
        children.append(_Token("RBRACE", "}", start + position, line, column, line, column + 1, start + position + 1))
        self._line_end_comments(_Text(text[position + 1 :], start + position + 1, line, column + 1))
        self.decoded_fields[start] = children
        return token

    def model_block_token(self, children):
        return self.model_block(self.decoded_fields.pop(children[0].start_pos))

    def _line_end_comments(self, token, position: int | None = None) -> None:
        """The comments after the last attribute of a one-token line (from `position`, else after the blanks that
        start the token): trailing, then on the lines that follow."""
        text = token.value
        if position is None:
            position = len(text) - len(text.lstrip(" \t"))
        if text.startswith("//", position) or text.startswith("/*", position):
            end = text.index("\n", position) if text[position + 1] == "/" else text.index("*/", position) + 2
            start = token.start_pos + position
            self._add_comment(text[position:end], start, token.line, token.column + position)
            position = end
        self._newline_comments(text[position:], token.start_pos + position, token.line)

    def _decode_field_line(self, token) -> Field:
        text = token.value
        self._piece_token = token
        name, name_span, type_name, type_span, suffix, suffix_span, position, unsupported = self._head(token)
        optional, is_list = self._suffix(suffix, suffix_span)
        line_end = text.find("\n", position)
        items, length = _plan_attributes(text[position:line_end])
        attributes = self._build_attributes(items, position)
        self._line_end_comments(token, position + length)
        if unsupported is not None:
            unsupported = unescape_string(unsupported)
        field_type = _FieldType(
            name=type_name, optional=optional, list=is_list, unsupported=unsupported, span=type_span
        )
        return self._field(name, name_span, field_type, attributes)

    def _piece_span(self, offset: int, length: int) -> Span:
        token = self._piece_token
        offset += self._piece_base
        start = token.start_pos + offset
        column = token.column + offset
        shift = self.line_shift(token.line)
        if shift is not None:
            start += shift
            return _span(self.file, start, start + length, token.line, column, token.line, column + length)
        return self.span_at(start, start + length, token.line, column, token.line, column + length)

    def _decode_arguments(self, index: int) -> tuple[list, int]:
        """Arguments from pieces[index] up to and including the closing parenthesis."""
        pieces = self._pieces
        args = []
        while pieces[index][1] != ")":
            kind, piece, offset = pieces[index]
            if kind == "name" and pieces[index + 1][1] == ":":
                value, index = self._decode_value(index + 2)
                span = self.join(self._piece_span(offset, len(piece)), value.span)
                args.append(_Argument(name=piece, value=value, span=span))
            else:
                value, index = self._decode_value(index)
                args.append(_Argument(name=None, value=value, span=value.span))
            if pieces[index][1] == ",":
                index += 1
        return args, index + 1

    def _decode_value(self, index: int):
        pieces = self._pieces
        kind, piece, offset = pieces[index]
        index += 1
        if kind == "string":
            span = self._piece_span(offset, len(piece))
            return _StringValue(kind="string", value=unescape_string(piece), raw=piece, span=span), index
        if kind == "number":
            return _NumberValue(kind="number", text=piece, span=self._piece_span(offset, len(piece))), index
        if kind == "name":
            name_span = self._piece_span(offset, len(piece))
            if pieces[index][1] != "(":
                return _ConstantValue(kind="constant", name=piece, span=name_span), index
            args, index = self._decode_arguments(index + 1)
            closing = pieces[index - 1][2]
            span = self._piece_span(offset, closing + 1 - offset)
            return _FunctionCall(kind="function", name=piece, name_span=name_span, args=args, span=span), index
        # "[": items up to the matching "]"
        items = []
        while pieces[index][1] != "]":
            item, index = self._decode_value(index)
            items.append(item)
            if pieces[index][1] == ",":
                index += 1
        closing = pieces[index][2]
        span = self._piece_span(offset, closing + 1 - offset)
        return _ArrayValue(kind="array", items=items, span=span), index + 1

    # -- fields, values, properties

    def _suffix(self, suffix: str | None, span: Span) -> tuple[bool, bool]:
        """(optional, list) for a type suffix; the legacy `[]?` is reported."""
        if suffix is None:
            return False, False
        if suffix == "?":
            return True, False
        if suffix == "[]":
            return False, True
        self.diagnostics.append(Diagnostic(severity="error", message=messages.OPTIONAL_LIST, span=span))
        return True, True

    def _head(self, token) -> tuple:
        """Split a FIELD_HEAD token or the start of a FIELD_LINE: (name, its span, type name, its span (with the
        suffix and an `Unsupported("...")` argument), suffix, its span, where the head ends, the argument as
        written or None)."""
        match = _HEAD_RE.match(token.value)
        start, line, column = token.start_pos, token.line, token.column
        name_end = match.end(1)
        type_start = match.start(3)
        suffix = match.group(5)
        end = match.end()
        shift = 0 if self.is_ascii else self.line_shift(line)
        if shift is not None:  # an ASCII line (the usual case): spans made inline
            packed = pack_place(self.file, start + shift, line, column)
            return (
                match.group(1),
                packed_span(packed + span_offset(0, name_end)),
                match.group(3),
                packed_span(packed + span_offset(type_start, end)),
                suffix,
                None if suffix is None else packed_span(packed + span_offset(match.start(5), end)),
                end,
                match.group(4),
            )
        name_span = self.span_at(start, start + name_end, line, column, line, column + name_end)
        type_span = self.span_at(start + type_start, start + end, line, column + type_start, line, column + end)
        suffix_span = None
        if suffix is not None:
            suffix_start = match.start(5)
            suffix_span = self.span_at(
                start + suffix_start, start + end, line, column + suffix_start, line, column + end
            )
        return match.group(1), name_span, match.group(3), type_span, suffix, suffix_span, end, match.group(4)

    def _field(self, name: str, name_span: Span, field_type: FieldType, attributes: list) -> Field:
        last = attributes[-1].span if attributes else field_type.span
        return _Field(
            name=name,
            name_span=name_span,
            type=field_type,
            attributes=attributes,
            doc_comments=_NONE,
            trailing_comment=None,
            span=self.join(name_span, last),
        )

    def field(self, children):
        name, name_span, type_name, type_span, suffix, suffix_span, _, _ = self._head(children[0])
        optional, is_list = self._suffix(suffix, suffix_span)
        field_type = _FieldType(name=type_name, optional=optional, list=is_list, unsupported=None, span=type_span)
        return self._field(name, name_span, field_type, children[1:])

    def unsupported_field(self, children):
        name, name_span, type_name, type_span, _, _, _, _ = self._head(children[0])
        string, rpar = children[1], children[2]
        rest = children[3:]
        end_span = self.token_span(rpar)
        optional = is_list = False
        if rest and getattr(rest[0], "type", None) == "TYPE_SUFFIX":
            end_span = self.token_span(rest[0])
            optional, is_list = self._suffix(rest[0].value, end_span)
            rest = rest[1:]
        field_type = _FieldType(
            name=type_name,
            optional=optional,
            list=is_list,
            unsupported=unescape_string(string.value),
            span=self.join(type_span, end_span),
        )
        if type_name != "Unsupported":
            self.diagnostics.append(
                Diagnostic(
                    severity="error",
                    message=messages.INVALID_MODEL_LINE,
                    span=field_type.span,
                    hint='Only `Unsupported("...")` takes an argument in a field type.',
                )
            )
        return self._field(name, name_span, field_type, rest)

    def enum_value(self, children):
        name = children[0]
        attributes = children[1:]
        name_span = self.token_span(name)
        return _EnumValue(
            name=name.value,
            name_span=name_span,
            attributes=attributes,
            span=self.join(name_span, attributes[-1].span) if attributes else name_span,
        )

    def property(self, children):
        name, value = children
        name_span = self.token_span(name)
        return _ConfigProperty(name=name.value, name_span=name_span, value=value, span=self.join(name_span, value.span))

    # -- blocks

    def _block_parts(self, children):
        keyword, name, rbrace = children[0], children[1], children[-1]
        span = self.join(self.token_span(keyword), self.token_span(rbrace))
        members = children[2:-1]
        if any(type(member) is _Members for member in members):
            members = [node for member in members for node in (member if type(member) is _Members else (member,))]
        members, free = self._attach(members, self._take_comments(keyword.start_pos, rbrace.end_pos))
        return keyword.value, name.value, self.token_span(name), span, members, free

    def model_block(self, children):
        keyword, name, name_span, span, members, free = self._block_parts(children)
        return _Model(
            kind=keyword,
            name=name,
            name_span=name_span,
            fields=[member for member in members if type(member) is Field],
            attributes=[member for member in members if type(member) is Attribute],
            comments=free,
            span=span,
        )

    def enum_block(self, children):
        _, name, name_span, span, members, free = self._block_parts(children)
        return _Enum(
            name=name,
            name_span=name_span,
            values=[member for member in members if type(member) is EnumValue],
            attributes=[member for member in members if type(member) is Attribute],
            comments=free,
            span=span,
        )

    def config_block(self, children):
        keyword, name, name_span, span, members, free = self._block_parts(children)
        block_class = _Datasource if keyword == "datasource" else _Generator
        return block_class(name=name, name_span=name_span, properties=members, comments=free, span=span)

    def start(self, children):
        self._take_comments(len(self.text) + 1, len(self.text) + 1)
        top = self.top_comments
        self.top_comments = []
        declarations, free = self._attach(children, [pending for pending in top if pending.own_line])
        free += [pending.comment for pending in top if not pending.own_line]
        free.sort(key=lambda comment: comment.span.start)
        return _SchemaFile(path=self.file, declarations=declarations, comments=free)

    def model_line(self, children):
        return children[-1]

    enum_line = config_line = model_line


# ---------------------------------------------------------------------------- recovery after a syntax error

_HEADER_RE = re.compile(r"^\s*(model|view|type|enum|datasource|generator)\s+([^\W\d_][\w-]*)\s*\{\s*(//.*)?$")
_KEYWORD_RE = re.compile(r"^\s*(model|view|type|enum|datasource|generator)(?![\w-])")
_CLOSE_RE = re.compile(r"^\s*\}\s*(//.*)?$")
_NAME_ONLY_RE = re.compile(r"^\s*([^\W\d_][\w-]*)\s*(//.*)?$")
_BLOCK_ATTRIBUTE_RE = re.compile(r"@@([^\W\d_][\w.-]*)")
_LINE_START = {"model": "model_line", "view": "model_line", "type": "model_line", "enum": "enum_line"}
_INVALID_LINE = {"model_line": messages.INVALID_MODEL_LINE, "enum_line": messages.INVALID_ENUM_LINE}


_WHOLE_LINES = frozenset({"MEMBER_LINES", "MODEL_BLOCK"})
_OBJECT_START = frozenset({"LBRACE"})


def _describe_expected(expected) -> str:
    # The tokens for runs of whole lines are only ever expected where their first token is. Where a value is
    # expected (`[` is), `{` is left out: Prisma takes an object only as a partial index's `where:` (preview feature
    # `partialIndexes`), so the hint lists the usual values.
    left_out = _WHOLE_LINES | _OBJECT_START if "LSQB" in expected else _WHOLE_LINES
    names = sorted(
        {
            messages.TERMINAL_NAMES.get(name, f"`{name}`")
            for name in expected
            if not name.startswith("__") and name not in left_out
        }
    )
    if not names:
        return "something else"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


class _Recovery:
    """Line-by-line diagnosis of a file that does not parse; produces diagnostics and a repaired text."""

    def __init__(self, text: str, file: str, parser, builder: _Builder):
        self.text = text
        self.file = file
        self.parser = parser
        self.builder = builder
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.diagnostics: list[Diagnostic] = []
        self.blanked: set[int] = set()

    def span(self, line_index: int, column_start: int, column_end: int) -> Span:
        """A span on one line (0-based line index, 0-based columns, end exclusive)."""
        self.builder.begin(self.text, self.file)
        start = self.starts[line_index] + column_start
        end = self.starts[line_index] + max(column_end, column_start + 1)
        return self.builder.span_at(start, end, line_index + 1, column_start + 1, line_index + 1, column_end + 1)

    def line_span(self, line_index: int) -> Span:
        line = self.lines[line_index].rstrip("\r")
        stripped = line.lstrip()
        start = len(line) - len(stripped)
        return self.span(line_index, start, max(start + 1, len(line.rstrip())))

    def error(self, message: str, span: Span, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(severity="error", message=message, span=span, hint=hint))

    def run(self) -> str:
        block_keyword: str | None = None
        block_name = ""
        header_index = 0
        for index, line in enumerate(self.lines):
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            header = _HEADER_RE.match(line)
            if block_keyword is None:
                if header:
                    block_keyword, block_name, header_index = header.group(1), header.group(2), index
                elif _KEYWORD_RE.match(line):
                    keyword = _KEYWORD_RE.match(line).group(1)
                    self.error(messages.MISSING_BLOCK_NAME.format(keyword=keyword), self.line_span(index))
                    # Treat what follows as the block's body, so that its lines are not reported one by one.
                    block_keyword, block_name, header_index = keyword, "", index
                    self.blanked.add(index)
                elif _CLOSE_RE.match(line):
                    self.error(messages.UNEXPECTED_CLOSING_BRACE, self.line_span(index))
                    self.blanked.add(index)
                else:
                    self.error(messages.INVALID_TOP_LEVEL_LINE, self.line_span(index))
                    self.blanked.add(index)
                continue
            if _CLOSE_RE.match(line):
                if index - 1 >= header_index and header_index in self.blanked:
                    self.blanked.update(range(header_index, index + 1))
                block_keyword = None
                continue
            if header:
                self.missing_brace(block_keyword, block_name, header_index, index)
                block_keyword, block_name, header_index = header.group(1), header.group(2), index
                continue
            self.check_member_line(_LINE_START.get(block_keyword, "config_line"), index, block_keyword)
        if block_keyword is not None:
            self.missing_brace(block_keyword, block_name, header_index, len(self.lines))
        repaired = [" " * len(line) if index in self.blanked else line for index, line in enumerate(self.lines)]
        return "\n".join(repaired)

    def missing_brace(self, keyword: str, name: str, header_index: int, end_index: int) -> None:
        if header_index not in self.blanked:
            header = self.lines[header_index]
            brace = header.find("{")
            self.error(
                messages.MISSING_CLOSING_BRACE.format(keyword=keyword, name=name),
                self.span(header_index, brace, brace + 1) if brace >= 0 else self.line_span(header_index),
                messages.MISSING_CLOSING_BRACE_HINT,
            )
        # The block cannot be trusted; leave it out of the tree.
        self.blanked.update(range(header_index, end_index))

    def check_member_line(self, start: str, index: int, keyword: str) -> None:
        import lark

        line = self.lines[index].rstrip("\r")
        try:
            self.builder.begin(line + "\n", self.file)
            self.parser.parse(line + "\n", start=start)
            return
        except lark.exceptions.UnexpectedInput as error:
            failure = error
        self.blanked.add(index)
        if start == "model_line" and _NAME_ONLY_RE.match(line):
            name = _NAME_ONLY_RE.match(line)
            self.error(messages.FIELD_WITHOUT_TYPE, self.span(index, name.start(1), name.end(1)))
            return
        block_attribute = _BLOCK_ATTRIBUTE_RE.search(line)
        if start != "config_line" and block_attribute and not line.lstrip().startswith("@@"):
            name = block_attribute.group(1)
            self.error(
                messages.BLOCK_ATTRIBUTE_ON_FIELD.format(name=name),
                self.span(index, block_attribute.start(), block_attribute.end()),
                messages.BLOCK_ATTRIBUTE_ON_FIELD_HINT.format(name=name),
            )
            return
        quote = _unterminated_quote(line)
        if quote is not None:
            self.error(messages.UNTERMINATED_STRING, self.span(index, quote, len(line.rstrip())))
            return
        column = max(0, getattr(failure, "column", 1) - 1)
        token = getattr(failure, "token", None)
        width = 1
        if token is not None and token.type != "_NL" and token.value:
            # (A line parsed alone: a MEMBER_LINES token is that one line.)
            whole_line = token.type in ("FIELD_LINE", "MEMBER_LINES")
            width = len(_field_line_fine_token(token.value) if whole_line else token.value)
        expected = getattr(failure, "expected", None) or getattr(failure, "allowed", None) or ()
        self.error(
            _INVALID_LINE.get(start, messages.INVALID_CONFIG_LINE.format(keyword=keyword)),
            self.span(index, column, column + width),
            messages.UNEXPECTED_TOKEN_HINT.format(expected=_describe_expected(expected)),
        )


def _unterminated_quote(line: str) -> int | None:
    """The column of a string's opening quote that has no closing quote on the line, if any."""
    index = 0
    opening = None
    while index < len(line):
        character = line[index]
        if opening is None:
            if character == '"':
                opening = index
            elif line.startswith("//", index):
                return None
        elif character == "\\":
            index += 1
        elif character == '"':
            opening = None
        index += 1
    return opening


# ---------------------------------------------------------------------------- light validation


def _duplicate_diagnostics(declarations: list, seen: dict[str, object] | None = None) -> list[Diagnostic]:
    """Duplicate top-level names (models, views, composite types and enums share one namespace), fields, values."""
    diagnostics = []
    seen = {} if seen is None else seen
    kind_names = {"model": "model", "view": "view", "type": "composite type", "enum": "enum"}
    for declaration in declarations:
        kind = declaration.kind
        if kind in kind_names:
            previous = seen.get(declaration.name)
            if previous is not None:
                diagnostics.append(
                    Diagnostic(
                        severity="error",
                        message=messages.DUPLICATE_TOP_LEVEL.format(
                            kind=kind_names[kind], name=declaration.name, other_kind=kind_names[previous.kind]
                        ),
                        span=declaration.name_span,
                    )
                )
            else:
                seen[declaration.name] = declaration
        if kind in ("model", "view", "type"):
            members, template = declaration.fields, messages.DUPLICATE_FIELD
        elif kind == "enum":
            members, template = declaration.values, messages.DUPLICATE_ENUM_VALUE
        else:
            members, template = declaration.properties, messages.DUPLICATE_PROPERTY
        member_names = [member.name for member in members]
        if len(set(member_names)) == len(member_names):
            continue  # the usual case, checked in one go
        names: set[str] = set()
        for member in members:
            if member.name in names:
                message = template.format(
                    field=member.name,
                    value=member.name,
                    key=member.name,
                    kind=kind_names.get(kind, kind),
                    block=declaration.name,
                )
                diagnostics.append(Diagnostic(severity="error", message=message, span=member.name_span))
            names.add(member.name)
    return diagnostics


# ---------------------------------------------------------------------------- public API


def _parse_text(text: str, file: str, parser, builder: _Builder, share: bool = False) -> SchemaFile:
    builder.begin(text, file, share)
    return parser.parse(text, start="start")


def parse_source(text: str, file: str, share: bool = False) -> tuple[SchemaFile, list[Diagnostic]]:
    """Parse one file's text. Never raises for a user's mistake: problems come back as diagnostics.

    `share`: a member line that repeats (`tenantId String @db.Uuid`, `@@index([tenantId])`) gets a field or
    attribute node of its own at each place, as always, but shares the nodes below them (the field's type, the
    attributes' arguments and their values) with the line's first occurrence, so their spans are that line's.
    A third fewer nodes and a parse about a third faster at 5,000 models; for a caller that reads positions only
    from models, fields and attributes (the lowering's origins) and parses again without sharing to report a
    problem (`drift check`). Only diagnostics are affected otherwise, and those are made per occurrence."""
    import lark

    parser, builder = _parser()
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    source = text if text.endswith("\n") else text + "\n"
    with _LOCK:
        collecting = gc.isenabled()
        gc.disable()
        try:
            try:
                schema_file = _parse_text(source, file, parser, builder, share)
                diagnostics = list(builder.diagnostics)
            except lark.exceptions.UnexpectedInput as first_error:
                recovery = _Recovery(source, file, parser, builder)
                repaired = recovery.run()
                diagnostics = recovery.diagnostics
                try:
                    schema_file = _parse_text(repaired, file, parser, builder)
                    diagnostics += builder.diagnostics
                except lark.exceptions.UnexpectedInput as error:
                    schema_file = _SchemaFile(path=file)
                    if not diagnostics:
                        diagnostics.append(_diagnostic_from_lark(first_error, source, file, builder))
                    del error
        finally:
            builder.begin("", file)
            if collecting:
                _promote_to_oldest_generation()
                gc.enable()
    diagnostics += _duplicate_diagnostics(schema_file.declarations)
    diagnostics.sort(key=lambda diagnostic: (diagnostic.span.start, diagnostic.message))
    return schema_file, diagnostics


def _promote_to_oldest_generation() -> None:
    """Move every object the cyclic GC tracks to its oldest generation (two list splices, whatever their number).

    The tree is long-lived, and the young generation it was made in would otherwise be scanned as soon as the GC
    is back on, a pass over every node (a third of a 1,000-model parse; drift's CLI runs without the cyclic GC
    and never pays it). Objects the caller made before the parse are promoted too: still collected, by the next
    full collection."""
    gc.freeze()
    gc.unfreeze()


def _diagnostic_from_lark(error, text: str, file: str, builder: _Builder) -> Diagnostic:
    builder.begin(text, file)
    line = max(1, getattr(error, "line", 1) or 1)
    column = max(1, getattr(error, "column", 1) or 1)
    lines = text.split("\n")
    start = sum(len(previous) + 1 for previous in lines[: line - 1]) + column - 1
    token = getattr(error, "token", None)
    found = "the end of the file" if token is None or token.type == "$END" else f'"{_fine_token(token).strip()}"'
    expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
    return Diagnostic(
        severity="error",
        message=messages.SYNTAX_ERROR.format(found=found),
        span=builder.span_at(start, start + 1, line, column, line, column + 1),
        hint=messages.UNEXPECTED_TOKEN_HINT.format(expected=_describe_expected(expected)),
    )


def _fine_token(token) -> str:
    """The text of the token the fine grammar's lexer finds where a run of whole lines starts (MEMBER_LINES: the
    first line's FIELD_LINE; MODEL_BLOCK: the FIELD_HEAD `model Name`), so that messages do not depend on them."""
    if token.type == "MEMBER_LINES":
        return _field_line_fine_token(_Piece(token.value, 0, 0, 0, 0).value)
    if token.type == "MODEL_BLOCK":
        return _HEAD_RE.match(token.value).group()
    if token.type == "FIELD_LINE":
        return _field_line_fine_token(token.value)
    return token.value


def _field_line_fine_token(value: str) -> str:
    """A FIELD_LINE with an `Unsupported("...")` type is lexed by the fine grammar as FIELD_HEAD `name Unsupported`
    (the argument follows in tokens of its own); other FIELD_LINEs are the same token in both."""
    head = _HEAD_RE.match(value)
    return value[: head.end(3)] if head.group(4) is not None else value


def schema_files_in(path: Path) -> list[Path]:
    """The `.prisma` files a schema path stands for: the file itself, or a folder's files recursively, sorted."""
    if path.is_dir():
        return sorted(candidate for candidate in path.rglob("*.prisma") if candidate.is_file())
    return [path]


def read_schema_sources(path: Path) -> dict[str, str]:
    """File name (as used in spans) -> text, for a schema file or folder; raises BadInput when unreadable."""
    files = schema_files_in(path)
    if not files:
        raise BadInput(messages.NO_SCHEMA_FILES.format(path=path))
    sources = {}
    for file in files:
        try:
            sources[str(file)] = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise BadInput(messages.CANNOT_READ.format(path=file, reason=reason)) from None
    return sources


def parse_sources(sources: dict[str, str], share: bool = False) -> tuple[Schema, list[Diagnostic]]:
    """Parse several files as one schema (in the given order); diagnostics include cross-file duplicates. `share`:
    see `parse_source`."""
    files = []
    diagnostics: list[Diagnostic] = []
    seen: dict[str, object] = {}
    for file, text in sources.items():
        schema_file, file_diagnostics = parse_source(text, file, share)
        files.append(schema_file)
        diagnostics += file_diagnostics
        # Within-file duplicates were reported by parse_source; only report names that clash across files (none
        # when there is one file: then this pass would find exactly parse_source's duplicates again).
        if len(sources) > 1:
            for diagnostic in _duplicate_diagnostics(schema_file.declarations, seen):
                if diagnostic not in file_diagnostics:
                    diagnostics.append(diagnostic)
    return Schema.model_construct(files=files), diagnostics  # a list of SchemaFile already: nothing to validate


def parse_schema_path(path: Path, share: bool = False) -> Schema:
    """Parse a schema file or a folder of `.prisma` files; raises PrismaSchemaError listing every error. `share`:
    see `parse_source` (the errors are those of a parse without it)."""
    sources = read_schema_sources(Path(path))
    schema, diagnostics = parse_sources(sources, share)
    errors = [diagnostic for diagnostic in diagnostics if diagnostic.severity == "error"]
    if errors and share:
        schema, diagnostics = parse_sources(sources)
        errors = [diagnostic for diagnostic in diagnostics if diagnostic.severity == "error"]
    if errors:
        raise PrismaSchemaError(errors, sources)
    return schema
