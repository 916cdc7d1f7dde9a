"""The phone and display pages in a real browser: headless Chromium, driven by Selenium.

The host is the real phone server (trivia.serve, started by tests/phone_host.py) with a
real party; the test acts as the host (shows the options, moves on, pauses, kicks) and
taps the phone page as a player would: touch pointer actions on a 360x740 screen. Every
verdict and score the page shows is checked against the scoring rules and the engine.

Set TRIVIA_SCREENSHOTS=DIR to keep screenshots in DIR: the phone at 360x740 in each state
(phone-join.png, phone-question.png, phone-reveal.png, phone-podium.png...) and the
display at 1280x720.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from phone_host import PACK, LiveHost
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from trivia.game import PartyStyle
from trivia.game.scoring import score
from trivia.packs.model import QuestionType

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

MISSING = "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)"

if (CHROMIUM is None or DRIVER is None) and os.environ.get("TRIVIA_REQUIRE_BROWSER"):
    # CI sets it: there the phone page must really be played in a browser, not skipped.
    raise RuntimeError(f"{MISSING}, and TRIVIA_REQUIRE_BROWSER is set")

pytestmark = pytest.mark.skipif(CHROMIUM is None or DRIVER is None, reason=MISSING)

WIDTH, HEIGHT = 360, 740


def chromium(phone: bool) -> webdriver.Chrome:
    """Headless Chromium: a 360-px phone with a touch screen, or a 1280x720 desktop window."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    if phone:  # taps are then touch pointer events, as on a phone
        metrics = {"width": WIDTH, "height": HEIGHT, "pixelRatio": 1, "touch": True}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    else:
        options.add_argument("--window-size=1280,720")
    # The driver path is given, so Selenium never tries to download one.
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))


@pytest.fixture
def phone() -> Iterator[webdriver.Chrome]:
    driver = chromium(phone=True)
    yield driver
    driver.quit()


@pytest.fixture
def desktop() -> Iterator[webdriver.Chrome]:
    driver = chromium(phone=False)
    yield driver
    driver.quit()


def tap(driver: webdriver.Chrome, element: WebElement) -> None:
    """Touch the element with one finger and lift it, as a phone does."""
    finger = PointerInput(interaction.POINTER_TOUCH, "finger")
    actions = ActionBuilder(driver, mouse=finger)
    actions.pointer_action.move_to(element).pointer_down().pointer_up()
    actions.perform()


def press(driver: webdriver.Chrome, element: WebElement) -> ActionBuilder:
    """Press a mouse button on the element and keep it down; ``.perform()`` the result to let go.

    A mouse, not a finger: Chromium cancels a touch whose button vanishes under it (the page
    moves on at pointerdown) and then takes no more touches from that finger.
    """
    mouse = PointerInput(interaction.POINTER_MOUSE, "mouse")
    actions = ActionBuilder(driver, mouse=mouse)
    actions.pointer_action.move_to(element).pointer_down()
    actions.perform()
    release = ActionBuilder(driver, mouse=mouse)
    release.pointer_action.pointer_up()
    return release


def wait_text(driver: webdriver.Chrome, element_id: str, text: str) -> WebElement:
    """Wait until the element is shown and its text contains ``text``; return it."""

    def shown(d: webdriver.Chrome) -> WebElement | bool:
        element = d.find_element(By.ID, element_id)
        return element if element.is_displayed() and text in element.text else False

    try:
        return WebDriverWait(driver, 10).until(shown)
    except Exception as error:  # a readable failure instead of a bare TimeoutException
        element = driver.find_element(By.ID, element_id)
        raise AssertionError(f"#{element_id} shows {element.text!r}, not {text!r}") from error


