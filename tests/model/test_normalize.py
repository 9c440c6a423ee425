"""Type and default normalisation: pairs seen in real catalogs (pg_get_expr / format_type) and in Prisma's DDL."""

from __future__ import annotations

import pytest

from drift.model.normalize import (
    is_serial_type,
    normalize_default,
    normalize_opclass,
    normalize_type,
    split_array_type,
)

TYPES = [
    # (Prisma DDL or another spelling, format_type spelling)
    ("VARCHAR(120)", "character varying(120)"),
    ("varchar(120)", "character varying(120)"),
    ("character varying(120)", "character varying(120)"),
    ("VARCHAR", "character varying"),
    ("CHAR(2)", "character(2)"),
    ("TIMESTAMP(3)", "timestamp(3) without time zone"),
    ("timestamp(3) without time zone", "timestamp(3) without time zone"),
    ("TIMESTAMPTZ(6)", "timestamp(6) with time zone"),
    ("Timestamp (6) With Time Zone", "timestamp(6) with time zone"),
    ("TIMESTAMP", "timestamp without time zone"),
    ("TIMESTAMPTZ", "timestamp with time zone"),
    ("TIME(3)", "time(3) without time zone"),
    ("TIMETZ", "time with time zone"),
    ("DECIMAL(65,30)", "numeric(65,30)"),
    ("DECIMAL(10, 4)", "numeric(10,4)"),
    ("numeric(10)", "numeric(10,0)"),
    ("INTEGER", "integer"),
    ("INT4", "integer"),
    ("SERIAL", "integer"),
    ("BIGSERIAL", "bigint"),
    ("SMALLSERIAL", "smallint"),
    ("INT2", "smallint"),
    ("DOUBLE PRECISION", "double precision"),
    ("FLOAT8", "double precision"),
    ("REAL", "real"),
    ("JSONB", "jsonb"),
    ("BOOL", "boolean"),
    ("UUID", "uuid"),
    ("BYTEA", "bytea"),
    ("TEXT[]", "text"),
    ("VARBIT(4)", "bit varying(4)"),
    ("BIT", "bit(1)"),
    ("pg_catalog.int4", "integer"),
    ('"Role"', "Role"),
    ('"public"."Role"', "Role"),
    ('"we""ird"', 'we"ird'),
    ("CITEXT", "citext"),
    ("vector(1536)", "vector(1536)"),
    # the catalog's one-byte type, which format_type quotes (unquoted `char` is character(1))
    ('"char"', '"char"'),
    ('pg_catalog."char"', '"char"'),
    ("char", "character(1)"),
]


@pytest.mark.parametrize(("spelling", "expected"), TYPES)
def test_normalize_type(spelling: str, expected: str) -> None:
    assert normalize_type(spelling) == expected


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [("text[]", ("text", 1)), ("INTEGER[][]", ("integer", 2)), ("character varying(10)[]", ("character varying(10)", 1)), ("jsonb", ("jsonb", 0))],
)
def test_split_array_type(spelling: str, expected: tuple[str, int]) -> None:
    assert split_array_type(spelling) == expected


