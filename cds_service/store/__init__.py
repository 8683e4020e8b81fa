"""The feedback and audit store (SQLite by default, PostgreSQL by one setting). Used by api only."""
