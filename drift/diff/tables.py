"""Tables: pair them by name (as PostgreSQL truncates it) within a schema, then the same name across schemas (a
moved table), then by rename scoring, schema by schema (one-to-one).

Fills `Comparison.table_names` and `Comparison.table_schemas`, which column pairing and foreign key translation read.
"""

from __future__ import annotations

from drift.diff.context import Comparison, PairedObject
from drift.diff.findings import FindingKind
from drift.diff.messages import moved_note, render_message, weak_note
from drift.diff.pairing import moved_pairs, pair_by_key
from drift.diff.renames import Candidate, assign_one_to_one, score_tables
from drift.diff.synonyms import SynonymTable, joined, name_words
from drift.model.names import truncate_identifier
from drift.model.schema import Table

K = FindingKind


def pair_tables(comparison: Comparison, expected: list[Table], actual: list[Table]) -> list[tuple[Table, Table]]:
    # PostgreSQL stores the first 63 bytes of a longer name; Prisma writes it in full. Same table.
    pairing = pair_by_key(expected, actual, lambda table: (table.schema_name, truncate_identifier(table.name)))
    pairs = list(pairing.pairs)
    only_expected, only_actual = pairing.only_expected, pairing.only_actual
    weak: dict[str, Candidate] = {}
    weak_actual: dict[str, Candidate] = {}
    # Table entries have no dot; a model name stands for its table.
    table_of_model = {t.origin.model: t.name for t in only_expected if t.origin is not None and t.origin.model}
    table_pins = {table_of_model.get(key, key): value for key, value in comparison.pins.items() if "." not in key}
    table_vetoes = [
        (table_of_model.get(key, key), None if value == "*" else value)
        for key, value in comparison.vetoes.items()
        if "." not in key
    ]
    # A table of the same name in another covered schema, the only one of that name on each side: moved (or its
    # @@schema is wrong). Paired before rename scoring: the same name elsewhere says more than a similar one here.
    for expected_table, actual_table in moved_pairs(only_expected, only_actual, table_vetoes):
        pairs.append((expected_table, actual_table))
        only_expected.remove(expected_table)
        only_actual.remove(actual_table)
        comparison.table_schemas[(expected_table.schema_name, expected_table.name)] = actual_table.schema_name
        PairedObject(comparison, expected_table, actual_table, table=actual_table.name).report_moved(
            "table", table=actual_table.name, model=_model_name(expected_table)
        )
    for schema in sorted({table.schema_name for table in only_expected} & {t.schema_name for t in only_actual}):
        expected_here = {table.name: table for table in only_expected if table.schema_name == schema}
        actual_here = {table.name: table for table in only_actual if table.schema_name == schema}
        scores = _TableScores(expected_here, actual_here, comparison.synonyms)
        assignment = assign_one_to_one(
            expected_here,
            actual_here,
            scores.score,
            threshold=comparison.threshold,
            pins=table_pins,
            vetoes=table_vetoes,
            shortlist=scores.same_words_pairs(),
        )
        weak.update(assignment.weak)
        weak_actual.update(assignment.weak_actual)
        for candidate in assignment.pairs:
            expected_table, actual_table = (expected_here[candidate.expected], actual_here[candidate.actual])
            pairs.append((expected_table, actual_table))
            only_expected.remove(expected_table)
            only_actual.remove(actual_table)
            PairedObject(comparison, expected_table, actual_table, table=actual_table.name).report_paired(
                K.RENAME_CANDIDATE,
                expected_table,
                actual_table,
                expected=expected_table.name,
                actual=actual_table.name,
                rename=candidate.suggestion(),
                message=render_message(
                    K.RENAME_CANDIDATE,
                    "table",
                    from_name=candidate.expected,
                    to=candidate.actual,
                    confidence=candidate.confidence,
                    reasons="; ".join(candidate.reasons),
                ),
            )
    for expected_table, actual_table in pairs:
        comparison.table_names[(expected_table.schema_name, expected_table.name)] = actual_table.name
    # A table of that name in another covered schema that could not be paired (several of that name on a side):
    # said on both findings, so that nobody runs their CREATE and DROP for it.
    schemas_of_actual = _schemas_by_name(only_actual)
    schemas_of_expected = _schemas_by_name(only_expected)
    for table in only_expected:
        elsewhere = schemas_of_actual.get(truncate_identifier(table.name), ())
        comparison.report_only_in_prisma(
            K.MISSING_TABLE,
            table,
            table=table.name,
            message=render_message(
                K.MISSING_TABLE,
                table=comparison.shown(table.schema_name, table.name),
                model=_model_name(table),
                weak=moved_note(elsewhere, "database")
                or (
                    weak_note(weak[table.name].actual, weak[table.name].confidence, "database table")
                    if table.name in weak
                    else ""
                ),
            ),
        )
    for table in only_actual:
        elsewhere = schemas_of_expected.get(truncate_identifier(table.name), ())
        comparison.report_only_in_database(
            K.EXTRA_TABLE,
            table,
            table=table.name,
            message=render_message(
                K.EXTRA_TABLE,
                table=comparison.shown(table.schema_name, table.name),
                weak=moved_note(elsewhere, "prisma")
                or (
                    weak_note(weak_actual[table.name].expected, weak_actual[table.name].confidence, "model")
                    if table.name in weak_actual
                    else ""
                ),
            ),
        )
    return pairs


def _model_name(table: Table) -> str:
    return (table.origin.model if table.origin else None) or table.name


def _schemas_by_name(tables: list[Table]) -> dict[str, list[str]]:
    schemas: dict[str, list[str]] = {}
    for table in tables:
        schemas.setdefault(truncate_identifier(table.name), []).append(table.schema_name)
    return schemas


class _TableScores:
    """Table rename scores with each table's words and column names computed once (the pairs are many)."""

    def __init__(self, expected: dict[str, Table], actual: dict[str, Table], synonyms: SynonymTable) -> None:
        self.expected, self.actual, self.synonyms = expected, actual, synonyms

    def score(self, expected_name: str, actual_name: str) -> Candidate:
        return score_tables(self.expected[expected_name], self.actual[actual_name], self.synonyms)

    def same_words_pairs(self) -> list[tuple[str, str]]:
        """`WebhookDelivery` ~ `webhook_deliveries`: pairs found by a dictionary lookup, scored before the rest."""
        by_words: dict[str, list[str]] = {}
        for name in self.actual:
            by_words.setdefault(joined(name_words(name)), []).append(name)
        pairs = []
        for name in self.expected:
            matches = by_words.get(joined(name_words(name)), [])
            if len(matches) == 1:
                pairs.append((name, matches[0]))
        return pairs
