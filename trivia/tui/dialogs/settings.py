"""Settings: the timer (and the practice timer) and the theme; kept for next time."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, Select

from trivia.tui.settings import Settings


class SettingsScreen(ModalScreen[Settings | None]):
    """Change the settings; dismisses with the new settings, or None when cancelled.

    The theme changes live while the dialog is open, so the player sees it before saving;
    cancelling puts the old one back.

    Args:
        settings: The settings to start from.
    """

    CSS_PATH = "settings.tcss"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
        Binding("ctrl+s", "save", "Save", id="settings.save", priority=True),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Settings"
            yield Checkbox("Timed questions (speed earns points)", self.settings.timer, id="timer")
            yield Checkbox(
                "Time practice rounds too", self.settings.practice_timer, id="practice-timer"
            )
            with Horizontal(classes="field"):
                yield Label("Theme", classes="field-label")
                yield Select(
                    [(name, name) for name in sorted(self.app.available_themes)],
                    value=self.settings.theme,
                    allow_blank=False,
                    compact=True,
                    id="theme",
                )
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    @on(Select.Changed, "#theme")
    def _preview_theme(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Keep the settings as they are in the dialog."""
        self.dismiss(
            replace(
                self.settings,
                timer=self.query_one("#timer", Checkbox).value,
                practice_timer=self.query_one("#practice-timer", Checkbox).value,
                theme=str(self.query_one("#theme", Select).value),
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changing anything (the old theme comes back)."""
        self.app.theme = self.settings.theme
        self.dismiss(None)
