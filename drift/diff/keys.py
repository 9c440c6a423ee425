"""Primary keys of a paired table, compared on columns translated through the column renames; and the note on a
primary key, unique constraint or foreign key that is deferrable in the database (`report_deferral`)."""

from __future__ import annotations

from drift.diff.context import PairedObject
from drift.diff.findings import FindingKind
from drift.diff.messages import INCLUDED_AS_KEYS, describe_differences, render_message
from drift.diff.names import report_name_difference
from drift.model.schema import ForeignKey, Index, PrimaryKey

K = FindingKind


def _index_of_the_key(indexes: list[Index], name: str, columns: tuple[str, ...]) -> Index | None:
    for index in indexes:
        if (
            index.name == name
            and index.unique
            and not index.constraint
            and index.valid
            and index.method == "btree"
            and index.predicate is None
            and not index.include
            and tuple(key.column for key in index.columns) == columns
            and all(
                key.order == "ASC" and key.nulls is None and key.opclass is None and key.collation is None
                for key in index.columns
            )
        ):
            return index
    return None


def compare_primary_keys(tables: PairedObject, actual_indexes: list[Index]) -> Index | None:
    """Returns the actual index that stands in for the primary key (legacy many-to-many, or a unique index the
    missing key's fix takes over), if any."""
    expected_table, actual_table, table = (tables.expected, tables.actual, tables.actual.name)
    column_map = tables.comparison.column_names[(actual_table.schema_name, table)]
    expected_pk, actual_pk = expected_table.primary_key, actual_table.primary_key
    legacy = None
    if expected_pk is not None and actual_pk is None:
        legacy = _legacy_many_to_many_index(tables, expected_pk, actual_indexes, column_map)
        if legacy is not None:
            tables.report_paired(
                K.LEGACY_MANY_TO_MANY,
                expected_pk,
                legacy,
                object=legacy.name,
                expected=expected_pk.name,
                actual=legacy.name,
                message=render_message(
                    K.LEGACY_MANY_TO_MANY, table=tables.shown, expected=expected_pk.name, actual=legacy.name
                ),
            )
        else:
            columns = tuple(column_map.get(column, column) for column in expected_pk.columns)
            # A unique index of the key's name on its columns (a key dropped but its index kept, or made by hand) is
            # what the fix turns into the key (ADD PRIMARY KEY USING INDEX): part of this finding, not an extra index.
            legacy = _index_of_the_key(actual_indexes, expected_pk.name, columns)
            tables.report_only_in_prisma(
                K.MISSING_PRIMARY_KEY,
                expected_pk,
                object=expected_pk.name,
                expected=list(columns),
                message=render_message(
                    K.MISSING_PRIMARY_KEY,
                    "index" if legacy is not None else "",
                    table=tables.shown,
                    columns=", ".join(columns),
                    object=expected_pk.name,
                ),
            )
    elif expected_pk is None and actual_pk is not None:
        tables.report_only_in_database(
            K.EXTRA_PRIMARY_KEY,
            actual_pk,
            object=actual_pk.name,
            actual=list(actual_pk.columns),
            message=render_message(
                K.EXTRA_PRIMARY_KEY, table=tables.shown, object=actual_pk.name, columns=", ".join(actual_pk.columns)
            ),
        )
    elif expected_pk is not None and actual_pk is not None:
        report_deferral(tables, expected_pk, actual_pk, "primary_key_deferrable")
        columns = tuple(column_map.get(column, column) for column in expected_pk.columns)
        if actual_pk.include and columns == actual_pk.columns + actual_pk.include:
            # `db pull` writes INCLUDE columns as more keys (`@@id([id, x])`), and Prisma's diff then sees no change.
            include = ", ".join(actual_pk.include)
            tables.report_paired(
                K.UNMANAGED_OBJECT,
                expected_pk,
                actual_pk,
                object=actual_pk.name,
                actual=f"PRIMARY KEY ({', '.join(actual_pk.columns)}) INCLUDE ({include})",
                message=render_message(
                    K.UNMANAGED_OBJECT,
                    "primary_key_declared",
                    table=tables.shown,
                    object=actual_pk.name,
                    details=INCLUDED_AS_KEYS.format(columns=include),
                ),
            )
        elif columns != actual_pk.columns or actual_pk.include:
            # INCLUDE columns that schema.prisma does not name as keys: Prisma's diff rebuilds the key without them.
            differences = {}
            if columns != actual_pk.columns:
                differences["columns"] = (list(columns), list(actual_pk.columns))
            if actual_pk.include:
                differences["include"] = ([], list(actual_pk.include))
            tables.report_differences(
                K.PRIMARY_KEY_MISMATCH,
                expected_pk,
                actual_pk,
                differences,
                object=actual_pk.name,
                message=render_message(K.PRIMARY_KEY_MISMATCH, table=tables.shown, details=describe_differences(differences)),
            )
        else:
            report_name_difference(
                tables,
                expected_pk.name,
                actual_pk.name,
                what="Primary key",
                columns=", ".join(columns),
                expected_object=expected_pk,
                actual_object=actual_pk,
            )
    return legacy


def report_deferral(
    tables: PairedObject, expected: PrimaryKey | Index | ForeignKey, actual: PrimaryKey | Index | ForeignKey,
    variant: str,
) -> bool:
    """One note when a paired primary key, unique constraint or foreign key is DEFERRABLE (INITIALLY DEFERRED) in
    the database and not in schema.prisma, which cannot state it (`variant`: its message). Prisma's engine does not
    read it: db pull writes a plain @id / @unique / @relation (and, for keys, a comment on the model), and its diff
    is empty. A deferrable key or unique constraint matters all the same: PostgreSQL refuses it as the arbiter of
    INSERT ... ON CONFLICT, which upsert may use. Returns whether it reported."""
    if not actual.deferrable or expected.deferrable or expected.initially_deferred:
        return False
    details = "DEFERRABLE INITIALLY DEFERRED" if actual.initially_deferred else "DEFERRABLE"
    tables.report_paired(
        K.UNMANAGED_OBJECT,
        expected,
        actual,
        object=actual.name,
        expected={"deferrable": False, "initially_deferred": False},
        actual={"deferrable": True, "initially_deferred": actual.initially_deferred},
        message=render_message(
            K.UNMANAGED_OBJECT, variant, table=tables.actual.name, object=actual.name, details=details
        ),
    )
    return True


def _legacy_many_to_many_index(
    tables: PairedObject, expected_pk: PrimaryKey, actual_indexes: list[Index], column_map: dict[str, str]
) -> Index | None:
    """Prisma 4/5 gave implicit m2m tables a unique index `_X_AB_unique` where Prisma 6 makes `_X_AB_pkey`."""
    if not tables.expected.name.startswith("_"):
        return None
    columns = tuple(column_map.get(column, column) for column in expected_pk.columns)
    for index in actual_indexes:
        if (
            index.unique
            and index.name.endswith("_unique")
            and index.predicate is None
            and tuple(key.column for key in index.columns) == columns
        ):
            return index
    return None
