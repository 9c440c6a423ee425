"""Pairing: small generic helpers (keyed match, moved between schemas), and attribute-level differences of two paired
objects."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from drift.model.names import truncate_identifier
from drift.model.schema import Enum, Table

T = TypeVar("T")
M = TypeVar("M", Table, Enum)


@dataclass
class Pairing(Generic[T]):
    pairs: list[tuple[T, T]] = field(default_factory=list)
    only_expected: list[T] = field(default_factory=list)
    only_actual: list[T] = field(default_factory=list)


def pair_by_key(
    expected: Iterable[T],
    actual: Iterable[T],
    expected_key: Callable[[T], Hashable],
    actual_key: Callable[[T], Hashable] | None = None,
) -> Pairing[T]:
    """Match items whose keys are equal; duplicates pair in order. Keeps each side's order."""
    actual_key = actual_key or expected_key
    waiting: dict[Hashable, list[T]] = {}
    actual_list = list(actual)
    for item in actual_list:
        waiting.setdefault(actual_key(item), []).append(item)
    result: Pairing[T] = Pairing()
    paired_actual: set[int] = set()
    for item in expected:
        bucket = waiting.get(expected_key(item))
        if bucket:
            match = bucket.pop(0)
            paired_actual.add(id(match))
            result.pairs.append((item, match))
        else:
            result.only_expected.append(item)
    if len(paired_actual) < len(actual_list):  # else every actual item is paired (the common case)
        result.only_actual = [item for item in actual_list if id(item) not in paired_actual]
    return result


def differing_attributes(
    expected: BaseModel, actual: BaseModel, exclude: Iterable[str] = ("origin", "position")
) -> dict[str, tuple[Any, Any]]:
    """Top-level attributes whose values differ, as JSON-able (expected, actual), in field order.

    Equality of the frozen models is checked first, so deepdiff only runs on the few pairs that differ.
    """
    excluded = set(exclude)
    fields = [name for name in type(expected).model_fields if name not in excluded]
    if all(getattr(expected, name) == getattr(actual, name) for name in fields):
        return {}
    from deepdiff import DeepDiff  # imported here: ~0.15 s of start-up that a check without drift never needs

    left = expected.model_dump(mode="json", include=set(fields))
    right = actual.model_dump(mode="json", include=set(fields))
    delta = DeepDiff(left, right, ignore_order=False, view="tree")
    changed: set[str] = set()
    for report in delta.values():
        for level in report:
            path = level.path(output_format="list")
            if path:
                changed.add(str(path[0]))
    return {name: (left[name], right[name]) for name in fields if name in changed}


def moved_pairs(expected: list[M], actual: list[M], vetoes: Iterable[tuple[str, str | None]] = ()) -> list[tuple[M, M]]:
    """Unpaired tables or enums with the same name (as PostgreSQL truncates it) in different schemas, the only one of
    that name on each side: moved, or a wrong @@schema. A veto of the name (`"Model" = "*"`, or naming the database's
    object) keeps it apart. Two in the same schema are never a move (a pairing by name should have paired them)."""
    by_name: dict[str, tuple[list[M], list[M]]] = {}
    for side, objects in enumerate((expected, actual)):
        for item in objects:
            by_name.setdefault(truncate_identifier(item.name), ([], []))[side].append(item)
    moved = []
    for expected_here, actual_here in by_name.values():
        if len(expected_here) == 1 and len(actual_here) == 1:
            expected_item, actual_item = expected_here[0], actual_here[0]
            if expected_item.schema_name == actual_item.schema_name:
                continue
            if not any(name == expected_item.name and target in (None, actual_item.name) for name, target in vetoes):
                moved.append((expected_item, actual_item))
    return moved
