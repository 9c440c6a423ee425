"""Indexes of a paired table: paired by content and name, then by content, then by name; keys are compared after
translating the expected column names through the column renames."""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from drift.diff.context import PairedObject
from drift.diff.findings import FindingKind, Severity
from drift.diff.keys import report_deferral
from drift.diff.messages import INCLUDED_AS_KEYS, describe_differences, render_message
from drift.diff.names import database_name, report_name_difference
from drift.diff.pairing import differing_attributes, pair_by_key
from drift.model.predicates import predicate_key, rename_predicate_columns
from drift.model.schema import Index, IndexColumn
from drift.prisma.native_types import INDEX_METHODS

K = FindingKind


def translate_index(index: Index, column_map: dict[str, str]) -> Index:
    if not column_map or all(column_map.get(key.column or "", key.column) == key.column for key in index.columns):
        if all(column_map.get(name, name) == name for name in index.include) and (
            index.predicate is None or not column_map
        ):
            return index
    keys = tuple(
        key.model_copy(update={"column": column_map.get(key.column, key.column)}) if key.column else key
        for key in index.columns
    )
    include = tuple(column_map.get(name, name) for name in index.include)
    update = {"columns": keys, "include": include}
    if index.predicate is not None:
        update["predicate"] = rename_predicate_columns(index.predicate, column_map)
    return index.model_copy(update=update)


