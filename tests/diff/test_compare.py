"""compare_schemas on hand-built models: one test per finding kind, plus the rules that keep noise out."""

from __future__ import annotations

import pytest

from drift.diff.compare import compare_schemas
from drift.diff.findings import DriftReport, Finding, FindingKind, Severity
from drift.emit.fixes import suggest_fix
from drift.model.schema import (
    CheckConstraint,
    Column,
    DatabaseSchema,
    Enum,
    EnumValue,
    Extension,
    IndexColumn,
    PrimaryKey,
    Sequence,
    Table,
    Trigger,
    View,
)
from tests.diff.builders import columns, fk, index, origin, schema, table

K = FindingKind


def blog() -> DatabaseSchema:
    user = table(
        "User",
        columns(("id", "integer", False, "autoincrement()"), ("email", "text", False), ("name", "text")),
        indexes=(index("User_email_key", "email", unique=True),),
        origin=origin(10, "User"),
    )
    post = table(
        "Post",
        columns(
            ("id", "integer", False, "autoincrement()"),
            ("title", "text", False),
            ("authorId", "integer", False),
            ("published", "boolean", False, "false"),
            ("createdAt", "timestamp(3) without time zone", False, "CURRENT_TIMESTAMP"),
        ),
        indexes=(index("Post_authorId_idx", "authorId"),),
        foreign_keys=(fk("Post", "authorId", "User", on_delete="RESTRICT", on_update="CASCADE"),),
        origin=origin(20, "Post"),
    )
    role = Enum(schema_name="public", name="Role", values=(EnumValue(name="USER"), EnumValue(name="ADMIN")))
    return schema(user, post, enums=(role,))


def replace_table(database: DatabaseSchema, name: str, **changes) -> DatabaseSchema:
    tables = tuple(t.model_copy(update=changes) if t.name == name else t for t in database.tables)
    return database.model_copy(update={"tables": tables})


def replace_column(database: DatabaseSchema, table_name: str, column_name: str, **changes) -> DatabaseSchema:
    current = database.table(table_name)
    assert current is not None
    cols = tuple(c.model_copy(update=changes) if c.name == column_name else c for c in current.columns)
    return replace_table(database, table_name, columns=cols)


def only(report: DriftReport) -> Finding:
    assert len(report.findings) == 1, [f.message for f in report.findings]
    return report.findings[0]


def test_identical_schemas_have_no_findings():
    assert compare_schemas(blog(), blog()).findings == ()


def test_origin_and_position_are_not_compared():
    actual = replace_column(blog(), "Post", "title", position=99, origin=None)
    actual = replace_table(actual, "Post", origin=None)
    assert compare_schemas(blog(), actual).findings == ()


def test_missing_table():
    actual = blog().model_copy(update={"tables": (blog().table("User"),)})
    finding = only(compare_schemas(blog(), actual))
    assert finding.kind is K.MISSING_TABLE
    assert finding.severity is Severity.ERROR
    assert finding.table == "Post"
    assert finding.prisma is not None and finding.prisma.line == 20
    assert finding.message == 'Table "Post" is only in schema.prisma (model "Post"); the database has no such table.'
    assert isinstance(finding.expected_object, Table)


def test_extra_table():
    extra = table("audit_log", columns(("id", "bigint", False), ("payload", "jsonb")))
    actual = blog().model_copy(update={"tables": blog().tables + (extra,)})
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.severity, finding.table) == (K.EXTRA_TABLE, Severity.WARNING, "audit_log")


def test_prisma_migrations_table_is_ignored():
    migrations = table("_prisma_migrations", columns(("id", "character varying(36)", False)))
    actual = blog().model_copy(update={"tables": blog().tables + (migrations,)})
    assert compare_schemas(blog(), actual).findings == ()


def test_missing_and_extra_column_with_unrelated_names():
    cols = blog().table("User").columns
    actual = replace_table(blog(), "User", columns=cols[:2] + (Column(name="last_login_ip", type="inet", position=3),))
    report = compare_schemas(blog(), actual)
    assert [(f.kind, f.column) for f in report.findings] == [
        (K.MISSING_COLUMN, "name"),
        (K.EXTRA_COLUMN, "last_login_ip"),
    ]
    missing = report.findings[0]
    assert missing.expected == "text"
    assert missing.message.startswith('Column "User.name" is only in schema.prisma')
    assert missing.message.endswith(".")


