"""Lowering without a database: names, defaults, origins, and the public entry point's errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from drift.errors import BadInput
from drift.model.schema import DatabaseSchema
from drift.prisma import ExpectedSchema, load_expected_schema
from drift.prisma.lower import bytes_literal, datetime_literal
from drift.prisma.naming import (
    foreign_key_name,
    index_name,
    primary_key_name,
    serial_sequence_name,
    unique_index_name,
    with_suffix,
)
from tests.conftest import FIXTURES

DATASOURCE = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\n'


def lower_text(tmp_path: Path, text: str) -> ExpectedSchema:
    path = tmp_path / "schema.prisma"
    path.write_text(DATASOURCE + text)
    return load_expected_schema(path)


def test_generated_names() -> None:
    assert primary_key_name("User") == "User_pkey"
    assert unique_index_name("User", ["email"]) == "User_email_key"
    assert index_name("Post", ["a", "b"]) == "Post_a_b_idx"
    assert foreign_key_name("Post", ["authorId"]) == "Post_authorId_fkey"


def test_long_generated_names_keep_their_suffix() -> None:
    # Prisma cuts the table-and-columns part, never the suffix (oracle: fixtures/conventions/truncation).
    table = "ThisIsAQuiteLongModelNameThatGoesOnAndOnForever"
    assert unique_index_name(table, ["aVeryLongFieldNameThatIsAlsoQuiteLong"]) == (
        "ThisIsAQuiteLongModelNameThatGoesOnAndOnForever_aVeryLongFi_key"
    )
    assert primary_key_name("ThisModelNameIsLongerThanSixtyThreeBytesSoPostgresTruncatesTheTableName") == (
        "ThisModelNameIsLongerThanSixtyThreeBytesSoPostgresTruncate_pkey"
    )
    assert len(with_suffix("x" * 100, "_AB_pkey").encode()) == 63
    # Never splits a UTF-8 character.
    assert with_suffix("é" * 40, "_key") == "é" * 29 + "_key"


def test_serial_sequence_name_follows_postgresql() -> None:
    assert serial_sequence_name("User", "id") == "User_id_seq"
    long_column = "serialWithAVeryLongColumnNameSoThatTheSequenceNameMustBeTruncatedToo"
    # PostgreSQL takes bytes from the longer of the two names until `{table}_{column}_seq` fits.
    name = serial_sequence_name("ShortOne", long_column)
    assert name == "ShortOne_" + long_column[:50] + "_seq"
    assert len(name) == 63


def test_datetime_literals_as_the_catalog_prints_them() -> None:
    assert datetime_literal("2020-01-01T00:00:00Z", "timestamp(3) without time zone") == "2020-01-01 00:00:00"
    assert datetime_literal("2021-03-04T05:06:07.123+02:00", "timestamp(3) without time zone") == (
        "2021-03-04 05:06:07.123"
    )
    assert datetime_literal("2021-03-04T05:06:07.5+02:00", "timestamp(3) with time zone") == (
        "2021-03-04 03:06:07.5+00"
    )
    assert datetime_literal("2021-03-04T00:00:00Z", "date") == "2021-03-04"
    assert datetime_literal("not a date", "date") == "not a date"
    # time of day: the date ignored, the offset dropped (time) or kept as PostgreSQL prints it (timetz)
    assert datetime_literal("1970-01-01T09:00:00Z", "time(3) without time zone") == "09:00:00"
    assert datetime_literal("2001-02-03T04:05:06.250+01:00", "time without time zone") == "04:05:06.25"
    assert datetime_literal("1970-01-01T17:00:00+02:00", "time(3) with time zone") == "17:00:00+02"
    assert datetime_literal("1970-01-01T17:00:00-05:30", "time with time zone") == "17:00:00-05:30"
    assert datetime_literal("1970-01-01T17:00:00", "time with time zone") == "17:00:00"


def test_bytes_literal_is_hex() -> None:
    assert bytes_literal("aGVsbG8=") == "'\\x68656c6c6f'"
    assert bytes_literal("") == "'\\x'"
    assert bytes_literal("***") is None


def test_origins_point_at_the_schema(tmp_path: Path) -> None:
    expected = lower_text(
        tmp_path,
        'model User {\n  id    Int    @id\n  email String @unique @map("mail")\n\n  @@map("users")\n}\n',
    ).database
    table = expected.table("users")
    assert table.origin.model == "User" and table.origin.line == 6
    column = table.column("mail")
    assert (column.origin.line, column.origin.column, column.origin.field) == (8, 3, "email")
    assert column.origin.file == str(tmp_path / "schema.prisma")
    assert table.primary_key.origin.line == 7
    assert table.index("users_mail_key").origin.field == "email"


def test_composite_types_are_not_for_postgresql(tmp_path: Path) -> None:
    """`type` blocks are MongoDB's: Prisma refuses them on PostgreSQL (oracle `validate`, 2026-12-03); they were
    lowered to nothing."""
    with pytest.raises(BadInput, match="Composite types are not supported on Postgres"):
        lower_text(tmp_path, "model A {\n  id Int @id\n}\n\ntype Address {\n  street String\n}\n")


def test_client_side_defaults_and_updated_at_have_no_database_default(tmp_path: Path) -> None:
    expected = lower_text(
        tmp_path,
        "model A {\n  id String @id @default(cuid())\n  b String @default(uuid())\n"
        "  c DateTime @updatedAt\n  d DateTime @default(now())\n}\n",
    )
    defaults = {column.name: column.default for column in expected.database.table("A").columns}
    assert defaults == {"id": None, "b": None, "c": None, "d": "CURRENT_TIMESTAMP"}


def test_autoincrement_owns_a_sequence(tmp_path: Path) -> None:
    expected = lower_text(tmp_path, "model A {\n  id BigInt @id @default(autoincrement())\n}\n").database
    assert expected.table("A").column("id").default == "autoincrement()"
    (sequence,) = expected.sequences
    assert (sequence.name, sequence.data_type, sequence.owned_by_table, sequence.owned_by_column) == (
        "A_id_seq",
        "bigint",
        "A",
        "id",
    )


def test_expected_schema_carries_datasource_settings() -> None:
    expected = load_expected_schema(FIXTURES / "conventions" / "multi_schema" / "schema.prisma")
    assert expected.schemas == ("base", "audit")
    assert expected.database.schemas == ("base", "audit")
    assert expected.relation_mode == "foreignKeys"
    prisma_mode = load_expected_schema(FIXTURES / "conventions" / "relation_mode_prisma" / "schema.prisma")
    assert prisma_mode.relation_mode == "prisma"
    assert all(not table.foreign_keys for table in prisma_mode.database.tables)
    DatabaseSchema.model_validate_json(prisma_mode.database.to_json())


def test_bad_schema_raises_bad_input_with_rendered_diagnostics(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as raised:
        lower_text(tmp_path, "model A {\n  id Int @id\n  b  Bogus\n}\n")
    message = str(raised.value)
    assert '"Bogus"' in message
    assert "schema.prisma:8:6" in message
    assert "^^^^^" in message


def test_syntax_error_raises_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput):
        lower_text(tmp_path, "model A {\n  id Int @id\n  this is not a field\n}\n")


def test_importing_the_package_does_not_load_the_parser() -> None:
    code = "import sys, drift.prisma; print('lark' in sys.modules, 'drift.prisma.parse' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_colliding_generated_names_are_rejected_as_prisma_does(tmp_path: Path) -> None:
    # oracle validate: `Indexed_c_idx` "has to be unique in the following namespace: global for primary key,
    # indexes and unique constraints".
    with pytest.raises(BadInput) as raised:
        lower_text(tmp_path, "model A {\n  id Int @id\n  c  Int\n\n  @@index([c])\n  @@index([c(sort: Desc)])\n}\n")
    message = str(raised.value)
    assert '"A_c_idx"' in message
    assert "schema.prisma:11:3" in message


def test_serial_sequence_names_match_postgresql(database) -> None:
    from drift.model.names import quote_identifier, truncate_identifier

    pairs = [
        ("t" * table_length, "c" * column_length)
        for table_length in (1, 30, 40, 63, 70)
        for column_length in (1, 30, 59, 63, 80)
    ] + [("é" * 40, "ü" * 40), ("Tabelle" + "é" * 30, "x")]
    with database.connect() as connection:
        for number, (table, column) in enumerate(pairs):
            # A distinct prefix per table keeps the names apart; it is part of the name PostgreSQL cuts.
            table = f"{number:02d}{table}"
            connection.execute(f"CREATE TABLE {quote_identifier(table)} ({quote_identifier(column)} SERIAL)")
            (reported,) = connection.execute(
                "SELECT s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid "
                "JOIN pg_class t ON t.oid = d.refobjid WHERE s.relkind = 'S' AND t.relname = %s",
                (truncate_identifier(table),),
            ).fetchone()
            assert serial_sequence_name(table, column) == reported, (table, column)


def test_generated_names_fit_and_keep_their_suffix() -> None:
    from hypothesis import given, strategies as st

    @given(st.text(min_size=1, max_size=80), st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4))
    def check(table: str, columns: list[str]) -> None:
        for name, suffix in (
            (unique_index_name(table, columns), "_key"),
            (index_name(table, columns), "_idx"),
            (foreign_key_name(table, columns), "_fkey"),
            (primary_key_name(table), "_pkey"),
        ):
            assert len(name.encode("utf-8")) <= 63
            assert name.endswith(suffix)
        full = "_".join((table, *columns)) + "_key"
        if len(full.encode("utf-8")) <= 63:
            assert unique_index_name(table, columns) == full

    check()


def _models_in(value: object) -> list[BaseModel]:
    if isinstance(value, BaseModel):
        return [value, *(model for name in type(value).model_fields for model in _models_in(getattr(value, name)))]
    if isinstance(value, tuple):
        return [model for item in value for model in _models_in(item)]
    return []


@pytest.mark.parametrize("case", sorted(path.name for path in (FIXTURES / "conventions").iterdir() if path.is_dir()))
def test_lowered_objects_equal_validated_ones(case: str) -> None:
    """Lowering builds its objects without validation (and shares equal index keys): each must be what validating
    its own values gives (tuples, not lists; valid literals), so the trusted path cannot drift from the models."""
    database = load_expected_schema(FIXTURES / "conventions" / case / "schema.prisma").database
    for model in _models_in(database):
        assert type(model).model_validate(model.model_dump(exclude_unset=True)) == model, type(model).__name__


def test_lowering_builds_no_pydantic_validator() -> None:
    """A check constructs its objects without validation, so the validators of the model classes (deferred) are never
    built: about 20 ms per check when they were, a tenth of a small check. Every convention fixture (implicit
    many-to-many join tables, views, enums, extensions...) and the example are lowered in a fresh interpreter."""
    paths = [FIXTURES / "conventions" / case / "schema.prisma" for case in sorted(
        path.name for path in (FIXTURES / "conventions").iterdir() if path.is_dir()
    )] + [FIXTURES / "mpanel" / "schema.prisma"]
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pydantic import BaseModel\n"
        "import drift.model.schema, drift.prisma.ast, drift.prisma\n"
        "from drift.prisma import load_expected_schema\n"
        "for path in sys.argv[1:]:\n"
        "    load_expected_schema(Path(path))\n"
        "modules = (drift.model.schema, drift.prisma.ast, drift.prisma)\n"
        "built = sorted({value.__name__ for module in modules for value in vars(module).values()\n"
        "                if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel\n"
        "                and value.__pydantic_complete__})\n"
        "print(' '.join(built))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, *map(str, paths)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_constraint_names_used_twice_are_reported_where_the_second_is_declared(tmp_path: Path) -> None:
    schema = (
        'model A {\n  id Int @id(map: "same")\n}\n\n'
        'model B {\n  id Int @id\n  x  Int\n\n  @@index([x], map: "same")\n}\n\n'
        "model C {\n  id Int @id\n  y  Int\n\n"
        '  @@index([y], map: "C_y_idx_2")\n  @@index([y], map: "C_y_idx_2")\n}\n'
    )
    with pytest.raises(BadInput) as raised:
        lower_text(tmp_path, schema)
    message = str(raised.value)
    assert message.count("is already used by another primary key or index") == 2
    assert 'The constraint name "same"' in message and "schema.prisma:14:3" in message
    assert 'The constraint name "C_y_idx_2"' in message and "schema.prisma:22:3" in message


def test_old_and_short_datasource_spellings(tmp_path: Path) -> None:
    """`referentialIntegrity = "prisma"` (relationMode's old name, which Prisma still reads) creates no foreign keys,
    and `extensions = pg_trgm` (one extension, no brackets) declares it: drift expected a foreign key Prisma never
    creates (a false missing_foreign_key) and missed the extension (Prisma's diff creates it; both checked with the
    oracle, 2026-12-03)."""
    path = tmp_path / "schema.prisma"
    path.write_text(
        'generator client {\n  provider = "prisma-client-js"\n  previewFeatures = ["postgresqlExtensions"]\n}\n\n'
        'datasource db {\n  provider = "postgresql"\n  referentialIntegrity = "prisma"\n  extensions = pg_trgm\n}\n\n'
        "model User {\n  id    Int    @id\n  posts Post[]\n}\n\n"
        "model Post {\n  id     Int  @id\n  userId Int\n  user   User @relation(fields: [userId], references: [id])\n}\n",
        encoding="utf-8",
    )
    expected = load_expected_schema(path)
    assert expected.relation_mode == "prisma"
    assert all(not table.foreign_keys for table in expected.database.tables)
    assert [extension.name for extension in expected.database.extensions] == ["pg_trgm"]


def test_native_type_arguments_by_name(tmp_path: Path) -> None:
    """Prisma reads a native type's arguments in the order written, names ignored: `@db.VarChar(length: 10)` creates
    VARCHAR(10), `@db.Decimal(precision: 10, scale: 2)` DECIMAL(10,2) (the oracle's DDL, 2026-12-03); drift dropped
    named arguments and expected `character varying`, `numeric` (three false type_mismatch errors)."""
    path = tmp_path / "schema.prisma"
    path.write_text(
        'datasource db {\n  provider = "postgresql"\n}\n\nmodel Invoice {\n  id     Int      @id\n'
        "  code   String   @db.VarChar(length: 10)\n  amount Decimal  @db.Decimal(precision: 10, scale: 2)\n"
        "  at     DateTime @db.Timestamptz(precision: 3)\n  b      Decimal  @db.Decimal(foo: 12, 3)\n}\n",
        encoding="utf-8",
    )
    (table,) = load_expected_schema(path).database.tables
    assert [column.type for column in table.columns] == [
        "integer", "character varying(10)", "numeric(10,2)", "timestamp(3) with time zone", "numeric(12,3)"
    ]
