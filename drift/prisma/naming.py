"""The names Prisma gives constraints and indexes, and the names PostgreSQL gives what SERIAL creates.

Prisma builds `{table}_{columns}_{suffix}` from database names (after `@@map`/`@map`, before PostgreSQL truncates
anything) and, when that exceeds 63 bytes, cuts the `{table}_{columns}` part so the suffix survives:

    oracle ddl fixtures/conventions/truncation/schema.prisma
    -> "ThisIsAQuiteLongModelNameThatGoesOnAndOnForever_aVeryLongFi_key"        (59 + "_key")
    -> "_TagWithAnExtremelyLongNameToOverflowTheJoinTableToThis_AB_pkey"        (55 + "_AB_pkey")

Table and column names are written in full by Prisma and cut to 63 bytes by PostgreSQL itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from drift.model.names import MAX_IDENTIFIER_BYTES, truncate_identifier


def with_suffix(prefix: str, suffix: str) -> str:
    """`prefix + suffix`, cutting the prefix (never the suffix) to fit PostgreSQL's identifier length."""
    return truncate_identifier(prefix, MAX_IDENTIFIER_BYTES - len(suffix.encode("utf-8"))) + suffix


def primary_key_name(table: str) -> str:
    return with_suffix(table, "_pkey")


def unique_index_name(table: str, columns: Sequence[str]) -> str:
    return with_suffix("_".join((table, *columns)), "_key")


def index_name(table: str, columns: Sequence[str]) -> str:
    return with_suffix("_".join((table, *columns)), "_idx")


def foreign_key_name(table: str, columns: Sequence[str]) -> str:
    return with_suffix("_".join((table, *columns)), "_fkey")


def implicit_join_table_name(relation_name: str) -> str:
    return truncate_identifier("_" + relation_name)


def serial_sequence_name(table: str, column: str) -> str:
    """PostgreSQL's name for the sequence behind a SERIAL column (makeObjectName in src/backend/commands/indexcmds.c).

    Both names are first cut to 63 bytes (they are stored names); then, while `{table}_{column}_seq` is too long,
    one byte is taken from whichever of the two is longer, the table on a tie going second.
    """
    table, column = truncate_identifier(table), truncate_identifier(column)
    table_bytes, column_bytes = table.encode("utf-8"), column.encode("utf-8")
    table_length, column_length = len(table_bytes), len(column_bytes)
    available = MAX_IDENTIFIER_BYTES - (1 + len("seq") + 1)
    while table_length + column_length > available:
        if table_length > column_length:
            table_length -= 1
        else:
            column_length -= 1
    kept_table = table_bytes[:table_length].decode("utf-8", errors="ignore")
    kept_column = column_bytes[:column_length].decode("utf-8", errors="ignore")
    return f"{kept_table}_{kept_column}_seq"
