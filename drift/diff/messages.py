"""Every finding message, in one place: one sentence, names in double quotes, a full stop, a hint where cheap.

Templates are keyed by kind (and a variant where one kind says different things). Placeholders are filled by
`render_message`; values that are names are quoted by the template itself.
"""

from __future__ import annotations

from typing import Any

from drift.diff.findings import FindingKind

K = FindingKind

# The detail of an index's or a primary key's note when schema.prisma lists its INCLUDE columns as keys.
INCLUDED_AS_KEYS = (
    "INCLUDE ({columns}), which schema.prisma cannot state (it lists them as keys, as db pull writes them)"
)

TEMPLATES: dict[tuple[FindingKind, str], str] = {
    (
        K.MISSING_TABLE,
        "",
    ): 'Table "{table}" is only in schema.prisma (model "{model}"); the database has no such table{weak}.',
    (K.EXTRA_TABLE, ""): 'Table "{table}" is only in the database; schema.prisma has no model for it{weak}.',
    (K.SCHEMA_MISMATCH, "table"): (
        'Table "{table}" is in schema "{actual}" in the database; schema.prisma puts it (model "{model}") in schema '
        '"{expected}": moved, or a @@schema to correct.'
    ),
    (K.SCHEMA_MISMATCH, "enum"): (
        'Enum type "{enum}" is in schema "{actual}" in the database; schema.prisma puts it in schema "{expected}": '
        "moved, or a @@schema to correct."
    ),
    (K.MISSING_VIEW, ""): 'View "{view}" is only in schema.prisma; the database has no such view.',
    (K.EXTRA_VIEW, ""): 'View "{view}" is only in the database; schema.prisma has no view block for it.',
    (K.UNMANAGED_OBJECT, "view"): (
        'View "{view}" is in the database; schema.prisma describes no views (view blocks, the views preview '
        "feature), and Prisma leaves views as they are."
    ),
    (K.UNMANAGED_OBJECT, "materialized_view"): (
        'Materialized view "{view}" is in the database; schema.prisma cannot describe one (view blocks are plain '
        "views), and Prisma leaves it as it is."
    ),
    (K.VIEW_MISMATCH, ""): 'View "{view}" differs in its columns: {details}.',
    (K.MISSING_ENUM, ""): 'Enum "{enum}" is only in schema.prisma; the database has no such type.',
    (K.EXTRA_ENUM, ""): 'Enum type "{enum}" is only in the database; schema.prisma has no enum for it.',
    (
        K.MISSING_EXTENSION,
        "",
    ): 'Extension "{extension}" is declared in schema.prisma but not installed in the database.',
    (K.EXTRA_EXTENSION, ""): 'Extension "{extension}" is installed in the database but not declared in schema.prisma.',
    (K.RENAME_CANDIDATE, "column"): (
        'Column "{table}.{from_name}" in schema.prisma is probably "{to}" in the database '
        "(confidence {confidence:.2f}: {reasons}){also}."
    ),
    (K.RENAME_CANDIDATE, "table"): (
        'Table "{from_name}" in schema.prisma is probably "{to}" in the database '
        "(confidence {confidence:.2f}: {reasons})."
    ),
    (K.ENUM_RENAME_CANDIDATE, ""): (
        'Enum "{from_name}" in schema.prisma is probably type "{to}" in the database '
        "(confidence {confidence:.2f}: {reasons})."
    ),
    (K.ENUM_VALUE_RENAME_CANDIDATE, ""): (
        'Value "{from_name}" of enum "{enum}" in schema.prisma is probably "{to}" in the database '
        "(confidence {confidence:.2f}: {reasons})."
    ),
    (K.RELATION_CANDIDATE, ""): (
        'Column "{table}.{from_name}" in schema.prisma probably corresponds to "{to}" in the database, a relation '
        "(confidence {confidence:.2f}: {reasons}){also}."
    ),
    (
        K.MISSING_COLUMN,
        "",
    ): 'Column "{table}.{column}" is only in schema.prisma; the database has no such column{weak}.',
    (K.EXTRA_COLUMN, ""): 'Column "{table}.{column}" is only in the database; schema.prisma has no field for it{weak}.',
    (K.EXTRA_COLUMN, "required"): (
        'Column "{table}.{column}" is only in the database and is NOT NULL without a default, so inserts through '
        "Prisma Client fail; schema.prisma has no field for it{weak}."
    ),
    (
        K.TYPE_MISMATCH,
        "",
    ): 'Column "{table}.{column}" has type {actual} in the database but schema.prisma expects {expected}.',
    (K.NULLABILITY_MISMATCH, ""): (
        'Column "{table}.{column}" is {actual} in the database but schema.prisma expects {expected}.'
    ),
    (K.DEFAULT_MISMATCH, ""): (
        'Column "{table}.{column}" has default {actual} in the database but schema.prisma expects {expected}.'
    ),
    (K.IDENTITY_MISMATCH, ""): (
        'Column "{table}.{column}" has identity {actual} in the database but schema.prisma expects {expected}.'
    ),
    (K.COLUMN_MISMATCH, ""): 'Column "{table}.{column}" differs: {details}.',
    (K.CONSTRAINT_NAME_MISMATCH, ""): (
        'Constraint "{actual}" on "{table}" is named "{expected}" in schema.prisma; only the name differs.'
    ),
    (
        K.MISSING_PRIMARY_KEY,
        "",
    ): 'Table "{table}" has no primary key in the database; schema.prisma expects ({columns}).',
    (K.MISSING_PRIMARY_KEY, "index"): (
        'Table "{table}" has no primary key in the database; schema.prisma expects ({columns}), and the unique index'
        ' "{object}" on those columns can become it.'
    ),
    (
        K.EXTRA_PRIMARY_KEY,
        "",
    ): 'Table "{table}" has primary key "{object}" ({columns}) that schema.prisma does not declare.',
    (K.PRIMARY_KEY_MISMATCH, ""): 'Primary key of "{table}" differs: {details}.',
    (K.MISSING_INDEX, ""): 'Index "{object}" on "{table}" ({columns}) is only in schema.prisma.',
    (K.EXTRA_INDEX, ""): (
        'Index "{object}" on "{table}" ({columns}) is only in the database; '
        "schema.prisma has no @@index or @unique for it."
    ),
    (K.EXTRA_INDEX, "duplicate"): (
        'Index "{object}" on "{table}" ({columns}) is only in the database and duplicates "{twin}", '
        "which schema.prisma declares; one of the two is enough."
    ),
    (K.INDEX_MISMATCH, ""): 'Index "{object}" on "{table}" differs: {details}.',
    (K.INDEX_MISMATCH, "invalid"): (
        'Index "{object}" on "{table}" is INVALID in the database (what a failed CREATE INDEX CONCURRENTLY leaves): '
        "queries do not use it, though writes still maintain it."
    ),
    (K.INDEX_NAME_MISMATCH, ""): (
        'Index "{actual}" on "{table}" ({columns}) is named "{expected}" in schema.prisma; only the name differs.'
    ),
    (K.MISSING_FOREIGN_KEY, ""): (
        'Foreign key "{object}" ({columns}) -> "{target}" is only in schema.prisma; the database does not enforce it.'
    ),
    (K.EXTRA_FOREIGN_KEY, ""): (
        'Foreign key "{object}" ({columns}) -> "{target}" is only in the database; '
        "schema.prisma has no relation for it."
    ),
    (K.EXTRA_FOREIGN_KEY, "duplicate"): (
        'Foreign key "{object}" ({columns}) -> "{target}" is only in the database and duplicates "{twin}", which '
        "schema.prisma declares (the same columns, target and actions); one of the two is enough."
    ),
    (K.FOREIGN_KEY_MISMATCH, ""): 'Foreign key "{object}" on "{table}" differs: {details}.',
    (K.UNVALIDATED_FOREIGN_KEY, ""): (
        'Foreign key "{object}" on "{table}" is NOT VALID in the database: rows that existed when it was added have '
        "never been checked against it."
    ),
    (K.UNMANAGED_OBJECT, "foreign_key_declared"): (
        'Foreign key "{object}" on "{table}" is declared in schema.prisma, and in the database it is {details}, '
        "which schema.prisma cannot state; Prisma leaves that as is."
    ),
    (K.FK_ACTION_MISMATCH, ""): 'Foreign key "{object}" on "{table}" has different referential actions: {details}.',
    (K.ENUM_VALUE_MISSING, ""): 'Enum "{enum}" lacks value "{value}" in the database; schema.prisma declares it.',
    (K.ENUM_VALUE_EXTRA, ""): 'Enum "{enum}" has value "{value}" in the database that schema.prisma does not declare.',
    (
        K.ENUM_ORDER_MISMATCH,
        "",
    ): 'Enum "{enum}" lists its values in another order in the database ({actual}) than schema.prisma ({expected}).',
    (K.LEGACY_MANY_TO_MANY, ""): (
        'Implicit many-to-many table "{table}" has the unique index "{actual}" that Prisma 4/5 created where Prisma 6 '
        'expects primary key "{expected}"; the data is the same (run "prisma migrate dev" once to convert it).'
    ),
    (K.TRUNCATED_NAME, ""): (
        '{what} "{actual}" on "{table}" is the same object as "{expected}" in schema.prisma, '
        "but the name exceeded 63 bytes and was truncated differently (PostgreSQL cuts the end, Prisma keeps the "
        "suffix)."
    ),
    (
        K.UNMANAGED_OBJECT,
        "check",
    ): 'Check constraint "{object}" on "{table}" is not expressible in schema.prisma; left as is.',
    (
        K.UNMANAGED_OBJECT,
        "exclusion",
    ): 'Exclusion constraint "{object}" on "{table}" is not expressible in schema.prisma; left as is.',
    (K.UNMANAGED_OBJECT, "trigger"): 'Trigger "{object}" on "{table}" is not expressible in schema.prisma; left as is.',
    (
        K.UNMANAGED_OBJECT,
        "index",
    ): 'Index "{object}" on "{table}" ({detail}) is not expressible in schema.prisma; left as is.',
    (K.UNMANAGED_OBJECT, "partial_index"): (
        'Index "{object}" on "{table}" ({columns}) is partial (WHERE {predicate}); schema.prisma states an index\'s '
        "condition only with the partialIndexes preview feature, and Prisma leaves this one as is."
    ),
    (K.UNMANAGED_OBJECT, "primary_key_declared"): (
        'Primary key "{object}" on "{table}" is declared in schema.prisma, and in the database it has {details}; '
        "Prisma leaves that as is."
    ),
    (K.UNMANAGED_OBJECT, "index_declared"): (
        'Index "{object}" on "{table}" is declared in schema.prisma, and in the database it is {details}; '
        "Prisma leaves that as is."
    ),
    # {details}: DEFERRABLE, or DEFERRABLE INITIALLY DEFERRED.
    (K.UNMANAGED_OBJECT, "primary_key_deferrable"): (
        'Primary key "{object}" on "{table}" is {details} in the database, which schema.prisma cannot state; '
        "PostgreSQL does not accept it as an ON CONFLICT arbiter (Prisma's upsert), and Prisma leaves it as is."
    ),
    (K.UNMANAGED_OBJECT, "unique_deferrable"): (
        'Unique constraint "{object}" on "{table}" is {details} in the database, which schema.prisma cannot state; '
        "PostgreSQL does not accept it as an ON CONFLICT arbiter (Prisma's upsert), and Prisma leaves it as is."
    ),
    (
        K.UNMANAGED_OBJECT,
        "schema",
    ): 'Schema "{object}" is in the database but not in schema.prisma\'s schemas; its objects are not checked.',
    (
        K.UNMANAGED_OBJECT,
        "sequence",
    ): 'Sequence "{object}" is not owned by a column and not expressible in schema.prisma; left as is.',
    (K.UNMANAGED_OBJECT, "table"): 'Table "{table}" is {detail}, which schema.prisma cannot express; left as is.',
    (
        K.UNMANAGED_OBJECT,
        "generated",
    ): 'Column "{table}.{column}" is a generated column ({detail}), which schema.prisma cannot express; left as is.',
    (
        K.UNMANAGED_OBJECT,
        "collation",
    ): 'Column "{table}.{column}" has the collation "{detail}", which schema.prisma cannot express; left as is.',
    (K.UNMANAGED_OBJECT, "domain"): (
        'Column "{table}.{column}" is of the domain "{detail}" in the database, compared as its base type; '
        "schema.prisma cannot state a domain (nor its checks), and Prisma leaves it as is."
    ),
}


