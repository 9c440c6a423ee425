"""Views: pair them by name and compare their columns' names and types."""

from __future__ import annotations

from drift.diff.columns import type_text
from drift.diff.context import Comparison, PairedObject
from drift.diff.findings import FindingKind
from drift.diff.messages import describe_differences, render_message
from drift.diff.pairing import pair_by_key
from drift.diff.renames import same_type
from drift.model.normalize import type_identity
from drift.model.schema import View

K = FindingKind


def compare_views(comparison: Comparison, expected: list[View], actual: list[View]) -> None:
    pairing = pair_by_key(expected, actual, lambda view: (view.schema_name, view.name))
    for view in pairing.only_expected:
        comparison.report_only_in_prisma(
            K.MISSING_VIEW, view, table=view.name, message=render_message(K.MISSING_VIEW, view=view.name)
        )
    # Prisma never creates or drops a view, and describes them only with `view` blocks (the views preview feature):
    # a schema without any says nothing about the database's views, so they are notes (Prisma's diff is empty).
    describes_views = bool(expected)
    for view in pairing.only_actual:
        # A materialized view is never a `view` block (db pull leaves it out; Prisma's diff ignores it).
        if describes_views and not view.materialized:
            comparison.report_only_in_database(
                K.EXTRA_VIEW, view, table=view.name, message=render_message(K.EXTRA_VIEW, view=view.name)
            )
        else:
            comparison.report_only_in_database(
                K.UNMANAGED_OBJECT,
                view,
                table=view.name,
                message=render_message(
                    K.UNMANAGED_OBJECT, "materialized_view" if view.materialized else "view", view=view.name
                ),
            )
    for expected_view, actual_view in pairing.pairs:
        # Views' columns are always nullable in the catalog, so only names and types are compared.
        # Types are compared as they are (`timestamp(6)` is `timestamp`: normalize.type_identity), or as table
        # columns' are (`Unsupported("_posint")[]` is a list of that domain: renames.same_type).
        actual_by_name = {column.name: column for column in actual_view.columns}
        actual_columns = {column.name: type_text(column, type_identity(column.type)) for column in actual_view.columns}
        expected_columns = {}
        for column in expected_view.columns:
            expected_type = comparison.expected_column_type(column)
            actual_column = actual_by_name.get(column.name)
            if actual_column is not None and same_type(expected_type, actual_column, comparison.actual_enums):
                expected_columns[column.name] = actual_columns[column.name]
            else:
                expected_columns[column.name] = type_text(column, type_identity(expected_type[0]))
        if expected_columns != actual_columns:
            differences = {
                name: (expected_columns.get(name), actual_columns.get(name))
                for name in sorted(set(expected_columns) | set(actual_columns))
                if expected_columns.get(name) != actual_columns.get(name)
            }
            PairedObject(comparison, expected_view, actual_view, table=actual_view.name).report_differences(
                K.VIEW_MISMATCH,
                expected_view,
                actual_view,
                differences,
                message=render_message(
                    K.VIEW_MISMATCH, view=actual_view.name, details=describe_differences(differences)
                ),
            )
