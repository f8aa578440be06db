"""Negated objects: "the bill does not align with the positive dynamics of our ties" denies the cue."""

from __future__ import annotations


def negated_objects(toks, data, lemma) -> list[tuple[int, int, int]]:
    """(where the negator starts, start, end) of the words a negated verb's object names: the head of its
    direct object or of an object of one of ``data.object_prepositions`` (attribution.yaml) after the verb
    and their modifiers, and the head of an "of" phrase on either ("did not align with the current positive
    dynamics", "does not reflect the spirit of cooperation"). A cue there is denied as one right after the
    negator is ("not support"); a concessive or temporal phrase ("despite our demands") is no object, and
    one of ``data.sparing_verbs`` or of the reporting verbs negated leaves its object standing ("would not
    impact its partnership", "did not comment on the tensions"). "Not only" is an "ignore" phrase of
    stance.csv, which the tagger lets deny nothing. ``lemma``: the parse's lemma of a token."""
    out = []
    preps = data.object_prepositions
    for verb in toks:
        negs = [c for c in verb.children if c.dep_ == "neg"]
        if verb.pos_ not in ("VERB", "AUX") or not negs:
            continue
        verb_lemma = lemma(verb)
        if verb_lemma in data.sparing_verbs or verb_lemma in data.reporting_verbs:
            continue
        heads = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        heads += [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i
            for g in c.children
            if g.dep_ == "pobj"
        ]
        heads += [
            g
            for h in heads
            for p in h.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        for h in heads:
            for w in (h, *(m for m in h.children if m.dep_ in ("amod", "compound"))):
                out.append((negs[0].idx, w.idx, w.idx + len(w.text)))
    return out
