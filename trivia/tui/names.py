"""How the game names modes and party styles in its sentences (UI wording, no Textual)."""

from __future__ import annotations

MODE_NAMES = {
    "quick": "quick round",
    "survival": "survival round",
    "marathon": "marathon",
    "practice": "practice round",
    "daily": "daily challenge",
}
"""How the game names a round of each mode in a sentence ("your quick round of ...")."""

STYLE_NAMES = {
    "hotseat": "hot-seat",
    "buzzer": "buzzer",
    "master": "quiz-master",
    "all": "phone",
}
"""How the game names each party style in a sentence ("your buzzer party of ...")."""
