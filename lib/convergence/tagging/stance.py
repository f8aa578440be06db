"""Stance and relation scores of one sentence from the cue hits the matcher found.

Stance: every cooperation / conflict cue contributes its weight, multiplied by
  - the negator's factor (default -0.5) when a negator stands within 3 words before it in the same clause
    ("not support", "without explicitly condemning", "refraining from"),
  - the hedge's factor (0.5) for a hedge within 5 words before it ("may", "alleged", "perceived"),
  - the intensifier's factor (1.3) for an intensifier within 2 words before it ("vehemently", "firmly").
A cue right after another actor's possessive ("Pakistan's alleged support" when the holder is the US) states
that actor's position, not the holder's, and is left out. stance = mean of the contributions, clipped to
[-1, 1]; 0 when no cue fired. Each fired cue is kept, with its marks, in ``stance_cues``.

Relation: agreement (+) / disagreement (-) cues from relations.yaml, counted only when two different actors
are in the sentence (mentioned, holder or targets); a negator before a cue flips and halves it.
"""

from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(r"[,;:.()\"!?]")
_CONJ = re.compile(r"\b(?:and|or|but|while|whereas)\b")
_PRIORITY = {"ignore": 0, "negator": 1, "hedge": 1, "intensifier": 1}
_WINDOWS = {"negator": 3, "hedge": 5, "intensifier": 2}


def _modifier(low, start, mods, cls):
    """The nearest modifier of class ``cls`` before ``start`` within its window, or None."""
    best = None
    for s, e, cue in mods:
        if cue.cls != cls or e > start:
            continue
        gap = low[e:start]
        if _CLAUSE_BREAK.search(gap) or len(gap.split()) > _WINDOWS[cls]:
            continue
        if cls == "negator" and _CONJ.search(gap):
            continue
        best = (s, e, cue)
    return best


def _owned_by_other(low, start, mentions, holder) -> bool:
    for _s, e, code, poss in mentions:
        if poss and code is not None and code != holder and e <= start:
            gap = low[e:start]
            if len(gap.split()) <= 2 and not _CLAUSE_BREAK.search(gap):
                return True
    return False


def _score(low, start, weight, label, mods):
    value, marks = weight, []
    for cls in ("intensifier", "hedge", "negator"):
        hit = _modifier(low, start, mods, cls)
        if hit is not None:
            value *= hit[2].weight
            marks.insert(0, low[hit[0] : hit[1]])
    return value, " ".join([*marks, label])


def _clip(x: float) -> float:
    return max(-1.0, min(1.0, x))


def dedupe_spans(hits):
    """One cue per span: 'ignore' rows first, then modifiers, then stance cues."""
    best: dict = {}
    for h in hits:
        key = (h[0], h[1])
        if key not in best or _PRIORITY.get(h[2].cls, 2) < _PRIORITY.get(best[key][2].cls, 2):
            best[key] = h
    return sorted(best.values(), key=lambda h: h[0])


def _in_subject_phrase(low, start, subject_span, preps) -> bool:
    """A cue inside a prepositional phrase attached to the subject ("The US stance regarding ... military
    collaborations, is marked by ...") describes the topic, not the holder's act."""
    if subject_span is None:
        return False
    a, b = subject_span
    if not a <= start < b:
        return False
    return any(w in preps for w in low[a:start].split())


def stance_of(low, stance_hits, mentions, holder, subject_span=None, preps=()):
    """(stance, stance_cues). ``stance_hits``: (start, end, Cue) in text order."""
    stance_hits = dedupe_spans(stance_hits)
    mods = [h for h in stance_hits if h[2].cls in _WINDOWS]
    values, labels = [], []
    for s, _e, cue in stance_hits:
        if cue.cls not in ("cooperation", "conflict"):
            continue
        if _owned_by_other(low, s, mentions, holder) or _in_subject_phrase(low, s, subject_span, preps):
            continue
        value, label = _score(low, s, cue.weight, cue.cue, mods)
        values.append(_clip(value))
        labels.append(label)
    if not values:
        return 0.0, []
    return round(_clip(sum(values) / len(values)), 4), labels


def relation_of(low, relation_hits, stance_hits, n_actors):
    """(relation, relation_cues). ``relation_hits``: (start, end, (Cue, part, n_parts)) in text order."""
    if n_actors < 2 or not relation_hits:
        return 0.0, []
    mods = [h for h in dedupe_spans(stance_hits) if h[2].cls == "negator"]
    values, labels = [], []
    progress: dict = {}
    seen = set()
    for s, e, (cue, part, n_parts) in relation_hits:
        if n_parts == 1 and (s, e) in seen:
            continue
        if n_parts > 1:
            if part == progress.get(cue, 0):
                progress[cue] = part + 1
            if progress.get(cue, 0) < n_parts or cue.cue in labels:
                continue
        value, label = _score(low, s, cue.weight, cue.cue, mods)
        if label in labels:
            continue
        if n_parts == 1:
            seen.add((s, e))
        values.append(_clip(value))
        labels.append(label)
    if not values:
        return 0.0, []
    return round(_clip(sum(values) / len(values)), 4), labels
