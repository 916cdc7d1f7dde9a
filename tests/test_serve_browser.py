"""The phone page in a real browser: headless Chromium, driven by Selenium, tapping.

The host here is tests/phone_fake.py, a stand-in that speaks protocol v1 and scores nothing:
the test says what the host would say and checks what the page sent back and shows. Taps
are touch pointer actions, as a phone's. Set TRIVIA_SCREENSHOTS=DIR to keep screenshots
in DIR: the phone at 360x740 in each state (phone-join.png, phone-question.png,
phone-reveal.png, phone-podium.png...) and the display at 1280x720.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions import interaction
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.phone_fake import FakeHost
from tests.phone_host import LiveHost
from trivia.game.scoring import score
from trivia.packs.model import Difficulty, QuestionType

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)",
)

WIDTH, HEIGHT = 360, 740


@pytest.fixture
def host() -> Iterator[FakeHost]:
    fake = FakeHost().start()
    yield fake
    fake.stop()


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


def screen(driver: webdriver.Chrome) -> str:
    """The id of the one screen shown."""
    shown = [s for s in driver.find_elements(By.CSS_SELECTOR, ".screen") if s.is_displayed()]
    assert len(shown) == 1, [s.get_attribute("id") for s in shown]
    return shown[0].get_attribute("id")


def snap(driver: webdriver.Chrome, name: str) -> None:
    folder = os.environ.get("TRIVIA_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / f"{name}.png"))


def question(number: int, kind: str, **fields: object) -> dict[str, object]:
    frame: dict[str, object] = {
        "type": "question",
        "question": f"q{number}",
        "number": number,
        "total": 5,
        "kind": kind,
        "prompt": f"Question {number}?",
        "unit": None,
        "limit": 20,
        "remaining": 20,
        "style": "all",
        "answered": False,
    }
    frame.update(fields)
    return frame


def reveal(number: int, answer: str, right: bool | None, points: int, streak: int, rank: int):
    you = {"right": right, "points": points, "streak": streak, "score": 1450 + 900 * (number - 1)}
    you.update(rank=rank, of=3)
    return {"type": "reveal", "question": f"q{number}", "answer": answer, "you": you}


def answer_of(host: FakeHost, number: int) -> object:
    frame = host.next_frame("answer")
    assert frame["question"] == f"q{number}"
    return frame["answer"]


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
    wait_text(phone, "lobby-pack", "Five kinds")
    bo = live.bot("Bo")  # a second player, so the phone waits and ranks "of 2"
    wait_text(phone, "lobby-count", "2 players in the room")
    snap(phone, "phone-lobby")

    total, streak, seen = 0, 0, set()
    for number in range(1, 6):
        if number > 1:
            live.act("next")
            wait_text(phone, "q-note", "Get ready")  # the host reads it out: prompt only
            assert phone.find_element(By.ID, "q-number").text == f"Question {number} of 5"
        view = live.act("open_options")
        kind = view.question.type
        seen.add(kind)
        right = kind is not QuestionType.TRUEFALSE  # true/false is answered wrong on purpose
        wait_text(phone, "q-prompt", view.question.prompt)  # "<b>one</b>" shown as typed
        assert phone.find_elements(By.CSS_SELECTOR, "#q-prompt b") == []
        if kind is QuestionType.CHOICE:
            wait_text(phone, "a-choice", "Wrong C")
            if number == 1:
                snap(phone, "phone-question")
            buttons = phone.find_elements(By.CSS_SELECTOR, "#a-choice button")
            tap(phone, next(b for b in buttons if b.text.endswith("\nRight")))
        elif kind is QuestionType.TRUEFALSE:
            tap(phone, phone.find_elements(By.CSS_SELECTOR, "#a-truefalse button")[1])
        elif kind is QuestionType.TEXT:
            phone.find_element(By.ID, "text-box").send_keys("don draper")  # forgiving match
            tap(phone, phone.find_element(By.CSS_SELECTOR, "#a-text button"))
        elif kind is QuestionType.NUMBER:
            wait_text(phone, "a-number", "(m)")
            phone.find_element(By.ID, "number-box").send_keys("1 000,5")
            tap(phone, phone.find_element(By.CSS_SELECTOR, "#a-number button"))
        else:
            wait_text(phone, "order-left", "1970")
            for item in view.question.answer:
                left = phone.find_elements(By.CSS_SELECTOR, "#order-left button")
                tap(phone, next(b for b in left if b.text.endswith(item)))
            tap(phone, phone.find_element(By.ID, "order-send"))
        wait_text(phone, "sent-title", "Answer sent")
        if number == 1:
            snap(phone, "phone-sent")
        bo.answer(BO_ANSWERS[kind])

        points = score(
            Difficulty.EASY, correct=right, elapsed=0.0, time_limit=None, previous_streak=streak
        ).total
        total, streak = total + points, streak + 1 if right else 0
        wait_text(phone, "r-verdict", "Right!" if right else "Wrong")
        assert phone.find_element(By.ID, "r-symbol").text == ("✓" if right else "✗")
        assert phone.find_element(By.ID, "r-points").text == (f"+{points}" if points else "0")
        assert phone.find_element(By.ID, "r-score").text == str(total)
        assert phone.find_element(By.ID, "r-streak").text.startswith(str(streak))
        assert phone.find_element(By.ID, "r-rank").text.endswith(" of 2")
        assert live.call(lambda: live.party.score_of("Ann").score) == total
        wait_text(phone, "r-board-list", "Bo")
        if number == 1:
            snap(phone, "phone-reveal")
    assert seen == set(QuestionType)

    live.act("next")
    wait_text(phone, "p-you", f"You: 1st of 2, {total} points")
    assert phone.find_element(By.CSS_SELECTOR, "#p-places li.me").text.split("\n")[:2] == [
        "1st",
        "Ann",
    ]
    snap(phone, "phone-podium")
    bo.close()


def test_the_real_server_feeds_the_display_question_count_and_answer_bars(live, desktop):
    """/display on trivia.serve: who joined, the question, how many answered, then one bar
    per option with the room's counts and the right one marked in words."""
    desktop.get(f"{live.url}/display")
    bots = [live.bot(name) for name in ("Ann", "Bo", "Cy")]
    wait_text(desktop, "l-count", "3 players have joined")
    view = live.act("open_options")
    assert view.question.type is QuestionType.CHOICE  # seed 3 draws the choice one first
    wait_text(desktop, "q-options", "Wrong C")
    picks = ["Right", "Right", "Wrong A"]
    bots[0].answer(view.options.index(picks[0]))
    wait_text(desktop, "q-answered", "1 / 3 answered")
    for bot, pick in zip(bots[1:], picks[1:], strict=True):
        bot.answer(view.options.index(pick))
    wait_text(desktop, "r-answer", "Right")
    bars = {
        b.find_element(By.CLASS_NAME, "text").text: b.find_element(By.CLASS_NAME, "tally").text
        for b in desktop.find_elements(By.CSS_SELECTOR, "#r-bars li")
    }
    letter = {option: "ABCD"[n] for n, option in enumerate(view.options)}
    assert bars == {
        f"✓ {letter['Right']}. Right (right answer)": "2 (67%)",
        f"{letter['Wrong A']}. Wrong A": "1 (33%)",
        f"{letter['Wrong B']}. Wrong B": "0 (0%)",
        f"{letter['Wrong C']}. Wrong C": "0 (0%)",
    }
    wait_text(desktop, "r-board-list", "Cy")
    for bot in bots:
        bot.close()


