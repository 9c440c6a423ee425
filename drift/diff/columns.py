"""Columns of a paired table: pair them by name, then by rename scoring (one-to-one), and compare each pair.

Pairing runs for every table before any table is compared: foreign keys of one table refer to the columns of
another, so `Comparison.column_names` must be complete first.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from drift.diff.context import ColumnPairing, Comparison, PairedObject
from drift.diff.findings import FindingKind, Severity
from drift.diff.messages import describe_differences, render_message, weak_note
from drift.diff.pairing import pair_by_key
from drift.diff.renames import Assignment, assign_one_to_one, foreign_key_targets, same_type, score_columns
from drift.model.names import truncate_identifier
from drift.model.normalize import normalize_default
from drift.model.schema import Column, Table

K = FindingKind
_name = attrgetter("name")
# Column differences with a finding kind of their own; the others are stated together as `column_mismatch`.
_DIFFERENCE_KINDS = {
    "type": K.TYPE_MISMATCH,
    "nullable": K.NULLABILITY_MISMATCH,
    "default": K.DEFAULT_MISMATCH,
    "identity": K.IDENTITY_MISMATCH,
}


def pair_columns(comparison: Comparison, expected_table: Table, actual_table: Table) -> None:
    """Fills the column maps and the column pairing of this table pair."""
    key = (actual_table.schema_name, actual_table.name)
    names = list(map(_name, expected_table.columns))
    if names == list(map(_name, actual_table.columns)):
        # The common case, the same names in the same order: nothing to score and nothing renamed.
        comparison.column_names[key] = dict(zip(names, names))
        comparison.renamed_columns[key] = ()
        comparison.column_renames[key] = {}
        return  # and no `column_pairing`: `compare_table_columns` pairs the columns in order
    pairing = pair_by_key(
        expected_table.columns, actual_table.columns, lambda column: truncate_identifier(column.name)
    )
    expected_left = {column.name: column for column in pairing.only_expected}
    actual_left = {column.name: column for column in pairing.only_actual}
    column_map = {expected.name: actual.name for expected, actual in pairing.pairs}
    assignment = Assignment()
    if expected_left and actual_left:
        expected_targets = foreign_key_targets(
            expected_table.foreign_keys, {name: actual for (schema, name), actual in comparison.table_names.items()}
        )
        actual_targets = foreign_key_targets(actual_table.foreign_keys)
        vetoes = [
            (column, None if value == "*" else value)
            for column, value in _column_config(expected_table, actual_table, comparison.vetoes).items()
        ]
        assignment = assign_one_to_one(
            expected_left,
            actual_left,
            lambda left, right: score_columns(
                expected_left[left],
                actual_left[right],
                comparison.synonyms,
                expected_table=expected_table,
                actual_table=actual_table,
                expected_fk_targets=expected_targets,
                actual_fk_targets=actual_targets,
                actual_enums=comparison.actual_enums,
            ),
            threshold=comparison.threshold,
            pins=_column_config(expected_table, actual_table, comparison.pins),
            vetoes=vetoes,
        )
    renamed = []
    for candidate in assignment.pairs:
        column_map[candidate.expected] = candidate.actual
        renamed.append((expected_left.pop(candidate.expected), actual_left.pop(candidate.actual)))
    comparison.column_names[key] = column_map
    # Longest first, so "user_id" is replaced before "id" in generated names.
    comparison.renamed_columns[key] = tuple(
        sorted(((old, new) for old, new in column_map.items() if old != new), key=lambda item: -len(item[0]))
    )
    comparison.column_renames[key] = dict(comparison.renamed_columns[key])
    comparison.column_pairing[key] = ColumnPairing(
        pairing.pairs, renamed, assignment, list(expected_left.values()), list(actual_left.values())
    )


def _column_config(expected_table: Table, actual_table: Table, table: dict[str, str]) -> dict[str, str]:
    """Config entries `table.column` / `schema.table.column` for this table pair: expected column -> value.

    The table may be named as in the database, as schema.prisma implies, or by its model; the column as
    schema.prisma implies (after @map) or by its field name.
    """
    names = {expected_table.name, actual_table.name}
    if expected_table.origin is not None and expected_table.origin.model:
        names.add(expected_table.origin.model)
    columns_by_field = {
        column.origin.field: column.name
        for column in expected_table.columns
        if column.origin is not None and column.origin.field
    }
    found = {}
    for key, value in table.items():
        parts = key.split(".")
        if len(parts) == 2 and parts[0] in names:
            column = parts[1]
        elif len(parts) == 3 and parts[0] == actual_table.schema_name and parts[1] in names:
            column = parts[2]
        else:
            continue
        found[columns_by_field.get(column, column)] = value
    return found


def compare_table_columns(tables: PairedObject) -> set[tuple[str, str]]:
    """Findings for the columns of one table pair; returns the (expected, actual) names of relation candidates."""
    table = tables.actual.name
    pairing = tables.comparison.column_pairing.get((tables.actual.schema_name, table))
    if pairing is None:  # the same names in the same order
        for expected_column, actual_column in zip(tables.expected.columns, tables.actual.columns):
            _compare_columns(tables, expected_column, actual_column)
        return set()
    same_name_pairs, renamed, assignment, only_expected, only_actual = pairing
    relation_columns = _report_renamed_columns(tables, renamed, assignment)
    for expected_column, actual_column in same_name_pairs:
        _compare_columns(tables, expected_column, actual_column)
    for column in only_expected:
        weak = assignment.weak.get(column.name)
        tables.report_only_in_prisma(
            K.MISSING_COLUMN,
            column,
            column=column.name,
            expected=type_text(column),
            message=render_message(
                K.MISSING_COLUMN,
                table=tables.shown,
                column=column.name,
                weak=weak_note(weak.actual, weak.confidence, "database column") if weak else "",
            ),
        )
    for column in only_actual:
        weak = assignment.weak_actual.get(column.name)
        # An unknown NOT NULL column without a default makes every insert through Prisma Client fail.
        required = (
            not column.nullable and column.default is None and column.identity is None and column.generated is None
        )
        tables.report_only_in_database(
            K.EXTRA_COLUMN,
            column,
            column=column.name,
            actual=type_text(column),
            severity=Severity.ERROR if required else None,
            message=render_message(
                K.EXTRA_COLUMN,
                "required" if required else "",
                table=tables.shown,
                column=column.name,
                weak=weak_note(weak.expected, weak.confidence, "schema.prisma field") if weak else "",
            ),
        )
    return relation_columns


def _report_renamed_columns(
    tables: PairedObject, renamed: list[tuple[Column, Column]], assignment: Assignment
) -> set[tuple[str, str]]:
    """One finding per rename; returns the (expected, actual) column names of relation candidates."""
    relations = set()
    candidates = {candidate.expected: candidate for candidate in assignment.pairs}
    for expected_column, actual_column in renamed:
        candidate = candidates[expected_column.name]
        kind = K.RELATION_CANDIDATE if candidate.relation else K.RENAME_CANDIDATE
        if candidate.relation:
            relations.add((expected_column.name, actual_column.name))
        differences = column_differences(tables.comparison, expected_column, actual_column)
        also = ""
        if differences:
            also = "; it also differs: " + describe_differences(differences)
        tables.report_paired(
            kind,
            expected_column,
            actual_column,
            column=actual_column.name,
            expected=expected_column.name,
            actual=actual_column.name,
            rename=candidate.suggestion(),
            message=render_message(
                kind,
                "column" if kind is K.RENAME_CANDIDATE else "",
                table=tables.actual.name,
                from_name=candidate.expected,
                to=candidate.actual,
                confidence=candidate.confidence,
                reasons="; ".join(candidate.reasons),
                also=also,
            ),
        )
    return relations


def column_differences(comparison: Comparison, expected: Column, actual: Column) -> dict[str, tuple[Any, Any]]:
    """Attribute differences that matter, keyed by attribute, as (expected, actual)."""
    if (
        expected.type_schema is None
        and expected.collation is None
        and expected.generated is None
        and (expected.type, expected.dimensions, expected.nullable, expected.default, expected.identity)
        == (actual.type, actual.dimensions, actual.nullable, actual.default, actual.identity)
        and actual.type_schema is None
    ):
        return {}  # the common case, without building anything
    differences: dict[str, tuple[Any, Any]] = {}
    expected_type = comparison.expected_column_type(expected)
    if not same_type(expected_type, actual, comparison.actual_enums):
        differences["type"] = (type_text(expected, expected_type[0]), type_text(actual))
    # schema.prisma cannot say whether a list is NOT NULL (Prisma creates them nullable and its own diff ignores
    # the difference), so for arrays nullability is not drift.
    if expected.nullable != actual.nullable and expected.dimensions == 0:
        differences["nullable"] = (_nullability(expected), _nullability(actual))
    autoincrement_as_identity = (
        expected.default == "autoincrement()" and actual.identity is not None and actual.default is None
    )
    expected_default = comparison.expected_column_default(expected)
    if expected_default != actual.default and not autoincrement_as_identity:
        # Prisma reads a generated column's expression as its default (`db pull` writes `@default(0)` for
        # GENERATED ALWAYS AS (0), and its diff is then empty): schema.prisma saying so is no difference.
        generated_as_default = (
            actual.generated is not None
            and actual.default is None
            and expected_default == normalize_default(actual.generated, actual.type)
        )
        if not generated_as_default:
            differences["default"] = (expected_default, actual.default)
    if expected.identity != actual.identity and not autoincrement_as_identity:
        differences["identity"] = (expected.identity, actual.identity)
    if expected.collation is not None and expected.collation != actual.collation:
        differences["collation"] = (expected.collation, actual.collation)
    if expected.generated is not None and expected.generated != actual.generated:
        differences["generated"] = (expected.generated, actual.generated)
    return differences


def _compare_columns(tables: PairedObject, expected: Column, actual: Column) -> None:
    differences = column_differences(tables.comparison, expected, actual)
    if not differences and actual.generated is None and actual.collation is None and actual.domain is None:
        return
    table = tables.actual.name
    other: dict[str, tuple[Any, Any]] = {}
    for attribute, (expected_value, actual_value) in differences.items():
        kind = _DIFFERENCE_KINDS.get(attribute)
        if kind is None:
            other[attribute] = (expected_value, actual_value)
            continue
        tables.report_paired(
            kind,
            expected,
            actual,
            column=actual.name,
            expected=expected_value,
            actual=actual_value,
            message=render_message(
                kind, table=tables.shown, column=actual.name, expected=_shown(expected_value), actual=_shown(actual_value)
            ),
        )
    if other:
        tables.report_differences(
            K.COLUMN_MISMATCH,
            expected,
            actual,
            other,
            column=actual.name,
            message=render_message(
                K.COLUMN_MISMATCH, table=tables.shown, column=actual.name, details=describe_differences(other)
            ),
        )
    # What only the database has and schema.prisma cannot express: a generated column, a collation (COLLATE "C";
    # Prisma's diff ignores it, yet a database created from schema.prisma would sort that column differently), a
    # domain (compared as its base type, as Prisma's engine reads it; its CHECKs and default are not).
    for variant, value in (
        ("generated", actual.generated if expected.generated is None else None),
        ("collation", actual.collation if expected.collation is None else None),
        ("domain", actual.domain),
    ):
        if value is not None:
            tables.emit(
                K.UNMANAGED_OBJECT,
                column=actual.name,
                actual=value,
                prisma=expected.origin,
                actual_object=actual,
                message=render_message(K.UNMANAGED_OBJECT, variant, table=tables.shown, column=actual.name, detail=value),
            )


def type_text(column: Column, type_name: str | None = None) -> str:
    return (type_name or column.type) + "[]" * column.dimensions


def _nullability(column: Column) -> str:
    return "nullable" if column.nullable else "NOT NULL"


def _shown(value: Any) -> str:
    return "none" if value is None else str(value)
