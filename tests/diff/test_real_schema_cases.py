"""False alarms found by a tester on real-looking schemas, each checked against Prisma's own DDL and `migrate diff`
(the oracle, 2026): an enum type name longer than 63 bytes, and a second, identical copy of a declared foreign key.
Real database."""

from __future__ import annotations

from pathlib import Path

from drift.diff.pairing import moved_pairs
from drift.emit.fixes import suggest_fix
from drift.model.schema import Enum, EnumValue
from tests.diff.builders import check_against, kinds_and_severities

HEAD = 'datasource db {\n  provider = "postgresql"\n}\n\n'

LONG_ENUM = "SubscriptionRenewalReminderNotificationDeliveryChannelPreferenceKind"  # 68 bytes
TRUNCATED_ENUM = LONG_ENUM[:63]  # what PostgreSQL stores
LONG_ENUM_SCHEMA = (
    HEAD + f"enum {LONG_ENUM} {{\n  email\n  sms\n}}\n\n"
    f"model Account {{\n  id      Int @id\n  channel {LONG_ENUM} @default(email)\n}}\n"
)
# Prisma's DDL for LONG_ENUM_SCHEMA (`oracle.mjs ddl`): PostgreSQL truncates the type's name.
LONG_ENUM_DDL = (
    f"CREATE TYPE \"{LONG_ENUM}\" AS ENUM ('email', 'sms');"
    f' CREATE TABLE "Account" ("id" INTEGER NOT NULL, "channel" "{LONG_ENUM}" NOT NULL DEFAULT \'email\','
    ' CONSTRAINT "Account_pkey" PRIMARY KEY ("id"));'
)


def test_an_enum_name_longer_than_63_bytes_is_the_truncated_type(database, tmp_path: Path) -> None:
    # Was `schema_mismatch` error: 'Enum type ... is in schema "public" in the database; schema.prisma puts it in
    # schema "public"'. Over-long table names pair silently; so do enums (Prisma's diff recreates both, a quirk).
    report = check_against(database, tmp_path, LONG_ENUM_DDL, LONG_ENUM_SCHEMA)
    assert kinds_and_severities(report) == []


def test_a_truncated_enum_still_compares_its_values_and_its_columns(database, tmp_path: Path) -> None:
    ddl = LONG_ENUM_DDL + (
        f" ALTER TYPE \"{LONG_ENUM}\" ADD VALUE 'push';"
        f' ALTER TABLE "Account" ADD COLUMN "many" "{LONG_ENUM}"[], ADD COLUMN "other" text;'
    )
    schema = LONG_ENUM_SCHEMA.replace(
        "@default(email)\n", f"@default(email)\n  many    {LONG_ENUM}[]\n  other   {LONG_ENUM}?\n"
    )
    report = check_against(database, tmp_path, ddl, schema)
    assert kinds_and_severities(report) == [("enum_value_extra", "warning"), ("type_mismatch", "error")]
    by_kind = {finding.kind.value: finding for finding in report.findings}
    assert by_kind["enum_value_extra"].object == TRUNCATED_ENUM
    assert by_kind["type_mismatch"].column == "other"  # not "channel" nor "many": their type is the enum


def _enum(schema: str, name: str) -> Enum:
    return Enum(schema_name=schema, name=name, values=(EnumValue(name="a"),))


def test_moved_pairs_never_pairs_two_objects_of_the_same_schema() -> None:
    assert moved_pairs([_enum("public", LONG_ENUM)], [_enum("public", TRUNCATED_ENUM)]) == []
    expected, actual = _enum("public", LONG_ENUM), _enum("billing", TRUNCATED_ENUM)
    assert moved_pairs([expected], [actual]) == [(expected, actual)]


DUPLICATE_FK_SCHEMA = HEAD + (
    "model User {\n  id    Int    @id\n  posts Post[]\n}\n\n"
    "model Post {\n  id       Int  @id\n  authorId Int\n"
    '  author   User @relation(fields: [authorId], references: [id], map: "post_author_fk")\n}\n'
)
DUPLICATE_FK_DDL = (
    'CREATE TABLE "User" ("id" INTEGER NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));'
    ' CREATE TABLE "Post" ("id" INTEGER NOT NULL, "authorId" INTEGER NOT NULL,'
    ' CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));'
    ' ALTER TABLE "Post" ADD CONSTRAINT "post_author_fk" FOREIGN KEY ("authorId") REFERENCES "User"("id")'
    " ON DELETE RESTRICT ON UPDATE CASCADE;"
    ' ALTER TABLE "Post" ADD CONSTRAINT "post_editor_fk" FOREIGN KEY ("authorId") REFERENCES "User"("id")'
    " ON DELETE {on_delete} ON UPDATE CASCADE;"
)


