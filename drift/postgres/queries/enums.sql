-- Enums of the chosen schemas with their values in declaration order.
SELECT n.nspname AS schema_name, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS "values"
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = ANY(%(schemas)s)
GROUP BY n.nspname, t.typname