def test_a_phone_plays_one_question_of_each_kind_by_tapping(host, phone):
    """Join from the QR link, then choice, true/false, text, number, order, the podium."""
    phone.get(f"{host.url}/?room=ABCD")
    assert phone.find_element(By.ID, "join-room").get_attribute("value") == "ABCD"
    phone.find_element(By.ID, "join-name").send_keys("  Ann ")
    tap(phone, phone.find_element(By.ID, "join-button"))
    assert host.next_frame("join") == {"type": "join", "room": "ABCD", "name": "Ann"}
    wait_text(phone, "lobby-name", "Ann")
    wait_text(phone, "lobby-count", "3 players in the room")

    # Choice: the answer leaves on pointerdown, not on the click that follows the release.
    options = ["Peggy Olson", "Joan Holloway", "<b>Don</b> & Betty", "Pete Campbell"]
    prompt = "Who <i>pitched</i> the Carousel?"
    host.say(question(1, "choice", prompt=prompt, options=options))
    wait_text(phone, "q-prompt", prompt)  # pack text shown literally, not as markup
    assert phone.find_elements(By.CSS_SELECTOR, "#q-prompt i, #a-choice b") == []
    wait_text(phone, "q-timer", "s")
    buttons = phone.find_elements(By.CSS_SELECTOR, "#a-choice button")
    assert [b.text for b in buttons] == [f"{k}\n{o}" for k, o in zip("ABCD", options, strict=True)]
    release = press(phone, buttons[2])
    assert answer_of(host, 1) == 2  # sent on the press, before the button is let go
    release.perform()
    wait_text(phone, "sent-title", "Answer sent")
    wait_text(phone, "sent-what", "C. <b>Don</b> & Betty")
    host.say({"type": "answered", "question": "q1", "count": 2, "of": 3})
    wait_text(phone, "sent-count", "2 of 3 have answered")
    host.say(reveal(1, "<b>Don</b> & Betty", right=True, points=1450, streak=1, rank=1))
    wait_text(phone, "r-verdict", "Right!")
    assert phone.find_element(By.ID, "r-symbol").text == "✓"
    assert phone.find_element(By.ID, "r-answer").text == "<b>Don</b> & Betty"
    assert phone.find_element(By.ID, "r-points").text == "+1450"
    assert phone.find_element(By.ID, "r-rank").text == "1st of 3"
    top = [{"name": "Ann", "score": 1450, "rank": 1}, {"name": "Bo", "score": 900, "rank": 2}]
    host.say({"type": "leaderboard", "top": top, "more": 1})
    wait_text(phone, "r-board-more", "and 1 more")
    assert phone.find_element(By.CSS_SELECTOR, "#r-board-list li.me").text.startswith("1st")

    # True/false: a second tap while the answer is out sends nothing more.
    host.say(question(2, "truefalse", prompt="Sterling Cooper is in Chicago."))
    false = wait_text(phone, "a-truefalse", "False").find_elements(By.TAG_NAME, "button")[1]
    tap(phone, false)
    assert answer_of(host, 2) is False
    wait_text(phone, "sent-what", "False")
    host.say(reveal(2, "False", right=False, points=0, streak=0, rank=2))
    wait_text(phone, "r-verdict", "Wrong")
    assert phone.find_element(By.ID, "r-symbol").text == "✗"
    assert phone.find_element(By.ID, "r-rank").text == "2nd of 3"

    # Text.
    host.say(question(3, "text", prompt="Don's real name?", limit=None, remaining=None))
    box = wait_text(phone, "a-text", "Send").find_element(By.ID, "text-box")
    assert not phone.find_element(By.ID, "q-timer").is_displayed()  # untimed: no countdown
    box.send_keys("Dick Whitman")
    tap(phone, phone.find_element(By.CSS_SELECTOR, "#a-text button"))
    assert answer_of(host, 3) == "Dick Whitman"
    host.say(reveal(3, "Dick Whitman", right=True, points=1000, streak=1, rank=1))
    wait_text(phone, "r-verdict", "Right!")

    # Number: typed the way people type it, sent as a JSON number.
    host.say(question(4, "number", prompt="How long?", unit="m"))
    box = wait_text(phone, "a-number", "(m)").find_element(By.ID, "number-box")
    box.send_keys("1 000,5")
    wait_text(phone, "number-reads", "Reads as 1000.5")
    tap(phone, phone.find_element(By.CSS_SELECTOR, "#a-number button"))
    assert answer_of(host, 4) == 1000.5
    host.say(reveal(4, "1000 m", right=None, points=0, streak=0, rank=3))
    wait_text(phone, "r-verdict", "No answer")

    # Order: tap in order, take one back, place it again, send.
    items = ["1960", "1963", "1965", "1970"]
    host.say(question(5, "order", prompt="Oldest first.", items=items))
    wait_text(phone, "order-left", "1965")
    send = phone.find_element(By.ID, "order-send")
    for item in ["1970", "1960", "1965"]:
        assert not send.is_enabled()
        left = phone.find_elements(By.CSS_SELECTOR, "#order-left button")
        tap(phone, next(b for b in left if item in b.text))
    tap(phone, phone.find_elements(By.CSS_SELECTOR, "#order-placed button")[1])  # 1960 back
    for item in ["1963", "1960"]:
        left = phone.find_elements(By.CSS_SELECTOR, "#order-left button")
        tap(phone, next(b for b in left if item in b.text))
    placed = [b.text for b in phone.find_elements(By.CSS_SELECTOR, "#order-placed button")]
    assert placed == ["1\n1970", "2\n1965", "3\n1963", "4\n1960"]
    tap(phone, send)
    assert answer_of(host, 5) == [3, 2, 1, 0]
    wait_text(phone, "sent-what", "1970 → 1965 → 1963 → 1960")
    host.say(reveal(5, "1960, 1963, 1965, 1970", right=False, points=0, streak=0, rank=2))
    wait_text(phone, "r-verdict", "Wrong")

    places = [
        {"name": "Bo", "score": 4100, "rank": 1},
        {"name": "Ann", "score": 3900, "rank": 2},
        {"name": "Cy", "score": 200, "rank": 3},
    ]
    host.say({"type": "podium", "places": places, "you": {"rank": 2, "of": 3, "score": 3900}})
    wait_text(phone, "p-you", "You: 2nd of 3, 3900 points")
    assert phone.find_element(By.CSS_SELECTOR, "#p-places li.me").text.split("\n")[1] == "Ann"
    host.say({"type": "ended"})
    wait_text(phone, "p-you", "The party is over")
    assert phone.execute_script("return localStorage.getItem('trivia-token-ABCD')") is None