def compare_indexes(
    tables: PairedObject, expected: list[Index], actual: list[Index], untranslated: dict[int, Index] | None = None
) -> None:
    """`untranslated`: id of a translated expected index -> the index as schema.prisma states it, for the ones
    reported as missing that way (see drift.diff.compare)."""
    table = tables.actual.name
    if (
        len(expected) == len(actual)
        and tables.expected.name == table
        and all(
            left.name == right.name
            and right.valid
            and _index_content(left) == _index_content(right)
            and left.deferrable == right.deferrable
            and left.initially_deferred == right.initially_deferred
            for left, right in zip(expected, actual)
        )
    ):
        return  # the common case: both sides list the same indexes in the same (name) order
    # Content first: same keys, uniqueness, method and predicate is the same index whatever its name.
    by_content = pair_by_key(
        expected,
        actual,
        lambda index: (_index_content(index), database_name(tables, index.name)),
        lambda index: (_index_content(index), index.name),
    )
    by_content_only = pair_by_key(by_content.only_expected, by_content.only_actual, _index_content)
    by_name = pair_by_key(
        by_content_only.only_expected,
        by_content_only.only_actual,
        lambda index: database_name(tables, index.name),
        lambda index: index.name,
    )
    # Last, what Prisma's engine reads of an index, so that an index renamed in schema.prisma is one rename even when
    # the database's copy has parts schema.prisma cannot state (NULLS NOT DISTINCT, an hnsw method...): Prisma's
    # diff renames it.
    partial_indexes = tables.comparison.partial_indexes
    by_prisma_content = pair_by_key(
        by_name.only_expected, by_name.only_actual, lambda index: _prisma_content(index, partial_indexes)
    )
    pairs = by_content.pairs + by_content_only.pairs + by_name.pairs + by_prisma_content.pairs
    for expected_index, actual_index in pairs:
        report_name_difference(
            tables,
            expected_index.name,
            actual_index.name,
            what="Index",
            columns=_index_columns_text(actual_index),
            expected_object=expected_index,
            actual_object=actual_index,
        )
        differences = differing_attributes(expected_index, actual_index, exclude=("origin", "name", "constraint"))
        # A deferrable unique constraint: a note of its own, whatever else differs.
        if report_deferral(tables, expected_index, actual_index, "unique_deferrable"):
            differences.pop("deferrable", None)
            differences.pop("initially_deferred", None)
        if "predicate" in differences and predicate_key(expected_index.predicate) == predicate_key(
            actual_index.predicate
        ):
            del differences["predicate"]  # the same condition, spelled as PostgreSQL prints it
        # What schema.prisma cannot state about an index it declares, and Prisma leaves alone in the database (its
        # engine's diff is empty): a WHERE condition without the partialIndexes preview feature, NULLS FIRST / LAST
        # on a key, NULLS NOT DISTINCT.
        unstated = []
        if "method" in differences and expected_index.method == "btree" and _read_as_btree(actual_index.method):
            del differences["method"]
            unstated.append(f"built with {actual_index.method}, an access method schema.prisma cannot state "
                            "(Prisma reads it as a B-tree)")
        if "predicate" in differences and expected_index.predicate is None and not tables.comparison.partial_indexes:
            del differences["predicate"]
            unstated.append(f"partial (WHERE {actual_index.predicate}), which schema.prisma states only with the "
                            "partialIndexes preview feature")
        if "include" in differences and not expected_index.include and _included_as_keys(expected_index, actual_index):
            # `db pull` writes INCLUDE columns as more keys, and Prisma's diff then sees no change.
            del differences["include"]
            differences.pop("columns", None)
            unstated.append(INCLUDED_AS_KEYS.format(columns=", ".join(actual_index.include)))
        if "columns" in differences and _only_unstated_key_differences(expected_index, actual_index):
            del differences["columns"]
            placed = ", ".join(_index_key_text(key) for key in actual_index.columns if key.nulls)
            if placed:
                unstated.append(f"{placed}, which schema.prisma cannot state")
            opclasses = ", ".join(
                _index_key_text(actual)
                for expected, actual in zip(expected_index.columns, actual_index.columns)
                if actual.opclass != expected.opclass
            )
            if opclasses:
                # Prisma's engine never reads a B-tree key's operator class back: with an `ops:` in schema.prisma
                # its diff would rebuild the index every time, and without one its diff is empty.
                unstated.append(f"{opclasses}, an operator class schema.prisma does not state (Prisma's diff "
                                "ignores B-tree operator classes)")
            collated = ", ".join(_index_key_text(key) for key in actual_index.columns if key.collation)
            if collated:
                unstated.append(f"{collated}, a key collation schema.prisma cannot state")
        if "nulls_not_distinct" in differences and not expected_index.nulls_not_distinct:
            del differences["nulls_not_distinct"]
            unstated.append("NULLS NOT DISTINCT, which schema.prisma cannot state")
        if unstated and not differences:
            tables.report_paired(
                K.UNMANAGED_OBJECT,
                expected_index,
                actual_index,
                object=actual_index.name,
                actual=_index_summary(actual_index),
                message=render_message(
                    K.UNMANAGED_OBJECT,
                    "index_declared",
                    table=tables.shown,
                    object=actual_index.name,
                    details="; ".join(unstated),
                ),
            )
        if differences:
            shown = {name: (_shown_index_value(a), _shown_index_value(b)) for name, (a, b) in differences.items()}
            tables.report_differences(
                K.INDEX_MISMATCH,
                expected_index,
                actual_index,
                differences,
                object=actual_index.name,
                message=render_message(
                    K.INDEX_MISMATCH,
                    "invalid" if differences.keys() == {"valid"} else "",
                    table=tables.shown,
                    object=actual_index.name,
                    details=describe_differences(shown),
                ),
            )
    for index in by_prisma_content.only_expected:
        index = (untranslated or {}).get(id(index), index)
        tables.report_only_in_prisma(
            K.MISSING_INDEX,
            index,
            object=index.name,
            expected=_index_summary(index),
            message=render_message(K.MISSING_INDEX, table=tables.shown, object=index.name, columns=_index_columns_text(index)),
        )
    paired_content = {_index_content(actual_index): actual_index for _, actual_index in pairs}
    for index in by_prisma_content.only_actual:
        expression = any(key.column is None for key in index.columns)
        if expression or (index.predicate is not None and not tables.comparison.partial_indexes):
            if expression:
                detail = "on an expression" + (f", partial, WHERE {index.predicate}" if index.predicate else "")
                message = render_message(K.UNMANAGED_OBJECT, "index", table=tables.shown, object=index.name, detail=detail)
            else:
                message = render_message(
                    K.UNMANAGED_OBJECT,
                    "partial_index",
                    table=tables.shown,
                    object=index.name,
                    columns=_index_columns_text(index),
                    predicate=index.predicate,
                )
            tables.report_only_in_database(
                K.UNMANAGED_OBJECT, index, object=index.name, actual=_index_summary(index), message=message
            )
            continue
        # A second copy of an index schema.prisma declares (left behind by an old migration) says so, as a note:
        # Prisma's diff ignores an exact copy, and db pull writes only one of the two.
        twin = paired_content.get(_index_content(index))
        tables.report_only_in_database(
            K.EXTRA_INDEX,
            index,
            object=index.name,
            actual=_index_summary(index),
            severity=Severity.INFO if twin else None,
            # The declared index it copies (the fixes say that schema.prisma needs nothing more).
            expected_object=twin,
            message=render_message(
                K.EXTRA_INDEX,
                "duplicate" if twin else "",
                table=tables.shown,
                object=index.name,
                columns=_index_columns_text(index),
                twin=twin.name if twin else None,
            ),
        )


# An index key's fields as a plain tuple: comparing these is several times cheaper than pydantic's __eq__, and
# index contents are compared for every index of every table.
_key_fields = attrgetter(*IndexColumn.model_fields)


