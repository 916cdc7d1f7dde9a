"""Question: the prompt, the ways to answer it, the countdown, score, streak and lifelines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Footer, Input, Label, Static

from trivia.game.answers import InvalidResponse, earns_partial_credit
from trivia.game.round import Lifeline, LifelineError, RoundStateError
from trivia.packs.model import QuestionType
from trivia.packs.printable import printable
from trivia.tui.field_keys import check_field_key, field_twin, run_twin, typing
from trivia.tui.messages import ScreenMessage
from trivia.tui.screens.notices import ScreenNotices
from trivia.tui.widgets.countdown import Countdown
from trivia.tui.widgets.order_list import OrderList
from trivia.tui.widgets.status_bar import StatusBar
from trivia.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from trivia.game.answers import Response
    from trivia.game.round import QuestionView, Round
    from trivia.tui.app import TriviaApp

OPTION_LETTERS = "ABCDEF"
"""Second names of options 1-6 (keys a-f)."""

TICK_SECONDS = 0.1
"""How often the countdown reads the round's clock."""

TYPE_NAMES = {
    QuestionType.CHOICE: "Multiple choice",
    QuestionType.TRUEFALSE: "True or false",
    QuestionType.TEXT: "Type the answer",
    QuestionType.NUMBER: "A number",
    QuestionType.ORDER: "Put in order",
}


