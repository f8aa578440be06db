"""Cues that state a stance only as verbs: "the suspect", "the press", "in May" state none."""

from __future__ import annotations


def nominal_cues(toks, data, lemma) -> list[tuple[int, int]]:
    """(start, end) of the words of ``data.verb_only_cues`` (attribution.yaml) that the parse reads as a noun
    or a name: "the suspect was arrested with the help of Pakistan" suspects no one, "a share of the US
    market" shares nothing, "on May 10" hedges nothing; "Washington suspects Pakistan", "we share your
    concern" and "it may help" keep their cue. ``lemma``: the parse's lemma of a token."""
    words = data.verb_only_cues
    if not words:
        return []
    return [
        (t.idx, t.idx + len(t.text))
        for t in toks
        if t.pos_ in ("NOUN", "PROPN") and (t.lower_ in words or lemma(t) in words)
    ]
