"""Measures on tagged sentences: per-issue convergence of two actors, salience, keyness, KWIC, evidence.

Every number keeps the sentences and cue words that produced it; docs/methods.md gives the formulas.

Each measure lives in the module of its name and is called through the top-level API
(``convergence.convergence(tagged)``, ``convergence.kwic(...)``) or its module
(``from convergence.measure.convergence import convergence``). The package names its modules, not the
functions inside them, so ``convergence.measure.convergence`` is always the module and
``import convergence.measure.kwic`` gives the module, never a function of the same name.
"""

from __future__ import annotations

from . import convergence, evidence, keyness, kwic, positions, salience, seedcheck
from ._common import MeasureError, load_thresholds
from .keyness import load_stopwords
from .output import format_convergence, to_records
from .positions import position_evidence

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
    "seedcheck",
    "to_records",
]