def test_type_mismatch():
    actual = replace_column(blog(), "Post", "title", type="character varying(200)")
    finding = only(compare_schemas(blog(), actual))
    assert finding.kind is K.TYPE_MISMATCH
    assert (finding.expected, finding.actual) == ("text", "character varying(200)")
    assert finding.path == "public.Post.title"


def test_array_dimensions_are_part_of_the_type():
    actual = replace_column(blog(), "Post", "title", dimensions=1)
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.TYPE_MISMATCH, "text", "text[]")


def test_nullability_mismatch():
    actual = replace_column(blog(), "User", "name", nullable=False)
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.NULLABILITY_MISMATCH, "nullable", "NOT NULL")
    assert finding.severity is Severity.ERROR


def test_default_mismatch():
    actual = replace_column(blog(), "Post", "published", default="true")
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.DEFAULT_MISMATCH, "false", "true")
    assert finding.severity is Severity.WARNING


def test_identity_column_stands_for_autoincrement():
    actual = replace_column(blog(), "User", "id", default=None, identity="BY DEFAULT")
    assert compare_schemas(blog(), actual).findings == ()


def test_identity_mismatch_without_autoincrement():
    actual = replace_column(blog(), "Post", "authorId", identity="ALWAYS")
    assert only(compare_schemas(blog(), actual)).kind is K.IDENTITY_MISMATCH


def test_collation_is_compared_only_when_schema_prisma_sets_it():
    # Only in the database: not drift, an unmanaged note (see test_a_column_collation_is_an_unmanaged_note).
    only_noted = compare_schemas(blog(), replace_column(blog(), "User", "name", collation="C")).findings
    assert [(f.kind, f.severity) for f in only_noted] == [(K.UNMANAGED_OBJECT, Severity.INFO)]
    expected = replace_column(blog(), "User", "name", collation="C")
    finding = only(compare_schemas(expected, blog()))
    assert finding.kind is K.COLUMN_MISMATCH
    assert finding.expected == {"collation": "C"}


def test_generated_column_in_database_is_unmanaged():
    actual = replace_column(blog(), "User", "name", generated="lower(email)")
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.severity) == (K.UNMANAGED_OBJECT, Severity.INFO)


def test_missing_and_extra_index():
    actual = replace_table(blog(), "Post", indexes=())
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.object, finding.expected) == (
        K.MISSING_INDEX,
        "Post_authorId_idx",
        {"columns": ["authorId"], "unique": False},
    )
    finding = only(compare_schemas(actual, blog()))
    assert (finding.kind, finding.object, finding.severity) == (K.EXTRA_INDEX, "Post_authorId_idx", Severity.WARNING)


def test_same_index_with_another_name_is_one_name_mismatch():
    actual = replace_table(blog(), "Post", indexes=(index("idx_post_author", "authorId"),))
    finding = only(compare_schemas(blog(), actual))
    assert finding.kind is K.INDEX_NAME_MISMATCH
    assert (finding.expected, finding.actual) == ("Post_authorId_idx", "idx_post_author")


def test_index_with_other_columns_is_index_mismatch():
    actual = replace_table(blog(), "Post", indexes=(index("Post_authorId_idx", "authorId", "createdAt"),))
    finding = only(compare_schemas(blog(), actual))
    assert finding.kind is K.INDEX_MISMATCH
    assert list(finding.expected) == ["columns"]
    assert "authorId, createdAt" in finding.message


def test_index_method_change_is_index_mismatch():
    actual = replace_table(blog(), "Post", indexes=(index("Post_authorId_idx", "authorId", method="hash"),))
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (
        K.INDEX_MISMATCH,
        {"method": "btree"},
        {"method": "hash"},
    )


def test_unique_index_that_lost_uniqueness_is_index_mismatch():
    actual = replace_table(blog(), "User", indexes=(index("User_email_key", "email"),))
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.INDEX_MISMATCH, {"unique": True}, {"unique": False})


def test_descending_key_is_index_mismatch():
    desc = index("Post_authorId_idx", "authorId").model_copy(
        update={"columns": (IndexColumn(column="authorId", order="DESC"),)}
    )
    actual = replace_table(blog(), "Post", indexes=(desc,))
    assert only(compare_schemas(blog(), actual)).kind is K.INDEX_MISMATCH


def test_unique_constraint_backing_an_index_is_not_drift():
    actual = replace_table(blog(), "User", indexes=(index("User_email_key", "email", unique=True, constraint=True),))
    assert compare_schemas(blog(), actual).findings == ()


