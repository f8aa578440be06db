"""The pair's own ties, rated ("enduring Pakistan-US ties", "relations ... would be further strengthened"):
relation cues found by a noun of ties and a word near it that grows, praises or worsens them."""

from __future__ import annotations

import re

from .lexicon import Cue, Relations
from .stance import in_name, named_pair, relation_pair

# a clause ends at these: the rating of ties stays inside its clause
_BREAK = re.compile(r"[;:?!]|\s(?:but|whereas|while|although|though)\s|[—–]\s")
# a rating after these in its clause is asked about or set as the scene, not stated ("asked whether the
# improvement in ties ...", "a phone call amid improving bilateral ties")
_UNSTATED = re.compile(r"\b(?:whether|amid|amidst)\b")
_WORD = re.compile(r"[\w'’-]+")
_REACH = 240  # characters: far more than the words of the window (a long sentence is not read through)
# the ties of a pair named right before or after their noun ("US-GCC ties", "ties between Punjab and ..."):
# two capitalised names joined by a dash or slash
_OTHERS_TIES = re.compile(r"[A-Z][\w.’']* ?[-–/] ?[A-Z][\w.’']*\s+(?:\w+\s+){0,2}\w+$")
_TIES_BETWEEN = re.compile(r"\s+(?:between|among)\s+")


class Bonds:
    """``relations.yaml``'s ``bonds``, compiled: the nouns of ties (with or without a plural "s"), the rating
    words (as written) and the window around the noun."""

    def __init__(self, relations: Relations):
        self.nouns = tuple(relations.bond_nouns)  # a cheap first look: most sentences name none
        nouns = sorted({n for x in relations.bond_nouns for n in (x, x + "s")}, key=len, reverse=True)
        self.noun = re.compile(r"\b(?:" + "|".join(map(re.escape, nouns)) + r")\b") if nouns else None
        self.forms: dict[str, Cue] = {}
        for cue in relations.bond_cues:
            self.forms.setdefault(cue.cue, cue)
        longest = sorted(self.forms, key=len, reverse=True)
        words = "|".join(map(re.escape, longest))
        self.rating = re.compile(r"(?:" + words + r")\b") if longest else None  # matched at a word's start
        self.any_rating = re.compile(r"\b(?:" + words + r")\b") if longest else None
        self.before, self.after = relations.bond_window


def bond_hits(low: str, bonds: Bonds, taken=()) -> list[tuple[int, int, tuple[Cue, int, int]]]:
    """Relation hits (start, end, (cue, 0, 1)) for each noun of ties in ``low`` (a folded sentence) with a
    rating word at most ``bonds.before`` words before it or ``bonds.after`` words after it in its clause
    ("the positive trajectory of Pakistan-US ties", "Pakistan's relationship with the United States was
    enduring"). The hit ends with the noun, so that the pair is found around it as for any relation cue
    ("between X and Y", "X-Y", "with Y"), and starts at the rating word when that comes first; its cue is
    labelled with both words ("enduring ties"). A noun inside a hit in ``taken`` (spans of relation cues
    already found: "close ties") is left to that cue."""
    if bonds.noun is None or bonds.rating is None or not any(n in low for n in bonds.nouns):
        return []
    nouns = list(bonds.noun.finditer(low))
    if not nouns or bonds.any_rating.search(low) is None:
        return []
    out = []
    for m in nouns:
        s, e = m.span()
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        # the clause around the noun, looked for within _REACH characters either side
        start = max(0, s - _REACH)
        lo = max((b.end() for b in _BREAK.finditer(low, start, s)), default=start)
        nxt = _BREAK.search(low, e, e + _REACH)
        hi = nxt.start() if nxt else min(len(low), e + _REACH)
        ahead = list(_WORD.finditer(low, lo, s))[-bonds.before :] if bonds.before else []
        behind = list(_WORD.finditer(low, e, hi))[: bonds.after]
        found = None
        for w in (*reversed(ahead), *behind):
            r = bonds.rating.match(low, w.start())
            if r is not None and r.end() <= (s if w.start() < s else hi):
                found = r
                break
        if found is None or _UNSTATED.search(low, lo, min(s, found.start())):
            continue
        cue = bonds.forms[found.group(0)]
        if found.start() < s:  # the hit starts at a rating word before the noun, whose negator is its own
            out.append((found.start(), e, (Cue(f"{found.group(0)} {m.group(0)}", cue.weight, cue.cls), 0, 1)))
        else:
            out.append((s, e, (Cue(f"{m.group(0)} {found.group(0)}", cue.weight, cue.cls), 0, 1)))
    return out


def rated_ties(text, low, bonds: Bonds, mentions, holder, taken, *, pair_words=None, headline=False) -> list:
    """The :func:`bond_hits` of a sentence (``text``, folded ``low``) held by ``holder`` that rate the
    holder's own ties: the pair the noun names (:func:`tie_pair`) includes the holder. A rating word
    capitalised inside a name counts only in a headline (as any cue: ``stance.in_name``). ``taken``: the
    relation hits already found; ``mentions``: the sentence's (start, end, code, possessive) mentions."""
    hits = bond_hits(low, bonds, taken=[h[:2] for h in taken])
    if not hits:
        return []
    actors = [m for m in mentions if m[2] is not None]
    return [
        h
        for h in hits
        if (headline or not in_name(text, h[0], h[1]))
        and holder in (tie_pair(text, low, h, actors, holder, pair_words=pair_words) or "").split("-")
    ]


def tie_pair(text, low, hit, mentions, holder, *, pair_words=None) -> str | None:
    """The pair whose ties a rating hit rates: the one the noun is named with ("Pakistan-US ties", "relations
    with the US"); none when it is named with others ("US-GCC ties", "ties between Punjab and California");
    else as for any relation cue (the holder and the sentence's other actor: "X and Y discuss enhanced
    cooperation", "a new dimension in ties between both nations", ``pair_words`` naming the two)."""
    s, e = hit[0], hit[1]
    pair = named_pair(low, s, e, mentions, holder)
    if pair is not None:
        return pair
    between = _TIES_BETWEEN.match(low, e)
    if between and not (pair_words is not None and pair_words.match(low, between.end())):
        return None
    return None if _OTHERS_TIES.search(text, 0, e) else relation_pair(low, s, e, mentions, holder)
