"""The command palette's game commands: play a pack, stats, players, party, theme, settings,
help, quit. Textual's own "Keys", "Theme" and "Quit" are left out (`TriviaApp.get_system_commands`):
ours do the same, and one entry each reads better."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from trivia.packs.printable import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from trivia.tui.app import TriviaApp


class TriviaCommands(Provider):
    """ "Play pack ...", "Stats", "Players", "Change theme", "Settings" and "Help", by name."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app: TriviaApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Help", app.action_help, "Every key in the game"),
            ("Change theme", app.action_change_theme, "Pick one of the colour themes"),
            ("Settings", app.action_settings, "Timer on or off, theme"),
            ("Stats", app.action_stats, "Your records: score history, accuracy by tag, packs"),
            ("Players", app.action_profiles, "Pick, add or rename a player"),
            ("Party", app.action_party, "Host a meetup: buzzers, hot-seat or a quiz-master"),
            ("Quit", app.action_quit, "Leave Fan Trivia (a round in play stays saved)"),
        ]
        for pack in app.playable_packs:
            # Pack titles are written by strangers: escaped, and never read as markup below.
            title = printable(pack.meta.title)
            commands.append(
                (
                    f"Play pack {title}",
                    partial(app.play_pack, pack.id),
                    # The palette reads help text as markup, so the pack's id is escaped.
                    escape(f"A quick round from {printable(pack.id)} ({len(pack.questions)} q.)"),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(matcher.query, name)
                yield Hit(score, _highlight(name, offsets), callback, text=name, help=help_text)


def _highlight(name: str, offsets: Sequence[int]) -> Content:
    # Not `Matcher.highlight`: it parses the candidate as markup, and pack titles are
    # shown literally.
    content = Content(name)
    for offset in offsets:
        content = content.stylize("reverse", offset, offset + 1)
    return content
