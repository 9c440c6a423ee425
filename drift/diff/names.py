"""Names of primary keys, indexes and foreign keys: which name Prisma would generate once the renames are accepted,
and the finding when only the name of a paired key, index or constraint differs."""

from __future__ import annotations

import re

from drift.diff.context import PairedObject
from drift.diff.findings import FindingKind, ModelObject
from drift.diff.messages import render_message
from drift.model.names import MAX_IDENTIFIER_BYTES

K = FindingKind
# Names share at least this many leading characters before a difference is read as a truncation.
_TRUNCATION_SHARED_PREFIX = 20


def database_name(tables: PairedObject, name: str) -> str:
    """The name Prisma would generate once the renames are accepted (`@@map`/`@map`): generated key, index and
    foreign key names (`{table}_{columns}_{suffix}`) follow a renamed table and renamed columns, so they are
    covered by the rename finding instead of being reported again."""
    expected_table, actual_table = tables.expected, tables.actual
    renamed = tables.comparison.renamed_columns.get((actual_table.schema_name, actual_table.name), ())
    if expected_table.name == actual_table.name and not renamed:
        return name
    prefix = expected_table.name + "_"
    if not name.startswith(prefix):
        return name
    rest = name[len(prefix) :]
    for old, new in renamed:
        rest = re.sub(rf"(?:^|(?<=_)){re.escape(old)}(?=_)", lambda _, new=new: new, rest, count=1)
    return actual_table.name + "_" + rest


def report_name_difference(
    tables: PairedObject,
    expected_name: str,
    actual_name: str,
    *,
    what: str,
    columns: str,
    expected_object: ModelObject,
    actual_object: ModelObject,
) -> None:
    translated = database_name(tables, expected_name)
    # Either spelling is fine: with the rename accepted, Prisma generates the translated name; a `map:` keeps the old.
    if actual_name in (translated, expected_name):
        return
    table = tables.actual.name
    if len(expected_name.encode("utf-8")) >= MAX_IDENTIFIER_BYTES - 3 and _looks_truncated(translated, actual_name):
        # Both names at the length PostgreSQL keeps: Prisma cut its own and PostgreSQL the one it was given. A name
        # Prisma did not have to cut was renamed (`..._surveyId_idx` to `..._surveyId_idx_old`, 56 and 60 bytes).
        kind = K.TRUNCATED_NAME
        message = render_message(kind, what=what, table=tables.shown, expected=expected_name, actual=actual_name)
    elif what == "Index":
        kind = K.INDEX_NAME_MISMATCH
        message = render_message(kind, table=tables.shown, expected=expected_name, actual=actual_name, columns=columns)
    else:
        kind = K.CONSTRAINT_NAME_MISMATCH
        message = render_message(kind, table=tables.shown, expected=expected_name, actual=actual_name)
    tables.report_paired(
        kind,
        expected_object,
        actual_object,
        object=actual_name,
        expected=expected_name,
        actual=actual_name,
        message=message,
    )


def _looks_truncated(expected: str, actual: str) -> bool:
    """The database's name is as long as PostgreSQL keeps (63 bytes, a little less when it cut inside a UTF-8
    character) and starts like the expected one: PostgreSQL cut a longer name. A shorter database name that merely
    shares a start with a 63-byte name Prisma generated was renamed, not truncated."""
    if len(actual.encode("utf-8")) < MAX_IDENTIFIER_BYTES - 3:
        return False
    shared = 0
    for left, right in zip(expected, actual):
        if left != right:
            break
        shared += 1
    return shared >= _TRUNCATION_SHARED_PREFIX
