"""The fast path for big packs (`trivia.packs.stream`) reads what the full loader reads.

Values, model and every position must be the same as through the node tree; anything
unusual (aliases, tags, duplicate keys, problems) goes to the full loader, so its messages
and places stay exactly the ones the validator tests assert.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trivia.packs import check_file, load_pack, load_pack_with_positions, stream
from trivia.packs.library import bundled_packs_dir

MAD_MEN = bundled_packs_dir() / "mad-men.yaml"
DATA = Path(__file__).parent / "data" / "packs"


@pytest.fixture(autouse=True)
def fast_path_for_every_size(monkeypatch):
    """Small files normally go to the full loader; these tests compare the two paths."""
    monkeypatch.setattr(stream, "FAST_FROM_BYTES", 0)


def test_small_files_go_to_the_full_loader(monkeypatch):
    monkeypatch.setattr(stream, "FAST_FROM_BYTES", MAD_MEN.stat().st_size + 1)
    assert stream._fast(MAD_MEN, True, None) is None
    assert stream.load_with_positions(MAD_MEN).pack == load_pack(MAD_MEN)


def _paths(value, here=()):
    """Every YAML path in a plain document, containers first."""
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*here, index))


def test_the_fast_path_gives_the_same_pack_and_every_same_position():
    import yaml

    full = load_pack_with_positions(MAD_MEN)
    fast = stream.load_with_positions(MAD_MEN)
    assert isinstance(fast.positions, stream._Positions)  # it did take the fast path
    assert fast.pack == full.pack
    document = yaml.safe_load(MAD_MEN.read_text(encoding="utf-8"))
    paths = list(_paths(document))
    assert len(paths) > 800
    for path in [*paths, ("questions", 999), ("pack", "nope"), ("questions", 0, "nope", 1)]:
        for lookup in ("at", "key_at", "text_at", "key_text_at"):
            assert getattr(fast.positions, lookup)(path) == getattr(full.positions, lookup)(path), (
                lookup,
                path,
            )


def _big_pack(path: Path, count: int) -> Path:
    from trivia.packs.importers import Draft, PackBuilder, dump_pack

    builder = PackBuilder(
        {"id": "big", "title": "Big", "language": "en", "version": "1"},
        {"id": "s", "title": "Made for a test", "publisher": "Tests", "date": "2024"},
        "a test",
    )
    for number in range(count):
        builder.add(Draft("text", f"Which number is {number} written out?", str(number), "easy"))
    path.write_text(dump_pack(builder.document()), encoding="utf-8")
    return path


def test_the_fast_path_reports_progress_that_moves(tmp_path):
    path = _big_pack(tmp_path / "big.yaml", 4000)
    seen = []
    pack = stream.load_pack_file(path, lambda done, total: seen.append((done, total)))
    assert pack == load_pack(path)
    size = path.stat().st_size
    assert seen[-1] == (size, size)
    assert len({done for done, _ in seen}) >= 3
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.yaml")))
def test_every_test_pack_checks_as_the_full_loader_does(name):
    assert stream.check_pack_file(DATA / name) == check_file(DATA / name)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # aliases
        "a: !!python/name:os.system x\n",  # a tag outside the core types
        "a: 1\na: 2\n",  # a duplicate key
        "? [a]\n: 1\n",  # a key that is not text
        "a: [\n",  # a syntax error
        "a: 1\n---\nb: 2\n",  # two documents
        "true: 1\n",  # a key read as true (YAML 1.2: only true/false are booleans)
    ],
)
def test_anything_unusual_goes_to_the_full_loader(tmp_path, text):
    path = tmp_path / "unusual.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(stream._Unusual):
        stream.build_values(path.read_bytes(), keep_positions=False)
    assert stream.check_pack_file(path) == check_file(path)


def test_bad_bytes_are_reported_by_the_full_loader(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MAD_MEN.read_bytes().replace(b"title:", "titlé:".encode("latin-1"), 1))
    problems = stream.check_pack_file(path)
    assert problems == check_file(path) and "UTF-8" in problems[0].message
