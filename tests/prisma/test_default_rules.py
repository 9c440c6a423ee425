"""`@default` values Prisma refuses: drift reports each with Prisma's message at Prisma's line and column. Every row
was checked with Prisma's validator (prisma-schema-wasm's `lint`, for the column, 2026-12-03); the accepted rows too."""

from __future__ import annotations

import pytest

from drift.prisma.ast import Schema
from drift.prisma.default_rules import datetime_problem, decimal_problem, json_problem
from drift.prisma.parse import parse_source
from drift.prisma.resolve import resolve_schema

SCHEMA = """datasource db {
  provider = "postgresql"
}

enum E {
  A
  B
}

model M {
  id Int @id
  f  {type} @default({value})
}
"""
LINE = 12


def parsing(detail: str) -> str:
    return f'Error parsing attribute "@default": {detail}'


def unknown_function(name: str) -> str:
    return (f"Unknown function in @default(): `{name}` is not known. You can read about the available functions here: "
            "https://pris.ly/d/attribute-functions")


def not_on(name: str, type_name: str) -> str:
    return parsing(f"The function `{name}()` cannot be used on fields of type `{type_name}`.")


UUID = parsing("`uuid()` takes either no argument, or a single integer argument which is either 4 or 7.")
CUID = parsing("`cuid()` takes either no argument, or a single integer argument which is either 1 or 2.")
NANOID = parsing("`nanoid()` takes either no argument, or a single integer argument between 2 and 255.")
NOT_LIST = parsing("The default value of a non-list field cannot be a list.")
MUST_BE_LIST = parsing("The default value of a list field must be a list.")
BOOLEAN = parsing("A boolean literal must be `true` or `false`.")
UNSUPPORTED = parsing('Only @default(dbgenerated("...")) can be used for Unsupported types.')
BYTES = "Could not convert from `base64 encoded bytes` to `PrismaValue::Bytes`"


def enum_value(name: str) -> str:
    return parsing(f"The defined default value `{name}` is not a valid value of the enum specified for the field.")


def datetime(text: str, detail: str) -> str:
    return parsing(f'Parse error: "{text}" is not a valid rfc3339 datetime string. ({detail})')


