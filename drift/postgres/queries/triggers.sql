-- User triggers (not the internal ones behind foreign keys, nor clones on partitions).
SELECT t.tgrelid AS relation, t.tgname AS name, pg_get_triggerdef(t.oid, true) AS definition
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(%(schemas)s)
  AND NOT t.tgisinternal
  AND t.tgparentid = 0
  AND NOT c.relispartition
