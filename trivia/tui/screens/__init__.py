"""The game's screens, one per file, each styled by its own .tcss file."""
