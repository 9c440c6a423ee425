"""Every convention fixture: the database Prisma's own SQL creates equals the database we lower the schema to.

Each `fixtures/conventions/<case>/` holds a tiny schema and `prisma.sql`, the SQL Prisma's engine creates for it
(`oracle ddl`), with optional `before.sql` (extensions to create first) and `extra.sql` (objects a project makes by
hand, such as the view a `view` block describes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from deepdiff import DeepDiff

from drift.model.normalize import BARE_CHAR
from drift.model.predicates import predicate_key
from drift.model.schema import DatabaseSchema
from drift.postgres.introspect import introspect_database
from drift.prisma import load_expected_schema
from tests.conftest import FIXTURES, without_keys

CONVENTIONS = FIXTURES / "conventions"
CASES = sorted(path for path in CONVENTIONS.iterdir() if (path / "schema.prisma").is_file())


def comparable(schema: DatabaseSchema, expected: DatabaseSchema | None = None) -> dict:
    """A schema as plain data without what is never compared: origins and column positions.

    Given the expected side, an actual schema also drops what the schema cannot state: a view's definition,
    the version of an extension declared without one, and extensions the schema does not declare at all
    (created by hand before Prisma's SQL: unmanaged, not drift).
    """
    data = without_keys(schema.model_dump(mode="json", exclude_none=False), ("origin", "position"))
    # A bare @db.Char is lowered as BARE_CHAR, kept apart from `@db.Char(1)` for the one-byte "char" db pull writes it
    # for (renames.same_type); what Prisma's SQL creates for it is character(1).
    for table in data["tables"]:
        for column in table["columns"]:
            if column["type"] == BARE_CHAR:
                column["type"] = "character(1)"
    # A partial index's condition: as Prisma writes it on one side, as PostgreSQL prints it on the other; the same
    # condition has one key (drift/model/predicates.py, tested against PostgreSQL in tests/model).
    for table in data["tables"]:
        for index in table["indexes"]:
            if index["predicate"] is not None:
                index["predicate"] = repr(predicate_key(index["predicate"]))
    if expected is not None:
        declared = {extension.name: extension for extension in expected.extensions}
        data["extensions"] = [
            {**extension, "version": extension["version"] if declared[extension["name"]].version else None}
            for extension in data["extensions"]
            if extension["name"] in declared
        ]
        for view in data["views"]:
            view["definition"] = None
        # An extension's type (citext, vector) whose extension has no `schema:` in schema.prisma is lowered without
        # a schema: Prisma does not look where it lives, and drift compares it by name (renames.same_type).
        unplaced = {
            (table.name, column.name, column.type)
            for table in expected.tables
            for column in table.columns
            if column.type_schema is None
        }
        for table in data["tables"]:
            for column in table["columns"]:
                if (table["name"], column["name"], column["type"]) in unplaced:
                    column["type_schema"] = None
    return data


def assert_same_schema(expected: DatabaseSchema, actual: DatabaseSchema) -> None:
    # Order matters (index keys, primary key columns, enum values); both sides sort their collections by name
    # and columns by position, so no reordering is needed or allowed here.
    left, right = comparable(expected), comparable(actual, expected)
    difference = DeepDiff(left, right)
    if difference:
        readable = difference.pretty()
        raise AssertionError(
            "lowered schema (expected) differs from the database Prisma's SQL creates (actual):\n" + readable
        )


def load_case(database, case: Path) -> None:
    for name in ("before.sql", "prisma.sql", "extra.sql"):
        script = case / name
        if script.is_file():
            database.load_file(script)


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_convention_lowers_to_what_prismas_sql_creates(case: Path, database) -> None:
    load_case(database, case)
    expected = load_expected_schema(case / "schema.prisma")
    actual = introspect_database(database.conninfo, expected.schemas)
    assert_same_schema(expected.database, actual)


def test_every_convention_case_has_prismas_sql() -> None:
    assert len(CASES) >= 18
    for case in CASES:
        assert (case / "prisma.sql").read_text().strip(), f"{case.name} has no prisma.sql"


def test_comparison_reports_a_changed_attribute() -> None:
    """The comparison itself must be able to fail: one changed default is a difference."""
    case = CONVENTIONS / "enums"
    expected = load_expected_schema(case / "schema.prisma").database
    table = expected.tables[0]
    changed_column = table.columns[1].model_copy(update={"default": "'ADMIN'"})
    changed_table = table.model_copy(update={"columns": (table.columns[0], changed_column, *table.columns[2:])})
    changed = expected.model_copy(update={"tables": (changed_table,)})
    with pytest.raises(AssertionError, match="default"):
        assert_same_schema(expected, changed)
    values = expected.enums[0].values
    reordered = expected.model_copy(
        update={"enums": (expected.enums[0].model_copy(update={"values": values[::-1]}), *expected.enums[1:])}
    )
    with pytest.raises(AssertionError, match="values"):
        assert_same_schema(expected, reordered)
    assert json.dumps(comparable(expected)) == json.dumps(comparable(expected.model_copy()))
