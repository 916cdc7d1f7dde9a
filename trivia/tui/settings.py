"""The player's settings: kept by the store (`trivia.store.settings`), re-exported here."""

from trivia.store.settings import (
    DEFAULT_THEME,
    SETTINGS_NAME,
    Settings,
    load_settings,
    save_settings,
)

__all__ = ["DEFAULT_THEME", "SETTINGS_NAME", "Settings", "load_settings", "save_settings"]
