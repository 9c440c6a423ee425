-- User triggers (not the internal ones behind foreign keys), of the tables relations.sql returns: on a partitioned
-- partition, the clones of its parent's triggers too.
SELECT t.tgrelid AS relation, t.tgname AS name, pg_get_triggerdef(t.oid, true) AS definition
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT t.tgisinternal
  -- a partition is left out unless it is partitioned itself: db pull reads such a partition as a table of its own
  AND (NOT c.relispartition OR c.relkind = 'p')
