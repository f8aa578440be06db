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
