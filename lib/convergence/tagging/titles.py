"""Whose an office's title is: "the OIC Secretary-General" is the OIC's, not the actor's the title names."""

from __future__ import annotations

import re

# words before a title that address or rank its holder rather than name another body ("Mr. Secretary-General",
# "Assistant Secretary-General")
_NOT_BODIES = frozenset(
    "mr mister mrs ms madam madame dr sir dear excellency president his her their our your its the a an "
    "to as deputy assistant under acting former ex vice new then first".split()
)
_WORD_BEFORE = re.compile(r"(^|[\s(])\(?([\w.&'’]+)\)?\s+$")
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.&'’-]*)(\s+(?:of|for)\s+(?:the\s+)?[A-Z])?")
_ACRONYM = re.compile(r"[A-Z][A-Z&.]+")


def other_body(text: str, start: int, end: int, hits) -> bool:
    """Whether the title at ``text[start:end]`` is another body's: an acronym or a capitalised word (not the
    sentence's first) right before it ("OIC Secretary-General", "(OICCI) Secretary General", "the Muslim World
    League Secretary-General"), or a capitalised name after its "of" ("secretary general of the
    Commonwealth"), neither of them within one of the sentence's other actor ``hits`` ((start, end, ...)
    spans: "U.N. Secretary-General", "Secretary-General of the United Nations"). Words that address or rank
    the holder ("Mr. Secretary-General", "Under-Secretary-General") and "of the Organization" alone (the UN's
    own name for itself) name no other body."""

    def named(at: int) -> bool:
        return any(h[0] <= at < h[1] for h in hits)

    before = _WORD_BEFORE.search(text[:start])
    if before:
        word = before.group(2)
        body = _ACRONYM.fullmatch(word) is not None or (word[:1].isupper() and before.start(2) > 0)
        if body and word.lower().rstrip(".") not in _NOT_BODIES and not named(before.start(2)):
            return True
    after = _OF_AFTER.match(text, end)
    if not after or named(after.start(1)):
        return False
    own = after.group(1).lower().rstrip(".,;:") in ("organization", "organisation")
    return not (own and not after.group(2))
