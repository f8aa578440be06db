"""The four verdicts of the convergence measure, in the one order every table, chart and legend uses."""

from __future__ import annotations

from typing import Literal

#: From agreement to disagreement, then "no verdict": the order of legends, confusion tables and summaries.
VERDICTS = ("convergent", "mixed", "divergent", "insufficient")
Verdict = Literal["convergent", "mixed", "divergent", "insufficient"]

__all__ = ["VERDICTS", "Verdict"]
