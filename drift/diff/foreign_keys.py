"""Foreign keys of a paired table: the expected ones translated through the table and column renames (their own
table's and their target's), then paired by content and name, by content, then by name. An extra key that is an
exact copy of a declared one is a note."""

from __future__ import annotations

from typing import Any

from drift.diff.context import PairedObject
from drift.diff.findings import FindingKind, Severity
from drift.diff.keys import report_deferral
from drift.diff.messages import describe_differences, render_message
from drift.diff.names import database_name, report_name_difference
from drift.diff.pairing import differing_attributes, pair_by_key
from drift.model.schema import ForeignKey

K = FindingKind
# Referential actions have a finding kind of their own; other differences are stated as `foreign_key_mismatch`.
_ACTIONS = ("on_delete", "on_update")


def compare_foreign_keys(tables: PairedObject, relations: set[tuple[str, str]]) -> None:
    """`relations`: (expected, actual) names of columns already reported as relation candidates."""
    expected_table, actual_table = tables.expected, tables.actual
    expected = [_translate_foreign_key(tables, foreign_key) for foreign_key in expected_table.foreign_keys]
    if len(expected) == len(actual_table.foreign_keys) and all(
        _foreign_key_equal(left, right) for left, right in zip(expected, actual_table.foreign_keys)
    ):
        return  # the common case: the same foreign keys in the same (name) order
    originals = {id(translated): original for translated, original in zip(expected, expected_table.foreign_keys)}
    # Content and name first: of two keys with the same content, the one schema.prisma names is the declared one.
    by_content_and_name = pair_by_key(
        expected,
        actual_table.foreign_keys,
        lambda foreign_key: (_foreign_key_content(foreign_key), database_name(tables, foreign_key.name)),
        lambda foreign_key: (_foreign_key_content(foreign_key), foreign_key.name),
    )
    by_content = pair_by_key(
        by_content_and_name.only_expected, by_content_and_name.only_actual, _foreign_key_content
    )
    by_name = pair_by_key(
        by_content.only_expected,
        by_content.only_actual,
        lambda foreign_key: database_name(tables, foreign_key.name),
        lambda foreign_key: foreign_key.name,
    )
    pairs = by_content_and_name.pairs + by_content.pairs + by_name.pairs
    for expected_fk, actual_fk in pairs:
        original = originals[id(expected_fk)]
        report_name_difference(
            tables,
            expected_fk.name,
            actual_fk.name,
            what="Foreign key",
            columns=", ".join(actual_fk.columns),
            expected_object=original,
            actual_object=actual_fk,
        )
        differences = differing_attributes(expected_fk, actual_fk, exclude=("origin", "name"))
        _report_unstated(tables, differences, original, actual_fk)
        actions = {name: differences.pop(name) for name in _ACTIONS if name in differences}
        for kind, found in ((K.FK_ACTION_MISMATCH, actions), (K.FOREIGN_KEY_MISMATCH, differences)):
            if found:
                tables.report_differences(
                    kind,
                    original,
                    actual_fk,
                    found,
                    object=actual_fk.name,
                    message=render_message(
                        kind, table=tables.shown, object=actual_fk.name, details=describe_differences(found)
                    ),
                )
    relation_expected = {expected_name for expected_name, _ in relations}
    relation_actual = {actual_name for _, actual_name in relations}
    for foreign_key in by_name.only_expected:
        original = originals[id(foreign_key)]
        # The relation candidate already says this column is meant to reference the table.
        if len(original.columns) == 1 and original.columns[0] in relation_expected:
            continue
        tables.report_only_in_prisma(
            K.MISSING_FOREIGN_KEY,
            original,
            object=original.name,
            expected=_foreign_key_summary(foreign_key),
            message=_one_sided_message(K.MISSING_FOREIGN_KEY, original.name, foreign_key),
        )
    # A second copy of a key schema.prisma declares (the same columns, target and actions under another name, left
    # behind by an old migration) says so, as a note: Prisma's diff ignores an exact copy, and db pull writes only one
    # relation for the two. A copy with other actions is reported as any other key (Prisma's diff drops it).
    declared = {_foreign_key_signature(actual_fk): actual_fk for _, actual_fk in pairs}
    for foreign_key in by_name.only_actual:
        if len(foreign_key.columns) == 1 and foreign_key.columns[0] in relation_actual:
            continue
        twin = declared.get(_foreign_key_signature(foreign_key))
        tables.report_only_in_database(
            K.EXTRA_FOREIGN_KEY,
            foreign_key,
            object=foreign_key.name,
            actual=_foreign_key_summary(foreign_key),
            severity=Severity.INFO if twin else None,
            # The declared key it copies (the fixes say that schema.prisma needs nothing more).
            expected_object=twin,
            message=_one_sided_message(
                K.EXTRA_FOREIGN_KEY, foreign_key.name, foreign_key, twin=twin.name if twin else None
            ),
        )