def test_invalid_index_is_reported():
    actual = replace_table(blog(), "Post", indexes=(index("Post_authorId_idx", "authorId", valid=False),))
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.actual) == (K.INDEX_MISMATCH, {"valid": False})


def test_partial_and_expression_indexes_are_unmanaged_info():
    partial = index("Post_published_idx", "createdAt", predicate="published")
    expression = index("User_lower_email_idx").model_copy(update={"columns": (IndexColumn(expression="lower(email)"),)})
    actual = replace_table(blog(), "Post", indexes=blog().table("Post").indexes + (partial,))
    actual = replace_table(actual, "User", indexes=blog().table("User").indexes + (expression,))
    report = compare_schemas(blog(), actual)
    assert [(f.kind, f.severity, f.object) for f in report.findings] == [
        (K.UNMANAGED_OBJECT, Severity.INFO, "Post_published_idx"),
        (K.UNMANAGED_OBJECT, Severity.INFO, "User_lower_email_idx"),
    ]
    assert not report.has_failures("warning")


def test_checks_exclusions_and_triggers_are_unmanaged_info():
    actual = replace_table(
        blog(),
        "Post",
        checks=(CheckConstraint(name="title_not_empty", expression="length(title) > 0"),),
        triggers=(Trigger(name="touch", definition="CREATE TRIGGER touch ..."),),
    )
    report = compare_schemas(blog(), actual)
    assert {(f.kind, f.object) for f in report.findings} == {
        (K.UNMANAGED_OBJECT, "title_not_empty"),
        (K.UNMANAGED_OBJECT, "touch"),
    }
    assert report.summary == {"error": 0, "warning": 0, "info": 2}


def test_extra_postgres_schema_is_one_unmanaged_finding():
    other = Table(schema_name="analytics", name="events", columns=columns(("id", "bigint", False)))
    actual = blog().model_copy(update={"schemas": ("public", "analytics"), "tables": blog().tables + (other,)})
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.schema_name, finding.object, finding.severity) == (
        K.UNMANAGED_OBJECT,
        "analytics",
        "analytics",
        Severity.INFO,
    )


def test_sequences_owned_by_columns_are_not_findings_but_free_ones_are_unmanaged():
    owned = Sequence(schema_name="public", name="User_id_seq", owned_by_table="User", owned_by_column="id")
    free = Sequence(schema_name="public", name="invoice_numbers")
    finding = only(compare_schemas(blog(), blog().model_copy(update={"sequences": (owned, free)})))
    assert (finding.kind, finding.object) == (K.UNMANAGED_OBJECT, "invoice_numbers")


def test_missing_primary_key_and_extra_primary_key():
    actual = replace_table(blog(), "User", primary_key=None)
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected) == (K.MISSING_PRIMARY_KEY, ["id"])
    finding = only(compare_schemas(actual, blog()))
    assert (finding.kind, finding.object) == (K.EXTRA_PRIMARY_KEY, "User_pkey")


def test_primary_key_on_other_columns():
    actual = replace_table(blog(), "User", primary_key=PrimaryKey(name="User_pkey", columns=("id", "email")))
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.actual) == (K.PRIMARY_KEY_MISMATCH, {"columns": ["id", "email"]})


def test_primary_key_with_another_name_is_a_name_mismatch():
    actual = replace_table(blog(), "User", primary_key=PrimaryKey(name="users_pk", columns=("id",)))
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.CONSTRAINT_NAME_MISMATCH, "User_pkey", "users_pk")


def test_missing_and_extra_foreign_key():
    actual = replace_table(blog(), "Post", foreign_keys=())
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.object, finding.severity) == (
        K.MISSING_FOREIGN_KEY,
        "Post_authorId_fkey",
        Severity.ERROR,
    )
    assert finding.expected["references"] == "User(id)"
    finding = only(compare_schemas(actual, blog()))
    assert finding.kind is K.EXTRA_FOREIGN_KEY


def test_foreign_key_action_mismatch():
    actual = replace_table(
        blog(), "Post", foreign_keys=(fk("Post", "authorId", "User", on_delete="CASCADE", on_update="CASCADE"),)
    )
    finding = only(compare_schemas(blog(), actual))
    assert finding.kind is K.FK_ACTION_MISMATCH
    assert (finding.expected, finding.actual) == ({"on_delete": "RESTRICT"}, {"on_delete": "CASCADE"})
    assert "on_delete is CASCADE in the database, RESTRICT in schema.prisma" in finding.message


