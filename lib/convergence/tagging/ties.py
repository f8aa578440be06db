"""A state's wish for better ties with another ("a beneficial partnership") is its stance toward it."""

from __future__ import annotations


def ties_stance(holder, relation: float, relation_cues, relation_pairs, target_stances) -> list[dict]:
    """``target_stances`` with the holder's stance toward each actor a positive relation cue ties it to ("the
    minister underlined the importance of a mutually beneficial partnership between Pakistan and the United
    States": Pakistan, for the US), unless a cue of its own is already tied to that actor. Negative relation
    cues are left alone: naming tensions with a state is not opposing it."""
    if not holder or relation <= 0:
        return target_stances
    have = {d.get("target") for d in target_stances}
    out = list(target_stances)
    for pair in relation_pairs:
        a, _, b = str(pair).partition("-")
        other = b if a == holder else a if b == holder else None
        if other and other not in have:
            out.append({"target": other, "stance": relation, "cues": list(relation_cues)})
            have.add(other)
    return out
