"""Every corpus project through `drift check`: a database from Prisma's own SQL passes (exit 0), and every report
format renders its findings (notes about objects Prisma cannot express), the SARIF one valid against the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from drift.check import CheckOptions, run_check
from drift.cli import app
from drift.emit.context import ReportContext
from drift.emit.reports import ReportFormat, render_report
from tests.conftest import corpus_projects, corpus_schema_path, requires_corpus

SARIF_SCHEMA = json.loads((Path(__file__).parent.parent / "emit" / "sarif-schema-2.1.0.json").read_text())


@requires_corpus
@pytest.mark.parametrize("project", corpus_projects(), ids=lambda project: project.name)
def test_corpus_project_checks_clean_in_every_format(project: Path, database) -> None:
    if (project / "before.sql").is_file():
        database.load_file(project / "before.sql")
    database.load_file(project / "prisma.sql")
    schema = corpus_schema_path(project)
    result = CliRunner().invoke(app, ["check", "--schema", str(schema), "--db", database.url], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("0 errors, 0 warnings, ")

    check = run_check(CheckOptions(schema=schema, db=database.url))
    context = ReportContext.for_check(check, project)
    for report_format in ReportFormat:
        rendered = render_report(check.report, report_format, context)
        assert rendered.endswith("\n")
    sarif = json.loads(render_report(check.report, ReportFormat.SARIF, context))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    for result_entry in sarif["runs"][0]["results"]:
        uri = result_entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert (project / uri).is_file(), uri
