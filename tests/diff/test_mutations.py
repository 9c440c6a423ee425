"""Mutation tests on a real database: load Prisma's own SQL for the base schema, change one thing, and the check
reports exactly that one thing.

fixtures/mutations/base/: schema.prisma, and prisma.sql produced by Prisma's engine
(`oracle ddl fixtures/mutations/base/schema.prisma URL`).
"""

from __future__ import annotations

from functools import cache

import pytest

from drift.check import CheckOptions, run_check
from drift.diff.compare import alike_tables, compare_schemas
from drift.diff.findings import DriftReport, FindingKind
from drift.emit.context import ReportContext
from drift.emit.fixes import suggest_fix
from drift.postgres.introspect import introspect_database
from drift.prisma import ExpectedSchema, load_expected_schema
from tests.conftest import FIXTURES

BASE = FIXTURES / "mutations" / "base"
K = FindingKind


@cache
def expected_schema() -> ExpectedSchema:
    return load_expected_schema(BASE / "schema.prisma")


def check(database, mutation: str = "") -> DriftReport:
    database.load_file(BASE / "prisma.sql")
    if mutation:
        database.load(mutation, "<mutation>")
    expected = expected_schema()
    actual = introspect_database(database.conninfo, expected.schemas)
    report = compare_schemas(expected.database, actual)
    # The tables found alike ahead (as a sharded lowering does, each half on its own) change nothing: a table a
    # mutation touched is never among them.
    alike = alike_tables(expected.database.tables, actual)
    assert compare_schemas(expected.database, actual, alike=alike) == report
    assert not alike & {(finding.schema_name, finding.table) for finding in report.findings}
    return report


def test_unmutated_base_has_no_findings(database):
    report = check(database)
    assert report.findings == (), [f.message for f in report.findings]


