"""Rename precision: a dropped column and a new one that only shares a word with it, or names the table the dropped
foreign key pointed at, are not one renamed column; real renames still pair.

The cases come from a tester's run on real schemas (436 mutations): each "not a rename" row below was paired by
drift at 0.50..0.96 before; each "rename" row is a rename a team makes (or one of the seed's five).
"""

from __future__ import annotations

import pytest

from drift.diff.compare import compare_schemas
from drift.diff.findings import FindingKind
from drift.diff.renames import score_columns
from drift.diff.synonyms import SynonymTable
from tests.diff.builders import columns, fk, schema, table

K = FindingKind
TS = "timestamp(3) without time zone"
THRESHOLD = 0.5  # drift's default rename threshold
PAIRED = (K.RENAME_CANDIDATE, K.RELATION_CANDIDATE)


def _spec(name, type, nullable=True, default=None):
    return (name, type, nullable, default)


def _tables(dropped, added, *, dropped_fk=None, added_fk=None, table_name="items"):
    """schema.prisma's table (with `dropped`) and the database's (`dropped` replaced by `added` at the end, as a
    DROP COLUMN + ADD COLUMN leaves it), beside two columns both have; `*_fk`: the table the column references."""
    kept = (("id", "uuid", False), ("created_at", TS, False, "CURRENT_TIMESTAMP"))
    expected = table(
        table_name,
        columns(kept[0], dropped, kept[1]),
        foreign_keys=(fk(table_name, dropped[0], dropped_fk),) if dropped_fk else (),
    )
    actual = table(
        table_name,
        columns(*kept, added),
        foreign_keys=(fk(table_name, added[0], added_fk),) if added_fk else (),
    )
    return expected, actual


def _score(dropped, added, **kwargs):
    expected, actual = _tables(dropped, added, **kwargs)
    return score_columns(
        expected.columns[1],
        actual.columns[2],
        SynonymTable(),
        expected_table=expected,
        actual_table=actual,
        expected_fk_targets={dropped[0]: kwargs["dropped_fk"]} if kwargs.get("dropped_fk") else {},
        actual_fk_targets={added[0]: kwargs["added_fk"]} if kwargs.get("added_fk") else {},
        actual_enums=frozenset(),
    )


def _compare(dropped, added, **kwargs):
    """The whole comparison, with the referenced tables present on both sides."""
    expected, actual = _tables(dropped, added, **kwargs)
    targets = {kwargs.get("dropped_fk"), kwargs.get("added_fk")} - {None}
    others = [table(name, columns(("id", "uuid", False))) for name in sorted(targets)]
    return compare_schemas(schema(expected, *others), schema(actual, *others))


# (dropped column in schema.prisma, added column in the database, the table the dropped one references)
NOT_RENAMES = [
    # A word that changes what the column holds, and another type.
    (_spec("notes", "text"), _spec("notes_count", "integer"), None),
    (_spec("name", "text", False), _spec("name_count", "integer"), None),
    (_spec("description", "text"), _spec("description_count", "integer"), None),
    (_spec("comment", "text"), _spec("comment_count", "integer"), None),
    (_spec("voidReason", "text"), _spec("void_reason_count", "integer"), None),
    (_spec("type", "text", False), _spec("type_count", "integer"), None),
    (_spec("email", "text", False), _spec("email_verified", "boolean", False, "false"), None),
    (_spec("phone", "text"), _spec("phone_verified", "boolean"), None),
    (_spec("lastName", "text"), _spec("last_login_at", TS), None),
    (_spec("firstName", "text"), _spec("first_login_at", TS), None),
    (_spec("name", "text"), _spec("name_changed_at", TS), None),
    (_spec("isActive", "boolean", False, "true"), _spec("is_active_changed_at", TS), None),
    (_spec("sizeBytes", "bigint"), _spec("size_bytes_note", "text"), None),
    (_spec("quantity", "integer"), _spec("quantity_note", "text"), None),
    (_spec("personalSpendingLimit", "numeric(12,2)"), _spec("personal_spending_limit_note", "text"), None),
    # `_at` is when, `_by` who: not a shared stem.
    (_spec("deletedAt", TS), _spec("deleted_by", "uuid"), None),
    (_spec("deleted_at", TS), _spec("deleted_by", "text"), None),
    (_spec("handledAt", TS), _spec("handled_by", "text"), None),
    (_spec("expires", TS), _spec("expires_by", "text"), None),
    (_spec("approved_at", TS), _spec("approved_by_name", "character varying(150)"), None),
    # A dropped foreign key and a column naming the referenced table, but not as a key of it.
    (_spec("userId", "integer"), _spec("user_agent", "text"), "users"),
    (_spec("userId", "uuid"), _spec("user_agent", "text"), "users"),
    (_spec("userId", "text", False), _spec("user_agent", "text", False), "users"),  # same type: the name decides
    (_spec("userId", "integer", False), _spec("user_count", "integer", False, "0"), "users"),
    (_spec("userId", "integer"), _spec("user_count", "integer", False, "0"), "users"),
    (_spec("ticketId", "integer", False), _spec("ticket_count", "integer", False, "0"), "tickets"),
    (_spec("workspaceId", "text", False), _spec("workspace_count", "integer", False, "0"), "workspaces"),
    (_spec("actorId", "text"), _spec("user_count", "integer", False, "0"), "users"),
    (_spec("memberId", "text", False), _spec("family_member_count", "integer", False, "0"), "family_members"),
    (_spec("orderId", "text", False), _spec("order_total", "integer"), "orders"),
]


