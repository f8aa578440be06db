"""Whose an office's title is: "the OIC Secretary-General" is the OIC's, not the actor's the title names."""

from __future__ import annotations

import re

# words that rank an office within its body rather than name another body ("Assistant Secretary-General")
_RANKS = frozenset(
    "deputy assistant under acting former ex vice new then first the a an its their his her".split()
)
_WORD_BEFORE = re.compile(r"\(?([\w.&'’-]+)\)?\s*$")
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.&'’-]*)")


def other_body(text: str, start: int, end: int, hits) -> bool:
    """Whether the title at ``text[start:end]`` is another body's: a capitalised word right before it
    ("OIC Secretary-General", "(OICCI) Secretary General") or a capitalised name after its "of" ("secretary
    general of the Commonwealth"), neither of them within one of the sentence's other actor ``hits``
    ((start, end, ...) spans: "U.N. Secretary-General", "Secretary-General of the United Nations")."""

    def named(at: int) -> bool:
        return any(h[0] <= at < h[1] for h in hits)

    before = _WORD_BEFORE.search(text[:start])
    if before and before.group(1)[:1].isupper() and before.group(1).lower() not in _RANKS:
        if not named(before.start(1)):
            return True
    after = _OF_AFTER.match(text, end)
    return bool(after) and not named(after.start(1))