MUTATIONS = {
    "drop_column": (
        'ALTER TABLE "products" DROP COLUMN "description";',
        K.MISSING_COLUMN,
        "products",
        "description",
        None,
    ),
    "add_column": (
        'ALTER TABLE "products" ADD COLUMN "weight_grams" integer;',
        K.EXTRA_COLUMN,
        "products",
        "weight_grams",
        None,
    ),
    "rename_column": (
        'ALTER TABLE "customers" RENAME COLUMN "full_name" TO "name";',
        K.RENAME_CANDIDATE,
        "customers",
        "name",
        None,
    ),
    "rename_column_to_synonym": (
        'ALTER TABLE "customers" RENAME COLUMN "is_active" TO "enabled";',
        K.RENAME_CANDIDATE,
        "customers",
        "enabled",
        None,
    ),
    "seed_is_active_became_status": (
        'ALTER TABLE "customers" RENAME COLUMN "is_active" TO "status";'
        'ALTER TABLE "customers" ALTER COLUMN "status" DROP DEFAULT;'
        """ALTER TABLE "customers" ALTER COLUMN "status" TYPE varchar(20) USING CASE WHEN "status" THEN 'active' ELSE 'inactive' END;"""
        """ALTER TABLE "customers" ALTER COLUMN "status" SET DEFAULT 'active';""",
        K.RENAME_CANDIDATE, "customers", "status", None,
    ),
    "change_type": (
        'ALTER TABLE "products" ALTER COLUMN "name" TYPE varchar(200);',
        K.TYPE_MISMATCH,
        "products",
        "name",
        None,
    ),
    "change_nullability": (
        'ALTER TABLE "orders" ALTER COLUMN "note" SET NOT NULL;',
        K.NULLABILITY_MISMATCH,
        "orders",
        "note",
        None,
    ),
    "drop_not_null": (
        'ALTER TABLE "customers" ALTER COLUMN "full_name" DROP NOT NULL;',
        K.NULLABILITY_MISMATCH,
        "customers",
        "full_name",
        None,
    ),
    "change_primary_key_columns": (
        'ALTER TABLE "order_items" DROP CONSTRAINT "order_items_pkey", ADD PRIMARY KEY ("order_id");',
        K.PRIMARY_KEY_MISMATCH,
        "order_items",
        None,
        "order_items_pkey",
    ),
    "change_primary_key_a_foreign_key_depends_on": (
        'CREATE UNIQUE INDEX "orders_pkey_include" ON "orders" ("id") INCLUDE ("customer_id");'
        'ALTER TABLE "order_items" DROP CONSTRAINT "order_items_order_id_fkey";'
        'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey",'
        ' ADD CONSTRAINT "orders_pkey" PRIMARY KEY USING INDEX "orders_pkey_include";'
        'ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_fkey" FOREIGN KEY ("order_id")'
        ' REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;',
        K.PRIMARY_KEY_MISMATCH,
        "orders",
        None,
        "orders_pkey",
    ),
    "change_default": (
        'ALTER TABLE "order_items" ALTER COLUMN "quantity" SET DEFAULT 2;',
        K.DEFAULT_MISMATCH,
        "order_items",
        "quantity",
        None,
    ),
    "drop_default": (
        'ALTER TABLE "customers" ALTER COLUMN "is_active" DROP DEFAULT;',
        K.DEFAULT_MISMATCH,
        "customers",
        "is_active",
        None,
    ),
    "drop_index": (
        'DROP INDEX "products_name_idx";',
        K.MISSING_INDEX,
        "products",
        None,
        "products_name_idx",
    ),
    "add_index": (
        'CREATE INDEX "products_price_cents_idx" ON "products" ("price_cents");',
        K.EXTRA_INDEX,
        "products",
        None,
        "products_price_cents_idx",
    ),
    "change_index_columns": (
        'DROP INDEX "orders_customer_id_placed_at_idx";'
        'CREATE INDEX "orders_customer_id_placed_at_idx" ON "orders" ("customer_id");',
        K.INDEX_MISMATCH,
        "orders",
        None,
        "orders_customer_id_placed_at_idx",
    ),
    "change_index_method": (
        'DROP INDEX "products_name_idx"; CREATE INDEX "products_name_idx" ON "products" USING hash ("name");',
        K.INDEX_MISMATCH,
        "products",
        None,
        "products_name_idx",
    ),
    "change_index_column_to_an_expression": (
        'DROP INDEX "products_name_idx"; CREATE INDEX "products_name_idx" ON "products" (lower("name"));',
        K.INDEX_MISMATCH,
        "products",
        None,
        "products_name_idx",
    ),
    "add_index_include_columns": (
        'DROP INDEX "products_name_idx"; CREATE INDEX "products_name_idx" ON "products" ("name") INCLUDE ("sku");',
        K.INDEX_MISMATCH,
        "products",
        None,
        "products_name_idx",
    ),
    "add_unique_constraint_include_columns": (
        'DROP INDEX "customers_email_key";'
        'ALTER TABLE "customers" ADD CONSTRAINT "customers_email_key" UNIQUE ("email") INCLUDE ("full_name");',
        K.INDEX_MISMATCH,
        "customers",
        None,
        "customers_email_key",
    ),
    "rename_index": (
        'ALTER INDEX "products_name_idx" RENAME TO "idx_products_name";',
        K.INDEX_NAME_MISMATCH,
        "products",
        None,
        "idx_products_name",
    ),
    "drop_unique": (
        'DROP INDEX "customers_email_key"; CREATE INDEX "customers_email_key" ON "customers" ("email");',
        K.INDEX_MISMATCH,
        "customers",
        None,
        "customers_email_key",
    ),
    "add_enum_value": (
        """ALTER TYPE "OrderStatus" ADD VALUE 'REFUNDED';""",
        K.ENUM_VALUE_EXTRA,
        None,
        None,
        "OrderStatus",
    ),
    "rename_enum_value": (
        """ALTER TYPE "OrderStatus" RENAME VALUE 'PAID' TO 'SETTLED';""",
        K.ENUM_VALUE_RENAME_CANDIDATE,
        None,
        None,
        "OrderStatus",
    ),
    # PostgreSQL renames the value in the column's default too: that is the rename, not a second difference.
    "rename_enum_default_value": (
        """ALTER TYPE "OrderStatus" RENAME VALUE 'PENDING' TO 'OPEN';""",
        K.ENUM_VALUE_RENAME_CANDIDATE,
        None,
        None,
        "OrderStatus",
    ),
    "add_unique_constraint": (
        'ALTER TABLE "products" ADD CONSTRAINT "products_name_key" UNIQUE ("name");',
        K.EXTRA_INDEX,
        "products",
        None,
        "products_name_key",
    ),
    "change_foreign_key_action": (
        'ALTER TABLE "orders" DROP CONSTRAINT "orders_customer_id_fkey";'
        'ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") '
        'REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
        K.FK_ACTION_MISMATCH,
        "orders",
        None,
        "orders_customer_id_fkey",
    ),
    "drop_foreign_key": (
        'ALTER TABLE "order_items" DROP CONSTRAINT "order_items_product_id_fkey";',
        K.MISSING_FOREIGN_KEY,
        "order_items",
        None,
        "order_items_product_id_fkey",
    ),
    "drop_table": (
        'DROP TABLE "order_items";',
        K.MISSING_TABLE,
        "order_items",
        None,
        None,
    ),
    "add_table": (
        'CREATE TABLE "audit_log" ("id" bigserial PRIMARY KEY, "payload" jsonb NOT NULL);',
        K.EXTRA_TABLE,
        "audit_log",
        None,
        None,
    ),
    "rename_table": (
        'ALTER TABLE "products" RENAME TO "product_catalog";',
        K.RENAME_CANDIDATE,
        "product_catalog",
        None,
        None,
    ),
    "legacy_many_to_many": (
        'ALTER TABLE "_ProductToTag" DROP CONSTRAINT "_ProductToTag_AB_pkey";'
        'CREATE UNIQUE INDEX "_ProductToTag_AB_unique" ON "_ProductToTag" ("A", "B");',
        K.LEGACY_MANY_TO_MANY,
        "_ProductToTag",
        None,
        "_ProductToTag_AB_unique",
    ),
    "index_name_truncated_by_postgresql": (
        # Created by hand with the full name: PostgreSQL keeps the first 63 bytes, Prisma keeps the "_idx" suffix.
        'DROP INDEX "products_warehouse_replenishment_threshold_units_price_cent_idx";'
        'CREATE INDEX "products_warehouse_replenishment_threshold_units_price_cents_idx" '
        'ON "products" ("warehouse_replenishment_threshold_units", "price_cents");',
        K.TRUNCATED_NAME,
        "products",
        None,
        "products_warehouse_replenishment_threshold_units_price_cents_id",
    ),
    "add_check_constraint": (
        'ALTER TABLE "products" ADD CONSTRAINT "price_positive" CHECK ("price_cents" > 0);',
        K.UNMANAGED_OBJECT,
        "products",
        None,
        "price_positive",
    ),
}


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_one_mutation_gives_exactly_one_finding(database, name):
    mutation, kind, table, column, object_name = MUTATIONS[name]
    report = check(database, mutation)
    assert len(report.findings) == 1, [f.message for f in report.findings]
    (finding,) = report.findings
    assert (finding.kind, finding.table, finding.column, finding.object) == (kind, table, column, object_name)
    assert finding.message.endswith(".")


