"""The `@default(...)` values Prisma refuses: a literal of another type than the field's, a list on a scalar field or a
scalar on a list, an enum value the enum does not have, a function on a type it does not serve or with arguments it
does not take, a function Prisma does not know, and string literals that do not parse as the field's type (DateTime,
Decimal, Json, Bytes).

Read as a database default, each would be drift that is not there (or no drift where there is). Every message and
position is Prisma's (drift.prisma.messages), each case checked with its validator in tests/prisma/test_default_rules.py;
the literal parsers below follow the Rust libraries Prisma uses (chrono's RFC 3339 parser, bigdecimal, serde_json,
base64) closely enough to give their error details for the usual mistakes.
"""

from __future__ import annotations

import binascii
import base64

from drift.diagnostics import Diagnostic
from drift.prisma import ast, messages
from drift.prisma.attribute_rules import attribute_error, schema_error
from drift.prisma.printer import render_value

# The functions @default knows, and the scalar types each may be used on (a function on another type is refused with
# DEFAULT_FUNCTION_TYPE). `dbgenerated` goes anywhere; `auto` is MongoDB's.
FUNCTION_TYPES: dict[str, frozenset[str]] = {
    "autoincrement": frozenset({"Int", "BigInt"}),
    "uuid": frozenset({"String"}),
    "cuid": frozenset({"String"}),
    "nanoid": frozenset({"String"}),
    "ulid": frozenset({"String"}),
    "now": frozenset({"DateTime"}),
}
# The functions that take no argument.
NO_ARGUMENT_FUNCTIONS = frozenset({"autoincrement", "ulid", "now"})
# Functions taking one integer: the values it may have, and the message for another.
INTEGER_ARGUMENT_FUNCTIONS: dict[str, tuple[range | frozenset[int], str]] = {
    "uuid": (frozenset({4, 7}), messages.DEFAULT_UUID_VERSION),
    "cuid": (frozenset({1, 2}), messages.DEFAULT_CUID_VERSION),
    "nanoid": (range(2, 256), messages.DEFAULT_NANOID_LENGTH),
}
_NUMBERS = frozenset({"Int", "BigInt"})
_I64 = range(-(1 << 63), 1 << 63)
_NO_PROBLEMS: list[Diagnostic] = []  # returned, never changed


def default_diagnostics(attribute: ast.Attribute, kind: str, type_name: str, is_list: bool,
                        enum_values: frozenset[str] | None = None) -> list[Diagnostic]:
    """Prisma's errors against a field's (first) `@default`. `kind` is the field's (drift.prisma.resolve.FieldKind),
    `enum_values` the value names of its enum when it is one."""
    value = attribute.arg("value", 0)
    if value is None:
        return _NO_PROBLEMS  # `@default()`: Prisma's "Argument "value" is missing.", reported with the arguments
    if kind == "relation":
        return [attribute_error(attribute, messages.DEFAULT_ON_RELATION)]
    if kind == "composite":
        return _NO_PROBLEMS  # composite types are MongoDB's, refused as a whole
    if isinstance(value, ast.FunctionCall) and value.name == "dbgenerated":
        args = value.args
        if args and (len(args) > 1 or not isinstance(args[0].value, ast.StringValue)):
            return [attribute_error(attribute, messages.DEFAULT_DBGENERATED_ARGUMENT)]
        return _NO_PROBLEMS
    if kind == "unsupported":
        return [attribute_error(attribute, messages.DEFAULT_ON_UNSUPPORTED)]
    if kind == "enum":
        return _enum_problems(attribute, value, is_list, enum_values or frozenset())
    if isinstance(value, ast.FunctionCall):
        return _function_problems(attribute, value, type_name)
    if isinstance(value, ast.ArrayValue):
        if not is_list:
            return [attribute_error(attribute, messages.DEFAULT_LIST_ON_SCALAR)]
        found: list[Diagnostic] = []
        for item in value.items:
            problem = _literal_problem(attribute, item, type_name)
            if problem is not None:
                return [problem]  # Prisma stops at the first item of the wrong kind
            found += _parse_problems(item, type_name)
        return found
    if is_list:
        return [attribute_error(attribute, messages.DEFAULT_SCALAR_ON_LIST)]
    problem = _literal_problem(attribute, value, type_name)
    if problem is not None:
        return [problem]
    return _parse_problems(value, type_name)


def _enum_problems(attribute: ast.Attribute, value: ast.Value, is_list: bool,
                   enum_values: frozenset[str]) -> list[Diagnostic]:
    items = [value]
    if is_list:
        if not isinstance(value, ast.ArrayValue):  # a list's default is a list, even of one value
            return [attribute_error(attribute, messages.DEFAULT_NOT_ENUM.format(found=render_value(value)))]
        items = value.items
    for item in items:
        if not isinstance(item, ast.ConstantValue):
            return [attribute_error(attribute, messages.DEFAULT_NOT_ENUM.format(found=render_value(item)))]
        if item.name not in enum_values:
            return [attribute_error(attribute, messages.DEFAULT_UNKNOWN_ENUM_VALUE.format(value=item.name))]
    return _NO_PROBLEMS


