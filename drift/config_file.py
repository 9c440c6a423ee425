"""Finding and reading the configuration file, without validating it (no pydantic: `drift check` reads it before the
heavy imports, to know which PostgreSQL schemas to start reading). `drift.config` validates the table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from drift.errors import BadInput

CONFIG_FILE_NAMES = ("drift.toml", "pyproject.toml")


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest drift.toml, or pyproject.toml with a [tool.drift] table, from `start` upward."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        candidate = folder / "drift.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        # Most pyproject.toml files never mention drift: those are not parsed (nor tomllib imported) at all.
        if candidate.is_file():
            data = _read_bytes(candidate)
            if b"drift" in data and "drift" in _tool(_parse_toml(candidate, data)):
                return candidate
    return None


def read_config_table(
    path: Path | str | None = None, start: Path | None = None
) -> tuple[dict[str, Any] | None, Path | None]:
    """The drift table of an explicit file, else of the nearest one found upward from `start`, and that file.
    (None, None) when there is no configuration; (None, file) for a pyproject.toml found without [tool.drift]."""
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise BadInput(f"{file}: configuration file not found.")
    else:
        found = find_config_file(start)
        if found is None:
            return None, None
        file = found
    data = _read_toml(file)
    if file.name == "pyproject.toml" or "tool" in data:
        table = _tool(data).get("drift")
        if table is None and path is not None:
            raise BadInput(f"{file}: no [tool.drift] table.")
        if table is not None and not isinstance(table, dict):
            raise BadInput(f"{file}: tool.drift must be a table ([tool.drift] with keys), not {_toml_kind(table)}.")
        return table, file
    return data, file


def _tool(data: dict[str, Any]) -> dict[str, Any]:
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def _toml_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array of tables ([[tool.drift]])" if value and all(isinstance(item, dict) for item in value) else "an array"
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}.get(type(value), "a value")


def configured_schemas(table: dict[str, Any] | None) -> tuple[str, ...] | None:
    """The table's `schemas` when it is a list of names (validation proper happens in drift.config)."""
    schemas = (table or {}).get("schemas")
    if isinstance(schemas, list) and schemas and all(isinstance(name, str) for name in schemas):
        return tuple(schemas)
    return None


def _read_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as error:
        raise BadInput(f"{file}: cannot read: {error.strerror}.") from None


def _read_toml(file: Path) -> dict[str, Any]:
    return _parse_toml(file, _read_bytes(file))


def _parse_toml(file: Path, data: bytes) -> dict[str, Any]:
    import tomllib  # only when there is a file to read (a check without configuration does not pay for it)

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BadInput(f"{file}: invalid TOML: not UTF-8 ({error.reason}).") from None
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{file}: invalid TOML: {error}.") from None
