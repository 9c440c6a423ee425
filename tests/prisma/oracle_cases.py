"""The schemas that have Prisma's own output committed beside them: corpus projects and our own cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURES

ORACLE = FIXTURES / "prisma" / "oracle"
CASES = FIXTURES / "prisma" / "cases"


def _schema_in(folder: Path) -> Path:
    return folder / "schema.prisma" if (folder / "schema.prisma").is_file() else folder / "schema"


def oracle_params() -> list:
    """(schema path, folder with format/ and dmmf.json) for corpus projects and cases; corpus ones skip if absent."""
    params = []
    for expected in sorted(path for path in ORACLE.iterdir() if path.is_dir()):
        schema = _schema_in(CORPUS / expected.name)
        marks = [] if schema.exists() else [pytest.mark.skip(reason=f"corpus schema {expected.name} is absent")]
        params.append(pytest.param(schema, expected, id=f"corpus-{expected.name}", marks=marks))
    for case in sorted(path for path in CASES.iterdir() if path.is_dir()):
        params.append(pytest.param(_schema_in(case), case, id=f"case-{case.name}"))
    return params


def relative_name(schema: Path, file: str) -> Path:
    """A schema file's path relative to its schema (the layout under format/)."""
    return Path(file).relative_to(schema) if schema.is_dir() else Path("schema.prisma")