def _function_problems(attribute: ast.Attribute, call: ast.FunctionCall, type_name: str) -> list[Diagnostic]:
    name = call.name
    types = FUNCTION_TYPES.get(name)
    if types is None:
        if name == "auto":
            return [_error_at(attribute, messages.DEFAULT_AUTO, call)]
        return [schema_error(messages.DEFAULT_UNKNOWN_FUNCTION.format(name=name), call.span)]
    if type_name not in types:
        return [attribute_error(attribute, messages.DEFAULT_FUNCTION_TYPE.format(name=name, type=type_name))]
    args = call.args
    if not args:
        return _NO_PROBLEMS
    if name in NO_ARGUMENT_FUNCTIONS:
        return [attribute_error(attribute, messages.DEFAULT_NO_ARGUMENTS.format(name=name))]
    allowed, message = INTEGER_ARGUMENT_FUNCTIONS[name]
    argument = args[0].value
    if len(args) > 1 or not isinstance(argument, ast.NumberValue):
        return [attribute_error(attribute, messages.DEFAULT_INTEGER_ARGUMENT.format(name=name))]
    number = argument.number
    if not isinstance(number, int) or number not in allowed:
        return [attribute_error(attribute, message)]
    return _NO_PROBLEMS


def _literal_problem(attribute: ast.Attribute, value: ast.Value, type_name: str) -> Diagnostic | None:
    """A literal of the wrong kind for the type: Prisma's first check of a value (of each item of a list)."""
    if type_name == "Boolean":
        if isinstance(value, ast.ConstantValue):
            if value.name in ("true", "false"):
                return None
            return _error_at(attribute, messages.DEFAULT_BOOLEAN, value)
    elif type_name == "String" or type_name in _STRING_LITERAL_TYPES:
        if isinstance(value, ast.StringValue):
            return None
    elif type_name in _NUMBER_LITERAL_TYPES:
        if isinstance(value, ast.NumberValue):
            return None
        if type_name == "Decimal" and isinstance(value, ast.StringValue):
            return None
    else:
        return None
    return attribute_error(attribute, messages.DEFAULT_WRONG_TYPE.format(
        type=type_name, found=render_value(value)))


_STRING_LITERAL_TYPES = frozenset({"DateTime", "Json", "Bytes"})
_NUMBER_LITERAL_TYPES = frozenset({"Int", "BigInt", "Float", "Decimal"})


def _error_at(attribute: ast.Attribute, detail: str, value: ast.Value) -> Diagnostic:
    """`Error parsing attribute "@default": {detail}`, on the value rather than the whole attribute."""
    return schema_error(messages.INVALID_INDEX_ATTRIBUTE.format(attribute=attribute.written, detail=detail),
                        value.span)


def _parse_problems(value: ast.Value, type_name: str) -> list[Diagnostic]:
    """What Prisma's later reading of a literal of the right kind says (on the literal): integers out of range, strings
    that are not a date, decimal, JSON or base64."""
    detail = None
    if type_name in _NUMBERS and isinstance(value, ast.NumberValue):
        detail = integer_problem(value.text)
        template = messages.DEFAULT_PARSE_INTEGER
        text = value.text
    elif isinstance(value, ast.StringValue):
        text = value.value
        if type_name == "DateTime":
            detail, template = datetime_problem(text), messages.DEFAULT_PARSE_DATETIME
        elif type_name == "Decimal":
            detail, template = decimal_problem(text), messages.DEFAULT_PARSE_DECIMAL
        elif type_name == "Json":
            detail, template = json_problem(text), messages.DEFAULT_PARSE_JSON
        elif type_name == "Bytes":
            detail, template = bytes_problem(text), messages.DEFAULT_PARSE_BYTES
    if detail is None:
        return _NO_PROBLEMS
    return [schema_error(template.format(text=text, detail=detail), value.span)]


# ---------------------------------------------------------------------------- literal parsers, as Prisma's libraries


def integer_problem(text: str) -> str | None:
    """Rust's `i64::from_str` on a number literal's text."""
    try:
        number = int(text)
    except ValueError:
        return "invalid digit found in string"
    if number in _I64:
        return None
    return "number too small to fit in target type" if number < 0 else "number too large to fit in target type"


def _bigint_problem(digits: str) -> str | None:
    """num-bigint's `BigInt::from_str_radix(digits, 10)`."""
    if digits[:1] in ("+", "-"):
        digits = digits[1:]
    if digits.startswith("_"):
        return "invalid digit found in string"
    digits = digits.replace("_", "")
    if not digits:
        return "cannot parse integer from empty string"
    if not (digits.isascii() and digits.isdigit()):
        return "invalid digit found in string"
    return None


