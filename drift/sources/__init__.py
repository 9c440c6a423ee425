"""Where the actual database description comes from: a live URL, a SQL dump, a migrations folder or a snapshot.

`load_actual_schema` (in `drift.sources.load`) is the one entry point; the embedded throwaway server and the SQL
script runner live beside it.
"""
