"""The JSON report: versioned, stable key order, deterministic (documented in the README).

{"version": 1, "summary": {"error", "warning", "info"}, "accepted_by_baseline", "findings": [{"kind", "severity",
"schema", "table", "column",
"object", "expected", "actual", "message", "prisma": {"file", "line", "model", "field"} | null,
"rename": {"from", "to", "confidence", "reasons"} | null, "fix": {"prisma", "sql"}}], "stale_baseline": [...],
"unused_config": [...]}

The JSON Schema beside this module (`json_report.schema.json`) is the contract; tests validate against it.
"""

from __future__ import annotations

import json
from typing import Any

from drift.diff.findings import DriftReport, Finding
from drift.emit.context import ReportContext

JSON_REPORT_VERSION = 1


def finding_to_json(finding: Finding, context: ReportContext) -> dict[str, Any]:
    fix = context.fix(finding)
    prisma = None
    if finding.prisma is not None:
        prisma = {
            "file": context.origin_file(finding),
            "line": finding.prisma.line,
            "model": finding.prisma.model,
            "field": finding.prisma.field,
        }
    rename = None
    if finding.rename is not None:
        rename = {
            "from": finding.rename.from_name,
            "to": finding.rename.to,
            "confidence": finding.rename.confidence,
            "reasons": list(finding.rename.reasons),
        }
    return {
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "schema": finding.schema_name,
        "table": finding.table,
        "column": finding.column,
        "object": finding.object,
        "expected": finding.expected,
        "actual": finding.actual,
        "message": finding.message,
        "prisma": prisma,
        "rename": rename,
        "fix": {"prisma": fix.prisma, "sql": fix.sql},
    }


def stale_entry(identity: str) -> Any:
    """A stale baseline identity as the object it encodes (identities are JSON texts), else the text itself."""
    try:
        return json.loads(identity)
    except ValueError:
        return identity


def render_json(report: DriftReport, context: ReportContext) -> str:
    document = {
        "version": JSON_REPORT_VERSION,
        "summary": report.summary,
        "accepted_by_baseline": report.suppressed,
        "findings": [finding_to_json(finding, context) for finding in report.findings],
        "stale_baseline": [stale_entry(identity) for identity in report.stale_baseline],
        "unused_config": list(report.unused_config),
        "notes": list(report.notes),
    }
    # default=str: expected/actual are JSON-able by contract; anything else still prints instead of crashing.
    return json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n"
