"""What the comparators of one comparison share: the settings read from the configuration, the name maps that
earlier steps build for later ones, and the findings with the one `emit` that creates them.

`PairedObject` is the scope of findings inside a paired table, view or enum: they carry the database's name and
fall back to the Prisma origin of the container, so a report can still point at a line of schema.prisma.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any, NamedTuple

from drift.diff.findings import DEFAULT_SEVERITY, Finding, FindingKind, ModelObject, RenameSuggestion, Severity
from drift.diff.messages import render_message
from drift.diff.renames import Assignment
from drift.diff.synonyms import SynonymTable
from drift.model.names import quote_literal
from drift.model.schema import Column, DatabaseSchema, Enum, PrismaOrigin, Table, View

if TYPE_CHECKING:  # the diff depends on the model only; configuration is read through its attributes
    from drift.config import DriftConfig

DEFAULT_RENAME_THRESHOLD = 0.5
_QUOTED = re.compile(r"'((?:[^']|'')*)'")


class ColumnPairing(NamedTuple):
    same_name: list[tuple[Column, Column]]
    renamed: list[tuple[Column, Column]]
    assignment: Assignment  # the rename scoring, with the weak candidates of the columns left unpaired
    only_expected: list[Column]
    only_actual: list[Column]


class Comparison:
    def __init__(
        self,
        expected: DatabaseSchema,
        actual: DatabaseSchema,
        config: DriftConfig | None,
        *,
        partial_indexes: bool = False,
    ) -> None:
        self.expected = expected
        self.actual = actual
        # Prisma manages partial indexes (the schema enables the `partialIndexes` preview feature).
        self.partial_indexes = partial_indexes
        self.ignore: tuple[str, ...] = tuple(getattr(config, "ignore", ()) or ())
        self.severity_overrides: dict[Any, Any] = dict(getattr(config, "severity", {}) or {})
        self.threshold: float = getattr(config, "rename_threshold", DEFAULT_RENAME_THRESHOLD)
        self.synonyms = SynonymTable(getattr(config, "synonyms", ()) or ())
        self.pins: dict[str, str] = dict(getattr(config, "renames", {}) or {})
        self.vetoes: dict[str, str] = dict(getattr(config, "forbid_renames", {}) or {})
        # Configured `schemas` are the user's explicit choice of what to check; else the ones schema.prisma names.
        self.covered: set[str] = set(getattr(config, "schemas", None) or expected.schemas)
        # Messages name tables with their schema when more than one is compared (two "events" tables, say).
        self.qualified = len(self.covered) > 1
        self.findings: list[Finding] = []
        # Pins and vetoes that matched nothing (see drift/diff/config_entries.py).
        self.unused_config: tuple[str, ...] = ()
        # Sentences about the whole comparison (DriftReport.notes).
        self.notes: list[str] = []
        # (schema, expected table) -> actual table name; (schema, expected enum) -> actual enum name
        self.table_names: dict[tuple[str, str], str] = {}
        self.enum_names: dict[tuple[str, str], str] = {}
        # (schema, expected table or enum) -> the schema the database has it in, for those found in another schema
        # (schema_mismatch); every other pair is in the same schema on both sides.
        self.table_schemas: dict[tuple[str, str], str] = {}
        self.enum_schemas: dict[tuple[str, str], str] = {}
        # (schema, name) of the database's enums: a user-defined type that is none of them is one schema.prisma
        # can only name as Unsupported("...").
        self.actual_enums = actual.enum_keys()
        # (schema, expected enum) -> {expected value -> actual value}, for the enums with renamed values only.
        self.enum_value_renames: dict[tuple[str, str], dict[str, str]] = {}
        # (schema, actual table) -> {expected column -> actual column}
        self.column_names: dict[tuple[str, str], dict[str, str]] = {}
        self.renamed_columns: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
        # (schema, actual table) -> {expected column -> actual column}, renamed columns only: what translating a
        # key or an index needs (`.get(name, name)`), and empty for nearly every table.
        self.column_renames: dict[tuple[str, str], dict[str, str]] = {}
        # (schema, actual table) -> how its columns were paired, kept for the table's comparison; none when they
        # have the same names in the same order (nearly every table), each paired with the one at its place.
        self.column_pairing: dict[tuple[str, str], ColumnPairing] = {}

    def emit(
        self,
        kind: FindingKind,
        *,
        schema: str,
        message: str,
        table: str | None = None,
        column: str | None = None,
        object: str | None = None,
        expected: Any = None,
        actual: Any = None,
        prisma: PrismaOrigin | None = None,
        rename: RenameSuggestion | None = None,
        expected_object: ModelObject | None = None,
        actual_object: ModelObject | None = None,
        severity: Severity | None = None,
    ) -> None:
        """`severity`: this finding's own default where it differs from its kind's; configuration still wins."""
        if self.ignore and table is not None and object is not None:
            # Indexes and constraints: `products.legacy_*` also covers "products"."legacy_sku_idx".
            if self.is_ignored(f"{table}.{object}", f"{schema}.{table}.{object}"):
                return
        severity = Severity(self.severity_overrides.get(kind, severity or DEFAULT_SEVERITY[kind]))
        self.findings.append(
            Finding(
                kind=kind,
                severity=severity,
                schema_name=schema,
                table=table,
                column=column,
                object=object,
                expected=expected,
                actual=actual,
                message=message,
                prisma=prisma,
                rename=rename,
                expected_object=expected_object,
                actual_object=actual_object,
            )
        )

    # Schema-level objects (enums, views, extensions, sequences) found on one side only.

    def report_only_in_prisma(self, kind: FindingKind, item: Any, *, message: str, **where: Any) -> None:
        self.emit(kind, schema=item.schema_name, prisma=item.origin, expected_object=item, message=message, **where)

    def report_only_in_database(self, kind: FindingKind, item: Any, *, message: str, **where: Any) -> None:
        self.emit(kind, schema=item.schema_name, actual_object=item, message=message, **where)

    # -- what the configuration leaves out -----------------------------------------------------------------------

    def shown(self, schema: str, table: str) -> str:
        """A table as messages name it: `audit.events` when several schemas are compared, else `events`."""
        return f"{schema}.{table}" if self.qualified else table

    def is_ignored(self, *paths: str) -> bool:
        return any(fnmatchcase(path, pattern) for pattern in self.ignore for path in paths)

    def table_ignored(self, table: Table | View) -> bool:
        return self.is_ignored(table.name, f"{table.schema_name}.{table.name}")

    def enum_ignored(self, enum: Enum) -> bool:
        return self.is_ignored(enum.name, f"{enum.schema_name}.{enum.name}")

    def column_ignored(self, table: Table, column: Column) -> bool:
        return self.is_ignored(f"{table.name}.{column.name}", f"{table.schema_name}.{table.name}.{column.name}")

    # -- names translated through earlier pairings ---------------------------------------------------------------

    def expected_column_type(self, column: Column) -> tuple[str, str | None, int]:
        """(type, type schema, dimensions) with an enum type named as the database names the enum it is paired with."""
        if column.type_schema is not None:
            key = (column.type_schema, column.type)
            return (
                self.enum_names.get(key, column.type),
                self.enum_schemas.get(key, column.type_schema),
                column.dimensions,
            )
        return (column.type, None, column.dimensions)

    def expected_column_default(self, column: Column) -> str | None:
        """The default, with an enum value named as the database names the value it is paired with: PostgreSQL
        renames the value in every default too (`ALTER TYPE ... RENAME VALUE`), so that is no second difference."""
        default = column.default
        if column.type_schema is None or not self.enum_value_renames or default is None:
            return default
        renames = self.enum_value_renames.get((column.type_schema, column.type))
        if not renames:
            return default
        if len(default) > 1 and default[0] == default[-1] == "'":
            value = default[1:-1].replace("''", "'")
            return quote_literal(renames.get(value, value))
        if default.startswith("ARRAY[") and default.endswith("]"):  # the canonical `ARRAY['A','B']` of a list
            values = [value.replace("''", "'") for value in _QUOTED.findall(default)]
            if "ARRAY[" + ",".join(map(quote_literal, values)) + "]" == default:
                return "ARRAY[" + ",".join(quote_literal(renames.get(value, value)) for value in values) + "]"
        return default


class PairedObject:
    """A paired table, view or enum as the scope of the findings about what it contains."""

    __slots__ = ("actual", "comparison", "expected", "where")

    def __init__(self, comparison: Comparison, expected: Any, actual: Any, **where: str) -> None:
        self.comparison = comparison
        self.expected = expected
        self.actual = actual
        # Where its findings point: {"table": name} for a table or view, {"object": name} for an enum.
        self.where = where

    @property
    def shown(self) -> str:
        """The table as messages name it (with its schema when several are compared)."""
        return self.comparison.shown(self.actual.schema_name, self.actual.name)

    def emit(self, kind: FindingKind, *, message: str, **fields: Any) -> None:
        self.comparison.emit(kind, schema=self.actual.schema_name, message=message, **self.where, **fields)

    def report_only_in_prisma(self, kind: FindingKind, item: Any, *, message: str, **fields: Any) -> None:
        self.emit(kind, prisma=item.origin or self.expected.origin, expected_object=item, message=message, **fields)

    def report_only_in_database(self, kind: FindingKind, item: Any, *, message: str, **fields: Any) -> None:
        self.emit(kind, prisma=self.expected.origin, actual_object=item, message=message, **fields)

    def report_paired(
        self, kind: FindingKind, expected_item: Any, actual_item: Any, *, message: str, **fields: Any
    ) -> None:
        """A finding about an item found on both sides (a difference, a rename, a name)."""
        self.emit(
            kind,
            prisma=expected_item.origin or self.expected.origin,
            expected_object=expected_item,
            actual_object=actual_item,
            message=message,
            **fields,
        )

    def report_moved(self, what: str, **names: str) -> None:
        """schema_mismatch for the pair itself (`what`: "table" or "enum"): the database has it in another PostgreSQL
        schema than schema.prisma says; `names` fill the message (table and model, or enum)."""
        expected, actual = self.expected.schema_name, self.actual.schema_name
        message = render_message(FindingKind.SCHEMA_MISMATCH, what, expected=expected, actual=actual, **names)
        self.report_paired(
            FindingKind.SCHEMA_MISMATCH, self.expected, self.actual, expected=expected, actual=actual, message=message
        )

    def report_differences(
        self,
        kind: FindingKind,
        expected_item: Any,
        actual_item: Any,
        differences: dict[str, tuple[Any, Any]],
        *,
        message: str,
        **fields: Any,
    ) -> None:
        """Attribute differences, {attribute: (expected, actual)}, stated as one finding."""
        self.report_paired(
            kind,
            expected_item,
            actual_item,
            expected={name: values[0] for name, values in differences.items()},
            actual={name: values[1] for name, values in differences.items()},
            message=message,
            **fields,
        )