@pytest.mark.parametrize(
    ("dropped", "added", "target"), NOT_RENAMES, ids=[f"{d[0]}->{a[0]}" for d, a, _ in NOT_RENAMES]
)
def test_a_new_column_with_another_meaning_is_not_a_rename(dropped, added, target):
    candidate = _score(dropped, added, dropped_fk=target)
    assert candidate.confidence < THRESHOLD, candidate
    assert not candidate.relation
    report = _compare(dropped, added, dropped_fk=target)
    assert not [f for f in report.findings if f.kind in PAIRED], [f.message for f in report.findings]
    kinds = {(f.kind, f.column) for f in report.findings}
    assert (K.MISSING_COLUMN, dropped[0]) in kinds and (K.EXTRA_COLUMN, added[0]) in kinds


def test_the_reasons_name_the_penalty():
    candidate = _score(_spec("notes", "text"), _spec("notes_count", "integer"))
    assert 'type is integer in the database, text in schema.prisma; "count" added to the name' in candidate.reasons
    candidate = _score(_spec("deleted_at", TS), _spec("deleted_by", "uuid"))
    assert any('"by" in place of "at"' in reason for reason in candidate.reasons), candidate.reasons


# (dropped column in schema.prisma, the database's column, the table the dropped one references, the table the new
# one references, the table's name, the kind expected)
RENAMES = [
    (_spec("is_active", "boolean", False, "true"), _spec("status", "character varying(20)", False, "'active'"), None,
     None, "products", K.RENAME_CANDIDATE),
    (_spec("product_code", "text", False), _spec("product_id", "uuid", False), None, "products", "subscriptions",
     K.RELATION_CANDIDATE),
    (_spec("type", "text", False), _spec("backup_type", "character varying(32)", False), None, None, "backups",
     K.RENAME_CANDIDATE),
    (_spec("domain_id", "uuid", False), _spec("domain_name", "character varying(253)", False), None, None,
     "ssl_certificates", K.RENAME_CANDIDATE),
    (_spec("valid_to", TS, False), _spec("expires_at", TS, False), None, None, "ssl_certificates", K.RENAME_CANDIDATE),
    (_spec("periodStart", "date", False), _spec("period_start", "date", False), None, None, "payslips",
     K.RENAME_CANDIDATE),
    (_spec("is_active", "boolean", False, "true"), _spec("enabled", "boolean", False, "true"), None, None, "items",
     K.RENAME_CANDIDATE),
    (_spec("isActive", "boolean", False, "true"), _spec("active", "boolean", False, "true"), None, None, "items",
     K.RENAME_CANDIDATE),
    (_spec("created_at", TS, False), _spec("inserted_at", TS, False), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("createdAt", TS, False), _spec("created", TS, False), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("expires", TS), _spec("expires_at", TS), None, None, "sessions", K.RENAME_CANDIDATE),
    (_spec("expires_at", TS), _spec("valid_until", TS), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("type", "text"), _spec("kind", "text"), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("type", "text"), _spec("item_type", "text"), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("name", "text", False), _spec("title", "text", False), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("name", "text", False), _spec("label", "text", False), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("name", "text", False), _spec("display_name", "text", False), None, None, "items", K.RENAME_CANDIDATE),
    (_spec("name", "character varying(100)", False), _spec("title", "text", False), None, None, "items",
     K.RENAME_CANDIDATE),
    (_spec("user_id", "uuid", False), _spec("owner_id", "uuid", False), "users", "users", "items",
     K.RENAME_CANDIDATE),
    (_spec("userId", "uuid", False), _spec("author_id", "uuid", False), "users", "users", "items",
     K.RENAME_CANDIDATE),
    (_spec("created_by_id", "uuid"), _spec("author_id", "uuid"), "users", "users", "items", K.RENAME_CANDIDATE),
    (_spec("menuItemId", "text", False), _spec("menu_item_code", "text", False), "menu_items", None, "order_items",
     K.RELATION_CANDIDATE),
    (_spec("productId", "uuid", False), _spec("product_sku", "text", False), "products", None, "order_items",
     K.RELATION_CANDIDATE),
    (_spec("phone", "text", False), _spec("phone_number", "text"), None, None, "customers", K.RENAME_CANDIDATE),
    (_spec("totalAmount", "integer", False), _spec("total", "integer", False), None, None, "quotations",
     K.RENAME_CANDIDATE),
    (_spec("quantity", "integer", False), _spec("qty", "integer", False), None, None, "items", K.RENAME_CANDIDATE),
    # Abbreviations of the same type (spelling alone scored them 0.41..0.45).
    (_spec("amount", "integer", False), _spec("amt", "integer", False), None, None, "payments", K.RENAME_CANDIDATE),
    (_spec("description", "text"), _spec("desc", "text"), None, None, "payments", K.RENAME_CANDIDATE),
    (_spec("address", "text"), _spec("addr", "text"), None, None, "payments", K.RENAME_CANDIDATE),
    (_spec("discountAmount", "numeric(10,2)"), _spec("discount_amt", "numeric(10,2)"), None, None, "orders",
     K.RENAME_CANDIDATE),
    # Synonym groups the tester's misses added (content ~ body, shipped ~ dispatched).
    (_spec("content", "text", False), _spec("body", "text", False), None, None, "posts", K.RENAME_CANDIDATE),
    (_spec("shippedAt", TS), _spec("dispatched_at", TS), None, None, "orders", K.RENAME_CANDIDATE),
]


