"""Profiles: create, pick, rename, the last one remembered, and `profile_for_play`."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_support import FakeNow

from trivia.store import DEFAULT_PROFILE, ProfileError, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path, now=FakeNow())


def test_a_fresh_store_is_a_real_file_with_no_notice(tmp_path: Path, store: Store) -> None:
    assert store.path == tmp_path / "trivia.db"
    assert store.path.is_file()
    assert store.notices == ()
    assert store.profiles() == []


def test_create_list_and_find_profiles_without_case(store: Store) -> None:
    ann = store.create_profile("  Ann ")
    store.create_profile("bo")
    assert ann.name == "Ann"
    assert [p.name for p in store.profiles()] == ["Ann", "bo"]
    assert store.get_profile("ANN") == ann
    assert store.get_profile("nobody") is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 31, "bad\x1bname"])
def test_invalid_names_are_refused(store: Store, name: str) -> None:
    with pytest.raises(ProfileError):
        store.create_profile(name)


def test_duplicate_names_are_refused_whatever_the_case(store: Store) -> None:
    store.create_profile("Ann")
    with pytest.raises(ProfileError, match="already exists"):
        store.create_profile("ann")


def test_rename_keeps_the_profile_and_refuses_a_taken_name(store: Store) -> None:
    ann = store.create_profile("Ann")
    store.create_profile("Bo")
    renamed = store.rename_profile(ann, "Annie")
    assert (renamed.id, renamed.name) == (ann.id, "Annie")
    with pytest.raises(ProfileError):
        store.rename_profile(renamed, "bo")
    # Changing only the case of one's own name is fine.
    assert store.rename_profile(renamed, "ANNIE").name == "ANNIE"


def test_the_last_profile_picked_is_remembered_across_opens(tmp_path: Path) -> None:
    now = FakeNow()
    with Store.open(tmp_path, now=now) as store:
        ann = store.create_profile("Ann")
        bo = store.create_profile("Bo")
        assert store.last_profile() is None
        store.pick_profile(bo)
        now.advance(seconds=1)
        store.pick_profile(ann)
    with Store.open(tmp_path, now=now) as store:
        last = store.last_profile()
        assert last is not None and last.name == "Ann"


def test_play_on_a_first_run_creates_the_default_profile(store: Store) -> None:
    profile = store.profile_for_play(None)
    assert profile.name == DEFAULT_PROFILE
    assert store.last_profile() == profile
    assert store.profile_for_play(None).id == profile.id
    assert len(store.profiles()) == 1


def test_play_without_a_name_uses_the_last_profile(tmp_path: Path) -> None:
    now = FakeNow()
    store = Store.open(tmp_path, now=now)
    store.create_profile("Ann")
    bo = store.create_profile("Bo")
    store.pick_profile(bo)
    now.advance(seconds=5)
    assert store.profile_for_play(None).name == "Bo"
    assert [p.name for p in store.profiles()] == ["Ann", "Bo"]


def test_play_with_a_name_picks_or_creates_it(store: Store) -> None:
    ann = store.profile_for_play("Ann")
    assert ann.name == "Ann" and store.last_profile() == ann
    assert store.profile_for_play("ann").id == ann.id
    assert store.profile_for_play(None).id == ann.id
