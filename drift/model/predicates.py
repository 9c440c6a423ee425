"""Index predicates (`CREATE INDEX ... WHERE <predicate>`): when two texts are the same condition.

schema.prisma writes a partial index's condition by hand (`where: raw("status = 'active'")`) or as an object
Prisma renders (`where: { active: true }` -> `"active" = true`); PostgreSQL stores it parsed and prints it back its
own way (`pg_get_expr(indpred, indrelid, true)`: `status = 'active'::text`). Comparing the texts would report every
hand-written predicate as changed, so both sides are reduced to the same key first:

- tokens, not characters: blanks and line breaks do not count;
- unquoted names and keywords are lower-cased (PostgreSQL folds them), a quoted name is its text (`"b"` is `b`; a
  quoted `"and"` is a column, never the keyword);
- casts are dropped (`'x'::text`, `(1.5)::double precision`, `'A'::"Status"`): PostgreSQL adds them to literals;
- the spellings PostgreSQL rewrites are rewritten the same way: `!=` is `<>`, `LIKE`/`ILIKE` are `~~`/`~~*`,
  `x IN (a, b)` is `x = ANY (ARRAY[a, b])` (`NOT IN`: `<> ALL`; `IN (a)`: `= a`), `x BETWEEN a AND b` (simple
  operands) is `x >= a AND x <= b` (`NOT BETWEEN`: `x < a OR x > b`), `'-1'::integer` is `-1`, an integer's
  leading zeros go;
- AND, OR and NOT are parsed with SQL's precedence into a tree, nested ANDs (ORs) are flattened, and
  parentheses that change nothing are dropped: `(b > 0) AND (c IS NULL)` is `b > 0 AND c IS NULL`, but
  `(a OR b) AND c` is not `a OR b AND c`.

Anything else (function calls, arithmetic, operators) is compared token for token, with parentheses kept except
around a single token and around a whole side of a comparison (`(a + b) > 3`, as PostgreSQL prints `a + b > 3`).
A date or time literal is compared by its value, as PostgreSQL rewrites it for a date or time column (`'2020-1-1'`
is `'2020-01-01 00:00:00'`, `'10:00'` is `'10:00:00'`, `'...T...Z'` and `'...+00'` lose the zero offset, the
session being UTC): a string that only reads as a date elsewhere (a text column compared with `'2020-01-01 00:00'`
and with `'2020-01-01'`) would then count as the same, a price paid for not reporting every date condition as
changed. A literal with another offset keeps it (its meaning depends on the column's type). Literals PostgreSQL
rewrites in other ways stay different. Two predicates with the same key are the same condition; different keys are
reported, so an unusual spelling at worst costs a finding that shows both texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drift.model.names import quote_identifier
from drift.model.normalize import parse_moment

__all__ = ["predicate_key", "rename_predicate_columns"]

# Compiled on first use (about 8 ms, which a check without partial indexes never needs to spend).
_TOKEN_PATTERN = (
    r"""
    (?P<space>\s+)
  | (?P<string>[Ee]?'(?:[^']|'')*')
  | (?P<quoted>"(?:[^"]|"")*")
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_$\x80-\U0010ffff]*)
  | (?P<cast>::)
  | (?P<punct>[(),\[\].;])
  | (?P<operator>[-+*/<>=~!@#%^&|`?]+)
  | (?P<other>.)
    """
)


@lru_cache(maxsize=1)
def _token_regex() -> re.Pattern:
    return re.compile(_TOKEN_PATTERN, re.VERBOSE | re.DOTALL)

# Words that continue a type name after a cast (`double precision`, `timestamp without time zone`).
_TYPE_WORDS = frozenset({"precision", "varying", "without", "with", "time", "zone"})
_REWRITTEN_OPERATORS = {"!=": "<>", "==": "="}
_LIKE = {"like": "~~", "ilike": "~~*"}
_NOT_LIKE = {"like": "!~~", "ilike": "!~~*"}


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) of each token; names are ("name", folded text), quoted ones their text (kind
    "keyword_name" when that text is one of the keywords read below)."""
    tokens = []
    for match in _token_regex().finditer(text):
        kind = match.lastgroup
        value = match.group()
        if kind == "space":
            continue
        if kind == "name":
            value = value.lower()
        elif kind == "quoted":
            value = value[1:-1].replace('""', '"')
            # A column named like a keyword (`"and"`, `"not"`) is a name, never the keyword.
            kind = "keyword_name" if value in _KEYWORDS else "name"
        elif kind == "number" and "e" not in value.lower():
            value = _number(value)
        elif kind == "operator":
            value = _REWRITTEN_OPERATORS.get(value, value)
        elif kind == "string" and value[0] == "'" and value[1:2].isdigit():
            value = _moment(value)
        tokens.append((kind, value, match.start(), match.end()))
    return tokens


_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?")


def _moment(literal: str) -> str:
    """A date, time or timestamp literal as PostgreSQL prints it back (see the module's notes); others as given."""
    body = literal[1:-1]
    moment = parse_moment(body)
    if moment is not None:
        return f"'{moment.local()}'" if moment.zero_zone else literal
    time = _TIME.fullmatch(body)
    if time is None:
        return literal
    hour, minute, second, fraction = time.groups()
    fraction = (fraction or "").rstrip("0").rstrip(".")
    return f"'{int(hour):02d}:{minute}:{second or '00'}{fraction}'"


def _without_casts(tokens: list[tuple[str, str, int, int]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    index, count = 0, len(tokens)
    while index < count:
        kind, value = tokens[index][0], tokens[index][1]
        if kind != "cast":
            out.append((kind, value))
            index += 1
            continue
        # `::` then a type: a name (schema-qualified or several words), `(n, m)`, `[]`s. A quoted number cast to
        # a type is how PostgreSQL prints a negative one (`'-1'::integer`): it is that number.
        if out and out[-1][0] == "string" and _NUMERIC.match(out[-1][1][1:-1]):
            out[-1] = ("number", _number(out[-1][1][1:-1]))
        index += 1
        if index < count and tokens[index][0] == "name":
            index += 1
            while index + 1 < count and tokens[index][1] == "." and tokens[index + 1][0] == "name":
                index += 2
            while index < count and tokens[index][0] == "name" and tokens[index][1] in _TYPE_WORDS:
                index += 1
            if index < count and tokens[index][1] == "(":
                close = _closing(tokens, index)
                if close is not None and all(token[0] in ("number", "punct") for token in tokens[index:close + 1]):
                    index = close + 1
            while index + 1 < count and tokens[index][1] == "[" and tokens[index + 1][1] == "]":
                index += 2
    return out


_NUMERIC = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$")  # small: compiled at import in microseconds


def _number(text: str) -> str:
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    if "." not in digits:
        digits = digits.lstrip("0") or "0"
    return sign + digits


def _closing(tokens: list, index: int) -> int | None:
    """The index of the `)` (or `]`) matching the bracket at `index`."""
    opening = tokens[index][1]
    closing = ")" if opening == "(" else "]"
    depth = 0
    for position in range(index, len(tokens)):
        value = tokens[position][1]
        if tokens[position][0] != "punct":
            continue
        if value == opening:
            depth += 1
        elif value == closing:
            depth -= 1
            if not depth:
                return position
    return None


def _rewritten(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`LIKE`, `NOT LIKE`, `IN (...)`, `NOT IN (...)`, `[NOT] BETWEEN` and negative numbers as PostgreSQL prints
    them back."""
    out: list[tuple[str, str]] = []
    index, count = 0, len(tokens)
    while index < count:
        kind, value = tokens[index]
        following = tokens[index + 1][1] if index + 1 < count else None
        if kind == "name" and value == "not" and following in _NOT_LIKE and _after_operand(out):
            out.append(("operator", _NOT_LIKE[following]))
            index += 2
            continue
        if kind == "name" and value in _LIKE and _after_operand(out):
            out.append(("operator", _LIKE[value]))
            index += 1
            continue
        if kind == "operator" and value == "-" and index + 1 < count and tokens[index + 1][0] == "number" \
                and not _after_operand(out):
            out.append(("number", _number("-" + tokens[index + 1][1])))
            index += 2
            continue
        negated = kind == "name" and value == "not" and following == "between"
        if (negated or (kind == "name" and value == "between")) and out and out[-1][0] in _OPERANDS:
            start = index + (2 if negated else 1)
            if start + 2 < count and tokens[start + 1] == ("name", "and") and tokens[start][0] in _OPERANDS \
                    and tokens[start + 2][0] in _OPERANDS \
                    and (start + 3 == count or not _operand_goes_on(tokens[start + 3])):
                # `x BETWEEN a AND b` (simple operands) is stored as `x >= a AND x <= b`, `NOT BETWEEN` as
                # `x < a OR x > b`; in parentheses here, so that the rest of the condition still binds as written.
                subject = out.pop()
                low, high = tokens[start], tokens[start + 2]
                out.extend([("punct", "("), subject, ("operator", "<" if negated else ">="), low,
                            ("name", "or" if negated else "and"), subject, ("operator", ">" if negated else "<="),
                            high, ("punct", ")")])
                index = start + 3
                continue
        negated = kind == "name" and value == "not" and following == "in"
        if (negated or (kind == "name" and value == "in")) and _after_operand(out):
            start = index + (2 if negated else 1)
            if start < count and tokens[start][1] == "(":
                close = _closing(tokens, start)
                if close is not None:
                    inner = tokens[start + 1:close]
                    if len(inner) == 1:  # `x IN (a)` is stored as `x = a`
                        out.extend([("operator", "<>" if negated else "="), *inner])
                        index = close + 1
                        continue
                    out.extend(
                        [("operator", "<>" if negated else "="), ("name", "all" if negated else "any"),
                         ("punct", "("), ("name", "array"), ("punct", "["), *_rewritten(inner),
                         ("punct", "]"), ("punct", ")")]
                    )
                    index = close + 1
                    continue
        out.append((kind, value))
        index += 1
    return out


_OPERANDS = frozenset({"name", "keyword_name", "string", "number"})
# The words the rewrites and the parser read as keywords (a quoted name with one of these texts is kept apart).
_KEYWORDS = frozenset({"and", "or", "not", "in", "between", "like", "ilike", "is", "null", "any", "all", "array"})


def _operand_goes_on(token: tuple[str, str]) -> bool:
    """Whether a token after `BETWEEN a AND b` continues `b` (then the simple rewrite does not apply)."""
    return token[0] in ("operator", "cast") or token[1] in ("(", "[", ".")


def _after_operand(out: list[tuple[str, str]]) -> bool:
    return bool(out) and (out[-1][0] in _OPERANDS or out[-1][1] in (")", "]"))


# ---------------------------------------------------------------------------- boolean structure


class _Parser:
    """or := and (OR and)*; and := not (AND not)*; not := NOT not | atom; an atom runs to the next AND/OR or `)`."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.position = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def keyword(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "name" and token[1] == word

    def parse_or(self) -> tuple:
        return self.chain("or", self.parse_and)

    def parse_and(self) -> tuple:
        return self.chain("and", self.parse_not)

    def chain(self, word: str, operand) -> tuple:
        """`operand (word operand)*`, flattened."""
        parts = [operand()]
        while self.keyword(word):
            self.position += 1
            parts.append(operand())
        return _flat(word, parts)

    def parse_not(self) -> tuple:
        if self.keyword("not"):
            self.position += 1
            return ("not", self.parse_not())
        return self.parse_atom()

    def parse_atom(self) -> tuple:
        items: list = []
        while True:
            token = self.peek()
            if token is None or token == ("punct", ")"):
                break
            if token[0] == "name" and token[1] in ("and", "or") and items:
                break
            if token == ("punct", "("):
                self.position += 1
                inner = self.parse_or()
                if self.peek() == ("punct", ")"):
                    self.position += 1
                items.append(("group", inner))
                continue
            if token[0] == "name" and token[1] == "between":
                # `BETWEEN a AND b`: its AND is not the boolean one.
                items.append(token)
                self.position += 1
                items.extend(self._until_and())
                if self.keyword("and"):
                    items.append(self.tokens[self.position])
                    self.position += 1
                continue
            items.append(token)
            self.position += 1
        if len(items) == 1 and items[0][0] == "group":
            return items[0][1]  # `( condition )`: the parentheses change nothing
        return ("atom", tuple(_spliced([_simplified(item) for item in items])))

    def _until_and(self) -> list:
        taken = []
        while (token := self.peek()) is not None and not (token[0] == "name" and token[1] in ("and", "or")):
            if token == ("punct", ")"):
                break
            taken.append(token)
            self.position += 1
        return taken


def _flat(operator: str, parts: list[tuple]) -> tuple:
    if len(parts) == 1:
        return parts[0]
    flat: list[tuple] = []
    for part in parts:
        flat.extend(part[1] if part[0] == operator else (part,))
    return (operator, tuple(flat))


def _simplified(item: tuple) -> tuple:
    """A parenthesised group inside an atom: around a single token it is that token."""
    if item[0] == "group" and item[1][0] == "atom" and len(item[1][1]) == 1:
        return item[1][1][0]
    return item


_COMPARISONS = frozenset({"=", "<>", "<", ">", "<=", ">=", "~~", "~~*", "!~~", "!~~*"})


def _spliced(items: list) -> list:
    """A parenthesised expression that is a whole side of a comparison (`(a + b) > 3`, `(j ->> 'k') = 'v'`): the
    parentheses change nothing, since comparisons bind after arithmetic; PostgreSQL adds them when it prints."""
    if len(items) < 3:
        return items
    first, last = items[0], items[-1]
    if first[0] == "group" and first[1][0] == "atom" and items[1][1] in _COMPARISONS:
        items = [*first[1][1], *items[1:]]
    if last[0] == "group" and last[1][0] == "atom" and items[-2][1] in _COMPARISONS:
        items = [*items[:-1], *last[1][1]]
    return items


@lru_cache(maxsize=4096)
def predicate_key(predicate: str | None) -> tuple | None:
    """A comparable form of an index predicate: equal keys, same condition (see the module's docstring)."""
    if predicate is None:
        return None
    tokens = _rewritten(_without_casts(_tokens(predicate)))
    parser = _Parser(tokens)
    key = parser.parse_or()
    if parser.position < len(tokens):  # unbalanced `)`: compare what is left as written
        key = ("tail", key, tuple(tokens[parser.position:]))
    return key


def rename_predicate_columns(predicate: str, names: dict[str, str]) -> str:
    """The predicate with the column names in `names` replaced (quoted): how schema.prisma's predicate reads once
    its columns carry the database's names. Only whole names are replaced, never text inside string literals."""
    pieces = []
    last = 0
    for kind, value, start, end in _tokens(predicate):
        # An unquoted keyword is the keyword, whatever column shares its text (such a column is always quoted).
        if value in names and (kind == "keyword_name" or kind == "name" and value not in _KEYWORDS):
            pieces.append(predicate[last:start])
            pieces.append(quote_identifier(names[value]))
            last = end
    if not pieces:
        return predicate
    pieces.append(predicate[last:])
    return "".join(pieces)