def test_renamed_column_finding_names_both_sides(database):
    report = check(database, 'ALTER TABLE "customers" RENAME COLUMN "full_name" TO "name";')
    (finding,) = report.findings
    assert (finding.rename.from_name, finding.rename.to) == ("full_name", "name")
    assert finding.prisma is not None and finding.prisma.file.endswith("schema.prisma")
    assert finding.prisma.field == "fullName"


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ('("email") NULLS NOT DISTINCT', "NULLS NOT DISTINCT, which schema.prisma cannot state"),
        ('("email" NULLS FIRST)', "in the database it is email NULLS FIRST, which schema.prisma cannot state"),
    ],
)
def test_what_schema_prisma_cannot_state_about_a_declared_index_is_info(database, key, said):
    """NULLS NOT DISTINCT and NULLS FIRST / LAST: Prisma's engine leaves them alone (its diff is empty): one info
    finding, not an index_mismatch error."""
    report = check(
        database, f'DROP INDEX "customers_email_key"; CREATE UNIQUE INDEX "customers_email_key" ON "customers"{key};'
    )
    assert [(f.kind, f.severity.value, f.object) for f in report.findings] == [
        (K.UNMANAGED_OBJECT, "info", "customers_email_key")
    ]
    assert said in report.findings[0].message


def test_nulls_not_distinct_does_not_hide_another_index_difference(database):
    report = check(
        database,
        'DROP INDEX "customers_email_key";'
        'CREATE UNIQUE INDEX "customers_email_key" ON "customers" USING btree ("email" DESC) NULLS NOT DISTINCT;',
    )
    assert [(f.kind, f.object) for f in report.findings] == [(K.INDEX_MISMATCH, "customers_email_key")]