def test_a_reload_rejoins_with_the_stored_token_and_a_kick_is_final(host, phone):
    """The token survives a reload; after a kick the page says so and stops reconnecting."""
    phone.get(f"{host.url}/?room=ABCD")
    phone.find_element(By.ID, "join-name").send_keys("Bo")
    tap(phone, phone.find_element(By.ID, "join-button"))
    host.next_frame("join")
    wait_text(phone, "lobby-name", "Bo")
    assert phone.execute_script("return localStorage.getItem('trivia-token-ABCD')") == "tok-Bo"

    phone.refresh()
    assert host.next_frame("join") == {"type": "join", "room": "ABCD", "token": "tok-Bo"}
    wait_text(phone, "status", "Welcome back, Bo.")
    assert screen(phone) == "screen-lobby"

    host.say(question(1, "choice", options=["Yes", "No"], answered=True), to="tok-Bo")
    wait_text(phone, "sent-what", "You have answered this question.")

    host.kick("tok-Bo", "Kicked by the host.")
    wait_text(phone, "e-title", "You were removed from the party")
    wait_text(phone, "e-text", "Kicked by the host.")
    assert phone.execute_script("return localStorage.getItem('trivia-token-ABCD')") is None
    assert not phone.find_element(By.ID, "banner").is_displayed()


