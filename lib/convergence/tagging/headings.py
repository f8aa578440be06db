"""Headlines, titles and summary bullets: what a document's first lines say about who holds them."""

from __future__ import annotations

BULLETS = "•·▪-–*"  # characters that open a summary bullet


def before_bullets(recent: list, norms: list[str], i: int):
    """The holder of the sentence before ``i`` (``recent``: each sentence's holder so far), looking past
    summary bullets that hold none (bullets that name no actor are not parsed)."""
    for j in range(i - 1, -1, -1):
        if recent[j] is not None or norms[j][:1] not in BULLETS:
            return recent[j]
    return None


def names_own_act(low: str, titles) -> bool:
    """Whether a title (lower case) opens with one of ``titles`` followed by "by" / "of" ("statement by the
    press secretary on ...", "remarks by president biden"): a speaker's document naming its own act."""
    head = low.split(" by ", 1)[0].split(" of ", 1)[0].strip()
    return head in titles


def headline_opener(text: str, mentions) -> str | None:
    """The actor a headline opens with, as its subject, when a lower-case word follows it ("Pakistan requests
    emergency UNSC session", "US likely to ..."): the headline's grammar the parser misses. None when the
    name is possessive, joined to another ("Pakistan-US trade"), or not first."""
    if not mentions:
        return None
    start, end, code, poss = mentions[0]
    if start != 0 or code is None or poss or text[end : end + 1] in "-–'’":
        return None
    rest = text[end:].split()
    return code if rest and rest[0][:1].islower() else None