_READD_ORDERS_FK = (
    'ALTER TABLE "orders" DROP CONSTRAINT "orders_customer_id_fkey";'
    'ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") '
    'REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE'
)


def test_a_foreign_key_left_not_valid_is_a_warning_with_its_validation(database):
    """Prisma's engine does not see NOT VALID (its diff is empty); rows older than the key were never checked, so it
    is worth a warning, not a foreign_key_mismatch error. The fix validates it, and the check is then clean."""
    report = check(database, _READD_ORDERS_FK + " NOT VALID;")
    assert [(f.kind, f.severity.value, f.object) for f in report.findings] == [
        (K.UNVALIDATED_FOREIGN_KEY, "warning", "orders_customer_id_fkey")
    ]
    fix = suggest_fix(report.findings[0])
    assert fix.prisma is None
    assert fix.sql.endswith('ALTER TABLE "public"."orders" VALIDATE CONSTRAINT "orders_customer_id_fkey";')
    database.load(fix.sql, "<fix>")
    expected = expected_schema()
    after = compare_schemas(expected.database, introspect_database(database.conninfo, expected.schemas))
    assert after.findings == ()


def test_a_deferrable_foreign_key_is_a_note(database):
    report = check(database, _READD_ORDERS_FK + " DEFERRABLE INITIALLY DEFERRED;")
    assert [(f.kind, f.severity.value, f.object) for f in report.findings] == [
        (K.UNMANAGED_OBJECT, "info", "orders_customer_id_fkey")
    ]
    assert "DEFERRABLE INITIALLY DEFERRED, which schema.prisma cannot state" in report.findings[0].message


# Prisma's engine reads neither a unique constraint's nor a primary key's deferrability: db pull writes a plain
# @unique / @id (and a comment on the model), and its diff is empty. PostgreSQL refuses a deferrable one as the
# arbiter of INSERT ... ON CONFLICT, which upsert may use: a note, with no fix to suggest.
_DEFERRABLE_EMAIL_KEY = (
    'DROP INDEX "customers_email_key";'
    'ALTER TABLE "customers" ADD CONSTRAINT "customers_email_key" UNIQUE ({columns}) DEFERRABLE;'
)
_DEFERRED_ORDER_ITEMS_KEY = (
    'ALTER TABLE "order_items" DROP CONSTRAINT "order_items_pkey";'
    'ALTER TABLE "order_items" ADD CONSTRAINT "order_items_pkey" PRIMARY KEY ({columns}) DEFERRABLE INITIALLY DEFERRED;'
)


def test_a_deferrable_unique_constraint_is_a_note(database):
    report = check(database, _DEFERRABLE_EMAIL_KEY.format(columns='"email"'))
    assert [(f.kind, f.severity.value, f.table, f.object) for f in report.findings] == [
        (K.UNMANAGED_OBJECT, "info", "customers", "customers_email_key")
    ]
    (finding,) = report.findings
    assert 'Unique constraint "customers_email_key" on "customers" is DEFERRABLE in the database' in finding.message
    assert "ON CONFLICT arbiter" in finding.message
    assert (finding.expected, finding.actual) == (
        {"deferrable": False, "initially_deferred": False},
        {"deferrable": True, "initially_deferred": False},
    )
    fix = suggest_fix(finding)
    assert (fix.prisma, fix.sql) == (None, None)