def test_foreign_key_to_another_table_is_foreign_key_mismatch():
    actual = replace_table(
        blog(), "Post", foreign_keys=(fk("Post", "authorId", "Post", on_delete="RESTRICT", on_update="CASCADE"),)
    )
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.expected, finding.actual) == (
        K.FOREIGN_KEY_MISMATCH,
        {"referenced_table": "User"},
        {"referenced_table": "Post"},
    )


def test_foreign_key_not_validated_is_unvalidated_foreign_key():
    actual = replace_table(
        blog(),
        "Post",
        foreign_keys=(fk("Post", "authorId", "User", on_delete="RESTRICT", on_update="CASCADE", validated=False),),
    )
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.severity.value, finding.actual) == (
        K.UNVALIDATED_FOREIGN_KEY, "warning", {"validated": False}
    )


def test_enum_kinds():
    def with_role(*values: str) -> DatabaseSchema:
        role = Enum(schema_name="public", name="Role", values=tuple(EnumValue(name=v) for v in values))
        return blog().model_copy(update={"enums": (role,)})

    finding = only(compare_schemas(blog(), with_role("USER", "SUPERUSER")))
    assert (finding.kind, finding.object, finding.expected, finding.actual) == (
        K.ENUM_VALUE_RENAME_CANDIDATE,
        "Role",
        "ADMIN",
        "SUPERUSER",
    )
    assert finding.message == (
        'Value "ADMIN" of enum "Role" in schema.prisma is probably "SUPERUSER" in the database '
        "(confidence 0.70: same place in the enum (value 2))."
    )
    finding = only(compare_schemas(blog(), with_role("USER")))
    assert (finding.kind, finding.object, finding.expected) == (K.ENUM_VALUE_MISSING, "Role", "ADMIN")
    finding = only(compare_schemas(blog(), with_role("USER", "ADMIN", "OWNER")))
    assert (finding.kind, finding.actual, finding.severity) == (K.ENUM_VALUE_EXTRA, "OWNER", Severity.WARNING)
    finding = only(compare_schemas(blog(), with_role("ADMIN", "USER")))
    assert finding.kind is K.ENUM_ORDER_MISMATCH
    finding = only(compare_schemas(blog(), blog().model_copy(update={"enums": ()})))
    assert finding.kind is K.MISSING_ENUM
    finding = only(compare_schemas(blog().model_copy(update={"enums": ()}), blog()))
    assert finding.kind is K.EXTRA_ENUM


def test_renamed_enum_type_is_one_rename_and_enum_columns_follow_it():
    expected = replace_column(blog(), "User", "name", type="Role", type_schema="public")
    renamed = Enum(schema_name="public", name="user_role", values=blog().enums[0].values)
    actual = replace_column(blog(), "User", "name", type="user_role", type_schema="public")
    actual = actual.model_copy(update={"enums": (renamed,)})
    finding = only(compare_schemas(expected, actual))
    assert finding.kind is K.ENUM_RENAME_CANDIDATE
    assert (finding.rename.from_name, finding.rename.to) == ("Role", "user_role")


def _status_schema(enum_names: list[str], values: tuple[str, ...] = ("DRAFT", "ACTIVE", "ARCHIVED")):
    """One table per enum, its `status` column typed with it: enums that share their values, as real schemas do."""
    enums = tuple(
        Enum(schema_name="public", name=name, values=tuple(EnumValue(name=value) for value in values))
        for name in enum_names
    )
    tables = [
        table(f"t{index}", columns(("id", "integer", False)))
        for index in range(len(enum_names))
    ]
    tables = [
        t.model_copy(update={"columns": (*t.columns, Column(name="status", type=name, type_schema="public",
                                                              nullable=False, position=2))})
        for t, name in zip(tables, enum_names)
    ]
    return schema(*tables, enums=enums)


def test_renamed_enums_with_the_same_values_pair_by_their_names():
    """Twelve enums with the same values, every type renamed in the database: each pairs with its own new name (not
    in the order of the names, which put Status10 with status2_enum) and no enum-typed column is reported."""
    names = [f"Status{index}" for index in range(12)]
    expected = _status_schema(names)
    actual = _status_schema([f"status{index}_enum" for index in range(12)])
    # The database lists its types by name (status10_enum before status1_enum), schema.prisma in its own order.
    actual = actual.model_copy(update={"enums": tuple(sorted(actual.enums, key=lambda enum: enum.name))})
    report = compare_schemas(expected, actual)
    assert {f.kind for f in report.findings} == {K.ENUM_RENAME_CANDIDATE}
    assert sorted((f.rename.from_name, f.rename.to) for f in report.findings) == sorted(
        (name, f"status{name[6:]}_enum") for name in names
    )
    assert all(f.rename.confidence == 0.9 and f.rename.reasons[0] == "same values" for f in report.findings)


