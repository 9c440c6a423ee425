-- Indexes other than primary keys and exclusion constraints, rebuilt from catalog columns: one row per index with
-- per-key arrays (pg_get_indexdef only for expression keys).
SELECT
    i.indrelid AS relation,
    ic.relname AS name,
    i.indisunique AS "unique",
    EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype = 'u' AND con.conrelid = i.indrelid) AS "constraint",
    am.amname AS method,
    pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
    i.indnullsnotdistinct AS nulls_not_distinct,
    i.indisvalid AS valid,
    i.indnkeyatts AS key_count,
    ARRAY(
        SELECT CASE WHEN k.attnum = 0 THEN NULL ELSE a.attname END
        FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinal)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        ORDER BY k.ordinal
    ) AS columns,
    ARRAY(
        SELECT CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ordinal::int, true) END
        FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinal)
        ORDER BY k.ordinal
    ) AS expressions,
    i.indoption::int2[] AS options,
    ARRAY(
        SELECT CASE WHEN op.opcdefault THEN NULL ELSE op.opcname END
        FROM unnest(i.indclass) WITH ORDINALITY AS k(opclass, ordinal)
        JOIN pg_opclass op ON op.oid = k.opclass
        ORDER BY k.ordinal
    ) AS opclasses,
    ARRAY(
        SELECT CASE
            WHEN k.collation_oid = 0 OR k.collation_oid = coalesce(a.attcollation, 0) OR (a.attcollation IS NULL AND k.collation_oid = 100) THEN NULL
            ELSE co.collname
        END
        FROM unnest(i.indcollation) WITH ORDINALITY AS k(collation_oid, ordinal)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.ordinal - 1] AND i.indkey[k.ordinal - 1] <> 0
        LEFT JOIN pg_collation co ON co.oid = k.collation_oid
        ORDER BY k.ordinal
    ) AS collations
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE n.nspname = ANY(%(schemas)s)
  AND c.relkind IN ('r', 'p', 'm')
  AND NOT c.relispartition
  AND NOT i.indisprimary
  AND NOT i.indisexclusion