# (field type, default value, expected [(column, message)])
CASES = {
    # a literal of another type
    "string on Int": ("Int", '"abc"', [(10, parsing('Expected a Int value, but found `"abc"`.'))]),
    "number on String": ("String", "1", [(13, parsing("Expected a String value, but found `1`."))]),
    "constant on String": ("String", "A", [(13, parsing("Expected a String value, but found `A`."))]),
    "object on Int": ("Int", "{ a: 1 }", [(10, parsing("Expected a Int value, but found `{ a: 1 }`."))]),
    "string on Boolean": ("Boolean", '"true"', [(14, parsing('Expected a Boolean value, but found `"true"`.'))]),
    "yes on Boolean": ("Boolean", "yes", [(23, BOOLEAN)]),
    "number on DateTime": ("DateTime", "0", [(15, parsing("Expected a DateTime value, but found `0`."))]),
    "now without parentheses": ("DateTime", "now", [(15, parsing("Expected a DateTime value, but found `now`."))]),
    "string on Float": ("Float", '"1.5"', [(12, parsing('Expected a Float value, but found `"1.5"`.'))]),
    "number on Json": ("Json", "1", [(11, parsing("Expected a Json value, but found `1`."))]),
    "number on Bytes": ("Bytes", "1", [(12, parsing("Expected a Bytes value, but found `1`."))]),
    "constant on Decimal": ("Decimal", "A", [(14, parsing("Expected a Decimal value, but found `A`."))]),
    # literals that do not parse
    "1.5 on Int": ("Int", "1.5", [(19, parsing('Parse error: "1.5" is not a valid integer. (invalid digit found in '
                                                "string)"))]),
    "Int beyond 64 bits": ("Int", "9223372036854775808", [(19, parsing(
        'Parse error: "9223372036854775808" is not a valid integer. (number too large to fit in target type)'))]),
    "BigInt below 64 bits": ("BigInt", "-9223372036854775809", [(22, parsing(
        'Parse error: "-9223372036854775809" is not a valid integer. (number too small to fit in target type)'))]),
    "bad DateTime": ("DateTime", '"not a date"', [(24, datetime("not a date", "input contains invalid characters"))]),
    "DateTime without offset": ("DateTime", '"2020-01-01T00:00:00"', [
        (24, datetime("2020-01-01T00:00:00", "premature end of input"))]),
    "DateTime out of range": ("DateTime", '"2020-02-30T00:00:00Z"', [
        (24, datetime("2020-02-30T00:00:00Z", "input is out of range"))]),
    "bad Decimal": ("Decimal", '"abc"', [(23, 'Error parsing attribute "default": Parse error: "abc" is not a valid '
                                              "decimal. (invalid digit found in string)")]),
    "bad Json": ("Json", '"{bad"', [(20, parsing('Parse error: "{bad" is not a valid JSON string. (key must be a string '
                                                 "at line 1 column 2)"))]),
    "bad Bytes": ("Bytes", '"YQ"', [(21, parsing(f'Parse error: "YQ" is not a valid base64 string. ({BYTES})'))]),
    # lists
    "list on a scalar": ("Int", "[1]", [(10, NOT_LIST)]),
    "list on Json": ("Json", '["{}"]', [(11, NOT_LIST)]),
    "scalar on a list": ("Int[]", "1", [(12, MUST_BE_LIST)]),
    "item of another type": ("String[]", '["a", 1, 2]', [(15, parsing("Expected a String value, but found `1`."))]),
    "items that do not parse": ("Int[]", "[1.5, 2.5]", [
        (22, parsing('Parse error: "1.5" is not a valid integer. (invalid digit found in string)')),
        (27, parsing('Parse error: "2.5" is not a valid integer. (invalid digit found in string)')),
    ]),
    "boolean item": ("Boolean[]", "[yes, no]", [(26, BOOLEAN)]),
    # enums
    "unknown enum value": ("E", "C", [(8, enum_value("C"))]),
    "true on an enum": ("E", "true", [(8, enum_value("true"))]),
    "string on an enum": ("E", '"A"', [(8, parsing('Expected an enum value, but found `"A"`.'))]),
    "function on an enum": ("E", "now()", [(8, parsing("Expected an enum value, but found `now()`."))]),
    "unknown enum value in a list": ("E[]", "[A, C]", [(10, enum_value("C"))]),
    "number in an enum list": ("E[]", "[1, C]", [(10, parsing("Expected an enum value, but found `1`."))]),
    "enum value on an enum list": ("E[]", "A", [(10, parsing("Expected an enum value, but found `A`."))]),
    # functions
    "autoincrement on String": ("String", "autoincrement()", [(13, not_on("autoincrement", "String"))]),
    "cuid on Int": ("Int", "cuid()", [(10, not_on("cuid", "Int"))]),
    "uuid on Int": ("Int", "uuid()", [(10, not_on("uuid", "Int"))]),
    "now on String": ("String", "now()", [(13, not_on("now", "String"))]),
    "ulid on Boolean": ("Boolean", "ulid()", [(14, not_on("ulid", "Boolean"))]),
    "nanoid on an Int list": ("Int[]", "nanoid()", [(12, not_on("nanoid", "Int"))]),
    "autoincrement(5)": ("Int", "autoincrement(5)", [(10, parsing(
        "The `autoincrement` function does not take any argument. Consider changing this default to "
        "`autoincrement()`."))]),
    "now(1)": ("DateTime", "now(1)", [(15, parsing(
        "The `now` function does not take any argument. Consider changing this default to `now()`."))]),
    "uuid(9)": ("String", "uuid(9)", [(13, UUID)]),
    "uuid(4.5)": ("String", "uuid(4.5)", [(13, UUID)]),
    'uuid("4")': ("String", 'uuid("4")', [(13, parsing("`uuid()` takes a single Int argument."))]),
    "uuid(4, 5)": ("String", "uuid(4, 5)", [(13, parsing("`uuid()` takes a single Int argument."))]),
    "cuid(3)": ("String", "cuid(3)", [(13, CUID)]),
    "nanoid(1)": ("String", "nanoid(1)", [(13, NANOID)]),
    "nanoid(256)": ("String", "nanoid(256)", [(13, NANOID)]),
    "dbgenerated(1)": ("String", "dbgenerated(1)", [(13, parsing("`dbgenerated()` takes a single String argument"))]),
    "sequence()": ("Int", "sequence()", [(19, unknown_function("sequence"))]),
    "env()": ("String", 'env("X")', [(22, unknown_function("env"))]),
    "auto()": ("Int", "auto()", [(19, parsing("The current connector does not support the `auto()` function."))]),
    "literal on Unsupported": ('Unsupported("x")', "1", [(23, UNSUPPORTED)]),
    "function on Unsupported": ('Unsupported("x")', "now()", [(23, UNSUPPORTED)]),
    # accepted
    "string on String": ("String", '"1"', []),
    "negative Int": ("Int", "-1", []),
    "Int beyond 32 bits": ("Int", "2147483648", []),
    "number on Float": ("Float", "1.5", []),
    "number on Decimal": ("Decimal", "1.5", []),
    "string on Decimal": ("Decimal", '"1e+5"', []),
    "false": ("Boolean", "false", []),
    "DateTime with a space and an offset": ("DateTime", '"2020-01-01 00:00:00+00:00"', []),
    "DateTime at a leap second": ("DateTime", '"2020-01-01t00:00:60z"', []),
    "Json": ("Json", '"{\\"a\\": [1, 2.5e3, null, true]}"', []),
    "empty Bytes": ("Bytes", '""', []),
    "Bytes": ("Bytes", '"aGVsbG8="', []),
    "enum value": ("E", "A", []),
    "enum list": ("E[]", "[A, B]", []),
    "empty list": ("Int[]", "[]", []),
    "uuid(7)": ("String", "uuid(7)", []),
    "uuid with its argument named": ("String", "uuid(version: 4)", []),
    "cuid(2)": ("String", "cuid(2)", []),
    "nanoid(255)": ("String", "nanoid(255)", []),
    "uuid on a String list": ("String[]", "uuid()", []),
    "autoincrement on BigInt": ("BigInt", "autoincrement()", []),
    "autoincrement on an Int list": ("Int[]", "autoincrement()", []),
    "dbgenerated on an enum": ("E", 'dbgenerated("x")', []),
    "dbgenerated on Unsupported": ('Unsupported("x")', 'dbgenerated("x")', []),
    "dbgenerated without an argument": ("Int", "dbgenerated()", []),
}


