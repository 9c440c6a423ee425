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


_RENDERERS = {
    ReportFormat.TEXT: "drift.emit.text",
    ReportFormat.JSON: "drift.emit.json_report",
    ReportFormat.MARKDOWN: "drift.emit.markdown",
    ReportFormat.SARIF: "drift.emit.sarif",
    ReportFormat.GITHUB: "drift.emit.github",
}


def load_renderer(format: ReportFormat | str) -> None:
    """Import the renderer of a format ahead of `render_report` (the text one brings rich: about 0.04 s), at a
    moment when the caller would otherwise wait; an unknown format is left for `render_report` to reject."""
    import importlib

    try:
        module = _RENDERERS[ReportFormat(format)]
    except ValueError:
        return
    importlib.import_module(module)


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
