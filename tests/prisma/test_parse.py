"""The parser: every corpus schema parses cleanly, the tree has the right shape and spans, errors are diagnostics
(golden files under fixtures/prisma/errors, regenerated with DRIFT_UPDATE_GOLDEN=1), never exceptions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drift.diagnostics import render_diagnostics
from drift.errors import BadInput
from drift.prisma.ast import ArrayValue, ConstantValue, FunctionCall, NumberValue, StringValue, field_reference
from drift.prisma.parse import PrismaSchemaError, grammar_path, parse_schema_path, parse_source
from tests.conftest import CORPUS, FIXTURES, requires_corpus

ERRORS = FIXTURES / "prisma" / "errors"
CASES = FIXTURES / "prisma" / "cases"


def _corpus_schemas() -> list:
    if not CORPUS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/corpus is absent"))]
    schemas = []
    for project in sorted(path for path in CORPUS.iterdir() if path.is_dir()):
        schema = project / "schema.prisma" if (project / "schema.prisma").is_file() else project / "schema"
        if schema.exists():
            schemas.append(pytest.param(schema, id=project.name))
    return schemas


@requires_corpus
@pytest.mark.parametrize("schema", _corpus_schemas())
def test_every_corpus_schema_parses_without_a_diagnostic(schema: Path) -> None:
    parsed = parse_schema_path(schema)
    assert parsed.models
    assert parsed.datasource is not None and parsed.datasource.provider in ("postgresql", "postgres")


def _parse(text: str):
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert diagnostics == []
    return schema_file


def test_fields_types_attributes_and_arguments() -> None:
    schema_file = _parse(
        "model User {\n"
        '  id    String  @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid\n'
        "  tags  String[] @default([])\n"
        '  geo   Unsupported("geometry(Point, 4326)")?\n'
        "  score Decimal @default(-1.50) @db.Decimal(10, 2)\n"
        "\n"
        '  @@index([id(sort: Desc, ops: raw("uuid_ops")), tags], type: Gin, map: "x")\n'
        "}\n"
    )
    model = schema_file.models[0]
    identifier, tags, geo, score = model.fields
    assert (identifier.type.name, identifier.type.optional, identifier.type.list) == ("String", False, False)
    default = identifier.attribute("default").arg(0)
    assert isinstance(default, FunctionCall) and default.name == "dbgenerated"
    assert default.arg(position=0).value == "gen_random_uuid()"
    assert identifier.attributes[2].name == "db.Uuid" and not identifier.attributes[2].parenthesized
    assert tags.type.list and isinstance(tags.attribute("default").arg(0), ArrayValue)
    assert geo.type.is_unsupported and geo.type.unsupported == "geometry(Point, 4326)" and geo.type.optional
    number = score.attribute("default").arg(0)
    assert isinstance(number, NumberValue) and number.text == "-1.50" and number.number == -1.5
    assert [render.text for render in score.attribute("db.Decimal").positional] == ["10", "2"]
    index = model.attribute("index")
    first, second = index.arg("fields", 0).items
    name, arguments = field_reference(first)
    assert name == "id" and [argument.name for argument in arguments] == ["sort", "ops"]
    assert isinstance(arguments[0].value, ConstantValue) and arguments[0].value.name == "Desc"
    assert field_reference(second) == ("tags", [])
    assert index.arg("type").name == "Gin" and index.arg("map").value == "x"


def test_spans_point_at_the_source() -> None:
    text = 'model A {\n  name String @map("n")\n}\n'
    schema_file = _parse(text)
    field = schema_file.models[0].fields[0]
    assert (field.span.line, field.span.column, field.span.end_column) == (2, 3, 24)
    assert text[field.span.start : field.span.end] == 'name String @map("n")'
    assert text[field.type.span.start : field.type.span.end] == "String"
    attribute = field.attributes[0]
    assert text[attribute.span.start : attribute.span.end] == '@map("n")'
    assert text[attribute.name_span.start : attribute.name_span.end] == "@map"
    model = schema_file.models[0]
    assert (model.span.line, model.span.end_line) == (1, 3)


def test_spans_are_byte_offsets_in_non_ascii_files() -> None:
    text = '// café ☕\nmodel A {\n  naïve String @map("é")\n}\n'
    field = _parse(text).models[0].fields[0]
    encoded = text.encode("utf-8")
    assert encoded[field.span.start : field.span.end].decode("utf-8") == 'naïve String @map("é")'
    assert (field.span.line, field.span.column) == (3, 3)


def test_every_span_is_exact_in_a_mostly_ascii_file() -> None:
    """A few non-ASCII characters (here a comment, a doc comment and a string) shift the byte offsets of every later
    line; lines repeated from one model to the next (rebuilt from the first ones, see the parser's recipes) must be
    placed by bytes too. Every node's span must cover its own text, by bytes, with characters as columns."""
    models = "".join(
        f"/// Modèle {index} — ✓\nmodel M{index} {{\n"
        f'  id    String @id @default(uuid()) @db.Uuid\n'
        f'  label String @default("é{index}") @db.VarChar(120) // libellé\n'
        f"  count Int    @default(0)\n"
        f"  same  String @db.VarChar(120)\n\n"
        f"  @@index([count, same], map: \"m{index}_idx\")\n"
        "}\n\n"
        for index in range(5)
    )
    text = "// café ☕\n" + models
    encoded = text.encode("utf-8")
    lines = text.split("\n")
    checked = 0
    for model in _parse(text).models:
        for node in [*model.fields, *model.attributes]:
            nested = [node, *node.attributes] if hasattr(node, "type") else [node]
            for item in nested:
                for span in (item.span, item.name_span):
                    piece = encoded[span.start : span.end].decode("utf-8")
                    line = lines[span.line - 1]
                    assert piece == line[span.column - 1 : span.end_column - 1], (piece, span)
                    checked += 1
        assert model.fields[1].attributes[0].args[0].value.value.startswith("é")
        assert model.fields[1].trailing_comment.text == "// libellé"
    assert checked == 5 * (4 * 2 + 7 * 2 + 2)


def test_comments_are_attached_or_kept() -> None:
    schema_file = _parse(
        "// file comment\n"
        "/// model doc\n"
        "model A {\n"
        "  /// field doc\n"
        "  id Int @id // trailing\n"
        "  // free\n"
        '  @@map("a") // on attribute\n'
        "}\n"
    )
    model = schema_file.models[0]
    assert [comment.text for comment in schema_file.comments] == ["// file comment"]
    assert model.documentation == "model doc"
    assert model.fields[0].documentation == "field doc"
    assert model.fields[0].trailing_comment.text == "// trailing"
    assert [comment.text for comment in model.comments] == ["// free"]
    assert model.attributes[0].trailing_comment.text == "// on attribute"


def test_config_blocks_and_lookups() -> None:
    schema_file = _parse(
        "datasource db {\n"
        '  provider   = "postgresql"\n'
        '  url        = env("DATABASE_URL")\n'
        '  schemas    = ["a", "b"]\n'
        '  extensions = [pg_trgm, vector(schema: "x")]\n'
        '  relationMode = "prisma"\n'
        "}\n"
        'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n'
    )
    datasource = schema_file.datasources[0]
    assert datasource.provider == "postgresql" and datasource.schemas == ["a", "b"]
    assert datasource.relation_mode == "prisma"
    url = datasource.property("url")
    assert isinstance(url, FunctionCall) and url.name == "env" and url.arg(position=0).value == "DATABASE_URL"
    assert [field_reference(item)[0] for item in datasource.extensions] == ["pg_trgm", "vector"]
    assert schema_file.generators[0].preview_features == ["views"]


def test_string_escapes_are_unescaped_and_raw_is_kept() -> None:
    value = _parse('model A {\n  x String @default("a\\"b\\\\c\\nd\\u00e9")\n}\n').models[0].fields[0]
    literal = value.attribute("default").arg(0)
    assert isinstance(literal, StringValue)
    assert literal.value == 'a"b\\c\nd\u00e9' and literal.raw == '"a\\"b\\\\c\\nd\\u00e9"'


def test_keywords_are_ordinary_names_inside_blocks() -> None:
    fields = _parse("model A {\n  type String\n  model Int\n  enum Int\n  view Int\n}\n").models[0].fields
    assert [field.name for field in fields] == ["type", "model", "enum", "view"]


def test_views_composite_types_and_multi_file_folders() -> None:
    schema = parse_schema_path(CASES / "multifile" / "schema")
    names = [Path(schema_file.path).name for schema_file in schema.files]
    assert names == ["post.prisma", "user.prisma", "schema.prisma"]
    assert {model.name for model in schema.models} == {"User", "Post"} and schema.enum("Kind") is not None
    features = parse_schema_path(CASES / "features" / "schema.prisma")
    assert [view.name for view in features.views] == ["ActiveUser"]
    composite = parse_schema_path(CASES / "composite" / "schema.prisma")
    assert [kind.name for kind in composite.composite_types] == ["Address", "Point"]


def test_json_dump_round_trips() -> None:
    schema = parse_schema_path(CASES / "features" / "schema.prisma")
    assert type(schema).model_validate_json(schema.model_dump_json()) == schema


def test_parse_schema_path_raises_with_every_diagnostic_rendered(tmp_path: Path) -> None:
    path = tmp_path / "schema.prisma"
    path.write_text("model A {\n  id\n}\nnonsense\n")
    with pytest.raises(PrismaSchemaError) as raised:
        parse_schema_path(path)
    assert isinstance(raised.value, BadInput) and len(raised.value.diagnostics) == 2
    assert f"{path}:2:3" in str(raised.value) and f"{path}:4:1" in str(raised.value)


def test_duplicate_names_across_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.prisma").write_text("model User {\n  id Int @id\n}\n")
    (tmp_path / "b.prisma").write_text("enum User {\n  A\n}\n")
    with pytest.raises(PrismaSchemaError, match='The enum "User" cannot be defined because a model'):
        parse_schema_path(tmp_path)


def test_unreadable_and_empty_paths_are_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="No .prisma files"):
        parse_schema_path(tmp_path)
    with pytest.raises(BadInput, match="Cannot read"):
        parse_schema_path(tmp_path / "missing.prisma")


