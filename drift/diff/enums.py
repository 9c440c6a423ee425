"""Enums: pair them by name (as PostgreSQL truncates it), then by name in another schema (moved), then as renamed
types (the same or mostly the same values; between enums with the same values, the closer name), and compare the
values of each pair.

Fills `Comparison.enum_names`, `Comparison.enum_schemas` and `Comparison.enum_value_renames`, which the column and
view comparators read to compare enum-typed columns and their defaults.
"""

from __future__ import annotations

from functools import partial

from drift.diff.context import Comparison, PairedObject
from drift.diff.findings import FindingKind, RenameSuggestion
from drift.diff.messages import render_message
from drift.diff.pairing import moved_pairs, pair_by_key
from drift.diff.renames import Candidate, assign_one_to_one, score_names
from drift.diff.synonyms import SynonymTable
from drift.model.names import truncate_identifier
from drift.model.schema import Enum

K = FindingKind


def compare_enums(comparison: Comparison, expected: list[Enum], actual: list[Enum]) -> None:
    # PostgreSQL stores the first 63 bytes of a longer type name; Prisma writes it in full. Same enum, as for tables
    # (its columns then compare their type with the database's name, through `Comparison.enum_names`).
    pairing = pair_by_key(
        expected,
        actual,
        lambda enum: (enum.schema_name, truncate_identifier(enum.name)),
        lambda enum: (enum.schema_name, enum.name),
    )
    pairs = list(pairing.pairs)
    only_expected, only_actual = list(pairing.only_expected), list(pairing.only_actual)
    # The same name in another schema, the only one of that name on each side: moved (or a wrong @@schema); its
    # columns then compare their type with the enum where the database has it.
    for expected_enum, actual_enum in moved_pairs(only_expected, only_actual):
        only_expected.remove(expected_enum)
        only_actual.remove(actual_enum)
        comparison.enum_schemas[(expected_enum.schema_name, expected_enum.name)] = actual_enum.schema_name
        PairedObject(comparison, expected_enum, actual_enum, object=actual_enum.name).report_moved(
            "enum", enum=actual_enum.name
        )
        pairs.append((expected_enum, actual_enum))
    for expected_enum, actual_enum, candidate in _renamed(comparison, only_expected, only_actual):
        only_expected.remove(expected_enum)
        only_actual.remove(actual_enum)
        PairedObject(comparison, expected_enum, actual_enum, object=actual_enum.name).report_paired(
            K.ENUM_RENAME_CANDIDATE,
            expected_enum,
            actual_enum,
            expected=expected_enum.name,
            actual=actual_enum.name,
            rename=candidate.suggestion(),
            message=render_message(
                K.ENUM_RENAME_CANDIDATE,
                from_name=expected_enum.name,
                to=actual_enum.name,
                confidence=candidate.confidence,
                reasons="; ".join(candidate.reasons),
            ),
        )
        pairs.append((expected_enum, actual_enum))
    for expected_enum, actual_enum in pairs:
        comparison.enum_names[(expected_enum.schema_name, expected_enum.name)] = actual_enum.name
        compare_enum_values(PairedObject(comparison, expected_enum, actual_enum, object=actual_enum.name))
    for enum in only_expected:
        comparison.report_only_in_prisma(
            K.MISSING_ENUM,
            enum,
            object=enum.name,
            expected=list(enum.value_names),
            message=render_message(K.MISSING_ENUM, enum=enum.name),
        )
    for enum in only_actual:
        comparison.report_only_in_database(
            K.EXTRA_ENUM,
            enum,
            object=enum.name,
            actual=list(enum.value_names),
            message=render_message(K.EXTRA_ENUM, enum=enum.name),
        )


