"""Where the database is when no source is given: where Prisma's CLI would look (prisma.config.ts, schema.prisma's
datasource, DATABASE_URL), with the environment first and then .env files."""

from __future__ import annotations

from pathlib import Path

from drift.errors import BadInput
from drift.sources.dotenv import env_file_folders, env_value
from drift.sources.prisma_config import PrismaConfig

# The variable Prisma's projects name their database URL in (`url = env("DATABASE_URL")`).
DATABASE_URL = "DATABASE_URL"


def database_url(
    prisma_config: PrismaConfig | None,
    connection: tuple[str, str] | None,
    schema_path: Path | None,
    cwd: Path,
    required: bool = True,
    sources: str = "--db URL, --sql FILE, --migrations DIR or --snapshot FILE",
) -> str | None:
    """The URL Prisma's CLI would read the database through, when no source is given: prisma.config.ts's
    `datasource` (Prisma 7), else schema.prisma's (`connection`, see `Datasource.connection`: `directUrl`, else `url`),
    else DATABASE_URL; `env("X")` from the environment, else a .env file (see drift.sources.dotenv)."""
    if prisma_config is not None and prisma_config.urls:
        candidates, said = prisma_config.urls, f"{prisma_config.path.name} reads the URL from"
    elif connection is not None:
        candidates, said = (connection,), "schema.prisma's datasource reads the URL from"
    else:
        candidates, said = (("env", DATABASE_URL),), "the URL is read from"
    folders = env_file_folders(cwd, schema_path)
    url = None
    for kind, value in candidates:
        if kind == "url":
            url = value
            break
        found = env_value(value, folders)
        if found is not None:
            url = found[0]
            break
    if url is None:
        if not required:
            return None
        names = " or ".join(value for kind, value in candidates if kind == "env")
        raise BadInput(
            f"no database given: {said} {names}, which is neither set nor in a .env file; pass {sources}."
        )
    if url.startswith(("prisma://", "prisma+postgres://")):
        if not required:
            return None  # an Accelerate URL in DATABASE_URL, with the datasource's directUrl to come
        raise BadInput(
            "the datasource URL is a Prisma Accelerate URL, which cannot read PostgreSQL's catalog; set directUrl in "
            "the datasource or pass --db with a PostgreSQL URL."
        )
    return url
