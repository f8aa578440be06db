"""An actor's name in capitals the parser misreads ("In 2012, USAID committed ..."), read again as a name."""

from __future__ import annotations

import re

from .syntax import _lower

_WORD = re.compile(r"[^\W\d_]+")
_MIN = 4  # "US", "UN", "IMF" are read well; longer runs of capitals are the ones misread
_READ_AS_NAME = {"PROPN", "NOUN", "SPACE"}


def capital_names(text: str, names, start: int = 0) -> list[tuple[int, int]]:
    """The character spans of the words of ``text`` in capitals, of four letters or more, that stand inside
    ``names`` (character spans: the actors the text names) at ``start`` or after it (past a dateline)."""
    out = []
    for s, e in names:
        for m in _WORD.finditer(text, max(s, start), max(e, start)):
            if len(m.group()) >= _MIN and m.group().isupper():
                out.append(m.span())
    return out


def misread(doc, spans) -> bool:
    """Whether the parse ``doc`` reads a word at one of ``spans`` as neither a name nor a noun (USAID as an
    adverb or an adjective)."""
    return any(t.pos_ not in _READ_AS_NAME for t in doc if any(s <= t.idx < e for s, e in spans))


def name_case(text: str, spans) -> str:
    """``text`` with the words at ``spans`` written as names ("USAID" -> "Usaid"); offsets are unchanged."""
    out = list(text)
    for s, e in spans:
        word = text[s:e]
        new = word[0] + _lower(word[1:])
        if len(new) == len(word):
            out[s:e] = new
    return "".join(out)


def reread_names(doc, text: str, spans, parse):
    """``doc`` (the parse of ``text``) with the annotations of a parse of the same words where the actors'
    names in capitals at ``spans`` are written as names, when ``doc`` misreads one of them and the other
    parse reads every one as a name or a noun; the words keep their own form. Else ``doc`` as it is.
    ``parse``: texts -> parsed Docs (``syntax.parse_many``)."""
    if not spans or not misread(doc, spans):
        return doc
    (other,) = parse([name_case(text, spans)])
    if len(other) != len(doc) or misread(other, spans):
        return doc
    from spacy.tokens import Doc

    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in other],
        pos=[t.pos_ or "X" for t in other],
        morphs=[str(t.morph) for t in other],
        heads=[t.head.i for t in other],
        deps=[t.dep_ for t in other],
    )
