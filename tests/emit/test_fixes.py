"""Suggested fixes: safe SQL (concurrent indexes, NOT VALID foreign keys, idempotent adds), destructive drops
flagged, quoting only through drift.model.names, Prisma edits in Prisma's spelling."""

from __future__ import annotations

import pytest

from drift.diff.findings import Finding, FindingKind, RenameSuggestion, Severity
from drift.emit.fixes import DESTRUCTIVE_NOTE, ReferencingKey, prisma_default, prisma_type, sql_default, suggest_fix
from drift.model.schema import (
    Column,
    Enum,
    EnumValue,
    Extension,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    PrismaOrigin,
    Table,
)


def finding(kind: FindingKind, **fields) -> Finding:
    fields.setdefault("table", "products")
    return Finding(kind=kind, severity=Severity.ERROR, schema_name="public", message="m.", **fields)


def table_rename_fix(table: Table, database_name: str, model: str):
    """The fix of model `model` (whose table schema.prisma names `table.name`) found as `database_name`."""
    return suggest_fix(
        finding(
            FindingKind.RENAME_CANDIDATE,
            table=database_name,
            rename=RenameSuggestion(from_name=table.name, to=database_name, confidence=0.9),
            expected_object=table,
            actual_object=table.model_copy(update={"name": database_name}),
        ),
        model=model,
    )


def test_column_rename_maps_the_field_or_renames_the_column() -> None:
    fix = suggest_fix(
        finding(
            FindingKind.RENAME_CANDIDATE,
            column="is_active",
            prisma=PrismaOrigin(file="schema.prisma", line=3, model="Product", field="isActive"),
            rename=RenameSuggestion(from_name="is_active", to="status", confidence=0.9),
            expected_object=Column(name="is_active", type="boolean", nullable=False),
            actual_object=Column(name="status", type="boolean", nullable=False),
        )
    )
    # the field is mapped already (is_active is not its name): its @map changes, nothing else of it
    assert fix.prisma == 'change @map("is_active") to @map("status") on field "isActive" of model "Product"'
    assert fix.sql == (
        "DO $drift$ BEGIN IF EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('\"public\".\"products\"') "
        "AND attname = 'status' AND NOT attisdropped)\n"
        "  AND NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('\"public\".\"products\"') "
        "AND attname = 'is_active' AND NOT attisdropped)\n"
        '  THEN ALTER TABLE "public"."products" RENAME COLUMN "status" TO "is_active"; END IF; END $drift$;'
    )
    assert not fix.destructive


def test_a_rename_keeps_the_key_and_index_names_prisma_would_derive_anew() -> None:
    """After `@@map("activities")` / `@map("is_enabled")` Prisma derives `activities_pkey`, `User_is_enabled_idx`...,
    which the database does not have: the fix says which map: to add (found by a tester: five name mismatches after
    applying drift's suggestion). Names schema.prisma gives with map: do not change and are not listed."""
    orders = Table(
        schema_name="public",
        name="Order",
        columns=(Column(name="id", type="text", nullable=False), Column(name="userId", type="text", nullable=False)),
        primary_key=PrimaryKey(name="Order_pkey", columns=("id",)),
        indexes=(
            Index(name="Order_userId_idx", columns=(IndexColumn(column="userId"),)),
            Index(name="by_user", columns=(IndexColumn(column="userId"),), unique=True),
        ),
        foreign_keys=(
            ForeignKey(
                name="Order_userId_fkey", columns=("userId",), referenced_schema="public", referenced_table="User",
                referenced_columns=("id",),
            ),
        ),
    )
    table_fix = table_rename_fix(orders, "activities", "Order")
    assert table_fix.prisma == (
        'add @@map("activities") to model "Order"; to keep the database\'s names, add map: "Order_pkey" on the '
        '@id / @@id, map: "Order_userId_idx" on the @@index over (userId), map: "Order_userId_fkey" on the @relation '
        "over (userId)"
    )

    def column_rename(field: str, column: str, line: int):
        """The fix of `Order.field` found renamed to `column` in the database."""
        return suggest_fix(
            finding(
                FindingKind.RENAME_CANDIDATE,
                table="Order",
                column=column,
                prisma=PrismaOrigin(file="schema.prisma", line=line, model="Order", field=field),
                rename=RenameSuggestion(from_name=field, to=column, confidence=0.8),
                expected_object=Column(name=field, type="text", nullable=False),
                actual_object=Column(name=column, type="text", nullable=False),
            ),
            expected_table=orders,
        )

    column_fix = column_rename("userId", "owner_id", 3)
    assert column_fix.prisma == (
        'add @map("owner_id") to field "userId" of model "Order"; to keep the database\'s names, add map: "Order_userId_idx" on the @@index '
        'over (userId), map: "Order_userId_fkey" on the @relation over (userId)'
    )
    # Without the table (or nothing named after the column) the suggestion is the field alone.
    assert column_rename("id", "identifier", 2).prisma == 'add @map("identifier") to field "id" of model "Order"'