@pytest.mark.parametrize(
    ("dropped", "added", "dropped_fk", "added_fk", "table_name", "kind"),
    RENAMES,
    ids=[f"{d[0]}->{a[0]}" for d, a, *_ in RENAMES],
)
def test_a_renamed_column_still_pairs(dropped, added, dropped_fk, added_fk, table_name, kind):
    candidate = _score(dropped, added, dropped_fk=dropped_fk, added_fk=added_fk, table_name=table_name)
    assert candidate.confidence >= THRESHOLD, candidate
    report = _compare(dropped, added, dropped_fk=dropped_fk, added_fk=added_fk, table_name=table_name)
    paired = [(f.kind, f.rename.from_name, f.rename.to) for f in report.findings if f.kind in PAIRED]
    assert paired == [(kind, dropped[0], added[0])], [f.message for f in report.findings]


def test_an_abbreviation_needs_alike_types_and_a_real_abbreviation():
    # Another type family: spelling alone, not an abbreviation.
    assert _score(_spec("amount", "integer"), _spec("amt", "text")).confidence < THRESHOLD
    # `name` is a word of its own, neither `nickname` nor `namespace` cut short.
    for other in ("nickname", "namespace"):
        candidate = _score(_spec("name", "text"), _spec(other, "text"))
        assert not any("abbreviat" in reason for reason in candidate.reasons), candidate
    assert "abbreviated: \"desc\" for \"description\"" in _score(_spec("description", "text"), _spec("desc", "text")).reasons