def diagnostics_of(text: str) -> list[tuple[int, int, str]]:
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    resolved = resolve_schema(Schema(files=[schema_file]))
    return [(diagnostic.span.line, diagnostic.span.column, diagnostic.message) for diagnostic in resolved.errors]


@pytest.mark.parametrize("case", list(CASES))
def test_defaults_as_prisma_judges_them(case: str) -> None:
    type_name, value, expected = CASES[case]
    text = SCHEMA.replace("{type}", type_name).replace("{value}", value)
    assert diagnostics_of(text) == [(LINE, column, message) for column, message in expected]


def test_a_default_on_a_relation_field() -> None:
    text = SCHEMA.replace("  f  {type} @default({value})\n", "  n  N[]\n") + (
        "\nmodel N {\n  id  Int @id\n  mId Int\n  m   M   @relation(fields: [mId], references: [id]) @default(1)\n}\n"
    )
    assert diagnostics_of(text) == [
        (18, 54, parsing("Cannot set a default value on a relation field.")),
    ]


def test_a_valid_default_is_checked_once_for_all_fields_alike() -> None:
    # The second field's default is the first's: found valid once, it is not checked again; a bad one is each time.
    text = SCHEMA.replace("{type} @default({value})", 'Int @default(0)\n  g  Int @default(0)\n  h  Int @default("x")\n'
                          '  i  Int @default("x")')
    assert [message for _, _, message in diagnostics_of(text)] == [
        parsing('Expected a Int value, but found `"x"`.'), parsing('Expected a Int value, but found `"x"`.'),
    ]


