"""What the host screen hands the store thread: only the events it has not taken yet.

The host looks 10 times a second while phones join and answer; `PartySave.take_new_events`
must hand over each event exactly once, as copies the party never shares.
"""

from __future__ import annotations

from test_game_party_phones import phone_party

from trivia.store.party_save import PartySave


def test_each_event_is_taken_once_in_order_and_as_a_copy() -> None:
    party, _clock = phone_party()
    save = PartySave(party, [])
    assert save.take_new_events() == []
    party.join("Ann", "a" * 32)
    party.join("Bo", "b" * 32)
    first = save.take_new_events()
    assert [e["type"] for e in first] == ["join", "join"]
    assert [e["seq"] for e in first] == [1, 2] and save.taken == 2
    assert save.take_new_events() == []  # nothing new: nothing handed over again
    first[0]["name"] = "Mallory"  # the store thread's copy, not the party's event
    assert party.events[0]["name"] == "Ann"
    party.open_options()
    later = save.take_new_events()
    assert [e["seq"] for e in later] == list(range(3, party.last_event + 1))
    assert [e["seq"] for e in first + later] == [e["seq"] for e in party.events]
