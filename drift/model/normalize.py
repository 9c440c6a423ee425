"""One spelling for types and defaults, used by both sides (the Prisma lowering and the introspector).

Contract (the diff compares the outputs with plain equality):
- `normalize_type("varchar(120)") == normalize_type("character varying(120)") == "character varying(120)"`;
  the output is PostgreSQL's `format_type` spelling of the element type, no array brackets.
- `normalize_default(expr, type)` turns a default expression as `pg_get_expr` prints it, or as Prisma writes it in
  its DDL, into one canonical text: casts to the column's own type or to text types dropped (`'x'::text` -> `'x'`),
  `now()` -> `CURRENT_TIMESTAMP`, any `nextval(...)` -> `autoincrement()`, NULL -> None, whitespace collapsed.
"""

from __future__ import annotations
