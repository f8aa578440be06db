"""Issue words that name something else: an office ("the Defence Minister"), a set phrase ("self-defence")."""

from __future__ import annotations

import re
from typing import NamedTuple


class Offices(NamedTuple):
    after: re.Pattern | None  # an office word right after the term ("defence minister")
    before: re.Pattern | None  # an office word and "of" / "for" right before it ("ministry of defence")
    phrases: re.Pattern | None  # a set phrase the term is part of ("self-defence", "a defence of free trade")


def _alt(words) -> str:
    words = sorted({" ".join(w.split()) for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")" if words else ""


def office_patterns(words, phrases=()) -> Offices | None:
    """Patterns for the taxonomy's office words (``offices``) and set phrases (``not_issues``); None when
    there are neither."""
    alt, set_phrases = _alt(words), _alt(phrases)
    if not alt and not set_phrases:
        return None
    # coordinated, the office is plural: "the defence and interior ministries" (not "USAID and State
    # Department programmes")
    plural = _alt(w for w in words if w.endswith("s"))
    both = r"|\s+and(?:\s+[a-z]+){1,2}\s+" + plural if plural else ""
    return Offices(
        after=re.compile(r"(?:\s+" + alt + both + r")(?:'s)?\b") if alt else None,
        before=re.compile(r"\b" + alt + r"\s+(?:of|for)\s+(?:the\s+)?$") if alt else None,
        phrases=re.compile(r"(?<![\w-])" + set_phrases + r"(?![\w-])") if set_phrases else None,
    )


def in_office_name(low: str, start: int, end: int, offices: Offices | None) -> bool:
    """Whether the term at ``low[start:end]`` names an office with the word after it ("defence minister",
    "the defense department's") or the words before it ("ministry of defence", "minister for human rights",
    "secretary of the treasury"), or is part of a set phrase that is no issue ("the right to self-defence").
    """
    if offices is None:
        return False
    if offices.after is not None and (
        offices.after.match(low, end) is not None or offices.before.search(low[:start]) is not None
    ):
        return True
    if offices.phrases is not None:
        return any(m.start() <= start and end <= m.end() for m in offices.phrases.finditer(low))
    return False
