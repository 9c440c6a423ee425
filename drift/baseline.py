"""Baseline: accepted findings, so a pull-request check fails only on new drift.

File format (JSON, sorted, reviewed in diffs like any source file):

```json
{"version": 1,
 "accepted": [{"kind": "extra_column", "schema": "public", "table": "products", "column": "legacy_code",
               "object": null, "expected": null, "actual": "text",
               "message": "Column \"products.legacy_code\" is only in the database; ..."}]}
```

An entry's identity is everything but `message` (the same fields as `Finding.identity`): no line numbers and no
rename confidence, so editing schema.prisma elsewhere does not invalidate it, while a changed value (a type that
drifted further) is new drift. `apply_baseline` removes accepted findings from a report, counts them in
`suppressed`, and lists entries that matched nothing in `stale_baseline` (their identities, JSON texts).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drift.diff.findings import DriftReport, Finding, FindingKind
from drift.errors import BadInput

BASELINE_VERSION = 1


class BaselineEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    kind: FindingKind
    schema_name: str = Field(alias="schema")
    table: str | None = None
    column: str | None = None
    object: str | None = None
    expected: Any = None
    actual: Any = None
    message: str = ""

    @property
    def identity(self) -> str:
        parts = {
            "kind": self.kind.value,
            "schema": self.schema_name,
            "table": self.table,
            "column": self.column,
            "object": self.object,
            "expected": self.expected,
            "actual": self.actual,
        }
        return json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str)

    @classmethod
    def from_finding(cls, finding: Finding) -> "BaselineEntry":
        return cls(
            kind=finding.kind,
            schema_name=finding.schema_name,
            table=finding.table,
            column=finding.column,
            object=finding.object,
            expected=finding.expected,
            actual=finding.actual,
            message=finding.message,
        )


class Baseline(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = BASELINE_VERSION
    accepted: tuple[BaselineEntry, ...] = ()


def baseline_from_report(report: DriftReport) -> Baseline:
    entries = sorted(
        (BaselineEntry.from_finding(finding) for finding in report.findings), key=lambda entry: entry.identity
    )
    return Baseline(accepted=tuple(entries))


def render_baseline(report: DriftReport) -> str:
    return _render(baseline_from_report(report))


def _render(baseline: Baseline) -> str:
    return (
        json.dumps(baseline.model_dump(mode="json", by_alias=True), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


def write_baseline(report: DriftReport, path: Path | str) -> int:
    """Write the report's findings as a baseline; how many entries it holds."""
    baseline = baseline_from_report(report)
    try:
        Path(path).write_text(_render(baseline), encoding="utf-8")
    except OSError as error:
        raise BadInput(f"{path}: cannot write the baseline: {error.strerror}.") from None
    return len(baseline.accepted)


def load_baseline(path: Path | str) -> Baseline:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise BadInput(f"{file}: cannot read the baseline: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise BadInput(f"{file}: cannot read the baseline: not UTF-8 text.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"{file}:{error.lineno}: the baseline is not valid JSON: {error.msg}.") from None
    except RecursionError:
        raise BadInput(f"{file}: not a drift baseline (nested too deeply).") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise BadInput(f'{file}: not a drift baseline (expected "version": {BASELINE_VERSION}).')
    try:
        return Baseline.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadInput(f"{file}: bad baseline entry at {where}: {first['msg']}.") from None


def apply_baseline(report: DriftReport, baseline: Baseline) -> DriftReport:
    available = Counter(entry.identity for entry in baseline.accepted)
    used: Counter[str] = Counter()
    kept, accepted = [], []
    for finding in report.findings:
        identity = finding.identity
        if used[identity] < available[identity]:
            used[identity] += 1
            accepted.append(finding)
        else:
            kept.append(finding)
    stale = tuple(entry.identity for entry in baseline.accepted if used[entry.identity] == 0)
    return report.model_copy(
        update={
            "findings": tuple(kept),
            "accepted": report.accepted + tuple(accepted),
            "suppressed": report.suppressed + len(report.findings) - len(kept),
            "stale_baseline": report.stale_baseline + stale,
        }
    )
