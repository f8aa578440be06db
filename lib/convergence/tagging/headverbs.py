"""A headline verb the parser reads as a plural noun ("PM Shehbaz thanks Trump ..."), read again as a verb."""

from __future__ import annotations

_NAMES = {"NN", "NNS", "NNP", "NNPS", "JJ", "RB"}  # what may stand before the verb: its subject's last word
_FINITE = {"VBZ", "VBD", "VBP"}  # a root in one of these is the headline's verb, unless it is a name
_REACH = 6  # the verb stands among a headline's first words
_IRREGULAR = {"says": "said", "tells": "told", "seeks": "sought", "meets": "met", "makes": "made"}


def past_form(word: str) -> str:
    """The past tense of a verb's third-person form ("thanks" -> "thanked", "praises" -> "praised")."""
    low = word.lower()
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if low.endswith("ies"):
        return word[:-3] + "ied"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2] + "ed"
    return word[:-1] + "d" if low.endswith("es") else word[:-1] + "ed"


def misread_verb(doc, verbs):
    """The token of a headline's parse that is a verb read as a plural noun, or None: one of its first words,
    tagged as a plural noun, whose stem is one of ``verbs`` (the lexicons' verbs: "thank", "laud",
    "highlight"), after a noun or an adjective (its subject's last word) and no verb, in a parse whose root
    is that word, a capitalised name read as a verb ("PM Shehbaz thanks Trump": "Trump" the root) or no
    finite verb."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    for t in doc[1:_REACH]:
        low = t.lower_
        if t.tag_ != "NNS" or not low.endswith("s") or doc[t.i - 1].tag_ not in _NAMES:
            continue
        if low[:-1] not in verbs and not (low.endswith("es") and low[:-2] in verbs):
            continue
        if any(w.tag_.startswith("VB") or w.tag_ == "MD" for w in doc[: t.i]):
            return None  # a verb before it: "Iran slams US, Israel attacks ..."
        if root.i == t.i or root.tag_ not in _FINITE or root.text[:1].isupper():
            return t
        return None
    return None


def reread(doc, text, verbs, parse):
    """``doc`` (the parse of headline ``text``) with the annotations of a parse of the same words where a
    misread verb (:func:`misread_verb`) is written in the past tense, when that parse makes it the root with
    a subject before it; the word keeps its own form, tagged as a present-tense verb. Else ``doc`` as it is.
    ``parse``: texts -> parsed Docs (``syntax.parse_many``)."""
    verb = misread_verb(doc, verbs)
    if verb is None:
        return doc
    a, b = verb.idx, verb.idx + len(verb.text)
    (other,) = parse([text[:a] + past_form(verb.text) + text[b:]])
    if len(other) != len(doc):
        return doc
    v = other[verb.i]
    if v.dep_ != "ROOT" or not any(c.dep_ == "nsubj" and c.i < v.i for c in v.children):
        return doc
    from spacy.tokens import Doc

    tags = [t.tag_ for t in other]
    tags[verb.i] = "VBZ"
    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=tags,
        pos=[t.pos_ or "X" for t in other],
        morphs=[str(t.morph) for t in other],
        heads=[t.head.i for t in other],
        deps=[t.dep_ for t in other],
    )
