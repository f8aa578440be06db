"""Sympathy is addressed to the state where the loss happened: "condolences over the floods in Pakistan"."""

from __future__ import annotations

import re

# "in Pakistan", "in the US", and "in Pahalgam, India" (a place, then its state), right before the mention
_IN = re.compile(r"\bin\s+(?:the\s+)?$|\bin\s+[a-z'-]+(?:\s+[a-z'-]+)?,\s*$")
# an owner, not a place: "in Israel's attack", "in Israeli strikes"
_OWNER = re.compile(
    r"['’]s?\b|\s+(?:attacks?|strikes?|airstrikes?|aggression|bombing|shelling|raids?|assault)\b"
)


def mourned_place(low: str, cues, mentions, holder, sympathy) -> str | None:
    """The actor a sentence's expression of sympathy is addressed to when no cue found one: the one actor
    named as the place of the loss ("expressed deep sorrow over the loss of lives in the floods in
    Pakistan", "offered condolences to the victims of the attack in Pahalgam, India"), other than the
    holder. None unless a cue (the labels of ``cues``) is one of ``sympathy`` (attribution.yaml
    ``sympathy_cues``) and the sentence names exactly one such place."""
    if not cues or not sympathy or not any(w in c for c in cues for w in sympathy):
        return None
    places = set()
    for start, end, code, poss in mentions:
        if code is None or code == holder or poss or _OWNER.match(low, end):
            continue
        if _IN.search(low[max(0, start - 40) : start]):
            places.add(code)
    return places.pop() if len(places) == 1 else None
