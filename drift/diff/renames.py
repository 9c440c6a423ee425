"""Rename detection: score unpaired expected objects against unpaired actual ones, then assign one-to-one.

A score is a confidence in 0..1 with human-readable reasons. The name carries most of the weight (same words in
another spelling, known synonyms, one name's words inside the other's, a shared stem, edit distance); the
attributes (type, nullability, default, position, foreign-key target) decide between close names and keep two
unrelated columns of the same type apart. A column whose words name the table the other column's foreign key
points at (`product_code` vs `product_id -> products`) is a relation candidate rather than a plain rename.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from drift.diff.findings import RenameSuggestion
from drift.diff.synonyms import (
    GENERIC_WORDS,
    IDENTIFIER_WORDS,
    MEANING_WORDS,
    TIME_WORDS,
    SynonymTable,
    joined,
    name_words,
)
from drift.model.normalize import BARE_CHAR, CATALOG_VECTOR_TYPES, type_identity
from drift.model.schema import Column, ForeignKey, Table

# Scoring every unpaired expected object against every unpaired actual one is quadratic; beyond this many pairs
# (two unrelated schemas, say) only the shortlist is tried and the rest is reported as missing and extra.
MAX_SCORED_PAIRS = 250_000
# Below this a candidate is not even mentioned as a weak one.
WEAK_CANDIDATE_FLOOR = 0.3

_NAME_WEIGHT = 0.7
_TYPE_WEIGHT = 0.12
_NULLABLE_WEIGHT = 0.06
_DEFAULT_WEIGHT = 0.06
_POSITION_WEIGHT = 0.06
# Both columns hold the same place in their table's primary key: `id` renamed to `uuid` or `id_old` shares no
# meaningful word, but a key column is rarely dropped and replaced by an unrelated one in the same migration.
_KEY_BONUS = 0.15
# Both columns hold the same place in an index or foreign key of the same name whose other columns are the same:
# renaming a column keeps what is built on it, names included (`accounts_handle_idx` on "username"); dropping it
# drops them, and a new index under the old name on another column is rare: with the attributes alike, one such
# object is enough for a rename (`Token_token_key` on "secret": 0.34 + 0.25). More for two or more.
_SHARED_OBJECT_BONUS = 0.25
_SHARED_OBJECTS_BONUS = 0.35
# Both columns reference the same table: a foreign key that follows the column is kept by a rename.
_SAME_TARGET_BONUS = 0.15
# One column references a table the other one names with key words only (`product_code` vs `product_id ->
# products`): a relation candidate, at least this confident.
_RELATION_FLOOR = 0.5
_RELATION_BONUS = 0.25
# ... and when the other column names that table with other words (`user_agent`, `user_count` where `user_id`
# referenced users): it holds something about those rows, not a key of them, and the shared word that pairs the names
# is the table's name. Counts against the pair, beside the meaning penalty below.
_NOT_A_KEY_PENALTY = 0.1
# A word that changes what the column holds (MEANING_WORDS: `notes` -> `notes_count`, `deleted_at` -> `deleted_by`)
# where the names share a word: the shared word alone scores 0.55..0.7, which equal nullability and defaults lifted
# over the threshold (`ticket_id` -> `ticket_count`, both integer NOT NULL: 0.71 before the penalty). The penalty takes
# such a pair below it; renames that keep the words' meaning (same words, synonyms) are not touched, a name inside
# the other one with alike attributes (0.75 and more) still pairs, and so does an index or foreign key kept.
_MEANING_PENALTY = 0.2
# The same with types of different families (a count in place of a text, an actor in place of a timestamp): the
# new word and the new type tell the same story.
_MEANING_AND_TYPE_PENALTY = 0.25
# One name's words are abbreviations of the other's (`amt` ~ `amount`, `desc` ~ `description`, `addr` ~ `address`)
# and the types are alike: scored as close as a name inside the other; spelling alone scored them 0.4..0.45.
_ABBREVIATION_SCORE = 0.7
# An abbreviation keeps at least this many letters (`no`, `id` say too little) and starts as the word does.
_ABBREVIATION_MIN_LETTERS = 3
_VOWELS = frozenset("aeiou")

_TYPE_FAMILIES = {
    "text": "text",
    "character varying": "text",
    "character": "text",
    "citext": "text",
    "smallint": "number",
    "integer": "number",
    "bigint": "number",
    "numeric": "number",
    "real": "number",
    "double precision": "number",
    "money": "number",
    "timestamp": "time",
    "date": "time",
    "time": "time",
    "json": "json",
    "jsonb": "json",
}


@dataclass(frozen=True)
class Candidate:
    expected: str
    actual: str
    confidence: float
    reasons: tuple[str, ...]
    # True when the match rests on a foreign key's target table rather than on the name alone.
    relation: bool = False
    pinned: bool = False
    # Between candidates of equal confidence the closer one wins before the names' order decides (enums with the
    # same values: the one with the closer name); 0 where confidence says it all.
    closeness: float = 0.0

    def suggestion(self) -> RenameSuggestion:
        """As a finding states it."""
        return RenameSuggestion(
            from_name=self.expected, to=self.actual, confidence=self.confidence, reasons=self.reasons
        )


@dataclass
class Assignment:
    pairs: list[Candidate] = field(default_factory=list)
    # Best below-threshold candidate for an expected name left unpaired, to mention in its "missing" message.
    weak: dict[str, Candidate] = field(default_factory=dict)
    weak_actual: dict[str, Candidate] = field(default_factory=dict)


def _alike(left: str, right: str) -> float:
    """How alike two spellings are, 0..1, the same whichever comes first (SequenceMatcher's ratio is not: "aa0" ~
    "b10a" is 0.29 one way and 0.57 the other, which made a check and its mirror pair different columns)."""
    return max(SequenceMatcher(None, left, right).ratio(), SequenceMatcher(None, right, left).ratio())


def score_names(
    expected: str, actual: str, synonyms: SynonymTable, context_words: Iterable[str] = ()
) -> tuple[float, list[str]]:
    """How alike two names are, 0..1, and why. `context_words`: words of the table name (`backup` in backups)."""
    left, right = name_words(expected), name_words(actual)
    if not left or not right:
        return 0.0, []
    if left == right:
        return 1.0, [f'same words in another spelling ("{expected}" ~ "{actual}")']
    if synonyms.same(left, right):
        return 0.9, [f'known synonyms ("{expected}" ~ "{actual}")']
    # Sets, not sequences: the score must not depend on which side is "expected" (repeated words count once).
    shared = sorted(set(left) & set(right))
    left_rest = tuple(word for word in left if word not in right)
    right_rest = tuple(word for word in right if word not in left)
    meaningful_shared = [word for word in shared if word not in GENERIC_WORDS]
    if meaningful_shared and synonyms.same(left_rest, right_rest):
        return 0.85, [
            f'shared "{joined(meaningful_shared)}" and known synonyms "{joined(left_rest)}" ~ "{joined(right_rest)}"'
        ]
    if not left_rest or not right_rest:
        inner, outer, extra = (expected, actual, right_rest) if not left_rest else (actual, expected, left_rest)
        context = set(context_words)
        if extra and all(word in context for word in extra):
            return 0.8, [f'"{inner}" is "{outer}" without the table name prefix']
        if meaningful_shared:
            return 0.7, [f'the words of "{inner}" are part of "{outer}"']
    if synonyms.same(left_rest, right_rest) and left_rest and right_rest:
        return 0.7, [f'known synonyms "{joined(left_rest)}" ~ "{joined(right_rest)}"']
    # `type` vs `backup_kind` in table backups: synonyms once the table's own name is set aside.
    context = set(context_words)
    left_bare = tuple(word for word in left_rest if word not in context)
    right_bare = tuple(word for word in right_rest if word not in context)
    if (left_bare, right_bare) != (left_rest, right_rest) and synonyms.same(left_bare, right_bare):
        return 0.75, [f'known synonyms "{joined(left_bare)}" ~ "{joined(right_bare)}" besides the table name']
    edit = _alike(joined(left), joined(right))
    spelling = 0.6 * edit + 0.2 if edit >= 0.75 else 0.0
    if meaningful_shared:
        overlap = len(shared) / len(set(left) | set(right))
        stem = max(0.55 + 0.2 * overlap, 0.6 * edit)
        reasons = [f'shared stem "{joined(meaningful_shared)}"']
        # The words they do not share spelled alike (a typo, a plural, an abbreviation): as close as names that
        # are spelled alike without sharing a word, or `BillingAddress` would be closer to `shipping_addresss` (four
        # letters apart) than to `billing_addresss` (one). A shared word alone (`product_code` ~ `product_id`) does
        # not make the rest alike.
        if spelling > stem and left_rest and right_rest:
            rest = _alike(joined(left_rest), joined(right_rest))
            if rest >= 0.75:
                reasons.append(f'the other words spelled alike ("{joined(left_rest)}" ~ "{joined(right_rest)}")')
                return spelling, reasons
        return stem, reasons
    if spelling:
        return spelling, [f'similar spelling ("{expected}" ~ "{actual}")']
    return 0.6 * edit * 0.5, []


def same_type(
    expected_type: tuple[str, str | None, int], actual: Column, actual_enums: frozenset[tuple[str, str]]
) -> bool:
    """(type, type schema, dimensions) of an expected column against an actual column: the same type, spelled
    alike or not (`timestamp(6)` is `timestamp`: see `type_identity`). `actual_enums`: the database's enums, (schema,
    name), which `Unsupported("...")` does not name."""
    if expected_type == (actual.type, actual.type_schema, actual.dimensions):
        return True
    name, schema, dimensions = expected_type
    if name == BARE_CHAR and actual.type == '"char"' and schema is None and dimensions == actual.dimensions:
        return True  # `@db.Char` is what db pull writes for the one-byte "char" (`@db.Char(1)` is character(1) only)
    if name in CATALOG_VECTOR_TYPES and (name, schema, dimensions) == (actual.type, actual.type_schema, 1) and (
        actual.dimensions == 0
    ):
        return True  # `Unsupported("int2vector")[]` is what db pull writes for an int2vector column
    if (
        actual.type_schema is not None
        and schema in (None, actual.type_schema)
        and dimensions == actual.dimensions
        and actual.type.startswith(name + "(")
    ):
        # An extension's type without its modifier: db pull writes `Unsupported("vector")` for a vector(3) column
        # (and halfvec(2), sparsevec(5)...), and Prisma's diff sees no change there. A modifier written is compared.
        # Without a schema (no `schema:` declared for its extension), wherever the type lives.
        return True
    if schema is None and dimensions == actual.dimensions:
        # Only `Unsupported("...")` names a user-defined type without its schema: db pull writes a composite or range
        # type by its bare name (`Unsupported("addr")`, `Unsupported("_addr")[]`), wherever it lives, and a list of
        # a domain by the domain's array type (a single value of a domain by the domain's base type, as it is read).
        if actual.type_schema is not None and name == actual.type and (actual.type_schema, name) not in actual_enums:
            return True
        if dimensions and name == actual.domain:
            return True
    return (
        schema is None
        and actual.type_schema is None
        and dimensions == actual.dimensions
        and type_identity(name) == type_identity(actual.type)
    )


def _type_family(column: Column) -> str:
    base = column.type.split("(")[0].strip()
    if column.type_schema is not None:
        return "user:" + column.type
    for prefix, family in _TYPE_FAMILIES.items():
        if base == prefix or base.startswith(prefix + " "):
            return family
    return base


def _describe_type(column: Column) -> str:
    return column.type + "[]" * column.dimensions


def score_columns(
    expected: Column,
    actual: Column,
    synonyms: SynonymTable,
    *,
    expected_table: Table,
    actual_table: Table,
    expected_fk_targets: dict[str, str],
    actual_fk_targets: dict[str, str],
    actual_enums: frozenset[tuple[str, str]],
) -> Candidate:
    """`*_fk_targets`: column name -> referenced table name (expected names translated to database names);
    `actual_enums`: the database's enum types (see `same_type`)."""
    context = set(name_words(actual_table.name)) | set(name_words(expected_table.name))
    name_score, reasons = score_names(expected.name, actual.name, synonyms, context)
    type_reasons = []
    attributes = 0.0
    types_alike = True
    if same_type((expected.type, expected.type_schema, expected.dimensions), actual, actual_enums):
        attributes += _TYPE_WEIGHT
        type_reasons.append(f"same type {_describe_type(actual)}")
    elif _type_family(expected) == _type_family(actual) and expected.dimensions == actual.dimensions:
        attributes += _TYPE_WEIGHT / 2
        type_reasons.append(f"compatible types {_describe_type(expected)} and {_describe_type(actual)}")
    else:
        types_alike = False
    if name_score < _ABBREVIATION_SCORE and types_alike:
        abbreviations = _abbreviations(expected.name, actual.name)
        if abbreviations:
            name_score = _ABBREVIATION_SCORE
            reasons = [
                "abbreviated: " + ", ".join(f'"{short}" for "{long}"' for short, long in abbreviations)
            ]
    reasons += type_reasons
    if expected.nullable == actual.nullable:
        attributes += _NULLABLE_WEIGHT
        reasons.append("both nullable" if actual.nullable else "both NOT NULL")
    if expected.default == actual.default:
        attributes += _DEFAULT_WEIGHT
        if actual.default is not None:
            reasons.append(f"same default {actual.default}")
    if expected.position and actual.position:
        distance = abs(expected.position - actual.position)
        closeness = max(0.0, 1.0 - distance / 5)
        attributes += _POSITION_WEIGHT * closeness
        if distance <= 1:
            reasons.append(f"same place in the table (position {expected.position} vs {actual.position})")
    confidence = _NAME_WEIGHT * name_score + attributes
    key_place = _key_place(expected_table, expected.name)
    if key_place is not None and key_place == _key_place(actual_table, actual.name):
        confidence += _KEY_BONUS
        reasons.append("both the primary key" if key_place[1] == 1 else "the same place in the primary key")

    shared = _shared_objects(expected_table, expected.name, actual_table, actual.name)
    if shared:
        confidence += _SHARED_OBJECT_BONUS if len(shared) == 1 else _SHARED_OBJECTS_BONUS
        quoted = [f'"{name}"' for name in shared]
        names = " and ".join(quoted) if len(quoted) <= 2 else f"{quoted[0]}, {quoted[1]} and {len(quoted) - 2} more"
        reasons.append(f"in {names} on both sides (same name, same place)")

    relation = False
    expected_target = expected_fk_targets.get(expected.name)
    actual_target = actual_fk_targets.get(actual.name)
    if expected_target is not None and expected_target == actual_target:
        confidence += _SAME_TARGET_BONUS
        reasons.append(f'both reference "{actual_target}"')
    elif (expected_target is None) != (actual_target is None):
        target = actual_target or expected_target
        assert target is not None
        holder, other = (actual, expected) if actual_target else (expected, actual)
        target_words = set(name_words(target)) - GENERIC_WORDS
        other_words = name_words(other.name)
        # `product_code` names a key of products; `user_count` and `user_agent` name the table and something else.
        key_words = [word for word in other_words if word not in target_words]
        if target_words and target_words <= set(other_words) and all(word in IDENTIFIER_WORDS for word in key_words):
            relation = True
            confidence = max(confidence, _RELATION_FLOOR) + _RELATION_BONUS
            reasons.insert(0, f'"{holder.name}" references "{target}", which "{other.name}" names')
        elif target_words and target_words <= set(other_words):
            confidence -= _NOT_A_KEY_PENALTY
            others = [word for word in key_words if word not in IDENTIFIER_WORDS]
            reasons.append(
                f'"{holder.name}" references "{target}", which "{other.name}" names with '
                + ", ".join(f'"{word}"' for word in others)
                + ", not a key"
            )
    if not relation:
        changed = _meaning_changes(expected.name, actual.name, synonyms, context, types_alike=types_alike)
        if changed:
            confidence -= _MEANING_PENALTY if types_alike else _MEANING_AND_TYPE_PENALTY
            reason = changed
            if not types_alike:
                reason = (
                    f"type is {_describe_type(actual)} in the database, {_describe_type(expected)} in schema.prisma; "
                    + changed
                )
            reasons.append(reason)
    confidence = min(max(confidence, 0.0), 1.0)
    return Candidate(expected.name, actual.name, round(confidence, 2), tuple(reasons), relation=relation)


