-- Primary keys, foreign key, check and exclusion constraints of the chosen schemas' tables (unique constraints come
-- with their index). Column numbers are resolved to names by the caller, from the columns it already has.
-- A partitioned partition's constraints are its own, clones of its parent's included (their parent constraint is on
-- another table). A foreign key to a partitioned table has one more row per partition of the referenced table, on the
-- referencing table itself (their parent constraint is on the same table): those are left out.
SELECT
    con.conrelid AS relation,
    con.conname AS name,
    con.contype AS kind,
    con.conkey AS columns,
    rn.nspname AS referenced_schema,
    r.relname AS referenced_table,
    con.confrelid AS referenced_relation,
    con.confkey AS referenced_columns,
    -- names only when the caller has no columns for the referenced table: outside the schemas read, or a leaf partition
    CASE WHEN con.contype = 'f' AND (NOT rn.nspname = ANY(%(schemas)s) OR (r.relispartition AND r.relkind <> 'p'))
    THEN ARRAY(
        SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ordinal)
        JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
        ORDER BY k.ordinal
    ) END AS referenced_column_names,
    con.confupdtype AS on_update,
    con.confdeltype AS on_delete,
    con.condeferrable AS deferrable,
    con.condeferred AS initially_deferred,
    con.convalidated AS validated,
    con.confmatchtype = 'f' AS match_full,
    CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS expression,
    CASE WHEN con.contype = 'x' THEN pg_get_constraintdef(con.oid, true) END AS definition,
    -- a primary key's INCLUDE columns: its index's columns after the keys (an int2vector's subscripts start at 0)
    CASE WHEN con.contype = 'p' THEN (
        SELECT (i.indkey::int2[])[i.indnkeyatts:] FROM pg_index i WHERE i.indexrelid = con.conindid
    ) END AS include
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class r ON r.oid = con.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
LEFT JOIN pg_constraint parent ON parent.oid = con.conparentid
WHERE n.nspname = ANY(%(schemas)s)
  AND c.relkind IN ('r', 'p')
  -- a partition is left out unless it is partitioned itself: db pull reads such a partition as a table of its own
  AND (NOT c.relispartition OR c.relkind = 'p')
  AND con.contype IN ('p', 'f', 'c', 'x')
  AND (con.conparentid = 0 OR parent.conrelid <> con.conrelid)
