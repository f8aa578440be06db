"""Urging another to act on a third ("urged the US to impress upon India ...") asks its help: no pressure."""

from __future__ import annotations

import functools
import re

_WORDS_TO_VERB = 8  # words between the one urged and the "to" of its act: "Rubio on Wednesday to ..."
_WORDS_TO_THIRD = 3  # words from that act's verb to the third actor it is to act on: "impress upon India"
# the act's object is the target itself ("pressure on India to make it yield"), not a third actor
_ITSELF = {"it", "itself", "them", "themselves", "him", "her", "its", "their"}


def intercedes(low: str, end: int, mentions, holder, target, verbs) -> bool:
    """Whether the pressure cue ending at ``end`` and aimed at ``target`` asks it to act on a third actor:
    its clause goes on "<target> ... to <verb>", the verb one of ``verbs`` (attribution.yaml
    ``intercession_verbs``: make, convince, persuade, impress, press, rein, bring ...), and an actor other
    than the holder and the target is named within three words after that verb, in the same clause ("urged
    the US to impress upon India to dial down the rhetoric", "urged Rubio to make India understand ..."). A
    demand of the target's own conduct ("urged Pakistan to bring to justice those responsible", "pressure on
    India to make it yield to the American demands") names no third actor there and stays pressure."""
    if not verbs or target is None:
        return False
    at = next((m for m in mentions if m[0] >= end and m[2] == target), None)
    if at is None:
        return False
    act = _act(frozenset(verbs)).match(low, at[1])
    if act is None:
        return False
    clause = re.split(r"[;:.!?]", low[act.end() :], maxsplit=1)[0]
    words = list(re.finditer(r"\S+", clause))
    if words and words[0].group().strip("’'\"“”") in _ITSELF:
        return False
    limit = act.end() + (words[_WORDS_TO_THIRD - 1].end() if len(words) >= _WORDS_TO_THIRD else len(clause))
    return any(
        act.end() <= s < limit and code not in (None, holder, target) for s, _e, code, _poss in mentions
    )


@functools.lru_cache(maxsize=8)
def _act(verbs: frozenset) -> re.Pattern:
    """A few words at most, then "to <verb>" in any form of one of ``verbs``, in the same clause."""
    forms = "|".join(re.escape(v[:-1] if v.endswith("e") else v) for v in sorted(verbs))
    return re.compile(r"\.?(?:\s+[\w’'-]+){0," + str(_WORDS_TO_VERB) + r"}?\s+to\s+(?:" + forms + r")\w*\b")
