"""What every chart and HTML table shares: the colour-blind-safe palette, verdict colours, issue labels."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

from convergence.verdicts import VERDICTS

__all__ = [
    "OKABE_ITO",
    "VERDICTS",
    "VERDICT_COLORS",
    "actor_colors",
    "corpus_note",
    "issue_label",
    "issue_order",
    "set_issue_labels",
]

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
VERDICT_COLORS = {
    "convergent": OKABE_ITO["bluish_green"],
    "mixed": OKABE_ITO["orange"],
    "divergent": OKABE_ITO["vermillion"],
    "insufficient": OKABE_ITO["grey"],
}
_ACTOR_CYCLE = [OKABE_ITO[k] for k in ("blue", "reddish_purple", "sky_blue", "orange", "black", "yellow")]


# ------------------------------------------------------------------------------------------- issue labels

_ISSUE_LABELS: dict[str, str] = {}


def set_issue_labels(labels: dict | None) -> None:
    """Use ``labels`` (issue slug -> label, e.g. from a user's taxonomy) wherever a chart names an issue;
    None: the shipped taxonomy's labels."""
    _ISSUE_LABELS.clear()
    if labels:
        _ISSUE_LABELS.update({str(k): str(v) for k, v in labels.items()})


def issue_label(slug) -> str:
    """The taxonomy's label for an issue slug ("ifis" -> "IMF, World Bank and lenders"); the slug itself when
    no taxonomy lists it."""
    slug = "" if slug is None else str(slug)
    if not _ISSUE_LABELS:
        try:
            from convergence.tagging.lexicon import load_taxonomy

            _ISSUE_LABELS.update({k: a.label for k, a in load_taxonomy().areas.items()})
        except Exception:  # noqa: BLE001 - labels are a courtesy; the slug is always right
            _ISSUE_LABELS["\0"] = ""
    return _ISSUE_LABELS.get(slug, slug)


def issue_order(conv: pd.DataFrame) -> list[str]:
    """The one order of issues in every report: most convergent first (highest index), most divergent
    last, issues without an estimate after them; ties by label."""
    if len(conv) == 0:
        return []
    first = conv.drop_duplicates("issue")
    keyed = [
        (math.isnan(_num(i)), -_num(i) if not math.isnan(_num(i)) else 0.0, issue_label(s), str(s))
        for s, i in zip(first["issue"], first["index"], strict=True)
    ]
    return [k[3] for k in sorted(keyed)]


# -------------------------------------------------------------------------------------------- source note


def corpus_note(tagged: pd.DataFrame, *, max_sources: int = 4) -> str:
    """A one-line source note for a chart: sentences, articles, date range, main publishers.

    A frame the report runner loaded as a slice of the corpus carries the whole corpus's note in
    ``attrs["corpus_note"]``; it is used while the frame still has the rows it was loaded with.
    """
    attrs = getattr(tagged, "attrs", {}) or {}
    if attrs.get("corpus_note") and attrs.get("corpus_note_rows") == len(tagged):
        return str(attrs["corpus_note"])
    if tagged is None or len(tagged) == 0:
        return "n = 0 sentences"
    parts = [f"n = {len(tagged):,} sentences"]
    if "doc_id" in tagged.columns:
        parts.append(f"{tagged['doc_id'].nunique():,} articles")
    if "date" in tagged.columns:
        dates = pd.to_datetime(tagged["date"], errors="coerce").dropna()
        if len(dates):
            lo, hi = dates.min(), dates.max()
            parts.append(f"{lo:%Y-%m-%d}" + (f" to {hi:%Y-%m-%d}" if hi != lo else ""))
    if "publisher" in tagged.columns:
        pubs = tagged.drop_duplicates("doc_id") if "doc_id" in tagged.columns else tagged
        counts = pubs["publisher"].dropna().astype(str).value_counts()
        if len(counts):
            shown = ", ".join(counts.index[:max_sources])
            more = f" +{len(counts) - max_sources} more" if len(counts) > max_sources else ""
            parts.append(f"sources: {shown}{more}")
    return "; ".join(parts)


# --------------------------------------------------------------------------------------------------- helpers


def actor_colors(actors: Sequence[str]) -> dict[str, str]:
    """A stable colour per actor code, in the order given (first actor blue, second reddish purple)."""
    return {a: _ACTOR_CYCLE[i % len(_ACTOR_CYCLE)] for i, a in enumerate(actors)}


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what}: frame lacks column(s) {', '.join(missing)}; has {', '.join(frame.columns)}"
        )


def _num(value) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return math.nan
    return out


def _int(value) -> int:
    v = _num(value)
    return 0 if math.isnan(v) else int(v)
