"""The commands that open the game: `trivia` alone, `play`, `party` and `preview`.

Textual is imported only inside them, when the app is about to run.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from trivia.cli.boundary import needs_terminal
from trivia.cli.finder import PackFinder
from trivia.cli.output import EXIT_USAGE, console, save_dir

if TYPE_CHECKING:
    from trivia.game import RoundConfig
    from trivia.packs.model import Pack


def cmd_play(args: argparse.Namespace) -> int:
    """`trivia play`: straight into a round of the chosen pack (default: Mad Men)."""
    finder = PackFinder.from_args(args)
    pack = finder.resolve_or_report(args.pack or "mad-men")
    if isinstance(pack, int):
        return pack
    problem = _check_round_size(args, pack)
    if problem is not None:
        return problem
    from trivia.store import StoreError

    try:
        config = _round_config(args, pack)
    except StoreError as error:  # e.g. a --profile name the save refuses
        console(stderr=True).print(f"trivia play: {error}", markup=False)
        return EXIT_USAGE
    refused = needs_terminal(args)
    if refused is not None:
        return refused
    _remember(args, config)
    from trivia.tui.app import main_tui

    return main_tui(
        pack_dirs=finder.dirs,
        save_dir=save_dir(args),
        bank_index=finder.index_path,
        start_round=config,
        start_packs=[pack],
        profile=args.profile,
    )


def _remember(args: argparse.Namespace, config: RoundConfig) -> None:
    """Keep what this round was started with, for the next `trivia`: a pack given by its
    path is listed on Home, and the timer setting becomes the one played with (daily and
    practice rounds have their own clocks and leave it alone)."""
    from dataclasses import replace

    from trivia.packs.library import looks_like_path
    from trivia.store.played import remember_played
    from trivia.store.settings import load_settings, save_settings

    directory = save_dir(args)
    try:
        if args.pack and looks_like_path(args.pack):
            remember_played(directory, Path(args.pack))
        if args.mode not in ("daily", "practice"):
            settings = load_settings(directory)
            if settings.timer != config.timed:
                save_settings(directory, replace(settings, timer=config.timed))
    except OSError as error:  # a convenience for next time: never a reason not to play
        console(stderr=True).print(
            f"trivia play: could not remember this for next time ({error.strerror or error})",
            markup=False,
        )


def _check_round_size(args: argparse.Namespace, pack: Pack) -> int | None:
    """Say on stderr when the filters leave fewer questions than asked for, before the TUI
    starts; the exit code when they leave none (or do not apply), else None."""
    from trivia.game import RoundConfig, filters_text, round_size
    from trivia.packs.printable import printable
    from trivia.packs.stored import summary_of

    err = console(stderr=True)
    if args.mode == "daily" and (args.tags or args.difficulties):
        err.print(
            "trivia play: --tag and --difficulty do not apply to --mode daily "
            "(the day's questions are the same for everyone)",
            markup=False,
        )
        return EXIT_USAGE
    # The pool the round will draw from, as `_round_config` asks for it (a practice round
    # orders the same pool by the Leitner boxes).
    wanted = RoundConfig(
        mode=args.mode,
        question_count=args.questions,
        tags=frozenset(args.tags),
        difficulties=frozenset(args.difficulties),
    )
    size = round_size([pack], wanted)
    filters = filters_text(wanted)
    where = f"{filters} in {pack.id}" if filters else f"in {pack.id}"
    if not size.matching:
        tags = ", ".join(summary_of(pack).tags) or "none"
        err.print(
            printable(
                f"trivia play: no question matches {where}; loosen the filters "
                f"(tags in {pack.id}: {tags})"
            ),
            markup=False,
        )
        return EXIT_USAGE
    if size.short:
        err.print(printable(f"trivia play: {size.describe()} ({where})"), markup=False)
    return None


def _round_config(args: argparse.Namespace, pack: Pack) -> RoundConfig:
    """The round `trivia play` asks for; practice reads the profile's boxes from the save."""
    from trivia.game import RoundConfig

    if args.mode == "daily":
        # Everyone gets the same timed round that day, so --seed and --no-timer do not apply.
        from trivia.store import daily_config

        return daily_config(pack.id)
    if args.mode == "practice":
        from trivia.store import Store, practice_config

        with Store.open(save_dir(args)) as store:
            profile = store.profile_for_play(args.profile)
            # Practice is for learning, Anki-style: no clock, whatever --no-timer says.
            return practice_config(
                store,
                profile,
                pack,
                count=args.questions or 10,
                seed=args.seed,
                timed=False,
                tags=args.tags,
                difficulties=args.difficulties,
            )
    # The filters go to the round as Home's do: `RoundConfig.tags` and `.difficulties`.
    return RoundConfig(
        mode=args.mode,
        question_count=args.questions,
        seed=args.seed,
        timed=not args.no_timer,
        tags=frozenset(args.tags),
        difficulties=frozenset(args.difficulties),
    )


