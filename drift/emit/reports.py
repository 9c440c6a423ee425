"""One entry point for every report format, so the CLI (and `drift demo`) never branch on the format themselves."""

from __future__ import annotations

from enum import Enum

from drift.diff.findings import DriftReport
from drift.emit.context import ReportContext


class ReportFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"


def render_report(
    report: DriftReport, format: ReportFormat | str, context: ReportContext, *, color: bool = False
) -> str:
    chosen = ReportFormat(format)
    if chosen is ReportFormat.TEXT:
        from drift.emit.text import render_text

        return render_text(report, context, color=color)
    if chosen is ReportFormat.JSON:
        from drift.emit.json_report import render_json

        return render_json(report, context)
    if chosen is ReportFormat.MARKDOWN:
        from drift.emit.markdown import render_markdown

        return render_markdown(report, context)
    if chosen is ReportFormat.SARIF:
        from drift.emit.sarif import render_sarif

        return render_sarif(report, context)
    from drift.emit.github import render_github

    return render_github(report, context)
