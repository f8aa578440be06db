"""Measures on tagged sentences: per-issue convergence of two actors, salience, keyness, KWIC, evidence.

Every number keeps the sentences and cue words that produced it; docs/methods.md gives the formulas.
"""

from __future__ import annotations

from ._common import MeasureError, load_thresholds
from .convergence import convergence
from .evidence import evidence
from .keyness import keyness, load_stopwords
from .kwic import kwic
from .output import format_convergence, to_records
from .positions import position_evidence, positions
from .salience import salience

__all__ = [
    "MeasureError",
    "convergence",
    "evidence",
    "format_convergence",
    "keyness",
    "kwic",
    "load_stopwords",
    "load_thresholds",
    "position_evidence",
    "positions",
    "salience",
    "to_records",
]
