"""Saving rounds: each round as it starts, every answer as it is given, and resuming.

A round is saved as what rebuilds it: its `RoundConfig` (seed included), the versions of
its packs and its answers in order; `Round.restore` replays them. Each answer moves the
question's Leitner box in the same transaction (`trivia.store.boxes.advance_box`). A round
saved as a daily challenge takes that day's one attempt (the rule is
`trivia.game.daily.daily_key`; the attempts are kept here).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from trivia.game.daily import daily_key, pack_key
from trivia.game.round import (
    Clock,
    Outcome,
    QuestionInProgress,
    RecordedAnswer,
    Round,
    RoundConfig,
    RoundError,
)
from trivia.packs.model import Pack
from trivia.store.boxes import advance_box
from trivia.store.connection import Connection
from trivia.store.errors import DailyAlreadyPlayed, NotResumable, StoreError
from trivia.store.profiles import Profile
from trivia.store.schema import stamp


@dataclass(frozen=True, slots=True)
class SavedRound:
    """A round as saved: enough to show it in a resume list and to rebuild it.

    Attributes:
        id: The round's row id (what `record_answer` takes).
        profile_id: Whose round it is.
        mode: The mode's value ("quick", "survival"...).
        packs: Pack id -> pack version, as played.
        config: `RoundConfig.to_dict()` as saved (the seed included).
        started_at: When it started (UTC ISO 8601).
        status: "in_progress", "finished" or "abandoned".
        score: Points so far.
        streak: The streak after the last answer.
        best_streak: The longest streak in the round.
        correct: Right answers so far.
        answers: The answers in order, as `Round.restore` replays them.
        daily: The date of the daily challenge this round is, if it is one.
        in_progress: The last checkpoint of the question being asked, if any.
    """

    id: int
    profile_id: int
    mode: str
    packs: dict[str, str]
    config: dict[str, Any]
    started_at: str
    status: str
    score: int
    streak: int
    best_streak: int
    correct: int
    answers: tuple[RecordedAnswer, ...] = field(default=())
    daily: str | None = None
    in_progress: QuestionInProgress | None = None

    @property
    def answered(self) -> int:
        """Questions settled so far (the round resumes on the reveal of the last one)."""
        return len(self.answers)

    def round_config(self) -> RoundConfig:
        """The config to rebuild the round with."""
        return RoundConfig.from_dict(self.config)


ROUND_COLUMNS = (
    "r.id, r.profile_id, r.mode, r.packs, r.config, r.started_at, r.status, r.score, r.streak,"
    " r.best_streak, r.correct,"
    " (SELECT day FROM daily_attempts WHERE round_id = r.id), r.asking"
)
"""The `rounds` columns (and the daily day) `Rounds._saved_round` reads, in its order."""


class Rounds(Connection):
    """The store's rounds and answers (a part of `trivia.store.Store`)."""

    def start_round(
        self,
        profile: Profile,
        round_: Round,
        packs: Sequence[Pack],
        *,
        daily: date | None = None,
    ) -> int:
        """Save a round as it starts (answers it already has are saved too).

        Args:
            profile: Who plays it.
            round_: The round, as `build_round` returned it.
            packs: The packs it was built from (their versions are saved).
            daily: The date, when the round is that day's daily challenge; a second
                attempt the same day is refused. A daily-mode round (`daily_config`)
                needs it, with the day its config was made for.

        Returns:
            The round id that `record_answer`, `finish_round` and `abandon_round` take.

        Raises:
            ValueError: A pack of the round is not in `packs`, or a daily-mode round
                without `daily` or for another day.
            DailyAlreadyPlayed: `daily` is set and the profile already played that day.
            SaveFailed: The write did not happen.
        """
        versions = {pack.id: pack.meta.version for pack in packs}
        missing = [pack_id for pack_id in round_.pack_ids if pack_id not in versions]
        if missing:
            raise ValueError(f"the packs of the round are missing: {', '.join(missing)}")
        played = {pack_id: versions[pack_id] for pack_id in round_.pack_ids}
        config = round_.config.to_dict()
        key = pack_key(round_.pack_ids)
        attempt = daily_key(round_.config, round_.pack_ids, daily)
        with self._write() as db:
            if attempt is not None:
                done = db.execute(
                    "SELECT 1 FROM daily_attempts"
                    " WHERE profile_id = ? AND pack_key = ? AND day = ?",
                    (profile.id, attempt.pack_key, attempt.day.isoformat()),
                ).fetchone()
                if done:
                    raise DailyAlreadyPlayed(attempt.taken_message(profile.name))
            cursor = db.execute(
                "INSERT INTO rounds (profile_id, mode, pack_key, packs, config, seed, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    profile.id,
                    round_.config.mode.value,
                    key,
                    json.dumps(played, sort_keys=True),
                    json.dumps(config, sort_keys=True),
                    config["seed"],
                    self._stamp(),
                ),
            )
            round_id = cursor.lastrowid
            assert round_id is not None
            if attempt is not None:
                db.execute(
                    "INSERT INTO daily_attempts VALUES (?, ?, ?, ?)",
                    (profile.id, attempt.pack_key, attempt.day.isoformat(), round_id),
                )
            self._round_packs[round_id] = played
            for outcome in round_.history:
                self._insert_answer(db, round_id, outcome)
        self._live.claim(round_id)
        return round_id

    def record_answer(self, round_id: int, outcome: Outcome) -> None:
        """Commit one answer as soon as it is given (call it right after `Round.answer`).

        The answer, the round's score and streak and the question's practice box change in
        one transaction. Recording the same question of a round twice changes nothing.

        Args:
            round_id: From `start_round`.
            outcome: What `Round.answer`, `time_out` or `tick` returned.

        Raises:
            StoreError: No such round.
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            self._insert_answer(db, round_id, outcome)

    def note_question(self, round_id: int, progress: QuestionInProgress) -> None:
        """Checkpoint the question a round is asking: its time so far and lifelines used.

        A resumed round goes on from the last checkpoint (`restore_round`), so quitting
        or a crash gains at most the time since it. Only an in-progress round is touched.

        Raises:
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            db.execute(
                "UPDATE rounds SET asking = ? WHERE id = ? AND status = 'in_progress'",
                (json.dumps(progress.to_dict()), round_id),
            )

    def finish_round(self, round_id: int) -> None:
        """Mark a round finished (it leaves the resume list and counts in the records).

        Raises:
            SaveFailed: The write did not happen.
        """
        self._set_status(round_id, "finished")
        self._live.release(round_id)

    def abandon_round(self, round_id: int) -> None:
        """Mark a round abandoned (the player declined to resume it, or quit it).

        Its answers still count in accuracy and practice; it is not a high score.

        Raises:
            SaveFailed: The write did not happen.
        """
        self._set_status(round_id, "abandoned")
        self._live.release(round_id)

    def claim_round(self, round_id: int) -> bool:
        """Claim an unfinished round for this game before offering or resuming it.

        A round started here is claimed already. The claim lasts until the round ends,
        `release_round`, or the process ends in any way (see `trivia.store.live`).

        Returns:
            False when another running game on this save is playing the round: it must
            not be offered here, or the answers of one window would be lost to the other.
        """
        return self._live.claim(round_id)

    def release_round(self, round_id: int) -> None:
        """Give up the claim on a round kept for later, so another window may offer it."""
        self._live.release(round_id)

    def saved_round(self, round_id: int) -> SavedRound | None:
        """A round with its answers, or None."""
        with self._read() as db:
            row = db.execute(f"SELECT {ROUND_COLUMNS} FROM rounds r WHERE id = ?", (round_id,))
            found = row.fetchone()
            return self._saved_round(db, found) if found else None

    def unfinished_rounds(self, profile: Profile) -> list[SavedRound]:
        """The profile's rounds that stopped before their end, newest first (to offer resume)."""
        with self._read() as db:
            rows = db.execute(
                f"SELECT {ROUND_COLUMNS} FROM rounds r WHERE profile_id = ? "
                "AND status = 'in_progress' ORDER BY started_at DESC, id DESC",
                (profile.id,),
            ).fetchall()
            return [self._saved_round(db, row) for row in rows]

    def restore_round(
        self,
        saved: SavedRound,
        packs: Sequence[Pack],
        *,
        clock: Clock = time.monotonic,
    ) -> Round:
        """Rebuild a saved round exactly where it stopped (`Round.restore`).

        The round comes back in the reveal of its last answer (call `next()` to go on), or
        asking its first question when nothing was answered.

        Args:
            saved: From `unfinished_rounds` (or `saved_round`).
            packs: The packs available now; those of the round are picked by id.
            clock: The clock for the rest of the round.

        Raises:
            NotResumable: A pack of the round is missing, or has changed so that the saved
                answers no longer fit (offer to abandon the round instead).
        """
        by_id = {pack.id: pack for pack in packs}
        missing = sorted(set(saved.packs) - set(by_id))
        if missing:
            raise NotResumable(f"the pack {', '.join(missing)} is no longer installed")
        try:
            return Round.restore(
                [by_id[pack_id] for pack_id in saved.packs],
                saved.round_config(),
                saved.answers,
                clock=clock,
                in_progress=saved.in_progress,
            )
        except (RoundError, ValueError, TypeError, KeyError) as error:
            raise NotResumable(f"the round cannot be resumed: {error}") from error

    def daily_attempt(self, profile: Profile, pack_id: str, day: date) -> SavedRound | None:
        """The profile's daily-challenge round for a pack on a day, or None if not played."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {ROUND_COLUMNS} FROM rounds r JOIN daily_attempts d "
                "ON d.round_id = r.id WHERE d.profile_id = ? AND d.pack_key = ? AND d.day = ?",
                (profile.id, pack_id, day.isoformat()),
            ).fetchone()
            return self._saved_round(db, row) if row else None

    # --- inside ------------------------------------------------------------------------

    def _set_status(self, round_id: int, status: str) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE rounds SET status = ?, ended_at = ?"
                " WHERE id = ? AND status = 'in_progress'",
                (status, self._stamp(), round_id),
            )
        self._round_packs.pop(round_id, None)

    def _insert_answer(self, db: sqlite3.Connection, round_id: int, outcome: Outcome) -> None:
        played = self._round_packs.get(round_id)
        if played is None:
            row = db.execute("SELECT packs FROM rounds WHERE id = ?", (round_id,)).fetchone()
            if row is None:
                raise StoreError(f"no saved round {round_id}")
            played = self._round_packs[round_id] = json.loads(row[0])
        record = outcome.record.to_dict()
        question = outcome.question
        at = self._now()
        cursor = db.execute(
            "INSERT INTO answers (round_id, position, profile_id, pack_id, pack_version,"
            " question_id, difficulty, tags, mode, response, correct, timed_out, credit,"
            " points, elapsed, streak, lifelines, answered_at)"
            " SELECT ?, ?, profile_id, ?, ?, ?, ?, ?, mode, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            " FROM rounds WHERE id = ?"
            " ON CONFLICT (round_id, position) DO NOTHING",
            (
                round_id,
                outcome.index,
                outcome.pack_id,
                played.get(outcome.pack_id, ""),
                question.id,
                question.difficulty.value,
                json.dumps(list(question.tags)),
                json.dumps(record["response"]),
                int(outcome.correct),
                int(outcome.timed_out),
                outcome.verdict.credit,
                outcome.points,
                outcome.elapsed,
                outcome.breakdown.streak,
                json.dumps(record["lifelines"]),
                stamp(at),
                round_id,
            ),
        )
        if cursor.rowcount == 0:
            # Already saved (the UI recorded it twice): counting it again would inflate
            # the score and push the practice box twice.
            return
        db.execute(
            "UPDATE rounds SET score = score + ?, streak = ?, best_streak = max(best_streak, ?),"
            " answered = answered + 1, correct = correct + ? WHERE id = ?",
            (
                outcome.points,
                outcome.breakdown.streak,
                outcome.breakdown.streak,
                int(outcome.correct),
                round_id,
            ),
        )
        advance_box(db, round_id, outcome, at)

    def _saved_round(self, db: sqlite3.Connection, row: Sequence[Any]) -> SavedRound:
        (round_id, profile_id, mode, packs, config, started_at, status, score, streak,
         best_streak, correct, daily, asking) = row  # fmt: skip
        answers = tuple(
            RecordedAnswer.from_dict(
                {
                    "pack_id": pack_id,
                    "question_id": question_id,
                    "response": json.loads(response),
                    "elapsed": elapsed,
                    "lifelines": json.loads(lifelines),
                }
            )
            for pack_id, question_id, response, elapsed, lifelines in db.execute(
                "SELECT pack_id, question_id, response, elapsed, lifelines FROM answers"
                " WHERE round_id = ? ORDER BY position",
                (round_id,),
            )
        )
        return SavedRound(
            id=round_id,
            profile_id=profile_id,
            mode=mode,
            packs=json.loads(packs),
            config=json.loads(config),
            started_at=started_at,
            status=status,
            score=score,
            streak=streak,
            best_streak=best_streak,
            correct=correct,
            answers=answers,
            daily=daily,
            in_progress=_in_progress(asking),
        )


def _in_progress(asking: str | None) -> QuestionInProgress | None:
    """A round's checkpoint as saved; a damaged one is dropped (the question starts over)."""
    if asking is None:
        return None
    try:
        return QuestionInProgress.from_dict(json.loads(asking))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
