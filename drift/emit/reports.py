"""One entry point for every report format, so the CLI (and `drift demo`) never branch on the format themselves."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import Enum

from drift.diff.findings import DriftReport
from drift.emit.context import ReportContext


class ReportFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"


# Format -> (module, function): imported on first use, so a report loads only its own renderer (rich for text).
_RENDERERS = {
    ReportFormat.TEXT: ("drift.emit.text", "render_text"),
    ReportFormat.JSON: ("drift.emit.json_report", "render_json"),
    ReportFormat.MARKDOWN: ("drift.emit.markdown", "render_markdown"),
    ReportFormat.SARIF: ("drift.emit.sarif", "render_sarif"),
    ReportFormat.GITHUB: ("drift.emit.github", "render_github"),
}


def _renderer(format: ReportFormat) -> Callable[..., str]:
    module, function = _RENDERERS[format]
    return getattr(importlib.import_module(module), function)


def load_renderer(format: ReportFormat | str) -> None:
    """Import the renderer of a format ahead of `render_report` (the text one brings rich: about 0.04 s), at a
    moment when the caller would otherwise wait; an unknown format is left for `render_report` to reject."""
    try:
        chosen = ReportFormat(format)
    except ValueError:
        return
    _renderer(chosen)


def render_report(
    report: DriftReport, format: ReportFormat | str, context: ReportContext, *, color: bool = False
) -> str:
    chosen = ReportFormat(format)
    render = _renderer(chosen)
    # Only the terminal report has colour.
    return render(report, context, color=color) if chosen is ReportFormat.TEXT else render(report, context)
