"""Saving profiles: who plays, by name, and which of them played last."""

from __future__ import annotations

from dataclasses import dataclass

from trivia.store.connection import Connection
from trivia.store.errors import ProfileError

DEFAULT_PROFILE = "Player"
"""The profile a first `trivia play` creates, so it never stops to ask for a name."""

MAX_NAME_LENGTH = 30
"""Longest profile name; the UI lays names out in one line."""


@dataclass(frozen=True, slots=True)
class Profile:
    """A player's profile.

    Attributes:
        id: The profile's row id.
        name: The name shown (unique, compared without case).
        created_at: When it was created (UTC ISO 8601).
        last_used_at: When it was last picked for play, or None.
    """

    id: int
    name: str
    created_at: str
    last_used_at: str | None


PROFILE_COLUMNS = "id, name, created_at, last_used_at"
"""The `profiles` columns `Profile` takes, in its order."""


class Profiles(Connection):
    """The store's profiles (a part of `trivia.store.Store`)."""

    def profiles(self) -> list[Profile]:
        """Every profile, by name."""
        with self._read() as db:
            rows = db.execute(f"SELECT {PROFILE_COLUMNS} FROM profiles ORDER BY name").fetchall()
        return [Profile(*row) for row in rows]

    def get_profile(self, name: str) -> Profile | None:
        """The profile with this name (case does not matter), or None."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE name = ?", (name.strip(),)
            ).fetchone()
        return Profile(*row) if row else None

    def create_profile(self, name: str) -> Profile:
        """Create a profile.

        Raises:
            ProfileError: The name is empty, too long, has control characters, or is taken.
            SaveFailed: The write did not happen.
        """
        clean = check_name(name)
        with self._write() as db:
            if db.execute("SELECT 1 FROM profiles WHERE name = ?", (clean,)).fetchone():
                raise ProfileError(f"a profile named {clean!r} already exists")
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at) VALUES (?, ?)", (clean, self._stamp())
            )
            row = db.execute(
                f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return Profile(*row)

    def rename_profile(self, profile: Profile, new_name: str) -> Profile:
        """Rename a profile; its progress stays with it.

        Raises:
            ProfileError: The new name is invalid or taken by another profile, or the
                profile no longer exists.
            SaveFailed: The write did not happen.
        """
        clean = check_name(new_name)
        with self._write() as db:
            taken = db.execute(
                "SELECT id FROM profiles WHERE name = ? AND id != ?", (clean, profile.id)
            ).fetchone()
            if taken:
                raise ProfileError(f"a profile named {clean!r} already exists")
            db.execute("UPDATE profiles SET name = ? WHERE id = ?", (clean, profile.id))
            row = db.execute(
                f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?", (profile.id,)
            ).fetchone()
        if row is None:
            raise ProfileError(f"no profile {profile.name!r}")
        return Profile(*row)

    def pick_profile(self, profile: Profile) -> Profile:
        """Make a profile the last one used (the one preselected and used next time).

        Raises:
            ProfileError: The profile no longer exists.
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            db.execute(
                "UPDATE profiles SET last_used_at = ? WHERE id = ?", (self._stamp(), profile.id)
            )
            row = db.execute(
                f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?", (profile.id,)
            ).fetchone()
        if row is None:
            raise ProfileError(f"no profile {profile.name!r}")
        return Profile(*row)

    def last_profile(self) -> Profile | None:
        """The profile used last, or None if none was ever picked."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE last_used_at IS NOT NULL "
                "ORDER BY last_used_at DESC, id DESC LIMIT 1"
            ).fetchone()
        return Profile(*row) if row else None

    def profile_for_play(self, name: str | None = None) -> Profile:
        """The profile `trivia play` uses, without ever asking; it becomes the last used.

        Args:
            name: `--profile NAME`: that profile, created if it does not exist yet.
                None: the last profile used, else the first profile by name, else a new
                profile named "Player".

        Raises:
            ProfileError: `name` is not a valid profile name.
            SaveFailed: The write did not happen.
        """
        with self._lock:
            if name is not None:
                profile = self.get_profile(check_name(name)) or self.create_profile(name)
            else:
                existing = self.profiles()
                profile = self.last_profile() or (
                    existing[0] if existing else self._default_profile()
                )
            return self.pick_profile(profile)

    def _default_profile(self) -> Profile:
        return self.get_profile(DEFAULT_PROFILE) or self.create_profile(DEFAULT_PROFILE)


def check_name(name: str) -> str:
    """A profile name with its spaces tidied; `ProfileError` when it cannot be one."""
    clean = " ".join(name.split())
    if not clean:
        raise ProfileError("a profile name cannot be empty")
    if len(clean) > MAX_NAME_LENGTH:
        raise ProfileError(f"a profile name has at most {MAX_NAME_LENGTH} characters")
    if any(not char.isprintable() for char in clean):
        raise ProfileError("a profile name cannot contain control characters")
    return clean