def render_message(kind: FindingKind, variant: str = "", **values: Any) -> str:
    return TEMPLATES[(kind, variant)].format(
        **{name: _visible(value) if isinstance(value, str) else value for name, value in values.items()}
    )


# Control characters a value may hold (a default such as E'a\x01', a name with a newline) would print as nothing, or
# break the message's line: they are written as escapes, so that two values that differ look different.
_CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(32), 127)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def _visible(text: str) -> str:
    return text.translate(_CONTROL_ESCAPES) if not text.isprintable() else text


def describe_differences(differences: dict[str, tuple[Any, Any]]) -> str:
    """`{"on_delete": ("CASCADE", "RESTRICT")}` -> `on_delete is RESTRICT in the database, CASCADE in schema.prisma`."""
    return "; ".join(
        f"{name} is {_show(actual)} in the database, {_show(expected)} in schema.prisma"
        for name, (expected, actual) in differences.items()
    )


def weak_note(name: str, confidence: float, what: str) -> str:
    """The `{weak}` part of a one-sided finding: the closest candidate that scored below the rename threshold."""
    return f' (the closest {what}, "{name}", is only a weak rename candidate at confidence {confidence:.2f})'


def moved_note(schemas: list[str] | tuple[str, ...], side: str) -> str:
    """The `{weak}` part of a one-sided table finding when the other side has a table of that name in another
    PostgreSQL schema (`side`: "database" on a missing table, "prisma" on an extra one); "" when it has none."""
    if not schemas:
        return ""
    listed = ", ".join(f'"{schema}"' for schema in sorted(schemas))
    where = (
        f" in this schema (it has one of that name in schema {listed}"
        if side == "database"
        else f" (schema.prisma puts one of that name in schema {listed}"
    )
    return f"{where}: moved with ALTER TABLE ... SET SCHEMA, or a @@schema to correct; not to create and drop)"


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_show(item) for item in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_show(item)}" for key, item in value.items() if item is not None) + "}"
    return _visible(str(value))