def test_grammar_is_found_in_the_repository() -> None:
    assert grammar_path().name == "prisma.lark" and grammar_path().is_file()


@pytest.mark.parametrize("case", sorted(path.stem for path in ERRORS.glob("*.prisma")))
def test_error_messages_match_golden_files(case: str) -> None:
    text = (ERRORS / f"{case}.prisma").read_text()
    _, diagnostics = parse_source(text, f"{case}.prisma")
    assert diagnostics, "a broken schema must produce diagnostics"
    rendered = render_diagnostics(diagnostics, {f"{case}.prisma": text}) + "\n"
    expected = ERRORS / f"{case}.expected"
    if os.environ.get("DRIFT_UPDATE_GOLDEN"):
        expected.write_text(rendered)
    assert rendered == expected.read_text()


def test_recovery_keeps_the_valid_parts_of_a_broken_file() -> None:
    schema_file, diagnostics = parse_source(
        "model A {\n  id Int @id\n  broken String @@unique\n  name String\n}\n\njunk\n\nenum E {\n  X\n}\n", "s.prisma"
    )
    assert [diagnostic.span.line for diagnostic in diagnostics] == [3, 7]
    assert [field.name for field in schema_file.models[0].fields] == ["id", "name"]
    assert schema_file.enums[0].values[0].name == "X"


