"""`.env` files as Prisma's CLI reads them (dotenv with dotenv-expand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.sources.dotenv import env_file_folders, env_value, parse_env_text


def test_dotenv_lines() -> None:
    text = "\n".join(
        [
            "# a comment",
            "PLAIN=postgresql://u:p@h/db",
            "export EXPORTED=yes",
            'DOUBLE="postgresql://u:p@h/db?schema=app" # trailing comment',
            "SINGLE='literal ${PLAIN}'",
            "SPACED = value with spaces  # comment",
            'ESCAPED="a\\nb"',
            "EXPANDED=${PLAIN}&x=1",
            "FROM_ENV=$HOME_DIR/x",
            "not a line",
            "EMPTY=",
        ]
    )
    values = parse_env_text(text, {"HOME_DIR": "/home/me"})
    assert values == {
        "PLAIN": "postgresql://u:p@h/db",
        "EXPORTED": "yes",
        "DOUBLE": "postgresql://u:p@h/db?schema=app",
        "SINGLE": "literal ${PLAIN}",
        "SPACED": "value with spaces",
        "ESCAPED": "a\nb",
        "EXPANDED": "postgresql://u:p@h/db&x=1",
        "FROM_ENV": "/home/me/x",
        "EMPTY": "",
    }


def test_env_value_prefers_the_environment_then_the_nearest_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "prisma").mkdir()
    (tmp_path / "prisma" / "schema.prisma").write_text("")
    (tmp_path / ".env").write_text("A=root\nB=root\n")
    (tmp_path / "prisma" / ".env").write_text("A=schema folder\n")
    folders = env_file_folders(tmp_path, tmp_path / "prisma" / "schema.prisma")
    assert folders == [(tmp_path / "prisma").resolve(), tmp_path.resolve()]
    monkeypatch.delenv("A", raising=False)
    monkeypatch.delenv("B", raising=False)
    assert env_value("A", folders) == ("schema folder", f"A in {(tmp_path / 'prisma' / '.env').resolve()}")
    assert env_value("B", folders)[0] == "root"
    assert env_value("C", folders) is None
    monkeypatch.setenv("A", "environment")
    assert env_value("A", folders) == ("environment", "$A")
