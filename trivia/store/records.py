"""Records read from the save database: high scores, streaks, accuracy, history, flags.

Everything here is a read-only query over the tables of `trivia.store.schema`, returning
plain JSON-ready data (`trivia stats --json` prints it as it is). Tags come from the answers
themselves (they are saved with each answer), so no pack is needed; only "mastered N of M"
needs each pack's question count, which the caller passes. `Records` is the part of
`trivia.store.Store` that runs them in one read transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from trivia.game.daily import pack_key
from trivia.game.leitner import MASTERED_BOX
from trivia.game.round import Mode
from trivia.packs.model import Pack
from trivia.store.profiles import Profile, Profiles
from trivia.store.schema import SCHEMA_VERSION


def profile_stats(
    db: sqlite3.Connection, profile_id: int, totals: Mapping[str, int]
) -> dict[str, Any]:
    """One profile's records.

    Args:
        db: The connection, inside a read transaction (one snapshot for every query).
        profile_id: The profile.
        totals: Pack id -> number of questions in the pack as installed, for "mastered N
            of M"; packs missing here get `"total": null`.

    Returns:
        A dict with the keys:
        `profile` (id, name, created_at, last_used_at);
        `rounds` (finished, abandoned, in_progress counts);
        `answered`, `correct`, `accuracy` (over every saved answer);
        `best_streak` (longest run of right answers in any round);
        `high_scores`: per packs played together ("a+b") and mode, the best finished
        round: packs, mode, score, round_id, started_at;
        `packs`: per pack id: answered, correct, accuracy, best_streak, seen (distinct
        questions answered), mastered (in Leitner box 5), total (or null);
        `tags`: per tag: answered, correct, accuracy;
        `score_history`: finished rounds oldest first (round_id, started_at, mode, packs,
        score, answered, correct), for a sparkline;
        `daily`: daily challenges played (day, packs, round_id, score, status).
    """
    profile = db.execute(
        "SELECT id, name, created_at, last_used_at FROM profiles WHERE id = ?", (profile_id,)
    ).fetchone()
    if profile is None:
        raise LookupError(f"no profile with id {profile_id}")
    counts = dict.fromkeys(("finished", "abandoned", "in_progress"), 0)
    for status, count in db.execute(
        "SELECT status, count(*) FROM rounds WHERE profile_id = ? GROUP BY status", (profile_id,)
    ):
        counts[status] = count
    answered, correct = db.execute(
        "SELECT count(*), coalesce(sum(correct), 0) FROM answers WHERE profile_id = ?",
        (profile_id,),
    ).fetchone()
    (best_streak,) = db.execute(
        "SELECT coalesce(max(best_streak), 0) FROM rounds WHERE profile_id = ?", (profile_id,)
    ).fetchone()
    # SQLite fills the bare columns (id, started_at) from the row that holds max(score).
    high_scores = [
        {"packs": key, "mode": mode, "score": score, "round_id": rid, "started_at": at}
        for key, mode, score, rid, at in db.execute(
            "SELECT pack_key, mode, max(score), id, started_at FROM rounds"
            " WHERE profile_id = ? AND status = 'finished'"
            " GROUP BY pack_key, mode ORDER BY pack_key, mode",
            (profile_id,),
        )
    ]
    mastered = dict(
        db.execute(
            "SELECT pack_id, count(*) FROM boxes WHERE profile_id = ? AND box >= ?"
            " GROUP BY pack_id",
            (profile_id, MASTERED_BOX),
        ).fetchall()
    )
    packs = {
        pack_id: {
            "answered": n,
            "correct": right,
            "accuracy": _ratio(right, n),
            "best_streak": streak,
            "seen": seen,
            "mastered": mastered.get(pack_id, 0),
            "total": totals.get(pack_id),
        }
        for pack_id, n, right, streak, seen in db.execute(
            "SELECT pack_id, count(*), sum(correct), max(streak), count(DISTINCT question_id)"
            " FROM answers WHERE profile_id = ? GROUP BY pack_id ORDER BY pack_id",
            (profile_id,),
        )
    }
    tags = {
        tag: {"answered": n, "correct": right, "accuracy": _ratio(right, n)}
        for tag, n, right in db.execute(
            "SELECT t.value, count(*), sum(a.correct) FROM answers a, json_each(a.tags) t"
            " WHERE a.profile_id = ? GROUP BY t.value ORDER BY t.value",
            (profile_id,),
        )
    }
    history = [
        {
            "round_id": rid,
            "started_at": at,
            "mode": mode,
            "packs": key,
            "score": score,
            "answered": n,
            "correct": right,
        }
        for rid, at, mode, key, score, n, right in db.execute(
            "SELECT id, started_at, mode, pack_key, score, answered, correct FROM rounds"
            " WHERE profile_id = ? AND status = 'finished' ORDER BY started_at, id",
            (profile_id,),
        )
    ]
    daily = [
        {"day": day, "packs": key, "round_id": rid, "score": score, "status": status}
        for day, key, rid, score, status in db.execute(
            "SELECT d.day, d.pack_key, r.id, r.score, r.status FROM daily_attempts d"
            " JOIN rounds r ON r.id = d.round_id WHERE d.profile_id = ? ORDER BY d.day",
            (profile_id,),
        )
    ]
    return {
        "profile": dict(zip(("id", "name", "created_at", "last_used_at"), profile, strict=True)),
        "rounds": counts,
        "answered": answered,
        "correct": correct,
        "accuracy": _ratio(correct, answered),
        "best_streak": best_streak,
        "high_scores": high_scores,
        "packs": packs,
        "tags": tags,
        "score_history": history,
        "daily": daily,
    }


def best_score(
    db: sqlite3.Connection,
    profile_id: int,
    pack_key: str,
    mode: str,
    besides: int | None = None,
) -> int | None:
    """The profile's best finished round of these packs in this mode: its high score.

    The same rounds as `high_scores` above (finished ones only: a round left mid-way is
    no high score), so the summary's "New best!" and the Stats screen agree.

    Args:
        besides: A round not to count (the one just finished, to compare it with the
            best before it).

    Returns:
        The score, or None when no other round of theirs qualifies.
    """
    (best,) = db.execute(
        "SELECT max(score) FROM rounds WHERE profile_id = ? AND pack_key = ? AND mode = ?"
        " AND status = 'finished' AND id IS NOT ?",
        (profile_id, pack_key, mode, besides),
    ).fetchone()
    return int(best) if best is not None else None


def flagged_questions(
    db: sqlite3.Connection, min_players: int, min_miss_rate: float
) -> list[dict[str, Any]]:
    """Questions that many players miss: worth a look by the pack's author.

    A question is flagged when at least `min_players` profiles have answered it and at
    least `min_miss_rate` of them missed it at least once.

    Returns:
        Dicts with pack_id, question_id, players, missed_by, miss_rate, answers, misses,
        the most missed first.
    """
    rows = db.execute(
        "SELECT pack_id, question_id, count(DISTINCT profile_id) AS players,"
        " count(DISTINCT CASE WHEN correct = 0 THEN profile_id END) AS missed_by,"
        " count(*), count(*) - sum(correct)"
        " FROM answers GROUP BY pack_id, question_id"
        " HAVING players >= ? AND missed_by >= ? * players"
        " ORDER BY 1.0 * missed_by / players DESC, players DESC, pack_id, question_id",
        (min_players, min_miss_rate),
    )
    return [
        {
            "pack_id": pack_id,
            "question_id": question_id,
            "players": players,
            "missed_by": missed_by,
            "miss_rate": _ratio(missed_by, players),
            "answers": answers,
            "misses": misses,
        }
        for pack_id, question_id, players, missed_by, answers, misses in rows
    ]


class Records(Profiles):
    """The store's records: high scores, stats and flags (a part of `trivia.store.Store`)."""

    def stats(self, profile: Profile, packs: Sequence[Pack] = ()) -> dict[str, Any]:
        """The profile's records as JSON-ready data (`trivia stats --json`).

        See `profile_stats` above for the keys. Pass the installed packs to
        get "mastered N of M" totals; tags come from the saved answers either way.
        """
        totals = {pack.id: len(pack.questions) for pack in packs}
        with self._read() as db:
            return profile_stats(db, profile.id, totals)

    def best_score(
        self,
        profile: Profile,
        pack_ids: Sequence[str],
        mode: Mode | str,
        *,
        besides: int | None = None,
    ) -> int | None:
        """The profile's high score for these packs (played together) in this mode.

        Args:
            profile: Whose.
            pack_ids: The packs of the round (any order).
            mode: The round's mode.
            besides: A round id not to count: the round just finished, so the summary
                compares it with the best before it.

        Returns:
            The best finished round's score, or None when there is none.
        """
        key = pack_key(pack_ids)
        with self._read() as db:
            return best_score(db, profile.id, key, Mode(mode).value, besides)

    def flagged_questions(
        self, min_players: int = 3, min_miss_rate: float = 0.6
    ) -> list[dict[str, Any]]:
        """Questions that many players miss, for pack authors (`flagged_questions` above)."""
        with self._read() as db:
            return flagged_questions(db, min_players, min_miss_rate)

    def all_stats(self, packs: Sequence[Pack] = ()) -> dict[str, Any]:
        """Every profile's records and the flagged questions, as JSON-ready data."""
        with self._lock:
            return {
                "schema_version": SCHEMA_VERSION,
                "profiles": [self.stats(profile, packs) for profile in self.profiles()],
                "flagged_questions": self.flagged_questions(),
            }


def _ratio(part: int | None, whole: int | None) -> float:
    return round((part or 0) / whole, 4) if whole else 0.0
