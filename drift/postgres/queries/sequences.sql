-- Sequences of the chosen schemas; identity sequences are part of their column and left out.
SELECT
    n.nspname AS schema_name,
    c.relname AS name,
    format_type(s.seqtypid, NULL) AS data_type,
    owner.relname AS owned_by_table,
    a.attname AS owned_by_column
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class owner ON owner.oid = d.refobjid
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE n.nspname = ANY(%(schemas)s)
  AND d.deptype IS DISTINCT FROM 'i'
