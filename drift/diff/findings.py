"""Typed findings: what `compare_schemas` returns and what every report and fix emitter reads.

Interface (stable; the reports and fix emitters build on it):

- `FindingKind` — a str Enum. Its declaration order is the report order within a table. Kinds state facts and are
  direction-neutral: `missing_*` = only in schema.prisma (expected), `extra_*` = only in the database (actual),
  `*_mismatch` = paired object whose attributes differ.
- `Severity` — `error` > `warning` > `info`; `Severity.rank` orders them, `Severity.at_least(level)` filters.
- `Finding` — frozen pydantic model:
    kind, severity,
    schema_name — the PostgreSQL schema of the object where it exists in the database (for schema_mismatch,
      `expected` is the schema schema.prisma names and `actual` the database's),
    table — the database's table name when the table exists there (inside a renamed table pair too), the expected
      name for missing_table; None for schema-level objects (enums, extensions, extra schemas, free sequences),
    column — the database's column name (for a rename: the database's name, `rename.from_name` the expected one),
      the expected name for missing_column,
    object (index / constraint / enum / view / extension / schema name, or None; the database's name when it exists),
    expected, actual — JSON-able values (type strings, default texts, lists of names, or a dict of the attributes
      that differ: `{"on_delete": "CASCADE"}`),
    message — one sentence from `drift.diff.messages`, names in double quotes, ending with a full stop,
    prisma — the `PrismaOrigin` of the expected object (file, line, model, field); for an object only in the
      database, the origin of the model it belongs to (so a report can still point at a line); else None,
    rename — `RenameSuggestion(from_name, to, confidence, reasons)` for rename_candidate (a table when column is
      None, else a column), relation_candidate, enum_rename_candidate (object = the database's enum type) and
      enum_value_rename_candidate (object = the enum, expected/actual = the two value names);
      serialised with the key `from` (`finding.model_dump(by_alias=True)`); `from_name` is the name schema.prisma
      implies, `to` the database's name,
    expected_object / actual_object — the canonical model objects themselves (Table, Column, Index, PrimaryKey,
      ForeignKey, Enum, EnumValue, View, Extension, ...), so that fix renderers need not recompute anything:
      a missing column carries the expected `Column`, an extra index the actual `Index`, a rename both columns.
  Consequences are not repeated: index, key and foreign-key names generated from a renamed table or column are
  covered by the rename finding; a foreign key on a relation candidate's column is covered by that finding.
  `finding.identity` is a stable text key (no line numbers, no confidence) used by the baseline.
  `finding.path` is the dotted database path (`public.products.status`).
- `DriftReport` — frozen: `findings` (sorted by schema, table, kind order, column, object; a table's own rename or
  schema_mismatch last among its table's findings, so that fixes applied in report order find the table), `stale_baseline`
  (baseline identities that matched nothing), `suppressed` (how many findings a baseline accepted);
  `notes` (sentences about the whole comparison: a database without any of the tables looks like the wrong one);
  `summary` -> `{"error": n, "warning": n, "info": n}`; `failing(fail_on)` -> findings at or above the level;
  `has_failures(fail_on)`.
"""

from __future__ import annotations

import json
from enum import Enum as StrEnumBase
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field

from drift.model.schema import (
    CheckConstraint,
    Column,
    Enum,
    EnumValue,
    ExclusionConstraint,
    Extension,
    ForeignKey,
    Index,
    PrimaryKey,
    PrismaOrigin,
    Sequence,
    Table,
    Trigger,
    View,
)