def test_a_deferred_primary_key_is_a_note(database):
    report = check(database, _DEFERRED_ORDER_ITEMS_KEY.format(columns='"order_id", "product_id"'))
    assert [(f.kind, f.severity.value, f.table, f.object) for f in report.findings] == [
        (K.UNMANAGED_OBJECT, "info", "order_items", "order_items_pkey")
    ]
    (finding,) = report.findings
    assert (
        'Primary key "order_items_pkey" on "order_items" is DEFERRABLE INITIALLY DEFERRED in the database, '
        "which schema.prisma cannot state" in finding.message
    )
    fix = suggest_fix(finding)
    assert (fix.prisma, fix.sql) == (None, None)


@pytest.mark.parametrize(
    ("mutation", "kind", "name"),
    [
        (_DEFERRABLE_EMAIL_KEY.format(columns='"email", "full_name"'), K.INDEX_MISMATCH, "customers_email_key"),
        (
            _DEFERRED_ORDER_ITEMS_KEY.format(columns='"order_id", "product_id", "quantity"'),
            K.PRIMARY_KEY_MISMATCH,
            "order_items_pkey",
        ),
    ],
    ids=["unique constraint", "primary key"],
)
def test_a_deferrable_key_on_other_columns_is_still_a_mismatch(database, mutation, kind, name):
    report = check(database, mutation)
    assert sorted((f.kind, f.severity.value, f.object) for f in report.findings) == sorted(
        [(kind, "error", name), (K.UNMANAGED_OBJECT, "info", name)]
    )
    mismatch = next(f for f in report.findings if f.kind is kind)
    assert set(mismatch.actual) == {"columns"}, mismatch.actual


def test_a_primary_key_with_include_columns_schema_prisma_does_not_name_is_a_mismatch(database):
    """`@@id([order_id, product_id])` against PRIMARY KEY (order_id, product_id) INCLUDE (quantity): Prisma's diff
    rebuilds the key without the INCLUDE (oracle), so it is a mismatch; its schema.prisma fix names the INCLUDE
    columns as more keys, as db pull writes them (which Prisma's diff takes as the same key), and its SQL fix
    converges."""
    report = check(
        database,
        'ALTER TABLE "order_items" DROP CONSTRAINT "order_items_pkey";'
        'ALTER TABLE "order_items" ADD CONSTRAINT "order_items_pkey" PRIMARY KEY ("order_id", "product_id") '
        'INCLUDE ("quantity");',
    )
    assert [(f.kind, f.severity.value, f.object) for f in report.findings] == [
        (K.PRIMARY_KEY_MISMATCH, "error", "order_items_pkey")
    ]
    (finding,) = report.findings
    assert (finding.expected, finding.actual) == ({"include": []}, {"include": ["quantity"]})
    fix = suggest_fix(finding)
    assert "@@id([orderId, productId, quantity]" in fix.prisma, fix.prisma
    database.load(fix.sql, "<fix>")
    expected = expected_schema()
    after = compare_schemas(expected.database, introspect_database(database.conninfo, expected.schemas))
    assert after.findings == ()


def test_a_column_of_a_domain_over_its_type_is_info(database):
    """Prisma's engine reads a domain as its base type (its diff is empty; `db pull` writes String): a note."""
    report = check(database, 'CREATE DOMAIN email AS text; ALTER TABLE "customers" ALTER COLUMN "email" TYPE email;')
    assert [(f.kind, f.severity.value, f.column) for f in report.findings] == [
        (K.UNMANAGED_OBJECT, "info", "email")
    ]
    assert 'is of the domain "email" in the database, compared as its base type' in report.findings[0].message


def test_a_column_of_a_domain_over_another_type_is_a_type_mismatch(database):
    report = check(
        database, 'CREATE DOMAIN short AS varchar(40); ALTER TABLE "customers" ALTER COLUMN "email" TYPE short;'
    )
    kinds = [(f.kind, f.column) for f in report.findings]
    assert (K.TYPE_MISMATCH, "email") in kinds and (K.UNMANAGED_OBJECT, "email") in kinds, kinds
    mismatch = next(f for f in report.findings if f.kind is K.TYPE_MISMATCH)
    assert mismatch.actual == "character varying(40)"