def test_a_renamed_enum_with_a_renamed_value_is_one_rename_and_one_value_rename():
    expected = _status_schema(["Status"], ("DRAFT", "ACTIVE", "SUSPENDED", "ARCHIVED"))
    actual = _status_schema(["status_enum"], ("DRAFT", "ACTIVE", "SUSPENDED", "ARCHIVED_OLD"))
    kinds = sorted(f.kind.value for f in compare_schemas(expected, actual).findings)
    assert kinds == ["enum_rename_candidate", "enum_value_rename_candidate"]


def test_an_unrelated_enum_sharing_some_values_is_not_a_rename():
    expected = _status_schema(["Role"], ("USER", "ADMIN"))
    actual = _status_schema(["account_kind"], ("USER", "ADMIN", "GUEST"))
    kinds = {f.kind for f in compare_schemas(expected, actual).findings}
    assert K.ENUM_RENAME_CANDIDATE not in kinds
    assert {K.MISSING_ENUM, K.EXTRA_ENUM} <= kinds


def test_a_column_collation_is_an_unmanaged_note():
    """COLLATE "C" on a database column: schema.prisma cannot say it (Prisma's own diff ignores it), so it is an info
    note, never an error, and it does not hide other differences of that column."""
    collated = replace_column(blog(), "User", "email", collation="C")
    finding = only(compare_schemas(blog(), collated))
    assert (finding.kind, finding.severity, finding.column, finding.actual) == (
        K.UNMANAGED_OBJECT, Severity.INFO, "email", "C"
    )
    assert finding.message == (
        'Column "User.email" has the collation "C", which schema.prisma cannot express; left as is.'
    )
    both = replace_column(collated, "User", "email", nullable=True)
    assert sorted(f.kind.value for f in compare_schemas(blog(), both).findings) == [
        "nullability_mismatch", "unmanaged_object"
    ]


def test_views_and_extensions():
    view = View(schema_name="public", name="PostStats", columns=(Column(name="count", type="bigint"),))
    finding = only(compare_schemas(blog().model_copy(update={"views": (view,)}), blog()))
    assert finding.kind is K.MISSING_VIEW
    # A schema without view blocks says nothing about views (Prisma leaves them alone): a note.
    finding = only(compare_schemas(blog(), blog().model_copy(update={"views": (view,)})))
    assert (finding.kind, finding.severity) == (K.UNMANAGED_OBJECT, Severity.INFO)
    assert finding.message.startswith('View "PostStats" is in the database; schema.prisma describes no views')
    # One that describes some has them all: another view is extra.
    other = view.model_copy(update={"name": "Other"})
    finding = only(
        compare_schemas(blog().model_copy(update={"views": (other,)}), blog().model_copy(update={"views": (other, view)}))
    )
    assert finding.kind is K.EXTRA_VIEW
    changed = view.model_copy(update={"columns": (Column(name="count", type="integer"),)})
    finding = only(
        compare_schemas(blog().model_copy(update={"views": (view,)}), blog().model_copy(update={"views": (changed,)}))
    )
    assert (finding.kind, finding.expected, finding.actual) == (
        K.VIEW_MISMATCH,
        {"count": "bigint"},
        {"count": "integer"},
    )

    citext, pgcrypto, plpgsql = (Extension(name=n) for n in ("citext", "pgcrypto", "plpgsql"))
    finding = only(compare_schemas(blog().model_copy(update={"extensions": (citext,)}), blog()))
    assert finding.kind is K.MISSING_EXTENSION
    # Without any extension declared in schema.prisma, installed ones are not drift.
    assert compare_schemas(blog(), blog().model_copy(update={"extensions": (pgcrypto, plpgsql)})).findings == ()
    finding = only(
        compare_schemas(
            blog().model_copy(update={"extensions": (citext,)}),
            blog().model_copy(update={"extensions": (citext, pgcrypto, plpgsql)}),
        )
    )
    assert (finding.kind, finding.severity) == (K.EXTRA_EXTENSION, Severity.INFO)


