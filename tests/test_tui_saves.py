"""Pilot tests of saved progress in the game: answers committed as given, resume after an
interrupted round, players, stats, practice, the daily challenge, a damaged save and
settings kept between runs.

Every app gets a temporary save dir; the tests open the same `trivia.db` with their own
`Store` to prepare it (a half-played round, a finished daily) or to check what the game
wrote, as another process would.
"""

from __future__ import annotations

import asyncio
import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, Sparkline, Static

from trivia.game.round import Mode, Round, RoundConfig, build_round
from trivia.game.scoring import format_points
from trivia.packs.model import Pack, QuestionType
from trivia.store import SaveFailed, Store, daily_config
from trivia.tui.app import TriviaApp, create_app
from trivia.tui.dialogs.confirm import ConfirmScreen
from trivia.tui.dialogs.profiles import ProfilesScreen
from trivia.tui.dialogs.resume import ResumeScreen
from trivia.tui.screens.home import HomeScreen
from trivia.tui.screens.question import QuestionScreen
from trivia.tui.screens.reveal import RevealScreen
from trivia.tui.screens.stats import EMPTY_TEXT, StatsScreen
from trivia.tui.screens.summary import SummaryScreen
from trivia.tui.settings import Settings, load_settings
from trivia.tui.widgets.accuracy_bars import AccuracyBars
from trivia.tui.widgets.picker import Picker

