"""Name words and synonyms for rename detection.

`name_words("isActive") == ("is", "active")`, `name_words("webhook_deliveries") == ("webhook", "delivery")`:
camelCase and snake_case split, lowercased, plural words made singular, so Prisma's and SQL's spellings compare.
Synonym groups are plain data: names (as words joined by "_") that mean the same thing in schemas seen in the wild.
Users add groups in configuration (`synonyms = [["valid_to", "expires_at"]]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|\b|_|\d)|[A-Z]?[a-z]+|[A-Z]+|\d+")

# Words that carry no meaning on their own: a shared "id" does not make two columns the same thing.
GENERIC_WORDS = frozenset({"id", "at", "is", "on", "by", "of", "to", "the", "has", "fk", "ref", "no", "num"})

# Words that, added to a name or put in place of one of its words, make it name another thing derived from the
# first: `notes_count` is how many notes, `deleted_by` who deleted (where `deleted_at` is when), `email_verified`
# whether the email was verified, `user_agent` the client's browser, `name_changed_at` when the name changed. A
# renamed column keeps what it holds, so such a word counts against a pairing that rests on a shared word. Not
# "number": it names an identifier as often as a count (`order_number`), and `phone_number` is `phone`.
MEANING_WORDS = frozenset(
    {
        "count",
        "total",
        "sum",
        "avg",
        "average",
        "min",
        "max",
        "percent",
        "percentage",
        "ratio",
        "rate",
        "verified",
        "confirmed",
        "by",
        "changed",
        "updated",
        "login",
        "note",
        "agent",
    }
)
# Words that only say that a column holds a point in time: `expires` -> `expires_at` is the same column spelled after
# a convention. They change the meaning only where the two columns' types are not alike (`is_active` boolean ->
# `is_active_at` timestamp).
TIME_WORDS = frozenset({"at", "on", "date", "time"})
# Words that name a key of a row: a column named after the table a foreign key points at plus these words only
# (`product_code`, `product_sku` where `product_id` referenced products) identifies that row another way. "name" is
# a natural key (`region_name` where `region_id` referenced regions).
IDENTIFIER_WORDS = frozenset(
    {"id", "code", "ref", "reference", "key", "sku", "slug", "uuid", "guid", "number", "no", "num", "handle", "name"}
)

BUILTIN_SYNONYMS: tuple[tuple[str, ...], ...] = (
    (
        "valid_to",
        "valid_until",
        "expires_at",
        "expire_at",
        "expires_on",
        "expiry",
        "expiry_date",
        "expiration",
        "expiration_date",
        "expires",
        "ends_at",
        "end_date",
        "not_after",
    ),
    ("valid_from", "starts_at", "start_date", "begins_at", "effective_from", "not_before", "issued_at"),
    ("is_active", "active", "enabled", "is_enabled", "status", "state", "is_live"),
    ("type", "kind", "category", "variant"),
    ("created", "created_at", "inserted", "inserted_at", "created_on", "creation_date", "date_created"),
    ("updated", "updated_at", "modified", "modified_at", "changed_at", "last_modified", "date_updated"),
    ("deleted_at", "removed_at", "archived_at"),
    ("shipped_at", "dispatched_at"),
    ("is_deleted", "deleted", "archived", "is_archived"),
    ("name", "title", "label", "display_name"),
    ("description", "details", "summary", "body", "content"),
    ("notes", "note", "comment", "remarks", "memo"),
    ("email", "email_address", "mail"),
    ("phone", "phone_number", "telephone", "mobile"),
    ("url", "link", "href", "uri"),
    ("amount", "total", "value"),
    ("quantity", "qty", "count"),
    ("owner_id", "user_id", "created_by"),
    ("code", "sku", "slug"),
    ("position", "sort_order", "rank", "order_index"),
    ("deadline", "due_at", "due_date", "due_on", "due_by"),
    ("is_blocked", "blocked", "is_banned", "banned", "is_suspended", "suspended", "disabled", "is_disabled"),
    ("password", "password_hash", "hashed_password", "passwd"),
    ("token", "secret", "api_key", "key_hash", "token_hash"),
    ("avatar", "avatar_url", "image", "image_url", "picture", "photo_url"),
)


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def name_words(name: str) -> tuple[str, ...]:
    return tuple(singular(word.lower()) for word in _WORD.findall(name))


def joined(words: Iterable[str]) -> str:
    return "_".join(words)


class SynonymTable:
    """Looks up whether two names (or the parts where they differ) are known synonyms."""

    def __init__(self, extra_groups: Iterable[Iterable[str]] = ()) -> None:
        self._group_of: dict[str, set[int]] = {}
        for number, group in enumerate((*BUILTIN_SYNONYMS, *(tuple(group) for group in extra_groups))):
            for name in group:
                self._group_of.setdefault(joined(name_words(name)), set()).add(number)

    def same(self, left: tuple[str, ...], right: tuple[str, ...]) -> bool:
        if not left or not right:
            return False
        return bool(self._group_of.get(joined(left), set()) & self._group_of.get(joined(right), set()))
