"""`trivia stats`: the records a played round leaves, as tables and as JSON."""

from __future__ import annotations

import json

from trivia.cli import EXIT_OK, EXIT_USAGE, main
from trivia.cli.stats import bar, sparkline
from trivia.game import RoundConfig, RoundState, build_round
from trivia.packs import load_pack
from trivia.packs.library import bundled_packs_dir
from trivia.store import Store


def play_round(save_dir, profile_name: str, right: int) -> int:
    """Play a seeded quick round of the bundled pack: the first `right` answers right."""
    pack = load_pack(bundled_packs_dir() / "mad-men.yaml")
    clock = iter(float(t) for t in range(10_000))
    round_ = build_round(
        [pack],
        RoundConfig(mode="quick", question_count=4, seed=3, timed=False),
        clock=lambda: next(clock),
    )
    with Store.open(save_dir) as store:
        profile = store.profile_for_play(profile_name)
        round_id = store.start_round(profile, round_, [pack])
        answered = 0
        while round_.state is not RoundState.FINISHED:
            question = round_.current.question
            response = question.answer if answered < right else None
            outcome = round_.answer(response) if response is not None else round_.time_out()
            store.record_answer(round_id, outcome)
            answered += 1
            round_.next()
        store.finish_round(round_id)
    return round_.score


def test_stats_json_holds_the_answers(tmp_path, capsys):
    score = play_round(tmp_path, "Ann", right=3)
    assert main(["stats", "--json", "--save-dir", str(tmp_path)]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    [ann] = report["profiles"]
    assert ann["profile"]["name"] == "Ann"
    assert ann["answered"] == 4 and ann["correct"] == 3
    assert ann["best_streak"] == 3
    assert [row["score"] for row in ann["score_history"]] == [score]
    assert ann["packs"]["mad-men"]["total"] >= 40


def test_stats_for_one_profile_and_an_unknown_one(tmp_path, capsys):
    play_round(tmp_path, "Ann", right=1)
    play_round(tmp_path, "Bo", right=4)
    assert main(["stats", "--json", "--profile", "bo", "--save-dir", str(tmp_path)]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert [p["profile"]["name"] for p in report["profiles"]] == ["Bo"]
    assert main(["stats", "--profile", "Cy", "--save-dir", str(tmp_path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Cy" in err and "Ann" in err and "Bo" in err


def test_stats_tables_show_accuracy_as_numbers_and_bars(tmp_path, capsys):
    play_round(tmp_path, "Ann", right=2)
    assert main(["stats", "--save-dir", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Ann" in out and "50% right" in out
    assert "accuracy by tag" in out and "█" in out


def test_stats_word_one_round_in_the_singular(tmp_path, capsys):
    play_round(tmp_path, "Ann", right=2)
    assert main(["stats", "--save-dir", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "1 round finished · 4 answers" in out and "(s)" not in out
    play_round(tmp_path, "Ann", right=2)
    assert main(["stats", "--save-dir", str(tmp_path)]) == EXIT_OK
    assert "2 rounds finished · 8 answers" in capsys.readouterr().out


def test_stats_on_a_fresh_save_dir(tmp_path, capsys):
    assert main(["stats", "--save-dir", str(tmp_path)]) == EXIT_OK
    assert "No progress saved yet" in capsys.readouterr().out


def test_sparkline_and_bar_scale():
    assert sparkline([0, 50, 100]) == "▁▅█"
    assert sparkline([7, 7]) == "▅▅"
    assert bar(0.5, width=4) == "██··"
    assert bar(1.0, width=4) == "████"
    assert bar(0.0, width=4) == "····"