def test_a_renamed_field_is_edited_not_rewritten() -> None:
    """The field keeps what it has (a tester found @id, @default(cuid()), @unique and @updatedAt dropped by a
    rewritten field line, and a second @@map on a mapped model): the fix says what to add or change."""

    def rename(expected: Column, actual: Column, field: str, **fields) -> str | None:
        return suggest_fix(
            finding(
                FindingKind.RENAME_CANDIDATE,
                column=actual.name,
                prisma=PrismaOrigin(file="schema.prisma", line=3, model="Account", field=field),
                rename=RenameSuggestion(from_name=expected.name, to=actual.name, confidence=0.9),
                expected_object=expected,
                actual_object=actual,
                **fields,
            )
        ).prisma

    updated = Column(name="updatedAt", type="timestamp(3) without time zone", nullable=False)
    assert rename(updated, updated.model_copy(update={"name": "modified_at"}), "updatedAt") == (
        'add @map("modified_at") to field "updatedAt" of model "Account"'
    )
    count = Column(name="notes", type="text", nullable=True)
    assert rename(count, Column(name="note_text", type="character varying(200)", nullable=False, default="'x'"),
                  "notes") == (
        'add @map("note_text") to field "notes" of model "Account" and change its type to String '
        '@db.VarChar(200), its default to @default("x")'
    )
    price = Column(name="price", type="numeric(10,2)", nullable=False)
    assert rename(price, Column(name="cost", type="double precision", nullable=False), "price") == (
        'add @map("cost") to field "price" of model "Account" and change its type to Float (without @db.Decimal(10, 2))'
    )
    users = Table(schema_name="public", name="users", columns=(Column(name="id", type="integer", nullable=False),))
    table_fix = table_rename_fix(users, "app_users", "User")
    assert table_fix.prisma == 'change @@map("users") to @@map("app_users") on model "User"'


def test_a_guarded_rename_picks_a_dollar_tag_its_names_do_not_contain() -> None:
    fix = suggest_fix(
        finding(
            FindingKind.RENAME_CANDIDATE,
            column="a$drift$b",
            rename=RenameSuggestion(from_name="a$drift$b", to="it's", confidence=0.9),
            expected_object=Column(name="a$drift$b", type="text", nullable=False),
            actual_object=Column(name="it's", type="text", nullable=False),
        )
    )
    assert fix.sql.startswith("DO $drift1$ BEGIN IF ") and fix.sql.endswith("END $drift1$;")
    assert "attname = 'it''s'" in fix.sql and 'RENAME COLUMN "it\'s" TO "a$drift$b";' in fix.sql
    # Only the last line ends a statement: a script split at line ends still gets the block whole.
    assert [line.endswith(";") for line in fix.sql.splitlines()] == [False, False, True]


@pytest.mark.parametrize(
    ("kind", "fields", "guard"),
    [
        (
            FindingKind.CONSTRAINT_NAME_MISMATCH,
            {"expected": "products_pkey", "actual": "products_pk"},
            "EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass('\"public\".\"products\"') "
            "AND conname = 'products_pk')",
        ),
        (
            FindingKind.ENUM_RENAME_CANDIDATE,
            {"table": None, "object": "Role", "rename": RenameSuggestion(from_name="Role", to="UserRole", confidence=1)},
            "to_regtype('\"public\".\"UserRole\"') IS NOT NULL",
        ),
        (
            FindingKind.ENUM_VALUE_RENAME_CANDIDATE,
            {"table": None, "object": "Role", "rename": RenameSuggestion(from_name="A", to="B", confidence=1)},
            "EXISTS (SELECT FROM pg_enum WHERE enumtypid = to_regtype('\"public\".\"Role\"') AND enumlabel = 'B')",
        ),
    ],
)
def test_renames_without_if_exists_run_only_while_the_old_name_is_there(kind, fields, guard) -> None:
    fix = suggest_fix(finding(kind, **fields))
    assert fix.sql.startswith(f"DO $drift$ BEGIN IF {guard}\n  AND "), fix.sql


def test_an_enum_rename_adds_or_changes_the_enums_map() -> None:
    def prisma(origin_enum: str | None) -> str | None:
        origin = PrismaOrigin(file="schema.prisma", line=9, model=origin_enum) if origin_enum else None
        rename = RenameSuggestion(from_name="user_role", to="member_role", confidence=1)
        return suggest_fix(finding(FindingKind.ENUM_RENAME_CANDIDATE, table=None, object="user_role", rename=rename,
                                   prisma=origin)).prisma

    # `enum Role { ... @@map("user_role") }`: its @@map changes (a second @@map is an error)
    assert prisma("Role") == 'change @@map("user_role") to @@map("member_role") on enum "Role"'
    assert prisma("user_role") == 'add @@map("member_role") to enum "user_role"'
    assert prisma(None) == 'add @@map("member_role") to enum "user_role"'


def test_a_table_rename_has_if_exists() -> None:
    fix = suggest_fix(
        finding(
            FindingKind.RENAME_CANDIDATE,
            table="items",
            rename=RenameSuggestion(from_name="products", to="items", confidence=0.9),
            expected_object=Table(name="products", schema_name="public"),
            actual_object=Table(name="items", schema_name="public"),
        )
    )
    assert fix.sql == 'ALTER TABLE IF EXISTS "public"."items" RENAME TO "products";'


