"""Property tests: printing and re-parsing keeps the tree; damaged schemas give positioned diagnostics, not crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drift.diagnostics import render_diagnostics
from drift.prisma.parse import parse_source
from drift.prisma.printer import _ATTRIBUTE_ORDER, render_schema_file
from tests.conftest import FIXTURES, without_keys

NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,7}", fullmatch=True)
SPACES = st.sampled_from([" ", "  ", "   ", "\t"])
FIELD_ATTRIBUTES = [
    "@id",
    "@unique",
    "@unique()",
    "@default(now())",
    '@default("a \\"quoted\\" \\\\ value")',
    "@default(-1.5)",
    "@default([1, 2])",
    '@default(dbgenerated("gen_random_uuid()"))',
    '@map("column_name")',
    "@db.VarChar(10)",
    "@db.Decimal(10, 2)",
    "@updatedAt",
    '@relation("r", fields: [a, b], references: [c], onDelete: Cascade)',
    "@ignore",
    "@unique(where: { deleted: false })",
]
BLOCK_ATTRIBUTES = [
    "@@index([a, b(sort: Desc)])",
    '@@index([a(ops: raw("gin_trgm_ops"))], type: Gin, map: "i")',
    '@@unique([a], map: "k")',
    "@@id([a, b])",
    '@@map("table")',
    '@@schema("s")',
    "@@ignore",
    '@@index([a], where: { n: null, d: "x", b: { not: 3 } })',
]
COMMENTS = st.sampled_from(["// note", "/// doc", "//", "// a // b", '/// "quoted" {'])


@st.composite
def field_lines(draw) -> str:
    name = draw(NAMES)
    type_name = draw(st.sampled_from(["String", "Int", "DateTime", "Json", "Role", "Other", 'Unsupported("x y")']))
    suffix = draw(st.sampled_from(["", "?", "[]"]))
    attributes = draw(st.lists(st.sampled_from(FIELD_ATTRIBUTES), max_size=3))
    gap = draw(SPACES)
    line = f"{draw(SPACES)}{name}{gap}{type_name}{suffix}"
    for attribute in attributes:
        line += draw(SPACES) + attribute
    if draw(st.booleans()):
        line += draw(SPACES) + draw(COMMENTS)
    return line


# Object values (`where: { ... }`, the partialIndexes preview feature), written with any spacing and trailing comma.
SCALARS = st.sampled_from(["null", "true", "false", '"x"', '"it\'s"', "3", "-2", "1.5", "Desc"])


@st.composite
def objects(draw, depth: int = 2) -> str:
    values = st.one_of(SCALARS, objects(depth - 1)) if depth else SCALARS
    entries = draw(st.lists(st.tuples(NAMES, values), max_size=3))
    blank = st.sampled_from(["", " ", "  "])
    parts = [f"{name}{draw(blank)}:{draw(blank)}{value}" for name, value in entries]
    comma = draw(st.sampled_from(["", ","])) if parts else ""
    return "{" + draw(blank) + f"{draw(blank)},{draw(blank)}".join(parts) + comma + draw(blank) + "}"


@st.composite
def block_attributes(draw) -> str:
    if draw(st.booleans()):
        return draw(st.sampled_from(BLOCK_ATTRIBUTES))
    return f"@@{draw(st.sampled_from(['index', 'unique']))}([a], where: {draw(objects())})"


@st.composite
def model_blocks(draw) -> str:
    lines = [f"{draw(st.sampled_from(['model', 'view']))} {draw(NAMES)} {{"]
    members = draw(
        st.lists(
            st.one_of(
                field_lines(),
                block_attributes().map(lambda attribute: "  " + attribute),
                COMMENTS.map(lambda comment: "  " + comment),
                st.just(""),
            ),
            max_size=8,
        )
    )
    return "\n".join(lines + members + ["}"])


@st.composite
def enum_blocks(draw) -> str:
    values = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    lines = [f"enum {draw(NAMES)} {{"]
    for value in values:
        lines.append(f"  {value}" + (' @map("v")' if draw(st.booleans()) else ""))
    if draw(st.booleans()):
        lines.append('  @@map("e")')
    return "\n".join(lines + ["}"])


CONFIG = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n  schemas = ["a", "b"]\n}'


@st.composite
def schemas(draw) -> str:
    blocks = draw(st.lists(st.one_of(model_blocks(), enum_blocks(), st.just(CONFIG), COMMENTS), max_size=5))
    separators = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n"])) for _ in blocks]
    return "".join(block + separator for block, separator in zip(blocks, separators))


def _order(attribute: dict) -> int:
    return _ATTRIBUTE_ORDER.get(attribute["name"], len(_ATTRIBUTE_ORDER))


def _comparable(schema_file) -> dict:
    """The tree without positions, comments, and with attributes in the printer's (Prisma's) order."""

    def strip(node):
        if isinstance(node, dict):
            return {
                key: strip(value)
                for key, value in node.items()
                if key not in ("span", "name_span", "path") and "comment" not in key
            }
        if isinstance(node, list):
            return [strip(item) for item in node]
        return node

    tree = strip(schema_file.model_dump(mode="json"))
    for declaration in tree["declarations"]:
        for member in [*declaration.get("fields", []), *declaration.get("values", [])]:
            member["attributes"].sort(key=_order)
        if "attributes" in declaration:
            declaration["attributes"].sort(key=_order)
    return tree


def _comment_texts(schema_file) -> list[str]:
    texts = [comment["text"] for comment in _walk_comments(schema_file.model_dump(mode="json"))]
    return sorted(texts)


def _walk_comments(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "trailing_comment" and value is not None:
                yield value
            elif key in ("comments", "doc_comments"):
                yield from value
            else:
                yield from _walk_comments(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk_comments(item)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schemas())
def test_printed_schema_reparses_to_the_same_tree(text: str) -> None:
    first, diagnostics = parse_source(text, "schema.prisma")
    assume(not diagnostics)
    printed = render_schema_file(first)
    second, diagnostics = parse_source(printed, "schema.prisma")
    assert diagnostics == []
    assert _comparable(second) == _comparable(first)
    assert _comment_texts(second) == _comment_texts(first)


VALID = (FIXTURES / "prisma" / "cases" / "features" / "schema.prisma").read_text()


@st.composite
def damaged(draw) -> str:
    text = draw(st.one_of(st.just(VALID), schemas()))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate-line"]))
        if action == "delete":
            text = text[:position] + text[position + draw(st.integers(min_value=1, max_value=20)) :]
        elif action == "insert":
            junk = draw(st.text(alphabet='{}()[]@"\\/:=,?\n x1é\t', min_size=1, max_size=6))
            text = text[:position] + junk + text[position:]
        else:
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            end = len(text) if end < 0 else end
            text = text[:end] + "\n" + text[start:end] + text[end:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_schemas_give_positioned_diagnostics_never_exceptions(text: str) -> None:
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    line_count = text.count("\n") + 2
    for diagnostic in diagnostics:
        span = diagnostic.span
        assert 1 <= span.line <= span.end_line <= line_count
        assert span.column >= 1 and 0 <= span.start <= span.end <= len(text.encode("utf-8")) + 1
    render_diagnostics(diagnostics, {"schema.prisma": text})
    if not diagnostics:
        # A schema without diagnostics must be printable.
        render_schema_file(schema_file)


# The grammar lexes common lines and attributes as single tokens (FIELD_LINE, *_WITH_ARGUMENTS) and falls back
# to one token per piece otherwise; both paths must build the same nodes with the same spans.
FORCE_FINE_LINE = " @x([[1]])"  # a nested array is not "simple": the line is parsed piece by piece


@settings(max_examples=150, deadline=None)
@given(field_lines())
def test_single_token_lines_build_the_same_nodes_as_the_fine_grammar(line: str) -> None:
    assume("//" not in line)
    coarse, coarse_diagnostics = parse_source(f"model A {{\n{line}\n}}\n", "s.prisma")
    fine, fine_diagnostics = parse_source(f"model A {{\n{line}{FORCE_FINE_LINE}\n}}\n", "s.prisma")
    assume(not coarse_diagnostics and not fine_diagnostics)
    coarse_field = coarse.models[0].fields[0]
    fine_field = fine.models[0].fields[0]
    assert fine_field.attributes[-1].name == "x"
    assert coarse_field.attributes == fine_field.attributes[:-1]
    assert (coarse_field.name, coarse_field.name_span, coarse_field.type) == (
        fine_field.name,
        fine_field.name_span,
        fine_field.type,
    )


@given(st.sampled_from([*FIELD_ATTRIBUTES, *BLOCK_ATTRIBUTES]))
def test_single_token_attributes_build_the_same_arguments_as_the_fine_grammar(attribute: str) -> None:
    assume(attribute.endswith(")") and not attribute.endswith("()"))
    # A trailing comma is not "simple": the attribute is then parsed piece by piece.
    fine_attribute = attribute[:-1] + ",)"
    if attribute.startswith("@@"):
        template = "model A {{\n  a Int\n  {}\n}}\n"
    else:
        template = "model A {{\n  a Int {}\n}}\n"
    coarse, _ = parse_source(template.format(attribute), "s.prisma")
    fine, _ = parse_source(template.format(fine_attribute), "s.prisma")
    pick = (
        (lambda schema: schema.models[0].attributes[0])
        if attribute.startswith("@@")
        else (lambda schema: schema.models[0].fields[0].attributes[0])
    )
    assert pick(coarse).args == pick(fine).args
    assert pick(coarse).name_span == pick(fine).name_span and pick(coarse).name == pick(fine).name


# A member line seen before in an ASCII file is built again from its first nodes ("recipes", from its third
# occurrence on); it must give what decoding it afresh at the same place gives, comments and spans included.
@settings(max_examples=150, deadline=None)
@given(field_lines(), st.sampled_from(["  ", "    ", "\t"]), st.sampled_from(["", "  // between\n", "\n"]))
def test_repeated_lines_build_what_a_first_occurrence_builds(line: str, indent: str, between: str) -> None:
    line = indent + line.lstrip(" \t")
    # The same lines with another first letter: every line is then a first occurrence, at the same offsets.
    other = line.replace(line.strip()[0], "Z" if line.strip()[0] != "Z" else "Y", 1)
    repeated = f"model A {{\n{line}\n{between}{line}\n{line}\n{between}{line}\n}}\n"
    fresh = f"model A {{\n{other}\n{between}{other}\n{other}\n{between}{line}\n}}\n"
    assert len(repeated) == len(fresh)
    first, first_diagnostics = parse_source(repeated, "s.prisma")
    second, second_diagnostics = parse_source(fresh, "s.prisma")
    assume(len(first.models[0].fields) == len(second.models[0].fields) == 4)  # (no syntax error)
    last, fresh_last = first.models[0].fields[-1], second.models[0].fields[-1]
    assert last.model_dump() == fresh_last.model_dump()
    assert first.models[0].comments == second.models[0].comments
    # Diagnostics about the line itself (e.g. `[]?`) come with every occurrence (not those about duplicate names).
    def on_last_line(diagnostics: list) -> list:
        return [d for d in diagnostics if d.span.line == last.span.line and d.span != last.name_span]

    assert on_last_line(first_diagnostics) == on_last_line(second_diagnostics)


def _without_spans(value):
    return without_keys(value, ("span", "name_span"))


# `share=True` (what `drift check` parses with): a repeated line's fields and attributes are placed as always, what
# is below them may be the first occurrence's nodes; nothing else differs, diagnostics included.
@settings(max_examples=150, deadline=None)
@given(field_lines(), st.sampled_from(["", "  // between\n", "\n"]))
def test_shared_repeated_lines_differ_only_in_the_spans_below_fields_and_attributes(line: str, between: str) -> None:
    repeated = f"model A {{\n{line}\n{between}{line}\n{line}\n{between}{line}\n\n  @@index([a])\n  @@index([a])\n}}\n"
    exact, exact_diagnostics = parse_source(repeated, "s.prisma")
    shared, shared_diagnostics = parse_source(repeated, "s.prisma", share=True)
    assume(len(exact.models[0].fields) == 4)
    assert shared_diagnostics == exact_diagnostics
    assert shared.models[0].comments == exact.models[0].comments
    assert _without_spans(shared.model_dump()) == _without_spans(exact.model_dump())
    for got, want in zip(
        [*shared.models[0].fields, *shared.models[0].attributes], [*exact.models[0].fields, *exact.models[0].attributes]
    ):
        assert (got.span, got.name_span) == (want.span, want.name_span)
        for got_attribute, want_attribute in zip(getattr(got, "attributes", []), getattr(want, "attributes", [])):
            assert (got_attribute.span, got_attribute.name_span) == (want_attribute.span, want_attribute.name_span)
