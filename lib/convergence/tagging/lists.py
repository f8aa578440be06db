"""States named as items of a list ("UAE, Qatar, China and the US"): a listing, not the sentence's issue."""

from __future__ import annotations

import re

# what joins two items of a list of names: a comma (and "and"), or "and" alone, with an optional "the"
_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+)?|\s(?:and|&)\s+)(?:the\s+)?$")
_AND = re.compile(r"\band\b|&")


def listed_starts(text: str, mentions, third_parties: re.Pattern | None, *, min_items: int = 3) -> set[int]:
    """Start offsets of the actor mentions that are items of a list of at least ``min_items`` states: actor
    mentions (``mentions``: (start, end, code, possessive)) and names of `third_parties` outside the actor
    file ("Saudi Arabia", "Turkiye"), each joined to the next by a comma, the last by "and" or a comma
    ("thanked the UAE, Qatar, Kuwait, China and the United States"; "BRICS comprises Brazil, Russia, India,
    China ..."); nothing after the item that follows "and" continues the list."""
    spans = [(m[0], m[1], True) for m in mentions if m[2] is not None and not m[3]]
    if third_parties is not None:
        taken = [(s, e) for s, e, _ in spans]
        spans += [
            (m.start(), m.end(), False)
            for m in third_parties.finditer(text)
            if all(m.end() <= s or m.start() >= e for s, e in taken)
        ]
    spans.sort()
    out: set[int] = set()
    chain: list = []
    closed = False  # the list's last item came after "and": "Pakistan and India, the State Department says"
    for span in spans:
        join = _JOIN.match(text[chain[-1][1] : span[0]]) if chain and not closed else None
        if join:
            chain.append(span)
            closed = bool(_AND.search(join.group(0)))
            continue
        if len(chain) >= min_items:
            out.update(s for s, _e, actor in chain if actor)
        chain, closed = [span], False
    if len(chain) >= min_items:
        out.update(s for s, _e, actor in chain if actor)
    return out
