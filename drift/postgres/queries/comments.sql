-- Comments on the chosen schemas' relations (objsubid 0) and their columns (objsubid = attnum). A query of its own:
-- joined into the column query, pg_description made the planner choose a nested loop over every column.
SELECT d.objoid AS relation, d.objsubid AS position, d.description
FROM pg_description d
JOIN pg_class c ON c.oid = d.objoid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE d.classoid = 'pg_class'::regclass
  AND n.nspname = ANY(%(schemas)s)
