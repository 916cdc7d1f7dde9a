"""Pilot tests of party mode in the app: each style with three players (a buzz race, a
lock-out, an undo, a pass), teams marked by a quiz master, score corrections, the setup's
"press your key", a party killed mid-game and resumed, the projector display following
the host through the save, and the results export.

Apps get the sample pack, seed 7, a frozen clock and a temp save dir. With a fake clock
the buzz race is decided by the order the keys arrive (a real clock uses the key's time).
"""

from __future__ import annotations

import asyncio
import csv
import importlib.util
import json
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from trivia.game.party import (
    PartyConfig,
    PartyPhase,
    PartyStyle,
    build_party,
    make_players,
)
from trivia.game.round import RoundConfig
from trivia.game.scoring import format_points
from trivia.store import Store
from trivia.tui.app import TriviaApp, create_app
from trivia.tui.dialogs.party_adjust import AdjustScreen
from trivia.tui.dialogs.resume import ResumeScreen
from trivia.tui.party_main import PartyApp, create_display_app, create_party_app
from trivia.tui.screens import party_setup
from trivia.tui.screens.party_display import WAITING, PartyDisplayScreen
from trivia.tui.screens.party_host import PartyHostScreen
from trivia.tui.screens.party_setup import PartySetupScreen
from trivia.tui.widgets.party_stage import PartyStage

