"""Near-repeat prompts: the pairs of texts whose rapidfuzz ratio reaches a threshold.

Texts are compared only with texts of similar length (a longer string cannot reach the
similarity threshold), so thousands of prompts take a fraction of a second. Past
`EXACT_SIMILAR_UP_TO` texts, comparing every pair of similar length is too slow (216,930
prompts are 10 billion pairs), so texts are blocked first: each is compared only with the
texts that share two of its four rarest words (`_blocked_pairs`). A prompt written twice
with a word changed, added or misspelt still shares them; two prompts that are alike only
in their common words are no longer compared.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Final

EXACT_SIMILAR_UP_TO: Final = 5000
"""Up to this many distinct prompts, every pair of similar length is compared."""

_RAREST: Final = 4
"""How many of a prompt's rarest words block it: it meets the prompts sharing two."""


def similar_pairs(
    keys: Sequence[str], threshold: float, kinds: Sequence[Hashable] | None = None
) -> list[tuple[int, int, float]]:
    """Pairs of keys (indexes into `keys`) whose similarity is at least `threshold`: every
    pair for a few thousand keys, the pairs that share rare words beyond that.

    Args:
        keys: The texts.
        threshold: The least rapidfuzz ratio (0-100) of a pair.
        kinds: If given, only keys of the same kind are compared (lint gives the numbers
            a prompt holds: "Season 4" and "Season 5" are a template asked twice, not a
            repeat, so ten thousand "Statement number N" prompts are never compared).
    """
    if kinds is None:
        parts: list[list[int]] = [list(range(len(keys)))]
    else:
        by_kind: dict[Hashable, list[int]] = {}
        for index, kind in enumerate(kinds):
            by_kind.setdefault(kind, []).append(index)
        parts = list(by_kind.values())
    found: list[tuple[int, int, float]] = []
    for part in parts:
        if len(part) < 2:
            continue
        texts = [keys[index] for index in part]
        finder = _all_pairs if len(texts) <= EXACT_SIMILAR_UP_TO else _blocked_pairs
        found.extend((part[a], part[b], score) for a, b, score in finder(texts, threshold))
    return found


def _blocked_pairs(keys: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Like `_all_pairs`, comparing a key only with the keys that share two of its
    `_RAREST` rarest words (rarest across all the keys) and have a length within reach.

    Each key is filed under every pair of its rarest words; its candidates are the keys
    filed under one of the same pairs. A near-repeat changes a word or two, so it keeps
    at least two of the four; two unrelated prompts rarely share two rare words, so a
    key meets a handful of others instead of all of them.
    """
    from itertools import chain, combinations

    from rapidfuzz import fuzz, process

    word_sets = [set(key.split()) for key in keys]
    counts = Counter(chain.from_iterable(word_sets))
    by_rarity = sorted(counts.items(), key=lambda item: (item[1], item[0]))
    rank = {word: number for number, (word, _) in enumerate(by_rarity)}.__getitem__
    filed: dict[tuple[int, ...], list[int]] = {}
    signatures: list[list[tuple[int, ...]]] = []
    for words in word_sets:
        rarest = sorted(map(rank, words))[:_RAREST]
        pairs: list[tuple[int, ...]] = (
            list(combinations(rarest, 2)) if len(rarest) > 1 else [tuple(rarest)]
        )
        signatures.append(pairs)
        for pair in pairs:
            filed.setdefault(pair, []).append(len(signatures) - 1)
    reach = (200.0 - threshold) / threshold
    lengths = [len(key) for key in keys]
    found: list[tuple[int, int, float]] = []
    for index, pairs in enumerate(signatures):
        candidates: set[int] = set()
        for pair in pairs:
            others = filed[pair]
            if len(others) > 1:
                candidates.update(others)
        if not candidates:
            continue
        low, high = lengths[index] / reach, lengths[index] * reach
        # Later keys only: each pair is compared once, from its first key.
        near = [i for i in candidates if i > index and low <= lengths[i] <= high]
        if not near:
            continue
        matches = process.extract(
            keys[index],
            [keys[i] for i in near],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
            limit=None,
        )
        found.extend((index, near[offset], score) for _, score, offset in matches)
    return found


def _all_pairs(keys: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs of keys (indexes into `keys`) whose similarity is at least `threshold`.

    The keys are compared in order of length, each with the following keys short enough
    to reach the threshold at all: rapidfuzz's `ratio` is at most `200 * a / (a + b)` for
    lengths a <= b, so b <= a * (200 - threshold) / threshold. That bounds the work
    without a full n-by-n matrix (and without numpy, which `process.cdist` needs).
    """
    from rapidfuzz import fuzz, process

    order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
    ordered = [keys[i] for i in order]
    lengths = [len(key) for key in ordered]
    reach = (200.0 - threshold) / threshold
    pairs = []
    for position, key in enumerate(ordered):
        start = position + 1
        stop = bisect.bisect_right(lengths, lengths[position] * reach, lo=start)
        if stop <= start:
            continue
        matches = process.extract(
            key,
            ordered[start:stop],
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=threshold,
            limit=None,
        )
        for _, score, offset in matches:
            pairs.append((order[position], order[start + offset], score))
    return pairs
