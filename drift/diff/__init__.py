"""The diff: pair the expected and actual DatabaseSchema, detect renames, produce typed findings."""
