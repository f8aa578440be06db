"""The answer at the top of the index: the most convergent and the most divergent issues, each with its
verdict, interval and its one strongest sentence per side (with the article it comes from)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd


def _charts():
    """convergence.charts, imported when first needed (each of its names loads its own module)."""
    from convergence import charts

    return charts


def _num(value) -> float | None:
    """A float, or None for a missing value (the result goes into JSON)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _source(doc: Mapping | None) -> dict:
    doc = dict(doc or {})
    date = doc.get("date")
    if date is not None and not (isinstance(date, float) and math.isnan(date)) and not pd.isna(date):
        date = pd.Timestamp(date).strftime("%Y-%m-%d")
    else:
        date = None
    clean = {}
    for key in ("title", "publisher", "url"):
        value = doc.get(key)
        clean[key] = value if isinstance(value, str) and value.strip() else None
    clean["date"] = date
    return clean


def _strongest(evidence, actor: str, documents: Mapping[str, Mapping]) -> dict | None:
    """The first (strongest) evidence sentence held by ``actor`` in a convergence row's evidence list."""
    for ev in evidence or []:
        if not isinstance(ev, Mapping):
            continue
        wanted = ev.get("kind") == "relation" if actor is None else ev.get("actor") == actor
        if wanted and (actor is None or ev.get("kind") != "relation"):
            return {
                "text": str(ev.get("text") or ""),
                "stance": _num(ev.get("relation") if actor is None else ev.get("stance")),
                "cues": list(ev.get("cues") or []),
                **_source(documents.get(str(ev.get("doc_id")))),
            }
    return None


def highlights(
    conv: pd.DataFrame,
    *,
    actors,
    documents: Mapping[str, Mapping] | None = None,
    top: int = 3,
) -> dict[str, list[dict]]:
    """``{"convergent": [...], "divergent": [...]}``: up to ``top`` issues on each side, the strongest first:
    issues with an estimate (verdict not insufficient) and a positive index, highest first, and those with
    a negative index, lowest first (so a corpus without a *convergent* verdict still shows where the two
    come closest). Each item holds issue, label, verdict, index, interval, the strongest sentence of each
    actor (or None) and, when neither actor has one, the strongest sentence stating their (dis)agreement."""
    a, b = actors
    documents = documents or {}
    rows = conv.drop_duplicates("issue") if len(conv) else conv
    out: dict[str, list[dict]] = {"convergent": [], "divergent": []}
    if not len(rows):
        return out
    rows = rows.assign(_i=pd.to_numeric(rows["index"], errors="coerce"))
    rows = rows[rows["_i"].notna() & (rows["verdict"] != "insufficient")]
    for side, sub in (
        ("convergent", rows[rows["_i"] > 0].sort_values("_i", ascending=False, kind="stable")),
        ("divergent", rows[rows["_i"] < 0].sort_values("_i", ascending=True, kind="stable")),
    ):
        for rec in sub.head(top).to_dict(orient="records"):
            item = {
                "issue": str(rec["issue"]),
                "label": _charts().issue_label(rec["issue"]),
                "verdict": str(rec["verdict"]),
                "index": _num(rec.get("index")),
                "ci_low": _num(rec.get("ci_low")),
                "ci_high": _num(rec.get("ci_high")),
                "n_a": int(rec.get("n_a") or 0),
                "n_b": int(rec.get("n_b") or 0),
                "a": _strongest(rec.get("evidence"), a, documents),
                "b": _strongest(rec.get("evidence"), b, documents),
                "relation": None,
            }
            if item["a"] is None and item["b"] is None:
                item["relation"] = _strongest(rec.get("evidence"), None, documents)
            out[side].append(item)
    return out


def documents_by_id(tagged: pd.DataFrame) -> dict[str, dict]:
    """doc_id -> title, date, publisher, url (the first sentence's values) for the sentences in ``tagged``."""
    cols = [c for c in ("title", "date", "publisher", "url") if c in tagged.columns]
    if "doc_id" not in tagged.columns or not len(tagged):
        return {}
    docs = tagged.drop_duplicates("doc_id").set_index("doc_id")[cols]
    return {str(k): v for k, v in docs.to_dict(orient="index").items()}
