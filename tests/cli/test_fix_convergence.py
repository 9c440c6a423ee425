"""The suggested SQL is real SQL: applied to the drifted database, statement by statement as a user would run it,
a second `drift check` finds only what SQL cannot or should not repair (a PostgreSQL enum value cannot be dropped;
unmanaged objects are left alone; a relation suggestion needs a data migration)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drift.cli import app
from drift.sources.sqlscript import ScriptError
from tests.conftest import FIXTURES

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def check_json(schema: Path, url: str) -> dict:
    result = CliRunner().invoke(
        app, ["check", "--schema", str(schema), "--db", url, "--format", "json"], env={"DATABASE_URL": ""}
    )
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def apply_fixes(database, report: dict) -> int:
    applied = 0
    for finding in report["findings"]:
        sql = finding["fix"]["sql"]
        if sql:
            database.load(sql, f"fix for {finding['kind']} {finding['table']}")
            applied += 1
    return applied


def test_shop_fixes_converge(database) -> None:
    database.load_file(GOLDEN / "shop" / "database.sql")
    before = check_json(GOLDEN / "shop" / "schema.prisma", database.url)
    assert apply_fixes(database, before) >= 6
    after = check_json(GOLDEN / "shop" / "schema.prisma", database.url)
    assert Counter(finding["kind"] for finding in after["findings"]) == Counter(
        {"enum_value_extra": 1, "unmanaged_object": 1}
    )


@pytest.mark.skipif(not (FIXTURES / "mpanel" / "production.sql").is_file(), reason="fixtures/mpanel is not there")
def test_mpanel_fixes_converge(database) -> None:
    schema = FIXTURES / "mpanel" / "schema.prisma"
    database.load_file(FIXTURES / "mpanel" / "production.sql")
    apply_fixes(database, check_json(schema, database.url))
    after = check_json(schema, database.url)
    left = Counter((finding["kind"], finding["table"], finding["column"]) for finding in after["findings"])
    # The relation: product_code is added for the backfill; product_id (and its foreign key) stay until the data
    # migration is done, so the database still has the extra column.
    assert left == Counter(
        {
            ("enum_value_extra", None, None): 1,
            ("unmanaged_object", "payments", None): 1,
            ("extra_column", "subscriptions", "product_id"): 1,
            ("extra_foreign_key", "subscriptions", None): 1,
            ("nullability_mismatch", "subscriptions", "product_code"): 1,
        }
    ), after["findings"]


SHOP = Path(__file__).resolve().parent / "shop"
MUTATIONS = {
    "missing_index": 'DROP INDEX "orders_user_id_idx";',
    "missing_unique_index": 'DROP INDEX "users_email_key";',
    # A UNIQUE constraint's index cannot be dropped on its own (DROP INDEX fails): the fix drops the constraint.
    "unique_constraint_mismatch": 'DROP INDEX "users_email_key"; '
    'ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email", "role");',
    "missing_foreign_key": 'ALTER TABLE "orders" DROP CONSTRAINT "orders_user_id_fkey";',
    "missing_table": 'DROP TABLE "orders";',
    "missing_enum_and_column": 'ALTER TABLE "users" DROP COLUMN "role"; DROP TYPE "Role";',
    "missing_primary_key": 'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey";',
    "missing_column": 'ALTER TABLE "orders" DROP COLUMN "note";',
    "nullability": 'ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;',
    "default_changed": 'ALTER TABLE "users" ALTER COLUMN "is_active" SET DEFAULT false;',
    "default_dropped": 'ALTER TABLE "users" ALTER COLUMN "is_active" DROP DEFAULT;',
    "type": 'ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric(14,2);',
    "extra_column": 'ALTER TABLE "orders" ADD COLUMN "legacy" text;',
    "extra_table": 'CREATE TABLE "junk" ("id" integer PRIMARY KEY);',
    "extra_index": 'CREATE INDEX "orders_note_idx" ON "orders" ("note");',
    "renamed_column": 'ALTER TABLE "users" RENAME COLUMN "is_active" TO "enabled";',
    "enum_value_missing": (
        'ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT; ALTER TYPE "Role" RENAME TO "RoleOld"; '
        """CREATE TYPE "Role" AS ENUM ('ADMIN'); ALTER TABLE "users" ALTER COLUMN "role" TYPE "Role" """
        'USING "role"::text::"Role";'
    ),
    "index_renamed": 'ALTER INDEX "orders_user_id_idx" RENAME TO "orders_uid_idx";',
    "primary_key_renamed": 'ALTER TABLE "orders" RENAME CONSTRAINT "orders_pkey" TO "orders_pk";',
    "foreign_key_renamed": 'ALTER TABLE "orders" RENAME CONSTRAINT "orders_user_id_fkey" TO "orders_user_fk";',
    "enum_renamed": 'ALTER TYPE "Role" RENAME TO "UserRole";',
    "enum_value_renamed": """ALTER TYPE "Role" RENAME VALUE 'ADMIN' TO 'ADMINISTRATOR';""",
    # Fixes applied in report order: the column's before the table's own rename, which comes last in its table.
    "rename_table_and_column": 'ALTER TABLE "orders" RENAME COLUMN "note" TO "order_note"; '
    'ALTER TABLE "orders" RENAME TO "customer_orders";',
    # The key rebuilt with an INCLUDE column, as a user would have to: the foreign key that depends on its index is
    # dropped first and added again after. The fix swaps in a key built CONCURRENTLY, dropping and re-adding the
    # foreign key around it (DROP CONSTRAINT alone fails: orders_user_id_fkey depends on the key's index).
    "primary_key_include_referenced": (
        'ALTER TABLE "orders" DROP CONSTRAINT "orders_user_id_fkey"; '
        'ALTER TABLE "users" DROP CONSTRAINT "users_pkey"; '
        'ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY ("id") INCLUDE ("email"); '
        'ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") '
        "ON DELETE CASCADE ON UPDATE CASCADE;"
    ),
    # The same, with the INVALID index a failed run of the fix's CONCURRENTLY build would have left behind (marked
    # invalid in the catalog, as such a build leaves it): the fix drops it before building again.
    "primary_key_fix_after_a_failed_build": (
        'ALTER TABLE "orders" DROP CONSTRAINT "orders_user_id_fkey"; '
        'ALTER TABLE "users" DROP CONSTRAINT "users_pkey"; '
        'ALTER TABLE "users" ADD CONSTRAINT "users_pkey" PRIMARY KEY ("id") INCLUDE ("email"); '
        'ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") '
        "ON DELETE CASCADE ON UPDATE CASCADE; "
        'CREATE UNIQUE INDEX "users_pkey_new" ON "users" ("id"); '
        """UPDATE pg_index SET indisvalid = false WHERE indexrelid = '"users_pkey_new"'::regclass;"""
    ),
    "primary_key_columns": 'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey"; '
    'ALTER TABLE "orders" ADD CONSTRAINT "orders_pkey" PRIMARY KEY ("id", "user_id");',
    "fk_action": (
        'ALTER TABLE "orders" DROP CONSTRAINT "orders_user_id_fkey"; ALTER TABLE "orders" ADD CONSTRAINT '
        '"orders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;'
    ),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_fix_sql_repairs_each_kind_of_drift(database, mutation: str) -> None:
    database.load_file(SHOP / "prisma.sql")
    database.load(MUTATIONS[mutation], mutation)
    before = check_json(SHOP / "schema.prisma", database.url)
    assert before["findings"], "the mutation must be seen"
    apply_fixes(database, before)
    after = check_json(SHOP / "schema.prisma", database.url)
    assert after["findings"] == [], [finding["message"] for finding in after["findings"]]


RENAMES = [
    "renamed_column",
    "index_renamed",
    "primary_key_renamed",
    "foreign_key_renamed",
    "enum_renamed",
    "enum_value_renamed",
    "rename_table_and_column",
]


@pytest.mark.parametrize("mutation", RENAMES)
def test_rename_fixes_can_run_twice(database, mutation: str) -> None:
    """A second run of the whole fix (as after an interrupted run, or by a careful user) changes nothing and fails
    nowhere: RENAME has no IF EXISTS for columns, constraints and enum values, so those are guarded DO blocks."""
    database.load_file(SHOP / "prisma.sql")
    database.load(MUTATIONS[mutation], mutation)
    before = check_json(SHOP / "schema.prisma", database.url)
    assert any(finding["kind"].endswith(("rename_candidate", "name_mismatch")) for finding in before["findings"])
    apply_fixes(database, before)
    apply_fixes(database, before)
    after = check_json(SHOP / "schema.prisma", database.url)
    assert after["findings"] == [], [finding["message"] for finding in after["findings"]]


def test_fixes_in_a_renamed_table_say_they_run_before_its_rename(database) -> None:
    database.load_file(SHOP / "prisma.sql")
    database.load(
        'ALTER TABLE "orders" ADD COLUMN "legacy" text; ALTER TABLE "orders" RENAME TO "customer_orders";', "renamed"
    )
    before = check_json(SHOP / "schema.prisma", database.url)
    fixes = {finding["kind"]: finding["fix"]["sql"] for finding in before["findings"]}
    assert set(fixes) == {"extra_column", "rename_candidate"}
    note = '-- names the table as the database has it ("customer_orders"): run it before the table\'s rename to "orders".'
    assert fixes["extra_column"].splitlines()[1] == note  # after the DESTRUCTIVE line, which stays first
    assert note not in fixes["rename_candidate"]
    assert [finding["kind"] for finding in before["findings"]][-1] == "rename_candidate"  # the table's rename last


MISSING_KEY = {
    "dropped": 'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey";',
    # The key dropped and its index built again without it (repro: the tester's repro_2).
    "its index left": 'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey"; '
    'CREATE UNIQUE INDEX "orders_pkey" ON "orders" ("id");',
    # An earlier run's CONCURRENTLY build that failed leaves the index INVALID; USING INDEX would refuse it.
    "an invalid leftover": 'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey"; '
    'CREATE UNIQUE INDEX "orders_pkey" ON "orders" ("id"); '
    """UPDATE pg_index SET indisvalid = false WHERE indexrelid = '"orders_pkey"'::regclass;""",
}


@pytest.mark.parametrize("drifted", sorted(MISSING_KEY))
def test_a_missing_primary_key_is_added_from_an_index_built_concurrently_and_can_run_twice(database, drifted):
    database.load_file(SHOP / "prisma.sql")
    database.load(MISSING_KEY[drifted], drifted)
    before = check_json(SHOP / "schema.prisma", database.url)
    fixes = {finding["kind"]: finding["fix"]["sql"] for finding in before["findings"]}
    sql = fixes["missing_primary_key"]
    assert 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "orders_pkey" ON "public"."orders" ("id");' in sql
    assert 'ADD CONSTRAINT "orders_pkey" PRIMARY KEY USING INDEX "orders_pkey";' in sql
    database.load(sql, "missing_primary_key")
    database.load(sql, "missing_primary_key, again")
    after = check_json(SHOP / "schema.prisma", database.url)
    assert after["findings"] == [], [finding["message"] for finding in after["findings"]]


def test_a_missing_primary_key_fix_stops_at_an_index_of_its_name_on_other_columns(database) -> None:
    database.load_file(SHOP / "prisma.sql")
    database.load(
        'ALTER TABLE "orders" DROP CONSTRAINT "orders_pkey"; CREATE UNIQUE INDEX "orders_pkey" ON "orders" ("note");',
        "another orders_pkey",
    )
    before = check_json(SHOP / "schema.prisma", database.url)
    sql = next(f["fix"]["sql"] for f in before["findings"] if f["kind"] == "missing_primary_key")
    with pytest.raises(ScriptError, match='index "orders_pkey" is not on'):
        database.load(sql, "missing_primary_key")
    with database.connect() as connection:
        keys = connection.execute("SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'p'")
        assert keys.fetchone() == (0,)


TREE_PRISMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Category {
  id       Int        @id
  parentId Int?       @map("parent_id")
  parent   Category?  @relation("tree", fields: [parentId], references: [id])
  children Category[] @relation("tree")
  items    Item[]

  @@map("categories")
}

model Item {
  id         Int      @id
  categoryId Int      @map("category_id")
  category   Category @relation(fields: [categoryId], references: [id], onDelete: Cascade)

  @@index([categoryId])
  @@map("items")
}
"""
# Prisma's SQL for TREE_PRISMA, except that the categories' key carries INCLUDE ("parent_id"): two foreign keys depend
# on its index, one of them on the table itself.
TREE_DRIFTED = """
CREATE TABLE "categories" ("id" INTEGER NOT NULL, "parent_id" INTEGER,
  CONSTRAINT "categories_pkey" PRIMARY KEY ("id") INCLUDE ("parent_id"));
CREATE TABLE "items" ("id" INTEGER NOT NULL, "category_id" INTEGER NOT NULL, CONSTRAINT "items_pkey" PRIMARY KEY ("id"));
CREATE INDEX "items_category_id_idx" ON "items"("category_id");
ALTER TABLE "categories" ADD CONSTRAINT "categories_parent_id_fkey" FOREIGN KEY ("parent_id")
  REFERENCES "categories"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "items" ADD CONSTRAINT "items_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "categories"("id")
  ON DELETE CASCADE ON UPDATE CASCADE;
INSERT INTO "categories" VALUES (1, NULL), (2, 1), (3, 2);
INSERT INTO "items" VALUES (1, 1), (2, 3);
"""