def decimal_problem(text: str) -> str | None:
    """bigdecimal's `BigDecimal::from_str`."""
    base = text
    cut = min((index for index in (text.find("e"), text.find("E")) if index >= 0), default=-1)
    if cut >= 0:
        base, exponent = text[:cut], text[cut + 1:]
        problem = integer_problem(exponent[1:] if exponent.startswith("+") else exponent) if exponent else (
            "cannot parse integer from empty string")
        if exponent.startswith("+") and not exponent[1:]:
            problem = "cannot parse integer from empty string"
        if problem is not None:
            return problem
    if not base:
        return "Failed to parse empty string"
    return _bigint_problem(base.replace(".", "", 1))


def datetime_problem(text: str) -> str | None:
    """chrono's `DateTime::parse_from_rfc3339`: its error for the first thing wrong."""
    position = 0

    def number(digits: int, low: int, high: int) -> str | None:
        nonlocal position
        if len(text) - position < digits:
            return "premature end of input"
        chunk = text[position:position + digits]
        if not (chunk.isascii() and chunk.isdigit()):
            return "input contains invalid characters"
        position += digits
        return None if low <= int(chunk) <= high else "input is out of range"

    def char(expected: str) -> str | None:
        nonlocal position
        if position >= len(text):
            return "premature end of input"
        if text[position] not in expected:
            return "input contains invalid characters"
        position += 1
        return None

    steps = ((number, 4, 0, 9999), (char, "-"), (number, 2, 1, 12), (char, "-"), (number, 2, 1, 31),
             (char, "Tt "), (number, 2, 0, 23), (char, ":"), (number, 2, 0, 59), (char, ":"), (number, 2, 0, 60))
    for step, *args in steps:
        problem = step(*args)
        if problem is not None:
            return problem
    if text.startswith(".", position):
        start = position = position + 1
        while position < len(text) and text[position].isascii() and text[position].isdigit():
            position += 1
        if position == start:
            return "input contains invalid characters" if position < len(text) else "premature end of input"
    if position >= len(text):
        return "premature end of input"
    if text[position] in "Zz":
        position += 1
    else:
        problem = char("+-") or number(2, 0, 99) or char(":") or number(2, 0, 99)
        if problem is not None:
            return problem
        if int(text[position - 5:position - 3]) > 23 or int(text[position - 2:position]) > 59:
            return "input is out of range"
    if position < len(text):
        return "trailing input"
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if day > (29 if leap else 28) if month == 2 else day > (30 if month in (4, 6, 9, 11) else 31):
        return "input is out of range"
    return None


def bytes_problem(text: str) -> str | None:
    """The base64 crate's standard decoding (padding required): one detail for every failure."""
    try:
        # Python accepts trailing bits that are not zero (`aGVsbG9=`), the base64 crate does not: the text must be
        # what its bytes encode to.
        if base64.b64encode(base64.b64decode(text, validate=True)).decode() == text:
            return None
    except (binascii.Error, ValueError):
        pass
    return "Could not convert from `base64 encoded bytes` to `PrismaValue::Bytes`"


def json_problem(text: str) -> str | None:
    """serde_json's `from_str::<Value>`: its message and position for the first thing wrong, or None."""
    try:
        _JsonReader(text).document()
    except _JsonError as error:
        return str(error)
    return None


class _JsonError(Exception):
    pass