def test_missing_index_is_built_concurrently_and_idempotently() -> None:
    index = Index(name="products_sku_idx", columns=(IndexColumn(column="sku"), IndexColumn(column="at", order="DESC")))
    fix = suggest_fix(finding(FindingKind.MISSING_INDEX, object=index.name, expected_object=index))
    # A failed earlier build (left INVALID, which IF NOT EXISTS would then skip for good) is dropped first.
    assert fix.sql.splitlines() == [
        "DO $drift$ BEGIN IF EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass('\"public\".\"products_sku_idx\"') "
        "AND NOT indisvalid)",
        '  THEN DROP INDEX "public"."products_sku_idx"; END IF; END $drift$;',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "products_sku_idx" ON "public"."products" USING btree ("sku", "at" DESC);',
    ]


def test_missing_foreign_key_is_added_not_valid_then_validated() -> None:
    key = ForeignKey(
        name="products_vendor_id_fkey",
        columns=("vendor_id",),
        referenced_schema="public",
        referenced_table="vendors",
        referenced_columns=("id",),
        on_delete="SET NULL",
        on_update="CASCADE",
    )
    sql = suggest_fix(finding(FindingKind.MISSING_FOREIGN_KEY, object=key.name, expected_object=key)).sql
    first, second, note, third = sql.splitlines()
    assert note.startswith("-- VALIDATE scans without blocking writes")
    # Only while the table has no constraint of that name: a second run adds nothing (ADD has no IF NOT EXISTS).
    assert first == (
        "DO $drift$ BEGIN IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = to_regclass('\"public\".\"products\"') "
        "AND conname = 'products_vendor_id_fkey')"
    )
    assert second.endswith("ON DELETE SET NULL ON UPDATE CASCADE NOT VALID; END IF; END $drift$;")
    assert third == 'ALTER TABLE "public"."products" VALIDATE CONSTRAINT "products_vendor_id_fkey";'


def test_missing_not_null_column_is_added_nullable_first() -> None:
    column = Column(name="sku", type="text", nullable=False)
    sql = suggest_fix(finding(FindingKind.MISSING_COLUMN, column="sku", expected_object=column)).sql
    assert sql.splitlines()[0] == 'ALTER TABLE "public"."products" ADD COLUMN IF NOT EXISTS "sku" text;'
    assert "SET NOT NULL" in sql.splitlines()[1]


@pytest.mark.parametrize(
    "kind, fields",
    [
        (FindingKind.EXTRA_COLUMN, {"column": "legacy", "actual_object": Column(name="legacy", type="text")}),
        (
            FindingKind.EXTRA_INDEX,
            {"object": "i", "actual_object": Index(name="i", columns=(IndexColumn(column="a"),))},
        ),
    ],
)
def test_drops_are_flagged_destructive(kind: FindingKind, fields: dict) -> None:
    fix = suggest_fix(finding(kind, **fields))
    assert fix.destructive
    assert fix.sql.startswith(DESTRUCTIVE_NOTE + "\n")


def test_identifiers_are_quoted_and_escaped() -> None:
    column = Column(name='we"ird', type="text")
    sql = suggest_fix(finding(FindingKind.MISSING_COLUMN, table="a b", column=column.name, expected_object=column)).sql
    assert sql == 'ALTER TABLE "public"."a b" ADD COLUMN IF NOT EXISTS "we""ird" text;'


def test_extra_column_becomes_a_mapped_prisma_field_on_the_hinted_model() -> None:
    column = Column(name="legacy_flag", type="smallint", nullable=True, default="0")
    fix = suggest_fix(finding(FindingKind.EXTRA_COLUMN, column=column.name, actual_object=column), model="Product")
    # Attributes in the order `prisma format` keeps: @default, @map, then the native type.
    assert fix.prisma == 'add to model "Product": legacyFlag Int? @default(0) @map("legacy_flag") @db.SmallInt'


@pytest.mark.parametrize(
    "column, expected",
    [
        (Column(name="a", type="text", nullable=False), "String"),
        (Column(name="a", type="character varying(120)"), "String? @db.VarChar(120)"),
        (Column(name="a", type="timestamp(6) with time zone", nullable=False), "DateTime @db.Timestamptz(6)"),
        # a bare TIMETZ / TIME keeps microseconds: `db pull` writes (6)
        (Column(name="a", type="time with time zone", nullable=False), "DateTime @db.Timetz(6)"),
        (Column(name="a", type="time without time zone", nullable=True), "DateTime? @db.Time(6)"),
        (Column(name="a", type="integer", dimensions=1), "Int[]"),
        (Column(name="a", type="Role", type_schema="public", nullable=False), "Role"),
        (Column(name="a", type="tsvector"), 'Unsupported("tsvector")?'),
        # PostgreSQL's one-byte "char", as db pull writes it (was `Unsupported(""char"")`, which Prisma rejects)
        (Column(name="a", type='"char"'), "String? @db.Char"),
    ],
)
def test_prisma_type(column: Column, expected: str) -> None:
    assert prisma_type(column) == expected


