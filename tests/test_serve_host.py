"""The host app with its phone server: phones join the party the host screen runs, their
answers are saved as they come, the host screen shows the join corner, and the command line
refuses --host/--port/--style all without --serve."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from test_serve_room import Phone
from test_tui_party import (
    CHOICE_ONLY,
    host,
    resumed_host,
    samples,
    saved_events,
    settled,
)

from trivia.cli import main
from trivia.game import PartyConfig, PartyStyle, build_party, make_players
from trivia.serve import PhoneServer
from trivia.serve.net import room_code
from trivia.serve.room import digest_of
from trivia.store import Store
from trivia.tui.party_main import create_party_app
from trivia.tui.widgets.phone_join import PhoneJoin, qr_text

SIZE = (120, 44)


async def phones_party_app(tmp_path: Path, clock: samples.FakeClock) -> tuple[Any, PhoneServer]:
    """A party app open to phones (choice questions only), with its phone server started
    on a free port of 127.0.0.1 (the caller stops it)."""
    pack = samples.sample_pack()
    app = create_party_app(
        [pack],
        save_dir=tmp_path,
        start_packs=[pack],
        round_config=CHOICE_ONLY,
        clock=clock,
        phones=True,
    )
    server = PhoneServer("127.0.0.1", 0, clock=clock)
    await server.start()
    app.phone_server = server
    return app, server


async def test_phones_join_the_hosted_party_and_their_answers_are_saved(tmp_path: Path) -> None:
    clock = samples.FakeClock()
    app, server = await phones_party_app(tmp_path, clock)
    try:
        async with app.run_test(size=SIZE) as pilot, aiohttp.ClientSession() as session:
            screen = await host(pilot, app)
            party = screen.party
            assert party.style.value == "all" and party.players == ()
            assert server.room.party is party and server.room.code
            corner = screen.query_one(PhoneJoin)
            phones = []
            for name in ("Ann", "Bo"):
                phone = Phone(await session.ws_connect(f"http://127.0.0.1:{server.port}/ws"))
                await phone.join(server.room.code, name)
                phones.append(phone)
            await pilot.pause(0.4)
            corner.show()
            text = str(corner.query_one("#phone-text").render())
            assert server.room.code in text and "2 joined: Ann, Bo" in text
            assert corner.query_one("#phone-qr").display  # the lobby shows the QR code
            await pilot.press("space")
            questions = [await p.next("question", open=True) for p in phones]
            right = questions[0]["options"].index(party.current.question.answer)
            clock.advance(2.0)
            await phones[0].answer(questions[0], right)
            clock.advance(1.0)
            await phones[1].answer(questions[1], (right + 1) % len(questions[1]["options"]))
            reveals = [await p.next("reveal") for p in phones]
            assert reveals[0]["you"]["points"] == party.score_of("Ann").score > 0
            assert reveals[1]["you"]["points"] == 0
            await pilot.pause(0.3)
            await settled(pilot, app)
            assert party.phase.value == "reveal"
            corner.show()
            chart = str(corner.query_one("#phone-text").render())
            assert chart.count("█ 1") == 2 and "✔" in chart  # one right, one wrong pick
            await pilot.press("escape", "y")  # the host leaves the party (kept for resume)
            for phone in phones:
                await phone.next("ended")
            assert server.room.party is None
            for phone in phones:
                await phone.close()
    finally:
        await server.stop()
    kinds = [event["type"] for event in saved_events(tmp_path)]
    assert kinds.count("join") == 2 and kinds.count("reply") == 2 and "reveal" in kinds


def test_the_qr_code_is_two_module_rows_a_line_dark_on_light() -> None:
    text = qr_text("http://192.168.1.20:8123/?room=ACDE")
    lines = text.plain.split("\n")
    assert len({len(line) for line in lines}) == 1 and set(text.plain) <= {"▀", "\n"}
    assert len(lines[0]) == 29 + 4  # a version-3 code and two quiet modules each side


def test_host_and_port_need_serve_and_the_all_style_needs_phones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["party", "--host", "127.0.0.1"]) == 2
    assert "--serve" in capsys.readouterr().err
    assert main(["party", "--style", "all"]) == 2
    assert "--serve" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["party", "--serve", "--port", "70000"])
    assert usage.value.code == 2 and "0-65535" in capsys.readouterr().err


def test_the_all_style_refuses_keyboard_players_with_the_reason() -> None:
    from trivia.game.party import PartyError

    pack = samples.sample_pack()
    try:
        create_party_app(
            [pack], players=["Ann", "Bo"], style="all", start_packs=[pack], phones=True
        )
    except PartyError as error:
        assert "--teams" in str(error) and "buzzer" in str(error)
    else:
        raise AssertionError("keyboard players were accepted in the all style")
    app = create_party_app([pack], players=["Ann", "Bo"], start_packs=[pack], phones=True)
    assert app._party_config is not None and app._party_config.style.value == "buzzer"
    assert app._party_config.phones == 300
    assert json.loads(json.dumps(app._party_config.to_dict()))["phones"] == 300


async def test_a_crashed_phone_party_resumes_and_its_phones_come_back_by_token(
    tmp_path: Path,
) -> None:
    """The save holds a phone party mid-question (as a crash leaves it); the host starts
    `trivia party --serve` again and resumes: same room code, and a phone that rejoins with
    its token is its player again, with its score and its answer already counted."""
    pack = samples.sample_pack()
    clock = samples.FakeClock()
    config = PartyConfig(PartyStyle.ALL, (), CHOICE_ONLY, phones=300)
    party = build_party([pack], config, clock=clock)
    token = "a-token-the-phone-kept"
    with Store.open(tmp_path) as store:
        party_id = store.start_party(party, [pack])
        party.join("Ann", digest_of(token))
        party.join("Bo", digest_of("bo's"))
        party.open_options()
        clock.advance(2.0)
        view = party.current
        assert view is not None
        party.answer_as("Ann", view.question.answer)
        for event in party.events:
            store.append_party_event(party_id, event)
    app = create_party_app([pack], save_dir=tmp_path, clock=clock, phones=True)
    server = PhoneServer("127.0.0.1", 0, clock=clock)
    await server.start()
    app.phone_server = server
    try:
        async with app.run_test(size=SIZE) as pilot, aiohttp.ClientSession() as session:
            screen = await resumed_host(pilot, app)
            assert server.room.party is screen.party and screen.party.paused
            assert server.room.code == room_code(7)  # the party's seed: the code it had
            phone = Phone(await session.ws_connect(f"http://127.0.0.1:{server.port}/ws"))
            await phone.send({"type": "join", "room": server.room.code, "token": token})
            welcome = await phone.next("welcome")
            assert welcome["rejoined"] and welcome["name"] == "Ann"
            question = await phone.next("question")
            assert question["answered"] is True and question["open"] is True
            await phone.next("paused")  # resumed paused: the host presses x
            await phone.close()
    finally:
        await server.stop()


async def pick(pilot, picker, value: str) -> None:
    """Step a setup picker with the arrow key, as the host does, until it shows `value`."""
    picker.focus()
    for _ in range(8):
        if picker.value == value:
            return
        await pilot.press("right")
    raise AssertionError(f"{picker.id} never offered {value!r}")


async def test_phones_can_join_a_party_set_up_from_home(tmp_path: Path) -> None:
    """Home's setup with "Phones can join" on: the party starts its own phone server (every
    interface, a free port), phones join it, and leaving the party stops it listening."""
    from test_tui_party import setup_screen
    from textual.widgets import Input

    from trivia.tui.app import create_app
    from trivia.tui.screens.party_host import PartyHostScreen
    from trivia.tui.widgets.picker import Picker

    app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot, aiohttp.ClientSession() as session:
        await settled(pilot, app)
        assert app.phone_server is None
        await pilot.press("m")
        setup = await setup_screen(pilot, app)
        setup.query_one("#name-0", Input).value = "Ann"
        setup.query_one("#name-1", Input).value = "Bo"
        await pick(pilot, setup.query_one("#setup-phones", Picker), "on")
        await pilot.press("ctrl+s")
        screen = await host(pilot, app)
        assert isinstance(screen, PartyHostScreen) and screen.party.config.phones
        server = app.phone_server
        assert server is not None
        for _ in range(100):
            if server.running and server.room.party is screen.party:
                break
            await pilot.pause(0.02)
        assert server.everywhere and server.port  # as --serve: every interface, a free port
        assert screen.query_one(PhoneJoin).display
        phone = Phone(await session.ws_connect(f"http://127.0.0.1:{server.port}/ws"))
        welcome = await phone.join(server.room.code, "Cy")
        assert welcome["style"] == "buzzer"  # beside the keyboard seats Ann and Bo
        assert [p.name for p in screen.party.players] == ["Ann", "Bo", "Cy"]
        await pilot.press("escape")  # leave the party (kept for resume)
        await pilot.press("y")
        await phone.next("ended")
        for _ in range(100):
            if not server.running:
                break
            await pilot.pause(0.02)
        assert not server.running and app.phone_server is None


async def test_phones_only_from_the_setup_plays_the_all_style(tmp_path: Path) -> None:
    from test_tui_party import setup_screen

    from trivia.tui.app import create_app
    from trivia.tui.widgets.picker import Picker

    app = create_app([samples.sample_pack()], save_dir=tmp_path, clock=samples.FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await pilot.press("m")
        setup = await setup_screen(pilot, app)
        await pick(pilot, setup.query_one("#setup-style", Picker), "all")
        await pilot.press("ctrl+s")  # the Phones style with Phones off: said why
        assert "turn Phones on" in str(setup.query_one("#setup-problem").render())
        await pick(pilot, setup.query_one("#setup-phones", Picker), "on")
        await pilot.press("ctrl+s")  # no names: phones only
        screen = await host(pilot, app)
        assert screen.party.style.value == "all" and screen.party.players == ()


async def test_the_host_screen_shows_the_room_not_the_first_question_while_phones_join(
    tmp_path: Path,
) -> None:
    """The host's terminal is often the projector: while phones join, it showed the first
    question's prompt (and its clock) to the room before the game began. The stage now
    shows the room until the host starts; then the first question, as before."""
    clock = samples.FakeClock()
    app, server = await phones_party_app(tmp_path, clock)
    try:
        async with app.run_test(size=SIZE) as pilot, aiohttp.ClientSession() as session:
            screen = await host(pilot, app)
            party = screen.party
            prompt = party.current.question.prompt
            stage = screen.query_one("#stage")
            lobby = screen.query_one("#stage-lobby")
            assert party.in_lobby
            assert lobby.display and not screen.query_one("#stage-question").display
            assert not screen.query_one("#stage-countdown").display
            assert "Nobody has joined yet" in str(lobby.render())
            phone = Phone(await session.ws_connect(f"http://127.0.0.1:{server.port}/ws"))
            await phone.join(server.room.code, "Ann")
            await pilot.pause(0.4)
            await settled(pilot, app)
            assert "1 joined so far" in str(lobby.render())
            assert "space starts the first question" in str(screen.query_one("#host-hint").render())
            assert stage.has_class("-lobby")
            await pilot.press("space")
            await settled(pilot, app)
            assert not party.in_lobby and not stage.has_class("-lobby")
            assert screen.query_one("#stage-question").display and not lobby.display
            assert str(screen.query_one("#stage-prompt").render()) == prompt
            await phone.close()
    finally:
        await server.stop()


def test_only_an_all_style_party_of_phones_has_a_lobby() -> None:
    pack = samples.sample_pack()
    config = PartyConfig(style=PartyStyle.ALL, players=(), round=CHOICE_ONLY, phones=10)
    assert build_party([pack], config).in_lobby
    keyboard = PartyConfig(
        style=PartyStyle.HOTSEAT,
        players=make_players(["Ann", "Bo"]),
        round=CHOICE_ONLY,
    )
    assert not build_party([pack], keyboard).in_lobby
    # Buzzer style beside phones: the host reads the first question out, as every other.
    buzzer = PartyConfig(
        style=PartyStyle.BUZZER,
        players=make_players(["Ann", "Bo"]),
        round=CHOICE_ONLY,
        phones=10,
    )
    assert not build_party([pack], buzzer).in_lobby
