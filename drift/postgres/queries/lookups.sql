-- Small lookup tables for index keys: operator classes not the default for their type, and collation names;
-- which of the schemas to read exist (the others are not "in the database"); and the relations of extensions.
SELECT 'opclass' AS kind, oid, opcname AS name FROM pg_opclass WHERE NOT opcdefault
UNION ALL
SELECT 'collation', oid, collname FROM pg_collation
UNION ALL
SELECT 'schema', oid, nspname FROM pg_namespace WHERE nspname = ANY(%(schemas)s)
UNION ALL
-- tables and views that belong to an extension, by schema oid (relations.sql leaves them out)
SELECT 'extension_relation', c.relnamespace, c.relname FROM pg_class c
WHERE c.relnamespace IN (SELECT oid FROM pg_namespace WHERE nspname = ANY(%(schemas)s))
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND c.oid IN (SELECT objid FROM pg_depend WHERE classid = 'pg_class'::regclass AND deptype = 'e')
