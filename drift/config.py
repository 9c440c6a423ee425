"""Configuration: `[tool.drift]` in pyproject.toml, or a `drift.toml`, found from the current directory upward.

```toml
[tool.drift]                      # in drift.toml the table may also be written at top level
schema = "prisma/schema.prisma"   # relative to the file that holds the configuration
schemas = ["public"]              # PostgreSQL schemas to read (default: the ones schema.prisma names)
ignore = ["audit_*", "public.legacy_*", "products.internal_*"]   # tables, schema.table, table.column (globs)
fail_on = "error"                 # error | warning | info
rename_threshold = 0.5            # below this, a rename candidate is reported as missing + extra
synonyms = [["valid_to", "expires_at"], ["is_active", "status"]]  # added to the built-in list

[tool.drift.severity]             # per finding kind
extra_index = "info"

[tool.drift.renames]              # pins: "table.column" (or "schema.table.column") = database column;
"products.is_active" = "status"   # a key without a dot pins a table; tables may be named by model and
WebhookDelivery = "webhook_deliveries"   # columns by field ("Product.isActive")

[tool.drift.forbid_renames]       # vetoes: never pair these ("*" = never rename this object at all)
"ssl_certificates.domain_id" = "domain_name"
```

A bad file or key raises `BadInput` naming the file and the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from drift.config_file import find_config_file, read_config_table
from drift.diff.findings import FindingKind, Severity
from drift.errors import BadInput

__all__ = ["DriftConfig", "default_config", "find_config_file", "load_config", "parse_config", "read_config_table"]


class DriftConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    schema_path: str | None = Field(default=None, alias="schema")
    schemas: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[FindingKind, Severity] = {}
    renames: dict[str, str] = {}
    forbid_renames: dict[str, str] = {}
    fail_on: Severity = Severity.ERROR
    rename_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    synonyms: tuple[tuple[str, ...], ...] = ()
    # The file the configuration came from (None for defaults); relative paths are resolved against its folder.
    source: Path | None = Field(default=None, exclude=True)

    @field_validator("synonyms")
    @classmethod
    def _groups_have_two_names(cls, groups: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        for group in groups:
            if len(group) < 2:
                raise ValueError("each synonym group needs at least two names")
        return groups

    @property
    def schema_file(self) -> Path | None:
        if self.schema_path is None:
            return None
        path = Path(self.schema_path)
        if self.source is not None and not path.is_absolute():
            path = self.source.parent / path
        return path

    def severity_for(self, kind: FindingKind) -> Severity | None:
        return self.severity.get(kind)


def load_config(path: Path | str | None = None, start: Path | None = None) -> DriftConfig:
    """An explicit file, else the nearest one found upward from `start` (or the current directory), else defaults."""
    table, file = read_config_table(path, start)
    return parse_config(table, file) if table is not None else default_config(file)


def default_config(file: Path | None = None) -> DriftConfig:
    """The defaults (no [tool.drift] table), built without validation: nothing to check, no validator to build."""
    return DriftConfig.model_construct(source=file)


def parse_config(table: dict[str, Any], file: Path | None = None) -> DriftConfig:
    where = str(file) if file is not None else "configuration"
    try:
        return DriftConfig.model_validate({**table, "source": file})
    except ValidationError as error:
        first = error.errors()[0]
        # pydantic marks a bad dict key with a "[key]" location part; the user only needs the key itself.
        key = ".".join(str(part) for part in first["loc"] if part != "[key]") or "(top level)"
        if first["type"] == "extra_forbidden":
            reason = "unknown key"
        else:
            reason = first["msg"]
        raise BadInput(f"{where}: key {key!r}: {reason}.") from None
