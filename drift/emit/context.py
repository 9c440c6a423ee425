"""What every report needs besides the findings: where schema.prisma is, and paths shown relative to the working
directory (SARIF and GitHub annotations resolve them from the repository root, where CI runs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from drift.diff.findings import DriftReport, Finding, FindingKind
from drift.model.schema import DatabaseSchema, ForeignKey, Table

# drift.emit.fixes is imported where a fix is asked for: a check with nothing to report (most pull requests) renders
# its report without it (about 6 ms of a small check).
if TYPE_CHECKING:
    from drift.check import CheckResult
    from drift.emit.fixes import Fix, ReferencingKey


def display_path(path: str | os.PathLike[str], cwd: Path | None = None) -> str:
    """`prisma/schema.prisma` for a file under the working directory, the path as given otherwise; `/` separators."""
    given = Path(path)
    base = (cwd or Path.cwd()).resolve()
    if given.is_absolute():
        try:
            given = given.resolve().relative_to(base)
        except ValueError:
            # Outside the working directory: the resolved path, without `..` detours through the tree.
            return given.resolve().as_posix()
    return PurePosixPath(given.as_posix()).as_posix()


def _renamed_in(result: CheckResult) -> dict[tuple[str, str], Table]:
    """The expected tables of the column renames and relation candidates (by the name both sides give the table)."""
    wanted = {
        (finding.schema_name, finding.table)
        for finding in result.report.findings
        if finding.kind in (FindingKind.RENAME_CANDIDATE, FindingKind.RELATION_CANDIDATE)
        and finding.table
        and finding.column
    }
    if not wanted:
        return {}
    return {
        (table.schema_name, table.name): table
        for table in result.expected.database.tables
        if (table.schema_name, table.name) in wanted
    }


def anchor_file(schema_path: Path) -> Path:
    """The file that findings without a Prisma origin point at: the schema file itself, or for a folder of .prisma
    files its schema.prisma, else the file with the datasource, else the first by name."""
    if not schema_path.is_dir():
        return schema_path
    files = sorted(schema_path.rglob("*.prisma"))
    if not files:
        return schema_path
    for file in files:
        if file.name == "schema.prisma":
            return file
    for file in files:
        try:
            if "datasource" in file.read_text(encoding="utf-8"):
                return file
        except OSError:
            continue
    return files[0]


@dataclass(frozen=True)
class ReportContext:
    # The schema file (or folder) checked, as shown to the user; findings without a Prisma origin point here.
    schema_file: str | None = None
    cwd: Path = field(default_factory=Path.cwd)
    # (schema, table) -> Prisma model, from the expected schema, for fixes of findings that carry no origin.
    models: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # (schema, table, column) -> the database's single-column foreign key on it, for relation suggestions.
    foreign_keys: Mapping[tuple[str, str, str], ForeignKey] = field(default_factory=dict)
    # (schema, table) -> {database column: the model's field}, renamed columns included, for Prisma index edits.
    fields: Mapping[tuple[str, str], Mapping[str, str]] = field(default_factory=dict)
    # The datasource lists its PostgreSQL schemas (suggested models and enums then carry @@schema).
    multi_schema: bool = False
    # (schema, table) -> the database's nullable columns, for the optional relation fields of suggestions.
    nullable: Mapping[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    # The database's enum types (schema, name): a column of another user-defined type is suggested as Unsupported.
    enums: frozenset[tuple[str, str]] | None = None
    # (schema, table) -> the database's foreign keys that reference it, for tables whose primary key differs (its fix
    # drops and re-adds those that depend on the key).
    referencing: Mapping[tuple[str, str], tuple[ReferencingKey, ...]] = field(default_factory=dict)
    # (schema, table) -> the table as schema.prisma describes it, for tables with a column rename (the names of its
    # keys and indexes that the rename's @map would change).
    expected_tables: Mapping[tuple[str, str], Table] = field(default_factory=dict)
    # GitHub's job summary (GITHUB_STEP_SUMMARY), which the CLI appends the Markdown report to for `--format github`:
    # whether it did, and why not when it could not.
    step_summary_written: bool = False
    step_summary_problem: str | None = None

    @classmethod
    def for_check(cls, result: CheckResult, cwd: Path | None = None) -> ReportContext:
        """Everything a report of `drift check` can know: the schema file, models, fields and foreign keys."""
        base = cwd or Path.cwd()
        schema_file = display_path(anchor_file(result.schema_path), base)
        # Only tables with findings get fixes: on a large database with little drift, indexing every table's
        # fields and foreign keys would cost more than the report.
        tables = {(finding.schema_name, finding.table) for finding in result.report.findings if finding.table}
        # The datasource's `schemas = [...]`, even of one schema (several can come from nowhere else).
        multi_schema = result.expected.multi_schema
        rekeyed = {
            (finding.schema_name, finding.table)
            for finding in result.report.findings
            if finding.table
            and (
                finding.kind is FindingKind.PRIMARY_KEY_MISMATCH
                or (
                    finding.kind in (FindingKind.INDEX_MISMATCH, FindingKind.EXTRA_INDEX)
                    and getattr(finding.actual_object, "unique", False)
                )
            )
        }
        if not tables:
            return cls(schema_file=schema_file, cwd=base, multi_schema=multi_schema)
        return cls(
            schema_file=schema_file,
            cwd=base,
            multi_schema=multi_schema,
            models=models_of(result.expected.database),
            foreign_keys=foreign_keys_of(result.actual, tables),
            fields=fields_of(result.expected.database, result.report, tables),
            nullable=nullable_columns_of(result.actual, tables),
            enums=result.actual.enum_keys(),
            referencing=foreign_keys_referencing(result.actual, rekeyed),
            expected_tables=_renamed_in(result),
        )

    def fix(self, finding: Finding) -> Fix:
        from drift.emit.fixes import RelationHint, suggest_fix

        relation = None
        if finding.kind is FindingKind.RELATION_CANDIDATE and finding.table and finding.rename is not None:
            # rename.to is the database's column, whichever name the finding's `column` carries.
            key = self.foreign_keys.get((finding.schema_name, finding.table, finding.rename.to))
            if key is not None:
                target = self.models.get((key.referenced_schema, key.referenced_table))
                relation = RelationHint(foreign_key=key, target_model=target)
        table = (finding.schema_name, finding.table or "")
        return suggest_fix(
            finding,
            self.models.get(table),
            relation,
            self.fields.get(table),
            self.multi_schema,
            self.models,
            self.nullable.get(table, frozenset()),
            self.enums,
            self.referencing.get(table, ()),
            self.expected_tables.get(table),
        )

    def origin_file(self, finding: Finding) -> str | None:
        if finding.prisma is None:
            return None
        return display_path(finding.prisma.file, self.cwd)

    def location(self, finding: Finding) -> tuple[str, int, int] | None:
        """(file, line, column) of the schema.prisma line behind a finding, or None when it has no origin."""
        if finding.prisma is None:
            return None
        return display_path(finding.prisma.file, self.cwd), finding.prisma.line, finding.prisma.column


def models_of(expected: DatabaseSchema) -> dict[tuple[str, str], str]:
    """Which model each expected table comes from (tables of implicit many-to-many relations have none)."""
    return {
        (table.schema_name, table.name): table.origin.model
        for table in expected.tables
        if table.origin is not None and table.origin.model
    }


def foreign_keys_of(
    actual: DatabaseSchema, tables: set[tuple[str, str]] | None = None
) -> dict[tuple[str, str, str], ForeignKey]:
    """The database's single-column foreign keys by (schema, table, column), of `tables` only when given."""
    return {
        (table.schema_name, table.name, key.columns[0]): key
        for table in actual.tables
        if tables is None or (table.schema_name, table.name) in tables
        for key in table.foreign_keys
        if len(key.columns) == 1
    }