# Each group: every spelling in it (from pg_get_expr or from Prisma's DDL) means the same default.
DEFAULTS = [
    ("text", ["'x'::text", "'x'", "'x'::character varying", " 'x' "], "'x'"),
    ("text", ["'it''s'::text", "E'it\\'s'", "'it''s'"], "'it''s'"),
    ("text", ["''::text", "''"], "''"),
    ("text", ["'0'::text", "'0'"], "'0'"),
    ("character varying(255)", ["''::character varying", "''"], "''"),
    ("Status", ["'ACTIVE'::\"Status\"", "'ACTIVE'"], "'ACTIVE'"),
    ("poll_kind", ["'date'::poll_kind", "'date'"], "'date'"),
    ("timestamp(3) without time zone", ["now()", "CURRENT_TIMESTAMP", "current_timestamp", "CURRENT_TIMESTAMP(3)", "NOW( )"], "CURRENT_TIMESTAMP"),
    ("integer", ["nextval('\"User_id_seq\"'::regclass)", "nextval('features_id_seq'::regclass)"], "autoincrement()"),
    ("integer", ["0", "'0'::integer", "(0)"], "0"),
    ("integer", ["'-1'::integer", "-1", "(-1)", "(- 1)"], "-1"),
    ("numeric(65,30)", ["'-1'::integer", "-1", "'-1.0'::numeric"], "-1"),
    ("numeric(10,2)", ["1.5", "'1.50'::numeric", "1.500"], "1.5"),
    ("real", ["'1000'::numeric", "1000", "1e3"], "1000"),
    ("boolean", ["false", "FALSE", "'f'::boolean", "'false'::boolean"], "false"),
    ("boolean", ["true", "TRUE", "'t'::boolean"], "true"),
    ("jsonb", ["'{}'::jsonb", "'{}'"], "'{}'"),
    ("jsonb", ["'{\"allowStyleOverwrite\": true}'::jsonb", "'{\"allowStyleOverwrite\":true}'"], "'{\"allowStyleOverwrite\":true}'"),
    ("jsonb", ["'{\"h\": 3, \"w\": 4}'::jsonb", "'{\"w\":4,\"h\":3}'"], "'{\"h\":3,\"w\":4}'"),
    ("json", ["'{}'::json", "'{}'"], "'{}'"),
    ("jsonb", ["'[]'::jsonb", "'[]'"], "'[]'"),
    ("text", ["ARRAY['NEW'::text]", "ARRAY['NEW']::TEXT[]", "'{NEW}'::text[]"], "ARRAY['NEW']"),
    ("text", ["ARRAY['a'::text, 'b'::text]", "ARRAY['a','b']::TEXT[]", "'{a,b}'::text[]", "'{\"a\", \"b\"}'::text[]"], "ARRAY['a','b']"),
    ("text", ["ARRAY[]::text[]", "ARRAY[]::TEXT[]", "'{}'::text[]"], "ARRAY[]"),
    ("integer", ["ARRAY[]::integer[]", "ARRAY[]::INTEGER[]"], "ARRAY[]"),
    ("integer", ["'{1,2}'::integer[]", "ARRAY[1,2]::INTEGER[]", "ARRAY[1, 2]"], "ARRAY[1,2]"),
    ("Role", ["ARRAY['USER'::\"Role\"]", "ARRAY['USER']::\"Role\"[]", "'{USER}'::\"Role\"[]"], "ARRAY['USER']"),
    ("character varying(10)", ["(ARRAY['x'::character varying])::character varying(10)[]", "ARRAY['x']::VARCHAR(10)[]"], "ARRAY['x']"),
    ("uuid", ["gen_random_uuid()", "GEN_RANDOM_UUID()", "gen_random_uuid( )"], "gen_random_uuid()"),
    ("text", ["NULL", "NULL::text", "null", "(NULL)::character varying"], None),
    ("text", [None, "", "   "], None),
    ("interval", ["'1 day'::interval", "'1 day'"], "'1 day'"),
    # Date/time constants, as PostgreSQL prints them with DateStyle ISO and TimeZone UTC.
    ("TIMESTAMP(3)", ["'2021-03-04 05:06:07.123'::timestamp without time zone", "'2021-03-04 05:06:07.123 +02:00'", "'2021-03-04T05:06:07.123Z'"], "'2021-03-04 05:06:07.123'"),
    ("TIMESTAMP(3)", ["'2020-01-01 00:00:00'::timestamp without time zone", "'2020-01-01 00:00:00 +00:00'", "'2020-01-01'"], "'2020-01-01 00:00:00'"),
    ("TIMESTAMPTZ(3)", ["'2021-03-04 05:06:07.5+00'::timestamp with time zone", "'2021-03-04 05:06:07.500 +00:00'", "'2021-03-04 07:06:07.5 +02:00'"], "'2021-03-04 05:06:07.5+00'"),
    ("DATE", ["'2021-03-04'::date", "'2021-03-04 00:00:00 +00:00'", "'2021-3-4'"], "'2021-03-04'"),
    ("timestamp without time zone", ["'infinity'::timestamp without time zone", "'infinity'"], "'infinity'"),
]


