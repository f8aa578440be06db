"""A lawmaker named by party ("Republican lawmaker Joe Wilson", "Democratic Senator X") sits for one state."""

from __future__ import annotations

_LEGISLATIVE = frozenset({"legislature", "congress", "representative"})


def party_state(words, head, data, lemma) -> str | None:
    """The state whose legislature a subject sits in by its party (attribution.yaml ``party_actors``, words
    compared case-sensitively): a party word in the noun phrase of a legislative role ("Republican lawmaker
    Joe Wilson", "Democratic Senator Chris Van Hollen"); else None. A party word alone ("Republican
    strategists", "another South Asian Democrat") names no office."""
    parties = data.party_actors
    if not parties:
        return None
    legislative = any(data.roles.get(lemma(t)) in _LEGISLATIVE for t in words)
    for t in words:
        if t.text in parties and t.i != head.i and legislative:
            return parties[t.text]
    return None
