"""One check every importer's end-to-end test shares: import with the command line,
validate, lint, then play one imported question through the round engine."""

from __future__ import annotations

from pathlib import Path

from trivia.cli import EXIT_OK, main
from trivia.game import RoundConfig, RoundState, build_round
from trivia.packs import check_file, load_pack


def import_validate_lint_play(
    capsys, tmp_path: Path, arguments: list[str], question_id: str | None, response: object
):
    """Run `trivia import ARGUMENTS -o OUT.yaml`, validate and lint OUT, then answer one
    question (`question_id`, or the first) with `response` in a round.

    Returns:
        The summary line the import printed, its standard error, the pack, and the outcome.
    """
    out = tmp_path / "imported.yaml"
    assert main(["import", *arguments, "-o", str(out)]) == EXIT_OK
    printed = capsys.readouterr()
    assert check_file(out) == []
    assert main(["validate", str(out)]) == EXIT_OK
    assert main(["lint", str(out)]) == EXIT_OK
    capsys.readouterr()
    pack = load_pack(out)
    chosen = question_id or pack.questions[0].id
    round_ = build_round([pack], RoundConfig(seed=1, question_ids=(chosen,), timed=False))
    assert round_.current.question.id == chosen
    outcome = round_.answer(response)  # type: ignore[arg-type]
    assert round_.state is RoundState.REVEAL
    return printed.out.strip(), printed.err, pack, outcome, round_.current.source


def imports_or_fails_clearly(run, name: str) -> None:
    """The importers' contract on any input: a pack that validates as built, or
    ImportFailed whose every problem names the file; no other exception."""
    from trivia.packs.importers import ImportFailed, check_document

    try:
        result = run()
    except ImportFailed as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(name), problem
    else:
        assert check_document(result.document) == []
        for problem in [*result.skipped, *result.left_out, *result.notes]:
            assert str(problem).startswith(name), problem