def foreign_keys_referencing(
    actual: DatabaseSchema, tables: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[ReferencingKey, ...]]:
    """The database's foreign keys that reference each of `tables` (from any table, the same one included)."""
    if not tables:
        return {}
    from drift.emit.fixes import ReferencingKey

    found: dict[tuple[str, str], list[ReferencingKey]] = {}
    for table in actual.tables:
        for key in table.foreign_keys:
            target = (key.referenced_schema, key.referenced_table)
            if target in tables:
                found.setdefault(target, []).append(ReferencingKey(table.schema_name, table.name, key))
    return {target: tuple(keys) for target, keys in found.items()}


def nullable_columns_of(actual: DatabaseSchema, tables: set[tuple[str, str]]) -> dict[tuple[str, str], frozenset[str]]:
    """The nullable columns of each of `tables` in the database."""
    return {
        (table.schema_name, table.name): frozenset(column.name for column in table.columns if column.nullable)
        for table in actual.tables
        if (table.schema_name, table.name) in tables
    }


def fields_of(
    expected: DatabaseSchema, report: DriftReport | None = None, tables: set[tuple[str, str]] | None = None
) -> dict[tuple[str, str], dict[str, str]]:
    """Which field of its model each database column is: the expected columns' origins, and for a column the
    report pairs by a rename, the field that expected the old name (so `@@index([type])`, not `[backupType]`).
    With `tables`, only for those (schema, table) pairs."""
    fields: dict[tuple[str, str], dict[str, str]] = {}
    for table in expected.tables:
        if tables is not None and (table.schema_name, table.name) not in tables:
            continue
        for column in table.columns:
            if column.origin is not None and column.origin.field:
                fields.setdefault((table.schema_name, table.name), {})[column.name] = column.origin.field
    for finding in report.findings if report is not None else ():
        renamed = finding.kind is FindingKind.RENAME_CANDIDATE and finding.rename and finding.table
        if renamed and finding.prisma is not None and finding.prisma.field:
            fields.setdefault((finding.schema_name, finding.table), {})[finding.rename.to] = finding.prisma.field
    return fields