def implicit_many_to_many(legacy: bool) -> Table:
    cols = columns(("A", "integer", False), ("B", "integer", False))
    b_index = index("_PostToTag_B_index", "B")
    if legacy:
        return table(
            "_PostToTag", cols, key=(), indexes=(index("_PostToTag_AB_unique", "A", "B", unique=True), b_index)
        )
    return table("_PostToTag", cols, key=()).model_copy(
        update={"primary_key": PrimaryKey(name="_PostToTag_AB_pkey", columns=("A", "B")), "indexes": (b_index,)}
    )


def test_prisma_5_implicit_many_to_many_is_one_legacy_finding():
    expected = blog().model_copy(update={"tables": blog().tables + (implicit_many_to_many(legacy=False),)})
    actual = blog().model_copy(update={"tables": blog().tables + (implicit_many_to_many(legacy=True),)})
    finding = only(compare_schemas(expected, actual))
    assert finding.kind is K.LEGACY_MANY_TO_MANY
    assert (finding.expected, finding.actual) == ("_PostToTag_AB_pkey", "_PostToTag_AB_unique")
    assert finding.severity is Severity.INFO


def test_name_truncated_differently_is_truncated_name():
    long_column = "a_rather_long_column_name_that_goes_on_and_on_and_on_forever"
    base = replace_column(blog(), "Post", "title", name=long_column)
    full_name = "Post_" + long_column + "_idx"
    assert len(full_name) > 63
    prisma_name = full_name[: 63 - len("_idx")] + "_idx"  # Prisma keeps the suffix
    postgres_name = full_name[:63]  # PostgreSQL cuts the end
    expected = replace_table(base, "Post", indexes=base.table("Post").indexes + (index(prisma_name, long_column),))
    actual = replace_table(base, "Post", indexes=base.table("Post").indexes + (index(postgres_name, long_column),))
    finding = only(compare_schemas(expected, actual))
    assert finding.kind is K.TRUNCATED_NAME
    assert (finding.expected, finding.actual) == (prisma_name, postgres_name)
    assert "63 bytes" in finding.message
    # Renamed to something shorter that starts alike: a rename of the index, not a truncation (it was reported as
    # one when Prisma's own name was 63 bytes long).
    renamed = prisma_name[:50] + "_renamed"
    actual = replace_table(base, "Post", indexes=base.table("Post").indexes + (index(renamed, long_column),))
    finding = only(compare_schemas(expected, actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.INDEX_NAME_MISMATCH, prisma_name, renamed)
    # A name Prisma did not cut, renamed to one of 60 bytes starting alike: a rename too (found by a fuzz run).
    short = "FeedbackSourceFormbricksMapping_workspaceId_surveyId_idx"
    expected = replace_table(base, "Post", indexes=base.table("Post").indexes + (index(short, long_column),))
    actual = replace_table(base, "Post", indexes=base.table("Post").indexes + (index(short + "_old", long_column),))
    finding = only(compare_schemas(expected, actual))
    assert (finding.kind, finding.expected, finding.actual) == (K.INDEX_NAME_MISMATCH, short, short + "_old")


def test_findings_are_sorted_by_table_then_kind_order():
    actual = replace_column(blog(), "User", "name", nullable=False)
    actual = replace_column(actual, "Post", "title", type="character varying(10)")
    actual = replace_table(actual, "Post", indexes=())
    report = compare_schemas(blog(), actual)
    assert [(f.table, f.kind) for f in report.findings] == [
        ("Post", K.TYPE_MISMATCH),
        ("Post", K.MISSING_INDEX),
        ("User", K.NULLABILITY_MISMATCH),
    ]


@pytest.mark.parametrize("kind", list(FindingKind))
def test_every_kind_has_a_default_severity_and_a_message(kind):
    from drift.diff.findings import DEFAULT_SEVERITY
    from drift.diff.messages import TEMPLATES

    assert kind in DEFAULT_SEVERITY
    assert any(key[0] is kind for key in TEMPLATES)


def test_every_message_is_one_sentence_ending_with_a_full_stop():
    from drift.diff.messages import TEMPLATES

    for template in TEMPLATES.values():
        assert template.rstrip("}").endswith(".") or template.endswith("{also}.")


def test_names_longer_than_63_bytes_pair_with_what_postgresql_stored():
    long_name = "a_column_name_long_enough_to_be_cut_by_postgresql_at_sixty_three_bytes"
    expected = replace_column(blog(), "User", "name", name=long_name)
    actual = replace_column(blog(), "User", "name", name=long_name.encode()[:63].decode())
    assert compare_schemas(expected, actual).findings == ()


def test_partitioned_table_is_unmanaged_info():
    finding = only(compare_schemas(blog(), replace_table(blog(), "Post", partitioned=True)))
    assert (finding.kind, finding.table, finding.severity) == (K.UNMANAGED_OBJECT, "Post", Severity.INFO)
    assert "partitioned" in finding.message


def test_missing_table_mentions_a_weak_candidate():
    expected = schema(table("invoices", columns(("id", "uuid", False), ("total", "integer", False), ("note", "text"))))
    actual = schema(table("bills", columns(("id", "uuid", False), ("total", "integer", False), ("memo", "text"))))
    report = compare_schemas(expected, actual)
    (missing,) = report.of_kind(K.MISSING_TABLE)
    (extra,) = report.of_kind(K.EXTRA_TABLE)
    assert len(report.findings) == 2
    assert '"bills", is only a weak rename candidate' in missing.message
    assert '"invoices", is only a weak rename candidate' in extra.message


def test_extra_not_null_column_without_default_is_an_error():
    def with_extra(**attributes) -> DatabaseSchema:
        cols = blog().table("User").columns + (Column(name="tenant_code", type="text", position=4, **attributes),)
        return replace_table(blog(), "User", columns=cols)

    finding = only(compare_schemas(blog(), with_extra(nullable=False)))
    assert (finding.kind, finding.severity) == (K.EXTRA_COLUMN, Severity.ERROR)
    assert "inserts through Prisma Client fail" in finding.message
    finding = only(compare_schemas(blog(), with_extra(nullable=False, default="'x'")))
    assert (finding.kind, finding.severity) == (K.EXTRA_COLUMN, Severity.WARNING)
    finding = only(compare_schemas(blog(), with_extra(nullable=True)))
    assert finding.severity is Severity.WARNING
    from drift.config import DriftConfig

    relaxed = compare_schemas(blog(), with_extra(nullable=False), DriftConfig(severity={"extra_column": "info"}))
    assert relaxed.findings[0].severity is Severity.INFO


def test_nullability_of_lists_is_not_drift():
    expected = replace_column(blog(), "User", "name", dimensions=1, nullable=True)
    actual = replace_column(blog(), "User", "name", dimensions=1, nullable=False)
    assert compare_schemas(expected, actual).findings == ()


def test_enum_order_is_only_a_note():
    role = Enum(schema_name="public", name="Role", values=(EnumValue(name="ADMIN"), EnumValue(name="USER")))
    finding = only(compare_schemas(blog(), blog().model_copy(update={"enums": (role,)})))
    assert (finding.kind, finding.severity) == (K.ENUM_ORDER_MISMATCH, Severity.INFO)


def test_duplicate_of_a_declared_index_says_so():
    actual = replace_table(
        blog(),
        "User",
        indexes=(index("User_email_key", "email", unique=True), index("users_email_unique", "email", unique=True)),
    )
    finding = only(compare_schemas(blog(), actual))
    assert (finding.kind, finding.object) == (K.EXTRA_INDEX, "users_email_unique")
    assert 'duplicates "User_email_key"' in finding.message
    # Nothing to add to schema.prisma (a second @@unique would declare the copy): only the copy's drop.
    fix = suggest_fix(finding, model="User")
    assert fix.prisma == 'nothing to add: schema.prisma already declares "User_email_key", of which this is an exact copy'
    assert fix.sql.endswith('DROP INDEX CONCURRENTLY IF EXISTS "public"."users_email_unique";')


def test_a_database_without_any_of_the_tables_gets_a_note():
    """Not one of several tables found: more likely the wrong database or ?schema= than drift, and said once."""
    cols = columns(("id", "uuid", False))
    expected = schema(table("invoices", cols), table("customers", cols))
    report = compare_schemas(expected, schema(table("mailboxes", cols)))
    assert report.notes == (
        'None of the 2 tables of schema.prisma is in the database, which has 1 other table in schema "public": is it '
        "the right database (and the right ?schema= in its URL)?",
    )
    assert "has no table in" in compare_schemas(expected, schema()).notes[0]
    # One table found, or a single expected table: ordinary drift, no note.
    assert compare_schemas(expected, schema(table("invoices", cols))).notes == ()
    assert compare_schemas(schema(table("invoices", cols)), schema()).notes == ()


def test_a_renamed_enum_value_is_renamed_in_scalar_and_list_defaults_too():
    """PostgreSQL renames the value inside every default (`ALTER TYPE ... RENAME VALUE`): the enum value rename is
    the one finding, not a default_mismatch per column, for `@default(PENDING)` and `@default([PENDING, PAID])`."""

    def shop(*values: str, scalar: str, listed: str) -> DatabaseSchema:
        status = Enum(schema_name="public", name="Status", values=tuple(EnumValue(name=v) for v in values))
        cols = (
            Column(name="id", type="uuid", nullable=False, position=1),
            Column(name="status", type="Status", type_schema="public", nullable=False, default=scalar, position=2),
            Column(name="history", type="Status", type_schema="public", dimensions=1, default=listed, position=3),
        )
        return DatabaseSchema(tables=(table("orders", cols),), enums=(status,))

    expected = shop("PENDING", "PAID", scalar="'PENDING'", listed="ARRAY['PENDING','PAID']")
    actual = shop("OPEN", "PAID", scalar="'OPEN'", listed="ARRAY['OPEN','PAID']")
    report = compare_schemas(expected, actual)
    assert [(f.kind, f.expected, f.actual) for f in report.findings] == [
        (K.ENUM_VALUE_RENAME_CANDIDATE, "PENDING", "OPEN")
    ], [f.message for f in report.findings]
    # A default that really differs is still reported, named as the database names the values.
    actual = shop("OPEN", "PAID", scalar="'PAID'", listed="ARRAY['OPEN','PAID']")
    defaults = [(f.column, f.expected, f.actual) for f in compare_schemas(expected, actual).findings if f.column]
    assert defaults == [("status", "'OPEN'", "'PAID'")]


def test_control_characters_in_values_are_escaped_in_messages() -> None:
    """A default that differs only in a control character (E'a\\x01' against 'a') must not print as the same text,
    nor break the message's line with a newline."""
    expected = schema(table("t", columns(("id", "integer", False), ("c", "text", True, "'a'::text"))))
    actual = schema(table("t", columns(("id", "integer", False), ("c", "text", True, "'a\x01\nb'::text"))))
    (finding,) = compare_schemas(expected, actual).findings
    assert finding.kind == "default_mismatch"
    assert "'a\\x01\\nb'::text" in finding.message and "'a'::text" in finding.message
    assert finding.message.isprintable()
    assert finding.actual == "'a\x01\nb'::text"  # the value itself is kept as it is (JSON escapes it)


def test_a_unique_index_left_where_the_primary_key_was_is_part_of_the_missing_key() -> None:
    """The key dropped, its index kept (or made by hand) under the key's name: one missing_primary_key whose fix
    takes the index over (ADD PRIMARY KEY USING INDEX), not also an extra_index whose fix drops it (found by a
    tester: the two fixes undid each other)."""
    cols = columns(("userId", "text", False), ("theme", "text", False))
    expected = schema(table("Settings", cols, key=("userId",)))
    kept = schema(table("Settings", cols, key=(), indexes=(index("Settings_pkey", "userId", unique=True),)))
    report = compare_schemas(expected, kept)
    assert [(f.kind, f.object) for f in report.findings] == [(K.MISSING_PRIMARY_KEY, "Settings_pkey")]
    assert 'the unique index "Settings_pkey" on those columns can become it' in report.findings[0].message
    # On other columns, or not unique, it is another index.
    for other in (index("Settings_pkey", "theme", unique=True), index("Settings_pkey", "userId")):
        report = compare_schemas(expected, schema(table("Settings", cols, key=(), indexes=(other,))))
        assert sorted(f.kind.value for f in report.findings) == ["extra_index", "missing_primary_key"]


def test_messages_name_the_schema_when_several_are_compared() -> None:
    """Two `events` tables, in `audit` and `public`: both messages said `Column "events.name"` (found by a reviewer)."""
    events = table("events", columns(("id", "integer", False), ("name", "text", False)))
    audit = events.model_copy(update={"schema_name": "audit"})
    changed = [
        t.model_copy(update={"columns": (t.columns[0], t.columns[1].model_copy(update={"type": "character varying"}))})
        for t in (events, audit)
    ]
    report = compare_schemas(schema(events, audit, schemas=("public", "audit")), schema(*changed, schemas=("public", "audit")))
    assert sorted(f.message.split(" has ")[0] for f in report.findings) == [
        'Column "audit.events.name"',
        'Column "public.events.name"',
    ]
    # One schema: the table's name alone, as before.
    report = compare_schemas(schema(events), schema(changed[0]))
    assert [f.message.split(" has ")[0] for f in report.findings] == ['Column "events.name"']
