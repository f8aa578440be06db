"""Praise in an apposition: "Shehbaz Sharif, a very good man," rates the one it is set beside."""

from __future__ import annotations


def praised_appositions(toks, tok_code) -> list[tuple[str, list[tuple[int, int]]]]:
    """(actor, [character span]) of each appositive set beside a name of an actor ("Field Marshal Asim Munir,
    a great fighter, called me"): the clause zone leaves such a phrase out, though what it calls the actor is
    the speaker's appraisal of it. ``tok_code``: token index -> actor code of the sentence's mentions."""
    out = []
    for t in toks:
        if t.dep_ == "appos" and t.head.i in tok_code and t.i not in tok_code and tok_code[t.head.i]:
            first, last = t.left_edge, t.right_edge
            out.append((tok_code[t.head.i], [(first.idx, last.idx + len(last.text))]))
    return out
