"""The `.env` files Prisma's CLI reads, so that `drift check` finds the database where `prisma` does.

Prisma loads `.env` from the project root and from the folder of schema.prisma (commonly `prisma/`); a variable set
in the environment wins over both. Lines are `NAME=value` (an `export ` prefix allowed), values optionally quoted
('...' taken as is, "..." with \\n escapes), `#` starts a comment outside quotes, and `${NAME}` expands from the
environment or the lines read so far (as dotenv-expand does for Prisma).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")
_EXPAND = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


def env_file_folders(cwd: Path, schema_path: Path | None = None) -> list[Path]:
    """Where Prisma looks, nearest first: the schema's folder, then the project root and its prisma/ folder."""
    folders = []
    if schema_path is not None:
        folders.append(schema_path.parent if schema_path.is_file() else schema_path)
    folders += [cwd, cwd / "prisma"]
    unique: list[Path] = []
    for folder in folders:
        resolved = folder.resolve()
        if resolved not in unique:
            unique.append(resolved)
    return unique


def parse_env_text(text: str, environment: Mapping[str, str] | None = None) -> dict[str, str]:
    environment = os.environ if environment is None else environment
    values: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        name, raw = match.groups()
        if raw[:1] in ("'", '"') and raw.count(raw[0]) >= 2:
            quote = raw[0]
            value = raw[1 : raw.index(quote, 1)]
            if quote == '"':
                value = value.replace("\\n", "\n")
        else:
            value = raw.split(" #", 1)[0].strip() if not raw.startswith("#") else ""
        if not raw.startswith("'"):
            value = _EXPAND.sub(lambda m: environment.get(m[1] or m[2]) or values.get(m[1] or m[2], ""), value)
        values[name] = value
    return values


def env_value(name: str, folders: Iterable[Path]) -> tuple[str, str] | None:
    """`name` from the environment, else from the first `.env` in `folders` that sets it: (value, where)."""
    value = os.environ.get(name)
    if value:
        return value, f"${name}"
    for folder in folders:
        path = folder / ".env"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        value = parse_env_text(text).get(name)
        if value:
            return value, f"{name} in {path}"
    return None