ENUMS = frozenset({("public", "mood")})


@pytest.mark.parametrize(
    "column, expected",
    [
        (Column(name="a", type="mood", type_schema="public", dimensions=1), "mood[]"),
        # other user-defined types are Unsupported, as db pull writes them (they were written as if enums)
        (Column(name="a", type="addr", type_schema="public"), 'Unsupported("addr")?'),
        (Column(name="a", type="floatrange", type_schema="other", dimensions=1), 'Unsupported("floatrange")[]'),
        # an extension's type that Prisma names
        (Column(name="a", type="citext", type_schema="public"), "String? @db.Citext"),
        # a domain's column is its base type; a list of a domain is Unsupported (Prisma's diff would change Int[])
        (Column(name="a", type="integer", domain="posint"), "Int?"),
        (Column(name="a", type="integer", domain="posint", dimensions=1), 'Unsupported("posint")[]'),
    ],
)
def test_prisma_type_knowing_the_database_enums(column: Column, expected: str) -> None:
    assert prisma_type(column, ENUMS) == expected


@pytest.mark.parametrize(
    "default, expected",
    [
        (None, None),
        ("CURRENT_TIMESTAMP", "@default(now())"),
        ("autoincrement()", "@default(autoincrement())"),
        ("'it''s'", '@default("it\'s")'),
        ("-1.5", "@default(-1.5)"),
        ("gen_random_uuid()", '@default(dbgenerated("gen_random_uuid()"))'),
    ],
)
def test_prisma_default(default: str | None, expected: str | None) -> None:
    assert prisma_default(default) == expected


def test_an_enum_default_is_written_bare_as_prisma_does() -> None:
    """`@default("ACTIVE")` on an enum field is not valid Prisma (`prisma validate` rejects it); the value is bare."""
    assert prisma_default("'ACTIVE'", enum=True) == "@default(ACTIVE)"
    status = Column(name="status", type="Status", type_schema="public", nullable=False, default="'ACTIVE'")
    extra = suggest_fix(finding(FindingKind.EXTRA_COLUMN, column="status", actual_object=status), model="Product")
    assert extra.prisma == 'add to model "Product": status Status @default(ACTIVE)'
    expected = status.model_copy(update={"default": "'DRAFT'"})
    changed = suggest_fix(
        finding(
            FindingKind.DEFAULT_MISMATCH,
            column="status",
            prisma=PrismaOrigin(file="schema.prisma", line=7, model="Product", field="status"),
            expected_object=expected,
            actual_object=status,
            expected="'DRAFT'",
            actual="'ACTIVE'",
        )
    )
    assert changed.prisma.startswith("set @default(ACTIVE) on ")


def test_extra_index_keeps_sort_order_and_method_in_prisma() -> None:
    index = Index(
        name="orders_user_id_total_idx",
        columns=(IndexColumn(column="user_id"), IndexColumn(column="total", order="DESC")),
        method="gin",
    )
    fix = suggest_fix(finding(FindingKind.EXTRA_INDEX, object=index.name, actual_object=index), model="Order")
    assert fix.prisma == (
        'add to model "Order": @@index([userId, total(sort: Desc)], map: "orders_user_id_total_idx", type: Gin)'
    )


def test_extra_index_of_an_extensions_method_is_written_as_db_pull_writes_it() -> None:
    # Prisma's `type:` names no hnsw: its engine reads the index as a B-tree without operator classes
    index = Index(name="items_v_idx", columns=(IndexColumn(column="v", opclass="vector_cosine_ops"),), method="hnsw")
    fix = suggest_fix(finding(FindingKind.EXTRA_INDEX, object=index.name, actual_object=index), model="Item")
    assert fix.prisma == 'add to model "Item": @@index([v], map: "items_v_idx")'


@pytest.mark.parametrize(
    ("extension", "entry"),
    [
        (Extension(name="pg_trgm"), "pg_trgm"),
        # not a Prisma identifier: Prisma's documented spelling, an identifier with map:
        (Extension(name="uuid-ossp"), 'uuidOssp(map: "uuid-ossp")'),
        (Extension(name="citext", schema_name="extensions"), 'citext(schema: "extensions")'),
        (Extension(name="uuid-ossp", schema_name="ext"), 'uuidOssp(map: "uuid-ossp", schema: "ext")'),
    ],
)
def test_an_extra_extension_is_added_as_schema_prisma_can_write_it(extension: Extension, entry: str) -> None:
    fix = suggest_fix(finding(FindingKind.EXTRA_EXTENSION, table=None, object=extension.name, actual_object=extension))
    assert fix.prisma == f'add {entry} to the datasource\'s extensions = [...] (previewFeatures = ["postgresqlExtensions"])'
    assert fix.sql.endswith(f'DROP EXTENSION IF EXISTS "{extension.name}";')


