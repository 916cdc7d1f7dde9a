"""The host's party screen: the projector stage plus every host control, one key each.

The screen turns keys into `Party` actions (`open_options`, `buzz`, `answer`,
`toggle_mark`, `reveal`, `next`, `skip`, `pause`, `undo`, `adjust`, `end`) and never
decides anything itself. After each action the new events go to the app's store thread,
in order, so every mark and award is committed as it is made.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from trivia.game.answers import InvalidResponse, answer_key
from trivia.game.party import (
    BuzzResult,
    HostAction,
    PartyError,
    PartyPhase,
    PartyStateError,
    PartyStyle,
    describe,
)
from trivia.packs.model import QuestionType
from trivia.packs.printable import printable
from trivia.store.party_save import PartySave
from trivia.tui.field_keys import check_field_key, field_twin, run_twin, typing
from trivia.tui.widgets.order_list import OrderList
from trivia.tui.widgets.party_board import player_label
from trivia.tui.widgets.party_stage import PartyStage
from trivia.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from pathlib import Path

    from trivia.game.answers import Response
    from trivia.game.party import Party
    from trivia.store import Store
    from trivia.tui.app_base import Clock
    from trivia.tui.store_thread import StoreThread

TICK_SECONDS = 0.1
"""How often the screen reads the party's clock (countdown, time-outs)."""

FLASH_SECONDS = 0.8
"""How long a buzz's word ("LOCKED", "too late") stays by the player's name."""

LEAVE_PARTY = (
    "Leave the party? It stays saved: start Fan Trivia again to resume it, scores and all. "
    "(To finish it with the podium, press e instead.)"
)
END_PARTY = "End the party now and show the podium?"
END_DROPS = " The question on screen does not count: its answers and marks are dropped."
END_KEEPS = " The question just revealed counts."

TWINNED = frozenset({"pause", "skip", "undo", "reveal", "adjust", "end", "decline"})
"""Host actions on letter keys with a function-key twin (`field_keys`)."""

FIELD_KEYS = {
    "pause": ("x", "F2"),
    "undo": ("u", "F4"),
    "decline": ("0", "F8"),
}
"""The keys the host's line names: (letter, twin while a player types)."""

_ASKS = {
    "open_options": HostAction.OPEN_OPTIONS,
    "next": HostAction.NEXT,
    "reveal": HostAction.REVEAL,
    "skip": HostAction.SKIP,
    "pause": HostAction.PAUSE,
    "end": HostAction.END,
    "undo": HostAction.UNDO,
    "true_false": HostAction.TRUE_FALSE,
    "decline": HostAction.DECLINE,
    "toggle_key": HostAction.SHOW_KEY,
}
"""The screen's actions that the party rules on (`Party.can`); the rest are always on."""

BUZZ_WORDS = {
    BuzzResult.EARLY: "⊘ LOCKED: too early",
    BuzzResult.LOCKED: "⊘ LOCKED",
    BuzzResult.TOO_LATE: "too late",
    BuzzResult.OUT: "✘ out",
}


