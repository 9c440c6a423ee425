-- Small lookup tables for index keys: operator classes not the default for their type, and collation names; and
-- which of the schemas to read exist (the others are not "in the database").
SELECT 'opclass' AS kind, oid, opcname AS name FROM pg_opclass WHERE NOT opcdefault
UNION ALL
SELECT 'collation', oid, collname FROM pg_collation
UNION ALL
SELECT 'schema', oid, nspname FROM pg_namespace WHERE nspname = ANY(%(schemas)s)
