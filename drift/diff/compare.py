"""compare_schemas: expected (from schema.prisma) vs actual (from the database) -> DriftReport.

Order of work, each step feeding the next:
1. scope — drop `_prisma_migrations`, ignored objects (config globs), and schemas schema.prisma does not cover
   (one `unmanaged_object` per extra schema);
2. enums, then tables, paired by name and then by rename scoring (one-to-one), giving name maps expected -> actual;
3. columns of every paired table, paired by name and then by rename scoring, giving column maps;
4. everything that refers to names (index keys, primary keys, foreign keys and their targets, enum-typed columns)
   is compared after translating the expected names through those maps, so a rename is reported once, not again
   as a missing index or foreign key.

Each step is a comparator module (enums, tables, columns, keys, indexes, foreign_keys, views, extensions,
unmanaged) working on one shared `Comparison` (drift/diff/context.py): the settings, the name maps and `emit`.
Findings inside a paired table carry the database's table name (`table`) and, for objects only in the database,
the Prisma origin of the model they belong to, so a report can still point at a line of schema.prisma.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from itertools import chain
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from drift.diff.columns import compare_table_columns, pair_columns
from drift.diff.config_entries import unused_config_entries
from drift.diff.context import Comparison, PairedObject
from drift.diff.enums import compare_enums
from drift.diff.extensions import compare_extensions
from drift.diff.findings import DriftReport, Finding, sort_findings
from drift.diff.foreign_keys import compare_foreign_keys
from drift.diff.indexes import compare_indexes, translate_index
from drift.diff.keys import compare_primary_keys
from drift.diff.tables import pair_tables
from drift.diff.unmanaged import report_extra_schemas, report_unmanaged_table_objects, report_unowned_sequences
from drift.diff.views import compare_views
from drift.model.schema import Column, DatabaseSchema, Enum, ForeignKey, Index, IndexColumn, Table, View

if TYPE_CHECKING:  # the diff depends on the model only; configuration is read through its attributes
    from drift.config import DriftConfig

MIGRATIONS_TABLE = "_prisma_migrations"
T = TypeVar("T", Enum, View)


def compare_schemas(
    expected: DatabaseSchema,
    actual: DatabaseSchema,
    config: DriftConfig | None = None,
    *,
    partial_indexes: bool = False,
    alike: frozenset[tuple[str, str]] = frozenset(),
) -> DriftReport:
    """The findings between the database schema.prisma implies and the one found. `partial_indexes`: schema.prisma
    enables Prisma's `partialIndexes` preview feature (ExpectedSchema.partial_indexes). `alike`: the (schema, name)
    of expected tables that `alike_tables` found alike already (the same result, computed earlier or elsewhere)."""
    # The comparison allocates many small short-lived objects next to two large, long-lived schemas; a full
    # garbage collection in the middle walks all of them and can cost more than the comparison itself
    # (measured: 1.1 s vs 4.4 s at 5,000 models). Nothing here creates reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        comparison = Comparison(expected, actual, config, partial_indexes=partial_indexes)
        # (Ignored columns leave both sides of a pair (`_scoped_tables`): tables alike with them are alike without.)
        findings = _run(comparison, alike)
    finally:
        if collecting:
            gc.enable()
    # Both already tuples of their types (no validation: a clean check then builds no validator at all).
    return DriftReport.model_construct(
        findings=sort_findings(findings), unused_config=comparison.unused_config, notes=tuple(comparison.notes)
    )


def alike_tables(expected: Iterable[Table], actual: DatabaseSchema) -> frozenset[tuple[str, str]]:
    """The (schema, name) of each of the `expected` tables that has a table of the same name and schema in `actual`
    that it is alike (see `_SameTables`; what does not depend on the rest of the schemas): for `compare_schemas`'s
    `alike`, when some of the expected tables are known before the others (a sharded lowering)."""
    found = {(table.schema_name, table.name): table for table in actual.tables}
    alike = set()
    for table in expected:
        key = (table.schema_name, table.name)
        other = found.get(key)
        if other is not None and _alike(table, other):
            alike.add(key)
    return frozenset(alike)


def _run(comparison: Comparison, known_alike: frozenset[tuple[str, str]]) -> list[Finding]:
    report_extra_schemas(comparison)
    owned = set(comparison.actual.extension_relations)
    expected_tables = _scoped_tables(comparison, comparison.expected.tables)
    if owned:  # a model of an extension's table (db pull writes PostGIS's spatial_ref_sys): the extension's
        expected_tables = [table for table in expected_tables if (table.schema_name, table.name) not in owned]
    actual_tables = _scoped_tables(comparison, comparison.actual.tables)
    compare_enums(
        comparison,
        _scoped(comparison, comparison.expected.enums, comparison.enum_ignored),
        _scoped(comparison, comparison.actual.enums, comparison.enum_ignored),
    )
    table_pairs = pair_tables(comparison, expected_tables, actual_tables)
    if len(expected_tables) > 1 and not table_pairs:
        comparison.notes.append(_no_table_found(comparison, expected_tables, actual_tables))
    same = _SameTables(comparison)
    # All column maps first: foreign keys of one table refer to the columns of another. Whether a pair is the same
    # table is checked right after pairing its columns, while they are still in the CPU cache.
    alike = []
    for expected_table, actual_table in table_pairs:
        pair_columns(comparison, expected_table, actual_table)
        alike.append(same.match(expected_table, actual_table, known_alike))
    if comparison.pins or comparison.vetoes:
        comparison.unused_config = unused_config_entries(comparison, table_pairs, expected_tables)
    same.find_moved_targets()
    for (expected_table, actual_table), matched in zip(table_pairs, alike):
        if not (matched and same.targets_unmoved(expected_table)):
            _compare_table(PairedObject(comparison, expected_table, actual_table, table=actual_table.name))
    compare_views(
        comparison,
        [
            view
            for view in _scoped(comparison, comparison.expected.views, comparison.table_ignored)
            if (view.schema_name, view.name) not in owned
        ],
        _scoped(comparison, comparison.actual.views, comparison.table_ignored),
    )
    compare_extensions(comparison)
    report_unowned_sequences(comparison)
    return comparison.findings


def _no_table_found(comparison: Comparison, expected: list[Table], actual: list[Table]) -> str:
    """Not one of several tables is in the database: more likely the wrong database (or schema) than drift."""
    schemas = ", ".join(f'"{name}"' for name in sorted(comparison.covered))
    where = f"schema {schemas}" if len(comparison.covered) == 1 else f"schemas {schemas}"
    has = f"has {len(actual)} other table{'s' if len(actual) != 1 else ''}" if actual else "has no table"
    return (
        f"None of the {len(expected)} tables of schema.prisma is in the database, which {has} in {where}: "
        "is it the right database (and the right ?schema= in its URL)?"
    )


def _scoped(comparison: Comparison, items: Iterable[T], ignored: Callable[[T], bool]) -> list[T]:
    """Enums or views of the covered schemas that the configuration does not ignore."""
    return [item for item in items if item.schema_name in comparison.covered and not ignored(item)]


def _scoped_tables(comparison: Comparison, tables: Iterable[Table]) -> list[Table]:
    if not comparison.ignore:  # no pattern: no table is ignored and no column dropped (the common case)
        covered = comparison.covered
        return [table for table in tables if table.name != MIGRATIONS_TABLE and table.schema_name in covered]
    kept = []
    for table in tables:
        if (
            table.name == MIGRATIONS_TABLE
            or table.schema_name not in comparison.covered
            or comparison.table_ignored(table)
        ):
            continue
        columns = tuple(column for column in table.columns if not comparison.column_ignored(table, column))
        kept.append(table if len(columns) == len(table.columns) else table.model_copy(update={"columns": columns}))
    return kept


def _compare_table(tables: PairedObject) -> None:
    """One table pair: columns, then what refers to them (primary key, indexes, foreign keys), then the rest."""
    relation_columns = compare_table_columns(tables)
    renames = tables.comparison.column_renames[(tables.actual.schema_name, tables.actual.name)]
    expected_indexes = [translate_index(index, renames) for index in tables.expected.indexes] if renames else list(
        tables.expected.indexes
    )
    # An index over a relation candidate's column is matched as translated (the database's index on the other column
    # is the same index), but one the database lacks is reported as schema.prisma states it: its fix builds it on the
    # column the relation fix adds, not on the other one (a tester found it built on `product_code`).
    related = {expected_name for expected_name, _ in relation_columns}
    untranslated = {
        id(translated): original
        for translated, original in zip(expected_indexes, tables.expected.indexes)
        if translated is not original and any(key.column in related for key in original.columns)
    }
    actual_indexes = list(tables.actual.indexes)
    # A legacy many-to-many index stands in for the primary key; it is not also an extra index.
    legacy_index = compare_primary_keys(tables, actual_indexes)
    if legacy_index is not None:
        actual_indexes.remove(legacy_index)
    compare_indexes(tables, expected_indexes, actual_indexes, untranslated)
    compare_foreign_keys(tables, relation_columns)
    report_unmanaged_table_objects(tables)


def _compared_fields(model: type[BaseModel], *never_compared: str) -> itemgetter:
    """A getter of the model's fields, as a plain tuple, from the model's `__dict__`.

    Every field but the ones named is included, so a field added later is compared by the fast path too."""
    return itemgetter(*(name for name in model.model_fields if name not in never_compared))


# The comparators never compare position, comment and origin, nor an index's `constraint`. An index's keys
# (`columns`) are compared on their own, by `_key_fields`.
_column_fields = _compared_fields(Column, "position", "comment", "origin")
_index_fields = _compared_fields(Index, "columns", "constraint", "origin")
_key_fields = _compared_fields(IndexColumn)
_foreign_key_fields = _compared_fields(ForeignKey, "origin")
# Pydantic models define __getattr__, so every attribute read goes through CPython's slower hook for it: the fast
# path reads each object's __dict__ once and its fields from there, by itemgetter (no Python frame either).
_fields_of = attrgetter("__dict__")
_index_keys = itemgetter("columns")
_index_valid = attrgetter("valid")
_foreign_key_target = attrgetter("referenced_schema", "referenced_table")


class _SameTables:
    """A cheap proof that a table pair has no finding at all, so that `_compare_table` can be skipped for it.

    A pair is the same table when `match` (once its columns are paired) and then `targets_unmoved` (once all
    columns are paired) are both true: the two tables have the same name, the same columns in the same order, the
    same primary key, indexes and foreign keys (names included, in the same order), nothing unmanaged, and no
    foreign key points at a renamed or moved table or at a table with renamed columns. Then:
    - the columns were paired by name (`pair_columns`), none renamed or left over, and `column_differences` finds
      nothing in any pair: every attribute it reads is equal, and an enum type is named the same on both sides
      because no enum was renamed (otherwise `match` is never true);
    - `compare_primary_keys` finds the same columns, the same name and the same deferrability (no legacy index:
      both keys or neither);
    - `compare_indexes` and `compare_foreign_keys` take their "same in the same order" exits: no column is
      renamed, every index in the database is valid, and every foreign key translates to itself;
    - `report_unmanaged_table_objects` has nothing to report.
    Any other pair goes through the comparators, whatever they then find.
    """

    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        # Enum-typed columns compare their type through the enum renames; with none, a type is the same name.
        self.enabled = not comparison.enum_schemas and all(
            name == actual for (_, name), actual in comparison.enum_names.items()
        )
        # Foreign keys to these (schema, table) names are translated before they are compared.
        self.moved_targets: set[tuple[str, str]] = set()

    def match(self, expected: Table, actual: Table, known: frozenset[tuple[str, str]]) -> bool:
        """`known`: the (schema, name) of expected tables `alike_tables` found alike with the table of the same name."""
        if not self.enabled:
            return False
        key = (expected.schema_name, expected.name)
        if key in known and key == (actual.schema_name, actual.name):
            return True
        return _alike(expected, actual)

    def find_moved_targets(self) -> None:
        """Once every table's columns are paired: the tables renamed, moved to another schema or with renamed
        columns."""
        comparison = self.comparison
        self.moved_targets = {key for key, actual in comparison.table_names.items() if key[1] != actual}
        self.moved_targets.update(comparison.table_schemas)
        self.moved_targets.update(key for key, renames in comparison.column_renames.items() if renames)

    def targets_unmoved(self, expected: Table) -> bool:
        return not self.moved_targets or self.moved_targets.isdisjoint(map(_foreign_key_target, expected.foreign_keys))


def _alike(expected: Table, actual: Table) -> bool:
    """`_SameTables.match` without what depends on the rest of the schemas (renamed enums)."""
    if expected.name != actual.name:
        return False
    if actual.checks or actual.exclusions or actual.triggers or actual.partitioned or actual.inherits:
        return False
    expected_key, actual_key = expected.primary_key, actual.primary_key
    if expected_key is None or actual_key is None:
        if expected_key is not actual_key:
            return False
    elif (
        expected_key.name != actual_key.name
        or expected_key.columns != actual_key.columns
        or expected_key.include != actual_key.include
        or expected_key.deferrable != actual_key.deferrable
        or expected_key.initially_deferred != actual_key.initially_deferred
    ):
        return False
    return (
        _rows(_column_fields, expected.columns) == _rows(_column_fields, actual.columns)
        and _rows(_foreign_key_fields, expected.foreign_keys) == _rows(_foreign_key_fields, actual.foreign_keys)
        and all(map(_index_valid, actual.indexes))
        and _index_rows(expected.indexes) == _index_rows(actual.indexes)
    )


def _rows(fields: itemgetter, objects: Iterable[BaseModel]) -> list[tuple]:
    return list(map(fields, map(_fields_of, objects)))


def _index_rows(indexes: tuple[Index, ...]) -> tuple[list, list, list]:
    """Each index's compared attributes, its number of keys, and all keys' attributes one after the other."""
    keys = list(map(_index_keys, map(_fields_of, indexes)))
    return _rows(_index_fields, indexes), list(map(len, keys)), _rows(_key_fields, chain.from_iterable(keys))
