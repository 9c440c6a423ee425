"""The Prisma Schema Language syntax tree: what `drift.prisma.parse` produces, with a span on every node.

Shape (purely syntactic: nothing is resolved here; field types are names, see `resolve.py` for their meaning):

    Schema                      a whole schema: one or more files (a folder is merged, files sorted by path)
      files: [SchemaFile]       .datasources .generators .models .views .enums .composite_types merge all files
    SchemaFile
      path, declarations        in source order: Datasource | Generator | Model | Enum
      comments: [Comment]       free `//` comments between declarations (with their spans)
    Datasource / Generator      name, properties: [ConfigProperty(name, value)], comments
                                (e.g. provider = "postgresql", url = env("DATABASE_URL"), schemas = ["a", "b"],
                                extensions = [pg_trgm, vector(schema: "x")], relationMode = "prisma",
                                previewFeatures = ["multiSchema"]); `.property(name)` and `.string(name)` look up.
    Model                       kind "model" | "view" | "type" (composite type); name, fields, attributes
                                (the `@@` block attributes), comments (free `//` lines inside the block)
      Field                     name, type: FieldType, attributes (the `@` field attributes)
        FieldType               name ("String", "User", or "Unsupported"), optional `?`, list `[]`,
                                unsupported: the string argument of `Unsupported("...")` (else None)
    Enum                        name, values: [EnumValue(name, attributes)], attributes (`@@map`, `@@schema`), comments
    Attribute                   name as written without `@`/`@@`: "id", "default", "relation", "db.VarChar", "map";
                                block: True for `@@...`; args: [Argument(name | None, value)]
                                `.arg("fields", 0)` finds the named argument, else the first positional one.
    Value (discriminated by `kind`):
      StringValue   "string"    value: unescaped text; raw: as written, with quotes and escapes
      NumberValue   "number"    text: the source text ("1", "-2.5"); `.number` gives int or float
      ConstantValue "constant"  name: an identifier or keyword as written (Desc, Cascade, true, Gin, a field name)
      FunctionCall  "function"  name, args: [Argument]: now(), dbgenerated("..."), env("X"), raw("...")
      ArrayValue    "array"     items: [Value]
      ObjectValue   "object"    entries: [Argument], each named (key: value): `{ active: true }`, `{ n: { not: null } }`
                                (the `where:` of a partial index, preview feature `partialIndexes`); `.entry(name)`
    Field references are written as constants or calls inside arrays: in `@@index([a, b(sort: Desc, ops: raw("x"))])`
    the items are ConstantValue("a") and FunctionCall("b", [sort: Desc, ops: raw("x")]); `field_reference(value)`
    returns (name, args) for either.

Every node has `span` (drift.diagnostics.Span, a NamedTuple: file, byte offsets, 1-based line/column of both ends);
named nodes also have `name_span`. Doc comments (`///`, and `/* */` which Prisma also reads as documentation)
directly above a declaration, field or enum value are attached to it as `doc_comments` (`.documentation` joins
their text as Prisma's DMMF does); a comment at the end of a line that
holds a field, value, property or attribute is its `trailing_comment`; every other comment is kept in the enclosing
`comments` list with its span, so the printer can put it back. Blank lines are not nodes: the printer derives them
from the line numbers of neighbouring spans.

The models are frozen pydantic models; `model_dump(mode="json")` is what `drift parse --format json` prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

from drift.diagnostics import Span

__all__ = [
    "Argument",
    "ArrayValue",
    "Attribute",
    "Comment",
    "ConfigProperty",
    "ConstantValue",
    "Datasource",
    "Declaration",
    "Enum",
    "EnumValue",
    "Field",
    "FieldType",
    "FunctionCall",
    "Generator",
    "Model",
    "NumberValue",
    "ObjectValue",
    "Schema",
    "SchemaFile",
    "Span",
    "StringValue",
    "Value",
    "field_reference",
]


class Node(BaseModel):
    # The parser builds nodes without validation; validators are built on first use (never, in a check).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Comment(Node):
    """A comment as written: `// ...`, `/// ...` (no line break) or `/* ... */` (may span lines)."""

    text: str
    span: Span

    @property
    def is_block(self) -> bool:
        return self.text.startswith("/*")

    @property
    def is_doc(self) -> bool:
        """Documentation for what it precedes (or trails): `///` and, as Prisma reads them, `/* */` comments."""
        return self.text.startswith("///") or self.is_block

    @property
    def body(self) -> str:
        """The text inside the markers; for `//` and `///` the single space after the marker is removed."""
        if self.is_block:
            return self.text[2:-2]
        body = self.text[3:] if self.text.startswith("///") else self.text[2:]
        return body.removeprefix(" ")

    @property
    def doc_text(self) -> str:
        """The text Prisma's DMMF takes for documentation: inside the markers, trimmed."""
        return (self.text[2:-2] if self.is_block else self.text[3:]).strip()


# ---------------------------------------------------------------------------- values


