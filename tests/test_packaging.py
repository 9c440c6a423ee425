"""The wheel carries everything drift reads at run time: the grammar and the catalog queries."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
    )
    (built,) = out.glob("drift-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_ships_the_grammar(wheel):
    names = set(wheel.namelist())
    assert "drift/grammar/prisma.lark" in names
    assert wheel.read("drift/grammar/prisma.lark") == (ROOT / "grammar" / "prisma.lark").read_bytes()


def test_wheel_ships_the_catalog_queries(wheel):
    queries = sorted(name for name in wheel.namelist() if name.startswith("drift/postgres/") and name.endswith(".sql"))
    assert queries, "no catalog queries in the wheel"


def test_wheel_installs_a_console_script(wheel):
    entry_points = next(name for name in wheel.namelist() if name.endswith("entry_points.txt"))
    assert "drift = drift.entry:main" in wheel.read(entry_points).decode()
