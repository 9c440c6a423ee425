-- Live columns of every relation that relations.sql returns. Arrays are reported by element type and dimensions;
-- built-in types in format_type spelling, user types (enums, extension types) by bare name and schema. A column of a
-- domain is reported with the domain's base type (as Prisma reads it) and the domain's name.
-- The first eleven values describe the column itself (the caller shares one object between identical descriptions);
-- relation and collation_oid come last.
SELECT
    a.attname AS name,
    a.attnum AS position,
    CASE
        WHEN t.typtype = 'd' AND btn.nspname = 'pg_catalog' THEN format_type(bt.oid, t.typtypmod)
        WHEN t.typtype = 'd' AND t.typtypmod >= 0
            THEN bt.typname || substring(format_type(bt.oid, t.typtypmod) FROM '\(.*$')
        WHEN t.typtype = 'd' THEN bt.typname
        WHEN tn.nspname = 'pg_catalog' THEN format_type(t.oid, a.atttypmod)
        WHEN a.atttypmod >= 0 THEN t.typname || substring(format_type(t.oid, a.atttypmod) FROM '\(.*$')
        ELSE t.typname
    END AS type,
    CASE
        WHEN t.typtype = 'd' THEN CASE WHEN btn.nspname <> 'pg_catalog' THEN btn.nspname END
        WHEN tn.nspname <> 'pg_catalog' THEN tn.nspname
    END AS type_schema,
    -- PostgreSQL treats integer[] and integer[][] as one type and does not keep the declared dimensions reliably
    -- (attndims is lost by pg_dump, CREATE TABLE AS and views): an array is reported with one dimension.
    CASE WHEN t.oid <> at.oid THEN 1 ELSE 0 END AS dimensions,
    -- a column of a NOT NULL domain is NOT NULL too (information_schema.columns.is_nullable, which Prisma reads)
    NOT (a.attnotnull OR (at.typtype = 'd' AND at.typnotnull)) AS nullable,
    -- A default cannot refer to columns, so it is deparsed without the table's context (relation 0): half the
    -- server's cost per default, and the same text.
    CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) END AS "default",
    a.attidentity AS identity,
    CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
    CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN co.collname END AS collation,
    CASE WHEN t.typtype = 'd' THEN t.typname END AS domain,
    a.attrelid AS relation,
    a.attcollation AS collation_oid
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type at ON at.oid = a.atttypid
-- the element type for arrays, the type itself otherwise
-- (a true array type: has an element type and variable length, unlike name or point which are subscriptable too,
-- and is its element type's array type, unlike the catalog's int2vector and oidvector)
JOIN pg_type t ON t.oid = CASE
    WHEN at.typelem <> 0 AND at.typlen = -1 AND (SELECT e.typarray FROM pg_type e WHERE e.oid = at.typelem) = at.oid
        THEN at.typelem
    ELSE at.oid
END
JOIN pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
LEFT JOIN pg_namespace btn ON btn.oid = bt.typnamespace
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE n.nspname = ANY(%(schemas)s)
  AND c.relkind IN ('r', 'p', 'v', 'm')
  -- a partition is left out unless it is partitioned itself: db pull reads such a partition as a table of its own
  AND (NOT c.relispartition OR c.relkind = 'p')
  AND a.attnum > 0
  AND NOT a.attisdropped
