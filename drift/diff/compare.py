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
from typing import TYPE_CHECKING, TypeVar

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
from drift.model.schema import DatabaseSchema, Enum, Table, View

if TYPE_CHECKING:  # the diff depends on the model only; configuration is read through its attributes
    from drift.config import DriftConfig

MIGRATIONS_TABLE = "_prisma_migrations"
T = TypeVar("T", Enum, View)


def compare_schemas(expected: DatabaseSchema, actual: DatabaseSchema, config: DriftConfig | None = None) -> DriftReport:
    # The comparison allocates many small short-lived objects next to two large, long-lived schemas; a full
    # garbage collection in the middle walks all of them and can cost more than the comparison itself
    # (measured: 1.1 s vs 4.4 s at 5,000 models). Nothing here creates reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        comparison = Comparison(expected, actual, config)
        findings = _run(comparison)
    finally:
        if collecting:
            gc.enable()
    return DriftReport(findings=sort_findings(findings), unused_config=comparison.unused_config)


def _run(comparison: Comparison) -> list[Finding]:
    report_extra_schemas(comparison)
    expected_tables = _scoped_tables(comparison, comparison.expected.tables)
    actual_tables = _scoped_tables(comparison, comparison.actual.tables)
    compare_enums(
        comparison,
        _scoped(comparison, comparison.expected.enums, comparison.enum_ignored),
        _scoped(comparison, comparison.actual.enums, comparison.enum_ignored),
    )
    table_pairs = pair_tables(comparison, expected_tables, actual_tables)
    # All column maps first: foreign keys of one table refer to the columns of another.
    for expected_table, actual_table in table_pairs:
        pair_columns(comparison, expected_table, actual_table)
    if comparison.pins or comparison.vetoes:
        comparison.unused_config = unused_config_entries(comparison, table_pairs, expected_tables)
    for expected_table, actual_table in table_pairs:
        _compare_table(PairedObject(comparison, expected_table, actual_table, table=actual_table.name))
    compare_views(
        comparison,
        _scoped(comparison, comparison.expected.views, comparison.table_ignored),
        _scoped(comparison, comparison.actual.views, comparison.table_ignored),
    )
    compare_extensions(comparison)
    report_unowned_sequences(comparison)
    return comparison.findings


def _scoped(comparison: Comparison, items: Iterable[T], ignored: Callable[[T], bool]) -> list[T]:
    """Enums or views of the covered schemas that the configuration does not ignore."""
    return [item for item in items if item.schema_name in comparison.covered and not ignored(item)]


def _scoped_tables(comparison: Comparison, tables: Iterable[Table]) -> list[Table]:
    kept = []
    for table in tables:
        if (
            table.name == MIGRATIONS_TABLE
            or table.schema_name not in comparison.covered
            or comparison.table_ignored(table)
        ):
            continue
        if not comparison.ignore:
            kept.append(table)
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
    actual_indexes = list(tables.actual.indexes)
    # A legacy many-to-many index stands in for the primary key; it is not also an extra index.
    legacy_index = compare_primary_keys(tables, actual_indexes)
    if legacy_index is not None:
        actual_indexes.remove(legacy_index)
    compare_indexes(tables, expected_indexes, actual_indexes)
    compare_foreign_keys(tables, relation_columns)
    report_unmanaged_table_objects(tables)
