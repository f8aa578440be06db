"""A stance toward "both prime ministers" is a stance toward each of the two actors the sentence names."""

from __future__ import annotations

import re

_NEAR = 3  # words between the cue and its object ("urged the two neighbours")


def both_pattern(words) -> re.Pattern | None:
    """A pattern for the attribution file's ``both_words``; None when there are none."""
    words = sorted({" ".join(w.split()) for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b")


def both_targets(low: str, holder, codes, stance: float, stance_cues, cue_spans, rx, *, clear: float):
    """Target stances for a sentence whose clear cue (|stance| >= ``clear``) is aimed at two actors as one
    object ("we commend both prime ministers"): each of the two actors it names besides its holder takes the
    stance. Empty unless such a phrase follows a cue within ``_NEAR`` words and the sentence names exactly
    two actors besides the holder."""
    if rx is None or not holder or abs(stance) < clear or not cue_spans:
        return []
    others = [c for c in dict.fromkeys(codes) if c and c != holder]
    if len(others) != 2:
        return []
    for m in rx.finditer(low):
        if any(e <= m.start() and len(low[e : m.start()].split()) <= _NEAR for _s, e in cue_spans):
            return [{"target": c, "stance": stance, "cues": list(stance_cues)} for c in others]
    return []
