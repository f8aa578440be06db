"""An issue term inside an office's name ("the Defence Minister", "Ministry of Defence") is not the issue."""

from __future__ import annotations

import re
from typing import NamedTuple


class Offices(NamedTuple):
    after: re.Pattern  # an office word right after the term ("defence minister")
    before: re.Pattern  # an office word and "of" / "for" right before it ("ministry of defence")


def office_patterns(words) -> Offices | None:
    """Patterns for the taxonomy's office words (``offices``); None when there are none."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    alt = "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"
    return Offices(
        after=re.compile(r"\s+" + alt + r"(?:'s)?\b"),
        before=re.compile(r"\b" + alt + r"\s+(?:of|for)\s+(?:the\s+)?$"),
    )


def in_office_name(low: str, start: int, end: int, offices: Offices | None) -> bool:
    """Whether the term at ``low[start:end]`` names an office with the word after it ("defence minister",
    "the defense department's") or the words before it ("ministry of defence", "minister for human rights",
    "secretary of the treasury")."""
    if offices is None:
        return False
    return offices.after.match(low, end) is not None or offices.before.search(low[:start]) is not None