def _renamed(comparison: Comparison, expected: list[Enum], actual: list[Enum]) -> list[tuple[Enum, Enum, Candidate]]:
    """Enums whose type was renamed, assigned one-to-one within each PostgreSQL schema (`assign_one_to_one`)."""
    renamed = []
    for schema in sorted({enum.schema_name for enum in expected} & {enum.schema_name for enum in actual}):
        expected_here = {enum.name: enum for enum in expected if enum.schema_name == schema}
        actual_here = {enum.name: enum for enum in actual if enum.schema_name == schema}
        score = partial(_score, comparison.synonyms, expected_here, actual_here)
        assignment = assign_one_to_one(expected_here, actual_here, score, threshold=comparison.threshold)
        renamed.extend(
            (expected_here[candidate.expected], actual_here[candidate.actual], candidate)
            for candidate in assignment.pairs
        )
    return renamed


def _score(
    synonyms: SynonymTable, expected: dict[str, Enum], actual: dict[str, Enum], expected_name: str, actual_name: str
) -> Candidate:
    """The same values: 0.9; else mostly the same values (at least half of all values shared) under a similar name.
    Between enums with the same values (`Status` and `OrderStatus` often share theirs) the closer name wins."""
    expected_values, actual_values = set(expected[expected_name].value_names), set(actual[actual_name].value_names)
    common, every = expected_values & actual_values, expected_values | actual_values
    if not every or len(common) * 2 < len(every):
        return Candidate(expected_name, actual_name, 0.0, ())
    name_score, name_reasons = score_names(expected_name, actual_name, synonyms)
    if common == every:
        return Candidate(expected_name, actual_name, 0.9, ("same values", *name_reasons), closeness=name_score)
    confidence = round(min(0.6 * len(common) / len(every) + 0.4 * name_score, 0.89), 2)
    reasons = (f"{len(common)} of {len(every)} values in common", *name_reasons)
    return Candidate(expected_name, actual_name, confidence, reasons, closeness=name_score)


def compare_enum_values(enums: PairedObject) -> None:
    expected, actual = enums.expected, enums.actual
    values = pair_by_key(expected.values, actual.values, lambda value: value.name)
    # A value missing at the very place where the database has an unknown one was renamed
    # (`ALTER TYPE ... RENAME VALUE`, or `@map` forgotten in schema.prisma): one finding, not two.
    expected_places = {value.name: place for place, value in enumerate(expected.values)}
    actual_at = {place: value for place, value in enumerate(actual.values)}
    renamed: dict[str, str] = {}
    for value in list(values.only_expected):
        other = actual_at.get(expected_places[value.name])
        if other is None or other not in values.only_actual:
            continue
        values.only_expected.remove(value)
        values.only_actual.remove(other)
        renamed[value.name] = other.name
        reasons = (f"same place in the enum (value {expected_places[value.name] + 1})",)
        enums.report_paired(
            K.ENUM_VALUE_RENAME_CANDIDATE,
            value,
            other,
            expected=value.name,
            actual=other.name,
            rename=RenameSuggestion(from_name=value.name, to=other.name, confidence=0.7, reasons=reasons),
            message=render_message(
                K.ENUM_VALUE_RENAME_CANDIDATE,
                enum=actual.name,
                from_name=value.name,
                to=other.name,
                confidence=0.7,
                reasons=reasons[0],
            ),
        )
    for value in values.only_expected:
        enums.report_only_in_prisma(
            K.ENUM_VALUE_MISSING,
            value,
            expected=value.name,
            message=render_message(K.ENUM_VALUE_MISSING, enum=actual.name, value=value.name),
        )
    for value in values.only_actual:
        enums.report_only_in_database(
            K.ENUM_VALUE_EXTRA,
            value,
            actual=value.name,
            message=render_message(K.ENUM_VALUE_EXTRA, enum=actual.name, value=value.name),
        )
    if renamed:
        enums.comparison.enum_value_renames[(expected.schema_name, expected.name)] = renamed
    expected_order = tuple(renamed.get(name, name) for name in expected.value_names)
    if not values.only_expected and not values.only_actual and expected_order != actual.value_names:
        enums.report_paired(
            K.ENUM_ORDER_MISMATCH,
            expected,
            actual,
            expected=list(expected.value_names),
            actual=list(actual.value_names),
            message=render_message(
                K.ENUM_ORDER_MISMATCH,
                enum=actual.name,
                expected=", ".join(expected.value_names),
                actual=", ".join(actual.value_names),
            ),
        )