def _index_content(index: Index) -> tuple:
    keys = tuple(map(_key_fields, index.columns))
    return (keys, index.unique, index.method, predicate_key(index.predicate), index.include, index.nulls_not_distinct)


def _prisma_content(index: Index, partial_indexes: bool) -> tuple:
    """An index as Prisma's engine reads it: without what schema.prisma cannot state (NULLS FIRST / LAST, a key's
    COLLATE, NULLS NOT DISTINCT; a WHERE condition without the partialIndexes preview feature), INCLUDE columns as
    more keys (as db pull writes them), and an extension's method as a B-tree, whose operator classes it ignores."""
    btree = _read_as_btree(index.method)
    keys = tuple((key.column, key.expression, key.order, None if btree else key.opclass) for key in index.columns)
    keys += tuple((name, None, "ASC", None) for name in index.include)
    predicate = predicate_key(index.predicate) if partial_indexes else None
    return (keys, index.unique, "btree" if btree else index.method, predicate)


_NULLS_FIELD = tuple(IndexColumn.model_fields).index("nulls")
_OPCLASS_FIELD = tuple(IndexColumn.model_fields).index("opclass")


def _only_unstated_key_differences(expected: Index, actual: Index) -> bool:
    """Whether the keys differ only in what schema.prisma did not state and Prisma leaves alone: NULLS FIRST / LAST
    and a key's COLLATE (which it cannot state), and the operator class of a B-tree key it states none for."""
    if len(expected.columns) != len(actual.columns):
        return False
    for expected_key, actual_key in zip(expected.columns, actual.columns):
        left, right = _key_fields(expected_key), _key_fields(actual_key)
        if expected_key.nulls is not None or expected_key.collation is not None:
            return False
        if _without_unstated(left) != _without_unstated(right):
            return False
        stated = expected_key.opclass is not None or not _read_as_btree(actual.method)
        if expected_key.opclass != actual_key.opclass and stated:
            return False
    return True


# The access methods `@@index(type: ...)` names. Prisma's engine reads an index of any other (an extension's: hnsw,
# ivfflat, bloom) as a B-tree, without its keys' operator classes: db pull writes a plain `@@index`, and its diff is
# then empty.
_PRISMA_METHODS = frozenset(INDEX_METHODS.values())


def _read_as_btree(method: str) -> bool:
    return method == "btree" or method not in _PRISMA_METHODS


_UNSTATED_FIELDS = (_NULLS_FIELD, _OPCLASS_FIELD, tuple(IndexColumn.model_fields).index("collation"))


def _without_unstated(fields: tuple) -> tuple:
    return tuple(value for position, value in enumerate(fields) if position not in _UNSTATED_FIELDS)


def _included_as_keys(expected: Index, actual: Index) -> bool:
    """Whether the expected index lists the actual one's keys and then its INCLUDE columns as plain keys."""
    keys, extra = expected.columns[: len(actual.columns)], expected.columns[len(actual.columns) :]
    return (
        [_key_fields(key) for key in keys] == [_key_fields(key) for key in actual.columns]
        and [key.column for key in extra] == list(actual.include)
        and all(_key_fields(key)[1:] == _PLAIN_KEY for key in extra)
    )


# What follows the column in a key with nothing else said: no expression, ascending, defaults. (Constructed, not
# validated: building IndexColumn's validator at import cost a check that needs none about 25 ms of start-up.)
_PLAIN_KEY = _key_fields(IndexColumn.model_construct(column=""))[1:]


def _index_columns_text(index: Index) -> str:
    return ", ".join(_index_key_text(key) for key in index.columns)


def _index_key_text(key: IndexColumn) -> str:
    text = key.column if key.column is not None else f"({key.expression})"
    if key.order == "DESC":
        text += " DESC"
    if key.nulls:
        text += f" NULLS {key.nulls}"
    if key.collation:
        text += f' COLLATE "{key.collation}"'
    if key.opclass:
        text += f" {key.opclass}"
    return text


def _index_summary(index: Index) -> dict[str, Any]:
    summary: dict[str, Any] = {"columns": [_index_key_text(key) for key in index.columns], "unique": index.unique}
    if index.method != "btree":
        summary["method"] = index.method
    if index.predicate is not None:
        summary["where"] = index.predicate
    if index.nulls_not_distinct:
        summary["nulls_not_distinct"] = True
    return summary


def _shown_index_value(value: Any) -> Any:
    # Index keys are dumped as dicts; show them the way they read in SQL.
    if isinstance(value, list) and value and isinstance(value[0], dict) and "order" in value[0]:
        return [_index_key_text(IndexColumn.model_validate(item)) for item in value]
    return value