def test_refusals_paused_and_keyboard_answers(host, phone):
    """A wrong room code is shown; pause blocks answers; keys answer on a desktop."""
    phone.get(f"{host.url}/")
    phone.find_element(By.ID, "join-room").send_keys("zzzz")
    phone.find_element(By.ID, "join-name").send_keys("Cy")
    tap(phone, phone.find_element(By.ID, "join-button"))
    assert host.next_frame("join")["room"] == "ZZZZ"
    wait_text(phone, "status", "There is no room with that code.")
    assert phone.find_element(By.ID, "join-room").get_attribute("aria-invalid") == "true"
    room = phone.find_element(By.ID, "join-room")
    room.clear()
    room.send_keys("abcd")
    tap(phone, phone.find_element(By.ID, "join-button"))
    assert host.next_frame("join") == {"type": "join", "room": "ABCD", "name": "Cy"}
    wait_text(phone, "lobby-name", "Cy")

    host.say(question(1, "choice", options=["Yes", "No", "Maybe"]))
    wait_text(phone, "a-choice", "Maybe")
    host.say({"type": "paused"})
    wait_text(phone, "banner", "Paused by the host")
    assert not phone.find_element(By.CSS_SELECTOR, "#a-choice button").is_enabled()
    host.say({"type": "resumed"})
    WebDriverWait(phone, 10).until(lambda d: not d.find_element(By.ID, "banner").is_displayed())
    ActionChains(phone).send_keys("3").perform()  # the third option, by its key
    assert answer_of(host, 1) == 2

    host.say(question(2, "truefalse"))
    true = wait_text(phone, "a-truefalse", "True").find_elements(By.TAG_NAME, "button")[0]
    true.send_keys("\n")  # Enter on the focused button, as a keyboard user would
    assert answer_of(host, 2) is True
    typed = ["1,5", "1 000", "1.000.000", "2,500.75", "−3", "abc", ""]
    numbers = phone.execute_script("return arguments[0].map(TriviaPhone.parseNumber)", typed)
    assert numbers == [1.5, 1000, 1000000, 2500.75, -3, None, None]


def join(host: FakeHost, phone: webdriver.Chrome, name: str) -> None:
    phone.get(f"{host.url}/?room=ABCD")
    phone.find_element(By.ID, "join-name").send_keys(name)
    tap(phone, phone.find_element(By.ID, "join-button"))
    assert host.next_frame("join")["name"] == name
    wait_text(phone, "lobby-name", name)