def _meaning_changes(
    expected: str, actual: str, synonyms: SynonymTable, context: set[str], *, types_alike: bool
) -> str:
    """How the names differ by words that change what a column holds (MEANING_WORDS; TIME_WORDS where the types are
    not alike), as a reason: `"count" added to the name`; empty when they do not, or when the pairing does not rest
    on a shared word (same words, synonyms, or nothing meaningful shared)."""
    left, right = name_words(expected), name_words(actual)
    if left == right or synonyms.same(left, right):
        return ""
    if not (set(left) & set(right)) - GENERIC_WORDS:
        return ""
    left_rest = tuple(word for word in left if word not in right)
    right_rest = tuple(word for word in right if word not in left)
    left_bare = tuple(word for word in left_rest if word not in context)
    right_bare = tuple(word for word in right_rest if word not in context)
    if synonyms.same(left_rest, right_rest) or synonyms.same(left_bare, right_bare):
        return ""

    def changing(words: tuple[str, ...]) -> list[str]:
        return [word for word in words if word in MEANING_WORDS or (word in TIME_WORDS and not types_alike)]

    dropped, added = changing(left_bare), changing(right_bare)

    def quoted(words: list[str]) -> str:
        return ", ".join(f'"{word}"' for word in words)

    if dropped and added:
        return f"{quoted(added)} in place of {quoted(dropped)} in the name"
    if added:
        return f"{quoted(added)} added to the name"
    if dropped:
        return f"{quoted(dropped)} not in the database's name"
    return ""


