"""Headlines, titles and summary bullets: what a document's first lines say about who holds them."""

from __future__ import annotations

import re

BULLETS = "•·▪-–*"  # characters that open a summary bullet
SUMMARY_BULLETS = "•·▪"  # those that open nothing else (a dash may open a quotation or a list)


def before_bullets(recent: list, norms: list[str], i: int):
    """The holder of the sentence before ``i`` (``recent``: each sentence's holder so far), looking past
    summary bullets that hold none (bullets that name no actor are not parsed)."""
    for j in range(i - 1, -1, -1):
        if recent[j] is not None or norms[j][:1] not in BULLETS:
            return recent[j]
    return None


def bare_report(toks, root, verbs, lemma) -> bool:
    """Whether a summary bullet opens on a speech verb with no subject ("• Says commodity trade may offset
    tariff disparities"): the headline's holder speaks, not the subject of what it says. ``toks``: the parsed
    sentence's tokens; ``verbs``: reporting verbs (lemmas); ``lemma``: the parse's lemma of a token."""
    first = next((t for t in toks if t.is_alpha), None)
    return (
        toks[0].text[:1] in BULLETS
        and first is root
        and lemma(root) in verbs
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children)
    )


def source_tail(text: str, relays, outlets) -> int:
    """Where a headline's trailing source begins ("Modi turned down White House visit over concern of meeting
    COAS Munir: report", "Standoff clear setback for India: NYT"): the position of its last colon when what
    follows is one relay word (attribution.yaml ``relays``, or its plural) or a news outlet (``outlets``, a
    pattern), else the text's length. The words before it are the sentence the source relays, which the
    parser reads apart from the tail ("…, Pakistanis soon: report" is no report by Pakistanis)."""
    head, colon, tail = text.rpartition(":")
    word = tail.strip().rstrip(".")
    if not colon or not head.strip() or not word:
        return len(text)
    low = word.casefold()
    if low in relays or low.removesuffix("s") in relays or outlets is not None and outlets.fullmatch(word):
        return len(head)
    return len(text)


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


_JOINED = re.compile(r"\s*(?:,|and|&)\s*")


def office_opener(text: str, low: str, office, mentions) -> bool:
    """Whether a headline opens with offices and no actor as its subject, followed by a lower-case word
    ("Army chief lauds ...", "Interior minister, army chief assure ..."): the home's officials acting, in the
    headline's grammar the parser misses. ``office``: the pattern of generic titles and offices."""
    if office is None or (mentions and mentions[0][0] == 0):
        return False
    pos = 0
    while True:
        m = office.match(low, pos)
        if m is None:
            return False
        pos = m.end()
        joined = _JOINED.match(low, pos)
        if joined is None or joined.end() == pos:
            rest = text[pos:].split()
            return bool(rest) and rest[0][:1].islower()
        pos = joined.end()


def joint_opener(text: str, mentions) -> tuple | None:
    """The two actors a headline opens with when they act together ("Pakistan, US vow to strengthen ties",
    "Pakistan and US agree ..."): both named first, joined by a comma or "and", then a lower-case word."""
    if len(mentions) < 2:
        return None
    (s1, e1, c1, p1), (s2, e2, c2, p2) = mentions[0], mentions[1]
    if s1 != 0 or p1 or p2 or None in (c1, c2) or c1 == c2:
        return None
    joined = _JOINED.fullmatch(text[e1:s2].lower())
    rest = text[e2:].lstrip(".").split()  # "Pakistan, U.S. reaffirm ...": the abbreviation's last stop
    return (c1, c2) if joined and rest and rest[0][:1].islower() else None