def test_an_exact_copy_of_a_declared_foreign_key_is_a_note(database, tmp_path: Path) -> None:
    # Was `extra_foreign_key` warning; Prisma's diff is empty (and db pull writes one relation for the two).
    report = check_against(database, tmp_path, DUPLICATE_FK_DDL.format(on_delete="RESTRICT"), DUPLICATE_FK_SCHEMA)
    assert kinds_and_severities(report) == [("extra_foreign_key", "info")]
    (finding,) = report.findings
    assert finding.object == "post_editor_fk"
    assert 'duplicates "post_author_fk", which schema.prisma declares' in finding.message
    # Its fixes: nothing for schema.prisma (a second relation would declare the copy), the copy dropped.
    fix = suggest_fix(finding, model="Post")
    assert fix.prisma == 'nothing to add: schema.prisma already declares "post_author_fk", of which this is an exact copy'
    assert "DROP CONSTRAINT" in fix.sql and '"post_editor_fk"' in fix.sql


def test_the_copy_schema_prisma_names_is_the_declared_one(database, tmp_path: Path) -> None:
    # Declaring the second name: that key is paired (no constraint_name_mismatch against the first), the other noted.
    schema = DUPLICATE_FK_SCHEMA.replace("post_author_fk", "post_editor_fk")
    report = check_against(database, tmp_path, DUPLICATE_FK_DDL.format(on_delete="RESTRICT"), schema)
    assert kinds_and_severities(report) == [("extra_foreign_key", "info")]
    assert report.findings[0].object == "post_author_fk"


def test_a_copy_with_other_actions_is_still_an_extra_foreign_key(database, tmp_path: Path) -> None:
    # Prisma's diff drops this one.
    report = check_against(database, tmp_path, DUPLICATE_FK_DDL.format(on_delete="CASCADE"), DUPLICATE_FK_SCHEMA)
    assert kinds_and_severities(report) == [("extra_foreign_key", "warning")]
    assert "schema.prisma has no relation for it" in report.findings[0].message



def test_enum_fixes_name_the_enum_as_schema_prisma_does(database, tmp_path: Path) -> None:
    # The schema.prisma fix named the database's type: `add c to enum "user_role"` for `enum Role { @@map(...) }`.
    # The SQL keeps the database's name.
    schema = HEAD + 'enum Role {\n  a\n  b\n  @@map("user_role")\n}\n\nmodel A {\n  id Int @id\n  r  Role\n}\n'
    ddl = (
        "CREATE TYPE \"user_role\" AS ENUM ('a', 'b', 'c');"
        ' CREATE TABLE "A" ("id" INTEGER NOT NULL, "r" "user_role" NOT NULL, CONSTRAINT "A_pkey" PRIMARY KEY ("id"));'
    )
    report = check_against(database, tmp_path, ddl, schema)
    assert kinds_and_severities(report) == [("enum_value_extra", "warning")]
    assert suggest_fix(report.findings[0]).prisma == 'add c to enum "Role"'


def test_a_truncated_enums_fix_names_it_in_full(database, tmp_path: Path) -> None:
    # It named the 63 bytes PostgreSQL kept.
    ddl = LONG_ENUM_DDL + f" ALTER TYPE \"{LONG_ENUM}\" ADD VALUE 'push';"
    report = check_against(database, tmp_path, ddl, LONG_ENUM_SCHEMA)
    assert kinds_and_severities(report) == [("enum_value_extra", "warning")]
    assert suggest_fix(report.findings[0]).prisma == f'add push to enum "{LONG_ENUM}"'


# Supabase installs extensions in the schema "extensions" (on the search path). Prisma's DDL for the schema below,
# run there, creates the table; Prisma's diff is then empty, and so is `db pull`'s schema against it (a tester, 2026,
# on three real schemas: drift reported "has type citext in the database but schema.prisma expects citext").
EXTENSION_TYPES_SCHEMA = (
    HEAD + 'model User {\n  id    Int                       @id\n  email String                    @db.Citext\n'
    '  emb   Unsupported("vector(3)")?\n}\n'
)
EXTENSIONS_ELSEWHERE_DDL = (
    'CREATE SCHEMA "extensions"; CREATE EXTENSION citext SCHEMA "extensions"; CREATE EXTENSION vector SCHEMA "extensions";'
    ' SET search_path = public, extensions;'
    ' CREATE TABLE "User" ("id" INTEGER NOT NULL, "email" CITEXT NOT NULL, "emb" vector(3),'
    ' CONSTRAINT "User_pkey" PRIMARY KEY ("id"));'
)


def test_an_extensions_type_installed_outside_public_is_not_a_type_mismatch(database, tmp_path: Path) -> None:
    assert kinds_and_severities(check_against(database, tmp_path, EXTENSIONS_ELSEWHERE_DDL, EXTENSION_TYPES_SCHEMA)) == []


def test_db_pulls_modifierless_vector_matches_a_vector_installed_outside_public(database, tmp_path: Path) -> None:
    pulled = EXTENSION_TYPES_SCHEMA.replace('Unsupported("vector(3)")', 'Unsupported("vector")')
    assert kinds_and_severities(check_against(database, tmp_path, EXTENSIONS_ELSEWHERE_DDL, pulled)) == []