def _abbreviations(expected: str, actual: str) -> list[tuple[str, str]]:
    """(short, long) for each word where the two names differ, when each is an abbreviation of the other name's word
    in the same place (`discount_amt` ~ `discount_amount`: [("amt", "amount")]); empty otherwise."""
    left, right = name_words(expected), name_words(actual)
    left_rest = [word for word in left if word not in right]
    right_rest = [word for word in right if word not in left]
    if not left_rest or len(left_rest) != len(right_rest):
        return []
    found = []
    for one, other in zip(left_rest, right_rest):
        short, long = sorted((one, other), key=len)
        if not _abbreviates(short, long):
            return []
        found.append((short, long))
    return found


def _abbreviates(short: str, long: str) -> bool:
    """`desc` for `description`, `addr` for `address`: a prefix ending in a consonant (`name` is a word of its own,
    not `namespace` cut short); `amt` for `amount`, `qty` for `quantity`: the first letter, then consonants only, in
    order (`name` is not `nickname`)."""
    if len(short) < _ABBREVIATION_MIN_LETTERS or len(short) >= len(long) or not short.isalpha():
        return False
    if long.startswith(short):
        return short[-1] not in _VOWELS
    if short[0] != long[0] or any(letter in _VOWELS for letter in short[1:]):
        return False
    letters = iter(long[1:])
    return all(letter in letters for letter in short[1:])


