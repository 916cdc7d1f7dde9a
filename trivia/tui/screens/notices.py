"""Notices that belong to one screen: a hint about this question is gone with the question."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import Screen


class ScreenNotices(Screen[None]):
    """A screen whose own toasts are taken down when the player leaves it.

    "Type an answer first" is about this question's field: shown over the reveal or the
    summary it points at nothing and covers the table. Notices the app posts (a save that
    failed) are the app's, and stay until they time out. Like the app's, these never parse
    markup: they quote what people typed.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._own_notices: list[Notification] = []

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast that lasts while this screen is shown (at most `timeout`)."""
        app: App[object] = self.app
        notification = Notification(
            message,
            title,
            severity,
            app.NOTIFICATION_TIMEOUT if timeout is None else timeout,
            markup=markup,
        )
        self._own_notices.append(notification)
        app.post_message(Notify(notification))

    def _take_down_notices(self) -> None:
        app = self.app
        # Textual has no public call to withdraw one toast; `_unnotify` is the one its own
        # timeouts use (Textual is pinned, so this cannot move under us unnoticed).
        current = app._notifications
        for notification in self._own_notices:
            if notification in current:
                app._unnotify(notification, refresh=False)
        self._own_notices.clear()
        app._refresh_notifications()

    def on_screen_suspend(self) -> None:
        self._take_down_notices()

    def on_unmount(self) -> None:
        self._take_down_notices()