def test_a_primary_key_fix_keeps_the_foreign_keys_that_depend_on_it(database, tmp_path) -> None:
    """The key is swapped in from an index built CONCURRENTLY; the foreign keys on its index (from another table and
    from the table itself) are dropped and re-added in the swap's transaction and validated after. Run twice (as after
    an interrupted run) it still converges, and the rows are kept."""
    schema = tmp_path / "schema.prisma"
    schema.write_text(TREE_PRISMA)
    database.load(TREE_DRIFTED, "categories' key with INCLUDE")
    before = check_json(schema, database.url)
    assert [(f["kind"], f["table"]) for f in before["findings"]] == [("primary_key_mismatch", "categories")]
    sql = before["findings"][0]["fix"]["sql"]
    assert 'RENAME CONSTRAINT "categories_pkey" TO "categories_pkey_old"' in sql
    assert 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "categories_pkey"' in sql
    assert 'PRIMARY KEY USING INDEX "categories_pkey";' in sql
    for name in ("categories_parent_id_fkey", "items_category_id_fkey"):
        assert f'DROP CONSTRAINT IF EXISTS "{name}";' in sql and f'VALIDATE CONSTRAINT "{name}";' in sql
    apply_fixes(database, before)
    apply_fixes(database, before)
    assert check_json(schema, database.url)["findings"] == []
    with database.connect() as connection:
        joined = connection.execute('SELECT count(*) FROM "categories" JOIN "items" ON "category_id" = "categories"."id"')
        assert joined.fetchone() == (2,)