def _translate_foreign_key(tables: PairedObject, foreign_key: ForeignKey) -> ForeignKey:
    comparison = tables.comparison
    column_map = comparison.column_renames[(tables.actual.schema_name, tables.actual.name)]
    key = (foreign_key.referenced_schema, foreign_key.referenced_table)
    target = comparison.table_names.get(key, foreign_key.referenced_table)
    target_schema = comparison.table_schemas.get(key, foreign_key.referenced_schema)
    target_map = comparison.column_renames.get((target_schema, target))
    if not column_map and not target_map and key == (target_schema, target):
        return foreign_key  # nothing renamed or moved on either side: the common case
    target_map = target_map or {}
    columns = tuple(column_map.get(name, name) for name in foreign_key.columns)
    referenced_columns = tuple(target_map.get(name, name) for name in foreign_key.referenced_columns)
    if (
        key == (target_schema, target)
        and columns == foreign_key.columns
        and referenced_columns == foreign_key.referenced_columns
    ):
        return foreign_key
    return foreign_key.model_copy(
        update={
            "columns": columns,
            "referenced_schema": target_schema,
            "referenced_table": target,
            "referenced_columns": referenced_columns,
        }
    )


def _one_sided_message(kind: FindingKind, name: str, foreign_key: ForeignKey, twin: str | None = None) -> str:
    # One only in schema.prisma is passed translated: its columns and target read as the database names them.
    return render_message(
        kind,
        "duplicate" if twin else "",
        object=name,
        columns=", ".join(foreign_key.columns),
        target=foreign_key.referenced_table,
        **({"twin": twin} if twin else {}),
    )


def _report_unstated(tables: PairedObject, differences: dict, expected: ForeignKey, actual: ForeignKey) -> None:
    """What schema.prisma cannot state about a relation's key and Prisma's engine leaves alone in the database (its
    diff is empty), taken out of `differences`: NOT VALID is a warning of its own (old rows were never checked),
    DEFERRABLE / INITIALLY DEFERRED and MATCH FULL (of a key of several columns) a note."""

    def report(kind: K, attribute: str, message: str) -> None:
        found = getattr(actual, attribute)
        expected_value, actual_value = {attribute: not found}, {attribute: found}
        tables.report_paired(
            kind, expected, actual, object=actual.name, expected=expected_value, actual=actual_value, message=message
        )

    if "validated" in differences and expected.validated and not actual.validated:
        del differences["validated"]
        report(
            K.UNVALIDATED_FOREIGN_KEY,
            "validated",
            render_message(K.UNVALIDATED_FOREIGN_KEY, table=tables.shown, object=actual.name),
        )
    if report_deferral(tables, expected, actual, "foreign_key_declared"):
        differences.pop("deferrable", None)
        differences.pop("initially_deferred", None)
    if "match_full" in differences and actual.match_full and not expected.match_full:
        del differences["match_full"]
        # Of a one-column key, MATCH FULL changes nothing (a NULL key passes either way): not worth a word.
        if len(actual.columns) > 1:
            details = "MATCH FULL (a row whose key columns are partly NULL is refused; Prisma's keys let it by)"
            report(
                K.UNMANAGED_OBJECT,
                "match_full",
                render_message(
                    K.UNMANAGED_OBJECT, "foreign_key_declared", table=tables.shown, object=actual.name, details=details
                ),
            )


def _foreign_key_content(foreign_key: ForeignKey) -> tuple:
    return (
        foreign_key.columns,
        foreign_key.referenced_schema,
        foreign_key.referenced_table,
        foreign_key.referenced_columns,
    )


def _foreign_key_signature(foreign_key: ForeignKey) -> tuple:
    """All of a key but its name: two keys with the same signature are exact copies."""
    return (
        _foreign_key_content(foreign_key),
        foreign_key.on_delete,
        foreign_key.on_update,
        foreign_key.deferrable,
        foreign_key.initially_deferred,
        foreign_key.validated,
        foreign_key.match_full,
    )


def _foreign_key_equal(expected: ForeignKey, actual: ForeignKey) -> bool:
    return expected.name == actual.name and _foreign_key_signature(expected) == _foreign_key_signature(actual)


def _foreign_key_summary(foreign_key: ForeignKey) -> dict[str, Any]:
    return {
        "columns": list(foreign_key.columns),
        "references": f"{foreign_key.referenced_table}({', '.join(foreign_key.referenced_columns)})",
        "on_delete": foreign_key.on_delete,
        "on_update": foreign_key.on_update,
    }
