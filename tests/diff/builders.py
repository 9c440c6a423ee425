"""Small constructors for hand-built models, so each test states only what matters to it."""

from __future__ import annotations

from drift.model.schema import (
    Column,
    DatabaseSchema,
    ForeignKey,
    Index,
    IndexColumn,
    PrimaryKey,
    PrismaOrigin,
    Table,
)


def column(name: str, type: str = "text", *, nullable: bool = True, position: int = 0, **extra) -> Column:
    return Column(name=name, type=type, nullable=nullable, position=position, **extra)


def columns(*specs: tuple) -> tuple[Column, ...]:
    """(name, type[, nullable[, default]]) tuples -> columns with positions 1..n."""
    built = []
    for position, spec in enumerate(specs, start=1):
        name, type, nullable, default = (*spec, True, None)[:4] if len(spec) == 2 else (*spec, None)[:4]
        built.append(Column(name=name, type=type, nullable=nullable, default=default, position=position))
    return tuple(built)


def index(name: str, *keys: str, unique: bool = False, **extra) -> Index:
    return Index(name=name, columns=tuple(IndexColumn(column=key) for key in keys), unique=unique, **extra)


def pk(table: str, *keys: str) -> PrimaryKey:
    return PrimaryKey(name=f"{table}_pkey", columns=keys)


def fk(table: str, column_name: str, target: str, target_column: str = "id", **extra) -> ForeignKey:
    return ForeignKey(
        name=f"{table}_{column_name}_fkey",
        columns=(column_name,),
        referenced_schema="public",
        referenced_table=target,
        referenced_columns=(target_column,),
        **extra,
    )


def origin(line: int, model: str | None = None, field: str | None = None) -> PrismaOrigin:
    return PrismaOrigin(file="schema.prisma", line=line, model=model, field=field)


def table(name: str, cols: tuple[Column, ...], *, key: tuple[str, ...] = ("id",), **extra) -> Table:
    return Table(schema_name="public", name=name, columns=cols, primary_key=pk(name, *key) if key else None, **extra)


def schema(*tables: Table, **extra) -> DatabaseSchema:
    return DatabaseSchema(tables=tables, **extra)


def check_against(database, tmp_path, ddl: str, schema_text: str):
    """Load `ddl` into the (empty, real) database, write `schema_text` as schema.prisma, and compare them: the
    DriftReport a check gives."""
    from drift.diff.compare import compare_schemas
    from drift.postgres.introspect import introspect_database
    from drift.prisma import load_expected_schema

    database.load(ddl, "the database's DDL")
    path = tmp_path / "schema.prisma"
    path.write_text(schema_text)
    expected = load_expected_schema(path)
    actual = introspect_database(database.conninfo, expected.schemas)
    return compare_schemas(expected.database, actual, partial_indexes=expected.partial_indexes)


def kinds_and_severities(report) -> list[tuple[str, str]]:
    return sorted((finding.kind.value, finding.severity.value) for finding in report.findings)
