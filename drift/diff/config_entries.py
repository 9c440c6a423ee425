"""Rename pins and vetoes from the configuration that no longer say anything about the compared schemas.

A pin (`[tool.drift.renames]`) that names a field schema.prisma no longer has, or a database column that is gone,
or a rename that has since been applied (both sides now use the same name), is kept by nobody on purpose: it would
silently stop working or, worse, pair the wrong columns the day a column of that name comes back. The same holds for
vetoes (`[tool.drift.forbid_renames]`). Each such entry is reported once, with the reason, next to the findings
(`DriftReport.unused_config`); it never changes the exit code, like a stale baseline entry.
"""

from __future__ import annotations

from drift.diff.context import Comparison
from drift.model.schema import Table

PINS = "renames"
VETOES = "forbid_renames"
NEVER = "*"


def unused_config_entries(
    comparison: Comparison, table_pairs: list[tuple[Table, Table]], expected_tables: list[Table]
) -> tuple[str, ...]:
    """One line per pin or veto that matches nothing, in the configuration's order (pins first)."""
    paired = {id(expected): actual for expected, actual in table_pairs}
    unused = []
    for section, entries in ((PINS, comparison.pins), (VETOES, comparison.vetoes)):
        for key, value in entries.items():
            reason = _why_unused(comparison, section, key, value, expected_tables, paired)
            if reason is not None:
                unused.append(f'{section}: "{key}" = "{value}": {reason}')
    return tuple(unused)


def _why_unused(
    comparison: Comparison,
    section: str,
    key: str,
    value: str,
    expected_tables: list[Table],
    paired: dict[int, Table],
) -> str | None:
    parts = key.split(".")
    if len(parts) == 1:
        return _table_entry(comparison, section, key, value, expected_tables, paired)
    if len(parts) not in (2, 3):
        return "expected `table`, `table.column` or `schema.table.column`"
    schema = parts[0] if len(parts) == 3 else None
    table_name, column_name = parts[-2], parts[-1]
    tables = [
        table
        for table in expected_tables
        if _names_table(table, table_name, paired.get(id(table))) and schema in (None, table.schema_name)
    ]
    if not tables:
        return _no_table(comparison, ".".join(parts[:-1]), table_name)
    for table in tables:
        column = next((c for c in table.columns if column_name in (c.name, c.origin and c.origin.field)), None)
        if column is None:
            continue
        actual_table = paired.get(id(table))
        if actual_table is None:
            return f"table {table.name} is not in the database"
        return _column_entry(comparison, section, column.name, value, actual_table)
    first = tables[0]
    owner = first.origin.model if first.origin is not None and first.origin.model else first.name
    return f"{owner} has no field or column {column_name}"


def _no_table(comparison: Comparison, written: str, name: str) -> str:
    everywhere = comparison.expected.tables
    if any(name in (table.name, table.origin.model if table.origin else None) for table in everywhere):
        return f"{written} is ignored by the configuration or outside the checked schemas"
    return f"schema.prisma has no model or table {written}"


def _names_table(table: Table, name: str, actual: Table | None) -> bool:
    model = table.origin.model if table.origin is not None else None
    return name in (table.name, model) or (actual is not None and actual.name == name)


def _table_entry(
    comparison: Comparison, section: str, key: str, value: str, expected_tables: list[Table], paired: dict[int, Table]
) -> str | None:
    table = next((t for t in expected_tables if key in (t.name, t.origin.model if t.origin else None)), None)
    if table is None:
        return _no_table(comparison, key, key)
    actual = paired.get(id(table))
    if section == PINS:
        if actual is not None and actual.name == table.name:
            return "the database table already has that name; the pin is no longer needed"
        if actual is None or actual.name != value:
            return f"the database has no table {value} to pair with"
        return None
    # A veto is a lasting policy ("never pair these"): it is stale only when what it names is gone.
    return None


def _column_entry(comparison: Comparison, section: str, column: str, value: str, actual_table: Table) -> str | None:
    actual_columns = {c.name for c in actual_table.columns}
    mapped = comparison.column_names.get((actual_table.schema_name, actual_table.name), {}).get(column)
    if section == PINS:
        if mapped == column:
            return "the database column already has that name; the pin is no longer needed"
        if value not in actual_columns:
            return f"the database table {actual_table.name} has no column {value}"
        return None
    # A veto is a lasting policy ("never pair these"): it is stale only when what it names is gone.
    if value != NEVER and value not in actual_columns:
        return f"the database table {actual_table.name} has no column {value}"
    return None
