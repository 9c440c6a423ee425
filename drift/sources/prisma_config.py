"""What `prisma.config.ts` tells the Prisma CLI that drift needs too: where schema.prisma is (`schema`) and the
database URL (`datasource.url` / `directUrl`, which Prisma 7 moved out of schema.prisma).

The file is TypeScript, which drift does not run: the common spellings are read from its text (string literals,
`path.join(...)` of literals, `env("X")`, `process.env.X`, `process.env["X"]`, and `??` / `||` chains of those).
A computed value is not guessed at: drift then falls back to its defaults (./prisma/schema.prisma, $DATABASE_URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Where Prisma looks for its config file, in the project root.
CONFIG_FILES = (
    "prisma.config.ts",
    "prisma.config.mts",
    "prisma.config.cts",
    "prisma.config.js",
    "prisma.config.mjs",
    "prisma.config.cjs",
    ".config/prisma.ts",
    ".config/prisma.mts",
    ".config/prisma.js",
    ".config/prisma.mjs",
)

_STRING = r"""(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`$\\]*)`)"""
_COMMENTS = re.compile(r"""//[^\n]*|/\*.*?\*/|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`)""", re.S)
_SCHEMA = re.compile(r"(?<![\w.\"'`])schema\s*:\s*(" + _STRING + r"|path\.(?:join|resolve)\s*\(([^()]*)\))")
_DATASOURCE = re.compile(r"(?<![\w.])datasource\s*:\s*\{")
# `env("X")` (groups 1-3) or `process.env["X"]` (groups 4-6).
_TERM_ENV = re.compile(
    r"""^(?:env|process\.env)\s*(?:\(\s*""" + _STRING + r"""\s*\)|\[\s*""" + _STRING + r"""\s*\])$"""
)
_TERM_PROCESS_ENV = re.compile(r"^process\.env\.([A-Za-z_][A-Za-z0-9_]*)$")
_TERM_LITERAL = re.compile("^" + _STRING + "$")


@dataclass(frozen=True)
class PrismaConfig:
    path: Path
    # schema.prisma (or a folder of .prisma files), relative paths taken from the config file's folder.
    schema: Path | None = None
    # Where the URL may come from, in order: ("env", name) or ("url", text); directUrl's before url's.
    urls: tuple[tuple[str, str], ...] = ()


def find_prisma_config(cwd: Path) -> Path | None:
    for name in CONFIG_FILES:
        candidate = cwd / name
        if candidate.is_file():
            return candidate
    return None


def read_prisma_config(cwd: Path) -> PrismaConfig | None:
    path = find_prisma_config(cwd)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return parse_prisma_config(text, path)


def parse_prisma_config(text: str, path: Path) -> PrismaConfig:
    code = _COMMENTS.sub(lambda match: match.group(1) or " ", text)
    base = path.parent if path.parent.name != ".config" else path.parent.parent
    schema = None
    match = _SCHEMA.search(code)
    if match is not None:
        parts = _strings(match.group(5)) if match.group(5) is not None else [_literal(match)]
        if parts and all(part is not None for part in parts):
            schema = (base / Path(*parts)).resolve()
    urls: list[tuple[str, str]] = []
    block = _datasource_block(code)
    if block is not None:
        for key in ("directUrl", "url"):
            value = _property(block, key)
            if value is not None:
                urls += _sources(value)
    return PrismaConfig(path=path, schema=schema, urls=tuple(urls))


def _literal(match: re.Match, first: int = 2) -> str | None:
    for group in range(first, first + 3):
        if match.group(group) is not None:
            return match.group(group)
    return None


def _strings(arguments: str) -> list[str | None]:
    """`path.join("prisma", "schema.prisma")`'s arguments; `__dirname` and `.` are the config's folder."""
    parts: list[str | None] = []
    for argument in (piece.strip() for piece in arguments.split(",")):
        if argument in ("__dirname", "process.cwd()", "import.meta.dirname", ""):
            continue
        literal = _TERM_LITERAL.match(argument)
        parts.append(_literal(literal, 1) if literal else None)
    return parts


def _datasource_block(code: str) -> str | None:
    match = _DATASOURCE.search(code)
    if match is None:
        return None
    depth, start = 1, match.end()
    for index in range(start, len(code)):
        if code[index] == "{":
            depth += 1
        elif code[index] == "}":
            depth -= 1
            if not depth:
                return code[start:index]
    return None


def _property(block: str, key: str) -> str | None:
    """The expression of `key: ...` at the top level of the block, up to the next comma or the end."""
    match = re.search(rf"(?<![\w.]){key}\s*:", block)
    if match is None:
        return None
    depth, start = 0, match.end()
    for index in range(start, len(block)):
        character = block[index]
        if character in "([{":
            depth += 1
        elif character in ")]}":
            depth -= 1
        elif character == "," and not depth:
            return block[start:index].strip()
    return block[start:].strip()


def _sources(expression: str) -> list[tuple[str, str]]:
    """`env("A") ?? process.env.B || "postgresql://..."` -> [("env", "A"), ("env", "B"), ("url", "...")]."""
    found = []
    for term in re.split(r"\?\?|\|\|", expression):
        term = term.strip().removesuffix("!")
        called = _TERM_ENV.match(term)  # env("X") or process.env["X"]
        dotted = _TERM_PROCESS_ENV.match(term)  # process.env.X
        literal = _TERM_LITERAL.match(term)
        if called is not None:
            name = _literal(called, 1) or _literal(called, 4)
            if name:
                found.append(("env", name))
        elif dotted is not None:
            found.append(("env", dotted.group(1)))
        elif literal is not None:
            text = _literal(literal, 1)
            if text and re.match(r"^postgres(ql)?://", text):
                found.append(("url", text))
    return found