def test_prisma_index_edits_use_the_models_field_names() -> None:
    # backup_type is the database name of the field `type` (renamed): the index must name the field.
    index = Index(
        name="backups_type_status_idx", columns=(IndexColumn(column="backup_type"), IndexColumn(column="status"))
    )
    fix = suggest_fix(
        finding(FindingKind.EXTRA_INDEX, table="backups", object=index.name, actual_object=index),
        model="Backup",
        fields={"backup_type": "type", "status": "status"},
    )
    assert fix.prisma == 'add to model "Backup": @@index([type, status], map: "backups_type_status_idx")'


@pytest.mark.parametrize("kind", list(FindingKind), ids=lambda kind: kind.value)
def test_every_kind_renders_without_the_model_objects(kind: FindingKind) -> None:
    # A finding built by hand (or from an older baseline) may lack objects: a fix is then partial, never a crash.
    fix = suggest_fix(finding(kind, column="c", object="o", expected="a", actual="b"))
    for text in (fix.prisma, fix.sql):
        assert text is None or (text and "None" not in text)


@pytest.mark.parametrize("kind", list(FindingKind), ids=lambda kind: kind.value)
def test_every_kind_has_a_sarif_rule_description(kind: FindingKind) -> None:
    from drift.emit.sarif import _RULE_DESCRIPTIONS

    assert _RULE_DESCRIPTIONS[kind.value].endswith(".")


def test_a_model_for_an_extra_table_keeps_a_primary_key_named_otherwise() -> None:
    """`db pull` keeps a primary key's name with `map:` when it is not `{table}_pkey`; so must the suggested model, or
    the next check reports the key's name (here the table was renamed and its key kept the old name)."""
    columns = (Column(name="id", type="uuid", nullable=False), Column(name="name", type="text", nullable=False))
    renamed = Table(schema_name="public", name="audit_entries", columns=columns,
                    primary_key=PrimaryKey(name="audit_log_pkey", columns=("id",)))
    fix = suggest_fix(finding(FindingKind.EXTRA_TABLE, table=renamed.name, actual_object=renamed))
    assert '  id   String @id(map: "audit_log_pkey") @db.Uuid' in fix.prisma.splitlines()
    plain = renamed.model_copy(update={"primary_key": PrimaryKey(name="audit_entries_pkey", columns=("id",))})
    assert "  id   String @id @db.Uuid" in suggest_fix(
        finding(FindingKind.EXTRA_TABLE, table=plain.name, actual_object=plain)
    ).prisma.splitlines()
    pair = renamed.model_copy(update={"primary_key": PrimaryKey(name="audit_pair", columns=("id", "name"))})
    lines = suggest_fix(finding(FindingKind.EXTRA_TABLE, table=pair.name, actual_object=pair)).prisma.splitlines()
    assert '  @@id([id, name], map: "audit_pair")' in lines


def test_with_several_schemas_a_suggested_model_or_enum_carries_its_schema() -> None:
    """With `schemas = [...]` in the datasource Prisma requires @@schema on every model and enum."""
    table = Table(schema_name="audit", name="entries", columns=(Column(name="id", type="integer", nullable=False),),
                  primary_key=PrimaryKey(name="entries_pkey", columns=("id",)))
    enum = Enum(schema_name="audit", name="Level", values=(EnumValue(name="LOW"), EnumValue(name="HIGH")))
    extra_table = finding(FindingKind.EXTRA_TABLE, table="entries", actual_object=table)
    extra_enum = finding(FindingKind.EXTRA_ENUM, table=None, object="Level", actual_object=enum)
    assert '  @@schema("audit")' in suggest_fix(extra_table, multi_schema=True).prisma.splitlines()
    assert '  @@schema("audit")' in suggest_fix(extra_enum, multi_schema=True).prisma.splitlines()
    assert "@@schema" not in suggest_fix(extra_table).prisma
    assert "@@schema" not in suggest_fix(extra_enum).prisma


def test_a_suggested_model_is_laid_out_as_prisma_format_lays_it_out() -> None:
    """The model for an extra table, checked against `prisma format`'s output for the same block (Prisma 6, through
    the oracle): columns aligned, @id/@default/@map before the native type, a blank line before @@ attributes."""
    columns = (
        Column(name="id", type="bigint", nullable=False, default="autoincrement()"),
        Column(name="tenant_id", type="uuid", nullable=True),
        Column(name="logged_at", type="timestamp(6) with time zone", nullable=False, default="CURRENT_TIMESTAMP"),
    )
    table = Table(schema_name="public", name="legacy_audit_log", columns=columns,
                  primary_key=PrimaryKey(name="legacy_audit_log_pkey", columns=("id",)))
    fix = suggest_fix(finding(FindingKind.EXTRA_TABLE, table=table.name, actual_object=table))
    assert fix.prisma == (
        "model LegacyAuditLog {\n"
        "  id       BigInt   @id @default(autoincrement())\n"
        '  tenantId String?  @map("tenant_id") @db.Uuid\n'
        '  loggedAt DateTime @default(now()) @map("logged_at") @db.Timestamptz(6)\n'
        "\n"
        '  @@map("legacy_audit_log")\n'
        "}"
    )