def _shared_objects(expected_table: Table, expected: str, actual_table: Table, actual: str) -> list[str]:
    """The names of the indexes and foreign keys found under the same name on both tables, with `expected` in the
    expected one where the actual one has `actual`, and the same columns elsewhere."""
    holding = {key: columns for key, columns in _keyed_columns(expected_table) if expected in columns}
    if not holding:  # most columns: scored against every candidate, so nothing more is built for them
        return []
    actual_objects = dict(_keyed_columns(actual_table))
    shared = []
    for key, columns in holding.items():
        other = actual_objects.get(key)
        if other is None or len(other) != len(columns):
            continue
        places = list(zip(columns, other))
        if (expected, actual) in places and all(left == right or (left, right) == (expected, actual) for left, right in places):
            shared.append(key[1])
    return shared


def _keyed_columns(table: Table) -> Iterator[tuple[tuple[str, str], tuple[str | None, ...]]]:
    """((kind, name), column names (None for an expression)) of the table's indexes and foreign keys."""
    for index in table.indexes:
        yield ("index", index.name), tuple(part.column for part in index.columns)
    for key in table.foreign_keys:
        yield ("foreign key", key.name), key.columns


def _key_place(table: Table, column: str) -> tuple[int, int] | None:
    """(the column's place in the table's primary key, the key's length), None when it is not a key column."""
    key = table.primary_key
    if key is None or column not in key.columns:
        return None
    return key.columns.index(column), len(key.columns)


