"""prisma.config.ts read from its text: the spellings of `schema` and `datasource.url` seen in real projects."""

from __future__ import annotations

from pathlib import Path

import pytest

from drift.sources.prisma_config import parse_prisma_config

ROOT = Path("/project")


@pytest.mark.parametrize(
    "text, schema, urls",
    [
        (
            "import 'dotenv/config'\nimport { defineConfig, env } from 'prisma/config'\nexport default defineConfig({\n"
            "  // schema: 'commented/out.prisma',\n  schema: 'prisma/schema.prisma',\n"
            "  migrations: { path: 'prisma/migrations' },\n"
            "  datasource: {\n    url: env('DATABASE_URL'),\n    directUrl: env(\"DIRECT_URL\"),\n  },\n})\n",
            ROOT / "prisma" / "schema.prisma",
            (("env", "DIRECT_URL"), ("env", "DATABASE_URL")),
        ),
        (
            'export default defineConfig({ schema: path.join(__dirname, "prisma", "schema"), datasource: '
            "{ url: process.env.DIRECT_DATABASE_URL ?? process.env.DATABASE_URL! } });",
            ROOT / "prisma" / "schema",
            (("env", "DIRECT_DATABASE_URL"), ("env", "DATABASE_URL")),
        ),
        (
            'export default { schema: "./db/schema.prisma", datasource: { url: process.env["DATABASE_URL"] || '
            '"postgresql://localhost/dev" } } satisfies PrismaConfig;',
            ROOT / "db" / "schema.prisma",
            (("env", "DATABASE_URL"), ("url", "postgresql://localhost/dev")),
        ),
        # Computed: not guessed at.
        ("export default defineConfig({ schema: schemaPath, datasource: url ? { url } : undefined });", None, ()),
        ('const note = "schema: \'no\'"; export default defineConfig({});', None, ()),
    ],
)
def test_prisma_config_spellings(text: str, schema: Path | None, urls: tuple) -> None:
    config = parse_prisma_config(text, ROOT / "prisma.config.ts")
    assert (config.schema, config.urls) == (schema, urls)


def test_a_config_in_dot_config_is_relative_to_the_project_root() -> None:
    config = parse_prisma_config("export default { schema: 'prisma/schema.prisma' }", ROOT / ".config" / "prisma.ts")
    assert config.schema == ROOT / "prisma" / "schema.prisma"