_SPEC = importlib.util.spec_from_file_location(
    "tui_sample_packs", Path(__file__).parent / "data" / "tui" / "sample_packs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(samples)

SIZE = (100, 32)
TODAY = date(2024, 3, 9)
# The sample pack's three questions answered with one key (two choice, a true/false): a
# short round, for tests whose point is not the round's length nor how answers are typed.
ONE_KEY_TAGS = frozenset({"choice", "choice6", "truefalse"})


def make_app(tmp_path: Path, *, start: RoundConfig | None = None, **kwargs) -> TriviaApp:
    """An app over the sample pack, seed 7, a frozen clock and date, saving in tmp_path."""
    return create_app(
        [samples.sample_pack()],
        seed=7,
        clock=kwargs.pop("clock", None) or samples.FakeClock(),
        save_dir=tmp_path,
        start_round=start,
        today=lambda: TODAY,
        **kwargs,
    )


async def settled(pilot, app: TriviaApp) -> None:
    """Wait until the save is open and every store call has come back."""
    for _ in range(500):
        await pilot.pause()
        if app.store_idle:
            await pilot.pause()
            if app.store_idle:
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the store never settled")


def right_response(round_: Round):
    """The right answer to the round's current question, as `Round.answer` takes it."""
    question = round_.current.question
    if question.type is QuestionType.ORDER:
        return tuple(question.answer)
    return question.answer


def wrong_response(round_: Round):
    """A wrong answer to the round's current question."""
    view = round_.current
    question = view.question
    match question.type:
        case QuestionType.CHOICE:
            return next(option for option in view.options if option != question.answer)
        case QuestionType.TRUEFALSE:
            return not question.answer
        case QuestionType.NUMBER:
            return question.answer * 3 + 100
        case QuestionType.ORDER:
            return tuple(reversed(question.answer))
    return "nothing like it"


async def answer_right_by_keys(pilot, app: TriviaApp) -> None:
    """Answer the current question right with the keys a player would press."""
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
            # Not by keys here (test_tui_game covers them): straight through the round.
            app.screen._answer(tuple(question.answer))
    await pilot.pause()


async def play_out_right(pilot, app: TriviaApp) -> None:
    """Answer every question left right, by keys, through each reveal."""
    while isinstance(app.screen, QuestionScreen):
        await answer_right_by_keys(pilot, app)
        await pilot.press("enter")
        await pilot.pause()


def half_played(
    save_dir: Path, answers: list[bool], *, pack: Pack | None = None, profile: str | None = None
) -> tuple[int, Round]:
    """A save holding a quick round (seed 7) with `answers` given (True right), unfinished:
    what a killed game leaves behind."""
    pack = pack or samples.sample_pack()
    with Store.open(save_dir) as store:
        player = store.profile_for_play(profile)
        round_ = build_round([pack], RoundConfig(seed=7), clock=samples.FakeClock())
        round_id = store.start_round(player, round_, [pack])
        for number, right in enumerate(answers):
            if number:
                round_.next()
            response = right_response(round_) if right else wrong_response(round_)
            store.record_answer(round_id, round_.answer(response))
    return round_id, round_


def notifications(app: TriviaApp) -> str:
    """Every notification shown so far, as one text."""
    return "\n".join(notification.message for notification in app._notifications)


# --- answers are committed as they are given -------------------------------------------


async def test_each_answer_is_in_the_save_as_soon_as_it_is_given(tmp_path: Path) -> None:
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        for number in range(1, 4):
            await answer_right_by_keys(pilot, app)
            assert isinstance(app.screen, RevealScreen)
            await settled(pilot, app)
            # Read by another connection, as another process would: committed already.
            with Store.open(tmp_path) as store:
                (saved,) = store.unfinished_rounds(store.profile_for_play())
                assert saved.answered == number
                assert saved.score == app.round.score
                assert saved.profile_id == app.profile.id
            await pilot.press("enter")
            await pilot.pause()
        assert app.round.current.number == 4


async def test_a_finished_round_is_saved_as_finished(tmp_path: Path) -> None:
    app = make_app(tmp_path, start=RoundConfig(tags=ONE_KEY_TAGS))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await play_out_right(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
        score = app.round.score
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        player = store.profile_for_play()
        assert store.unfinished_rounds(player) == []
        stats = store.stats(player)
        assert stats["rounds"]["finished"] == 1
        assert [entry["score"] for entry in stats["score_history"]] == [score]


async def test_leaving_mid_round_closes_it_and_says_the_answers_are_kept(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await answer_right_by_keys(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert "not kept" not in question
        assert "saved" in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        player = store.profile_for_play()
        assert store.unfinished_rounds(player) == []
        assert store.stats(player)["rounds"]["abandoned"] == 1
        assert store.stats(player)["answered"] == 1


async def test_leaving_a_marathon_sums_up_the_questions_answered_so_far(
    tmp_path: Path,
) -> None:
    """Esc → Leave in a marathon went straight to Home: the answers of a long run were
    never shown. Now the summary of the questions answered comes first, then Home."""
    app = make_app(tmp_path, start=RoundConfig(mode=Mode.MARATHON))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await answer_right_by_keys(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        app.screen._answer(wrong_response(app.round))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        played = app.round
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert screen.round is played
        assert (screen.summary.answered, screen.summary.correct) == (2, 1)
        assert screen.query_one("#lines").row_count == 2
        assert screen.title == "Round left"
        await settled(pilot, app)
        # Left is left: the round is closed in the save, not offered for resume.
        with Store.open(tmp_path) as store:
            player = store.profile_for_play()
            assert store.unfinished_rounds(player) == []
            assert store.stats(player)["rounds"]["abandoned"] == 1
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.round is None
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        rounds = store.stats(store.profile_for_play())["rounds"]
        assert (rounds["abandoned"], rounds["finished"]) == (1, 0)


async def test_points_read_the_same_in_the_game_and_on_the_command_line(
    tmp_path: Path, capsys
) -> None:
    """The game wrote "10 500" (thin spaces) where `trivia stats` wrote "10,500": both now
    write the comma form, through one helper (`format_points`)."""
    from trivia.cli import main

    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await play_out_right(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
        score = app.round.score
        assert score >= 10_000
        shown = format_points(score)
        assert shown == f"{score // 1000},{score % 1000:03d}"
        totals = [str(total.render()) for total in app.screen.query(".total").results(Static)]
        assert f"{shown}\nScore" in totals
        await settled(pilot, app)
    capsys.readouterr()
    assert main(["stats", "--save-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"high {shown}," in out


async def test_the_summary_says_new_best_when_the_players_best_falls(tmp_path: Path) -> None:
    """Beating one's best (same pack, same mode) went unremarked. The summary now says
    "New best!" with the best before, only when it falls: not on a first round (nothing
    to beat), not on a tie, not on a worse round."""

    async def play(pilot, wrong: int) -> SummaryScreen:
        while isinstance(app.screen, QuestionScreen):
            if wrong:
                app.screen._answer(wrong_response(app.round))
                wrong -= 1
                await pilot.pause()
            else:
                await answer_right_by_keys(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
        await settled(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
        return app.screen

    def said(screen: SummaryScreen) -> str:
        best = screen.query_one("#best", Static)
        return str(best.render()) if best.display else ""

    # Three questions (one key each) are enough for a worse, a better, a tie and a worse
    # round. The tags keep every round to the same three, whatever seed Play again draws,
    # so two rounds with every answer right score the same (the streak bonus is by count).
    app = make_app(tmp_path, start=RoundConfig(tags=ONE_KEY_TAGS))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        first = await play(pilot, wrong=2)
        assert "New best" not in said(first)
        await pilot.press("r")
        await settled(pilot, app)
        second = await play(pilot, wrong=0)
        assert second.summary.score > first.summary.score
        assert said(second) == (
            f"★ New best! Your best before was {format_points(first.summary.score)}."
        )
        await pilot.press("r")
        await settled(pilot, app)
        tie = await play(pilot, wrong=0)
        assert tie.summary.score == second.summary.score
        assert "New best" not in said(tie)
        await pilot.press("r")
        await settled(pilot, app)
        worse = await play(pilot, wrong=1)
        assert "New best" not in said(worse)


async def test_ctrl_q_mid_round_asks_first_and_the_round_stays_resumable(
    tmp_path: Path,
) -> None:
    """ctrl+q quit mid-question without the question Esc asks. Now it asks too, saying
    the round is saved for resume; No goes back to the question, Quit quits and the next
    start offers the round."""
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await answer_right_by_keys(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None, "quit without asking"
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("#question", Static).render())
        assert question.startswith("Quit Fan Trivia?")
        assert "saved" in question and "resume" in question
        assert str(app.screen.query_one("#yes", Button).label) == "Quit (y)"
        # The clock stops while it asks, as for Esc.
        assert app.round.paused
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.return_code is None
        assert not app.round.paused
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0
    with Store.open(tmp_path) as store:
        (saved,) = store.unfinished_rounds(store.profile_for_play())
        assert saved.answered == 1


async def test_ctrl_q_twice_quits_and_at_home_or_after_a_round_quits_at_once(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    app = make_app(tmp_path / "home")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
    app = make_app(tmp_path / "summary", start=RoundConfig(tags=ONE_KEY_TAGS))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await play_out_right(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_a_failed_save_is_shown_and_play_goes_on(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        real = Store.record_answer
        failing = {"left": 1}

        def flaky(self, round_id, outcome):
            if failing["left"]:
                failing["left"] -= 1
                raise SaveFailed("progress could not be saved: database is locked")
            return real(self, round_id, outcome)

        monkeypatch.setattr(Store, "record_answer", flaky)
        await answer_right_by_keys(pilot, app)
        await settled(pilot, app)
        assert "could not be saved" in notifications(app)
        assert isinstance(app.screen, RevealScreen)
        await pilot.press("enter")
        await pilot.pause()
        await answer_right_by_keys(pilot, app)
        await settled(pilot, app)
        # The answer that failed was saved with the next one.
        with Store.open(tmp_path) as store:
            (saved,) = store.unfinished_rounds(store.profile_for_play())
            assert saved.answered == 2
            assert saved.score == app.round.score


# --- resume -------------------------------------------------------------------------------


async def test_home_offers_the_interrupted_round_and_resumes_at_the_next_question(
    tmp_path: Path,
) -> None:
    _, played = half_played(tmp_path, [True, False, True])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, ResumeScreen)
        offer = str(app.screen.query_one("#resume-question", Static).render())
        assert offer == (
            "Resume your quick round of The Lighthouse Keepers: question 4 of 6, "
            f"score {format_points(played.score)}, streak 1?"
        )
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.current.number == 4
        assert app.round.score == played.score
        assert app.round.streak == 1
        # The game goes on saving into the same round.
        await answer_right_by_keys(pilot, app)
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        (saved,) = store.unfinished_rounds(store.profile_for_play())
        assert saved.answered == 4


async def test_trivia_play_offers_the_interrupted_round_over_its_new_one(tmp_path: Path) -> None:
    round_id, played = half_played(tmp_path, [True, True, True])
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("enter")  # Resume is focused
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.current.number == 4
        assert app.round.score == played.score
        await settled(pilot, app)
        await pilot.press("escape", "y")
        await pilot.pause()
        # Under the resumed round is Home, not the new round it replaced.
        assert isinstance(app.screen, HomeScreen)
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        # The new round was never saved: only the resumed one exists, now closed.
        assert store.stats(store.profile_for_play())["rounds"] == {
            "finished": 0,
            "abandoned": 1,
            "in_progress": 0,
        }
        assert store.saved_round(round_id).status == "abandoned"


async def test_start_fresh_closes_the_old_round_and_later_keeps_it(tmp_path: Path) -> None:
    round_id, _ = half_played(tmp_path, [True])
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        assert store.saved_round(round_id).status == "in_progress"

    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("n")
        await pilot.pause()
        # The new round goes on, and from now on it is saved.
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.current.number == 1
        await answer_right_by_keys(pilot, app)
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        assert store.saved_round(round_id).status == "abandoned"
        (new,) = store.unfinished_rounds(store.profile_for_play())
        assert new.id != round_id and new.answered == 1


async def test_a_round_whose_pack_changed_is_closed_with_a_notice(tmp_path: Path) -> None:
    """The pack is there but its questions are not the ones played: resume can never work."""
    from dataclasses import replace

    round_id, _ = half_played(tmp_path, [True, True])
    pack = samples.sample_pack()
    renamed = tuple(replace(q, id=f"{q.id}-v2") for q in pack.questions)
    changed = replace(pack, questions=renamed)
    app = create_app([changed], seed=7, clock=samples.FakeClock(), save_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert "cannot be resumed" in notifications(app)
        assert "so it was closed" in notifications(app)
    with Store.open(tmp_path) as store:
        assert store.saved_round(round_id).status == "abandoned"


async def test_a_round_whose_pack_is_missing_is_kept_for_later(tmp_path: Path) -> None:
    """A pack not found this time (a --packs-dir left off) must not cost the round."""
    round_id, _ = half_played(tmp_path, [True, True])
    other = samples.hostile_pack()
    app = create_app([other], seed=7, clock=samples.FakeClock(), save_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert "It is kept" in notifications(app)
    with Store.open(tmp_path) as store:
        assert store.saved_round(round_id).status == "in_progress"


# --- players ------------------------------------------------------------------------------


async def test_players_can_be_added_picked_and_renamed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        home = app.screen
        assert app.profile.name == "Player"
        assert "Player" in str(home.query_one("#profile-name", Static).render())

        await pilot.press("p")
        await settled(pilot, app)
        assert isinstance(app.screen, ProfilesScreen)
        app.screen.query_one("#name", Input).focus()
        await pilot.press(*"Ann", "enter")
        await settled(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert app.profile.name == "Ann"
        assert "Ann" in str(home.query_one("#profile-name", Static).render())

        # Back to Player, by picking from the list.
        await pilot.press("p")
        await settled(pilot, app)
        listing = app.screen.query_one("#profile-list", OptionList)
        assert listing.option_count == 2
        listing.focus()
        listing.highlighted = 1  # by name: Ann, Player
        await pilot.press("enter")
        await settled(pilot, app)
        assert app.profile.name == "Player"

        # Rename Ann to Annie: the highlighted one, to the typed name.
        await pilot.press("p")
        await settled(pilot, app)
        screen = app.screen
        screen.query_one("#profile-list", OptionList).highlighted = 0
        screen.query_one("#name", Input).focus()
        await pilot.press(*"Annie", "f2")
        await settled(pilot, app)
        names = [str(o.prompt) for o in screen.query_one(OptionList).options]
        assert [name.strip("✔ ") for name in names] == ["Annie", "Player"]
        await pilot.press("escape")
        await pilot.pause()
    with Store.open(tmp_path) as store:
        assert [p.name for p in store.profiles()] == ["Annie", "Player"]
        assert store.last_profile().name == "Player"


async def test_bad_player_names_are_explained_under_the_field(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("p")
        await settled(pilot, app)
        screen = app.screen
        field = screen.query_one("#name", Input)
        error = screen.query_one("#name-error", Static)
        field.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Type a name first" in str(error.render())
        await pilot.press(*("x" * 31), "enter")
        await pilot.pause()
        assert "At most 30 characters" in str(error.render())
        field.value = ""
        await pilot.press(*"pLaYeR", "enter")
        await pilot.pause()
        assert "already a player called pLaYeR" in str(error.render())
        assert field.has_class("-invalid")
        assert isinstance(app.screen, ProfilesScreen)
        await pilot.press("backspace")
        await pilot.pause()
        assert str(error.render()) == ""


async def test_the_last_player_is_the_one_home_opens_with(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.create_profile("Bo")
        store.pick_profile(store.create_profile("Ann"))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert app.profile.name == "Ann"
    app = make_app(tmp_path, start=RoundConfig(), profile="Bo")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        # `trivia play --profile Bo` never asks: it plays as Bo.
        assert isinstance(app.screen, QuestionScreen)
        assert app.profile.name == "Bo"


# --- stats --------------------------------------------------------------------------------


async def test_stats_are_empty_for_a_new_player(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("t")
        await settled(pilot, app)
        assert isinstance(app.screen, StatsScreen)
        assert str(app.screen.query_one("#stats-empty", Static).render()) == EMPTY_TEXT
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_stats_show_the_round_just_played(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        first = True
        while isinstance(app.screen, QuestionScreen):
            if first:  # one miss, so the bars differ
                app.screen._answer(wrong_response(app.round))
                first = False
            else:
                await answer_right_by_keys(pilot, app)
            await pilot.press("enter")
            await pilot.pause()
        score = app.round.score
        await pilot.press("h")
        await settled(pilot, app)
        await pilot.press("t")
        await settled(pilot, app)
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        assert screen.query_one("#history", Sparkline).data == [score]
        bars = screen.query_one("#tag-bars", AccuracyBars)
        assert {label for label, _, _ in bars.rows} >= {"choice", "places", "order"}
        assert sum(answered for _, _, answered in bars.rows) >= 6
        packs = str(screen.query_one("#packs-text", Static).render())
        assert "The Lighthouse Keepers" in packs
        assert f"High scores: quick round {format_points(score)}" in packs
        assert "mastered 0 of 6" in packs


async def test_stats_totals_say_what_their_numbers_count(tmp_path: Path) -> None:
    """The right answers were labelled "Answered" (as "5/8"), and "Rounds" counted only
    the finished ones. Each total now says what it counts."""
    finished_id, _ = half_played(tmp_path, [True, False, True, True, False, True])
    left_id, _ = half_played(tmp_path, [True, False])
    with Store.open(tmp_path) as store:
        player = store.profile_for_play()
        store.finish_round(finished_id)
        store.abandon_round(left_id)
        stats = store.stats(player)
        assert (stats["correct"], stats["answered"]) == (5, 8)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("t")
        await settled(pilot, app)
        assert isinstance(app.screen, StatsScreen)
        totals = {
            label: value
            for value, label in (
                str(total.render()).split("\n")
                for total in app.screen.query("#stats-totals .total").results(Static)
            )
        }
        assert totals == {
            "Rounds finished": "1",
            "Right": "5/8",
            "Accuracy": "62%",
            "Best streak": "2",
        }


async def test_stats_open_from_the_command_palette(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Stats")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settled(pilot, app)
        assert isinstance(app.screen, StatsScreen)


# --- practice and daily -------------------------------------------------------------------


async def pick_mode(pilot, app: TriviaApp, mode: str) -> None:
    """Pick a mode on Home with the keys (→ on the Mode picker until it shows)."""
    picker = app.screen.query_one("#mode", Picker)
    picker.focus()
    for _ in range(6):
        if picker.value == mode:
            break
        await pilot.press("right")
    assert picker.value == mode
    await settled(pilot, app)


async def test_practice_serves_the_missed_question_first(tmp_path: Path) -> None:
    # Question 2 of the seed-7 round was missed; the others were right.
    _, played = half_played(tmp_path, [True, False, True, True, True, True])
    missed = played.history[1].question_id
    with Store.open(tmp_path) as store:
        store.finish_round(store.unfinished_rounds(store.profile_for_play())[0].id)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pick_mode(pilot, app, "practice")
        about = str(app.screen.query_one("#mode-about", Static).render())
        assert "Mastered 0 of 6" in about
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.config.mode is Mode.PRACTICE
        assert app.round.current.question.id == missed
        # Untimed by default.
        assert app.round.current.time_limit is None


async def test_a_second_daily_attempt_is_refused_with_todays_score(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pick_mode(pilot, app, "daily")
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.config == daily_config("lighthouse", TODAY)
        await play_out_right(pilot, app)
        score = app.round.score
        await pilot.press("h")
        await settled(pilot, app)
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        told = notifications(app)
        assert "You have played today's The Lighthouse Keepers daily" in told
        assert f"{format_points(score)} points" in told
    with Store.open(tmp_path) as store:
        attempt = store.daily_attempt(store.profile_for_play(), "lighthouse", TODAY)
        assert attempt is not None and attempt.status == "finished"


async def test_the_daily_summary_offers_no_play_again(tmp_path: Path) -> None:
    """A daily is played once a day: its summary's "Play again" could only say no. It is
    not offered (no button, no `r` in the footer); Home is the button in focus."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pick_mode(pilot, app, "daily")
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        await play_out_right(pilot, app)
        screen = app.screen
        assert isinstance(screen, SummaryScreen)
        assert not screen.query("#again")
        assert screen.focused is screen.query_one("#home", Button)
        shown = {
            active.binding.description
            for active in screen.active_bindings.values()
            if active.binding.show and active.enabled
        }
        assert "Play again" not in shown and "Home" in shown
        assert "ready tomorrow" in str(screen.query_one("#again-tomorrow", Static).render())
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    # Any other round still offers it.
    app = make_app(tmp_path / "quick", start=RoundConfig(tags=ONE_KEY_TAGS))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await play_out_right(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.focused is app.screen.query_one("#again", Button)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


# --- a damaged save, settings -------------------------------------------------------------


async def test_a_corrupt_save_is_kept_aside_and_the_game_still_plays(tmp_path: Path) -> None:
    damaged = b"this was never an SQLite database" * 100
    (tmp_path / "trivia.db").write_bytes(damaged)
    app = make_app(tmp_path, start=RoundConfig())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        told = notifications(app)
        assert "moved to" in told and "fresh save" in told
        await answer_right_by_keys(pilot, app)
        assert isinstance(app.screen, RevealScreen)
        await settled(pilot, app)
    (kept,) = tmp_path.glob("trivia.db.corrupt-*")
    assert kept.read_bytes() == damaged
    with Store.open(tmp_path) as store:
        (saved,) = store.unfinished_rounds(store.profile_for_play())
        assert saved.answered == 1


async def test_settings_are_kept_for_the_next_run(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        app.apply_settings(Settings(timer=False, theme="nord", practice_timer=True))
        await settled(pilot, app)
    assert load_settings(tmp_path) == Settings(timer=False, theme="nord", practice_timer=True)
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        assert app.settings.timer is False
        summary = str(app.screen.query_one("#settings-summary", Static).render())
        assert "Timer off" in summary


def test_unreadable_settings_give_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"timer": "yes", "theme": 3', encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / "settings.json").write_text('{"timer": false, "colour": 1}', encoding="utf-8")
    assert load_settings(tmp_path) == Settings(timer=False)


async def test_home_shows_the_player_and_the_new_modes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        buttons = [str(b.label) for b in app.screen.query(Button)]
        assert "Player" in buttons
        await pick_mode(pilot, app, "daily")
        assert app.screen.query_one("#tag", Picker).disabled


# --- two windows on one save -------------------------------------------------------------

HOLD_ROUND = """
import sys
from trivia.store import Store

store = Store.open(sys.argv[1])
print(store.claim_round(int(sys.argv[2])), flush=True)
sys.stdin.read()
"""


def other_window(save_dir: Path, round_id: int) -> subprocess.Popen[str]:
    """Another running game on the same save, playing round `round_id` until killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD_ROUND, str(save_dir), str(round_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "True"
    return process


def test_a_round_claimed_by_another_process_cannot_be_claimed_until_it_ends(
    tmp_path: Path,
) -> None:
    round_id, _ = half_played(tmp_path, [True])
    holder = other_window(tmp_path, round_id)
    try:
        with Store.open(tmp_path) as store:
            assert store.claim_round(round_id) is False
            # A round this process starts is its own at once.
            pack = samples.sample_pack()
            round_ = build_round([pack], RoundConfig(seed=1))
            assert store.claim_round(store.start_round(store.profile_for_play(), round_, [pack]))
    finally:
        holder.kill()  # like a crash: the claim dies with the process
        holder.wait()
    with Store.open(tmp_path) as store:
        assert store.claim_round(round_id) is True


async def test_a_round_live_in_another_window_is_not_offered_for_resume(tmp_path: Path) -> None:
    round_id, _ = half_played(tmp_path, [True, False])
    holder = other_window(tmp_path, round_id)
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settled(pilot, app)
            assert isinstance(app.screen, HomeScreen)
            assert "being played in another window" in notifications(app)
    finally:
        holder.kill()
        holder.wait()
    # Once that window is gone the round is offered again, where it stopped.
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await settled(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        assert app.round.current.number == 3


async def test_a_resumed_question_goes_on_with_the_time_it_had_left(tmp_path: Path) -> None:
    """Quitting (or a crash) mid-question used to restart its clock: a kill bought time."""
    clock = samples.FakeClock()
    app = make_app(tmp_path, start=RoundConfig(tags=frozenset({"choice"})), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        assert isinstance(app.screen, QuestionScreen)
        limit = app.round.current.time_limit
        assert limit is not None and limit > 12
        clock.advance(12.3)
        app.screen.tick()
        await settled(pilot, app)
        # Killed here: nothing answered, 12 s of the question gone.
    resumed = make_app(tmp_path, clock=samples.FakeClock())
    async with resumed.run_test(size=SIZE) as pilot:
        await settled(pilot, resumed)
        assert isinstance(resumed.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(resumed.screen, QuestionScreen)
        assert resumed.round.current.number == 1
        assert resumed.round.time_left() == pytest.approx(limit - 12, abs=0.5)


async def test_the_palette_has_one_entry_each_and_opens_the_party_setup(tmp_path: Path) -> None:
    from trivia.tui.commands import TriviaCommands
    from trivia.tui.screens.party_setup import PartySetupScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        system = [c.title for c in app.get_system_commands(app.screen)]
        ours = [name for name, _, _ in TriviaCommands(app.screen)._commands()]
        names = system + ours
        assert "Keys" not in system and "Theme" not in system and "Quit" not in system
        assert {"Help", "Change theme", "Party", "Quit"} <= set(ours)
        assert len(names) == len(set(names))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Party")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settled(pilot, app)
        assert isinstance(app.screen, PartySetupScreen)
