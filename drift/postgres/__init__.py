"""The only package that talks to PostgreSQL: connections, catalog queries (`queries/*.sql`) and introspection."""
