"""SARIF 2.1.0 for code scanning: one rule per finding kind, one result per finding, located on the schema.prisma
line behind it. A finding with no Prisma origin (an object only in the database) is located on line 1 of the
checked schema file, so that code scanning still shows it; with no schema file known it has no location."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from drift import __version__
from drift.diff.findings import DEFAULT_SEVERITY, DriftReport, Finding, FindingKind, Severity
from drift.emit.context import ReportContext

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


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


def _rule_name(kind: FindingKind) -> str:
    return "".join(part.capitalize() for part in kind.value.split("_"))


def _rule(kind: FindingKind) -> dict[str, Any]:
    return {
        "id": kind.value,
        "name": _rule_name(kind),
        "shortDescription": {
            "text": _RULE_DESCRIPTIONS.get(kind.value, kind.value.replace("_", " ").capitalize() + ".")
        },
        "defaultConfiguration": {"level": _LEVELS[DEFAULT_SEVERITY.get(kind, Severity.WARNING)]},
    }


def _logical_kind(finding: Finding) -> str:
    if finding.column:
        return "column"
    if finding.object:
        return "object"
    return "table" if finding.table else "schema"


def _result(finding: Finding, rule_index: int, context: ReportContext) -> dict[str, Any]:
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
            "artifactLocation": {"uri": file},
            "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
        }
    elif context.schema_file:
        location["physicalLocation"] = {
            "artifactLocation": {"uri": context.schema_file},
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


def render_sarif(report: DriftReport, context: ReportContext) -> str:
    kinds = sorted({finding.kind for finding in report.findings}, key=lambda kind: kind.order)
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
        "results": [_result(finding, rule_index[finding.kind], context) for finding in report.findings],
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