@pytest.mark.parametrize(("column_type", "spellings", "expected"), DEFAULTS)
def test_normalize_default_agrees(column_type: str, spellings: list[str | None], expected: str | None) -> None:
    assert [normalize_default(spelling, column_type) for spelling in spellings] == [expected] * len(spellings)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("'x'::text", "'y'::text"),
        ("'0'::text", "0"),  # a string default is not a number
        ("now()", "gen_random_uuid()"),
        ("ARRAY['a','b']", "ARRAY['b','a']"),
        ("'{\"a\":1}'::json", "'{\"a\":2}'::json"),
    ],
)
def test_different_defaults_stay_different(left: str, right: str) -> None:
    assert normalize_default(left) != normalize_default(right)


def test_a_current_time_coarser_than_its_column_keeps_its_precision() -> None:
    # whole seconds in a column that keeps milliseconds are another default (Prisma's diff says so too)
    column = "timestamp(3) without time zone"
    assert normalize_default("CURRENT_TIMESTAMP(0)", column) == "CURRENT_TIMESTAMP(0)" != normalize_default("now()", column)
    assert normalize_default("CURRENT_TIMESTAMP(3)", "timestamp with time zone") == "CURRENT_TIMESTAMP(3)"
    assert normalize_default("CURRENT_TIMESTAMP(3)", "TIMESTAMPTZ(3)") == "CURRENT_TIMESTAMP"
    assert normalize_default("CURRENT_TIMESTAMP(0)", "date") == "CURRENT_TIMESTAMP"


def test_expression_defaults_keep_their_structure() -> None:
    assert normalize_default("('a'::text || 'b'::text)", "text") == "('a'::text || 'b'::text)"
    assert normalize_default("(now()  +  '1 day'::interval)") == "(now() + '1 day'::interval)"
    assert normalize_default("lower(  (name)::text )") == "lower((name)::text)"


def test_serial_types_imply_autoincrement() -> None:
    assert [is_serial_type(text) for text in ("SERIAL", "bigserial", "SmallSerial", "INTEGER", "serial[]")] == [True, True, True, False, False]


@pytest.mark.parametrize(
    ("method", "opclass", "column_type", "dimensions", "enum", "expected"),
    [
        ("gin", "jsonb_ops", "jsonb", 0, False, None),
        ("gin", "jsonb_path_ops", "jsonb", 0, False, "jsonb_path_ops"),
        ("gin", "array_ops", "text", 1, False, None),
        ("gin", "gin_trgm_ops", "text", 0, False, "gin_trgm_ops"),
        ("btree", "text_ops", "character varying(120)", 0, False, None),
        ("btree", "text_pattern_ops", "VARCHAR(120)", 0, False, "text_pattern_ops"),
        ("btree", "timestamp_ops", "TIMESTAMP(3)", 0, False, None),
        ("btree", "enum_ops", "Status", 0, True, None),
        ("gist", "inet_ops", "inet", 0, False, "inet_ops"),
        ("spgist", "inet_ops", "INET", 0, False, None),
        ("spgist", "text_ops", "text", 0, False, None),
        ("brin", "int4_minmax_ops", "INTEGER", 0, False, None),
        ("brin", "int4_bloom_ops", "integer", 0, False, "int4_bloom_ops"),
        ("brin", "inet_inclusion_ops", "inet", 0, False, None),
        ("brin", "inet_minmax_ops", "inet", 0, False, "inet_minmax_ops"),
        ("brin", "timestamptz_minmax_multi_ops", "TIMESTAMPTZ(6)", 0, False, "timestamptz_minmax_multi_ops"),
        ("gist", "range_ops", "int8range", 0, False, None),
        ("hash", "text_ops", "text", 0, False, None),
        ("btree", None, "text", 0, False, None),
    ],
)
def test_normalize_opclass(method, opclass, column_type, dimensions, enum, expected) -> None:
    assert normalize_opclass(method, opclass, column_type, dimensions, enum=enum) == expected


def test_array_column_type_may_be_given_with_brackets() -> None:
    assert normalize_default("'{a,b}'", "TEXT[]") == normalize_default("ARRAY['a'::text, 'b'::text]", "text") == "ARRAY['a','b']"
    assert normalize_default("'{a,b}'", "text") == "'{a,b}'"  # a plain text column's default that looks like one