def test_buzzer_style_reading_then_a_full_screen_buzz_then_the_answer(host, phone):
    """While the host reads, only BUZZ shows; the winner of the buzz then gets the options."""
    join(host, phone, "Dee")
    reading = question(1, "choice", style="buzzer", open=False, options=[], remaining=None)
    host.say(reading)
    wait_text(phone, "buzz-state", "Get ready")
    assert phone.find_element(By.ID, "a-choice").is_displayed() is False
    buzz = phone.find_element(By.ID, "buzz-button")
    assert buzz.size["width"] == WIDTH - 2 * 14 and buzz.size["height"] > HEIGHT / 2
    host.say(question(1, "choice", style="buzzer", open=True, options=["Yes", "No"]))
    wait_text(phone, "buzz-state", "Buzz now!")
    snap(phone, "phone-buzz")
    tap(phone, buzz)
    assert host.next_frame("buzz") == {"type": "buzz", "question": "q1"}
    wait_text(phone, "buzz-state", "Buzzed!")
    assert not buzz.is_enabled()  # one buzz per press
    host.say({"type": "buzzed", "question": "q1", "by": "Dee", "you": True})
    no = wait_text(phone, "a-choice", "No").find_elements(By.TAG_NAME, "button")[1]
    tap(phone, no)
    assert answer_of(host, 1) == 1

    # The next one: somebody else is faster, and an early buzz is locked out.
    host.say(question(2, "truefalse", style="buzzer", open=False, remaining=None))
    wait_text(phone, "buzz-state", "Get ready")
    tap(phone, phone.find_element(By.ID, "buzz-button"))
    assert host.next_frame("buzz")["question"] == "q2"
    host.say({"type": "locked", "question": "q2", "reason": "too early: wait"})
    wait_text(phone, "buzz-state", "too early: wait")
    buzz = phone.find_element(By.ID, "buzz-button")
    assert not buzz.is_enabled()
    WebDriverWait(phone, 10).until(lambda d: buzz.is_enabled())  # the lock-out is brief
    host.say(question(2, "truefalse", style="buzzer", open=True))
    wait_text(phone, "buzz-state", "Buzz now!")
    host.say({"type": "buzzed", "question": "q2", "by": "Eve", "you": False})
    wait_text(phone, "buzz-state", "Eve buzzed first.")


def test_the_display_shows_question_count_timer_bars_and_leaderboard(host, desktop):
    """The projector page: read-only, the answer only at the reveal, one bar per option."""
    desktop.get(f"{host.url}/display")
    WebDriverWait(desktop, 10).until(lambda d: host.displays() == 1)
    host.show({"type": "lobby", "count": 2, "names": ["Ann", "<b>Bo</b>"], "title": "Mad Men"})
    wait_text(desktop, "l-count", "2 players have joined")
    assert desktop.find_element(By.ID, "l-names").text.split("\n") == ["Ann", "<b>Bo</b>"]

    options = ["Peggy", "Joan", "Don"]
    host.show(question(1, "choice", open=False, options=[], remaining=None))
    wait_text(desktop, "q-note", "Get ready")
    assert desktop.find_elements(By.CSS_SELECTOR, "#q-options li") == []
    host.show(question(1, "choice", open=True, options=options))
    wait_text(desktop, "q-options", "Don")
    host.show({"type": "tick", "question": "q1", "remaining": 12})
    wait_text(desktop, "q-timer", "12 s")
    host.show({"type": "answered", "question": "q1", "count": 3, "of": 4})
    wait_text(desktop, "q-answered", "3 / 4 answered")
    snap(desktop, "display-question")
    host.show({"type": "reveal", "question": "q1", "answer": "Don", "counts": [1, 0, 3]})
    wait_text(desktop, "r-answer", "Don")
    bars = desktop.find_elements(By.CSS_SELECTOR, "#r-bars li")
    labels = [b.find_element(By.CLASS_NAME, "label").text for b in bars]
    assert labels == ["A. Peggy\n1 (25%)", "B. Joan\n0 (0%)", "✓ C. Don (right answer)\n3 (75%)"]
    widths = [b.find_element(By.CLASS_NAME, "fill").size["width"] for b in bars]
    assert widths[2] > widths[0] > widths[1]
    top = [{"name": f"P{i}", "score": 1000 - i, "rank": i + 1} for i in range(10)]
    host.show({"type": "leaderboard", "top": top, "more": 90})
    wait_text(desktop, "r-board-more", "and 90 more")
    snap(desktop, "display-reveal")
    assert len(desktop.find_elements(By.CSS_SELECTOR, "#r-board-list li")) == 10
    places = [{"name": "P0", "score": 1000, "rank": 1}, {"name": "P1", "score": 999, "rank": 2}]
    host.show({"type": "podium", "places": places})
    wait_text(desktop, "p-places", "P1")
    host.show({"type": "ended"})
    wait_text(desktop, "p-places", "P0")  # the podium stays up after the end
