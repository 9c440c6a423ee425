"""What `ALTER COLUMN ... TYPE` from one PostgreSQL type to another costs and risks, from the normalised names.

PostgreSQL changes some types in the catalog only (no table rewrite, a brief lock): a longer or unbounded
`varchar`, `varchar` to `text`, a `numeric` with more digits and the same scale, a more precise `timestamp`/`time`/
`interval`, a longer `varbit`. Others rewrite the table under an ACCESS EXCLUSIVE lock. Some lose data: with an
explicit cast (`USING c::varchar(3)`), PostgreSQL silently truncates strings, rounds numerics to a smaller scale and
drops float precision. So the fix uses PostgreSQL's assignment cast (no USING) wherever one exists between the two
types, which raises an error on a value that does not fit instead of changing it, and says so; the explicit cast
is kept for conversions that have no assignment cast (text to integer, text to uuid, ...), flagged as possibly
failing.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import NamedTuple


class Cost(str, Enum):
    CATALOG_ONLY = "catalog_only"  # no rewrite
    REWRITE = "rewrite"  # the table is rewritten; every value converts
    MAY_FAIL = "may_fail"  # rewritten; the change fails (rolls back) if a value does not fit
    LOSSY = "lossy"  # rewritten; values are rounded or lose precision without an error


class TypeChange(NamedTuple):
    cost: Cost
    # Whether the statement needs `USING column::type` (no assignment cast between the two types).
    explicit_cast: bool


_PARAMETERS = re.compile(r"^(?P<base>[a-z ]+?)(?:\((?P<arguments>[0-9, ]+)\))?(?P<rest>( with(out)? time zone)?)$")
# Families within which PostgreSQL has assignment casts; the same family never needs USING.
_INTEGERS = ("smallint", "integer", "bigint")
_FLOATS = ("real", "double precision")
_STRINGS = ("character", "character varying", "text")
_TIMES = ("timestamp", "time", "interval")


class _Type(NamedTuple):
    base: str
    arguments: tuple[int, ...]
    suffix: str


def _parse(type_name: str) -> _Type | None:
    match = _PARAMETERS.match(type_name)
    if match is None:
        return None
    arguments = tuple(int(part) for part in (match["arguments"] or "").replace(" ", "").split(",") if part)
    return _Type(match["base"], arguments, match["rest"] or "")


def classify(actual: str, expected: str, dimensions_change: bool = False) -> TypeChange:
    """The change of a column from the database's type `actual` to schema.prisma's `expected` (normalised names)."""
    old, new = _parse(actual), _parse(expected)
    if dimensions_change or old is None or new is None:
        return TypeChange(Cost.MAY_FAIL, True)
    if old.base == new.base and old.suffix == new.suffix:
        return _same_base(old, new)
    if old.base in _STRINGS and new.base in _STRINGS:
        return _between_strings(old, new)
    for family in (_INTEGERS, _FLOATS):
        if old.base in family and new.base in family:
            wider = family.index(new.base) > family.index(old.base)
            if family is _FLOATS:
                return TypeChange(Cost.REWRITE if wider else Cost.LOSSY, False)
            return TypeChange(Cost.REWRITE if wider else Cost.MAY_FAIL, False)
    if old.base in _INTEGERS and (new.base == "numeric" or new.base in _FLOATS):
        lossy = new.base == "real" or (new.base == "double precision" and old.base == "bigint")
        return TypeChange(Cost.LOSSY if lossy else _numeric_target(new), False)
    if old.base in _FLOATS and new.base == "numeric":
        # Every float has an exact numeric value; numeric(p, s) rounds it to s decimals.
        return TypeChange(Cost.LOSSY if new.arguments else Cost.REWRITE, False)
    if old.base == "numeric" and (new.base in _INTEGERS or new.base in _FLOATS):
        return TypeChange(Cost.LOSSY, False)  # rounds to an integer, or to a float's precision
    if old.base == "timestamp" and new.base == "timestamp":  # with <-> without time zone
        return TypeChange(Cost.REWRITE, False)
    return TypeChange(Cost.MAY_FAIL, True)


def _numeric_target(new: _Type) -> Cost:
    # An integer always fits a float or an unconstrained numeric; numeric(p, s) may be too small for it.
    return Cost.MAY_FAIL if new.base == "numeric" and new.arguments else Cost.REWRITE


def _same_base(old: _Type, new: _Type) -> TypeChange:
    if old.arguments == new.arguments:  # e.g. a type schema.prisma names in another schema: nothing to convert
        return TypeChange(Cost.REWRITE, True)
    if new.base in _TIMES:
        # Fractional-second precision; none written means 6, the most. Less precision rounds values silently.
        old_precision = old.arguments[0] if old.arguments else 6
        new_precision = new.arguments[0] if new.arguments else 6
        return TypeChange(Cost.CATALOG_ONLY if new_precision >= old_precision else Cost.LOSSY, False)
    if new.base == "character":  # blank-padded (and `character` alone is character(1)): always a rewrite
        old_length = old.arguments[0] if old.arguments else 1
        new_length = new.arguments[0] if new.arguments else 1
        return TypeChange(Cost.REWRITE if new_length >= old_length else Cost.MAY_FAIL, False)
    if not new.arguments:  # unbounded varchar, numeric, varbit: every value fits as it is
        return TypeChange(Cost.CATALOG_ONLY, False)
    if new.base == "numeric":
        if not old.arguments:
            return TypeChange(Cost.LOSSY, False)  # rounds to the new scale (and fails on too many digits)
        old_precision, old_scale = (*old.arguments, 0)[:2]
        new_precision, new_scale = (*new.arguments, 0)[:2]
        if new_scale < old_scale:
            return TypeChange(Cost.LOSSY, False)  # rounds to fewer decimals
        if new_scale == old_scale and new_precision >= old_precision:
            return TypeChange(Cost.CATALOG_ONLY, False)
        if new_precision - new_scale >= old_precision - old_scale:
            return TypeChange(Cost.REWRITE, False)  # more decimals, as many integer digits: always fits
        return TypeChange(Cost.MAY_FAIL, False)
    # character varying(n), bit varying(n): longer is catalog-only; shorter (or from unbounded) fails on a value
    # that does not fit
    if old.arguments and new.arguments[0] >= old.arguments[0]:
        return TypeChange(Cost.CATALOG_ONLY, False)
    return TypeChange(Cost.MAY_FAIL, False)


def _between_strings(old: _Type, new: _Type) -> TypeChange:
    if new.base == "text" or (new.base == "character varying" and not new.arguments):
        # character(n) to text/varchar drops the padding: a rewrite; varchar(n) to text: catalog only.
        return TypeChange(Cost.REWRITE if old.base == "character" else Cost.CATALOG_ONLY, False)
    fits = old.arguments and old.arguments[0] <= new.arguments[0]
    if new.base == "character varying" and old.base == "character" and fits:
        return TypeChange(Cost.REWRITE, False)
    return TypeChange(Cost.MAY_FAIL, False)
