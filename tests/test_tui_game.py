"""Pilot tests of the game in the terminal: whole rounds by keys and by mouse, timeouts,
lifelines, every question type, leaving with confirmation, resizing and literal pack text.

Apps are built through `create_app` with fixed packs, a fixed seed and a fake clock, so
every run asks the same questions in the same order and time moves only when told.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, Static

from trivia.game.round import Lifeline, RoundConfig, RoundState
from trivia.packs.model import QuestionType
from trivia.tui.app import TriviaApp, create_app
from trivia.tui.dialogs.confirm import ConfirmScreen
from trivia.tui.screens.home import HomeScreen
from trivia.tui.screens.question import QuestionScreen
from trivia.tui.screens.reveal import RevealScreen
from trivia.tui.screens.summary import SummaryScreen
from trivia.tui.widgets.order_list import OrderList
from trivia.tui.widgets.picker import Picker
from trivia.tui.widgets.too_small import TooSmall

_SPEC = importlib.util.spec_from_file_location(
    "tui_sample_packs", Path(__file__).parent / "data" / "tui" / "sample_packs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(samples)

SIZE = (100, 32)


def make_app(
    tmp_path: Path, *, tags: set[str] | None = None, timed: bool = True, pack=None
) -> tuple[TriviaApp, object]:
    """An app over the sample pack with seed 7 and a fake clock; optionally straight into a
    round filtered by tags (each sample question is tagged with its type)."""
    clock = samples.FakeClock()
    start = RoundConfig(tags=frozenset(tags), timed=timed) if tags is not None else None
    app = create_app(
        [pack or samples.sample_pack()],
        seed=7,
        clock=clock,
        save_dir=tmp_path,
        start_round=start,
    )
    return app, clock


async def answer_right(pilot, app: TriviaApp) -> None:
    """Answer the current question correctly, by keys, whatever its type."""
    view = app.round.current
    question = view.question
    match question.type:
        case QuestionType.CHOICE:
            await pilot.press(str(view.options.index(question.answer) + 1))
        case QuestionType.TRUEFALSE:
            await pilot.press("t" if question.answer else "f")
        case QuestionType.TEXT:
            await pilot.press(*question.answer.lower(), "enter")
        case QuestionType.NUMBER:
            await pilot.press(*str(int(question.answer)), "enter")
        case QuestionType.ORDER:
            await arrange(pilot, app, list(question.answer))
            await pilot.press("enter")
    await pilot.pause()


async def arrange(pilot, app: TriviaApp, wanted: list[str]) -> None:
    """Put the order list in `wanted` order with the keys a player would use."""
    order = app.screen.query_one(OrderList)
    for target, item in enumerate(wanted):
        index = order.items.index(item)
        await pilot.press(*(["down"] * (index - order.highlighted)) or ["home"])
        order.highlighted = index
        await pilot.press(*(["shift+up"] * (index - target)))
    assert order.items == wanted


def screen_text(app: TriviaApp) -> str:
    """Everything the current screen shows, as plain text."""
    return "\n".join(
        str(widget.render()) if not isinstance(widget, Button) else str(widget.label)
        for widget in app.screen.query("Static, Button, Label")
    )


async def test_home_lists_the_packs_and_starts_a_round(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        packs = app.screen.query_one("#packs", OptionList)
        assert packs.option_count == 1
        assert "The Lighthouse Keepers" in str(packs.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round is not None and app.round.config.seed == 7


async def test_home_words_the_pack_counts_singular_and_plural(tmp_path: Path) -> None:
    """The sample pack has one source and six facts: "1 source, 6 facts", not
    "1 source(s), 6 facts"."""
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        about = str(app.screen.query_one("#pack-about", Static).render())
        assert "1 source, 6 facts" in about and "(s)" not in about


@pytest.mark.parametrize("width", [80, 120])
async def test_the_summary_shows_as_much_of_each_question_as_fits(
    tmp_path: Path, width: int
) -> None:
    from textual.widgets import DataTable

    app, _ = make_app(tmp_path, tags={"choice", "text"})
    async with app.run_test(size=(width, 32)) as pilot:
        await pilot.pause()
        prompts = []
        while isinstance(app.screen, QuestionScreen):
            prompts.append(app.round.current.question.prompt)
            await answer_right(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        table = app.screen.query_one("#lines", DataTable)
        shown = [str(table.get_cell_at((row, 2))) for row in range(table.row_count)]
        if width == 120:
            assert shown == prompts  # the room is there: nothing clipped
        else:
            assert all(len(text) > 25 for text in shown)
            assert all(p.startswith(t.rstrip("…")) for t, p in zip(shown, prompts, strict=True))
        assert table.virtual_size.width <= table.size.width  # no sideways scrolling


async def test_a_streak_message_leaves_the_reveal_whole_at_80x24(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        for _ in range(2):
            await answer_right(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
        await answer_right(pilot, app)
        assert isinstance(app.screen, RevealScreen) and app.round.streak == 3
        cheer = app.screen.query_one("#cheer", Static)
        assert "3 in a row" in str(cheer.render())
        assert cheer.parent is app.screen.query_one("#verdict-row")
        reveal = app.screen.query_one("#reveal")
        breakdown = app.screen.query_one("#breakdown")
        assert reveal.max_scroll_y == 0
        assert breakdown.region.bottom <= reveal.region.bottom


async def test_toasts_keep_clear_of_the_answer_field(tmp_path: Path) -> None:
    from textual.widgets._toast import Toast

    app, _ = make_app(tmp_path, tags={"text"})
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        field = app.screen.query_one(Input)
        app.notify("Type an answer first.", severity="warning")
        await pilot.pause(0.2)
        (toast,) = [w for w in app.screen.walk_children() if isinstance(w, Toast)]
        assert toast.region.y < 6 and not toast.region.overlaps(field.region)


async def test_a_questions_hint_is_gone_with_the_question(tmp_path: Path) -> None:
    """'Type an answer first' is about that field: it must not linger over the reveal."""
    from textual.widgets._toast import Toast

    app, _ = make_app(tmp_path, tags={"text"})
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.notify("Progress could not be saved.", severity="error")
        await pilot.press("enter")
        await pilot.pause(0.2)
        messages = {n.message for n in app._notifications}
        assert "Type an answer first, then press Enter." in messages
        await answer_right(pilot, app)
        assert isinstance(app.screen, RevealScreen)
        await pilot.pause(0.2)
        # The app's own notice stays; the question's hint went with the question.
        assert {n.message for n in app._notifications} == {"Progress could not be saved."}
        toasts = [w for w in app.screen.walk_children() if isinstance(w, Toast)]
        assert len(toasts) == 1


async def pick(pilot, app: TriviaApp, picker_id: str, value: str) -> None:
    """Step a Home picker with the keys until it shows `value`."""
    picker = app.screen.query_one(picker_id, Picker)
    picker.focus()
    for _ in range(12):
        if picker.value == value:
            break
        await pilot.press("right")
    assert picker.value == value
    await counted(pilot, app)


async def counted(pilot, app: TriviaApp) -> str:
    """Wait for Home's match count (made in a worker) and return what it says."""
    for _ in range(200):
        await pilot.pause()
        if not any(w.group == "match-count" and not w.is_finished for w in app.workers):
            break
    await pilot.pause()
    return str(app.screen.query_one("#match-count", Static).render())