def score_tables(expected: Table, actual: Table, synonyms: SynonymTable) -> Candidate:
    name_score, reasons = score_names(expected.name, actual.name, synonyms)
    expected_columns = {joined(name_words(column.name)) for column in expected.columns}
    actual_columns = {joined(name_words(column.name)) for column in actual.columns}
    overlap = 0.0
    if expected_columns or actual_columns:
        common = expected_columns & actual_columns
        overlap = len(common) / max(len(expected_columns), len(actual_columns))
        if common:
            reasons.append(f"{len(common)} of {max(len(expected_columns), len(actual_columns))} columns in common")
    confidence = 0.6 * name_score + 0.4 * overlap
    # A renamed table keeps its key's and indexes' names ("Order_pkey" on "activities"); index names are unique in a
    # schema, so the table that holds the ones schema.prisma expects of a model is that model's table.
    shared = sorted(_index_names(expected) & _index_names(actual))
    if shared:
        confidence += _SHARED_OBJECT_BONUS if len(shared) == 1 else _SHARED_OBJECTS_BONUS
        quoted = [f'"{name}"' for name in shared]
        names = " and ".join(quoted) if len(quoted) <= 2 else f"{quoted[0]}, {quoted[1]} and {len(quoted) - 2} more"
        reasons.append(f"its key and indexes keep their names ({names})")
    return Candidate(expected.name, actual.name, round(min(confidence, 1.0), 2), tuple(reasons))


