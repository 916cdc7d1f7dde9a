"""Persistence: where saves live, and (with the saves issue) the SQLite store."""