async def test_home_counts_the_questions_the_filters_leave_as_they_change(
    tmp_path: Path,
) -> None:
    """The sample pack has 6 questions, 2 tagged `places` (one easy, one hard)."""
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert await counted(pilot, app) == "6 of 10 asked match: the round will have 6."
        await pick(pilot, app, "#tag", "places")
        assert await counted(pilot, app) == "2 of 10 asked match: the round will have 2."
        await pick(pilot, app, "#difficulty", "hard")
        assert await counted(pilot, app) == "1 of 10 asked matches: the round will have 1."
        await pick(pilot, app, "#mode", "marathon")
        assert await counted(pilot, app) == "1 question matches."
        assert app.screen.query_one("#match-count").has_class("-fewer") is False
        await pick(pilot, app, "#mode", "quick")
        assert app.screen.query_one("#match-count").has_class("-fewer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.current.total == 1
        assert app.round.current.question.id == "q-island"


async def test_home_says_when_no_question_matches_and_starts_no_round(tmp_path: Path) -> None:
    """`places` has no medium question: Home says so, Play is disabled, and neither ctrl+s
    nor Enter on the pack starts a round; a filter that matches again enables Play."""
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await counted(pilot, app)
        await pick(pilot, app, "#tag", "places")
        await pick(pilot, app, "#difficulty", "medium")
        assert await counted(pilot, app) == (
            "No question matches these filters: loosen them to play."
        )
        assert app.screen.query_one("#match-count").has_class("-none")
        assert app.screen.query_one("#play", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#packs", OptionList).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.round is None
        messages = [n.message for n in app._notifications]
        assert (
            messages.count("No question in this pack matches these filters: loosen them to play.")
            == 2
        )
        await pick(pilot, app, "#difficulty", "hard")
        assert not app.screen.query_one("#play", Button).disabled
        assert not app.screen.query_one("#match-count").has_class("-none")


async def test_a_whole_round_by_keys(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        seen = 0
        while isinstance(app.screen, QuestionScreen):
            await answer_right(pilot, app)
            assert isinstance(app.screen, RevealScreen)
            assert "✔ Right!" in str(app.screen.query_one("#verdict", Static).render())
            seen += 1
            await pilot.press("enter")
            await pilot.pause()
        assert seen == 6
        assert isinstance(app.screen, SummaryScreen)
        summary = app.round.summary()
        assert summary.correct == 6 and summary.best_streak == 6
        # The TUI only shows the round's numbers; it computes none of its own.
        assert app.screen.summary.score == summary.score
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_round_by_mouse(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"choice", "choice6", "truefalse"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        answered = 0
        while isinstance(app.screen, QuestionScreen):
            view = app.round.current
            question = view.question
            if question.type is QuestionType.TRUEFALSE:
                target = "#option-true" if question.answer else "#option-false"
            else:
                target = f"#option-{view.options.index(question.answer)}"
            assert await pilot.click(target)
            await pilot.pause()
            assert isinstance(app.screen, RevealScreen)
            assert app.round.last_outcome.correct
            answered += 1
            assert await pilot.click("#continue")
            await pilot.pause()
        assert answered == 3
        assert isinstance(app.screen, SummaryScreen)
        assert await pilot.click("#home")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_timeout_comes_from_the_rounds_clock(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, tags={"choice"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        clock.advance(5)
        screen.tick()
        assert screen.time_left == pytest.approx(15)
        clock.advance(16)
        # The tick the countdown's interval timer would make, made here: waiting wall-clock
        # time for that timer failed under load, and the frozen clock alone says time is up.
        screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert app.round.last_outcome.timed_out
        assert "Time's up" in screen_text(app)


async def test_the_clock_stops_while_a_dialog_covers_the_question(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, tags={"choice"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        clock.advance(60)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.time_left() == pytest.approx(20)


async def test_lifelines_fifty_fifty_and_hint(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"choice"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.round.current
        await pilot.press("x")
        await pilot.pause()
        removed = app.round.current.removed
        assert len(removed) == 2 and view.question.answer not in removed
        for index, option in enumerate(view.options):
            assert app.screen.query_one(f"#option-{index}", Button).disabled == (option in removed)
        # A struck-out option cannot be picked by its key.
        await pilot.press(str(view.options.index(removed[0]) + 1))
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("h")
        await pilot.pause()
        assert "She is the eldest daughter." in str(app.screen.query_one("#hint", Static).render())
        assert app.screen.query_one("#fifty_fifty", Button).disabled
        await answer_right(pilot, app)
        outcome = app.round.last_outcome
        assert outcome.correct and outcome.breakdown.lifeline_used
        assert "Lifeline (halved)" in str(app.screen.query_one("#breakdown", Static).render())


@pytest.mark.parametrize("tag", ["choice", "choice6", "truefalse", "text", "number", "order"])
async def test_each_question_type_can_be_answered_by_keys(tmp_path: Path, tag: str) -> None:
    app, _ = make_app(tmp_path, tags={tag})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await answer_right(pilot, app)
        assert isinstance(app.screen, RevealScreen)
        assert app.round.last_outcome.correct, app.round.last_outcome


async def test_the_number_question_shows_its_unit_and_rejects_non_numbers(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"number"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#unit").render()) == "steps"
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        # Not a number: asked again, not marked wrong.
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.state is RoundState.ASKING
        app.screen.query_one(Input).value = ""
        await pilot.press(*"150", "enter")
        await pilot.pause()
        assert app.round.last_outcome.correct


def pack_with_exact_number():
    """The sample pack, its number question given no tolerance (only 147 counts)."""
    pack = samples.sample_pack()
    questions = tuple(
        dataclasses.replace(q, tolerance=0.0) if q.id == "q-steps" else q for q in pack.questions
    )
    return dataclasses.replace(pack, questions=questions)


async def test_close_answers_are_promised_points_only_where_they_earn_them(
    tmp_path: Path,
) -> None:
    """A number question with no tolerance said "Close answers earn part of the points"
    although only the exact number scores; with a tolerance it still says so."""
    app, _ = make_app(tmp_path, tags={"number"}, pack=pack_with_exact_number())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        help_text = str(app.screen.query_one("#typed-help", Static).render())
        assert "Close answers" not in help_text
        assert "Only the exact number counts." in help_text
        await pilot.press(*"148", "enter")
        await pilot.pause()
        assert app.round.last_outcome.points == 0
    app, _ = make_app(tmp_path / "tolerant", tags={"number"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        help_text = str(app.screen.query_one("#typed-help", Static).render())
        assert "Close answers earn part of the points." in help_text
        await pilot.press(*"148", "enter")
        await pilot.pause()
        assert 0 < app.round.last_outcome.verdict.credit < 1


async def test_a_wrong_answer_is_revealed_with_a_mark_and_a_word(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"truefalse"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")  # the answer is False
        await pilot.pause()
        text = screen_text(app)
        assert "✘ Wrong" in text
        assert "Right answer: False" in text
        assert "Harbour Press, 2021-05-04" in text
        assert "It is silent in episode four" in text


async def test_leaving_mid_round_asks_first(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"choice", "text"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round is not None
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.round is None


async def test_resizing_mid_question_keeps_the_round(tmp_path: Path) -> None:
    app, clock = make_app(tmp_path, tags={"choice", "text"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        round_before = app.round
        question = app.round.current.question.id
        await pilot.resize_terminal(60, 15)
        await pilot.pause()
        notice = app.screen.query_one(TooSmall)
        assert notice.display and notice.region.height > 0
        assert "needs a bigger terminal" in str(notice.render())
        assert app.screen.query_one("#question").region.height == 0
        # The question's clock stops while it cannot be seen.
        clock.advance(100)
        await pilot.pause()
        assert app.round.paused
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one(TooSmall).region.height == 0
        assert app.round is round_before and app.round.current.question.id == question
        assert not app.round.paused and app.round.time_left() > 0
        await answer_right(pilot, app)
        assert app.round.last_outcome.correct


async def test_typing_goes_on_into_the_answer_after_the_terminal_was_too_small(
    tmp_path: Path,
) -> None:
    app, _clock = make_app(tmp_path, tags={"text"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert app.focused is field
        await pilot.press("s", "k")
        await pilot.resize_terminal(60, 15)
        await pilot.pause()
        await pilot.resize_terminal(60, 14)  # still too small: nothing to give back yet
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert app.focused is field
        await pilot.press("e", "r", "r", "a", "enter")
        assert app.round.last_outcome.correct


async def test_pack_text_is_shown_literally(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"[b]tag[/b]"}, pack=samples.hostile_pack())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompt = app.screen.query_one("#prompt", Static)
        shown = str(prompt.render())
        assert "[bold red]Not bold[/]" in shown
        assert "[link=https://x]click[/link]" in shown
        assert "\\x1b[31mred\\x1b[0m" in shown
        assert "\x1b" not in shown
        # Nothing in the prompt was styled by its text.
        assert not prompt.render().spans
        svg = app.export_screenshot()
        assert "[bold&#160;red]Not&#160;bold[/]" in svg
        assert "[link=https://x]" in svg.replace("&#160;", " ")
        labels = [str(b.label) for b in app.screen.query(".option").results(Button)]
        assert any("[link=https://x]B[/link]" in label for label in labels)
        assert any("\\x1b[2JC" in label for label in labels)
        await pilot.press("h")
        await pilot.pause()
        assert "[reverse]hint[/reverse]" in str(app.screen.query_one("#hint", Static).render())
        view = app.round.current
        await pilot.press(str(view.options.index("[bold]A[/]") + 1))
        await pilot.pause()
        text = screen_text(app)
        assert "[italic]not italic[/italic] \\x1b]0;pwned\\x07" in text
        assert "[u]Title[/u]" in text


async def test_help_lists_every_key(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for expected in ("1-6", "50:50", "Hint", "Leave round", "shift+↑↓", "Play again"):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_help_over_a_question_lists_the_question_keys_first(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path, tags={"choice"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        titles = [str(w.render()) for w in app.screen.query(".section")]
        assert titles[0] == "Question" and titles[1] == "Everywhere"
        assert titles.count("Question") == 1


async def test_settings_turn_the_timer_off_for_the_next_round(tmp_path: Path) -> None:
    app, _ = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.click("#timer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.settings.timer is False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.round.config.timed is False
        assert app.round.time_left() is None


def pack_with_text_hint():
    """The sample pack, its text question given a hint."""
    pack = samples.sample_pack()
    questions = tuple(
        dataclasses.replace(q, hint="It is named for a rock.") if q.id == "q-island" else q
        for q in pack.questions
    )
    return dataclasses.replace(pack, questions=questions)


async def test_the_hint_has_a_key_while_typing_and_50_50_says_it_is_not_for_typed_questions(
    tmp_path: Path,
) -> None:
    """`h` types into the answer field, so the hint is on F2 there, shown in the footer.

    (The footer offered `h` and `x`, which only typed letters; 50:50 looked available on a
    question it cannot help with.)
    """
    app, _ = make_app(tmp_path, tags={"text"}, pack=pack_with_text_hint())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        field = screen.query_one("#response", Input)
        assert screen.focused is field
        shown = {
            key: active.binding.description
            for key, active in screen.active_bindings.items()
            if active.binding.show and active.enabled
        }
        assert shown.get("f2") == "Hint" and "h" not in shown and "x" not in shown
        fifty = screen.query_one("#fifty_fifty", Button)
        assert fifty.disabled and str(fifty.label) == "no 50:50 here"
        assert "multiple-choice" in str(fifty.tooltip)
        assert str(screen.query_one("#hint-button", Button).label) == "Hint (F2)"
        await pilot.press("h", "f2")
        await pilot.pause()
        assert field.value == "h"
        assert "named for a rock" in str(screen.query_one("#hint", Static).render())
        assert app.round.lifelines_left == (Lifeline.FIFTY_FIFTY,)
        assert str(screen.query_one("#hint-button", Button).label) == "Hint used"


# --- the screens' messages -------------------------------------------------------------
# The round screens post what the player did; the app acts on it once, and only while the
# screen that posted it is on top (a second Enter before the first was handled is moot).


async def test_a_reveal_continued_twice_moves_on_one_question(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, tags={"choice", "choice6"}, timed=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("1")
        await pilot.pause()
        reveal = app.screen
        assert isinstance(reveal, RevealScreen)
        # Two continues posted before either is handled: the second comes from a screen
        # that is no longer on top.
        reveal.post_message(RevealScreen.Continued(reveal))
        reveal.post_message(RevealScreen.Continued(reveal))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round is not None and app.round.current.number == 2


async def test_a_question_posts_answered_and_the_app_shows_the_reveal(tmp_path: Path) -> None:
    app, _clock = make_app(tmp_path, tags={"choice", "choice6"}, timed=False)
    seen: list[type] = []
    async with app.run_test(size=SIZE, message_hook=lambda m: seen.append(type(m))) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert QuestionScreen.Answered in seen
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert RevealScreen.Left in seen
        assert isinstance(app.screen, HomeScreen) and app.round is None
