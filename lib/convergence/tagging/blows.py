"""An approval whose object is a blow to another sides with the blow: "hailed the FATF snub to India"."""

from __future__ import annotations

import re

# words between an approval and the blow it takes as object ("welcomed the council's rejection")
_GAP_WORDS = 3
# a clause or phrase between them: the second cue is no object of the first ("gratitude for China's support
# during the tensions", "agreed to oppose ...", "hope that all concerned ...", "freedom of press")
_BREAK = re.compile(
    r"[,;:.()\"!?“”]|\b(?:and|or|but|while|whereas|as|after|before|following|since|that|which|who|all|to|in|on"
    r"|at|with|during|over|against|from|by|into|amid|about|of|them|him|it|us)\b"
)


_AFTER_WORDS = 6  # words from the blow to the actor it strikes ("rejection of India's bid")
_STOP = re.compile(r"[,;:.()\"!?“”]")


def _strikes(low: str, end: int, mentions, holder) -> bool:
    """Whether an actor other than the holder is named right after a blow ending at ``end``, in its phrase."""
    for start, _e, code, _poss in mentions:
        if start < end or code is None or code == holder:
            continue
        gap = low[end:start]
        return len(gap.split()) <= _AFTER_WORDS and not _STOP.search(gap)
    return False


def endorsed_blows(low: str, kept, all_hits, mentions, holder=None):
    """(approvals, blows): the positive act cues of ``kept`` (the hits the holder's predicate keeps) that take
    a negative act as their object, and those negative acts ("welcomed the rejection of India's bid",
    "hailed the FATF snub to Indian designs", "supported the sanctions on Iran"). The holder's stance is then
    the blow's, aimed as the blow is, not a welcome of the one the blow strikes. A blow is a conflict or
    pressure cue of ``all_hits`` right after the approval in its clause: at most ``_GAP_WORDS`` words
    between them, none of them a cue or modifier ("welcomed the end of the ban" is no blow) nor an actor
    ("welcomed the US rejection of ..." is a welcome of the US act), and an actor other than the holder
    named right after it, the one it strikes ("supported a ban on nuclear tests" stays an approval)."""
    approvals, blows = [], []
    for s, e, cue in kept:
        if cue.cls != "cooperation" or cue.weight <= 0:
            continue
        after = [h for h in all_hits if h[0] >= e]
        if not after:
            continue
        nxt = min(after, key=lambda h: h[0])
        if nxt[2].cls not in ("conflict", "pressure") or nxt[2].weight >= 0:
            continue
        if low[nxt[0] : nxt[1]].endswith(("ing", "ed")):
            continue  # an adjective ("compelling opportunities"), not an act as object
        gap = low[e : nxt[0]]
        if len(gap.split()) > _GAP_WORDS or _BREAK.search(gap):
            continue
        if any(e <= m[0] < nxt[0] for m in mentions if m[2] is not None):
            continue
        if not _strikes(low, nxt[1], mentions, holder):
            continue  # "supported a ban on nuclear tests": a blow to no one, the approval stands
        approvals.append((s, e, cue))
        blows.append(nxt)
    return approvals, blows
