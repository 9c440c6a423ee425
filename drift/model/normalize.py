"""One spelling for types and defaults, used by both sides (the Prisma lowering and the introspector).

Contract (the diff compares the outputs with plain equality):
- `normalize_type("varchar(120)") == normalize_type("character varying(120)") == "character varying(120)"`;
  the output is PostgreSQL's `format_type` spelling of the element type, no array brackets.
- `normalize_default(expr, type)` turns a default expression as `pg_get_expr` prints it, or as Prisma writes it in
  its DDL, into one canonical text: casts to the column's own type or to text types dropped (`'x'::text` -> `'x'`),
  `now()` -> `CURRENT_TIMESTAMP`, any `nextval(...)` -> `autoincrement()`, NULL -> None, whitespace collapsed.

Canonical default spellings:
- string literal: `'it''s'` (standard quoting, never E'' escapes), whatever cast followed it;
- number: shortest decimal spelling (`-1`, `1.5`, `1000`) whether written `-1`, `(-1)`, `'-1'::integer` or `1.50`;
- boolean: `true` / `false`;
- JSON (json/jsonb column or cast): the literal re-serialised compactly, keys sorted for jsonb (`'{"a":1}'`);
- array: `ARRAY['a','b']`, `ARRAY[1,2]`, `ARRAY[]` for `ARRAY[...]::T[]` and `'{...}'::T[]` alike;
- date/time constant (date, timestamp columns): `'2021-03-04'`, `'2021-03-04 05:06:07.5'` (an offset is ignored, as
  PostgreSQL ignores it), `'2021-03-04 03:06:07.5+00'` for `with time zone` (converted to UTC);
- `CURRENT_TIMESTAMP` for `now()`, `CURRENT_TIMESTAMP`, `CURRENT_TIMESTAMP(3)`, `transaction_timestamp()`; a
  precision below the column's own stays (`CURRENT_TIMESTAMP(0)` in a `timestamp(3)` column);
- `autoincrement()` for any `nextval(...)`;
- anything else: the expression with whitespace collapsed outside quotes and unquoted words lower-cased.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from datetime import UTC
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from drift.model.names import quote_literal

# ---------------------------------------------------------------------------------------------------------- types

# Aliases that have no modifier, keyed by the lower-cased, whitespace-collapsed spelling.
_TYPE_ALIASES = {
    "int": "integer",
    "int4": "integer",
    "integer": "integer",
    "serial": "integer",
    "serial4": "integer",
    "int8": "bigint",
    "bigint": "bigint",
    "bigserial": "bigint",
    "serial8": "bigint",
    "int2": "smallint",
    "smallint": "smallint",
    "smallserial": "smallint",
    "serial2": "smallint",
    "float8": "double precision",
    "double precision": "double precision",
    "float": "double precision",
    "float4": "real",
    "real": "real",
    "bool": "boolean",
    "boolean": "boolean",
    "decimal": "numeric",
    "numeric": "numeric",
    "varchar": "character varying",
    "character varying": "character varying",
    "char": "character(1)",
    "character": "character(1)",
    "bpchar": "bpchar",
    "varbit": "bit varying",
    "bit varying": "bit varying",
    "bit": "bit(1)",
    "timestamp": "timestamp without time zone",
    "timestamp without time zone": "timestamp without time zone",
    "timestamptz": "timestamp with time zone",
    "timestamp with time zone": "timestamp with time zone",
    "time": "time without time zone",
    "time without time zone": "time without time zone",
    "timetz": "time with time zone",
    "time with time zone": "time with time zone",
}

# Types whose modifier goes in the middle: name(n) + suffix.
_TIME_TYPES = {
    "timestamp": "timestamp({}) without time zone",
    "timestamptz": "timestamp({}) with time zone",
    "time": "time({}) without time zone",
    "timetz": "time({}) with time zone",
}
_MODIFIED_ALIASES = {
    "varchar": "character varying",
    "character varying": "character varying",
    "char": "character",
    "character": "character",
    "bpchar": "character",
    "decimal": "numeric",
    "numeric": "numeric",
    "varbit": "bit varying",
    "bit varying": "bit varying",
}
_TYPE_WITH_MODIFIER = re.compile(r"^(?P<name>[a-z_][a-z0-9_ ]*?)\s*\((?P<modifier>[^()]*)\)\s*(?P<suffix>.*)$")


_SERIAL_TYPES = frozenset({"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"})


def is_serial_type(text: str) -> bool:
    """`SERIAL` and friends: an integer type plus an implied default `autoincrement()` (a sequence's nextval)."""
    return text.strip().lower() in _SERIAL_TYPES


def split_array_type(text: str) -> tuple[str, int]:
    """`text[]` -> (`text`, 1), `integer[][]` -> (`integer`, 2), `_int4` stays as given; the element type normalised."""
    stripped = text.strip()
    dimensions = 0
    while True:
        match = re.search(r"\[\s*\d*\s*\]\s*$", stripped)
        if match is None:
            break
        stripped = stripped[: match.start()].rstrip()
        dimensions += 1
    if stripped.lower().endswith(" array"):
        stripped = stripped[: -len(" array")].rstrip()
        dimensions = max(dimensions, 1)
    return normalize_type(stripped), dimensions


# Pure functions of their text, called once per column on both sides with few distinct inputs: memoised.
@lru_cache(maxsize=4096)
def normalize_type(text: str) -> str:
    """Any PostgreSQL or Prisma DDL spelling of a type -> `format_type` spelling (array brackets dropped).

    A quoted user type (`"Role"`, `"public"."Role"`) gives its bare name; the caller keeps the schema apart.
    """
    stripped = text.strip()
    while stripped.endswith("]"):
        opening = stripped.rfind("[")
        if opening == -1:
            break
        stripped = stripped[:opening].rstrip()
    if '"' in stripped:
        name = _unquote_qualified(stripped)
        # The catalog's one-byte "char" is quoted by format_type too (unquoted, `char` is character(1)).
        return '"char"' if name == "char" else name
    collapsed = re.sub(r"\s+", " ", stripped.lower())
    collapsed = re.sub(r"\s*([(),])\s*", r"\1", collapsed)
    # A schema-qualified built-in (pg_catalog.int4) or user type (public.citext): the bare name is the type.
    if "." in collapsed and "(" not in collapsed.split(".", 1)[0]:
        collapsed = collapsed.rsplit(".", 1)[1] if "(" not in collapsed else collapsed
    if collapsed in _TYPE_ALIASES:
        return _TYPE_ALIASES[collapsed]
    match = _TYPE_WITH_MODIFIER.match(collapsed)
    if match is None:
        return collapsed
    name = match["name"].strip()
    modifier = match["modifier"]
    suffix = match["suffix"].strip()
    if name in _TIME_TYPES:
        spelled = _TIME_TYPES[name].format(modifier)
        if suffix in ("with time zone", "without time zone"):
            zone = "with time zone" if suffix == "with time zone" else "without time zone"
            base = "timestamp" if name.startswith("timestamp") else "time"
            spelled = f"{base}({modifier}) {zone}"
        return spelled
    if name in ("float", "double precision") and modifier.isdigit():
        return "real" if int(modifier) <= 24 else "double precision"
    if name in _MODIFIED_ALIASES:
        canonical = _MODIFIED_ALIASES[name]
        if canonical == "numeric" and modifier.isdigit():
            modifier = f"{modifier},0"
        return f"{canonical}({modifier})"
    return f"{name}({modifier}){(' ' + suffix) if suffix else ''}"


# PostgreSQL's catalog vector types: subscriptable, with an element type, yet no array type of it (int2vector is not
# smallint[]). Prisma reads their columns as lists: db pull writes `Unsupported("int2vector")[]` for an int2vector
# column, and its diff sees no difference between the two, so neither does drift.
CATALOG_VECTOR_TYPES = frozenset({"int2vector", "oidvector"})


# A bare `@db.Char`, as lowered: character(1), or PostgreSQL's one-byte "char" (db pull writes `@db.Char` for one, and
# Prisma's diff sees no change there, while for `@db.Char(1)` it would change the type).
BARE_CHAR = "character"


@lru_cache(maxsize=1024)
def type_identity(text: str) -> str:
    """What a normalised type is, for comparing two of them: PostgreSQL keeps times to the microsecond whether or not
    a column says so, so `timestamp(6) with time zone` (Prisma's `@db.Timestamptz(6)`) is `timestamp with time zone`
    (a bare `TIMESTAMPTZ`), and the same for timestamp, time and timetz (Prisma's diff sees no change); a bare
    `@db.Char` is character(1) (see BARE_CHAR for PostgreSQL's one-byte `"char"`); every interval is one."""
    for name in ("timestamp(6) ", "time(6) "):
        if text.startswith(name):
            return name[:-4] + text[len(name) - 1 :]
    if text == BARE_CHAR:
        return "character(1)"
    if text.startswith("interval"):
        # Only `Unsupported("interval")` can ask for one, which is what db pull writes for every interval column
        # (`interval(2)`, `interval hour`...); Prisma's diff ignores what Unsupported names.
        return "interval"
    return text


def _unquote_qualified(text: str) -> str:
    parts = _split_qualified(text)
    return parts[-1] if parts else text


def _split_qualified(text: str) -> list[str]:
    parts: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            end = index + 1
            value = []
            while end < len(text):
                if text[end] == '"':
                    if end + 1 < len(text) and text[end + 1] == '"':
                        value.append('"')
                        end += 2
                        continue
                    break
                value.append(text[end])
                end += 1
            parts.append("".join(value))
            index = end + 1
        elif char == "." or char.isspace():
            index += 1
        else:
            end = index
            while end < len(text) and text[end] not in '."':
                end += 1
            parts.append(text[index:end].strip().lower())
            index = end
    return parts


# ------------------------------------------------------------------------------------------------------- defaults

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<estring>[eE]'(?:[^'\\]|\\.|'')*')
  | (?P<string>'(?:[^']|'')*')
  | (?P<ident>"(?:[^"]|"")*")
  | (?P<cast>::)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
  | (?P<operator>[-+*/<>=~!@\#%^&|`?]+)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_NUMERIC_TYPES = {"integer", "bigint", "smallint", "numeric", "real", "double precision", "money"}
_TIMESTAMP_FUNCTIONS = {"now", "current_timestamp", "transaction_timestamp", "localtimestamp"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "\\": "\\", "'": "'"}


@lru_cache(maxsize=4096)
def normalize_default(expression: str | None, column_type: str | None = None) -> str | None:
    """A default as `pg_get_expr` prints it or as Prisma's DDL writes it -> one canonical text (see module doc)."""
    if expression is None:
        return None
    tokens = _tokenize(expression)
    if not tokens:
        return None
    element_type, dimensions = split_array_type(column_type) if column_type else (None, 0)
    value = _canonical_value(tokens, element_type, dimensions)
    if value is not None:
        return value if value != "NULL" else None
    return _render_generic(tokens)


def _tokenize(expression: str) -> list[tuple[str, str]]:
    tokens = []
    for match in _TOKEN.finditer(expression):
        kind = match.lastgroup
        if kind == "space":
            continue
        text = match.group(0)
        if kind == "estring":
            kind, text = "string", quote_literal(_decode_escape_string(text[2:-1]))
        tokens.append((kind, text))
    return tokens


def _decode_escape_string(body: str) -> str:
    result = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            result.append(_ESCAPES.get(body[index + 1], body[index + 1]))
            index += 2
        elif char == "'" and body.startswith("''", index):
            result.append("'")
            index += 2
        else:
            result.append(char)
            index += 1
    return "".join(result)


def _unquote(literal: str) -> str:
    return literal[1:-1].replace("''", "'")


def _strip_parentheses(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop parentheses that wrap the whole expression: `(-1)`, `((ARRAY[...])::text[])`."""
    while len(tokens) >= 2 and tokens[0] == ("punct", "(") and tokens[-1] == ("punct", ")"):
        depth = 0
        for position, token in enumerate(tokens):
            if token == ("punct", "("):
                depth += 1
            elif token == ("punct", ")"):
                depth -= 1
                if depth == 0 and position != len(tokens) - 1:
                    return tokens
        tokens = tokens[1:-1]
    return tokens


def _split_trailing_casts(tokens: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """`X::a::b` -> (X, [a, b]); only casts at nesting depth zero count."""
    casts: list[str] = []
    while True:
        tokens = _strip_parentheses(tokens)
        depth = 0
        last_cast = None
        for position, (kind, text) in enumerate(tokens):
            if text in ("(", "["):
                depth += 1
            elif text in (")", "]"):
                depth -= 1
            elif kind == "cast" and depth == 0:
                last_cast = position
        if last_cast is None or last_cast == 0 or not _is_type_name(tokens[last_cast + 1 :]):
            return tokens, casts
        casts.insert(0, " ".join(text for _, text in tokens[last_cast + 1 :]))
        tokens = tokens[:last_cast]


def _is_type_name(tokens: list[tuple[str, str]]) -> bool:
    """Whether tokens after `::` spell a type (`character varying(10)[]`, `"Role"`), not more expression."""
    return bool(tokens) and all(kind in ("word", "ident", "number") or text in "()[],." for kind, text in tokens)


def _canonical_value(tokens: list[tuple[str, str]], column_type: str | None, column_dimensions: int = 0) -> str | None:
    """The canonical text of a constant-like default, or None when the expression is something else."""
    body, casts = _split_trailing_casts(tokens)
    cast_type = casts[-1] if casts else None
    cast_element, cast_dimensions = split_array_type(cast_type) if cast_type else (None, 0)
    target = cast_element or column_type
    if not body:
        return None
    if len(body) == 1 and body[0][0] == "word" and body[0][1].lower() == "null":
        return "NULL"
    if body[0] == ("word", "ARRAY") or (body[0][0] == "word" and body[0][1].lower() == "array" and len(body) > 1 and body[1] == ("punct", "[")):
        return _canonical_array_constructor(body, column_type if cast_element is None else cast_element)
    sign = ""
    if len(body) == 2 and body[0] == ("operator", "-") and body[1][0] == "number":
        sign, body = "-", body[1:]
    if len(body) != 1:
        return _canonical_function(body, column_type)
    kind, text = body[0]
    if kind == "number":
        return _canonical_number(sign + text)
    if kind == "word":
        lowered = text.lower()
        if lowered in ("true", "false"):
            return lowered
        if lowered in _TIMESTAMP_FUNCTIONS - {"now", "transaction_timestamp"}:
            return "CURRENT_TIMESTAMP"
        return None
    if kind != "string":
        return None
    value = _unquote(text)
    # An array literal: cast to an array type, or uncast for a column the caller says is an array (`text[]`).
    if cast_dimensions or (cast_type is None and column_dimensions):
        parsed = _parse_array_literal(value)
        if parsed is not None:
            return _render_array([_canonical_element(item, target) for item in parsed])
    return _canonical_element(value, target)


def _canonical_element(value: str | None, element_type: str | None) -> str:
    """One constant given as text (a literal's content) rendered for its type."""
    if value is None:
        return "NULL"
    if element_type in _NUMERIC_TYPES or (element_type or "").startswith("numeric("):
        number = _canonical_number(value)
        if number is not None:
            return number
    if element_type == "boolean":
        lowered = value.strip().lower()
        if lowered in ("t", "true", "y", "yes", "on", "1"):
            return "true"
        if lowered in ("f", "false", "n", "no", "off", "0"):
            return "false"
    if element_type is not None and element_type.startswith(("timestamp", "date")):
        moment = _canonical_moment(value, element_type)
        if moment is not None:
            return quote_literal(moment)
    if element_type in ("json", "jsonb"):
        try:
            parsed = json.loads(value)
        except ValueError:
            pass
        else:
            return quote_literal(json.dumps(parsed, separators=(",", ":"), sort_keys=element_type == "jsonb", ensure_ascii=False))
    return quote_literal(value)


_MOMENT = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[ T](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.(?P<fraction>\d+))?)?"
    r"\s*(?P<zone>Z|UTC|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)


class Moment(NamedTuple):
    """A date/time constant's parts as PostgreSQL prints them: `date` "YYYY-MM-DD", `time` "HH:MM:SS", `fraction`
    without trailing zeros ("" for none), `zone` as written (None for none)."""

    date: str
    time: str
    fraction: str
    zone: str | None

    @property
    def zero_zone(self) -> bool:
        """No offset, or one of zero (Z, UTC, +00, -00:00...)."""
        return self.zone is None or self.zone.upper() in ("Z", "UTC") or not self.zone[1:].replace(":", "").strip("0")

    def local(self) -> str:
        """`date time[.fraction]`, the offset left out."""
        return f"{self.date} {self.time}{'.' + self.fraction if self.fraction else ''}"


def parse_moment(value: str) -> Moment | None:
    """The parts of a date or timestamp constant (`2021-3-4`, `2021-03-04T05:06`, `... 05:06:07.50+02`), else None."""
    match = _MOMENT.match(value.strip())
    if match is None:
        return None
    time = match["time"] or "00:00:00"
    if len(time) == 5:
        time += ":00"
    date = f"{match['year']}-{int(match['month']):02d}-{int(match['day']):02d}"
    return Moment(date, time, (match["fraction"] or "").rstrip("0"), match["zone"])


def _canonical_moment(value: str, element_type: str) -> str | None:
    """Date/time constants as PostgreSQL prints them with DateStyle ISO and TimeZone UTC (the introspector pins both):
    a date keeps its date; `timestamp without time zone` ignores a given offset, as PostgreSQL does; `with time zone`
    is converted to UTC (`+00`). Fractions lose trailing zeros. Anything else (`now`, `infinity`) stays as written."""
    from datetime import datetime, timedelta, timezone

    moment = parse_moment(value)
    if moment is None:
        return None
    if element_type == "date":
        return moment.date
    if "with time zone" not in element_type or element_type.startswith("time "):
        return moment.local()
    zone = (moment.zone or "+00").upper()
    offset = timedelta(0)
    if zone not in ("Z", "UTC"):
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)) * (-1 if zone[0] == "-" else 1)
    instant = datetime.fromisoformat(f"{moment.date}T{moment.time}").replace(tzinfo=timezone(offset)).astimezone(UTC)
    return f"{instant:%Y-%m-%d %H:%M:%S}{'.' + moment.fraction if moment.fraction else ''}+00"


def _canonical_number(text: str) -> str | None:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _canonical_array_constructor(body: list[tuple[str, str]], element_type: str | None) -> str | None:
    if len(body) < 3 or body[1] != ("punct", "[") or body[-1] != ("punct", "]"):
        return None
    inner = body[2:-1]
    elements: list[list[tuple[str, str]]] = [[]]
    depth = 0
    for token in inner:
        if token[1] in ("(", "["):
            depth += 1
        elif token[1] in (")", "]"):
            depth -= 1
        if token == ("punct", ",") and depth == 0:
            elements.append([])
        else:
            elements[-1].append(token)
    if elements == [[]]:
        return "ARRAY[]"
    rendered = []
    for element in elements:
        element_body, _ = _split_trailing_casts(element)
        if len(element_body) == 1 and element_body[0][0] == "string":
            rendered.append(_canonical_element(_unquote(element_body[0][1]), element_type))
        else:
            value = _canonical_value(element, element_type)
            rendered.append(value if value is not None else _render_generic(element))
    return _render_array(rendered)


def _render_array(elements: list[str]) -> str:
    return "ARRAY[" + ",".join(elements) + "]"


def _parse_array_literal(text: str) -> list[str | None] | None:
    """A one-dimensional PostgreSQL array literal `{a,"b c",NULL}` -> its elements; None if it is not one."""
    text = text.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return None
    body = text[1:-1]
    if not body.strip():
        return []
    items: list[str | None] = []
    index = 0
    while index <= len(body):
        while index < len(body) and body[index].isspace():
            index += 1
        if index < len(body) and body[index] == '"':
            value = []
            index += 1
            while index < len(body) and body[index] != '"':
                if body[index] == "\\" and index + 1 < len(body):
                    index += 1
                value.append(body[index])
                index += 1
            index += 1
            items.append("".join(value))
        else:
            end = index
            while end < len(body) and body[end] != ",":
                if body[end] in "{}":
                    return None  # nested arrays: keep the generic spelling
                end += 1
            raw = body[index:end].strip()
            items.append(None if raw.upper() == "NULL" else raw)
            index = end
        while index < len(body) and body[index].isspace():
            index += 1
        if index >= len(body):
            break
        if body[index] != ",":
            return None
        index += 1
    return items


def _canonical_function(body: list[tuple[str, str]], column_type: str | None) -> str | None:
    """`now()`, `nextval(...)`: the calls with a meaning-level spelling; others are left to the generic path."""
    if body[0][0] != "word" or len(body) < 3 or body[1] != ("punct", "(") or body[-1] != ("punct", ")"):
        return None
    name = body[0][1].lower()
    if name == "nextval":
        return "autoincrement()"
    if name in _TIMESTAMP_FUNCTIONS and (len(body) == 3 or name == "current_timestamp"):
        # CURRENT_TIMESTAMP(0) in a timestamp(3) column stores whole seconds, not the time now() stores (and Prisma's
        # diff sees the difference); a precision the column rounds to anyway changes nothing.
        if len(body) == 4 and body[2][0] == "number" and body[2][1].isdigit():
            precision = int(body[2][1])
            if precision < _fractional_digits(column_type):
                return f"CURRENT_TIMESTAMP({precision})"
        return "CURRENT_TIMESTAMP"
    return None


def _fractional_digits(column_type: str | None) -> int:
    """The fractional second digits a time or timestamp column keeps (6 unless stated); 0 for any other type, whose
    values a lower precision of the current time does not change."""
    if column_type is None or not column_type.lower().startswith("time"):
        return 0
    match = re.match(r"\w+\s*\((\d+)\)", column_type)
    return int(match.group(1)) if match else 6


def _render_generic(tokens: list[tuple[str, str]]) -> str:
    """Whitespace collapsed outside quotes, unquoted words lower-cased, one fixed spacing between tokens."""
    pieces: list[str] = []
    previous: tuple[str, str] | None = None
    for kind, text in tokens:
        if previous is not None and _space_between(previous, (kind, text)):
            pieces.append(" ")
        pieces.append(text.lower() if kind == "word" else text)
        previous = (kind, text)
    return "".join(pieces)


_TIGHT_AFTER = {"(", "[", "."}
_TIGHT_BEFORE = {")", "]", ",", "."}


def _space_between(left: tuple[str, str], right: tuple[str, str]) -> bool:
    if left[0] == "cast" or right[0] == "cast":
        return False
    if left[1] in _TIGHT_AFTER or right[1] in _TIGHT_BEFORE:
        return False
    if right[1] in ("(", "[") and left[0] in ("word", "ident"):
        return False  # a call or a subscript
    return True


# --------------------------------------------------------------------------------------------- operator classes


def normalize_opclass(method: str, opclass: str | None, column_type: str, dimensions: int = 0, *, enum: bool = False) -> str | None:
    """An index key's operator class as the introspector reports it: None when it is the index method's default for
    the column's type (`jsonb_ops` for a GIN on jsonb, `text_ops` for a B-tree on varchar), else its name.
    Built-in types and methods only: an extension's default (citext_ops) stays named."""
    if opclass is None:
        return None
    name = opclass.strip()
    defaults = _DEFAULT_OPCLASSES.get(method.strip().lower())
    if defaults is None:
        return name
    if dimensions:
        key = "anyarray"
    elif enum:
        key = "anyenum"
    else:
        key = re.sub(r"\([^)]*\)", "", normalize_type(column_type))
        key = _OPCLASS_INPUT_TYPES.get(key, key)
        if key not in defaults and key.endswith("range"):
            key = "anymultirange" if key.endswith("multirange") else "anyrange"
    return None if defaults.get(key) == name else name


# Types whose values an index reads through another type's operator classes (binary coercible).
_OPCLASS_INPUT_TYPES = {"character varying": "text", "json": "json"}

# Default operator classes of the built-in index methods, by input type (PostgreSQL 18 pg_opclass, opcdefault).
# An index key whose operator class is the default for its column is reported without one (None).
_DEFAULT_OPCLASSES: dict[str, dict[str, str]] = {
    "btree": {
        "\"char\"": "char_ops",
        "anyarray": "array_ops",
        "anyenum": "enum_ops",
        "anymultirange": "multirange_ops",
        "anyrange": "range_ops",
        "bigint": "int8_ops",
        "bit": "bit_ops",
        "bit varying": "varbit_ops",
        "boolean": "bool_ops",
        "bytea": "bytea_ops",
        "character": "bpchar_ops",
        "date": "date_ops",
        "double precision": "float8_ops",
        "inet": "inet_ops",
        "integer": "int4_ops",
        "interval": "interval_ops",
        "jsonb": "jsonb_ops",
        "macaddr": "macaddr_ops",
        "macaddr8": "macaddr8_ops",
        "money": "money_ops",
        "name": "name_ops",
        "numeric": "numeric_ops",
        "oid": "oid_ops",
        "oidvector": "oidvector_ops",
        "pg_lsn": "pg_lsn_ops",
        "real": "float4_ops",
        "record": "record_ops",
        "smallint": "int2_ops",
        "text": "text_ops",
        "tid": "tid_ops",
        "time with time zone": "timetz_ops",
        "time without time zone": "time_ops",
        "timestamp with time zone": "timestamptz_ops",
        "timestamp without time zone": "timestamp_ops",
        "tsquery": "tsquery_ops",
        "tsvector": "tsvector_ops",
        "uuid": "uuid_ops",
        "xid8": "xid8_ops",
    },
    "hash": {
        "\"char\"": "char_ops",
        "aclitem": "aclitem_ops",
        "anyarray": "array_ops",
        "anyenum": "enum_ops",
        "anymultirange": "multirange_ops",
        "anyrange": "range_ops",
        "bigint": "int8_ops",
        "boolean": "bool_ops",
        "bytea": "bytea_ops",
        "character": "bpchar_ops",
        "cid": "cid_ops",
        "date": "date_ops",
        "double precision": "float8_ops",
        "inet": "inet_ops",
        "integer": "int4_ops",
        "interval": "interval_ops",
        "jsonb": "jsonb_ops",
        "macaddr": "macaddr_ops",
        "macaddr8": "macaddr8_ops",
        "name": "name_ops",
        "numeric": "numeric_ops",
        "oid": "oid_ops",
        "oidvector": "oidvector_ops",
        "pg_lsn": "pg_lsn_ops",
        "real": "float4_ops",
        "record": "record_ops",
        "smallint": "int2_ops",
        "text": "text_ops",
        "tid": "tid_ops",
        "time with time zone": "timetz_ops",
        "time without time zone": "time_ops",
        "timestamp with time zone": "timestamptz_ops",
        "timestamp without time zone": "timestamp_ops",
        "uuid": "uuid_ops",
        "xid": "xid_ops",
        "xid8": "xid8_ops",
    },
    "gin": {
        "anyarray": "array_ops",
        "jsonb": "jsonb_ops",
        "tsvector": "tsvector_ops",
    },
    "gist": {
        "anymultirange": "multirange_ops",
        "anyrange": "range_ops",
        "box": "box_ops",
        "circle": "circle_ops",
        "point": "point_ops",
        "polygon": "poly_ops",
        "tsquery": "tsquery_ops",
        "tsvector": "tsvector_ops",
    },
    "spgist": {
        "anyrange": "range_ops",
        "box": "box_ops",
        "inet": "inet_ops",
        "point": "quad_point_ops",
        "polygon": "poly_ops",
        "text": "text_ops",
    },
    "brin": {
        "\"char\"": "char_minmax_ops",
        "anyrange": "range_inclusion_ops",
        "bigint": "int8_minmax_ops",
        "bit": "bit_minmax_ops",
        "bit varying": "varbit_minmax_ops",
        "box": "box_inclusion_ops",
        "bytea": "bytea_minmax_ops",
        "character": "bpchar_minmax_ops",
        "date": "date_minmax_ops",
        "double precision": "float8_minmax_ops",
        "inet": "inet_inclusion_ops",
        "integer": "int4_minmax_ops",
        "interval": "interval_minmax_ops",
        "macaddr": "macaddr_minmax_ops",
        "macaddr8": "macaddr8_minmax_ops",
        "name": "name_minmax_ops",
        "numeric": "numeric_minmax_ops",
        "oid": "oid_minmax_ops",
        "pg_lsn": "pg_lsn_minmax_ops",
        "real": "float4_minmax_ops",
        "smallint": "int2_minmax_ops",
        "text": "text_minmax_ops",
        "tid": "tid_minmax_ops",
        "time with time zone": "timetz_minmax_ops",
        "time without time zone": "time_minmax_ops",
        "timestamp with time zone": "timestamptz_minmax_ops",
        "timestamp without time zone": "timestamp_minmax_ops",
        "uuid": "uuid_minmax_ops",
    },
}
