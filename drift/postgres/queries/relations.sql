-- Tables (partitioned parents and partitioned partitions, not leaf partitions), views and materialized views of the
-- chosen schemas.
-- Parents come from a join, not a subquery per row; comments from comments.sql.
SELECT
    c.oid,
    n.nspname AS schema_name,
    c.relname AS name,
    c.relkind AS kind,
    CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
    parents.names AS inherits
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN (
    SELECT i.inhrelid, array_agg(pn.nspname || '.' || p.relname ORDER BY i.inhseqno) AS names
    FROM pg_inherits i
    JOIN pg_class p ON p.oid = i.inhparent
    JOIN pg_namespace pn ON pn.oid = p.relnamespace
    GROUP BY i.inhrelid
) parents ON parents.inhrelid = c.oid
WHERE n.nspname = ANY(%(schemas)s)
  AND c.relkind IN ('r', 'p', 'v', 'm')
  -- a partition is left out unless it is partitioned itself: db pull reads such a partition as a table of its own
  AND (NOT c.relispartition OR c.relkind = 'p')
  -- objects that belong to an extension (e.g. PostGIS's spatial_ref_sys) are the extension's, not the schema's
  AND c.oid NOT IN (SELECT objid FROM pg_depend WHERE classid = 'pg_class'::regclass AND deptype = 'e')
