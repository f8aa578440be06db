"""Key word in context: every occurrence of a term (or of an issue's matched terms) with its context."""

from __future__ import annotations

import re

import pandas as pd

from ._common import MeasureError, as_list, check_tagged

COLUMNS = ["doc_id", "sent_id", "left", "match", "right"]


def _term_regex(term: str) -> re.Pattern:
    escaped = re.escape(term.strip())
    return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)


def _issue_patterns(cell, issue: str) -> list[re.Pattern]:
    pats = []
    for item in as_list(cell):
        slug, _, pattern = str(item).partition(":")
        if slug != issue or not pattern:
            continue
        try:
            pats.append(re.compile(pattern, re.IGNORECASE))
        except re.error:
            pats.append(_term_regex(pattern))
    return pats


def kwic(frame: pd.DataFrame, *, term: str | None = None, issue: str | None = None, window: int = 60):
    """One row per match: doc_id, sent_id, left, match, right (``window`` characters either side).

    ``term`` is matched literally, case-insensitively, at word boundaries. With ``issue`` only sentences
    tagged with that issue are searched; without ``term`` the issue's own matched terms (``issue_terms``)
    are shown. Works on a tagged frame or on ``Corpus.sentences`` (which has no issue columns).
    """
    check_tagged(frame, columns=("doc_id", "sent_id", "text"), what="kwic input")
    if term is None and issue is None:
        raise MeasureError("kwic needs a term, an issue, or both")
    if term is not None and not str(term).strip():
        raise MeasureError("kwic term is empty")
    if not isinstance(window, int) or window < 0:
        raise MeasureError(f"window must be a non-negative integer, got {window!r}")
    rows = frame
    if issue is not None:
        if "issues" not in frame.columns:
            raise MeasureError(
                "issue= needs a tagged frame (with an 'issues' column); pass convergence.tag output"
            )
        rows = frame[frame["issues"].map(lambda c: issue in as_list(c))]
        if term is None and "issue_terms" not in frame.columns:
            raise MeasureError("issue= without term= needs the 'issue_terms' column of a tagged frame")
    fixed = _term_regex(str(term)) if term is not None else None
    out = []
    for r in rows.itertuples(index=False):
        text = str(r.text)
        patterns = [fixed] if fixed is not None else _issue_patterns(r.issue_terms, issue)
        spans = sorted({m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()})
        for start, end in spans:
            out.append(
                {
                    "doc_id": r.doc_id,
                    "sent_id": int(r.sent_id),
                    "left": text[max(0, start - window) : start],
                    "match": text[start:end],
                    "right": text[end : end + window],
                }
            )
    return pd.DataFrame(out, columns=COLUMNS)