def test_an_invalid_declared_index_is_rebuilt_concurrently(database):
    """A failed CREATE INDEX CONCURRENTLY leaves an INVALID index (Prisma's engine does not look: its diff is empty).
    It is an error, said plainly; the fix rebuilds it in place and works once the duplicate row is gone."""
    database.load_file(BASE / "prisma.sql")
    with database.connect() as connection:
        connection.execute('DROP INDEX "customers_email_key"')
        connection.execute(
            "INSERT INTO customers (email, full_name) VALUES ('a@example.com', 'A'), ('a@example.com', 'B')"
        )
        with pytest.raises(Exception, match="could not create unique index"):
            connection.execute('CREATE UNIQUE INDEX CONCURRENTLY "customers_email_key" ON customers (email)')
    expected = expected_schema()
    report = compare_schemas(expected.database, introspect_database(database.conninfo, expected.schemas))
    assert [(f.kind, f.object) for f in report.findings] == [(K.INDEX_MISMATCH, "customers_email_key")]
    assert "is INVALID in the database" in report.findings[0].message
    fix = suggest_fix(report.findings[0])
    assert fix.sql.endswith('REINDEX INDEX CONCURRENTLY "public"."customers_email_key";')
    with database.connect() as connection:
        connection.execute("DELETE FROM customers WHERE full_name = 'B'")
        connection.execute(fix.sql)
    after = compare_schemas(expected.database, introspect_database(database.conninfo, expected.schemas))
    assert after.findings == ()


# Mutations whose fixes cannot bring back what schema.prisma describes by themselves, and why.
NOT_RESTORED_BY_FIX = {
    "add_enum_value": "PostgreSQL cannot drop an enum value: the fix is a comment",
    "add_check_constraint": "an object schema.prisma cannot state: an info note, no fix",
}


def fix_script(database) -> tuple[str, int]:
    """The SQL of every finding's fix as the report gives it (with the report's context), in the report's order,
    and the number of findings."""
    result = run_check(CheckOptions(schema=BASE / "schema.prisma", db=database.url))
    context = ReportContext.for_check(result)
    fixes = [context.fix(finding).sql for finding in result.report.findings]
    return "\n".join(sql for sql in fixes if sql), len(result.report.findings)


@pytest.mark.parametrize("name", [name for name in MUTATIONS if name not in NOT_RESTORED_BY_FIX])
def test_the_fix_sql_restores_the_schema_and_a_second_run_changes_nothing(database, name):
    """The brief's promise for the SQL drift emits: it fixes the database (the check is clean after it) and it is
    idempotent (run again, it succeeds and changes nothing)."""
    database.load_file(BASE / "prisma.sql")
    database.load(MUTATIONS[name][0], "<mutation>")
    script, count = fix_script(database)
    assert count >= 1 and script
    database.load(script, "<fix>")
    assert fix_script(database) == ("", 0), script
    objects = catalog_objects(database)
    database.load(script, "<fix, again>")
    assert fix_script(database) == ("", 0), script
    # Nothing rebuilt, re-added or replaced: every relation and constraint is the same object as after the first run.
    assert catalog_objects(database) == objects, script


def catalog_objects(database) -> dict[tuple[str, str], int]:
    """Every relation (tables, indexes, sequences) and constraint of the public schema by name, with its oid."""
    with database.connect() as connection:
        rows = connection.execute(
            "SELECT 'relation', relname, oid::int8 FROM pg_class WHERE relnamespace = 'public'::regnamespace"
            " UNION ALL SELECT 'constraint', conname, oid::int8 FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace"
        ).fetchall()
    return {(kind, name): oid for kind, name, oid in rows}