class PartyHostScreen(Screen[None]):
    """Run a party: the stage for the room, the host's keys in the footer.

    The screen needs nothing of the app: it is handed the store thread its saves go
    through and the clock the party reads.

    Args:
        save: The party and its saving side (new, or restored from the save).
        store: The app's store thread (every save of the party is queued to it).
        clock: The clock the party reads (who buzzed first is judged by key times only
            when it is Textual's own, `time.monotonic`).
    """

    CSS_PATH = ["party_stage.tcss", "party_host.tcss"]

    BINDINGS = [
        Binding("space", "open_options", "Options", id="party.open", tooltip="Show the options"),
        Binding("enter", "next", "Next", id="party.next", tooltip="The next question"),
        Binding("r", "reveal", "Reveal", id="party.reveal", tooltip="Reveal / award the marks"),
        Binding("u", "undo", "Undo", id="party.undo", tooltip="Take back the last thing"),
        Binding("s", "skip", "Skip", id="party.skip", tooltip="Skip this question"),
        Binding("x", "pause", "Pause", id="party.pause", tooltip="Pause or resume the clock"),
        Binding("c", "adjust", "Correct", id="party.adjust", tooltip="Change a score by hand"),
        Binding("e", "end", "End", id="party.end", tooltip="End now: the podium"),
        # Off the footer, which must fit 80 columns: the end screen names it, `?` lists it.
        Binding("ctrl+s", "export", "Export", show=False, id="party.export"),
        Binding("escape", "leave", "Leave", id="party.leave", tooltip="Leave (stays saved)"),
        Binding("1", "digit(1)", "Answer/mark", key_display="1-8", id="party.digit"),
        *(Binding(str(n), f"digit({n})", show=False) for n in range(2, 9)),
        Binding("t", "true_false(True)", "True", show=False),
        Binding("f", "true_false(False)", "False", show=False),
        Binding("0", "decline", "Pass", id="party.decline", tooltip="No answer / let the pass go"),
        Binding("k", "toggle_key", "Answer key", show=False, id="party.key"),
        Binding("ctrl+k", "kick", "Remove a phone", show=False, id="party.kick"),
        # Twins of the letter keys, for while a player types into the answer field.
        field_twin("f2", "pause", "Pause"),
        field_twin("f3", "skip", "Skip"),
        field_twin("f4", "undo", "Undo"),
        field_twin("f5", "reveal", "Reveal"),
        field_twin("f6", "adjust", "Correct"),
        field_twin("f7", "end", "End"),
        field_twin("f8", "decline", "Pass"),
    ]

    def __init__(self, save: PartySave, store: StoreThread, clock: Clock) -> None:
        super().__init__()
        self.save = save
        self._store = store
        self._clock = clock
        self.party: Party = save.party
        self._flashes: dict[str, str] = {}
        self._answer_key: tuple[Any, ...] | None = None
        self._was_finished = self.party.finished
        self._auto_paused = False
        self._key_shown = True
        self._exported = ""
        """Where the results were saved at the end, for the host's line."""
        """Master style: whether the host's answer key is showing (k hides it)."""
        self._checkpointed = -1
        self._offered: tuple[bool | None, ...] = ()
        """The footer's keys as last drawn (see `_refresh_footer`)."""
        """The whole second of party time last checkpointed in the save."""

    def compose(self) -> ComposeResult:
        with Vertical(id="party-host", classes="body"):
            yield PartyStage(id="stage")
            yield Static(id="host-key")
            yield Vertical(id="host-answer")
            yield Static(id="host-hint")
            if self.party.config.phones:
                from trivia.tui.widgets.phone_join import PhoneJoin

                yield PhoneJoin(self.party, id="phones")
        yield TooSmall()
        # Compact and without the palette's label: every host key fits in 80 columns.
        yield Footer(compact=True, show_command_palette=False)

    def on_unmount(self) -> None:
        # Phones must not play on (unsaved) once the host has left the party.
        left = getattr(self.app, "party_left", None)
        if left is not None:
            left(self.party)

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self._tick, name="party-clock")
        self._changed(save=False)
        # A new party is saved at once (the display finds it before the first action).
        self._queue_save()

    # --- keeping the screen and the save in step ---------------------------------------

    def _queue_save(self) -> None:
        new = self.save.take_new_events()
        save = self.save
        self._store.call(lambda store: save.write(store, new))

    def _changed(self, *, save: bool = True) -> None:
        """The party changed: save the new events, then redraw."""
        if save:
            self._queue_save()
        finished = self.party.finished
        if finished and not self._was_finished:
            self.action_export()
        self._was_finished = finished
        self.query_one(PartyStage).show(self.party, flashes=self._flashes)
        self._show_key()
        self._sync_answer_panel()
        self._show_hint()
        self._refresh_footer()

    def _refresh_footer(self) -> None:
        """Redraw the footer only when a key's verdict changed: a redraw rebuilds every
        key in it, and phones' answers (10 looks a second) mostly change none."""
        offered = []
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            _, action, parameters = parse_action(binding.action)
            offered.append(self.check_action(action, parameters))
        if tuple(offered) != self._offered:
            self._offered = tuple(offered)
            self.refresh_bindings()

    def _act(self, action: Any, *args: Any) -> Any:
        """Run a party action; a refused one is explained, not raised."""
        try:
            result = action(*args)
        except InvalidResponse as error:
            self.notify(str(error), title="Try again", severity="warning", markup=False)
            return None
        except PartyStateError as error:
            self.notify(str(error), severity="warning", markup=False)
            return None
        except PartyError as error:
            self.notify(str(error), severity="error", markup=False)
            return None
        self._changed()
        return result

    def _tick(self) -> None:
        # Phones act between the host's keys (joins, answers): their events are saved too.
        if self.party.tick() or self.party.last_event != self.save.taken:
            self._changed()
        else:
            self.query_one(PartyStage).show_time(self.party)
        self._checkpoint()

    def _checkpoint(self) -> None:
        """Save the party time each whole second, so a crash buys an open question none."""
        party_time = self.party.now
        if self.party.finished or int(party_time) == self._checkpointed:
            return
        self._checkpointed = int(party_time)
        save = self.save
        self._store.call(
            lambda store: save.note_clock(store, party_time), failed=lambda _error: None
        )

    # --- the host's keys ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only what can be done now, by a key that works now."""
        return check_field_key(self, action, parameters, twinned=TWINNED, rules=self._may)

    def _may(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """What the footer offers: the party says what the host may do now."""
        party = self.party
        if action == "digit":
            # A digit marks a player in master style, else picks an option.
            number = int(parameters[0])  # type: ignore[call-overload]
            marks = party.can(HostAction.MARK) and number <= len(party.players)
            return marks or party.can(HostAction.PICK)
        if action == "kick":
            return bool(party.phones)
        asked = _ASKS.get(action)
        return True if asked is None else party.can(asked)

    async def action_field(self, action: str) -> None:
        """A function key pressed while a player types: the host key it stands for."""
        await run_twin(self, action)

    def action_open_options(self) -> None:
        """Show the options and start the clock."""
        self._act(self.party.open_options)

    def action_next(self) -> None:
        """Leave the reveal: the next question, or the podium."""
        self._act(self.party.next)

    def action_reveal(self) -> None:
        """Settle the question now (master: award the marks)."""
        self._act(self.party.reveal)

    def action_skip(self) -> None:
        """Drop this question: nothing on it counts."""
        self._act(self.party.skip)

    def action_pause(self) -> None:
        """Pause or resume the clock."""
        self._auto_paused = False
        self._act(self.party.resume if self.party.paused else self.party.pause)

    def action_undo(self) -> None:
        """Take back the last mark, answer, award, reveal, skip, correction or end."""
        undone = self._act(self.party.undo)
        if undone is not None:
            # Player names and reasons are typed by people: never read as markup.
            self.notify(f"Undone: {describe_event(self.party, undone)}.", timeout=3, markup=False)

    def action_digit(self, number: int) -> None:
        """Master: toggle a player's mark. Otherwise: answer with option `number`."""
        party = self.party
        if party.style is PartyStyle.MASTER:
            self._act(party.toggle_mark, number - 1)
            return
        view = party.current
        if view is None:
            return
        if view.question.type is QuestionType.TRUEFALSE:
            if number in (1, 2):
                self._answer(number == 1)
            return
        if number <= len(view.options):
            self._answer(view.options[number - 1])

    def action_true_false(self, value: bool) -> None:
        """Answer a true/false question."""
        self._answer(value)

    def action_decline(self) -> None:
        """The player answering gives no answer (a hot-seat pass, or a buzz let go)."""
        self._act(self.party.decline)

    def _answer(self, response: Response) -> None:
        self._act(self.party.answer, response)

    def action_toggle_key(self) -> None:
        """Master style: hide the answer key (this screen is projected) or show it again."""
        self._key_shown = not self._key_shown
        self._show_key()
        self._show_hint()

    def action_adjust(self) -> None:
        """Open the score correction dialog (the clock stops while it is open)."""
        from trivia.tui.dialogs.party_adjust import AdjustScreen, ScoreCorrection

        def done(correction: ScoreCorrection | None) -> None:
            if correction is not None:
                self._act(self.party.adjust, correction.seat, correction.points, correction.reason)

        self.app.push_screen(AdjustScreen(self.party.players), done)

    def action_kick(self) -> None:
        """Phones: remove a player (by name) from the room for good."""
        from trivia.tui.dialogs.phone_kick import KickScreen

        server = getattr(self.app, "phone_server", None)
        if server is None or not self.party.phones:
            self.notify("No phone has joined.", severity="warning")
            return

        def chosen(name: str | None) -> None:
            if name:
                self._act(server.room.kick, name)

        self.app.push_screen(KickScreen([p.name for p in self.party.phones]), chosen)

    def action_end(self) -> None:
        """Ask, then end the party now with the podium."""
        from trivia.tui.dialogs.confirm import ConfirmScreen

        def chosen(end: bool | None) -> None:
            if end and not self.party.finished:
                self._act(self.party.end)

        # Ending is offered while asking (the question is dropped) or at the reveal (it counts).
        question = END_DROPS if self.party.end_drops_question else END_KEEPS
        self.app.push_screen(ConfirmScreen(END_PARTY + question, yes="End it"), chosen)

    def action_export(self) -> None:
        """Write the results so far (CSV and JSON) into the save folder."""
        save = self.save
        new = save.take_new_events()

        def run(store: Store) -> list[Path]:
            save.write(store, new)
            return save.export(store)

        def done(paths: list[Path]) -> None:
            names = " and ".join(path.name for path in paths)
            folder = paths[0].parent if paths else ""
            if self.party.finished:
                # On the host's line, not a toast: a toast would cover the podium's winner.
                self._exported = f"Results saved: {names} in {folder}."
                if self.is_mounted:
                    self._show_hint()
                return
            self.notify(f"{names} in {folder}", title="Results saved", timeout=15, markup=False)

        self._store.call(run, done)

    def action_leave(self) -> None:
        """At the podium: close the party. Before: ask, and leave it saved for resume."""
        if self.party.finished:
            save = self.save
            new = save.take_new_events()

            def finish(store: Store) -> None:
                save.write(store, new)
                save.finish(store)

            self._store.call(finish)
            self.dismiss()
            return
        from trivia.tui.dialogs.confirm import ConfirmScreen

        def chosen(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        self.app.push_screen(ConfirmScreen(LEAVE_PARTY, yes="Leave"), chosen)

    # --- buzzers -------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        party = self.party
        if party.style is not PartyStyle.BUZZER or isinstance(self.focused, Input | OrderList):
            return
        player = party.player_for_key(event.key)
        if player is None:
            return
        event.stop()
        event.prevent_default()
        at = event.time if self._real_clock() else None
        result = party.buzz(player, at)
        word = BUZZ_WORDS.get(result)
        if word is not None:
            self._flash(
                player.name, word, party.config.lockout if result is BuzzResult.EARLY else 0
            )
        if result in (BuzzResult.ANSWERING, BuzzResult.EARLY):
            self._changed()

    def _real_clock(self) -> bool:
        # Key events are stamped with Textual's clock (time.monotonic but on Windows):
        # who pressed first can be judged by it only when the party reads the same clock.
        return self._clock is time.monotonic and sys.platform != "win32"

    def _flash(self, name: str, word: str, lockout: float) -> None:
        self._flashes[name] = word
        self.query_one(PartyStage).show(self.party, flashes=self._flashes)

        def clear() -> None:
            if self._flashes.get(name) == word:
                del self._flashes[name]
            if self.is_mounted:
                self.query_one(PartyStage).show(self.party, flashes=self._flashes)

        self.set_timer(max(FLASH_SECONDS, lockout), clear)

    # --- typed answers (text, number, order) ---------------------------------------------

    def _sync_answer_panel(self) -> None:
        """Show an answer field to the player answering a text, number or order question."""
        party = self.party
        view = party.current
        kind = view.question.type if view is not None else None
        want: tuple[Any, ...] | None = None
        if (
            view is not None
            and party.phase is PartyPhase.OPEN
            and party.answering is not None
            and kind in (QuestionType.TEXT, QuestionType.NUMBER, QuestionType.ORDER)
        ):
            want = (party.index, party.answering.name, party.passed, len(party.out))
        if want == self._answer_key:
            return
        self._answer_key = want
        panel = self.query_one("#host-answer", Vertical)
        # Removal finishes after this handler returns, so the new field is told apart from
        # the old one by class, not by id: a pass to the next player must not clash.
        panel.remove_children()
        panel.display = want is not None
        if want is None or view is None or party.answering is None:
            self.set_focus(None)
            return
        who = player_label(party.answering)
        if kind is QuestionType.ORDER:
            items = OrderList(view.items, classes="host-order")
            panel.mount(
                Static(Content.assemble(who, ": ↑↓ pick, shift+↑↓ move, Enter submits (0 passes)")),
                items,
            )
            self.call_after_refresh(items.focus)
        else:
            placeholder = "a number" if kind is QuestionType.NUMBER else "the answer"
            field = Input(
                placeholder=f"{party.answering.name}: type {placeholder}, Enter (F8 passes)",
                classes="host-typed",
            )
            panel.mount(field)
            self.call_after_refresh(field.focus)

    @on(Input.Submitted, ".host-typed")
    def _typed(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("Type an answer first (or press F8 to pass).", severity="warning")
            return
        if self.party.paused:
            self.notify("Paused: press F2 to resume, then Enter.", severity="warning")
            return
        self._answer(event.value)

    @on(OrderList.Submitted, ".host-order")
    def _ordered(self, event: OrderList.Submitted) -> None:
        self._answer(event.items)

    # --- the host's answer key (master style) ------------------------------------------

    def _show_key(self) -> None:
        """Master style, while asking: the right answer and who is marked, for the host.

        The stage is the room's view and keeps both secret until the reveal; this line is
        the host's, and `k` hides it when the host's own screen is the one projected.
        """
        party = self.party
        view = party.current
        panel = self.query_one("#host-key", Static)
        asking = party.phase in (PartyPhase.READING, PartyPhase.OPEN)
        shown = self._key_shown and asking and view is not None and party.style is PartyStyle.MASTER
        panel.display = shown
        if not shown or view is None:
            return
        marked = [p for p in party.players if party.marks.get(p.name)]
        panel.update(
            Content.assemble(
                Content.styled("Answer key: ", "bold"),
                Content.styled(printable(answer_key(view.question)), "bold $success"),
                Content.styled("   (yours only: k hides it)", "dim"),
                "\nMarked right: ",
                Content(", ").join(player_label(p) for p in marked)
                if marked
                else Content.styled("nobody yet", "dim"),
            )
        )

    # --- the host's line -----------------------------------------------------------------

    def _key(self, action: str) -> str:
        """The key for a host action that works now (its twin while a player types)."""
        letter, twin = FIELD_KEYS[action]
        return twin if typing(self) else letter

    def on_descendant_focus(self) -> None:
        self._show_hint()

    def on_descendant_blur(self) -> None:
        self._show_hint()

    def _show_hint(self) -> None:
        party = self.party
        phase = party.phase
        style = party.style
        parts: list[Content] = []
        if party.paused:
            parts.append(Content(f"Paused: {self._key('pause')} resumes."))
        elif party.in_lobby:
            joined = len(party.phones)
            parts.append(
                Content(
                    f"Phones are joining ({joined} in). When the room is in, space starts "
                    "the first question."
                )
            )
        elif phase is PartyPhase.READING:
            parts.append(Content("Read it out, then space shows the options."))
            if style is PartyStyle.MASTER:
                parts.append(Content(" (You may mark answers already: 1-8.)"))
        elif phase is PartyPhase.OPEN:
            if style is PartyStyle.MASTER:
                parts.append(Content("Mark who got it right: "))
                parts.append(
                    Content(" ").join(
                        Content.assemble(f"{n}=", player_label(p))
                        for n, p in enumerate(party.players, 1)
                    )
                )
                parts.append(Content(" · then r reveals."))
                if not self._key_shown:
                    parts.append(Content.styled(" (k shows the answer key)", "dim"))
            elif party.answering is not None:
                view = party.current
                kind = view.question.type if view is not None else None
                hows: dict[QuestionType | None, str] = {
                    QuestionType.CHOICE: f"1-{len(view.options) if view else 6}",
                    QuestionType.TRUEFALSE: "t or f",
                    QuestionType.ORDER: "the list below, Enter",
                }
                how = hows.get(kind, "type it below, Enter")
                parts.append(Content.assemble(player_label(party.answering), " answers"))
                parts.append(Content(f": {how}; {self._key('decline')} passes."))
            elif style is PartyStyle.BUZZER:
                parts.append(Content("Buzz! "))
                parts.append(
                    Content(" ").join(
                        Content.assemble(player_label(p), f" ({p.key})")
                        for p in party.players
                        if p not in party.out
                    )
                )
        elif phase is PartyPhase.REVEAL:
            parts.append(Content("enter: next question." if party.has_next else "enter: podium."))
        else:
            parts.append(Content("The end! ctrl+s exports again · Esc closes the party."))
            if self._exported:
                parts.append(Content.assemble("\n", Content(self._exported)))
        preview = party.undo_preview
        if preview is not None:
            undo = self._key("undo")
            parts.append(
                Content.styled(f"   {undo} undoes: {describe_event(party, preview)}", "dim")
            )
        self.query_one("#host-hint", Static).update(Content.assemble(*parts))

    # --- dialogs stop the clock -----------------------------------------------------------

    def on_screen_suspend(self) -> None:
        if (
            not self.party.paused
            and not self.party.finished
            and self.party.phase is PartyPhase.OPEN
        ):
            self._auto_paused = True
            self.party.pause()
            self._changed()

    def on_screen_resume(self) -> None:
        if self._auto_paused and self.party.paused:
            self._auto_paused = False
            self.party.resume()
            self._changed()


def describe_event(party: Party, event: dict[str, Any]) -> str:
    """A few words about an event, for "Undone: ..." ("Bo's answer", "the reveal")."""
    return describe(event, party.players)