@pytest.mark.parametrize(
    ("expected_type", "actual_type", "prisma"),
    [
        # text in the database, a varchar in the schema: the @db attribute has to go, say so
        ("character varying(120)", "text", 'change model "Customer" to String? (without @db.VarChar(120))'),
        # another native type: the new attribute replaces the old one
        ("character varying(120)", "character(8)", 'change model "Customer" to String? @db.Char(8)'),
        ("text", "character varying(40)", 'change model "Customer" to String? @db.VarChar(40)'),
    ],
)
def test_a_type_mismatch_says_which_native_type_attribute_goes(expected_type, actual_type, prisma) -> None:
    expected = Column(name="company_name", type=expected_type, nullable=True)
    actual = Column(name="company_name", type=actual_type, nullable=True)
    fix = suggest_fix(
        finding(FindingKind.TYPE_MISMATCH, column="company_name", expected_object=expected, actual_object=actual),
        model="Customer",
    )
    assert fix.prisma == prisma


def test_prisma_edits_leave_out_map_when_prisma_would_give_that_name_anyway() -> None:
    """`db pull` writes `map:` only for a name Prisma would not make itself; so do the suggested edits."""
    default = Index(name="orders_user_id_total_idx", columns=(IndexColumn(column="user_id"), IndexColumn(column="total")))
    other = default.model_copy(update={"name": "orders_by_user"})
    unique = Index(name="orders_code_key", columns=(IndexColumn(column="code"),), unique=True)

    def prisma(kind: FindingKind, item, **fields) -> str:
        return suggest_fix(finding(kind, table="orders", object=item.name, **fields), model="Order").prisma

    assert prisma(FindingKind.EXTRA_INDEX, default, actual_object=default) == (
        'add to model "Order": @@index([userId, total])'
    )
    assert prisma(FindingKind.EXTRA_INDEX, other, actual_object=other) == (
        'add to model "Order": @@index([userId, total], map: "orders_by_user")'
    )
    assert prisma(FindingKind.EXTRA_INDEX, unique, actual_object=unique) == 'add to model "Order": @@unique([code])'
    assert prisma(FindingKind.MISSING_INDEX, default, expected_object=default) == (
        'remove @@index([userId, total]) from model "Order"'
    )
    key = ForeignKey(
        name="orders_user_id_fkey", columns=("user_id",), referenced_schema="public", referenced_table="users",
        referenced_columns=("id",), on_delete="CASCADE", on_update="CASCADE",
    )
    assert prisma(FindingKind.EXTRA_FOREIGN_KEY, key, actual_object=key) == (
        'add to model "Order": user Users @relation(fields: [userId], references: [id], onDelete: Cascade, '
        'onUpdate: Cascade)  (`prisma format` then adds the opposite relation field to model "Users")'
    )
    renamed = key.model_copy(update={"name": "fk_orders_user"})
    assert 'onUpdate: Cascade, map: "fk_orders_user")' in prisma(
        FindingKind.EXTRA_FOREIGN_KEY, renamed, actual_object=renamed
    )
    # The relation points at the model schema.prisma maps to the referenced table, when the report knows it.
    mapped = suggest_fix(
        finding(FindingKind.EXTRA_FOREIGN_KEY, table="orders", object=key.name, actual_object=key),
        model="Order",
        models={("public", "users"): "User"},
    )
    assert mapped.prisma == (
        'add to model "Order": user User @relation(fields: [userId], references: [id], onDelete: Cascade, '
        'onUpdate: Cascade)  (`prisma format` then adds the opposite relation field to model "User")'
    )


def test_an_extra_foreign_key_over_a_nullable_column_or_to_its_own_table() -> None:
    """The relation field is optional when a key column is nullable in the database (Prisma requires it), and a
    key to the table itself gets a named relation with its opposite field spelled out (`prisma format` cannot)."""
    key = ForeignKey(
        name="nodes_parent_id_fkey", columns=("parent_id",), referenced_schema="public", referenced_table="nodes",
        referenced_columns=("id",), on_delete="SET NULL", on_update="CASCADE",
    )
    fix = suggest_fix(
        finding(FindingKind.EXTRA_FOREIGN_KEY, table="nodes", object=key.name, actual_object=key),
        model="Node",
        models={("public", "nodes"): "Node"},
        nullable=frozenset({"parent_id"}),
    )
    assert fix.prisma == (
        'add to model "Node": parent Node? @relation("nodes_parent_id_fkey", fields: [parentId], references: [id], '
        "onDelete: SetNull, onUpdate: Cascade)\n"
        'and its opposite field: parentOf Node[] @relation("nodes_parent_id_fkey")'
    )
    other = key.model_copy(update={"name": "orders_parent_id_fkey", "referenced_table": "users"})
    required = suggest_fix(
        finding(FindingKind.EXTRA_FOREIGN_KEY, table="orders", object=other.name, actual_object=other),
        model="Order",
        models={("public", "users"): "User"},
    )
    assert required.prisma.startswith('add to model "Order": parent User @relation(fields: [parentId]')


