"""Reusable widgets of the game's screens."""
