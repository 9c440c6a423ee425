"""SARIF 2.1.0 for code scanning: one rule per finding kind, one result per finding, located on the schema.prisma
line behind it. A finding with no Prisma origin (an object only in the database) is located on line 1 of the
checked schema file, so that code scanning still shows it; with no schema file known it has no location.

Files are URIs relative to the repository root (`uriBaseId` `%SRCROOT%`, where code scanning resolves them; see
drift/emit/repository.py), percent-encoded; a file outside the repository is an absolute `file:///` URI."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from drift import __version__
from drift.diff.findings import DEFAULT_SEVERITY, DriftReport, Finding, FindingKind, Severity
from drift.emit.context import ReportContext
from drift.emit.repository import RepositoryPaths

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The base of every relative artifact URI: the repository root, as GitHub code scanning and SARIF viewers name it.
SOURCE_ROOT = "%SRCROOT%"


# One sentence per rule, as code scanning lists it; direction-neutral like the kinds themselves.
_RULE_DESCRIPTIONS = {
    "missing_table": "A model's table is not in the database.",
    "extra_table": "A database table has no model in schema.prisma.",
    "schema_mismatch": "A table or enum type is in another PostgreSQL schema than its @@schema says.",
    "missing_view": "A view in schema.prisma is not in the database.",
    "extra_view": "A database view has no view block in schema.prisma.",
    "missing_enum": "An enum in schema.prisma is not a type in the database.",
    "extra_enum": "A database enum type is not in schema.prisma.",
    "missing_extension": "An extension schema.prisma declares is not installed.",
    "extra_extension": "An installed extension is not declared in schema.prisma.",
    "rename_candidate": "A field's column is missing and an unknown column looks like it, renamed.",
    "relation_candidate": "A field's column is missing and a foreign-key column looks like its replacement.",
    "missing_column": "A field's column is not in the database.",
    "extra_column": "A database column has no field in schema.prisma.",
    "type_mismatch": "A column's type differs from the field's.",
    "nullability_mismatch": "A column's nullability differs from the field's.",
    "default_mismatch": "A column's default differs from the field's @default.",
    "identity_mismatch": "A column's identity setting differs.",
    "column_mismatch": "A column differs from its field in another attribute.",
    "constraint_name_mismatch": "A primary key or foreign key has another name in the database.",
    "view_mismatch": "A view's columns differ from its view block.",
    "missing_primary_key": "A model's primary key is not in the database.",
    "extra_primary_key": "A table's primary key is not in schema.prisma.",
    "primary_key_mismatch": "A primary key's columns or name differ.",
    "missing_index": "An index or unique constraint in schema.prisma is not in the database.",
    "extra_index": "A database index is not declared in schema.prisma.",
    "index_mismatch": "An index's columns, order, method or uniqueness differ.",
    "index_name_mismatch": "An index has another name in the database.",
    "missing_foreign_key": "A relation's foreign key is not in the database.",
    "extra_foreign_key": "A database foreign key has no relation in schema.prisma.",
    "foreign_key_mismatch": "A foreign key's columns or target differ from the relation's.",
    "fk_action_mismatch": "A foreign key's ON DELETE / ON UPDATE differs from the relation's.",
    "unvalidated_foreign_key": "A foreign key is NOT VALID: rows older than it were never checked against it.",
    "enum_value_missing": "An enum value in schema.prisma is not in the database type.",
    "enum_value_extra": "A database enum value is not in schema.prisma.",
    "enum_order_mismatch": "An enum's values are in another order.",
    "enum_rename_candidate": "An enum type is missing and a database type with the same values looks like it, renamed.",
    "enum_value_rename_candidate": "An enum value is missing and a database value in its place looks like it, renamed.",
    "legacy_many_to_many": "An implicit many-to-many table has the older layout.",
    "truncated_name": "A name longer than 63 bytes was truncated by PostgreSQL.",
    "unmanaged_object": "A database object Prisma cannot express (left as it is).",
}


# How to fix each kind, in both directions (the result's properties carry the suggested text: fix.sql brings the
# database to schema.prisma, fix.prisma describes the database as it is).
_RULE_HELP = {
    "missing_table": "Create the table (the suggested SQL, or the migration that creates it), or remove the model.",
    "extra_table": "Add a model for the table (the suggested model, as `prisma db pull` writes it), or drop the table "
    "if nothing uses it (destructive).",
    "schema_mismatch": "Move the table or type with ALTER TABLE / ALTER TYPE ... SET SCHEMA, or correct its @@schema.",
    "missing_view": "Create the view, or remove the view block: queries through Prisma Client fail on it.",
    "extra_view": "Add a view block for it, or leave it (Prisma leaves views it does not declare alone).",
    "missing_enum": "Create the type (CREATE TYPE ... AS ENUM), or remove the enum from schema.prisma.",
    "extra_enum": "Add the enum to schema.prisma, or drop the type if no column uses it.",
    "missing_extension": "Install the extension (CREATE EXTENSION), or remove it from the datasource's extensions.",
    "extra_extension": "Declare it in the datasource's extensions, or leave it.",
    "rename_candidate": "Rename the column to the name schema.prisma expects, or add @map with the database's name "
    "to the field (the result's properties give the pairing and its reasons).",
    "relation_candidate": "Replace the field with the relation the foreign key describes, or add the column "
    "schema.prisma expects and move the data to it.",
    "missing_column": "Add the column (ALTER TABLE ... ADD COLUMN), or remove the field.",
    "extra_column": "Add a field for the column (with @map if the names differ), or drop the column if nothing uses "
    "it (destructive).",
    "type_mismatch": "Change the column's type (the suggested SQL says what it costs: catalog only, a table rewrite, "
    "may fail, or lossy), or change the field's type or @db attribute to the database's.",
    "nullability_mismatch": "SET or DROP NOT NULL on the column (SET NOT NULL fails while NULLs remain), or add or "
    "remove the field's `?`.",
    "default_mismatch": "Set or drop the column's default, or change the field's @default.",
    "identity_mismatch": "Add or drop the column's identity, or change the field's @default.",
    "column_mismatch": "Change the column as suggested, or the field to describe it.",
    "constraint_name_mismatch": "Rename the constraint, or give the @id, @@id or @relation its name with map:.",
    "view_mismatch": "Recreate the view, or change the view block's fields to its columns.",
    "missing_primary_key": "Add the primary key, or change the model's @id / @@id.",
    "extra_primary_key": "Declare the key with @id / @@id, or drop the constraint.",
    "primary_key_mismatch": "Replace the primary key (the suggested SQL drops and re-adds the foreign keys that "
    "depend on it), or change @id / @@id to the database's.",
    "missing_index": "Create the index (CREATE INDEX CONCURRENTLY), or remove the @@index / @unique.",
    "extra_index": "Declare the index with @@index / @unique and its name in map:, or drop it if nothing needs it.",
    "index_mismatch": "Recreate the index as schema.prisma declares it, or change the @@index / @unique to the "
    "database's.",
    "index_name_mismatch": "Rename the index (ALTER INDEX ... RENAME TO), or give it its name with map:.",
    "missing_foreign_key": "Add the foreign key (NOT VALID, then VALIDATE CONSTRAINT), or change the @relation.",
    "extra_foreign_key": "Add a relation for the foreign key, or drop the constraint.",
    "foreign_key_mismatch": "Replace the foreign key, or change the @relation's fields and references.",
    "fk_action_mismatch": "Replace the foreign key with the expected ON DELETE / ON UPDATE, or change the "
    "@relation's onDelete / onUpdate.",
    "unvalidated_foreign_key": "Run ALTER TABLE ... VALIDATE CONSTRAINT (it fails on an older row that breaks the "
    "key: correct those rows first).",
    "enum_value_missing": "Add the value (ALTER TYPE ... ADD VALUE), or remove it from the enum.",
    "enum_value_extra": "Add the value to the enum, or recreate the type without it (PostgreSQL cannot drop an enum "
    "value).",
    "enum_order_mismatch": "Put the enum's values in the database's order, or recreate the type in schema.prisma's.",
    "enum_rename_candidate": "Rename the type (ALTER TYPE ... RENAME TO), or give the enum the database's name with "
    "@@map.",
    "enum_value_rename_candidate": "Rename the value (ALTER TYPE ... RENAME VALUE), or give it the database's name "
    "with @map.",
    "legacy_many_to_many": "Replace the table's unique index with the primary key Prisma 6 expects (what Prisma's "
    "upgrade migration does), or leave it until you upgrade.",
    "truncated_name": "Give the object a name of at most 63 bytes with map: in schema.prisma, or rename it in the "
    "database to the name Prisma expects.",
    "unmanaged_object": "Nothing to change: schema.prisma cannot express it; keep it in a migration's SQL.",
}

# What every rule's full description adds to its one sentence.
_RULE_CONTEXT = (
    " drift compares schema.prisma with the database it describes; \"missing\" means only in schema.prisma, "
    "\"extra\" only in the database. Each result carries both fixes in its properties: fix.sql brings the database "
    "to schema.prisma, fix.prisma describes the database as it is."
)


def _rule_name(kind: FindingKind) -> str:
    return "".join(part.capitalize() for part in kind.value.split("_"))


def _rule(kind: FindingKind) -> dict[str, Any]:
    description = _RULE_DESCRIPTIONS.get(kind.value, kind.value.replace("_", " ").capitalize() + ".")
    help_text = _RULE_HELP.get(kind.value, "Apply the suggested SQL to the database, or the suggested edit to "
                               "schema.prisma.")
    return {
        "id": kind.value,
        "name": _rule_name(kind),
        "shortDescription": {"text": description},
        "fullDescription": {"text": description + _RULE_CONTEXT},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVELS[DEFAULT_SEVERITY.get(kind, Severity.WARNING)]},
    }


def _logical_kind(finding: Finding) -> str:
    if finding.column:
        return "column"
    if finding.object:
        return "object"
    return "table" if finding.table else "schema"


def _artifact(file: str, paths: RepositoryPaths) -> dict[str, str]:
    uri, relative = paths.uri(file)
    return {"uri": uri, "uriBaseId": SOURCE_ROOT} if relative else {"uri": uri}


def _result(finding: Finding, rule_index: int, context: ReportContext, paths: RepositoryPaths) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.kind.value,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
    }
    location: dict[str, Any] = {}
    origin = context.location(finding)
    if origin is not None:
        file, line, column = origin
        location["physicalLocation"] = {
            "artifactLocation": _artifact(file, paths),
            "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
        }
    elif context.schema_file:
        location["physicalLocation"] = {
            "artifactLocation": _artifact(context.schema_file, paths),
            "region": {"startLine": 1},
        }
    location["logicalLocations"] = [{"fullyQualifiedName": finding.path, "kind": _logical_kind(finding)}]
    result["locations"] = [location]
    # Code scanning tracks an alert across commits by this; the identity never includes line numbers.
    result["partialFingerprints"] = {"driftFinding/v1": hashlib.sha256(finding.identity.encode("utf-8")).hexdigest()}
    fix = context.fix(finding)
    properties: dict[str, Any] = {"path": finding.path, "expected": finding.expected, "actual": finding.actual}
    if finding.rename is not None:
        properties["rename"] = {
            "from": finding.rename.from_name,
            "to": finding.rename.to,
            "confidence": finding.rename.confidence,
            "reasons": list(finding.rename.reasons),
        }
    properties["fix"] = {"prisma": fix.prisma, "sql": fix.sql, "destructive": fix.destructive}
    result["properties"] = properties
    return result


_ACCEPTED = {"kind": "external", "justification": "Accepted by the drift baseline (--baseline)."}


def render_sarif(report: DriftReport, context: ReportContext, *, environ: Mapping[str, str] | None = None) -> str:
    paths = RepositoryPaths.from_environment(context.cwd, environ)
    shown = (*report.findings, *report.accepted)
    kinds = sorted({finding.kind for finding in shown}, key=lambda kind: kind.order)
    rule_index = {kind: position for position, kind in enumerate(kinds)}
    run = {
        "tool": {
            "driver": {
                "name": "drift",
                "version": __version__,
                "rules": [_rule(kind) for kind in kinds],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, rule_index[finding.kind], context, paths) for finding in report.findings]
        # Accepted by a baseline: still results, marked suppressed, so that code scanning keeps their alerts (as
        # dismissed) with the same fingerprints instead of closing them as fixed.
        + [
            {**_result(finding, rule_index[finding.kind], context, paths), "suppressions": [_ACCEPTED]}
            for finding in report.accepted
        ],
    }
    if any(
        location.get("physicalLocation", {}).get("artifactLocation", {}).get("uriBaseId") == SOURCE_ROOT
        for result in run["results"]
        for location in result["locations"]
    ):
        # Left without its absolute URI (which would differ from machine to machine): code scanning takes the
        # checkout it analyses as the root.
        run["originalUriBaseIds"] = {
            SOURCE_ROOT: {
                "description": {
                    "text": "The repository root: GITHUB_WORKSPACE, else the git work tree of the schema, else the "
                    "working directory drift ran in."
                }
            }
        }
    if report.unused_config or report.notes:
        invocation: dict = {"executionSuccessful": True}
        if report.unused_config:
            # SARIF's place for problems with the tool's own configuration.
            invocation["toolConfigurationNotifications"] = [
                {"level": "warning", "message": {"text": entry}} for entry in report.unused_config
            ]
        if report.notes:
            # ... and for what the tool has to say about the run itself.
            invocation["toolExecutionNotifications"] = [
                {"level": "warning", "message": {"text": note}} for note in report.notes
            ]
        run["invocations"] = [invocation]
    document = {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