def snap(driver: webdriver.Chrome, name: str) -> None:
    folder = os.environ.get("TRIVIA_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))


BO_ANSWERS = {
    QuestionType.CHOICE: 0,
    QuestionType.TRUEFALSE: False,
    QuestionType.TEXT: "Roger",
    QuestionType.NUMBER: 7,
    QuestionType.ORDER: [0, 1, 2, 3],
}
"""What the second player answers: some wrong, so the phone's player has a rank to show."""


@pytest.fixture
def live() -> Iterator[LiveHost]:
    server = LiveHost().start()
    yield server
    server.stop()


def test_the_real_server_one_question_of_each_kind_tapped_on_a_phone(live, phone):
    """trivia.serve hosts a party of five (one of each kind); a phone taps through it and
    shows, at each reveal, the verdict and points the engine settled; then the podium."""
    phone.get(f"{live.url}/?room={live.code}")
    assert phone.find_element(By.ID, "join-room").get_attribute("value") == live.code
    phone.find_element(By.ID, "join-name").send_keys("Ann")
    snap(phone, "phone-join")
    tap(phone, phone.find_element(By.ID, "join-button"))
    wait_text(phone, "lobby-name", "Ann")
    wait_text(phone, "lobby-pack", PACK.meta.title)
    bo = live.bot("<b>Bo</b>")  # a second player, so the phone waits and ranks "of 2"
    wait_text(phone, "lobby-count", "2 players in the room")
    snap(phone, "phone-lobby")

    total, streak, seen = 0, 0, set()
    count = len(PACK.questions)
    for number in range(1, count + 1):
        if number > 1:
            live.act("next")
            wait_text(phone, "q-note", "Get ready")  # the host reads it out: prompt only
            assert phone.find_element(By.ID, "q-number").text == f"Question {number} of {count}"
        view = live.act("open_options")
        question, kind = view.question, view.question.type
        seen.add(kind)
        right = kind is not QuestionType.TRUEFALSE  # true/false is answered wrong on purpose
        wait_text(phone, "q-prompt", question.prompt)
        if kind is QuestionType.CHOICE:
            wait_text(phone, "a-choice", view.options[-1])
            if number == 1:
                snap(phone, "phone-question")
            buttons = phone.find_elements(By.CSS_SELECTOR, "#a-choice button")
            tap(phone, next(b for b in buttons if b.text.endswith("\n" + question.answer)))
        elif kind is QuestionType.TRUEFALSE:
            buttons = phone.find_elements(By.CSS_SELECTOR, "#a-truefalse button")
            tap(phone, buttons[1 if question.answer else 0])  # the wrong one
        elif kind is QuestionType.TEXT:
            phone.find_element(By.ID, "text-box").send_keys(question.answer.lower())
            tap(phone, phone.find_element(By.CSS_SELECTOR, "#a-text button"))
        elif kind is QuestionType.NUMBER:
            wait_text(phone, "a-number", f"({question.unit})")
            # Typed with a decimal comma (and a space: "1 000,5" would read 1000.5).
            phone.find_element(By.ID, "number-box").send_keys(f"{question.answer:g},0")
            wait_text(phone, "number-reads", f"Reads as {question.answer:g}")
            tap(phone, phone.find_element(By.CSS_SELECTOR, "#a-number button"))
        else:
            wait_text(phone, "order-left", question.answer[-1])
            for item in question.answer:
                left = phone.find_elements(By.CSS_SELECTOR, "#order-left button")
                tap(phone, next(b for b in left if b.text.endswith(item)))
            tap(phone, phone.find_element(By.ID, "order-send"))
        wait_text(phone, "sent-title", "Answer sent")
        if number == 1:
            snap(phone, "phone-sent")
        bo.answer(BO_ANSWERS[kind])

        points = score(
            question.difficulty, correct=right, elapsed=0.0, time_limit=None, previous_streak=streak
        ).total
        total, streak = total + points, streak + 1 if right else 0
        wait_text(phone, "r-verdict", "Right!" if right else "Wrong")
        assert phone.find_element(By.ID, "r-symbol").text == ("✓" if right else "✗")
        assert phone.find_element(By.ID, "r-points").text == (f"+{points:,}" if points else "0")
        assert phone.find_element(By.ID, "r-score").text == f"{total:,}"
        assert phone.find_element(By.ID, "r-streak").text.startswith(str(streak))
        assert phone.find_element(By.ID, "r-rank").text.endswith(" of 2")
        assert live.call(lambda: live.party.score_of("Ann").score) == total
        wait_text(phone, "r-board-list", "<b>Bo</b>")  # a name shown as typed, never markup
        assert phone.find_elements(By.CSS_SELECTOR, "#r-board-list b") == []
        if number == 1:
            snap(phone, "phone-reveal")
    assert seen == set(QuestionType)

    live.act("next")
    wait_text(phone, "p-you", f"You: 1st of 2, {total:,} points")
    assert phone.find_element(By.CSS_SELECTOR, "#p-places li.me").text.split("\n")[:2] == [
        "1st",
        "Ann",
    ]
    snap(phone, "phone-podium")
    code = live.code
    live.call(live.server.room.unhost)  # the host closes the finished party
    wait_text(phone, "p-you", "The party is over")
    assert token(phone, code) is None  # nothing left to rejoin
    bo.close()


def test_the_real_server_feeds_the_display_question_count_and_answer_bars(live, desktop):
    """/display on trivia.serve: who joined, the question, how many answered, then one bar
    per option with the room's counts and the right one marked in words."""
    desktop.get(f"{live.url}/display")
    bots = [live.bot(name) for name in ("Ann", "Bo", "Cy")]
    wait_text(desktop, "l-count", "3 players have joined")
    # The host sent the room code and the address: the display's own URL has no ?room=.
    wait_text(desktop, "l-join", f"127.0.0.1:{live.server.port} · room {live.code}")
    view = live.act("open_options")
    assert view.question.type is QuestionType.CHOICE  # seed 3 draws a choice one first
    right, wrong = view.question.answer, view.options[-1]
    if wrong == right:
        wrong = view.options[0]
    wait_text(desktop, "q-options", view.options[-1])
    picks = [right, right, wrong]
    bots[0].answer(view.options.index(picks[0]))
    wait_text(desktop, "q-answered", "1 / 3 answered")
    for bot, pick in zip(bots[1:], picks[1:], strict=True):
        bot.answer(view.options.index(pick))
    wait_text(desktop, "r-answer", right)
    bars = [
        (b.find_element(By.CLASS_NAME, "text").text, b.find_element(By.CLASS_NAME, "tally").text)
        for b in desktop.find_elements(By.CSS_SELECTOR, "#r-bars li")
    ]
    tallies = {right: "2 (67%)", wrong: "1 (33%)"}
    assert bars == [
        (
            f"✓ {letter}. {option} (right answer)" if option == right else f"{letter}. {option}",
            tallies.get(option, "0 (0%)"),
        )
        for letter, option in zip("ABCDEF", view.options, strict=False)
    ]
    wait_text(desktop, "r-board-list", "Cy")
    for bot in bots:
        bot.close()


def join(live: LiveHost, phone: webdriver.Chrome, name: str) -> None:
    """Open the QR code's address, type a name, tap Join, wait for the lobby."""
    phone.get(f"{live.url}/?room={live.code}")
    phone.find_element(By.ID, "join-name").send_keys(name)
    tap(phone, phone.find_element(By.ID, "join-button"))
    wait_text(phone, "lobby-name", name)


def token(phone: webdriver.Chrome, room: str) -> str | None:
    """The place the page keeps for this room code."""
    return phone.execute_script(f"return localStorage.getItem('trivia-token-{room}')")


def until(what, timeout: float = 10) -> None:
    """Wait for a condition on the host's side (polled; never a timing assertion)."""
    WebDriverWait(None, timeout, poll_frequency=0.05).until(lambda _: what())


def test_a_reload_rejoins_as_the_same_player_and_a_kick_is_final(live, phone):
    """The token in localStorage survives a reload, mid-question too; a kick ends it."""
    join(live, phone, "Bo")
    bo = token(phone, live.code)
    assert bo and len(bo) >= 20
    phone.refresh()
    wait_text(phone, "status", "Welcome back, Bo.")
    assert token(phone, live.code) == bo
    assert [p.name for p in live.call(lambda: live.party.phones)] == ["Bo"]
    phone.execute_script("document.getElementById('status').textContent = ''")
    # The connection drops (Wi-Fi blip): the page reconnects by itself, as the same player.
    live.call(lambda: [client.close() for client in list(live.server.room.phones)])
    wait_text(phone, "status", "Welcome back, Bo.")
    assert token(phone, live.code) == bo
    assert [p.name for p in live.call(lambda: live.party.phones)] == ["Bo"]

    view = live.act("open_options")
    wait_text(phone, "q-prompt", view.question.prompt)
    buttons = phone.find_elements(By.CSS_SELECTOR, "#a-choice button")
    release = press(phone, buttons[view.options.index(view.question.answer)])
    # The answer left on pointerdown: the engine has settled it (Bo is alone in the room, so
    # the question is revealed at once) before the button is let go.
    until(lambda: live.call(lambda: len(live.party.results)) == 1)
    release.perform()
    wait_text(phone, "r-verdict", "Right!")  # alone in the room: revealed at once
    live.act("next")
    wait_text(phone, "q-note", "Get ready")
    phone.refresh()  # mid-question, before the options: back on the same question
    wait_text(phone, "q-note", "Get ready")
    assert phone.find_element(By.ID, "q-number").text == f"Question 2 of {len(PACK.questions)}"

    # The host leaves the party's screen: the phone keeps its place for a resume.
    live_code = live.code
    live.call(live.server.room.unhost)
    wait_text(phone, "e-title", "The host has stopped the party")
    assert token(phone, live_code) == bo
    rejoin = wait_text(phone, "e-again", "Rejoin")
    tap(phone, rejoin)
    wait_text(phone, "status", "Not back yet")  # not hosted yet: the token is kept
    assert token(phone, live_code) == bo
    live.call(lambda: live.server.room.host(live.party, "Again"))
    tap(phone, rejoin)
    wait_text(phone, "status", "Welcome back, Bo.")
    wait_text(phone, "q-note", "Get ready")

    live.kick("Bo")
    wait_text(phone, "e-title", "You were removed from the party")
    assert phone.find_element(By.ID, "e-text").text == "The host removed you from the game."
    assert token(phone, live.code) is None
    assert not phone.find_element(By.ID, "e-again").is_displayed()
    assert not phone.find_element(By.ID, "banner").is_displayed()  # no reconnecting


def test_refusals_are_shown_pause_blocks_answers_and_keys_answer(live, phone):
    """The host's refusals reach the page in words; paused greys the answers; a desktop
    player answers with the keyboard; the page reads numbers as people type them."""
    ann = live.bot("Ann")
    phone.get(f"{live.url}/")
    phone.find_element(By.ID, "join-room").send_keys("zzzz")
    phone.find_element(By.ID, "join-name").send_keys("ann")
    tap(phone, phone.find_element(By.ID, "join-button"))
    wait_text(phone, "status", "no game with that room code here")
    assert phone.find_element(By.ID, "join-room").get_attribute("aria-invalid") == "true"
    room = phone.find_element(By.ID, "join-room")
    room.clear()
    room.send_keys(live.code.lower())
    tap(phone, phone.find_element(By.ID, "join-button"))
    wait_text(phone, "status", "ann is taken")  # in any mix of capitals
    assert phone.find_element(By.ID, "join-name").get_attribute("aria-invalid") == "true"
    name = phone.find_element(By.ID, "join-name")
    name.clear()
    name.send_keys("Cy")
    tap(phone, phone.find_element(By.ID, "join-button"))
    wait_text(phone, "lobby-name", "Cy")

    view = live.act("open_options")
    wait_text(phone, "a-choice", view.options[-1])
    live.act("pause")
    wait_text(phone, "banner", "Paused by the host")
    assert not phone.find_element(By.CSS_SELECTOR, "#a-choice button").is_enabled()
    live.act("resume")
    WebDriverWait(phone, 10).until(lambda d: not d.find_element(By.ID, "banner").is_displayed())
    wrong = next(o for o in view.options if o != view.question.answer)
    key = str(view.options.index(wrong) + 1)
    ActionChains(phone).send_keys(key).perform()  # the option's number, on a keyboard
    wait_text(phone, "sent-title", "Answer sent")
    wait_text(phone, "sent-what", wrong)
    ann.answer(view.options.index(view.question.answer))
    wait_text(phone, "r-verdict", "Wrong")
    assert phone.find_element(By.ID, "r-rank").text == "2nd of 2"
    ann.close()

    typed = ["1,5", "1 000", "1.000.000", "2,500.75", "−3", "abc", ""]
    numbers = phone.execute_script("return arguments[0].map(TriviaPhone.parseNumber)", typed)
    assert numbers == [1.5, 1000, 1000000, 2500.75, -3, None, None]


def test_a_team_party_offers_its_teams_on_the_join_screen(phone):
    """The page hears the lobby before joining: a team party shows a team picker (the
    party's own team names), and the team picked is the one the phone plays for."""
    live = LiveHost(seats=("Red", "Blue"), teams=True).start()
    try:
        phone.get(f"{live.url}/?room={live.code}")
        picker = WebDriverWait(phone, 10).until(
            lambda d: (
                d.find_element(By.ID, "join-team").is_displayed()
                and d.find_element(By.ID, "join-team")
            )
        )
        options = [o.text for o in picker.find_elements(By.TAG_NAME, "option")]
        assert options == ["Any team", "Red", "Blue"]
        picker.find_element(By.CSS_SELECTOR, "option[value='Blue']").click()
        snap(phone, "phone-join-teams")
        phone.find_element(By.ID, "join-name").send_keys("Dee")
        tap(phone, phone.find_element(By.ID, "join-button"))
        wait_text(phone, "lobby-team", "team Blue")
        seat = live.call(lambda: live.party.phones[0].seat)
        assert live.call(lambda: live.party.players[seat].name) == "Blue"
    finally:
        live.stop()


def test_a_party_without_teams_has_no_team_picker(live, phone):
    phone.get(f"{live.url}/?room={live.code}")
    # The lobby has come (the pack's title is in, on the screen not shown yet)...
    WebDriverWait(phone, 10).until(
        lambda d: d.execute_script("return document.getElementById('lobby-pack').textContent")
    )
    # ...and said there are no teams: the join screen asks for the name only.
    assert phone.find_element(By.ID, "join-name").is_displayed()
    assert not phone.find_element(By.ID, "join-team").is_displayed()


def test_buzzer_style_a_full_screen_buzz_beside_keyboard_seats(phone):
    """A phone player buzzes against two keyboard seats: BUZZ fills the screen, the winner
    gets the options, an early buzz locks out briefly, a faster seat is named."""
    live = LiveHost(PartyStyle.BUZZER, seats=("Kay", "Lu")).start()
    try:
        join(live, phone, "Dee")
        view = live.act("open_options")
        wait_text(phone, "buzz-state", "Buzz now!")
        buzz = phone.find_element(By.ID, "buzz-button")
        assert buzz.size["width"] == WIDTH - 2 * 14 and buzz.size["height"] > HEIGHT / 2
        assert not phone.find_element(By.ID, "a-choice").is_displayed()
        snap(phone, "phone-buzz")
        tap(phone, buzz)
        wait_text(phone, "status", "You buzzed first: answer now.")
        buttons = phone.find_elements(By.CSS_SELECTOR, "#a-choice button")
        tap(phone, buttons[view.options.index(view.question.answer)])
        wait_text(phone, "r-verdict", "Right!")
        assert live.call(lambda: live.party.score_of("Dee").score) > 0

        live.act("next")
        wait_text(phone, "buzz-state", "Get ready")
        tap(phone, phone.find_element(By.ID, "buzz-button"))  # before the options: early
        wait_text(phone, "buzz-state", "too early")
        WebDriverWait(phone, 10).until(lambda d: buzz.is_enabled())  # the lock-out is brief
        live.act("open_options")
        wait_text(phone, "buzz-state", "Buzz now!")
        live.act("buzz", "Kay")
        wait_text(phone, "buzz-state", "Kay buzzed first.")
        assert not buzz.is_enabled()
    finally:
        live.stop()


def test_the_display_follows_a_timed_party_with_eleven_phones(desktop):
    """/display: names as typed (never markup), the countdown, the top 10 "and 1 more"."""
    live = LiveHost(timed=True).start()
    try:
        desktop.get(f"{live.url}/display")
        names = ["<b>Al</b>"] + [f"P{n}" for n in range(10)]
        bots = [live.bot(name) for name in names]
        wait_text(desktop, "l-count", "11 players have joined")
        assert desktop.find_element(By.ID, "l-names").text.split("\n")[0] == "<b>Al</b>"
        assert desktop.find_elements(By.CSS_SELECTOR, "#l-names b") == []
        view = live.act("open_options")
        wait_text(desktop, "q-timer", " s")
        snap(desktop, "display-question")
        for bot in bots:
            bot.answer(BO_ANSWERS[view.question.type])
        wait_text(desktop, "r-board-more", "and 1 more")
        assert len(desktop.find_elements(By.CSS_SELECTOR, "#r-board-list li")) == 10
        snap(desktop, "display-reveal")
        for _ in range(len(PACK.questions) - 1):
            live.act("next")
            live.act("open_options")
            for bot in bots:
                bot.answer(BO_ANSWERS[live.call(lambda: live.party.current).question.type])
            until(lambda: live.call(lambda: live.party.phase.name) == "REVEAL")
        live.act("next")
        wait_text(desktop, "p-title", "Podium")
        assert desktop.find_elements(By.CSS_SELECTOR, "#p-places li")
        for bot in bots:
            bot.close()
    finally:
        live.stop()
    wait_text(desktop, "p-title", "Podium")  # the podium stays up after the end
