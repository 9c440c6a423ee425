"""The printer writes exactly what `prisma format` writes (outputs of Prisma's engine committed under fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.prisma.parse import parse_source, parse_sources, read_schema_sources
from drift.prisma.printer import render_schema_file, render_value, string_literal
from tests.conftest import CORPUS, FIXTURES

ORACLE = FIXTURES / "prisma" / "oracle"
CASES = FIXTURES / "prisma" / "cases"


def _schema_in(folder: Path) -> Path:
    return folder / "schema.prisma" if (folder / "schema.prisma").is_file() else folder / "schema"


def oracle_params() -> list:
    """(schema path, folder with format/ and dmmf.json) for corpus projects and cases; corpus ones skip if absent."""
    params = []
    for expected in sorted(path for path in ORACLE.iterdir() if path.is_dir()):
        schema = _schema_in(CORPUS / expected.name)
        marks = [] if schema.exists() else [pytest.mark.skip(reason=f"corpus schema {expected.name} is absent")]
        params.append(pytest.param(schema, expected, id=f"corpus-{expected.name}", marks=marks))
    for case in sorted(path for path in CASES.iterdir() if path.is_dir()):
        params.append(pytest.param(_schema_in(case), case, id=f"case-{case.name}"))
    return params


def relative_name(schema: Path, file: str) -> Path:
    """A schema file's path relative to its schema (the layout under format/)."""
    return Path(file).relative_to(schema) if schema.is_dir() else Path("schema.prisma")


@pytest.mark.parametrize(("schema", "expected"), oracle_params())
def test_print_of_parse_is_prisma_format(schema: Path, expected: Path) -> None:
    sources = read_schema_sources(schema)
    parsed, diagnostics = parse_sources(sources)
    assert diagnostics == []
    for schema_file in parsed.files:
        want = (expected / "format" / relative_name(schema, schema_file.path)).read_text()
        assert render_schema_file(schema_file) == want, schema_file.path


@pytest.mark.parametrize(("schema", "expected"), [param for param in oracle_params() if param.id != "case-comments"])
def test_formatting_is_idempotent(schema: Path, expected: Path) -> None:
    # case-comments is left out on purpose: see test_comment_after_closing_brace_follows_prisma.
    for file in sorted((expected / "format").rglob("*.prisma")):
        text = file.read_text()
        schema_file, diagnostics = parse_source(text, str(file))
        assert diagnostics == []
        assert render_schema_file(schema_file) == text


def _format(text: str) -> str:
    schema_file, diagnostics = parse_source(text, "t.prisma")
    assert diagnostics == []
    return render_schema_file(schema_file)


def test_columns_are_aligned_per_group_and_attributes_sorted() -> None:
    text = 'model A {\n  id Int @default(autoincrement()) @id\n  longName String? @db.Text @map("x")\n\n  b Int\n}\n'
    assert _format(text) == (
        "model A {\n"
        "  id       Int     @id @default(autoincrement())\n"
        '  longName String? @map("x") @db.Text\n'
        "\n"
        "  b Int\n"
        "}\n"
    )


def test_block_attributes_move_after_fields_in_prisma_order_with_their_comment() -> None:
    text = 'model A {\n  @@map("a")\n  // why unique\n  @@unique([x])\n  x Int\n  @@id([x])\n}\n'
    assert _format(text) == ('model A {\n  x Int\n\n  @@id([x])\n  // why unique\n  @@unique([x])\n  @@map("a")\n}\n')


def test_blank_lines_between_top_level_items() -> None:
    text = "\n\nmodel A {\n  x Int\n}\nmodel B {\n  x Int\n}\n\n\n\n// end\n\n"
    assert _format(text) == "model A {\n  x Int\n}\n\nmodel B {\n  x Int\n}\n\n// end\n"


def test_string_literal_escapes_round_trip() -> None:
    value = 'say "hi" \\ \n\t\x01 café'
    literal = string_literal(value)
    schema_file, _ = parse_source(f"model A {{\n  x String @default({literal})\n}}\n", "t.prisma")
    assert schema_file.models[0].fields[0].attribute("default").arg(0).value == value


def test_comment_after_closing_brace_follows_prisma() -> None:
    # Prisma's formatter is not idempotent here: `}// c` becomes `}` and `// c` on the next line, and a comment
    # on the line after `}` gets a blank line before it. Both observed with Prisma's engine.
    assert _format("model A {\n  x Int\n}// c\n") == "model A {\n  x Int\n}\n// c\n"
    assert _format("model A {\n  x Int\n}\n// c\n") == "model A {\n  x Int\n}\n\n// c\n"


FORMATTED_OBJECTS = (
    "model A {\n"
    "  id    Int     @id\n"
    "  d     String\n"
    "  n     Int?\n"
    "  s     String\n"
    "  b     Int\n"
    "  camel Boolean\n"
    "  email String  @unique(where: { deleted: false })\n"
    "\n"
    "  @@unique([s, n], where: { n: { not: null } })\n"
    "  @@index([d], where: { active: true })\n"
    '  @@index([n], where: { n: null, d: "x", b: 3 })\n'
    '  @@index([id], where: { d: { not: "y" }, x: 1.5, y: { not: true } })\n'
    "  @@index([s], where: { camel: true })\n"
    "  @@index([n], where: { s: \"it's\" })\n"
    "  @@index([id], where: { n: -2 })\n"
    "  @@index([b], where: {})\n"
    '  @@index([b], where: raw("b > 0"))\n'
    "}\n"
)


def test_objects_round_trip_as_prisma_formats_them() -> None:
    assert _format(FORMATTED_OBJECTS) == FORMATTED_OBJECTS


def test_objects_are_written_with_prisma_spacing() -> None:
    text = (
        "model A {\n"
        "  email String @unique(where: {deleted:false})\n"
        '  @@index([n], where: {n:null,d:"x",  b: 3,})\n'
        "  @@unique([s, n], where: {n: {not: null}})\n"
        "  @@index([b], where: {  })\n"
        "}\n"
    )
    assert _format(text) == (
        "model A {\n"
        "  email String @unique(where: { deleted: false })\n"
        "\n"
        "  @@unique([s, n], where: { n: { not: null } })\n"
        '  @@index([n], where: { n: null, d: "x", b: 3 })\n'
        "  @@index([b], where: {})\n"
        "}\n"
    )


def test_render_value_of_objects() -> None:
    schema_file, diagnostics = parse_source(
        'datasource db {\n  provider = "postgresql"\n  x = { a: [1, { b: "c" }], e: {}, f: g(h: { i: j }) }\n}\n',
        "t.prisma",
    )
    assert diagnostics == []
    value = schema_file.datasources[0].property("x")
    assert render_value(value) == '{ a: [1, { b: "c" }], e: {}, f: g(h: { i: j }) }'
