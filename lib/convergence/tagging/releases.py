"""A call to free someone a state holds is pressure on that state ("urging Rubio to 'free Imran Khan'")."""

from __future__ import annotations

import functools
import re

WEIGHT = -0.4  # a demand's weight in stance.csv
# words between the release word and the name: "the release of PTI founder and ex-premier Imran Khan"
_GAP = 6
_NEGATORS = re.compile(r"\b(?:not|never|no|n't|without)\b(?:\s+\S+){0,2}\s*$")


def release_demands(
    low: str, holder, names, release_words, demanding_verbs, *, document: str = ""
) -> list[dict]:
    """Target stances of ``holder`` toward each other actor one of whose office holders (``names``: the
    actor file's, any term: "Imran Khan" is Pakistan's former prime minister) the sentence demands be freed:
    a release word (attribution.yaml ``release_words``) at most ``_GAP`` words before the name, or "'s
    release" after it, in a sentence with a demanding verb before it ("renewed his call for the release of
    ...", "urging Rubio to 'free Imran Khan'"); a quoted or infinitive "free X" is a demand of itself. A
    negated demand ("did not call for ...") counts for nothing. The person is the state's, so the state
    holds them; a demand made by that same state is no pressure on another. Once the person's whole name is
    in the ``document`` (lower case), its first word names them too ("calling for Imran's release")."""
    if not holder or not release_words or not any(w in low for w in release_words):
        return []
    demand, before, after, word, bare = _patterns(frozenset(release_words), frozenset(demanding_verbs))
    if word.search(low) is None or demand.search(low) is None and bare.search(low) is None:
        return []  # most sentences: no release word, or no demand and no quoted or infinitive "free"
    entries, anyone = _people(names)
    if anyone is None or anyone.search(low) is None:
        return []
    out: dict = {}
    for code, full, whole in entries:
        if code == holder or code in out:
            continue
        words = whole.split()
        short = words[0] if len(words) > 1 and len(words[0]) > 3 else None
        forms = [full] if full in low else []  # a cheap look at the sentence first
        if short is not None and short in low and whole in document:
            forms.append(short)
        for m in (m for form in forms for m in _name(form).finditer(low)):
            head = low[: m.start()]
            hit = before.search(head)
            at = hit.start() if hit else m.start() if after.match(low[m.end() :]) else None
            if at is None:
                continue
            quoted = hit is not None and re.search(r"(?:\bto|[‘'\"“])\s*$", head[: hit.start()]) is not None
            asked = [d for d in demand.finditer(low[:at]) if not _NEGATORS.search(low[: d.start()])]
            if quoted or asked:
                out[code] = {"target": code, "stance": WEIGHT, "cues": ["release demand"]}
                break
    return list(out.values())


_PEOPLE: dict = {}  # id of the actor file's names -> (those names, entries, one pattern for them all)


def _people(names) -> tuple:
    """(code, pattern text, whole name) of each office holder in ``names``, and one pattern that finds any of
    them (whole or first name) in a sentence; prepared once per actor file."""
    got = _PEOPLE.get(id(names))
    if got is None or got[0] is not names:
        entries = [
            (n.code, str(n.pattern.text).casefold(), n.holder.casefold())
            for n in names
            if n.holder is not None and n.code is not None
        ]
        forms = {f for _c, f, _w in entries}
        forms |= {w.split()[0] for _c, _f, w in entries if len(w.split()) > 1 and len(w.split()[0]) > 3}
        alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        got = (names, entries, re.compile(r"\b(?:" + alts + r")\b") if alts else None)
        _PEOPLE.clear()
        _PEOPLE[id(names)] = got
    return got[1], got[2]


@functools.lru_cache(maxsize=512)
def _name(text: str) -> re.Pattern:
    return re.compile(r"\b" + re.escape(text) + r"\b")


@functools.lru_cache(maxsize=8)
def _patterns(release_words: frozenset, demanding_verbs: frozenset) -> tuple:
    """A demanding verb in any form; a release word up to ``_GAP`` words before the end; "'s release"; a
    release word anywhere; one after "to" or an opening quote."""
    words = "|".join(re.escape(w) for w in sorted(release_words, key=len, reverse=True))
    demand = re.compile(
        r"\b(?:"
        + "|".join(re.escape(v[:-1] if v.endswith("e") else v) for v in sorted(demanding_verbs))
        + r")\w{0,4}\b"
    )
    before = re.compile(
        r"\b(" + words + r")\b(?:\s+of)?(?:\s+[\w'’.-]+){0," + str(_GAP) + r"}?\s*[‘'\"“]?\s*$"
    )
    after = re.compile(r"^\s*(?:'s|’s)\s+(?:" + words + r")\b")
    word = re.compile(r"\b(?:" + words + r")\b")
    quoted = re.compile(r"(?:\bto|[‘'\"“])\s*(?:" + words + r")\b")  # "to free X", "‘free X’": a demand
    return demand, before, after, word, quoted
