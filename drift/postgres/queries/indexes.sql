-- Indexes other than primary keys and exclusion constraints, as catalog columns: key column numbers, options,
-- operator classes and collations are resolved by the caller; pg_get_indexdef only for indexes with expressions.
SELECT
    i.indrelid AS relation,
    ic.relname AS name,
    i.indisunique AS "unique",
    -- a hashed subplan: pg_constraint has no index on conindid
    i.indexrelid IN (SELECT conindid FROM pg_constraint WHERE contype = 'u') AS "constraint",
    am.amname AS method,
    pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
    i.indnullsnotdistinct AS nulls_not_distinct,
    i.indisvalid AS valid,
    -- a UNIQUE constraint's DEFERRABLE (a plain index is never deferrable); INITIALLY DEFERRED is only on its
    -- constraint, looked up for a deferrable one alone (the subplan is then never built for the common case)
    NOT i.indimmediate AS deferrable,
    NOT i.indimmediate AND i.indexrelid IN (SELECT conindid FROM pg_constraint WHERE condeferred) AS initially_deferred,
    i.indnkeyatts AS key_count,
    i.indkey::int2[] AS columns,
    CASE WHEN i.indexprs IS NOT NULL THEN ARRAY(
        SELECT CASE WHEN i.indkey[k.ordinal - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k.ordinal::int, true) END
        FROM generate_series(1, i.indnatts) AS k(ordinal)
        ORDER BY k.ordinal
    ) END AS expressions,
    i.indoption::int2[] AS options,
    i.indclass::oid[] AS opclasses,
    i.indcollation::oid[] AS collations
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE n.nspname = ANY(%(schemas)s)
  AND c.relkind IN ('r', 'p', 'm')
  -- a partition is left out unless it is partitioned itself: db pull reads such a partition as a table of its own
  AND (NOT c.relispartition OR c.relkind = 'p')
  AND NOT i.indisprimary
  AND NOT i.indisexclusion