def _index_names(table: Table) -> set[str]:
    """The names of the table's primary key and indexes (unique in their schema, unlike foreign keys' names)."""
    names = {index.name for index in table.indexes}
    if table.primary_key is not None and table.primary_key.name:
        names.add(table.primary_key.name)
    return names


def assign_one_to_one(
    expected_names: Iterable[str],
    actual_names: Iterable[str],
    score: Callable[[str, str], Candidate],
    *,
    threshold: float,
    pins: dict[str, str] | None = None,
    vetoes: Iterable[tuple[str, str | None]] = (),
    shortlist: Iterable[tuple[str, str]] = (),
) -> Assignment:
    """Greedy by confidence (ties broken by names, so the result is deterministic); pins first; vetoes never pair.

    `vetoes`: (expected, actual) pairs, actual None meaning "never rename this expected object".
    `shortlist`: obvious pairs found cheaply (same words); each is taken if it scores above the threshold, before
    the all-pairs scoring, which is skipped when it would exceed MAX_SCORED_PAIRS.
    """
    expected_left = sorted(expected_names)
    actual_left = sorted(actual_names)
    assignment = Assignment()
    for expected_name, actual_name in sorted((pins or {}).items()):
        if expected_name in expected_left and actual_name in actual_left:
            scored = score(expected_name, actual_name)
            assignment.pairs.append(
                Candidate(
                    expected_name,
                    actual_name,
                    1.0,
                    ("pinned in configuration", *scored.reasons),
                    relation=scored.relation,
                    pinned=True,
                )
            )
            expected_left.remove(expected_name)
            actual_left.remove(actual_name)
    vetoed = set(vetoes)
    for expected_name, actual_name in sorted(shortlist):
        if expected_name not in expected_left or actual_name not in actual_left:
            continue
        if (expected_name, actual_name) in vetoed or (expected_name, None) in vetoed:
            continue
        candidate = score(expected_name, actual_name)
        if candidate.confidence >= threshold:
            assignment.pairs.append(candidate)
            expected_left.remove(expected_name)
            actual_left.remove(actual_name)
    if len(expected_left) * len(actual_left) > MAX_SCORED_PAIRS:
        assignment.pairs.sort(key=lambda candidate: candidate.expected)
        return assignment
    candidates = [
        score(expected_name, actual_name)
        for expected_name in expected_left
        for actual_name in actual_left
        if (expected_name, actual_name) not in vetoed and (expected_name, None) not in vetoed
    ]
    # Ties are broken by closeness, then by the two names regardless of side, so comparing in the other direction
    # pairs the same.
    candidates.sort(
        key=lambda candidate: (
            -candidate.confidence,
            -candidate.closeness,
            min(candidate.expected, candidate.actual),
            max(candidate.expected, candidate.actual),
        )
    )
    taken_expected: set[str] = set()
    taken_actual: set[str] = set()
    for candidate in candidates:
        if candidate.confidence < threshold:
            break
        if candidate.expected in taken_expected or candidate.actual in taken_actual:
            continue
        assignment.pairs.append(candidate)
        taken_expected.add(candidate.expected)
        taken_actual.add(candidate.actual)
    for candidate in candidates:
        if candidate.confidence < WEAK_CANDIDATE_FLOOR:
            break
        if candidate.expected in taken_expected or candidate.actual in taken_actual:
            continue
        assignment.weak.setdefault(candidate.expected, candidate)
        assignment.weak_actual.setdefault(candidate.actual, candidate)
    assignment.pairs.sort(key=lambda candidate: candidate.expected)
    return assignment


def foreign_key_targets(
    foreign_keys: Iterable[ForeignKey], table_names: dict[str, str] | None = None
) -> dict[str, str]:
    """Single-column foreign keys: column -> referenced table (mapped through `table_names` when given)."""
    targets: dict[str, str] = {}
    for foreign_key in foreign_keys:
        if len(foreign_key.columns) == 1:
            target = foreign_key.referenced_table
            targets[foreign_key.columns[0]] = (table_names or {}).get(target, target)
    return targets