class StringValue(Node):
    kind: Literal["string"] = "string"
    value: str
    raw: str
    span: Span


class NumberValue(Node):
    kind: Literal["number"] = "number"
    text: str
    span: Span

    @property
    def number(self) -> int | float:
        try:
            return int(self.text)
        except ValueError:
            return float(self.text)


class ConstantValue(Node):
    kind: Literal["constant"] = "constant"
    name: str
    span: Span


class FunctionCall(Node):
    kind: Literal["function"] = "function"
    name: str
    name_span: Span
    args: list[Argument] = []
    span: Span

    def arg(self, name: str | None = None, position: int | None = None) -> Value | None:
        return _find_arg(self.args, name, position)


class ArrayValue(Node):
    kind: Literal["array"] = "array"
    items: list[Value] = []
    span: Span


class ObjectValue(Node):
    """`{ key: value, ... }`: each entry is a named Argument (its span from the key to the end of its value); the
    span is from `{` to `}`. Values may be objects again (`{ n: { not: null } }`)."""

    kind: Literal["object"] = "object"
    entries: list[Argument] = []
    span: Span

    def entry(self, name: str) -> Value | None:
        """The value of the first entry with key `name`, else None."""
        return _find_arg(self.entries, name, None)


Value = Annotated[
    StringValue | NumberValue | ConstantValue | FunctionCall | ArrayValue | ObjectValue,
    PydanticField(discriminator="kind"),
]


class Argument(Node):
    """`name: value` or a positional `value` (name None)."""

    name: str | None = None
    value: Value
    span: Span


def _find_arg(args: list[Argument], name: str | None, position: int | None) -> Value | None:
    if name is not None:
        for argument in args:
            if argument.name == name:
                return argument.value
    if position is not None:
        if position < 0:
            positional = [argument.value for argument in args if argument.name is None]
            return positional[position] if position < len(positional) else None
        for argument in args:
            if argument.name is None:
                if not position:
                    return argument.value
                position -= 1
    return None


def field_reference(value: Value) -> tuple[str, list[Argument]] | None:
    """A field reference inside an array (`a` or `a(sort: Desc)`) as (name, args); None for other values."""
    if isinstance(value, ConstantValue):
        return value.name, []
    if isinstance(value, FunctionCall):
        return value.name, value.args
    return None


# ---------------------------------------------------------------------------- attributes and fields


class Attribute(Node):
    name: str
    block: bool = False
    args: list[Argument] = []
    # False for `@id` (no parentheses), True for `@id()`: kept so the printer writes back what was written.
    parenthesized: bool = False
    name_span: Span
    span: Span
    trailing_comment: Comment | None = None
    doc_comments: list[Comment] = []

    def arg(self, name: str | int, position: int | None = None) -> Value | None:
        """`arg("map")` the named argument; `arg(0)` the first positional; `arg("fields", 0)` either."""
        if isinstance(name, int):
            return _find_arg(self.args, None, name)
        return _find_arg(self.args, name, position)

    @property
    def positional(self) -> list[Value]:
        return [argument.value for argument in self.args if argument.name is None]

    @property
    def named(self) -> dict[str, Value]:
        return {argument.name: argument.value for argument in self.args if argument.name is not None}

    @property
    def written(self) -> str:
        """`@id`, `@@index`, `@db.VarChar`: the name with its marker."""
        return ("@@" if self.block else "@") + self.name


class FieldType(Node):
    name: str
    optional: bool = False
    list: bool = False
    unsupported: str | None = None
    span: Span

    @property
    def is_unsupported(self) -> bool:
        return self.unsupported is not None


class _Documented(Node):
    doc_comments: list[Comment] = []

    @property
    def documentation(self) -> str | None:
        """The doc text as Prisma's DMMF reports it: the doc comments above, then a trailing one on the same line."""
        comments = list(self.doc_comments)
        trailing = getattr(self, "trailing_comment", None)
        if trailing is not None and trailing.is_doc:
            comments.append(trailing)
        if not comments:
            return None
        return "\n".join(comment.doc_text for comment in comments)


class Field(_Documented):
    name: str
    name_span: Span
    type: FieldType
    attributes: list[Attribute] = []
    trailing_comment: Comment | None = None
    span: Span

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None

    def has_attribute(self, name: str) -> bool:
        return self.attribute(name) is not None


class Model(_Documented):
    """A `model`, `view` or composite `type` block (`kind` says which)."""

    kind: Literal["model", "view", "type"]
    name: str
    name_span: Span
    fields: list[Field] = []
    attributes: list[Attribute] = []
    comments: list[Comment] = []
    span: Span

    def field(self, name: str) -> Field | None:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        return None

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None

    def attributes_named(self, name: str) -> list[Attribute]:
        return [attribute for attribute in self.attributes if attribute.name == name]


class EnumValue(_Documented):
    name: str
    name_span: Span
    attributes: list[Attribute] = []
    trailing_comment: Comment | None = None
    span: Span

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