def test_a_relation_candidate_over_a_nullable_column_suggests_an_optional_relation() -> None:
    from drift.emit.fixes import RelationHint

    key = ForeignKey(
        name="subscriptions_product_id_fkey", columns=("product_id",), referenced_schema="public",
        referenced_table="products", referenced_columns=("id",), on_delete="SET NULL", on_update="CASCADE",
    )
    actual = Column(name="product_id", type="uuid", nullable=True)
    candidate = finding(
        FindingKind.RELATION_CANDIDATE,
        table="subscriptions",
        column="product_code",
        actual_object=actual,
        rename=RenameSuggestion(**{"from": "product_code", "to": "product_id", "confidence": 0.8}),
    )
    hint = RelationHint(foreign_key=key, target_model="Product")
    optional = suggest_fix(candidate, model="Subscription", relation=hint, nullable=frozenset({"product_id"}))
    assert optional.prisma.splitlines()[1:] == [
        'productId String? @map("product_id") @db.Uuid',
        "product Product? @relation(fields: [productId], references: [id], onDelete: SetNull, onUpdate: Cascade)",
    ]
    required = suggest_fix(candidate, model="Subscription", relation=hint)
    assert "product Product @relation(" in required.prisma


def test_a_suggested_model_with_an_unsupported_type_keeps_the_type_in_one_column() -> None:
    columns = (
        Column(name="id", type="integer", nullable=False),
        Column(name="area", type="polygon", nullable=True),
    )
    table = Table(schema_name="public", name="zones", columns=columns,
                  primary_key=PrimaryKey(name="zones_pkey", columns=("id",)))
    fix = suggest_fix(finding(FindingKind.EXTRA_TABLE, table=table.name, actual_object=table))
    assert fix.prisma.splitlines()[1:3] == ["  id   Int                     @id", '  area Unsupported("polygon")?']


def test_a_primary_key_is_swapped_in_from_an_index_built_concurrently() -> None:
    """No DROP + ADD PRIMARY KEY (an index build under ACCESS EXCLUSIVE): the old key is renamed aside (to a name
    within 63 bytes) while it is still the key found, the new key's index built CONCURRENTLY under the key's name,
    then swapped in with ADD PRIMARY KEY USING INDEX while the old key is aside; a second run does none of it."""
    name = "k" * 63
    fix = suggest_fix(
        finding(
            FindingKind.PRIMARY_KEY_MISMATCH,
            object=name,
            expected_object=PrimaryKey(name=name, columns=("id",)),
            actual_object=PrimaryKey(name=name, columns=("id", "sku")),
        ),
        model="Product",
    )
    aside = "k" * 59 + "_old"
    lines = fix.sql.splitlines()
    assert fix.sql.startswith("-- builds the new key's index without blocking reads or writes")
    # the rename aside: only while the key is the one found (its name, its columns)
    assert f"conname = '{name}'" in lines[2] and "= ARRAY['id', 'sku']::name[]" in lines[2]
    assert lines[4] == f'  THEN ALTER TABLE "public"."products" RENAME CONSTRAINT "{name}" TO "{aside}"; END IF; END $drift$;'
    assert f'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "public"."products" ("id");' in lines
    # the swap: only while the old key is aside
    assert f"conname = '{aside}')" in lines[-2]
    assert lines[-1] == (
        f'  THEN ALTER TABLE "public"."products" DROP CONSTRAINT "{aside}", '
        f'ADD CONSTRAINT "{name}" PRIMARY KEY USING INDEX "{name}"; END IF; END $drift$;'
    )


def test_a_primary_key_fix_drops_and_re_adds_the_foreign_keys_that_depend_on_it() -> None:
    """Only keys that reference the key's columns depend on its index; each comes back as it was, NOT VALID, in the
    transaction of the swap, and is validated after it (one that was NOT VALID is left so)."""

    def key(name: str, columns: tuple[str, ...], **fields) -> ForeignKey:
        return ForeignKey(
            name=name,
            columns=("product_id",),
            referenced_schema="public",
            referenced_table="products",
            referenced_columns=columns,
            **fields,
        )

    referencing = (
        ReferencingKey("public", "items", key("items_product_id_fkey", ("id",), on_delete="CASCADE")),
        ReferencingKey("public", "items", key("items_sku_fkey", ("sku",))),  # another unique index's
        ReferencingKey("shop", "notes", key("notes_fk", ("id",), deferrable=True, validated=False)),
    )
    fix = suggest_fix(
        finding(
            FindingKind.PRIMARY_KEY_MISMATCH,
            object="products_pkey",
            expected_object=PrimaryKey(name="products_pkey", columns=("id",)),
            actual_object=PrimaryKey(name="products_pkey", columns=("id",), include=("sku",)),
        ),
        model="Product",
        referencing=referencing,
    )
    lines = fix.sql.splitlines()
    assert '("items_product_id_fkey", "notes_fk") are dropped' in fix.sql
    # the swap block (one transaction): the dependent keys dropped, the key swapped, the keys added back NOT VALID
    assert lines[-2] == " ".join(
        [
            '  THEN ALTER TABLE "public"."items" DROP CONSTRAINT IF EXISTS "items_product_id_fkey";',
            'ALTER TABLE "shop"."notes" DROP CONSTRAINT IF EXISTS "notes_fk";',
            'ALTER TABLE "public"."products" DROP CONSTRAINT "products_pkey_old", '
            'ADD CONSTRAINT "products_pkey" PRIMARY KEY USING INDEX "products_pkey";',
            'ALTER TABLE "public"."items" ADD CONSTRAINT "items_product_id_fkey" FOREIGN KEY ("product_id") '
            'REFERENCES "public"."products" ("id") ON DELETE CASCADE ON UPDATE NO ACTION NOT VALID;',
            'ALTER TABLE "shop"."notes" ADD CONSTRAINT "notes_fk" FOREIGN KEY ("product_id") '
            'REFERENCES "public"."products" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION DEFERRABLE NOT VALID;',
            "END IF; END $drift$;",
        ]
    )
    assert lines[-1] == 'ALTER TABLE "public"."items" VALIDATE CONSTRAINT "items_product_id_fkey";'


