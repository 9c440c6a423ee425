"""What schema.prisma cannot express, reported as `unmanaged_object`: schemas it does not cover, sequences no
column owns, and a table's partitioning, inheritance, checks, exclusion constraints and triggers.

(Generated columns and partial or expression indexes are reported by the column and index comparators.)
"""

from __future__ import annotations

from drift.diff.context import Comparison, PairedObject
from drift.diff.findings import FindingKind
from drift.diff.messages import render_message

K = FindingKind


def report_extra_schemas(comparison: Comparison) -> None:
    extra = set(comparison.actual.schemas) | {table.schema_name for table in comparison.actual.tables}
    for schema in sorted(extra - comparison.covered):
        if comparison.is_ignored(schema):
            continue
        comparison.emit(
            K.UNMANAGED_OBJECT,
            schema=schema,
            object=schema,
            message=render_message(K.UNMANAGED_OBJECT, "schema", object=schema),
        )


def report_unowned_sequences(comparison: Comparison) -> None:
    for sequence in comparison.actual.sequences:
        if sequence.schema_name not in comparison.covered or sequence.owned_by_table is not None:
            continue
        if comparison.is_ignored(sequence.name, f"{sequence.schema_name}.{sequence.name}"):
            continue
        comparison.report_only_in_database(
            K.UNMANAGED_OBJECT,
            sequence,
            object=sequence.name,
            message=render_message(K.UNMANAGED_OBJECT, "sequence", object=sequence.name),
        )


def report_unmanaged_table_objects(tables: PairedObject) -> None:
    actual_table, table = tables.actual, tables.actual.name
    if actual_table.partitioned or actual_table.inherits:
        detail = "partitioned" if actual_table.partitioned else "a child of " + ", ".join(actual_table.inherits)
        tables.emit(
            K.UNMANAGED_OBJECT,
            actual=detail,
            prisma=tables.expected.origin,
            message=render_message(K.UNMANAGED_OBJECT, "table", table=tables.shown, detail=detail),
        )
    for variant, objects in (
        ("check", actual_table.checks),
        ("exclusion", actual_table.exclusions),
        ("trigger", actual_table.triggers),
    ):
        for item in objects:
            tables.report_only_in_database(
                K.UNMANAGED_OBJECT,
                item,
                object=item.name,
                actual=getattr(item, "expression", None) or getattr(item, "definition", None),
                message=render_message(K.UNMANAGED_OBJECT, variant, table=tables.shown, object=item.name),
            )