class _JsonReader:
    """A JSON reader that fails as serde_json does: the same error names, at the same line and column (serde_json
    counts a column as the bytes read on the line, the offending one included for an unexpected byte)."""

    def __init__(self, text: str):
        self.data = text.encode()
        self.index = 0

    def fail(self, code: str, index: int | None = None) -> _JsonError:
        index = self.index if index is None else index
        line_start = self.data.rfind(b"\n", 0, index) + 1
        line = self.data.count(b"\n", 0, index) + 1
        return _JsonError(f"{code} at line {line} column {index - line_start}")

    def peek_fail(self, code: str) -> _JsonError:
        return self.fail(code, min(self.index + 1, len(self.data)))

    def skip_space(self) -> int | None:
        data = self.data
        while self.index < len(data) and data[self.index] in b" \n\t\r":
            self.index += 1
        return data[self.index] if self.index < len(data) else None

    def document(self) -> None:
        self.value()
        if self.skip_space() is not None:
            raise self.peek_fail("trailing characters")

    def value(self, depth: int = 0) -> None:
        byte = self.skip_space()
        if byte is None:
            raise self.fail("EOF while parsing a value")
        if depth > 127:
            raise self.fail("recursion limit exceeded")
        if byte == ord("n"):
            self.ident(b"null")
        elif byte == ord("t"):
            self.ident(b"true")
        elif byte == ord("f"):
            self.ident(b"false")
        elif byte == ord("-") or 48 <= byte <= 57:
            self.number()
        elif byte == ord('"'):
            self.index += 1
            self.string()
        elif byte == ord("["):
            self.index += 1
            self.sequence(b"]", "a list", "expected `,` or `]`", depth)
        elif byte == ord("{"):
            self.index += 1
            self.sequence(b"}", "an object", "expected `,` or `}`", depth)
        else:
            raise self.peek_fail("expected value")

    def ident(self, word: bytes) -> None:
        self.index += 1
        for expected in word[1:]:
            if self.index >= len(self.data):
                raise self.fail("EOF while parsing a value")
            self.index += 1
            if self.data[self.index - 1] != expected:
                raise self.fail("expected ident")

    def digits(self) -> int:
        start = self.index
        while self.index < len(self.data) and 48 <= self.data[self.index] <= 57:
            self.index += 1
        return self.index - start

    def number(self) -> None:
        data = self.data
        start = self.index
        if data[self.index] == ord("-"):
            self.index += 1
        if self.index >= len(data):
            raise self.fail("EOF while parsing a value")
        if data[self.index] == ord("0"):
            self.index += 1
            if self.index < len(data) and 48 <= data[self.index] <= 57:
                raise self.peek_fail("invalid number")
        elif 49 <= data[self.index] <= 57:
            self.digits()
        else:
            raise self.peek_fail("invalid number")
        if self.index < len(data) and data[self.index] == ord("."):
            self.index += 1
            if not self.digits():
                if self.index >= len(data):
                    raise self.fail("EOF while parsing a value")
                raise self.peek_fail("invalid number")
        if self.index < len(data) and data[self.index] in b"eE":
            self.index += 1
            if self.index < len(data) and data[self.index] in b"+-":
                self.index += 1
            if not self.digits():
                if self.index >= len(data):
                    raise self.fail("EOF while parsing a value")
                raise self.peek_fail("invalid number")
        if float(data[start:self.index]) in (float("inf"), float("-inf")):
            raise self.fail("number out of range")

    def string(self) -> None:
        data = self.data
        while True:
            if self.index >= len(data):
                raise self.fail("EOF while parsing a string")
            byte = data[self.index]
            self.index += 1
            if byte == ord('"'):
                return
            if byte < 0x20:
                raise self.fail("control character (\\u0000-\\u001F) found while parsing a string")
            if byte == ord("\\"):
                if self.index >= len(data):
                    raise self.fail("EOF while parsing a string")
                escape = data[self.index]
                self.index += 1
                if escape == ord("u"):
                    self.hex_escape()
                elif escape not in b'"\\/bfnrt':
                    raise self.fail("invalid escape")

    def hex_escape(self) -> None:
        code = self.hex_digits()
        if 0xDC00 <= code <= 0xDFFF:
            raise self.fail("lone leading surrogate in hex escape")
        if 0xD800 <= code <= 0xDBFF:
            if self.data[self.index:self.index + 2] != b"\\u":
                self.index = min(self.index + 1, len(self.data))
                raise self.fail("unexpected end of hex escape")
            self.index += 2
            if not 0xDC00 <= self.hex_digits() <= 0xDFFF:
                raise self.fail("lone leading surrogate in hex escape")

    def hex_digits(self) -> int:
        """The four hex digits of a `\\u` escape, read past."""
        data = self.data
        if self.index + 4 > len(data):
            self.index = len(data)
            raise self.fail("EOF while parsing a string")
        try:
            code = int(data[self.index:self.index + 4], 16)
        except ValueError:
            raise self.fail("invalid escape", self.index + 4) from None
        self.index += 4
        return code

    def sequence(self, close: bytes, what: str, separator: str, depth: int) -> None:
        object_ = close == b"}"
        while True:
            byte = self.skip_space()
            if byte is None:
                raise self.fail(f"EOF while parsing {what}")
            if byte == close[0]:  # empty (a `,` before it is found below)
                self.index += 1
                return
            if object_:
                if byte != ord('"'):
                    raise self.peek_fail("key must be a string")
                self.index += 1
                self.string()
                byte = self.skip_space()
                if byte is None:
                    raise self.fail(f"EOF while parsing {what}")
                if byte != ord(":"):
                    raise self.peek_fail("expected `:`")
                self.index += 1
            self.value(depth + 1)
            byte = self.skip_space()
            if byte is None:
                raise self.fail(f"EOF while parsing {what}")
            if byte == close[0]:
                self.index += 1
                return
            if byte != ord(","):
                raise self.peek_fail(separator)
            self.index += 1
            # a `,` followed by the closing bracket is serde_json's "trailing comma"
            if self.skip_space() == close[0]:
                raise self.peek_fail("trailing comma")
