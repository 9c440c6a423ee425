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
