"""Fan Trivia: a terminal fan-trivia quiz game built from cited question packs."""

__version__ = "0.1.0"