# Prisma's own SQL for this schema (prisma-oracle diff against an empty database) puts "Invoice" and its enum in
# "billing"; here they were created in "public" instead, as if moved there (or as if their @@schema were wrong).
MULTI_SCHEMA_PRISMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
  schemas  = ["public", "billing"]
}

enum InvoiceStatus {
  DRAFT
  PAID

  @@schema("billing")
}

model Invoice {
  id       Int           @id @default(autoincrement())
  number   String        @unique
  status   InvoiceStatus @default(DRAFT)
  payments Payment[]

  @@schema("billing")
}

model Payment {
  id        Int     @id @default(autoincrement())
  invoiceId Int
  invoice   Invoice @relation(fields: [invoiceId], references: [id])

  @@index([invoiceId])
  @@schema("public")
}
"""
MOVED_TABLE_SQL = """CREATE SCHEMA IF NOT EXISTS "billing";
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'PAID');
CREATE TABLE "Invoice" ("id" SERIAL NOT NULL, "number" TEXT NOT NULL,
  "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT', CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Payment" ("id" SERIAL NOT NULL, "invoiceId" INTEGER NOT NULL,
  CONSTRAINT "Payment_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");
CREATE INDEX "Payment_invoiceId_idx" ON "Payment"("invoiceId");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id")
  ON DELETE RESTRICT ON UPDATE CASCADE;
"""


@pytest.mark.parametrize("direction", ["sql", "prisma"])
def test_a_table_or_enum_in_another_schema_is_one_finding_and_either_fix_repairs_it(database, tmp_path, direction):
    schema = tmp_path / "schema.prisma"
    schema.write_text(MULTI_SCHEMA_PRISMA)
    database.load(MOVED_TABLE_SQL, "Invoice and InvoiceStatus created in public")
    before = check_json(schema, database.url)
    found = [(f["kind"], f["table"], f["object"], f["expected"], f["actual"]) for f in before["findings"]]
    assert found == [
        ("schema_mismatch", None, "InvoiceStatus", "billing", "public"),
        ("schema_mismatch", "Invoice", None, "billing", "public"),
    ], [f["message"] for f in before["findings"]]
    enum_fix, table_fix = (finding["fix"] for finding in before["findings"])
    assert table_fix["sql"] == 'ALTER TABLE IF EXISTS "public"."Invoice" SET SCHEMA "billing";'
    assert table_fix["prisma"] == 'set @@schema("public") (not "billing") on model "Invoice"'
    assert 'ALTER TYPE "public"."InvoiceStatus" SET SCHEMA "billing";' in enum_fix["sql"]
    assert enum_fix["prisma"] == 'set @@schema("public") (not "billing") on enum "InvoiceStatus"'
    if direction == "sql":
        apply_fixes(database, before)
        apply_fixes(database, before)  # idempotent: a second run changes nothing
    else:
        schema.write_text(MULTI_SCHEMA_PRISMA.replace('@@schema("billing")', '@@schema("public")'))
    assert check_json(schema, database.url)["findings"] == []


ARRAY_DEFAULTS_PRISMA = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

enum Role {
  ADMIN
  USER
}

model Thing {
  id    Int      @id
  tags  String[] @default([])
  roles Role[]   @default([USER])
  nums  Int[]    @default([1, 2])
}
"""
# Prisma's SQL for it (prisma-oracle diff against an empty database): `ARRAY[]::TEXT[]`, `ARRAY['USER']::"Role"[]`.
ROLE_TYPE = """CREATE TYPE "Role" AS ENUM ('ADMIN', 'USER');"""
ARRAY_DEFAULTS_DRIFTED = {
    "columns missing": ROLE_TYPE + 'CREATE TABLE "Thing" ("id" INTEGER NOT NULL, '
    'CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));',
    "defaults missing": ROLE_TYPE + 'CREATE TABLE "Thing" ("id" INTEGER NOT NULL, '
    '"tags" TEXT[], "roles" "Role"[], "nums" INTEGER[], CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));',
}


@pytest.mark.parametrize("drifted", sorted(ARRAY_DEFAULTS_DRIFTED))
def test_array_defaults_in_fixes_carry_the_column_type(database, tmp_path, drifted) -> None:
    # `DEFAULT ARRAY[]` alone is an error ("cannot determine type of empty array") and `ARRAY['USER']` is text[],
    # which does not assign to an enum array (found by dropping random columns of the corpus databases: langfuse).
    schema = tmp_path / "schema.prisma"
    schema.write_text(ARRAY_DEFAULTS_PRISMA)
    database.load(ARRAY_DEFAULTS_DRIFTED[drifted], drifted)
    before = check_json(schema, database.url)
    assert len(before["findings"]) == 3, [f["message"] for f in before["findings"]]
    assert apply_fixes(database, before) == 3
    assert check_json(schema, database.url)["findings"] == []


def test_a_list_default_fix_after_the_list_became_scalar_is_typed_as_the_list(database, tmp_path) -> None:
    """The column is text in the database (default dropped) and String[] @default([]) in schema.prisma: the default's
    fix ran after the type's and said `ARRAY[]::text` ("cannot determine type of empty array"; the tester's repro_5)."""
    schema = tmp_path / "schema.prisma"
    schema.write_text(ARRAY_DEFAULTS_PRISMA)
    database.load(
        ROLE_TYPE + 'CREATE TABLE "Thing" ("id" INTEGER NOT NULL, "tags" TEXT, "roles" "Role"[] DEFAULT '
        """ARRAY['USER']::"Role"[], "nums" INTEGER[] DEFAULT ARRAY[1, 2], CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));""",
        "tags became text",
    )
    before = check_json(schema, database.url)
    assert [(f["kind"], f["column"]) for f in before["findings"]] == [
        ("type_mismatch", "tags"),
        ("default_mismatch", "tags"),
    ], [f["message"] for f in before["findings"]]
    assert before["findings"][1]["fix"]["sql"].endswith("SET DEFAULT ARRAY[]::text[];")
    apply_fixes(database, before)
    apply_fixes(database, before)
    assert check_json(schema, database.url)["findings"] == []


def test_suggested_list_defaults_converge_in_schema_prisma(database, tmp_path) -> None:
    """The database's list defaults, written into schema.prisma as suggested, leave no drift (and Prisma's diff
    against this database was empty for them too: oracle, `@default(["a", "b c"])`, `[USER]`, `[1, -2]`)."""
    schema = tmp_path / "schema.prisma"
    plain = ARRAY_DEFAULTS_PRISMA.replace(" @default([])", "").replace(" @default([USER])", "")
    schema.write_text(plain.replace(" @default([1, 2])", ""))
    database.load(
        ROLE_TYPE + """CREATE TABLE "Thing" ("id" INTEGER NOT NULL, "tags" TEXT[] DEFAULT '{a,"b c"}',
        "roles" "Role"[] DEFAULT '{USER}', "nums" INTEGER[] DEFAULT '{1,-2}', CONSTRAINT "Thing_pkey" PRIMARY KEY ("id"));""",
        "list defaults",
    )
    before = check_json(schema, database.url)
    suggested = {f["column"]: f["fix"]["prisma"] for f in before["findings"]}
    assert suggested == {
        "tags": 'set @default(["a", "b c"]) on field "tags" of model "Thing"',
        "roles": 'set @default([USER]) on field "roles" of model "Thing"',
        "nums": 'set @default([1, -2]) on field "nums" of model "Thing"',
    }
    lines = schema.read_text().splitlines()
    for field, fix in suggested.items():
        attribute = fix.removeprefix("set ").split(" on field ")[0]
        lines = [line + " " + attribute if line.startswith(f"  {field} ") else line for line in lines]
    schema.write_text("\n".join(lines) + "\n")
    assert check_json(schema, database.url)["findings"] == []


RELATED_TABLES = """
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE TABLE orders (
  id serial PRIMARY KEY, user_id integer NOT NULL, created_by integer, approved_by integer, note varchar(40),
  CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT orders_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT fk_approver FOREIGN KEY (approved_by) REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE TABLE nodes (
  id serial PRIMARY KEY, parent_id integer, label text NOT NULL,
  CONSTRAINT nodes_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES nodes (id) ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE TABLE profiles (
  id serial PRIMARY KEY, user_id integer NOT NULL UNIQUE REFERENCES users (id) ON DELETE RESTRICT ON UPDATE CASCADE
);
"""
USERS_ONLY = """datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  // opposite relation fields

  @@map("users")
}
"""


def test_suggested_models_for_extra_tables_with_relations_converge(database, tmp_path) -> None:
    """Tables without a model, with foreign keys of every shape (three to one model, one to itself, a one-to-one):
    the suggested models, plus the opposite fields their notes name, plus the one `prisma format` adds itself
    (`profiles Profiles?` on User: what the oracle's format wrote, 2026-12-03), leave no drift. Prisma's engine agreed
    on the same schema: `prisma validate` passed and `migrate diff` against the database was empty."""
    database.load(RELATED_TABLES, "related tables")
    base = tmp_path / "base.prisma"
    base.write_text(USERS_ONLY)
    report = check_json(base, database.url)
    assert sorted(finding["table"] for finding in report["findings"]) == ["nodes", "orders", "profiles"]
    models, opposite_fields = [], []
    for finding in report["findings"]:
        model, _, notes = finding["fix"]["prisma"].partition("\n(")
        models.append(model)
        if 'to model "User": ' in notes:
            opposite_fields += notes.split('to model "User": ', 1)[1].removesuffix(")").split(", ")
    assert len(opposite_fields) == 3  # the three relations between Orders and User are named on both sides
    assert '@relation("nodes_parent_id_fkey")' in models[0]  # a relation to itself: both sides in the model
    opposite_fields.append("profiles Profiles?")  # what `prisma format` adds
    fields = "".join(f"  {field}\n" for field in opposite_fields)
    schema = tmp_path / "schema.prisma"
    schema.write_text(USERS_ONLY.replace("  // opposite relation fields\n", fields) + "\n" + "\n\n".join(models) + "\n")
    assert check_json(schema, database.url)["findings"] == []


USER_TYPES = """
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE addr AS (street text, zip int);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE DOMAIN posint AS int CHECK (VALUE > 0);
CREATE TABLE t (id int PRIMARY KEY, e citext, a addr, r floatrange[], m mood, ms mood[], p posint, pl posint[]);
"""
HEAD = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n'


def test_a_suggested_model_with_user_defined_types_converges(database, tmp_path) -> None:
    """Columns of an extension's type, a composite type, a range, an enum and a domain (and lists of them): the
    suggested model and enum leave only the domain notes (they were written `citext?`, `addr?`, `floatrange[]` as if
    enums, and `Int[]` for the domain list, which Prisma's diff would change). Prisma's engine agreed on the same
    schema: `prisma validate` passed and `migrate diff` against the database was empty (oracle, 2026-12-03)."""
    database.load(USER_TYPES, "user-defined types")
    base = tmp_path / "base.prisma"
    base.write_text(HEAD)
    report = check_json(base, database.url)
    suggestions = {finding["kind"]: finding["fix"]["prisma"] for finding in report["findings"]}
    assert set(suggestions) == {"extra_table", "extra_enum"}
    model = suggestions["extra_table"]
    for line in ('e  String?                     @db.Citext', 'a  Unsupported("addr")?', 'r  Unsupported("floatrange")[]',
                 "m  mood?", "ms mood[]", "p  Int?", 'pl Unsupported("posint")[]'):
        assert f"  {line}\n" in model, model
    schema = tmp_path / "schema.prisma"
    schema.write_text(HEAD + model + "\n\n" + suggestions["extra_enum"] + "\n")
    left = check_json(schema, database.url)["findings"]
    assert [(finding["kind"], finding["column"]) for finding in left] == [
        ("unmanaged_object", "p"),
        ("unmanaged_object", "pl"),
    ]


RENAMED_SCHEMA = """datasource db {
  provider = "postgresql"
}

model Token {
  id     Int    @id
  token  String @unique
  userId Int

  @@index([userId])
}
"""


def test_a_rename_fixed_in_schema_prisma_leaves_no_name_to_fix(database, tmp_path: Path) -> None:
    """The schema.prisma side of a column rename: @map plus the map: of each index whose Prisma name follows the
    column's (Token_token_key), applied as the report says, is a clean check; @map alone left a name mismatch."""
    database.load(
        'CREATE TABLE "Token" ("id" integer PRIMARY KEY, "secret" text NOT NULL, "userId" integer NOT NULL);'
        'CREATE UNIQUE INDEX "Token_token_key" ON "Token" ("secret");'
        'CREATE INDEX "Token_userId_idx" ON "Token" ("userId");'
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(RENAMED_SCHEMA)
    (finding,) = check_json(schema, database.url)["findings"]
    assert finding["kind"] == "rename_candidate"
    assert finding["fix"]["prisma"] == (
        'add @map("secret") to field "token" of model "Token"; to keep the database\'s names, add map: '
        '"Token_token_key" on the @unique / @@unique over (token)'
    )
    schema.write_text(RENAMED_SCHEMA.replace('token  String @unique', 'token  String @unique(map: "Token_token_key") @map("secret")'))
    assert check_json(schema, database.url)["findings"] == []


INDEXED_FLAG_SCHEMA = """datasource db {
  provider = "postgresql"
}

model User {
  id     String  @id
  email  String
  active Boolean @default(true)

  @@index([active])
}
"""


def test_a_renamed_column_is_renamed_after_the_other_fixes_of_its_table(database, tmp_path: Path) -> None:
    """`active` dropped (with its index) and `status` added: one rename; the missing index's fix names the column as
    the database has it ("status"), so it must run before the rename (found by a tester: it ran after, and failed
    with column "status" does not exist)."""
    database.load(
        'CREATE TABLE "User" ("id" text PRIMARY KEY, "email" text NOT NULL, "status" text NOT NULL DEFAULT \'true\');'
        "INSERT INTO \"User\" VALUES ('u1', 'a@b.c', 'true');"
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(INDEXED_FLAG_SCHEMA)
    before = check_json(schema, database.url)
    assert [finding["kind"] for finding in before["findings"]] == ["missing_index", "rename_candidate"]
    apply_fixes(database, before)
    assert check_json(schema, database.url)["findings"] == []


KEYS_SCHEMA = """datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id
  posts Post[]
  notes Note[]
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
}

model Note {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])
}
"""


def test_foreign_key_fixes_can_run_twice(database, tmp_path: Path) -> None:
    """A dropped foreign key and one with other actions: the second run of their fixes raised "constraint ... already
    exists" (ADD CONSTRAINT has no IF NOT EXISTS) or rebuilt the key, leaving a moment without it (found by a fuzz
    run: 76 of 600 cases)."""
    database.load(
        'CREATE TABLE "User" ("id" integer PRIMARY KEY);'
        'CREATE TABLE "Post" ("id" integer PRIMARY KEY, "authorId" integer NOT NULL);'
        'CREATE TABLE "Note" ("id" integer PRIMARY KEY, "userId" integer NOT NULL, CONSTRAINT "Note_userId_fkey" '
        'FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE);'
        "INSERT INTO \"User\" VALUES (1); INSERT INTO \"Post\" VALUES (1, 1); INSERT INTO \"Note\" VALUES (1, 1);"
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(KEYS_SCHEMA)
    before = check_json(schema, database.url)
    assert sorted(finding["kind"] for finding in before["findings"]) == ["fk_action_mismatch", "missing_foreign_key"]
    apply_fixes(database, before)
    # The key's oid does not change on a second run: it is not rebuilt.
    with database.connect() as connection:
        first = connection.execute("SELECT oid FROM pg_constraint WHERE conname = 'Note_userId_fkey'").fetchone()
    apply_fixes(database, before)
    with database.connect() as connection:
        second = connection.execute("SELECT oid FROM pg_constraint WHERE conname = 'Note_userId_fkey'").fetchone()
    assert first is not None and first == second
    assert check_json(schema, database.url)["findings"] == []


def test_a_lost_autoincrement_default_is_given_back_past_the_largest_value(database, tmp_path: Path) -> None:
    """`ALTER COLUMN id DROP DEFAULT` on an autoincrement id: the finding had no SQL (found by a fuzz run)."""
    database.load(
        'CREATE TABLE "Post" ("id" SERIAL PRIMARY KEY, "title" text NOT NULL);'
        "INSERT INTO \"Post\" (\"title\") VALUES ('a'), ('b');"
        'ALTER TABLE "Post" ALTER COLUMN "id" DROP DEFAULT; DROP SEQUENCE "Post_id_seq";'
        "INSERT INTO \"Post\" VALUES (41, 'c');"
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n}\n\nmodel Post {\n  id    Int    @id @default(autoincrement())\n'
        "  title String\n}\n"
    )
    before = check_json(schema, database.url)
    assert [finding["kind"] for finding in before["findings"]] == ["default_mismatch"]
    apply_fixes(database, before)
    apply_fixes(database, before)  # again: nothing changes, nothing fails
    assert check_json(schema, database.url)["findings"] == []
    with database.connect() as connection:
        assert connection.execute("""INSERT INTO "Post" ("title") VALUES ('d') RETURNING "id\"""").fetchone() == (42,)


def test_a_unique_index_whose_build_failed_is_built_again_once_the_rows_allow(database, tmp_path: Path) -> None:
    """A duplicate made the CONCURRENTLY build fail, leaving an INVALID index that IF NOT EXISTS then skipped on
    every later run (found by a fuzz run)."""
    database.load(
        'CREATE TABLE "User" ("id" integer PRIMARY KEY, "email" text NOT NULL);'
        "INSERT INTO \"User\" VALUES (1, 'a@b.c'), (2, 'a@b.c');"
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n}\n'
    )
    before = check_json(schema, database.url)
    assert [finding["kind"] for finding in before["findings"]] == ["missing_index"]
    assert "the build fails while rows share a value" in before["findings"][0]["fix"]["sql"]
    with pytest.raises(ScriptError):
        apply_fixes(database, before)
    database.load("DELETE FROM \"User\" WHERE id = 2;")
    apply_fixes(database, before)
    assert check_json(schema, database.url)["findings"] == []


def test_an_index_rebuilt_as_schema_prisma_says_is_swapped_in_and_can_run_twice(database, tmp_path: Path) -> None:
    """The fix dropped the index, then built the new one: meanwhile the table had no index (and no uniqueness) on
    those columns. Now the old one is renamed aside and kept until the new one is built under its final name."""
    database.load(
        'CREATE TABLE "User" ("id" integer PRIMARY KEY, "email" text NOT NULL, "name" text NOT NULL);'
        'CREATE UNIQUE INDEX "User_email_key" ON "User" USING btree ("email", "name");'
        "INSERT INTO \"User\" VALUES (1, 'a@b.c', 'a');"
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(
        'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    Int    @id\n  email String @unique\n'
        "  name  String\n}\n"
    )
    before = check_json(schema, database.url)
    (finding,) = before["findings"]
    assert finding["kind"] == "index_mismatch"
    statements = finding["fix"]["sql"]
    assert (
        statements.index('RENAME TO "User_email_key_old"')
        < statements.index('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "User_email_key"')
        < statements.index('DROP INDEX CONCURRENTLY IF EXISTS "public"."User_email_key_old"')
    )
    apply_fixes(database, before)
    apply_fixes(database, before)
    assert check_json(schema, database.url)["findings"] == []


ORDER_LINE_PRISMA = """datasource db {
  provider = "postgresql"
}

model Product {
  id    Int         @id
  lines OrderLine[]
}

model OrderLine {
  id        Int     @id
  productId Int
  product   Product @relation(fields: [productId], references: [id])

  @@index([productId])
}
"""


def test_a_relation_candidates_fixes_build_the_key_column_its_index_and_its_foreign_key(database, tmp_path) -> None:
    """schema.prisma's `productId` (a key, indexed) is `product_code` in the database (found by a tester: the fixes
    built the index on product_code and left the foreign key out, so a second check found an index mismatch and a
    missing key). Now only what the data migration does is left: the backfill (productId is added nullable) and
    dropping product_code."""
    database.load(
        'CREATE TABLE "Product" ("id" integer PRIMARY KEY);'
        'CREATE TABLE "OrderLine" ("id" integer PRIMARY KEY, "product_code" text NOT NULL);'
        "INSERT INTO \"Product\" VALUES (1); INSERT INTO \"OrderLine\" VALUES (1, 'P-1');"
    )
    schema = tmp_path / "schema.prisma"
    schema.write_text(ORDER_LINE_PRISMA)
    before = check_json(schema, database.url)
    assert [(f["kind"], f["column"]) for f in before["findings"]] == [
        ("relation_candidate", "product_code"),
        ("missing_index", None),
    ]
    assert before["findings"][1]["fix"]["sql"].endswith('ON "public"."OrderLine" USING btree ("productId");')
    apply_fixes(database, before)
    apply_fixes(database, before)  # and again: nothing fails
    after = check_json(schema, database.url)
    assert sorted((f["kind"], f["column"]) for f in after["findings"]) == [
        ("extra_column", "product_code"),
        ("nullability_mismatch", "productId"),
    ]