class Enum(_Documented):
    kind: Literal["enum"] = "enum"
    name: str
    name_span: Span
    values: list[EnumValue] = []
    attributes: list[Attribute] = []
    comments: list[Comment] = []
    span: Span

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


# ---------------------------------------------------------------------------- datasource and generator


class ConfigProperty(_Documented):
    name: str
    name_span: Span
    value: Value
    trailing_comment: Comment | None = None
    span: Span


class _ConfigBlock(_Documented):
    name: str
    name_span: Span
    properties: list[ConfigProperty] = []
    comments: list[Comment] = []
    span: Span

    def property(self, name: str) -> Value | None:
        for candidate in self.properties:
            if candidate.name == name:
                return candidate.value
        return None

    def string(self, name: str) -> str | None:
        """A property's string value (`provider = "postgresql"`); None if absent or not a plain string."""
        value = self.property(name)
        return value.value if isinstance(value, StringValue) else None

    def strings(self, name: str) -> list[str]:
        """An array property's string items (`schemas = ["a", "b"]`, `previewFeatures = [...]`)."""
        value = self.property(name)
        if isinstance(value, ArrayValue):
            return [item.value for item in value.items if isinstance(item, StringValue)]
        if isinstance(value, StringValue):
            return [value.value]
        return []


class Datasource(_ConfigBlock):
    kind: Literal["datasource"] = "datasource"

    @property
    def provider(self) -> str | None:
        return self.string("provider")

    @property
    def schemas(self) -> list[str]:
        return self.strings("schemas")

    @property
    def relation_mode(self) -> str | None:
        # `referentialIntegrity` is its old name, which Prisma still reads (the two together are an error).
        mode = self.string("relationMode")
        return mode if mode is not None else self.string("referentialIntegrity")

    def connection(self) -> tuple[str, str] | None:
        """Where Prisma's CLI takes the database URL from: `directUrl` when given (`url` may be a pooler), else
        `url`; ("env", variable) for `env("X")`, ("url", text) for a literal; None when neither is set."""
        for name in ("directUrl", "url"):
            value = self.property(name)
            if isinstance(value, StringValue):
                return ("url", value.value)
            if isinstance(value, FunctionCall) and value.name == "env":
                variable = value.arg(position=0)
                if isinstance(variable, StringValue):
                    return ("env", variable.value)
        return None

    @property
    def extensions(self) -> list[Value]:
        """The declared extensions: a list's items, or the one value Prisma also takes without brackets
        (`extensions = pg_trgm`)."""
        value = self.property("extensions")
        if isinstance(value, ArrayValue):
            return list(value.items)
        return [] if value is None else [value]


class Generator(_ConfigBlock):
    kind: Literal["generator"] = "generator"

    @property
    def preview_features(self) -> list[str]:
        return self.strings("previewFeatures")


Declaration = Annotated[Datasource | Generator | Model | Enum, PydanticField(discriminator="kind")]


# ---------------------------------------------------------------------------- files and schemas


class SchemaFile(Node):
    path: str
    declarations: list[Declaration] = []
    comments: list[Comment] = []

    def _of(self, kind: str) -> Iterator:
        return (declaration for declaration in self.declarations if declaration.kind == kind)

    @property
    def datasources(self) -> list[Datasource]:
        return list(self._of("datasource"))

    @property
    def generators(self) -> list[Generator]:
        return list(self._of("generator"))

    @property
    def models(self) -> list[Model]:
        return list(self._of("model"))

    @property
    def views(self) -> list[Model]:
        return list(self._of("view"))

    @property
    def composite_types(self) -> list[Model]:
        return list(self._of("type"))

    @property
    def enums(self) -> list[Enum]:
        return list(self._of("enum"))


class Schema(Node):
    """A whole schema; lists merge all files in file order, then source order."""

    files: list[SchemaFile] = []

    def _merged(self, attribute: str) -> list:
        return [item for schema_file in self.files for item in getattr(schema_file, attribute)]

    @property
    def declarations(self) -> list[Declaration]:
        return self._merged("declarations")

    @property
    def datasources(self) -> list[Datasource]:
        return self._merged("datasources")

    @property
    def datasource(self) -> Datasource | None:
        found = self.datasources
        return found[0] if found else None

    @property
    def generators(self) -> list[Generator]:
        return self._merged("generators")

    @property
    def models(self) -> list[Model]:
        return self._merged("models")

    @property
    def views(self) -> list[Model]:
        return self._merged("views")

    @property
    def composite_types(self) -> list[Model]:
        return self._merged("composite_types")

    @property
    def enums(self) -> list[Enum]:
        return self._merged("enums")

    def model(self, name: str) -> Model | None:
        """A model or view by name."""
        for candidate in self.declarations:
            if candidate.kind in ("model", "view") and candidate.name == name:
                return candidate
        return None

    def enum(self, name: str) -> Enum | None:
        for candidate in self.enums:
            if candidate.name == name:
                return candidate
        return None

    def composite_type(self, name: str) -> Model | None:
        for candidate in self.composite_types:
            if candidate.name == name:
                return candidate
        return None