class Severity(str, StrEnumBase):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def at_least(self, level: "Severity | str") -> bool:
        return self.rank >= Severity(level).rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class FindingKind(str, StrEnumBase):
    # Declaration order is report order inside a table: structure first, then details, then notes.
    MISSING_TABLE = "missing_table"
    EXTRA_TABLE = "extra_table"
    MISSING_VIEW = "missing_view"
    EXTRA_VIEW = "extra_view"
    MISSING_ENUM = "missing_enum"
    EXTRA_ENUM = "extra_enum"
    MISSING_EXTENSION = "missing_extension"
    EXTRA_EXTENSION = "extra_extension"
    # A model's table or an enum's type is in another PostgreSQL schema than its @@schema says (moved, or a wrong
    # @@schema): table = the table (object None), or object = the enum (table None); expected/actual = the schemas.
    SCHEMA_MISMATCH = "schema_mismatch"
    RENAME_CANDIDATE = "rename_candidate"
    RELATION_CANDIDATE = "relation_candidate"
    MISSING_COLUMN = "missing_column"
    EXTRA_COLUMN = "extra_column"
    TYPE_MISMATCH = "type_mismatch"
    NULLABILITY_MISMATCH = "nullability_mismatch"
    DEFAULT_MISMATCH = "default_mismatch"
    IDENTITY_MISMATCH = "identity_mismatch"
    COLUMN_MISMATCH = "column_mismatch"
    CONSTRAINT_NAME_MISMATCH = "constraint_name_mismatch"
    VIEW_MISMATCH = "view_mismatch"
    MISSING_PRIMARY_KEY = "missing_primary_key"
    EXTRA_PRIMARY_KEY = "extra_primary_key"
    PRIMARY_KEY_MISMATCH = "primary_key_mismatch"
    MISSING_INDEX = "missing_index"
    EXTRA_INDEX = "extra_index"
    INDEX_MISMATCH = "index_mismatch"
    INDEX_NAME_MISMATCH = "index_name_mismatch"
    MISSING_FOREIGN_KEY = "missing_foreign_key"
    EXTRA_FOREIGN_KEY = "extra_foreign_key"
    FOREIGN_KEY_MISMATCH = "foreign_key_mismatch"
    FK_ACTION_MISMATCH = "fk_action_mismatch"
    # A foreign key added NOT VALID and never validated: rows older than it are not checked.
    UNVALIDATED_FOREIGN_KEY = "unvalidated_foreign_key"
    ENUM_VALUE_MISSING = "enum_value_missing"
    ENUM_VALUE_EXTRA = "enum_value_extra"
    ENUM_ORDER_MISMATCH = "enum_order_mismatch"
    # Separate from rename_candidate (tables, columns) because the fixes differ: ALTER TYPE ... RENAME [VALUE],
    # @@map/@map.
    ENUM_RENAME_CANDIDATE = "enum_rename_candidate"
    ENUM_VALUE_RENAME_CANDIDATE = "enum_value_rename_candidate"
    LEGACY_MANY_TO_MANY = "legacy_many_to_many"
    TRUNCATED_NAME = "truncated_name"
    UNMANAGED_OBJECT = "unmanaged_object"

    @property
    def order(self) -> int:
        return _KIND_ORDER[self]


_KIND_ORDER = {kind: position for position, kind in enumerate(FindingKind)}

# Defaults; `DriftConfig.severity` overrides per kind. Missing structure and wrong data shape break the application
# (error); extra objects and cosmetic differences do not (warning); what Prisma cannot express is a note (info).
DEFAULT_SEVERITY: dict[FindingKind, Severity] = {
    FindingKind.MISSING_TABLE: Severity.ERROR,
    FindingKind.EXTRA_TABLE: Severity.WARNING,
    FindingKind.MISSING_VIEW: Severity.ERROR,
    FindingKind.EXTRA_VIEW: Severity.WARNING,
    FindingKind.MISSING_ENUM: Severity.ERROR,
    FindingKind.EXTRA_ENUM: Severity.WARNING,
    FindingKind.MISSING_EXTENSION: Severity.ERROR,
    FindingKind.EXTRA_EXTENSION: Severity.INFO,
    FindingKind.SCHEMA_MISMATCH: Severity.ERROR,
    FindingKind.RENAME_CANDIDATE: Severity.ERROR,
    FindingKind.RELATION_CANDIDATE: Severity.ERROR,
    FindingKind.MISSING_COLUMN: Severity.ERROR,
    FindingKind.EXTRA_COLUMN: Severity.WARNING,
    FindingKind.TYPE_MISMATCH: Severity.ERROR,
    FindingKind.NULLABILITY_MISMATCH: Severity.ERROR,
    FindingKind.DEFAULT_MISMATCH: Severity.WARNING,
    FindingKind.IDENTITY_MISMATCH: Severity.WARNING,
    FindingKind.COLUMN_MISMATCH: Severity.WARNING,
    FindingKind.CONSTRAINT_NAME_MISMATCH: Severity.WARNING,
    FindingKind.VIEW_MISMATCH: Severity.WARNING,
    FindingKind.MISSING_PRIMARY_KEY: Severity.ERROR,
    FindingKind.EXTRA_PRIMARY_KEY: Severity.WARNING,
    FindingKind.PRIMARY_KEY_MISMATCH: Severity.ERROR,
    FindingKind.MISSING_INDEX: Severity.ERROR,
    FindingKind.EXTRA_INDEX: Severity.WARNING,
    FindingKind.INDEX_MISMATCH: Severity.ERROR,
    FindingKind.INDEX_NAME_MISMATCH: Severity.WARNING,
    FindingKind.MISSING_FOREIGN_KEY: Severity.ERROR,
    FindingKind.EXTRA_FOREIGN_KEY: Severity.WARNING,
    FindingKind.FOREIGN_KEY_MISMATCH: Severity.ERROR,
    FindingKind.FK_ACTION_MISMATCH: Severity.WARNING,
    # Prisma's engine does not see it (its diff is empty), but existing rows may violate the relation.
    FindingKind.UNVALIDATED_FOREIGN_KEY: Severity.WARNING,
    FindingKind.ENUM_VALUE_MISSING: Severity.ERROR,
    FindingKind.ENUM_VALUE_EXTRA: Severity.WARNING,
    # Prisma's own diff ignores the order of enum values; it only matters to ORDER BY and < on the enum.
    FindingKind.ENUM_ORDER_MISMATCH: Severity.INFO,
    FindingKind.ENUM_RENAME_CANDIDATE: Severity.ERROR,
    FindingKind.ENUM_VALUE_RENAME_CANDIDATE: Severity.ERROR,
    FindingKind.LEGACY_MANY_TO_MANY: Severity.INFO,
    FindingKind.TRUNCATED_NAME: Severity.WARNING,
    FindingKind.UNMANAGED_OBJECT: Severity.INFO,
}

