"""A stance an event shows: "the visit underscored the US commitment to ..." states the US position."""

from __future__ import annotations

_OWNERS = ("poss", "compound", "amod", "nmod")


def shown_owner(content, tok_code, data, lemma) -> str | None:
    """The actor whose stance a thing's predicate shows: the owner (possessor or modifier) of the object of
    one of ``showing_verbs`` ("underscored", "reflects", "demonstrates") when that object is one of
    ``shown_nouns`` ("the US commitment to supporting Pakistan's development", "Pakistan's desire to deepen
    cooperation"); None otherwise, or when the owners are several actors."""
    if lemma(content) not in data.showing_verbs or any(c.dep_ == "neg" for c in content.children):
        return None
    for o in content.children:
        if o.dep_ not in ("dobj", "obj") or lemma(o) not in data.shown_nouns:
            continue
        codes = {tok_code[c.i] for c in o.children if c.dep_ in _OWNERS and c.i in tok_code}
        if len(codes) == 1:
            return codes.pop()
    return None