_SPEC = importlib.util.spec_from_file_location(
    "tui_sample_packs", Path(__file__).parent / "data" / "tui" / "sample_packs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(samples)

SIZE = (120, 40)
NAMES = ["Ann", "Bo", "Cy"]
CHOICE_ONLY = RoundConfig(question_count=2, seed=7, tags=frozenset({"choice", "choice6"}))
"""Two choice questions of the sample pack (q-keeper, q-boat), in the seed's order."""


def party_app(
    tmp_path: Path,
    style: str,
    *,
    names: list[str] | None = None,
    teams: list[str] | None = None,
    round_config: RoundConfig = CHOICE_ONLY,
    clock: samples.FakeClock | None = None,
) -> PartyApp:
    pack = samples.sample_pack()
    return create_party_app(
        [pack],
        save_dir=tmp_path,
        players=None if teams else (names or NAMES),
        teams=teams,
        style=style,
        start_packs=[pack],
        round_config=round_config,
        clock=clock or samples.FakeClock(),
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


async def host(pilot, app: TriviaApp) -> PartyHostScreen:
    """Wait for the host screen (the party starts once "resume?" is settled)."""
    for _ in range(300):
        await pilot.pause()
        if isinstance(app.screen, PartyHostScreen):
            await settled(pilot, app)
            return app.screen
        await asyncio.sleep(0.01)
    raise AssertionError(f"no party screen; on {app.screen!r}")


def option_key(screen: PartyHostScreen, right: bool) -> str:
    """The digit that answers the current choice question right (or wrong)."""
    view = screen.party.current
    assert view is not None
    index = view.options.index(view.question.answer)
    return str((index if right else index + 1) % len(view.options) + 1)


def saved_events(save_dir: Path) -> list[dict]:
    with Store.open(save_dir) as store:
        (saved,) = store.unfinished_parties()
        return list(saved.events)


# --- the three styles --------------------------------------------------------------------


async def test_buzzer_race_goes_to_the_first_key_and_is_committed(tmp_path: Path) -> None:
    app = party_app(tmp_path, "buzzer")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        assert party.style is PartyStyle.BUZZER
        await pilot.press("space")
        await pilot.press("l", "a")  # Bo first, Ann a moment later
        assert party.answering is not None and party.answering.name == "Bo"
        assert screen._flashes.get("Ann") == "too late"
        await pilot.press(option_key(screen, right=True))
        assert party.phase is PartyPhase.REVEAL
        assert party.score_of("Bo").score > 0
        assert party.score_of("Ann").score == 0
        await settled(pilot, app)
        assert saved_events(tmp_path) == list(party.events)


async def test_an_early_buzz_locks_the_player_out_for_a_moment(tmp_path: Path) -> None:
    clock = samples.FakeClock()
    app = party_app(tmp_path, "buzzer", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        await pilot.press("a")  # before the options: locked out for 250 ms
        assert party.events[-1]["type"] == "early_buzz"
        assert "LOCKED" in screen._flashes["Ann"]
        await pilot.press("space")
        clock.advance(0.1)
        await pilot.press("a")
        assert party.answering is None
        assert party.locked_out("Ann")
        clock.advance(0.2)
        await pilot.press("a")
        assert party.answering is not None and party.answering.name == "Ann"


async def test_undo_takes_back_a_wrong_buzzer_answer(tmp_path: Path) -> None:
    app = party_app(tmp_path, "buzzer")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        await pilot.press("space", "z")
        await pilot.press(option_key(screen, right=False))
        assert [p.name for p in party.out] == ["Cy"]
        assert party.answering is None
        await pilot.press("u")
        assert party.out == ()
        assert party.answering is not None and party.answering.name == "Cy"
        await pilot.press(option_key(screen, right=True))
        assert party.score_of("Cy").score > 0
        await settled(pilot, app)
        saved = saved_events(tmp_path)
        assert [e["type"] for e in saved].count("undo") == 1
        assert saved == list(party.events)


async def test_hotseat_miss_passes_to_the_next_player_for_half_points(tmp_path: Path) -> None:
    app = party_app(tmp_path, "hotseat")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        await pilot.press("space")
        assert party.answering is not None and party.answering.name == "Ann"
        await pilot.press(option_key(screen, right=False))
        assert party.passed and party.answering is not None and party.answering.name == "Bo"
        await pilot.press(option_key(screen, right=True))
        result = party.last_result
        assert result is not None
        bo = next(a for a in result.attempts if a.player.name == "Bo")
        assert bo.passed and bo.correct
        full = result.question.difficulty
        assert bo.points == {"easy": 500, "medium": 750, "hard": 1000}[full.value]
        # The next question goes to the next player in turn, who may decline (0).
        await pilot.press("enter", "space")
        assert party.answering is not None and party.answering.name == "Bo"
        await pilot.press("0")
        assert party.answering is not None and party.answering.name == "Cy"


async def test_hotseat_pass_on_a_typed_or_ordered_question(tmp_path: Path) -> None:
    """A pass to the next player swaps the answer field without clashing with the old one.

    (Found by hand in tmux: passing an order question crashed with DuplicateIds.)
    """
    for tag in ("order", "text"):
        config = RoundConfig(question_count=1, seed=7, tags=frozenset({tag}))
        app = party_app(tmp_path / tag, "hotseat", round_config=config)
        async with app.run_test(size=SIZE) as pilot:
            screen = await host(pilot, app)
            party = screen.party
            await pilot.press("space")
            await pilot.pause()
            if tag == "text":
                await pilot.press("n", "o", "p", "e", "enter")
            else:
                wrong = list(party.current.items)
                assert wrong != list(party.current.question.answer)
                await pilot.press("enter")
            await pilot.pause()
            assert party.passed and party.answering is not None
            assert party.answering.name == "Bo"
            # The field on screen is Bo's, and only one is there.
            fields = screen.query(".host-order" if tag == "order" else ".host-typed")
            assert len([f for f in fields if f.is_attached]) == 1


async def test_player_names_with_markup_do_not_crash_the_host(tmp_path: Path) -> None:
    """A name like "Ann [/]" is shown as typed; undo's notice once crashed on it."""
    app = party_app(tmp_path, "hotseat", names=["Ann [/]", "[b]Bo", "Cy"])
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("space")
        await pilot.press(option_key(screen, right=True))
        await pilot.press("u")
        # The notice is drawn as a toast on the next refreshes: give it time to render.
        for _ in range(3):
            await pilot.pause(0.1)
        assert app.return_code is None, "the app stopped"
        # Every notice must be safe to draw: one read as markup would raise here (in a real
        # terminal it raised while drawing the toast and took the host down).
        from textual.markup import to_content

        notices = list(app._notifications)
        assert any("Ann [/]" in notice.message for notice in notices)
        for notice in notices:
            if notice.markup:
                to_content(notice.message)
        assert isinstance(app.screen, PartyHostScreen)
        assert app.screen.party.answering is not None
        assert app.screen.party.answering.name == "Ann [/]"


async def test_the_stage_ticks_the_right_option_even_with_brackets(tmp_path: Path) -> None:
    """The reveal marks the option that is the answer, not one whose label starts alike."""
    from dataclasses import replace

    pack = samples.sample_pack()
    keeper = pack.questions[0]
    options = ("Agnes Thorne (Jr.)", "Agnes Thorne", "Marcus Bell", "Ruth Okafor")
    tricky = replace(keeper, answer="Agnes Thorne (Jr.)", options=options)
    pack = replace(pack, questions=(tricky, *pack.questions[1:]))
    app = create_party_app(
        [pack],
        save_dir=tmp_path,
        players=NAMES,
        style="hotseat",
        start_packs=[pack],
        round_config=RoundConfig(question_count=1, seed=7, question_ids=(tricky.id,)),
        clock=samples.FakeClock(),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("space")
        view = screen.party.current
        assert view is not None
        right = view.options.index("Agnes Thorne (Jr.)")
        await pilot.press(str(right + 1))
        await pilot.pause()
        ticked = [
            index
            for index in range(len(options))
            if screen.query_one(f"#stage-option-{index}").has_class("-right")
        ]
        assert ticked == [right]


async def test_quiz_master_marks_teams_and_reveals(tmp_path: Path) -> None:
    app = party_app(tmp_path, "master", teams=["Red", "Blue"])
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        assert party.config.teams and party.style is PartyStyle.MASTER
        await pilot.press("space", "1", "2", "2")  # Red right; Blue marked, then unmarked
        assert party.marks == {"Red": True, "Blue": False}
        await pilot.press("u")
        assert party.marks == {"Red": True, "Blue": True}
        await pilot.press("r")
        assert party.phase is PartyPhase.REVEAL
        assert party.score_of("Red").score == party.score_of("Blue").score > 0


async def test_a_score_is_corrected_by_hand_with_a_reason(tmp_path: Path) -> None:
    app = party_app(tmp_path, "buzzer")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("c")
        assert isinstance(app.screen, AdjustScreen)
        await pilot.press("right")  # Bo
        app.screen.query_one("#adjust-points", Input).value = "-250"
        app.screen.query_one("#adjust-reason", Input).value = "talked over the host"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        (adjustment,) = screen.party.adjustments
        assert (adjustment.player.name, adjustment.points) == ("Bo", -250)
        assert adjustment.reason == "talked over the host"
        await settled(pilot, app)
        assert saved_events(tmp_path)[-1]["type"] == "adjust"


# --- setup ----------------------------------------------------------------------------------


async def setup_screen(pilot, app: TriviaApp):
    """Wait for the party setup with its rows and its own focus on the first name (pushed
    is not yet composed, composed is not yet mounted: on a busy machine the rows come a
    frame later, and the focus the screen gives on mount can land after the test's own);
    the current screen either way."""
    for _ in range(300):
        await pilot.pause()
        screen = app.screen
        first = screen.query("#name-0") if isinstance(screen, PartySetupScreen) else None
        if first and screen.focused is first.first():
            break
        await asyncio.sleep(0.01)
    return app.screen


async def test_setup_lights_a_row_when_its_key_is_pressed_then_starts(
    tmp_path: Path, monkeypatch
) -> None:
    # The light goes off after LIT_SECONDS of wall time: on a loaded machine the key press
    # alone can take longer than that.
    monkeypatch.setattr(party_setup, "LIT_SECONDS", 600.0)
    app = create_party_app(
        [samples.sample_pack()], save_dir=tmp_path, style="buzzer", clock=samples.FakeClock()
    )
    async with app.run_test(size=SIZE) as pilot:
        setup = await setup_screen(pilot, app)
        assert isinstance(setup, PartySetupScreen)
        for seat, name in enumerate(NAMES):
            setup.query_one(f"#name-{seat}", Input).value = name
        setup.query_one("#setup-test").focus()
        await pilot.press("l")
        assert setup.query_one("#row-1").has_class("-lit")
        assert not setup.query_one("#row-0").has_class("-lit")
        # A key the host uses is refused, with the reason.
        setup.query_one("#key-2", Input).value = "u"
        await pilot.press("ctrl+s")
        assert "host key" in str(setup.query_one("#setup-problem", Static).render())
        setup.query_one("#key-2", Input).value = "z"
        await pilot.press("ctrl+s")
        screen = await host(pilot, app)
        assert [p.name for p in screen.party.players] == NAMES
        assert [p.key for p in screen.party.players] == ["a", "l", "z"]


async def test_setup_without_names_says_the_grey_ones_are_examples(tmp_path: Path) -> None:
    """The placeholders ("Player 1") look like names: Start must say to type real ones."""
    app = create_party_app(
        [samples.sample_pack()], save_dir=tmp_path, style="buzzer", clock=samples.FakeClock()
    )
    async with app.run_test(size=SIZE) as pilot:
        setup = await setup_screen(pilot, app)
        assert isinstance(setup, PartySetupScreen)
        setup.query_one("#name-0", Input).value = "Ann"
        await pilot.press("ctrl+s")
        problem = str(setup.query_one("#setup-problem", Static).render())
        assert "at least 2 players" in problem and "1 so far" in problem
        assert "examples" in problem
        assert isinstance(app.screen, PartySetupScreen)


async def test_home_opens_the_party_setup(tmp_path: Path) -> None:
    app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PartySetupScreen)


# --- nothing lost ---------------------------------------------------------------------------


def half_played_party(save_dir: Path, round_config: RoundConfig = CHOICE_ONLY) -> dict:
    """A save holding a hotseat party killed on its second question, options open; returns
    the party's snapshot as the host last saw it."""
    pack = samples.sample_pack()
    config = PartyConfig(PartyStyle.HOTSEAT, make_players(NAMES), round_config)
    party = build_party([pack], config, clock=samples.FakeClock())
    with Store.open(save_dir) as store:
        party_id = store.start_party(party, [pack])
        party.open_options()
        view = party.current
        assert view is not None
        party.answer(view.question.answer)  # Ann right
        party.next()
        party.open_options()  # Bo's turn, killed here
        for event in party.events:
            store.append_party_event(party_id, event)
    return party.snapshot()


async def test_a_killed_party_is_offered_for_resume_with_the_same_scores(tmp_path: Path) -> None:
    before = half_played_party(tmp_path)
    app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(300):
            await pilot.pause()
            if isinstance(app.screen, ResumeScreen):
                break
            await asyncio.sleep(0.01)
        dialog = app.screen
        assert isinstance(dialog, ResumeScreen)
        assert dialog.question.startswith("Resume the hot-seat party of The Lighthouse Keepers")
        assert "question 2 of 2" in dialog.question and "Ann leads" in dialog.question
        await pilot.press("r")
        screen = await host(pilot, app)
        after = screen.party.snapshot()
        # Same scores, turn and question; the clock waits for the host after a crash.
        assert after["players"] == before["players"]
        assert after["turn"] == before["turn"] == "Bo"
        assert after["question"] == before["question"]
        assert after["paused"] and not before["paused"]
        await pilot.press("x")
        assert not screen.party.paused
        assert screen.party.answering is not None and screen.party.answering.name == "Bo"


TYPED = RoundConfig(question_count=2, seed=7, tags=frozenset({"text", "number"}))
"""The text and the number question of the sample pack."""


async def resumed_host(pilot, app: TriviaApp) -> PartyHostScreen:
    for _ in range(300):
        await pilot.pause()
        if isinstance(app.screen, ResumeScreen):
            break
        await asyncio.sleep(0.01)
    assert isinstance(app.screen, ResumeScreen)
    await pilot.press("r")
    return await host(pilot, app)


def footer_keys(screen: PartyHostScreen) -> dict[str, str]:
    """The keys the footer offers now, and what for."""
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_a_party_resumed_on_a_typed_question_can_be_resumed_and_answered(
    tmp_path: Path,
) -> None:
    """It resumes paused with the answer field focused: letters type, F2 resumes.

    (Found in tmux: `x` typed "x", Enter said "answer() is not possible while paused", and
    only "Start fresh" got out, losing the party.)
    """
    half_played_party(tmp_path, TYPED)
    app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await resumed_host(pilot, app)
        party = screen.party
        assert party.paused and party.answering is not None and party.answering.name == "Bo"
        field = screen.query_one(".host-typed", Input)
        assert screen.focused is field
        keys = footer_keys(screen)
        assert keys.get("f2") == "Pause" and "x" not in keys
        hint = str(screen.query_one("#host-hint", Static).render())
        assert "F2 resumes" in hint
        # Enter while paused explains itself and keeps the party paused.
        await pilot.press("x", "enter")
        assert party.paused and field.value == "x"
        assert "F2" in "\n".join(n.message for n in app._notifications)
        await pilot.press("f2")
        assert not party.paused
        assert screen.focused is field
        field.value = ""
        answer = str(party.current.question.answer)
        await pilot.press(*answer, "enter")
        await pilot.pause()
        bo = party.score_of("Bo")
        assert bo.score > 0 and party.phase is PartyPhase.REVEAL


async def test_host_keys_work_while_a_player_types(tmp_path: Path) -> None:
    """F-key twins of the host's letters act from the focused answer field; F8 passes.

    (A pass by `0` typed "0" into the field, which Enter then recorded as the answer.)
    """
    app = party_app(tmp_path, "hotseat", round_config=TYPED)
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        await pilot.press("space")
        await pilot.pause()
        field = screen.query_one(".host-typed", Input)
        assert screen.focused is field and party.answering.name == "Ann"
        await pilot.press("f8")
        await pilot.pause()
        assert party.answering is not None and party.answering.name == "Bo"
        passes = [e for e in party.events if e["type"] == "no_answer"]
        assert [e.get("why") for e in passes] == ["declined"]
        assert not [e for e in party.events if e["type"] == "answer"]
        await pilot.press("f4")  # undo Ann's pass
        await pilot.pause()
        assert party.answering is not None and party.answering.name == "Ann"
        await pilot.press("f2")
        assert party.paused
        await pilot.press("f2", "f3")  # resume, skip
        assert party.phase is not PartyPhase.OPEN or party.index == 1
        assert any(e["type"] == "skip" for e in party.events)
        # Without a field, the letters are back in the footer and the twins are gone.
        await pilot.pause()
        assert screen.focused is None
        keys = footer_keys(screen)
        assert "f2" not in keys and keys.get("x") == "Pause"


async def test_the_results_are_exported_at_the_end_to_csv_and_json(tmp_path: Path) -> None:
    app = party_app(tmp_path, "buzzer")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        party = screen.party
        await pilot.press("space", "a")
        await pilot.press(option_key(screen, right=True), "enter")
        await pilot.press("space", "s")  # skip the second question: the podium
        assert party.finished
        await settled(pilot, app)
        # Told on the host's line, not in a toast over the podium's winner.
        notes = str(screen.query_one("#host-hint", Static).render())
        assert not any("Results saved" in (n.title or "") for n in app._notifications)
        (csv_path,) = tmp_path.glob("party-*.csv")
        (json_path,) = tmp_path.glob("party-*.json")
        assert csv_path.name in notes and json_path.name in notes
        rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
        assert [r["name"] for r in rows] == ["Ann", "Bo", "Cy"]
        assert rows[0]["rank"] == "1" and int(rows[0]["score"]) == party.score_of("Ann").score
        assert rows[0]["q2"] == ""  # skipped
        data = json.loads(json_path.read_text(encoding="utf-8"))
        assert data["style"] == "buzzer" and data["finished"] is True
        assert [q["skipped"] for q in data["questions"]] == [False, True]
        # Esc at the podium closes the party: it leaves the resume list.
        await pilot.press("escape")
        await settled(pilot, app)
    with Store.open(tmp_path) as store:
        assert store.unfinished_parties() == []


# --- the projector display ------------------------------------------------------------------


async def wait_for(pilot, condition, what: str) -> None:
    for _ in range(200):
        await pilot.pause()
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the display never showed {what}")


async def test_the_display_follows_the_host_and_a_new_party(tmp_path: Path) -> None:
    pack = samples.sample_pack()
    Store.open(tmp_path).close()  # the host has opened the save
    display = create_display_app(tmp_path, [pack], clock=samples.FakeClock())
    async with display.run_test(size=SIZE) as pilot:
        screen = display.screen
        assert isinstance(screen, PartyDisplayScreen)
        await pilot.pause()
        waiting = str(screen.query_one("#display-waiting", Static).render())
        assert WAITING in waiting

        # The host starts a party, writing each event as it happens.
        players = make_players(NAMES)
        party = build_party(
            [pack], PartyConfig(PartyStyle.BUZZER, players, CHOICE_ONLY), clock=samples.FakeClock()
        )
        writer = Store.open(tmp_path)
        party_id = writer.start_party(party, [pack])

        def write() -> None:
            for event in party.events[writer.last_party_event(party_id) :]:
                writer.append_party_event(party_id, event)

        await wait_for(pilot, lambda: screen.feed_id == party_id, "the party")
        party.open_options()
        party.buzz("Bo")
        view = party.current
        assert view is not None
        party.answer(view.question.answer)
        write()
        await wait_for(
            pilot,
            lambda: screen.feed is not None and screen.feed.party.phase is PartyPhase.REVEAL,
            "the reveal",
        )
        assert screen.feed is not None
        assert screen.feed.party.snapshot() == party.snapshot()
        party.undo()
        write()
        await wait_for(
            pilot,
            lambda: screen.feed is not None and screen.feed.party.answering is not None,
            "the undo",
        )
        assert screen.feed.party.snapshot()["players"] == party.snapshot()["players"]

        # The host restarts with a new party: the display moves to it.
        writer.abandon_party(party_id)
        second = build_party(
            [pack], PartyConfig(PartyStyle.BUZZER, players, CHOICE_ONLY), clock=samples.FakeClock()
        )
        second_id = writer.start_party(second, [pack])
        await wait_for(pilot, lambda: screen.feed_id == second_id, "the new party")
        writer.abandon_party(second_id)
        await wait_for(pilot, lambda: screen.feed is None, "the wait")
        writer.close()


async def test_a_resumed_party_question_keeps_the_time_it_had_left(tmp_path: Path) -> None:
    """The party went on from its last event's time: a crash 10 s after the options
    opened gave the player the full time again."""
    pack = samples.sample_pack()
    clock = samples.FakeClock()
    config = PartyConfig(PartyStyle.HOTSEAT, make_players(NAMES), CHOICE_ONLY)
    party = build_party([pack], config, clock=clock)
    with Store.open(tmp_path) as store:
        party_id = store.start_party(party, [pack])
        party.open_options()
        for event in party.events:
            store.append_party_event(party_id, event)
        limit = party.time_left()
        assert limit is not None and limit > 10
        clock.advance(10)
        store.note_party_clock(party_id, party.now)  # what the host's tick writes
        clock.advance(0.6)  # killed here, before the next checkpoint
    app = create_app([pack], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await resumed_host(pilot, app)
        resumed = screen.party
        assert resumed.paused
        assert resumed.time_left() == pytest.approx(limit - 10)
        await pilot.press("x")
        assert resumed.time_left() == pytest.approx(limit - 10)
    with Store.open(tmp_path) as store:
        (saved,) = store.unfinished_parties()
        assert saved.clock is not None and saved.clock >= 10


# --- what the room sees, and what only the host sees ---------------------------------------

TEXT_ONLY = RoundConfig(question_count=1, seed=7, tags=frozenset({"text"}))
"""The sample pack's text question (q-island: "Skerra" or "Skerra Island")."""


def stage_players(screen: PartyHostScreen | PartyDisplayScreen) -> str:
    return str(screen.query_one("#stage-players", Static).render())


async def test_the_quiz_master_sees_the_answer_key_and_marks_the_room_does_not(
    tmp_path: Path,
) -> None:
    app = party_app(tmp_path, "master", teams=["Red", "Blue"], round_config=TEXT_ONLY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        key = screen.query_one("#host-key", Static)
        assert key.display
        shown = str(key.render())
        assert "Answer key: Skerra" in shown and "also accepted: Skerra Island" in shown
        assert "nobody yet" in shown
        await pilot.press("space", "1")
        shown = str(key.render())
        assert "Marked right: ● Red" in shown or "Red" in shown.split("Marked right:")[1]
        assert "marked" not in stage_players(screen)  # the stage is the room's view
        await pilot.press("k")  # the host's own screen is on the projector
        assert not key.display
        assert "k shows the answer key" in str(screen.query_one("#host-hint", Static).render())
        await pilot.press("k", "r")
        assert screen.party.phase is PartyPhase.REVEAL
        assert not key.display  # the reveal shows the answer to everyone anyway


async def test_a_leaderboard_kept_for_the_end_keeps_the_totals_off_the_stage(
    tmp_path: Path,
) -> None:
    pack = samples.sample_pack()
    app = create_party_app(
        [pack],
        save_dir=tmp_path,
        players=NAMES,
        style="hotseat",
        start_packs=[pack],
        round_config=CHOICE_ONLY,
        leaderboard_every_question=False,
        clock=samples.FakeClock(),
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("space")
        await pilot.press(option_key(screen, right=True))
        assert screen.party.phase is PartyPhase.REVEAL
        assert screen.party.score_of("Ann").score > 0
        strip = stage_players(screen)
        assert "Ann" in strip and not any(ch.isdigit() for ch in strip)
        assert not screen.query_one("#stage-leaderboard").display
        await pilot.press("enter", "space")
        await pilot.press(option_key(screen, right=False), "0", "0", "enter")
        assert screen.party.finished
        assert f"Ann {format_points(screen.party.score_of('Ann').score)}" in stage_players(screen)


async def test_ending_early_says_whether_the_question_on_screen_counts(tmp_path: Path) -> None:
    from trivia.tui.dialogs.confirm import ConfirmScreen

    app = party_app(tmp_path, "hotseat")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("space")
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmScreen)
        assert "does not count" in app.screen.question
        await pilot.press("escape")
        await pilot.press(option_key(screen, right=True))
        assert screen.party.phase is PartyPhase.REVEAL
        await pilot.press("e")
        assert isinstance(app.screen, ConfirmScreen)
        assert "does not count" not in app.screen.question
        assert "just revealed counts" in app.screen.question


async def test_the_display_says_when_the_host_is_gone(tmp_path: Path) -> None:
    pack = samples.sample_pack()
    Store.open(tmp_path).close()
    clock = samples.FakeClock()
    display = create_display_app(tmp_path, [pack], clock=clock)
    async with display.run_test(size=SIZE) as pilot:
        screen = display.screen
        assert isinstance(screen, PartyDisplayScreen)
        party = build_party(
            [pack],
            PartyConfig(PartyStyle.HOTSEAT, make_players(NAMES), CHOICE_ONLY),
            clock=samples.FakeClock(),
        )
        writer = Store.open(tmp_path)
        party_id = writer.start_party(party, [pack])
        party.open_options()
        for event in party.events:
            writer.append_party_event(party_id, event)
        writer.note_party_clock(party_id, 1.0)
        gone = screen.query_one("#display-gone", Static)
        countdown = screen.query_one("#stage-countdown")
        await wait_for(pilot, lambda: screen.feed_id == party_id, "the party")
        await wait_for(pilot, lambda: countdown.display, "the countdown")
        assert not gone.display
        clock.advance(3)
        writer.note_party_clock(party_id, 4.0)  # the host ticks on: still there
        screen.poll()
        clock.advance(3)
        screen.poll()
        assert not gone.display
        clock.advance(2)  # then nothing for 5 s: the host is gone
        screen.poll()
        assert gone.display and "HOST DISCONNECTED" in str(gone.render())
        assert not countdown.display
        writer.note_party_clock(party_id, 12.0)  # the host resumed it
        screen.poll()
        assert not gone.display and countdown.display
        writer.close()


@pytest.mark.parametrize("size", [(200, 50), (80, 24)])
async def test_a_projector_sized_stage_shows_big_scores_and_the_explanation(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from textual.widgets import Digits

    projector = size == (200, 50)
    app = party_app(tmp_path, "hotseat")
    async with app.run_test(size=size) as pilot:
        screen = await host(pilot, app)
        stage = screen.query_one("#stage")
        assert stage.has_class("-projector") is projector
        await pilot.press("space")
        await pilot.press(option_key(screen, right=True))
        await pilot.pause()
        assert screen.party.phase is PartyPhase.REVEAL
        explain = screen.query_one("#stage-explain", Static)
        question = screen.party.current.question
        assert str(explain.render()) == f"Why: {question.explain}"
        assert explain.region.height > 0 if projector else explain.region.height == 0
        cards = screen.query_one("#stage-cards")
        assert (cards.region.height > 0) is projector
        if projector:
            digits = [str(d.value) for d in cards.query(Digits)]
            expected = [format_points(p.score) for p in screen.party.scores()]
            assert digits == expected and digits[0] != "0"


async def test_ctrl_q_mid_party_asks_first_and_says_the_party_is_saved(tmp_path: Path) -> None:
    from trivia.tui.dialogs.confirm import QUIT_PARTY_QUESTION, ConfirmScreen

    app = party_app(tmp_path, "hotseat")
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("space")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == QUIT_PARTY_QUESTION
        await pilot.press("escape")
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q", "ctrl+q")  # a second ctrl+q on the question quits
        await pilot.pause()
        assert not app.is_running
    assert saved_events(tmp_path)  # and the party is there to resume


HOLD_PARTY = """
import sys
from trivia.store import Store

store = Store.open(sys.argv[1])
print(store.claim_party(int(sys.argv[2])), flush=True)
sys.stdin.read()
"""


async def test_a_party_hosted_in_another_window_is_not_offered_for_resume(tmp_path: Path) -> None:
    import subprocess
    import sys

    half_played_party(tmp_path)
    with Store.open(tmp_path) as store:
        (saved,) = store.unfinished_parties()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_PARTY, str(tmp_path), str(saved.id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            await settled(pilot, app)
            await pilot.pause(0.2)
            await settled(pilot, app)
            assert not isinstance(app.screen, ResumeScreen)
            shown = "\n".join(n.message for n in app._notifications)
            assert "hosted in another window" in shown
    finally:
        holder.kill()  # like a crash: the claim dies with the process
        holder.wait()
    app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = await resumed_host(pilot, app)
        assert screen.save.id == saved.id


async def test_two_teams_stand_on_a_podium_of_two_places(tmp_path: Path) -> None:
    app = party_app(tmp_path, "master", teams=["Red", "Blue"])
    async with app.run_test(size=SIZE) as pilot:
        screen = await host(pilot, app)
        await pilot.press("space", "1", "r", "enter", "space", "s")
        assert screen.party.finished
        await pilot.pause()
        assert screen.query_one("#podium-1").display and screen.query_one("#podium-2").display
        assert not screen.query_one("#podium-3").display


# --- the stage restyles only what its classes style -----------------------------------------


def _stage_styles(stage: PartyStage) -> dict[str, tuple[str, bool]]:
    """Every part of the stage: its CSS display and whether it is shown."""
    return {
        f"{index}:{node!r}": (node.styles.display, node.display)
        for index, node in enumerate(stage.query("*"))
    }


@pytest.mark.parametrize("size", [SIZE, (80, 24), (170, 50)])
async def test_a_phase_change_styles_the_stage_as_a_full_restyle_would(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """At a phase change the stage restyles only the parts its phase classes style
    (`STYLED_BY_CLASSES`), not its whole tree. In every phase, at a small, a medium and a
    projector size, that leaves every part styled exactly as a full restyle does."""
    app = party_app(tmp_path, "hotseat")
    async with app.run_test(size=size) as pilot:
        screen = await host(pilot, app)
        stage = screen.query_one(PartyStage)
        party = screen.party
        seen = []

        async def check() -> None:
            await pilot.pause()
            partial = _stage_styles(stage)
            stage.update_node_styles(animate=False)
            await pilot.pause()
            assert partial == _stage_styles(stage), party.phase
            seen.append((party.phase, party.paused))

        await check()  # reading
        await pilot.press("space")
        await check()  # open
        await pilot.press("x")
        await check()  # paused
        await pilot.press("x", option_key(screen, right=True))
        await check()  # reveal, with the leaderboard
        await pilot.press("enter", "space", option_key(screen, right=False))
        await pilot.press(option_key(screen, right=False))
        await check()
        await pilot.press("enter")
        await check()  # the podium
        assert {phase for phase, _ in seen} == {
            PartyPhase.READING,
            PartyPhase.OPEN,
            PartyPhase.REVEAL,
            PartyPhase.FINISHED,
        }
        assert (PartyPhase.OPEN, True) in seen
