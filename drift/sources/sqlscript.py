"""Split a SQL script into statements and run them one by one.

One statement at a time, in autocommit, is what makes `CREATE INDEX CONCURRENTLY` and `ALTER TYPE ... ADD VALUE`
work (neither may run inside a transaction block), and it lets an error name the line of the statement that failed.
The splitter understands quotes, quoted identifiers, dollar quoting, E'' strings and both kinds of comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

_DOLLAR_TAG = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)?\$")


@dataclass(frozen=True)
class Statement:
    text: str
    line: int  # 1-based line of the statement's first character in the script


class ScriptError(Exception):
    """A statement of a script failed; `str()` is a one-line reason naming the script and the line."""

    def __init__(self, source: str, line: int, reason: str, statement: str):
        self.source = source
        self.line = line
        self.reason = reason
        self.statement = statement
        super().__init__(f"{source}:{line}: {reason}")


def split_statements(script: str) -> list[Statement]:
    statements: list[Statement] = []
    length = len(script)
    index = 0
    start = 0
    line = 1
    start_line = 1
    content_seen = False  # has the current statement anything but whitespace and comments?

    def flush(end: int) -> None:
        nonlocal content_seen
        text = script[start:end].strip()
        if content_seen and text:
            statements.append(Statement(text=text, line=start_line))
        content_seen = False

    while index < length:
        char = script[index]
        if not content_seen and not char.isspace() and not script.startswith("--", index) and not script.startswith("/*", index):
            content_seen = True
            start = index
            start_line = line
        if char == "\n":
            line += 1
            index += 1
        elif script.startswith("--", index):
            end = script.find("\n", index)
            index = length if end == -1 else end
        elif script.startswith("/*", index):
            depth = 0
            while index < length:
                if script.startswith("/*", index):
                    depth += 1
                    index += 2
                elif script.startswith("*/", index):
                    depth -= 1
                    index += 2
                    if depth == 0:
                        break
                else:
                    if script[index] == "\n":
                        line += 1
                    index += 1
        elif char in ("'", '"'):
            backslash_escapes = char == "'" and index > 0 and script[index - 1] in "eE" and (
                index < 2 or not (script[index - 2].isalnum() or script[index - 2] == "_")
            )
            index += 1
            while index < length:
                current = script[index]
                if current == "\n":
                    line += 1
                if backslash_escapes and current == "\\":
                    index += 2
                    continue
                if current == char:
                    if index + 1 < length and script[index + 1] == char:
                        index += 2
                        continue
                    index += 1
                    break
                index += 1
        elif char == "$" and (match := _DOLLAR_TAG.match(script, index)) and not (
            index > 0 and (script[index - 1].isalnum() or script[index - 1] == "_")
        ):
            tag = match.group(0)
            end = script.find(tag, match.end())
            end = length if end == -1 else end + len(tag)
            line += script.count("\n", index, end)
            index = end
        elif char == ";":
            flush(index)
            index += 1
        else:
            index += 1
    flush(length)
    return statements


def run_script(connection, script: str, source: str = "<script>") -> int:
    """Run every statement of `script` on an autocommit psycopg connection; return how many ran."""
    import psycopg

    count = 0
    for statement in split_statements(script):
        try:
            connection.execute(statement.text.encode("utf-8"))
        except psycopg.Error as error:
            reason = (error.diag.message_primary or str(error)).strip().splitlines()[0]
            raise ScriptError(source, statement.line, reason, statement.text) from None
        count += 1
    return count


def migration_scripts(folder: Path) -> Iterable[tuple[str, Path]]:
    """The `migration.sql` files of a Prisma migrations folder, in folder-name order (Prisma's own order)."""
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        script = entry / "migration.sql"
        if entry.is_dir() and script.is_file():
            yield entry.name, script