def test_spans_are_small_values_with_named_fields() -> None:
    import copy
    import pickle

    from drift.diagnostics import Diagnostic, Span

    span = Span("schema.prisma", 10, 14, 2, 3, 2, 7)
    assert (span.file, span.start, span.end, span.line, span.column, span.end_line, span.end_column) == (
        "schema.prisma", 10, 14, 2, 3, 2, 7
    )
    assert tuple(span) == ("schema.prisma", 10, 14, 2, 3, 2, 7)
    assert str(span) == "schema.prisma:2:3"
    assert repr(span) == "Span(file='schema.prisma', start=10, end=14, line=2, column=3, end_line=2, end_column=7)"
    assert pickle.loads(pickle.dumps(span)) == span == copy.deepcopy(span)
    assert span != Span("other.prisma", 10, 14, 2, 3, 2, 7) and bool(Span("", 0, 0, 0, 0, 0, 0))
    diagnostic = Diagnostic(severity="error", message="m.", span=span)
    assert diagnostic.model_dump(mode="json")["span"] == span._asdict()
    assert Diagnostic.model_validate_json(diagnostic.model_dump_json()) == diagnostic
    with pytest.raises(ValueError):
        Span("schema.prisma", -1, 0, 1, 1, 1, 1)


def test_nodes_without_comments_share_one_read_only_empty_list() -> None:
    schema_file = _parse("model A {\n  id Int @id\n  b  Int @id\n}\n")
    first, second = schema_file.models[0].fields
    assert first.doc_comments == [] and first.doc_comments is second.doc_comments
    with pytest.raises(TypeError):
        first.doc_comments.append(None)


def test_a_parse_with_the_gc_on_leaves_its_tree_in_the_oldest_generation() -> None:
    import gc

    text = "".join(f"model M{index} {{\n  id Int @id\n  name String\n}}\n" for index in range(50))
    enabled = gc.isenabled()
    gc.enable()
    try:
        schema_file, diagnostics = parse_source(text, "schema.prisma")
        young = {id(obj) for generation in (0, 1) for obj in gc.get_objects(generation=generation)}
    finally:
        if not enabled:
            gc.disable()
    assert not diagnostics and len(schema_file.models) == 50
    assert id(schema_file) not in young and not any(id(model) in young for model in schema_file.models)