def test_an_array_default_is_cast_to_a_list_type_even_for_a_scalar_column() -> None:
    # The database's column may be the scalar one that the type fix (run first) makes a list again.
    from drift.emit.fixes import sql_default

    assert sql_default("ARRAY[]", Column(name="tags", type="text", nullable=True)) == "ARRAY[]::text[]"
    assert sql_default("ARRAY[1]", Column(name="n", type="integer", nullable=True, dimensions=1)) == "ARRAY[1]::integer[]"


@pytest.mark.parametrize(
    ("default", "column", "expected"),
    [
        ("ARRAY['a']", Column(name="x", type="text", dimensions=1), '@default(["a"])'),
        ("ARRAY['a,b','it''s']", Column(name="x", type="text", dimensions=1), '@default(["a,b", "it\'s"])'),
        ("ARRAY[]", Column(name="x", type="text", dimensions=1), "@default([])"),
        ("ARRAY['x']", Column(name="x", type="character varying(5)", dimensions=1), '@default(["x"])'),
        ("ARRAY[1,-2]", Column(name="x", type="integer", dimensions=1), "@default([1, -2])"),
        ("ARRAY[1.5]", Column(name="x", type="double precision", dimensions=1), "@default([1.5])"),
        ("ARRAY[true,false]", Column(name="x", type="boolean", dimensions=1), "@default([true, false])"),
        ("ARRAY['USER']", Column(name="x", type="Role", type_schema="public", dimensions=1), "@default([USER])"),
        # What Prisma cannot write as a list stays dbgenerated.
        ("ARRAY[now()]", Column(name="x", type="text", dimensions=1), '@default(dbgenerated("ARRAY[now()]"))'),
        ("ARRAY[1.5]", Column(name="x", type="integer", dimensions=1), '@default(dbgenerated("ARRAY[1.5]"))'),
        ("ARRAY['1']", Column(name="x", type="integer", dimensions=1), "@default(dbgenerated(\"ARRAY['1']\"))"),
    ],
)
def test_a_list_default_is_suggested_as_prisma_writes_a_list(default, column, expected) -> None:
    # `dbgenerated("ARRAY['a']")` made Prisma's diff set the default again on every migration (the tester's repro_9);
    # `@default(["a"])` is what db pull writes, and the oracle's diff against the database is then empty.
    from drift.emit.fixes import column_default

    assert column_default(default, column) == expected


def test_a_missing_primary_key_suggests_ignoring_the_model_as_db_pull_does_when_nothing_else_is_unique() -> None:
    # "Remove the @id" alone left an invalid schema for a model without another unique criterion (the tester's
    # repro_3); db pull ignores such a table's model (oracle `pull`, and its `diff` was empty for the result).
    key = PrimaryKey(name="settings_pkey", columns=("user_id",))
    fix = suggest_fix(finding(FindingKind.MISSING_PRIMARY_KEY, table="settings", expected_object=key), model="Settings")
    assert fix.prisma.startswith('keep the @id / @@id of model "Settings" and add the key in the database')
    assert "/// The underlying table does not contain a valid unique identifier and can therefore currently not be" in fix.prisma
    assert "`@@ignore`" in fix.prisma and "`@ignore` on the relation fields to it" in fix.prisma


def test_control_characters_in_defaults_are_escaped_on_both_sides() -> None:
    """A default holding a line break was suggested as `@default("...<line break>...")`, which Prisma cannot parse,
    and as SQL with a raw line break in its literal (found by a reviewer)."""
    default = "'50% off\r\nline2\tend\x01'"
    assert prisma_default(default) == '@default("50% off\\r\\nline2\\tend\\u0001")'
    assert sql_default(default, None) == "E'50% off\\r\\nline2\\tend\\x01'"
    # Printable literals are left as they are, quotes and backslashes included.
    assert sql_default("'it''s a \\ path'", None) == "'it''s a \\ path'"
    assert sql_default("('a' || E'\\n')", None) == "('a' || E'\\n')"
