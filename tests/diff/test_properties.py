"""Properties of compare_schemas on generated schemas: no drift against itself, one removal is one finding, and
the two directions mirror each other."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drift.diff.compare import compare_schemas
from drift.diff.findings import FindingKind
from drift.model.schema import Column, DatabaseSchema, Index, IndexColumn, PrimaryKey, Table

K = FindingKind
TYPES = ["text", "integer", "bigint", "boolean", "uuid", "jsonb", "timestamp(3) without time zone"]
identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)


@st.composite
def tables(draw, name: str) -> Table:
    names = draw(st.lists(identifiers, min_size=2, max_size=8, unique=True))
    cols = tuple(
        Column(
            name=column,
            type=draw(st.sampled_from(TYPES)),
            nullable=draw(st.booleans()),
            default=draw(st.sampled_from([None, "0", "'x'"])),
            position=position,
        )
        for position, column in enumerate(names, start=1)
    )
    indexed = draw(st.lists(st.sampled_from(names[1:]), max_size=3, unique=True))
    indexes = tuple(
        Index(name=f"{name}_{column}_idx", columns=(IndexColumn(column=column),), unique=draw(st.booleans()))
        for column in sorted(indexed)
    )
    return Table(
        schema_name="public",
        name=name,
        columns=cols,
        primary_key=PrimaryKey(name=f"{name}_pkey", columns=(names[0],)),
        indexes=indexes,
    )


@st.composite
def schemas(draw) -> DatabaseSchema:
    names = draw(st.lists(identifiers, min_size=1, max_size=5, unique=True))
    return DatabaseSchema(tables=tuple(draw(tables(name)) for name in sorted(names)))


@settings(max_examples=60, deadline=None)
@given(schemas())
def test_a_schema_has_no_drift_against_itself(database_schema):
    assert compare_schemas(database_schema, database_schema).findings == ()


@settings(max_examples=60, deadline=None)
@given(schemas(), st.data())
def test_removing_an_unindexed_column_is_exactly_one_missing_column(database_schema, data):
    table = data.draw(st.sampled_from(database_schema.tables))
    used = {key.column for index in table.indexes for key in index.columns} | set(table.primary_key.columns)
    free = [column for column in table.columns if column.name not in used]
    if not free:
        return
    removed = data.draw(st.sampled_from(free))
    changed = table.model_copy(update={"columns": tuple(c for c in table.columns if c is not removed)})
    actual = database_schema.model_copy(
        update={"tables": tuple(changed if t is table else t for t in database_schema.tables)}
    )
    report = compare_schemas(database_schema, actual)
    assert [(f.kind, f.table, f.column) for f in report.findings] == [(K.MISSING_COLUMN, table.name, removed.name)]
    mirrored = compare_schemas(actual, database_schema)
    assert [(f.kind, f.table, f.column) for f in mirrored.findings] == [(K.EXTRA_COLUMN, table.name, removed.name)]


@settings(max_examples=40, deadline=None)
@given(schemas(), schemas())
def test_directions_mirror_each_other(left, right):
    forward = compare_schemas(left, right)
    backward = compare_schemas(right, left)
    mirror = {K.MISSING_TABLE: K.EXTRA_TABLE, K.MISSING_COLUMN: K.EXTRA_COLUMN, K.MISSING_INDEX: K.EXTRA_INDEX}
    for missing, extra in mirror.items():
        # Inside a renamed table pair, findings carry the database's table name, which swaps with the direction.
        def names(findings):
            return sorted(f.column or f.object or f.table for f in findings)

        assert names(forward.of_kind(missing)) == names(backward.of_kind(extra))
    assert len(forward.findings) == len(backward.findings)