class QuestionScreen(ScreenNotices):
    """Ask the round's current question and hand the answer to the round.

    The screen never decides right or wrong, nor a timeout: it passes the response to
    `Round.answer`, and its timer calls `Round.tick`, which times the question out from the
    round's own clock. Either way the app then shows the reveal.

    Args:
        round: The round, asking the question this screen shows.
    """

    CSS_PATH = "question.tcss"

    BINDINGS = [
        Binding("1", "pick(0)", "Answer", key_display="1-6", id="question.pick1"),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        Binding("4", "pick(3)", show=False),
        Binding("5", "pick(4)", show=False),
        Binding("6", "pick(5)", show=False),
        Binding("a", "pick(0)", show=False),
        Binding("b", "pick(1)", show=False),
        Binding("c", "pick(2)", show=False),
        Binding("d", "pick(3)", show=False),
        Binding("e", "pick(4)", show=False),
        # "f" is option F on a choice question and False on a true/false one; `check_action`
        # lets exactly one of the two run.
        Binding("f", "pick(5)", show=False),
        Binding("t", "true_false(True)", "True", id="question.true"),
        Binding("f", "true_false(False)", "False", id="question.false"),
        Binding("x", "lifeline('fifty_fifty')", "50:50", id="question.fifty"),
        Binding("h", "lifeline('hint')", "Hint", id="question.hint"),
        # 50:50 is for choice questions only, so only the hint needs a key while typing.
        field_twin("f2", "lifeline('hint')", "Hint"),
        Binding("escape,q", "leave", "Leave round", id="question.leave"),
    ]

    class Answered(ScreenMessage):
        """The round has settled the question (answered, or timed out): show the reveal."""

    class Shown(ScreenMessage):
        """Checkpoint the question on screen (its time so far and lifelines) in the save."""

    class Left(ScreenMessage):
        """The player chose to leave the round."""

    time_left: reactive[float] = reactive(0.0, init=False)
    """Seconds left on the question, read from the round's clock on every tick."""

    def __init__(self, round: Round) -> None:
        super().__init__()
        self.round = round
        self.view: QuestionView = round.current
        """The question as the round presents it (refreshed after a lifeline)."""
        self._settled = False
        self._checkpointed = -1
        """The whole second of the question's time last checkpointed in the save."""

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    @property
    def kind(self) -> QuestionType:
        """The type of the question on screen."""
        return self.view.question.type

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        view = self.view
        question = view.question
        yield StatusBar.of_round(self.round, self._app.pack_title(view.pack_id))
        countdown = Countdown(id="countdown")
        countdown.limit = view.time_limit or 0.0
        countdown.remaining = self.round.time_left() or 0.0
        yield countdown
        with VerticalScroll(id="question", classes="body"):
            about = f"{TYPE_NAMES[question.type]} · {question.difficulty.value}"
            if question.tags:
                about += " · " + ", ".join(question.tags)
            yield Static(Content(printable(about)), id="about")
            # Pack text: control characters escaped, and Content never reads markup.
            yield Static(Content(printable(question.prompt)), id="prompt")
            yield from self._compose_answers()
            yield Static(id="hint")
        with Horizontal(id="lifelines"):
            yield Label("Lifelines (once a round, halve the points):", id="lifelines-label")
            yield Button("50:50 (x)", id="fifty_fifty", compact=True)
            yield Button("Hint (h)", id="hint-button", compact=True)
        yield TooSmall()
        yield Footer()

    def _compose_answers(self) -> ComposeResult:
        question = self.view.question
        match question.type:
            case QuestionType.CHOICE:
                with Grid(id="choices", classes="answers"):
                    for index, option in enumerate(self.view.options):
                        yield Button(
                            _option_label(index, option, removed=False),
                            id=f"option-{index}",
                            classes="option",
                        )
            case QuestionType.TRUEFALSE:
                with Grid(id="choices", classes="answers -two"):
                    yield Button(_tf_label("T", "True"), id="option-true", classes="option")
                    yield Button(_tf_label("F", "False"), id="option-false", classes="option")
            case QuestionType.TEXT | QuestionType.NUMBER:
                with Horizontal(id="typed", classes="answers"):
                    placeholder = "Type a number" if question.type is QuestionType.NUMBER else ""
                    yield Input(
                        placeholder=placeholder or "Type your answer",
                        id="response",
                        select_on_focus=False,
                    )
                    unit = getattr(question, "unit", None)
                    if unit:
                        yield Label(Content(printable(unit)), id="unit")
                    yield Button("Submit ⏎", id="submit", variant="primary")
                if question.type is QuestionType.TEXT:
                    forgiving = " Case, accents and small typos are forgiven."
                elif earns_partial_credit(question):
                    forgiving = " Close answers earn part of the points."
                else:
                    forgiving = " Only the exact number counts."
                yield Static(f"Enter submits.{forgiving}", id="typed-help")
            case QuestionType.ORDER:
                with Vertical(id="ordering", classes="answers"):
                    yield Static(
                        "First at the top. ↑↓ pick an item, shift+↑↓ or [ ] move it, "
                        "Enter submits.",
                        id="order-help",
                    )
                    yield OrderList(self.view.items, id="order")
                    with Horizontal(id="order-buttons"):
                        yield Button("▲ Up", id="move-up", compact=True)
                        yield Button("▼ Down", id="move-down", compact=True)
                        yield Button("Submit ⏎", id="submit", variant="primary", compact=True)

    def on_mount(self) -> None:
        self._show_lifelines()
        if self.kind in (QuestionType.TEXT, QuestionType.NUMBER):
            self.query_one("#response", Input).focus()
        elif self.kind is QuestionType.ORDER:
            self.query_one("#order", OrderList).focus()
        else:
            # Keys 1-6 work with nothing focused; focusing the first option makes Tab and
            # Enter work too, as on every other screen.
            self.query_one(".option", Button).focus()
        if self.view.time_limit is not None:
            self.time_left = self.round.time_left() or 0.0
            self.set_interval(TICK_SECONDS, self.tick, name="countdown")

    def watch_time_left(self, seconds: float) -> None:
        self.query_one(Countdown).remaining = seconds

    # --- time ----------------------------------------------------------------------------

    def tick(self) -> None:
        """Read the round's clock: update the countdown, or show the reveal on a timeout."""
        if self._settled:
            return
        outcome = self.round.tick()
        if outcome is not None:
            self._settle()
            return
        left = self.round.time_left()
        if left is not None:
            self.time_left = left
            self._checkpoint()

    def _checkpoint(self, *, now: bool = False) -> None:
        """Save the question's time so far, each whole second (so a kill buys none)."""
        second = int(self.round.elapsed())
        if now or second != self._checkpointed:
            self._checkpointed = second
            self.post_message(self.Shown(self))

    def on_screen_suspend(self) -> None:
        # A dialog (help, leave?) covers the question: its clock stops with it.
        self.round.pause()
        self._checkpoint(now=True)

    def on_screen_resume(self) -> None:
        self._pause_while_hidden()

    def on_resize(self) -> None:
        # The breakpoint classes are set during the resize; read them once they are.
        self.call_after_refresh(self._pause_while_hidden)

    def _pause_while_hidden(self) -> None:
        # Below the minimum size the question is replaced by a notice: its clock must not
        # run while the player cannot see it.
        if self.has_class("-too-narrow") or self.has_class("-too-short"):
            self.round.pause()
        elif self.is_current:
            self.round.resume()

    # --- answering -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense for this question, and work now."""
        return check_field_key(
            self, action, parameters, twinned=frozenset({"lifeline"}), rules=self._may
        )

    def _may(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.kind
        if action == "pick":
            if kind is QuestionType.TRUEFALSE:
                return parameters[0] in (0, 1)
            if kind is not QuestionType.CHOICE:
                return False
            index = int(parameters[0])  # type: ignore[call-overload]
            return index < len(self.view.options)
        if action == "true_false":
            return kind is QuestionType.TRUEFALSE
        if action == "lifeline":
            lifeline = Lifeline(str(parameters[0]))
            if lifeline is Lifeline.FIFTY_FIFTY and kind is not QuestionType.CHOICE:
                return False
            # Hidden from the footer when it cannot be used; the lifeline buttons say why.
            return self.round.can_use(lifeline)
        return True

    def action_pick(self, index: int) -> None:
        """Answer with option `index` (0-5); true/false questions: 0 is True, 1 is False."""
        if self.kind is QuestionType.TRUEFALSE:
            self._answer(index == 0)
            return
        option = self.view.options[index]
        if option in self.view.removed:
            self.notify("That option was struck out by the 50:50.", severity="warning")
            return
        self._answer(option)

    def action_true_false(self, value: bool) -> None:
        """Answer a true/false question."""
        self._answer(value)

    @on(Button.Pressed, ".option")
    def _option_clicked(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "option-true":
            self._answer(True)
        elif button_id == "option-false":
            self._answer(False)
        else:
            self.action_pick(int(button_id.removeprefix("option-")))

    @on(Input.Submitted, "#response")
    def _typed(self, event: Input.Submitted) -> None:
        self._submit_typed(event.value)

    @on(Button.Pressed, "#submit")
    def _submit_clicked(self) -> None:
        if self.kind is QuestionType.ORDER:
            self._answer(tuple(self.query_one("#order", OrderList).items))
        else:
            self._submit_typed(self.query_one("#response", Input).value)

    def _submit_typed(self, text: str) -> None:
        if not text.strip():
            self.notify("Type an answer first, then press Enter.", severity="warning")
            return
        self._answer(text)

    @on(OrderList.Submitted, "#order")
    def _order_submitted(self, event: OrderList.Submitted) -> None:
        self._answer(event.items)

    @on(Button.Pressed, "#move-up")
    def _move_up(self) -> None:
        order = self.query_one("#order", OrderList)
        order.action_move(-1)
        order.focus()

    @on(Button.Pressed, "#move-down")
    def _move_down(self) -> None:
        order = self.query_one("#order", OrderList)
        order.action_move(1)
        order.focus()

    def _answer(self, response: Response) -> None:
        if self._settled:
            return
        try:
            self.round.answer(response)
        except InvalidResponse as error:
            # Not a wrong answer but no answer (e.g. "abc" for a number): ask again.
            self.notify(str(error), title="Try again", severity="warning", markup=False)
            return
        except RoundStateError:
            # A click and a key in the same frame: the first one already answered.
            return
        self._settle()

    def _settle(self) -> None:
        self._settled = True
        self.post_message(self.Answered(self))

    # --- lifelines -----------------------------------------------------------------------

    async def action_field(self, action: str) -> None:
        """A function key pressed while typing the answer: the key it stands for."""
        await run_twin(self, action)

    def action_lifeline(self, name: str) -> None:
        """Use a lifeline (50:50 or hint) on this question."""
        try:
            self.view = self.round.use_lifeline(name)
        except LifelineError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        except RoundStateError:
            return
        if self.view.removed:
            for index, option in enumerate(self.view.options):
                if option in self.view.removed:
                    button = self.query_one(f"#option-{index}", Button)
                    button.label = _option_label(index, option, removed=True)
                    button.disabled = True
            focused = self.focused
            if focused is None or focused.disabled:
                self.query(".option").filter(":enabled").first(Button).focus()
        if self.view.hint:
            hint = self.query_one("#hint", Static)
            hint.update(Content.assemble(("Hint: ", "bold"), Content(printable(self.view.hint))))
            hint.add_class("-shown")
        self._show_lifelines()
        self.refresh_bindings()
        self._checkpoint(now=True)

    @on(Button.Pressed, "#fifty_fifty")
    def _fifty_clicked(self) -> None:
        self.action_lifeline(Lifeline.FIFTY_FIFTY.value)

    @on(Button.Pressed, "#hint-button")
    def _hint_clicked(self) -> None:
        self.action_lifeline(Lifeline.HINT.value)

    def _show_lifelines(self) -> None:
        fifty = self.query_one("#fifty_fifty", Button)
        hint = self.query_one("#hint-button", Button)
        round = self.round
        fifty.disabled = not round.can_use(Lifeline.FIFTY_FIFTY)
        hint.disabled = not round.can_use(Lifeline.HINT)
        # Lifelines that cannot be used say why in words, not only by greying out.
        left = round.lifelines_left
        hint_key = "F2" if typing(self) else "h"
        fifty.label = _lifeline_label("50:50", "x", Lifeline.FIFTY_FIFTY in left, fifty.disabled)
        hint.label = _lifeline_label("Hint", hint_key, Lifeline.HINT in left, hint.disabled)
        fifty.tooltip = round.refusal(Lifeline.FIFTY_FIFTY)
        hint.tooltip = round.refusal(Lifeline.HINT)

    def on_descendant_focus(self) -> None:
        self._show_lifelines()

    def on_descendant_blur(self) -> None:
        self._show_lifelines()

    # --- leaving -------------------------------------------------------------------------

    def action_leave(self) -> None:
        """Ask before abandoning the round (the clock stops while asking)."""
        from trivia.tui.dialogs.confirm import LEAVE_QUESTION, ConfirmScreen

        def chosen(leave: bool | None) -> None:
            if leave:
                self._settled = True
                self.post_message(self.Left(self))

        self.app.push_screen(
            ConfirmScreen(LEAVE_QUESTION, yes="Leave"),
            chosen,
        )


def _option_label(index: int, option: str, *, removed: bool) -> Content:
    keys = Content.styled(f"{index + 1}", "bold")
    text = Content(printable(option))
    if removed:
        return Content.assemble(keys, "  ", text.stylize("strike"), "  ✘ 50:50")
    return Content.assemble(keys, "  ", text)


def _lifeline_label(name: str, key: str, left: bool, disabled: bool) -> str:
    if not left:
        return f"{name} used"
    if disabled:
        return f"no {name} here" if name == "50:50" else f"no {name.lower()} here"
    return f"{name} ({key})"


def _tf_label(key: str, word: str) -> Content:
    return Content.assemble(Content.styled(key, "bold"), "  ", word)