def cmd_party(args: argparse.Namespace) -> int:
    """`trivia party`: the host's screen, or with --display the projector's."""
    finder = PackFinder.from_args(args)
    if args.display:
        refused = needs_terminal(args)
        if refused is not None:
            return refused
        from trivia.tui.party_main import main_display

        return main_display(save_dir=save_dir(args), pack_dirs=finder.dirs)
    from trivia.game import RoundConfig
    from trivia.tui.party_main import main_party

    if (args.host is not None or args.port is not None) and not args.serve:
        console(stderr=True).print("trivia party: --host and --port go with --serve")
        return EXIT_USAGE
    if args.style == "all" and not args.serve:
        console(stderr=True).print("trivia party: --style all is for phones: add --serve")
        return EXIT_USAGE
    start_packs = None
    if args.pack or args.players or args.teams or args.serve:
        pack = finder.resolve_or_report(args.pack or "mad-men")
        if isinstance(pack, int):
            return pack
        start_packs = [pack]
    refused = needs_terminal(args)
    if refused is not None:
        return refused
    return main_party(
        pack_dirs=finder.dirs,
        save_dir=save_dir(args),
        players=_names(args.players),
        teams=_names(args.teams),
        style=args.style,
        bank_index=finder.index_path,
        start_packs=start_packs,
        round_config=RoundConfig(
            question_count=args.questions, seed=args.seed, timed=not args.no_timer
        ),
        leaderboard_every_question=args.leaderboard == "every",
        serve=(args.host or "0.0.0.0", args.port or 0) if args.serve else None,
    )


def _names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


def cmd_home(args: argparse.Namespace) -> int:
    """`trivia` alone: the home screen."""
    import gc

    refused = needs_terminal(args)
    if refused is not None:
        return refused

    # No garbage collection while Textual is imported (`main_tui` turns it back on): the
    # imports make next to no garbage, and the collector's passes delay Home's first frame.
    collector_paused = gc.isenabled()
    gc.disable()
    from trivia.tui.app import main_tui

    # Without --packs-dir the app finds the usual pack dirs itself, in its scan after the
    # first paint: listing them here would import the pack model before that paint.
    finder = PackFinder.from_args(args)
    return main_tui(
        pack_dirs=finder.dirs if args.packs_dir else None,
        save_dir=save_dir(args),
        bank_index=finder.index_path,
        collector_paused=collector_paused,
    )


def _unknown_question(path: str, question_id: str) -> str | None:
    """The sentence refusing `#question_id` when the file is a valid pack without it.

    A file that does not load is let through: the preview lists its problems.
    """
    import difflib

    from trivia.packs import PackError, load_pack
    from trivia.packs.printable import printable

    try:
        pack = load_pack(path)
    except PackError:
        return None
    ids = [question.id for question in pack.questions]
    if question_id in ids:
        return None
    close = difflib.get_close_matches(question_id, ids, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean {close[0]!r}?"
    else:
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        hint = f"its questions are {shown}; `trivia preview {path}` opens the first"
    return printable(f"{path}: no question with the id {question_id!r} ({hint})")


def cmd_preview(args: argparse.Namespace) -> int:
    """`trivia preview PATH[#ID]`: the question screen for a pack being written."""
    from trivia.tui.preview import main_preview, split_target

    path, question_id = split_target(args.target)
    if Path(path).is_file():  # else main_preview says there is no such file
        if question_id is not None:
            unknown = _unknown_question(path, question_id)
            if unknown is not None:
                console(stderr=True).print(unknown, markup=False)
                return EXIT_USAGE
        refused = needs_terminal(args)
        if refused is not None:
            return refused
    return main_preview(path, question_id)
