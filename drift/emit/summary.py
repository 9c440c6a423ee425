"""The counting and naming every report shares: the summary line, table groups, stale baseline counts.
(Kept apart from the text report so that the other formats do not import rich.)"""

from __future__ import annotations

from drift.diff.findings import DriftReport, Finding


def summary_line(report: DriftReport) -> str:
    counts = report.summary
    errors, warnings = counts["error"], counts["warning"]
    return (
        f"{errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}, "
        f"{counts['info']} info"
    )


def unused_config_count(report: DriftReport) -> str:
    count = len(report.unused_config)
    return f"{count} configuration {'entry' if count == 1 else 'entries'} matching nothing"


def stale_count(report: DriftReport) -> str:
    count = len(report.stale_baseline)
    return f"{count} stale baseline {'entry' if count == 1 else 'entries'}"


def group_title(finding: Finding) -> str:
    """`public.products` for table findings, `public` for schema-level ones (enums, extensions)."""
    return f"{finding.schema_name}.{finding.table}" if finding.table else f"{finding.schema_name} (schema level)"


def group_key(finding: Finding) -> tuple[str, str]:
    return (finding.schema_name, finding.table or "")
