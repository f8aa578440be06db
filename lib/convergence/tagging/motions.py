"""What a motion says is its mover's: "tabled a bill aimed at sanctioning Pakistan's generals"."""

from __future__ import annotations

_PURPOSE = frozenset(("aim", "design", "intend", "mean", "target"))  # "a bill aimed at sanctioning ..."


def motion_content(pred, data, lemma) -> list:
    """The words of what the object of one of ``data.motion_verbs`` (attribution.yaml: table, introduce,
    propose, pass ...) says in a participle or infinitive after it ("introduced a bill seeking sanctions on
    Pakistani officials", "tabled the Pakistan Democracy Act, a bill aimed at sanctioning ...", "moved a
    resolution condemning Israel"): the mover's stance, like an infinitive after the verb ("tabled a bill to
    sanction ..."). ``pred``: the predicate's token; ``lemma``: the parse's lemma of a token."""
    if lemma(pred) not in data.motion_verbs:
        return []
    out = []
    for obj in pred.children:
        if obj.dep_ not in ("dobj", "obj"):
            continue
        # the motion, the motions coordinated with it and what an appositive calls it ("the Act, a bill ...")
        heads = [obj, *(c for c in obj.children if c.dep_ in ("conj", "appos"))]
        for head in heads:
            for acl in head.children:
                # what it does ("seeking", "condemning", "to sanction") or is meant for ("aimed at"), not how
                # it came about ("a World Bank initiative developed in collaboration with ...")
                if acl.dep_ == "acl" and (acl.tag_ in ("VBG", "VB") or lemma(acl) in _PURPOSE):
                    out.extend(acl.subtree)
    return out
