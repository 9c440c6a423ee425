"""Snapshots: the JSON that `drift snapshot` writes, so that CI can check against production without credentials."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from drift.errors import BadInput
from drift.model.schema import FORMAT_VERSION, DatabaseSchema


def write_snapshot(schema: DatabaseSchema, path: Path) -> None:
    try:
        path.write_text(schema.to_json(), encoding="utf-8")
    except OSError as error:
        raise BadInput(f'cannot write the snapshot "{path}": {error.strerror}.') from None


def read_snapshot(path: Path) -> DatabaseSchema:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise BadInput(f'cannot read the snapshot "{path}": {reason}.') from None
    return parse_snapshot(text, str(path))


def parse_snapshot(text: str, source: str = "<snapshot>") -> DatabaseSchema:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise BadInput(f'"{source}" is not a drift snapshot: invalid JSON at line {error.lineno}.') from None
    except RecursionError:
        raise BadInput(f'"{source}" is not a drift snapshot: nested too deeply.') from None
    if not isinstance(document, dict) or "format_version" not in document:
        raise BadInput(f'"{source}" is not a drift snapshot: it has no "format_version"; write one with `drift snapshot`.')
    version = document["format_version"]
    if version != FORMAT_VERSION:
        raise BadInput(
            f'"{source}" has snapshot format version {version!r}; this drift reads version {FORMAT_VERSION}. '
            "Write it again with this drift's `drift snapshot`."
        )
    try:
        return DatabaseSchema.model_validate(document)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadInput(f'"{source}" is not a valid drift snapshot: {where}: {first["msg"]}.') from None
