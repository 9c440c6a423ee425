-- Small lookup tables for index keys: operator classes not the default for their type, and collation names.
SELECT 'opclass' AS kind, oid, opcname AS name FROM pg_opclass WHERE NOT opcdefault
UNION ALL
SELECT 'collation', oid, collname FROM pg_collation
