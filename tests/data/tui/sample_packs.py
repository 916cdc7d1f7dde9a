"""Small packs for the TUI tests, built in Python so they need no loader.

`sample_pack()` has one question of every type (each tagged with its type, so a round
filtered by tag opens on that type); `hostile_pack()` has pack text full of Rich markup and
terminal escapes that must appear literally.
"""

from __future__ import annotations

from trivia.packs.model import (
    ChoiceQuestion,
    Difficulty,
    Fact,
    NumberQuestion,
    OrderQuestion,
    Pack,
    PackMeta,
    Source,
    TextQuestion,
    TrueFalseQuestion,
)

SOURCE = Source(
    id="guide",
    title="The Lighthouse Keepers: A Viewer's Guide",
    publisher="Harbour Press",
    date="2021-05-04",
)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move time on."""
        self.now += seconds


def _facts(*ids: str) -> dict[str, Fact]:
    return {i: Fact(id=i, source="guide", statement=f"Statement of {i}.") for i in ids}


def sample_pack() -> Pack:
    """Six questions, one of each type (two choice), about a made-up TV series."""
    questions = (
        ChoiceQuestion(
            id="q-keeper",
            fact="f1",
            prompt="Who keeps the lighthouse in the first season?",
            difficulty=Difficulty.MEDIUM,
            tags=("choice", "people"),
            explain="Agnes takes over the light after her father's fall in episode one.",
            hint="She is the eldest daughter.",
            answer="Agnes Thorne",
            options=("Agnes Thorne", "Marcus Bell", "Ruth Okafor", "Tom Lasky"),
        ),
        ChoiceQuestion(
            id="q-boat",
            fact="f2",
            prompt="What is the name of the supply boat?",
            difficulty=Difficulty.EASY,
            tags=("choice6", "places"),
            explain="The Gannet calls every Thursday, weather permitting.",
            answer="The Gannet",
            options=(
                "The Gannet",
                "The Petrel",
                "The Kittiwake",
                "The Fulmar",
                "The Shag",
                "The Puffin",
            ),
        ),
        TrueFalseQuestion(
            id="q-fog",
            fact="f3",
            prompt="The foghorn is heard in every episode of the first season.",
            difficulty=Difficulty.EASY,
            tags=("truefalse",),
            explain="It is silent in episode four, when the generator fails.",
            answer=False,
        ),
        TextQuestion(
            id="q-island",
            fact="f4",
            prompt="On which island does the series take place?",
            difficulty=Difficulty.HARD,
            tags=("text", "places"),
            explain="Skerra is fictional, loosely based on the Flannan Isles.",
            answer="Skerra",
            accept=("Skerra Island",),
        ),
        NumberQuestion(
            id="q-steps",
            fact="f5",
            prompt="How many steps lead to the lamp room?",
            difficulty=Difficulty.MEDIUM,
            tags=("number",),
            explain="Agnes counts them aloud in the pilot: 147.",
            answer=147,
            tolerance=5,
            unit="steps",
        ),
        OrderQuestion(
            id="q-seasons",
            fact="f6",
            prompt="Put these storms in the order they hit the island.",
            difficulty=Difficulty.HARD,
            tags=("order",),
            explain="Brigid (S1), Corran (S2), Eilidh (S3), Fergus (S4).",
            answer=("Storm Brigid", "Storm Corran", "Storm Eilidh", "Storm Fergus"),
        ),
    )
    return Pack(
        meta=PackMeta(
            id="lighthouse",
            title="The Lighthouse Keepers",
            description="A made-up drama about a family that keeps a remote light.",
        ),
        sources={"guide": SOURCE},
        facts=_facts("f1", "f2", "f3", "f4", "f5", "f6"),
        questions=questions,
    )


HOSTILE_PROMPT = "[bold red]Not bold[/] [link=https://x]click[/link] \x1b[31mred\x1b[0m?"
"""A prompt that would style the screen if it were read as markup or reached the terminal."""


def hostile_pack() -> Pack:
    """A pack whose text is markup and escape sequences; all of it must show literally."""
    questions = (
        ChoiceQuestion(
            id="q-markup",
            fact="f1",
            prompt=HOSTILE_PROMPT,
            difficulty=Difficulty.EASY,
            tags=("[b]tag[/b]",),
            explain="[italic]not italic[/italic] \x1b]0;pwned\x07",
            hint="[reverse]hint[/reverse]",
            answer="[bold]A[/]",
            options=("[bold]A[/]", "[link=https://x]B[/link]", "\x1b[2JC", "[/]"),
        ),
    )
    return Pack(
        meta=PackMeta(id="hostile", title="[blink]Hostile[/blink] pack"),
        sources={
            "guide": Source(id="guide", title="[u]Title[/u]", publisher="[i]Pub", date="2020")
        },
        facts=_facts("f1"),
        questions=questions,
    )
