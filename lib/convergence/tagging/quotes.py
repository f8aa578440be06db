"""Quotations: which sentences stand inside one an earlier sentence opened, and whether it goes on."""

from __future__ import annotations

import re

_QUOTE_MARK = re.compile('["“”]')
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|us|i|my)\b")


def inside_quotes(texts) -> list[bool]:
    """For each sentence, whether a quotation opened by an earlier sentence is still open when it starts
    (curly quotes pair “ with ”; a straight double quote opens before a word, after a space or at the start,
    and closes otherwise, so that a paragraph reopening a quotation the last one left open keeps it open)."""
    out, open_ = [], False
    for text in texts:
        out.append(open_)
        if '"' in text or "“" in text or "”" in text:  # most sentences hold no quotation mark
            for m in _QUOTE_MARK.finditer(text):
                ch = m.group()
                if ch == '"':
                    k = m.start()
                    before = text[k - 1] if k else " "
                    after = text[k + 1] if k + 1 < len(text) else " "
                    ch = "“" if (before.isspace() or before in "([{—–-") and not after.isspace() else "”"
                open_ = ch == "“"
    return out


def first_person(low: str) -> bool:
    """Whether the (lower-cased) sentence speaks in the first person."""
    return _FIRST_PERSON.search(low) is not None


def quote_goes_on(texts, quoted, i, reach: int = 2) -> bool:
    """Whether sentence ``i`` is inside a quotation opened by the sentence before (at its start, or further
    on: 'stating: “I spoke to the parents.') and closed within ``reach`` sentences (``quoted``:
    :func:`inside_quotes` of ``texts``); a quote mark the text leaves open does not make the rest of the
    document a quotation."""
    if not (quoted[i - 1] or texts[i - 1][:1] in '"“‘' or quoted[i]):
        return False
    return any(texts[k].rstrip().endswith(('"', "”")) for k in range(i, min(i + reach + 1, len(texts))))


# a quotation closed before its attribution: '...,” she said', '...” , he added'
_CLOSING = re.compile(r'[,!?]\s*[”"]\s+(?=\w)|[”"]\s*,\s*(?=\w)')


_PRONOUN_SPEAKER = re.compile(r"\s*(?:\w+\s+){0,2}?(?:he|she)\b")  # '...,” he added' / '..., she said'


def closed_on(texts, quoted, i, reach: int = 8):
    """(k, offset) when the quotation open at the start of sentence ``i`` goes on, sentence after sentence,
    until sentence ``k`` (within ``reach``) closes it before its attribution ('..., they are going at it,”
    Trump said.'); ``offset`` is where the attribution starts in ``texts[k]``. Else None."""
    if not quoted[i]:
        return None
    for k in range(i, min(i + reach + 1, len(texts))):
        if k > i and not quoted[k] and texts[k][:1] not in '"“':
            return None  # the quotation closed without an attribution; this one is new
        m = _CLOSING.search(texts[k])
        if m is not None:
            return k, m.end()
        if texts[k].rstrip().endswith(('"', "”")):
            return None
    return None


def closes_on(texts, lows, quoted, i, holder, speech, mentions) -> bool:
    """Whether the quotation open at sentence ``i`` runs on until a sentence that closes it before an
    attribution to ``holder`` or to "he" / "she" ('... they are really going at it,” Trump said'): the
    sentences between are that speaker's words, however many there are. ``lows``: the sentences in lower
    case; ``speech``: the speech verbs' pattern; ``mentions(k)``: sentence k's actor mentions (start, end,
    code, ...)."""
    found = closed_on(texts, quoted, i)
    if found is None:
        return False
    k, at = found
    rest = lows[k][at:]
    if speech.search(rest) is None:
        return False
    named = [m[2] for m in mentions(k) if m[0] >= at and m[2]]
    if named:
        return named[0] == holder
    return _PRONOUN_SPEAKER.match(rest) is not None
