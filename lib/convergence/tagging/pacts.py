"""A stance against a pact of two other actors is against both ("rejecting the US-India joint statement")."""

from __future__ import annotations

import re

from .stance import _CLAUSE_BREAK, _NEGATING, _modifier, relation_pair

_GAP_WORDS = 6  # "rejecting its mention in the US-India joint statement": the cue governs the pact
# what may stand between a pact and a negative cue after it that says what the pact is ("the Indo-US joint
# statement of Feb 13, 2025, as one-sided", "the joint statement was misleading"): a date, then "as" or "be"
_DATE = re.compile(
    r"^\s*(?:of|dated|on)\s+(?:[a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[a-z]+,?\s+\d{4}|[a-z]+\s+\d{1,2})\s*,?"
)
_PREDICATE = re.compile(r"^\s*(?:as|to be|is|was|were|are|remains|remained)?\s*$")


def pact_stances(low, relation_hits, stance_hits, mentions, holder, nouns, named=None) -> list[dict]:
    """Target stances of ``holder`` toward the two parties of a pact (a relation cue naming one of ``nouns``:
    "joint statement", "agreement", attribution.yaml ``pact_nouns``) that a negative cue of its governs within
    a few words of the same clause, or that a negative cue right after it says what it is ("we consider the
    reference in the Indo-US joint statement of Feb 13, 2025, as one-sided"), when the pact ties two other
    actors (a pair named with it, or the one named before with it: ``named``, see
    :func:`convergence.tagging.stance.relation_pair`). Tensions or a dispute between two others are no pact; a
    negated cue ("did not reject") counts for nothing."""
    if not holder or not relation_hits or not stance_hits or not nouns:
        return []
    against = [
        (s, e, cue)
        for s, e, cue in stance_hits
        if cue.cls in ("conflict", "pressure")
        and cue.weight < 0
        and _modifier(low, s, stance_hits, _NEGATING) is None
    ]
    if not against:
        return []
    real = [m for m in mentions if m[2] is not None]
    out: dict = {}
    for s2, e2, (cue, _part, n_parts) in relation_hits:
        if n_parts != 1 or cue.weight <= 0 or not nouns.intersection(low[s2:e2].split()):
            continue
        pair = relation_pair(low, s2, e2, real, holder, named)
        if pair is None or holder in pair.split("-"):
            continue
        for s, e, neg in against:
            gap = low[e:s2]
            before = e <= s2 and len(gap.split()) <= _GAP_WORDS and not _CLAUSE_BREAK.search(gap)
            # a cue after the pact that says what it is ("consider the ... joint statement as one-sided")
            after = s >= e2 and _PREDICATE.match(_DATE.sub("", low[e2:s], count=1)) is not None
            if before or after:
                for party in pair.split("-"):
                    out.setdefault(party, {"target": party, "stance": neg.weight, "cues": [neg.cue]})
    return list(out.values())
