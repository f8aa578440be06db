"""Issue words that name something else: an office ("the Defence Minister"), a set phrase ("self-defence")."""

from __future__ import annotations

import re
from typing import NamedTuple


class Offices(NamedTuple):
    after: re.Pattern | None  # an office word right after the term ("defence minister")
    before: re.Pattern | None  # an office word and "of" / "for" right before it ("ministry of defence")
    phrases: re.Pattern | None  # a set phrase the term is part of ("self-defence", "a defence of free trade")
    reach: int = 0  # how far from a term (characters) a phrase holding it or an office before it can start


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
        # twice the longest phrase or office word with " for the ": room for runs of spaces
        reach=2 * max((len(w) + 9 for w in (*phrases, *words) if w), default=0),
    )


def in_office_name(low: str, start: int, end: int, offices: Offices | None) -> bool:
    """Whether the term at ``low[start:end]`` names an office with the word after it ("defence minister",
    "the defense department's") or the words before it ("ministry of defence", "minister for human rights",
    "secretary of the treasury"), or is part of a set phrase that is no issue ("the right to self-defence").
    """
    if offices is None:
        return False
    if offices.after is not None and (
        offices.after.match(low, end) is not None
        # only the words within reach before the term can name its office: search there, not the whole text
        or offices.before.search(low, max(0, start - offices.reach), start) is not None
    ):
        return True
    if offices.phrases is not None:
        window = offices.phrases.finditer(low, max(0, start - offices.reach), end + offices.reach)
        return any(m.start() <= start and end <= m.end() for m in window)
    return False