ModelObject = Union[
    Table,
    Column,
    Index,
    PrimaryKey,
    ForeignKey,
    Enum,
    EnumValue,
    View,
    Extension,
    Sequence,
    CheckConstraint,
    ExclusionConstraint,
    Trigger,
]


class _Frozen(BaseModel):
    # Validators are built on first use (a finding, a baseline), not at import: a clean check never needs them.
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


class RenameSuggestion(_Frozen):
    # `from` is a Python keyword, so the field is `from_name` and serialises as "from" with by_alias=True.
    from_name: str = Field(alias="from")
    to: str
    confidence: float = Field(ge=0.0, le=1.0)
    reasons: tuple[str, ...] = ()


class Finding(_Frozen):
    kind: FindingKind
    severity: Severity
    schema_name: str
    table: str | None = None
    column: str | None = None
    object: str | None = None
    expected: Any = None
    actual: Any = None
    message: str
    prisma: PrismaOrigin | None = None
    rename: RenameSuggestion | None = None
    expected_object: ModelObject | None = None
    actual_object: ModelObject | None = None

    @property
    def path(self) -> str:
        return ".".join(part for part in (self.schema_name, self.table, self.column or self.object) if part)

    @property
    def identity(self) -> str:
        """Stable key: kind, path, and the differing values; never line numbers or rename confidence."""
        parts: dict[str, Any] = {
            "kind": self.kind.value,
            "schema": self.schema_name,
            "table": self.table,
            "column": self.column,
            "object": self.object,
            "expected": self.expected,
            "actual": self.actual,
        }
        return json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)

    def sort_key(self) -> tuple:
        # So that a table's fixes applied in report order all find what they name: the table's own rename or move
        # comes after everything else about it, and a column's rename after the rest (every other fix names tables
        # and columns as the database has them now); a primary key replaced comes after the indexes, one of which
        # may be the unique index a foreign key re-added with the new key needs.
        order = self.kind.order
        if self.table is not None and self.kind in _TABLE_MOVES:
            order = _LAST_ORDER + 1 if self.column is None else _LAST_ORDER
        elif self.kind is FindingKind.PRIMARY_KEY_MISMATCH:
            order = _AFTER_INDEXES
        return (
            self.schema_name,
            self.table or "",
            order,
            self.column or "",
            self.object or "",
            json.dumps(self.expected, sort_keys=True, default=str),
            json.dumps(self.actual, sort_keys=True, default=str),
        )

    def with_severity(self, severity: Severity) -> "Finding":
        return self.model_copy(update={"severity": severity})


_TABLE_MOVES = frozenset({FindingKind.RENAME_CANDIDATE, FindingKind.SCHEMA_MISMATCH})
_LAST_ORDER = len(FindingKind)
_AFTER_INDEXES = FindingKind.INDEX_NAME_MISMATCH.order + 0.5


def sort_findings(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=Finding.sort_key))


class DriftReport(_Frozen):
    findings: tuple[Finding, ...] = ()
    # Baseline identities that matched no current finding: accepted drift that has since been fixed or changed.
    stale_baseline: tuple[str, ...] = ()
    # How many findings a baseline accepted (and removed from `findings`), and those findings (SARIF reports them as
    # suppressed, so that code scanning keeps their alerts instead of closing them as fixed).
    suppressed: int = 0
    accepted: tuple[Finding, ...] = ()
    # Rename pins and vetoes of the configuration that match nothing any more, one line each with the reason.
    unused_config: tuple[str, ...] = ()
    # Sentences about the comparison as a whole, e.g. that no table of schema.prisma is in the database at all.
    notes: tuple[str, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        counts = {severity.value: 0 for severity in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def failing(self, fail_on: Severity | str = Severity.ERROR) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity.at_least(fail_on))

    def has_failures(self, fail_on: Severity | str = Severity.ERROR) -> bool:
        return bool(self.failing(fail_on))

    def of_kind(self, *kinds: FindingKind | str) -> tuple[Finding, ...]:
        wanted = {FindingKind(kind) for kind in kinds}
        return tuple(finding for finding in self.findings if finding.kind in wanted)
