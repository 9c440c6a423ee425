"""Whole-pipeline golden cases: every `tests/golden/<case>/` with a `database.sql` is loaded into a fresh database and
checked against its `schema.prisma` in every format; the reports must equal `report.<ext>` in that folder.

Regenerate with `DRIFT_UPDATE_GOLDEN=1 python -m pytest tests/cli/test_golden_check.py` and review the diff."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from drift.cli import app
from tests.emit.test_golden import EXTENSIONS, GOLDEN, check_golden

CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "database.sql").is_file())


@pytest.mark.parametrize("case", CASES)
def test_check_reports_match_golden(case: str, database, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = GOLDEN / case
    database.load_file(folder / "database.sql")
    monkeypatch.chdir(folder)  # paths in the reports are relative to the working directory
    for report_format, extension in EXTENSIONS.items():
        result = CliRunner().invoke(
            app,
            ["check", "--schema", "schema.prisma", "--db", database.url, "--format", report_format.value],
            # SARIF paths are relative to the repository root: the case's folder, here, wherever the suite runs
            # (a git checkout, an unpacked sdist, a GitHub Actions job).
            env={"NO_COLOR": "1", "DATABASE_URL": "", "GITHUB_WORKSPACE": str(folder)},
        )
        assert result.exit_code in (0, 1), result.stderr
        check_golden(folder / f"report.{extension}", result.stdout)