# What the literal parsers say, as Prisma's libraries do (each checked with Prisma's validator).
@pytest.mark.parametrize(("text", "expected"), [
    ("", "EOF while parsing a value at line 1 column 0"),
    ("abc", "expected value at line 1 column 1"),
    ("{", "EOF while parsing an object at line 1 column 1"),
    ("[1", "EOF while parsing a list at line 1 column 2"),
    ("[1,]", "trailing comma at line 1 column 4"),
    ('{"a":1,}', "trailing comma at line 1 column 8"),
    ('{"a" 1}', "expected `:` at line 1 column 6"),
    ('{"a":1 "b"}', "expected `,` or `}` at line 1 column 8"),
    ("[1 2]", "expected `,` or `]` at line 1 column 4"),
    ("tru", "EOF while parsing a value at line 1 column 3"),
    ("nan", "expected ident at line 1 column 2"),
    ("truex", "trailing characters at line 1 column 5"),
    ("2020-01-01", "trailing characters at line 1 column 5"),
    ("01", "invalid number at line 1 column 2"),
    ("1.", "EOF while parsing a value at line 1 column 2"),
    ('"abc', "EOF while parsing a string at line 1 column 4"),
    ('"\\q"', "invalid escape at line 1 column 3"),
    ('"\\u12"', "EOF while parsing a string at line 1 column 6"),
    ('"\\ud800"', "unexpected end of hex escape at line 1 column 8"),
    ('"\\ud83d\\ude00"', None),
    ('"\\ud800\\u0041"', "lone leading surrogate in hex escape at line 1 column 13"),
    ('"\t"', "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 2"),
    ("1e999", "number out of range at line 1 column 5"),
    ("[1,\n]", "trailing comma at line 2 column 1"),
    ("\n\n{", "EOF while parsing an object at line 3 column 1"),
    ("[\n1 2]", "expected `,` or `]` at line 2 column 3"),
    (" 1 ", None),
    ("-0.0e-1", None),
    ('"\\u00e9"', None),
])
def test_json_as_serde_json_reads_it(text: str, expected: str | None) -> None:
    assert json_problem(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("", "premature end of input"),
    ("abc", "premature end of input"),
    ("null", "input contains invalid characters"),
    ("2020-13-01T00:00:00Z", "input is out of range"),
    ("2020-01-01T24:00:00Z", "input is out of range"),
    ("2020-01-01T00:00:61Z", "input is out of range"),
    ("2020-01-01T00:00:00.Z", "input contains invalid characters"),
    ("2020-01-01T00:00:00+0100", "input contains invalid characters"),
    ("2020-01-01T00:00:00+01", "premature end of input"),
    ("2020-01-01T00:00:00+24:00", "input is out of range"),
    ("2020-01-01T00:00:00+01:60", "input is out of range"),
    ("2020-01-01T00:00:00Zx", "trailing input"),
    ("20200-01-01T00:00:00Z", "input contains invalid characters"),
    ("2020-01-00T00:00:00Z", "input is out of range"),
    ("2020-01-01T00:00:00.1234567891Z", None),
    ("2020-01-01T00:00:00-00:00", None),
    ("0000-01-01T00:00:00Z", None),
])
def test_datetimes_as_chrono_reads_them(text: str, expected: str | None) -> None:
    assert datetime_problem(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("", "Failed to parse empty string"),
    (".", "cannot parse integer from empty string"),
    ("true", "cannot parse integer from empty string"),
    ("1e", "cannot parse integer from empty string"),
    ("e5", "Failed to parse empty string"),
    ("_1", "invalid digit found in string"),
    ("1e5.5", "invalid digit found in string"),
    ("1.2.3", "invalid digit found in string"),
    ("-", "cannot parse integer from empty string"),
    ("1e99999999999999999999", "number too large to fit in target type"),
    ("1.", None),
    (".5", None),
    ("+1", None),
    ("1_0", None),
    ("1e+5", None),
])
def test_decimals_as_bigdecimal_reads_them(text: str, expected: str | None) -> None:
    assert decimal_problem(text) == expected
