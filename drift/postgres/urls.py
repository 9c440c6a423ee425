"""Prisma connection URLs, read without importing psycopg (the check reads them before and beside its database
reader)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit


def prisma_schema_parameter(url: str) -> str | None:
    """The `?schema=` of a Prisma connection URL, if any: where Prisma puts the models without @@schema."""
    if not re.match(r"^postgres(ql)?://", url.strip()):
        return None
    try:
        query = urlsplit(url.strip()).query
    except ValueError:  # `[::1:5432`: said where the URL is used, as an invalid connection string
        return None
    for key, value in parse_qsl(query):
        if key == "schema" and value:
            return value
    return None
