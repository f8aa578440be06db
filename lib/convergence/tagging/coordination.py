"""Coordinated clauses of another act: "Pakistan retaliated and later informed the US" aims nothing at it."""

from __future__ import annotations

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# what makes a verb take its own complement: then a verb coordinated with it shares its subject's act
_COMPLEMENTS = {"dobj", "dative", "attr", "oprd", "obj", "prep", "ccomp", "xcomp", "acomp"}


def coordinated_clauses(toks) -> list:
    """(verb, opening token) of each verb coordinated with an earlier one that starts a clause of its own act:
    one with its own subject ("Pakistan welcomed the talks and India rejected the offer"), or one after a
    verb that takes no complement ("Pakistan retaliated and later informed the US": the US is informed, not
    retaliated against). The opening token is the coordinating word, else the verb."""
    out = []
    for t in toks:
        head = t.head
        if (
            t.dep_ != "conj"
            or t.pos_ not in ("VERB", "AUX")
            or head.pos_ not in ("VERB", "AUX")
            or head.i >= t.i
        ):
            continue
        own_subject = any(c.dep_ in _SUBJECTS for c in t.children)
        bare = not any(c.dep_ in _COMPLEMENTS for c in head.children)
        if own_subject or bare:
            cc = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < t.i), None)
            out.append((t, cc or t))
    return out
