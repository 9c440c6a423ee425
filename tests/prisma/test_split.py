"""drift.prisma.split: where a schema.prisma text is cut for a sharded lowering, and what each part looks like."""

from __future__ import annotations

import pytest

from drift.prisma.split import blocks, cut_sources


def cut(text: str, found, share: float = 0.5):
    """`cut_sources` of one text."""
    parts = cut_sources({"": text}, {"": found}, share)
    return None if parts is None else (parts[0][""], parts[1][""], parts[2])


SCHEMA = """\
// a file comment, then a blank line

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// A user.
// and a plain comment under the doc comment
model User {
  id    Int    @id
  posts Post[]
}

// not the Post's: a blank line follows

enum Role {
  ADMIN
}

model Post {
  id       Int  @id // trailing
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
} // closing comment
"""


def test_blocks_lists_the_top_level_blocks_with_the_comment_lines_directly_above_them() -> None:
    found = blocks(SCHEMA)
    assert [(block.kind, block.name) for block in found] == [
        ("datasource", "db"),
        ("model", "User"),
        ("enum", "Role"),
        ("model", "Post"),
    ]
    user = found[1]
    assert SCHEMA[user.start:user.end].startswith("/// A user.\n// and a plain comment")
    assert SCHEMA[user.start:user.end].endswith("  posts Post[]\n}\n")
    role = found[2]
    assert SCHEMA[role.start:role.end].startswith("enum Role {")  # the comment above has a blank line after it
    assert found[3].end == len(SCHEMA)


def test_blocks_reads_crlf_lines() -> None:
    found = blocks(SCHEMA.replace("\n", "\r\n"))
    assert [block.name for block in found] == ["db", "User", "Role", "Post"]


@pytest.mark.parametrize(
    "text",
    [
        'model A {\n  id Int @id\n}\nstray text\nmodel B {\n  id Int @id\n}\n',  # text between blocks
        'model A { id Int @id }\nmodel B {\n  id Int @id\n}\n',  # a block on one line
        'model A {\n  id Int @id\n',  # never closed
        'model A {\n  id Int @id\nmodel B {\n  id Int @id\n}\n}\n',  # opened inside another
        '}\nmodel A {\n  id Int @id\n}\n',  # closed before opened
    ],
)
def test_blocks_gives_up_on_layouts_it_does_not_understand(text: str) -> None:
    assert blocks(text) is None


def test_cut_blanks_the_other_parts_models_keeping_lines_columns_and_byte_offsets() -> None:
    text = SCHEMA.replace("/// A user.", "/// Ein Benutzer – mit Umlauten: äöü.")
    first, second, count = cut(text, blocks(text))
    assert count == 1
    for part in (first, second):
        assert part.count("\n") == text.count("\n")
        for original, blanked in zip(text.split("\n"), part.split("\n")):
            assert blanked == original or (not blanked.strip() and len(blanked) == len(original.encode("utf-8")))
    assert "model User {" in first and "model Post {" not in first
    assert "model Post {" in second and "model User {" not in second and "Umlauten" not in second
    for part in (first, second):  # what both parts keep
        assert "datasource db {" in part and "enum Role {" in part


def test_cut_divides_the_models_by_size_and_keeps_one_in_each_part() -> None:
    models = "".join(f"model M{number} {{\n  id Int @id\n}}\n\n" for number in range(10))
    found = blocks(models)
    assert cut(models, found, 0.3)[2] == 3
    assert cut(models, found, 0.0)[2] == 1
    assert cut(models, found, 1.0)[2] == 9
    assert cut("model A {\n  id Int @id\n}\n", blocks("model A {\n  id Int @id\n}\n")) is None


def test_cut_sources_divides_the_models_of_several_files_in_file_order() -> None:
    sources = {
        "a.prisma": DATASOURCE_AND_ENUM,
        "b.prisma": "model B1 {\n  id Int @id\n}\n\nmodel B2 {\n  id Int @id\n}\n",
        "c.prisma": "model C1 {\n  id Int @id\n}\n",
    }
    found = {file: blocks(text) for file, text in sources.items()}
    first, second, count = cut_sources(sources, found, 0.5)
    assert count == 2
    assert first["a.prisma"] == second["a.prisma"] == DATASOURCE_AND_ENUM  # no models: the same in both parts
    assert "model B1" in first["b.prisma"] and "model B2" in first["b.prisma"] and "model C1" not in first["c.prisma"]
    assert not second["b.prisma"].strip() and second["c.prisma"] == sources["c.prisma"]
    assert {file: len(text) for file, text in first.items()} == {file: len(text) for file, text in sources.items()}


DATASOURCE_AND_ENUM = 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n\nenum E {\n  A\n}\n'
