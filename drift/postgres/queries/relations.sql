-- Tables (partitioned parents, not partitions), views and materialized views of the chosen schemas.
SELECT
    c.oid,
    n.nspname AS schema_name,
    c.relname AS name,
    c.relkind AS kind,
    obj_description(c.oid, 'pg_class') AS comment,
    CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
    ARRAY(
        SELECT pn.nspname || '.' || p.relname
        FROM pg_inherits i
        JOIN pg_class p ON p.oid = i.inhparent
        JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE i.inhrelid = c.oid
        ORDER BY i.inhseqno
    ) AS inherits
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND c.relkind IN ('r', 'p', 'v', 'm')
  AND NOT c.relispartition
  -- objects that belong to an extension (e.g. PostGIS's spatial_ref_sys) are the extension's, not the schema's
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
