"""The game's own colour theme, registered beside Textual's built-in themes."""

from __future__ import annotations

from textual.theme import Theme

FAN_TRIVIA_THEME = Theme(
    name="fan-trivia",
    # A mid-century palette (brass, teal, burnt orange on walnut) that suits the first
    # bundled pack without being tied to it.
    primary="#D9A441",
    secondary="#3E8E8A",
    accent="#E07A4F",
    warning="#E8B04B",
    error="#E0605A",
    success="#7DBB6B",
    foreground="#F1E9DA",
    background="#1D1A17",
    surface="#27231F",
    panel="#363029",
    dark=True,
    variables={
        "footer-key-foreground": "#D9A441",
        "block-cursor-background": "#D9A441",
        "block-cursor-foreground": "#1D1A17",
        "input-selection-background": "#3E8E8A 40%",
    },
)
"""The default theme: legible on dark terminals, every colour a theme variable in the CSS."""