def test_a_declared_schema_for_an_extension_is_compared(database, tmp_path: Path) -> None:
    """With `schema:` written, where the type lives is stated, and a type elsewhere is a mismatch whose fix names the
    type with its modifier outside the quotes (`"public"."vector(3)"` names no type)."""
    declared = EXTENSION_TYPES_SCHEMA.replace(
        'provider = "postgresql"\n}',
        'provider   = "postgresql"\n  extensions = [citext(schema: "public"), vector(schema: "public")]\n}',
    ).replace("datasource db", 'generator client {\n  provider        = "prisma-client-js"\n'
              '  previewFeatures = ["postgresqlExtensions"]\n}\n\ndatasource db')
    report = check_against(database, tmp_path, EXTENSIONS_ELSEWHERE_DDL, declared)
    mismatches = {f.column: f for f in report.findings if f.kind.value == "type_mismatch"}
    assert set(mismatches) == {"email", "emb"}
    assert 'TYPE "public"."vector"(3) USING' in suggest_fix(mismatches["emb"]).sql


# What `db pull` writes for relations that belong to an extension: pg_stat_statements' view, and PostGIS's
# spatial_ref_sys (PostGIS is not on the test server: a table of that shape is made a member of another extension,
# which is what PostGIS's is). Prisma's diff is empty for both, whether or not the relation exists; drift reported
# them missing (a tester, 2026).
VIEWS_HEAD = 'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\n' + HEAD
EXTENSION_VIEW_SCHEMA = (
    VIEWS_HEAD + "model User {\n  id Int @id\n}\n\n"
    "view pg_stat_statements_info {\n  dealloc     BigInt?\n  stats_reset DateTime? @db.Timestamptz(6)\n}\n"
)
SPATIAL_REF_SYS_MODEL = (
    "model spatial_ref_sys {\n  srid      Int     @id\n  auth_name String? @db.VarChar(256)\n  auth_srid Int?\n"
    "  srtext    String? @db.VarChar(2048)\n  proj4text String? @db.VarChar(2048)\n}\n"
)


def test_a_view_block_of_an_extensions_view_is_the_extensions(database, tmp_path: Path) -> None:
    ddl = 'CREATE EXTENSION pg_stat_statements; CREATE TABLE "User" ("id" INTEGER PRIMARY KEY);'
    assert kinds_and_severities(check_against(database, tmp_path, ddl, EXTENSION_VIEW_SCHEMA)) == []


def test_a_model_of_an_extensions_table_is_the_extensions(database, tmp_path: Path) -> None:
    ddl = (
        'CREATE EXTENSION pg_stat_statements; CREATE TABLE "User" ("id" INTEGER PRIMARY KEY);'
        " CREATE TABLE spatial_ref_sys (srid integer PRIMARY KEY, auth_name varchar(256), auth_srid integer,"
        " srtext varchar(2048), proj4text varchar(2048));"
        " ALTER EXTENSION pg_stat_statements ADD TABLE spatial_ref_sys;"
    )
    schema = HEAD + "model User {\n  id Int @id\n}\n\n" + SPATIAL_REF_SYS_MODEL
    assert kinds_and_severities(check_against(database, tmp_path, ddl, schema)) == []
    # A model of a table that is not there (nor an extension's) is still missing.
    other = schema.replace("spatial_ref_sys", "spatial_ref_sys_copy")
    assert ("missing_table", "error") in kinds_and_severities(check_against(database, tmp_path, "SELECT 1;", other))


# Prisma's own db pull under relationMode = "prisma" (no foreign keys to read): the implicit many-to-many's fields
# stay, and its join table comes back as a model too. Prisma's validator accepts it and its diff is empty; drift
# refused it ("The constraint name "_TagToUser_AB_pkey" is already used", a tester on AVAAONG/SEP).
RELATION_MODE_HEAD = 'datasource db {\n  provider     = "postgresql"\n  relationMode = "prisma"\n}\n\n'
M2M_MODELS = "model User {\n  id   Int   @id\n  tags Tag[]\n}\n\nmodel Tag {\n  id    Int    @id\n  users User[]\n}\n"
PULLED_JOIN_MODEL = (
    '\nmodel TagToUser {\n  A Int\n  B Int\n\n  @@id([A, B], map: "_TagToUser_AB_pkey")\n'
    '  @@index([B], map: "_TagToUser_B_index")\n  @@map("_TagToUser")\n}\n'
)
M2M_DDL = (
    'CREATE TABLE "User" ("id" INTEGER PRIMARY KEY); CREATE TABLE "Tag" ("id" INTEGER PRIMARY KEY);'
    ' CREATE TABLE "_TagToUser" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL,'
    ' CONSTRAINT "_TagToUser_AB_pkey" PRIMARY KEY ("A", "B")); CREATE INDEX "_TagToUser_B_index" ON "_TagToUser"("B");'
)


def test_a_pulled_model_of_an_implicit_join_table_is_that_table(database, tmp_path: Path) -> None:
    pulled = RELATION_MODE_HEAD + M2M_MODELS + PULLED_JOIN_MODEL
    assert kinds_and_severities(check_against(database, tmp_path, M2M_DDL, pulled)) == []
    # The schema it was pulled from (no model of the join table) is clean too.
    assert kinds_and_severities(check_against(database, tmp_path, "SELECT 1;", RELATION_MODE_HEAD + M2M_MODELS)) == []
