import pytest

from drift.sources.sqlscript import ScriptError, split_statements


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("SELECT 1; SELECT 2", ["SELECT 1", "SELECT 2"]),
        ("SELECT ';'; SELECT 2;", ["SELECT ';'", "SELECT 2"]),
        ('CREATE TABLE "a;b" (x int);', ['CREATE TABLE "a;b" (x int)']),
        ("-- c; still comment\nSELECT 1;", ["SELECT 1"]),
        ("/* a; /* nested; */ b; */ SELECT 1;", ["SELECT 1"]),
        ("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2",
         ["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"]),
        ("SELECT $tag$ ; $tag$;", ["SELECT $tag$ ; $tag$"]),
        ("SELECT E'\\';'; SELECT 2", ["SELECT E'\\';'", "SELECT 2"]),
        ("SELECT 'it''s;'; ;;", ["SELECT 'it''s;'"]),
        ("", []),
    ],
)
def test_split_statements(script, expected):
    assert [statement.text for statement in split_statements(script)] == expected


def test_statement_lines_are_the_first_line_of_each_statement():
    script = "-- header\n\nSELECT 1;\n\n/* x\n y */\nSELECT\n 2;"
    assert [statement.line for statement in split_statements(script)] == [3, 7]


def test_concurrent_index_and_enum_value_run_outside_a_transaction(database):
    database.load(
        "CREATE TYPE mood AS ENUM ('a');\n"
        "ALTER TYPE mood ADD VALUE 'b';\n"
        "CREATE TABLE t (id int);\n"
        "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n"
    )
    with database.connect() as connection:
        names = connection.execute("SELECT indexname FROM pg_indexes WHERE tablename = 't'").fetchall()
        labels = connection.execute("SELECT enum_range(NULL::mood)::text").fetchone()
    assert names == [("t_id_idx",)]
    assert labels == ("{a,b}",)


def test_a_failing_statement_names_source_and_line(database):
    with pytest.raises(ScriptError) as raised:
        database.load("CREATE TABLE a (id int);\n\nCREATE TABLE a (id int);\n", "20240101_init/migration.sql")
    assert str(raised.value) == '20240101_init/migration.sql:3: relation "a" already exists'