@pytest.mark.parametrize(
    "unique",
    [
        'CREATE UNIQUE INDEX "customers_email_key" ON "customers" ("email") INCLUDE ("full_name");',
        'ALTER TABLE "customers" ADD CONSTRAINT "customers_email_key" UNIQUE ("email") INCLUDE ("full_name");',
    ],
    ids=["index", "constraint"],
)
def test_a_unique_index_a_foreign_key_depends_on_is_replaced_with_the_key_kept(database, unique):
    """A foreign key that references a unique index's columns depends on that index: DROP INDEX refuses to drop it.
    The fix moves the key to the new index (dropped and re-added NOT VALID with the old index, then validated); run
    again, it changes nothing."""
    database.load_file(BASE / "prisma.sql")
    database.load(
        'DROP INDEX "customers_email_key";'
        + unique
        + 'ALTER TABLE "orders" ADD COLUMN "customer_email" TEXT REFERENCES "customers" ("email") MATCH FULL;',
        "<mutation>",
    )
    result = run_check(CheckOptions(schema=BASE / "schema.prisma", db=database.url))
    context = ReportContext.for_check(result)
    (mismatch,) = [finding for finding in result.report.findings if finding.kind is K.INDEX_MISMATCH]
    script = context.fix(mismatch).sql
    assert '"orders_customer_email_fkey"' in script and "NOT VALID" in script
    database.load(script, "<fix>")

    def key_and_its_index() -> tuple:
        with database.connect() as connection:
            return connection.execute(
                "SELECT k.convalidated, k.confmatchtype, c.relname, i.indnatts FROM pg_constraint k"
                " JOIN pg_class c ON c.oid = k.conindid"
                " JOIN pg_index i ON i.indexrelid = k.conindid WHERE k.conname = 'orders_customer_email_fkey'"
            ).fetchone()

    # The key is valid, still MATCH FULL, and bound to the new index (one column, no INCLUDE); only the extra column
    # and key are left.
    assert key_and_its_index() == (True, "f", "customers_email_key", 1)
    assert_only_the_extra_key_is_left_and_a_rerun_changes_nothing(database, script)


def test_a_copy_of_a_unique_index_a_foreign_key_is_bound_to_is_dropped_with_the_key_moved(database):
    """PostgreSQL binds a new foreign key to the oldest unique index on its referenced columns, which may be a copy of
    the declared one: DROP INDEX then fails. The copy's fix moves the key to the declared index as the copy goes;
    run again, it changes nothing."""
    database.load_file(BASE / "prisma.sql")
    database.load(
        'DROP INDEX "customers_email_key";'
        'CREATE UNIQUE INDEX "customers_email_copy" ON "customers" ("email");'
        'ALTER TABLE "orders" ADD COLUMN "customer_email" TEXT REFERENCES "customers" ("email");'
        'CREATE UNIQUE INDEX "customers_email_key" ON "customers" ("email");',
        "<mutation>",
    )

    def bound_to() -> tuple:
        with database.connect() as connection:
            return connection.execute(
                "SELECT k.convalidated, c.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conindid"
                " WHERE k.conname = 'orders_customer_email_fkey'"
            ).fetchone()

    assert bound_to() == (True, "customers_email_copy")
    result = run_check(CheckOptions(schema=BASE / "schema.prisma", db=database.url))
    (copy,) = [finding for finding in result.report.findings if finding.kind is K.EXTRA_INDEX]
    script = ReportContext.for_check(result).fix(copy).sql
    database.load(script, "<fix>")
    assert bound_to() == (True, "customers_email_key")
    assert_only_the_extra_key_is_left_and_a_rerun_changes_nothing(database, script)


def assert_only_the_extra_key_is_left_and_a_rerun_changes_nothing(database, script: str) -> None:
    """After a fix of the mutations above, run once: only their extra column and key are left to report, and the
    fix run again replaces nothing."""
    findings = run_check(CheckOptions(schema=BASE / "schema.prisma", db=database.url)).report.findings
    assert sorted(finding.kind.value for finding in findings) == ["extra_column", "extra_foreign_key"]
    objects = catalog_objects(database)
    database.load(script, "<fix, again>")
    assert catalog_objects(database) == objects
