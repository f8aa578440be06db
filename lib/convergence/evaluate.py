"""Score the tagger and the convergence measure against hand labels.

Label files refer to articles by their ``link`` (the corpus ``url`` column) and to sentences by
:func:`convergence.keys.sentence_key`, never by their text; their paths are always given (the project's own
labels are in ``tests/data``, described in ``tests/data/README.md``):

- a labels YAML file: per article, the issue areas it substantively discusses and, per issue, the
  USA-PAK verdict as the text presents the two sides' stated positions;
- a holders CSV file: ``link, sent_key, holder`` -- the actor whose position or action a sentence states
  (an actor code, or ``NONE``).

Every scorer takes the tagged-sentence frame (``convergence.tag(corpus)``; it needs ``url`` to map links to
``doc_id``) and returns plain frames/dicts so the figures can be printed, compared or saved.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import yaml

from convergence.keys import sentence_key
from convergence.measure._common import MeasureError, as_code, as_list
from convergence.paths import resolve
from convergence.verdicts import VERDICTS

__all__ = [
    "VERDICTS",
    "NONE",
    "ValidationError",
    "sentence_key",
    "load_labels",
    "load_holder_labels",
    "key_sentences",
    "predicted_issues",
    "score_issue_tags",
    "issue_curve",
    "score_holders",
    "score_verdicts",
    "wilson",
]

#: Holder label for a sentence that states no listed actor's position or action.
NONE = "NONE"


class ValidationError(MeasureError):
    """Label files or frames that cannot be scored; the message says what is wrong."""


# ---------------------------------------------------------------------------------------------- keys


def key_sentences(tagged: pd.DataFrame) -> pd.DataFrame:
    """A new frame: ``tagged`` plus ``sent_key`` (from ``text``) and ``link`` (from ``url``)."""
    _need(tagged, ("doc_id", "text"), "tagged")
    col = _url_column(tagged)
    out = tagged.copy()
    out["sent_key"] = out["text"].map(lambda t: sentence_key(t if isinstance(t, str) else ""))
    out["link"] = out[col].map(_norm_link)
    return out


def _url_column(frame: pd.DataFrame) -> str:
    """``url`` (the documented article column), or a passed-through ``link`` when ``url`` is empty."""
    for col in ("url", "link"):
        if col in frame.columns and frame[col].notna().any():
            return col
    raise ValidationError(
        "tagged frame has no article url: it needs a 'url' (or 'link') column to match the labelled links"
    )


def _norm_link(value: Any) -> str | None:
    code = as_code(value)
    return code.rstrip("/") if code else None


# ---------------------------------------------------------------------------------------------- loading


def load_labels(path: str | os.PathLike) -> pd.DataFrame:
    """Article labels as one row per (article, issue): ``link, issue, verdict, note``.

    Articles labelled with no issue keep one row with ``issue`` None (they count for precision).
    """
    p = resolve(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(f"cannot read labels file {p}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise ValidationError(f"labels file {p} is not valid YAML: {exc}") from exc
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, list) or not articles:
        raise ValidationError(f"labels file {p} must hold a non-empty list under 'articles'")
    rows: list[dict] = []
    seen: set[str] = set()
    for i, art in enumerate(articles):
        where = f"{p}: article #{i}"
        if not isinstance(art, dict) or not isinstance(art.get("link"), str) or not art["link"].strip():
            raise ValidationError(f"{where} needs a 'link'")
        link = _norm_link(art["link"])
        if link in seen:
            raise ValidationError(f"{where}: link {link} is labelled twice")
        seen.add(link)
        issues = art.get("issues") or []
        verdicts = art.get("verdicts") or {}
        notes = art.get("notes") or {}
        if not isinstance(issues, list) or not isinstance(verdicts, dict) or not isinstance(notes, dict):
            raise ValidationError(f"{where}: 'issues' must be a list, 'verdicts' and 'notes' mappings")
        if set(verdicts) != set(issues):
            raise ValidationError(
                f"{where}: verdicts must cover exactly the labelled issues "
                f"(issues {sorted(issues)}, verdicts {sorted(verdicts)})"
            )
        extra = {k: v for k, v in art.items() if k not in ("link", "issues", "verdicts", "notes")}
        if not issues:
            rows.append({"link": link, "issue": None, "verdict": None, "note": None, **extra})
        for issue in issues:
            verdict = verdicts[issue]
            if verdict not in VERDICTS:
                raise ValidationError(f"{where}: verdict {verdict!r} for {issue} is not one of {VERDICTS}")
            rows.append({"link": link, "issue": issue, "verdict": verdict, "note": notes.get(issue), **extra})
    return pd.DataFrame(rows)


def load_holder_labels(path: str | os.PathLike) -> pd.DataFrame:
    """Sentence holder labels: ``link, sent_key, holder`` (holder an actor code or ``NONE``)."""
    p = resolve(path)
    try:
        frame = pd.read_csv(p, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read holder labels {p}: {exc}") from exc
    missing = [c for c in ("link", "sent_key", "holder") if c not in frame.columns]
    if missing:
        raise ValidationError(f"holder labels {p} lack column(s) {', '.join(missing)}")
    bad = frame[~frame["sent_key"].str.fullmatch(r"[0-9a-f]{16}") | (frame["holder"].str.strip() == "")]
    if len(bad):
        raise ValidationError(
            f"holder labels {p}: bad sent_key or empty holder in row(s) {list(bad.index[:5])}"
        )
    dup = frame.duplicated(["link", "sent_key"])
    if dup.any():
        raise ValidationError(
            f"holder labels {p}: duplicate (link, sent_key) in row(s) {list(frame.index[dup][:5])}"
        )
    frame = frame.copy()
    frame["link"] = frame["link"].map(_norm_link)
    frame["holder"] = frame["holder"].str.strip().str.upper()
    return frame[["link", "sent_key", "holder"]].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- helpers


def _need(frame: Any, columns: Iterable[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise ValidationError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValidationError(f"{what} frame lacks column(s) {', '.join(missing)}")


def _link_to_doc(tagged: pd.DataFrame) -> dict[str, str]:
    col = _url_column(tagged)
    pairs = tagged[[col, "doc_id"]].drop_duplicates()
    out: dict[str, str] = {}
    for url, doc in zip(pairs[col], pairs["doc_id"], strict=True):
        link = _norm_link(url)
        if link:
            out.setdefault(link, str(doc))
    return out


def wilson(successes: int, n: int, *, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval (default 95%) for a proportion; (nan, nan) when n is 0.

    The label sets are small (tens of verdicts), so every accuracy is reported with its interval.
    """
    if n <= 0:
        return (float("nan"), float("nan"))
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    if tp + fp and tp + fn and precision + recall:
        f1 = 2 * precision * recall / (precision + recall)
    else:
        f1 = float("nan") if not (tp + fp and tp + fn) else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


# ---------------------------------------------------------------------------------------------- issues


def predicted_issues(tagged: pd.DataFrame, *, min_sentences: int = 2, sources: Iterable[str] | None = None):
    """Per ``doc_id``, the set of issues tagged on at least ``min_sentences`` of its sentences.

    ``sources`` restricts the counted sentences by ``issue_source`` (e.g. ``("matched",)`` to ignore issues
    a sentence only inherited from a neighbour); default: all tagged sentences.
    """
    _need(tagged, ("doc_id", "issues"), "tagged")
    frame = tagged
    if sources is not None:
        _need(tagged, ("issue_source",), "tagged")
        frame = tagged[tagged["issue_source"].isin(list(sources))]
    counts: dict[str, dict[str, int]] = {}
    for doc, issues in zip(frame["doc_id"], frame["issues"], strict=True):
        per = counts.setdefault(str(doc), {})
        for issue in set(as_list(issues)):
            per[issue] = per.get(issue, 0) + 1
    return {doc: {i for i, n in per.items() if n >= min_sentences} for doc, per in counts.items()}


def score_issue_tags(
    tagged: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    min_sentences: int = 2,
    sources: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Precision / recall / F1 of article-level issue tags against the labels.

    An article's predicted issues are the issues tagged on >= ``min_sentences`` of its sentences. The
    default of 2 follows the labelling rule ("substantively" = at least a sentence about the area, not a
    passing word): one matched word is what a passing mention looks like, two sentences rarely are.
    ``issue_curve`` gives the figures for other thresholds.

    Returns a dict: ``micro`` (tp, fp, fn, precision, recall, f1), ``per_issue`` (DataFrame: issue, tp, fp,
    fn, precision, recall, f1, support), ``articles`` (DataFrame: link, doc_id, gold, predicted, missed,
    extra) and ``unmatched`` (labelled links absent from ``tagged``).
    """
    _need(tagged, ("doc_id", "issues"), "tagged")
    _need(labels, ("link", "issue"), "labels")
    if int(min_sentences) < 1:
        raise ValidationError("min_sentences must be >= 1")
    link_doc = _link_to_doc(tagged)
    pred = predicted_issues(tagged, min_sentences=int(min_sentences), sources=sources)
    gold: dict[str, set[str]] = {}
    for link, issue in zip(labels["link"].map(_norm_link), labels["issue"], strict=True):
        gold.setdefault(link, set())
        if isinstance(issue, str) and issue:
            gold[link].add(issue)
    rows, unmatched = [], []
    for link, g in gold.items():
        doc = link_doc.get(link)
        if doc is None:
            unmatched.append(link)
            continue
        p = pred.get(doc, set())
        rows.append(
            {
                "link": link,
                "doc_id": doc,
                "gold": sorted(g),
                "predicted": sorted(p),
                "missed": sorted(g - p),
                "extra": sorted(p - g),
            }
        )
    articles = pd.DataFrame(rows, columns=["link", "doc_id", "gold", "predicted", "missed", "extra"])
    issues = sorted({i for r in rows for i in r["gold"] + r["predicted"]})
    per = []
    for issue in issues:
        tp = sum(issue in r["gold"] and issue in r["predicted"] for r in rows)
        fp = sum(issue not in r["gold"] and issue in r["predicted"] for r in rows)
        fn = sum(issue in r["gold"] and issue not in r["predicted"] for r in rows)
        per.append({"issue": issue, "tp": tp, "fp": fp, "fn": fn, **_prf(tp, fp, fn), "support": tp + fn})
    per_issue = pd.DataFrame(per, columns=["issue", "tp", "fp", "fn", "precision", "recall", "f1", "support"])
    tp, fp, fn = (int(per_issue[c].sum()) if len(per_issue) else 0 for c in ("tp", "fp", "fn"))
    return {
        "min_sentences": int(min_sentences),
        "n_articles": len(rows),
        "micro": {"tp": tp, "fp": fp, "fn": fn, **_prf(tp, fp, fn)},
        "per_issue": per_issue,
        "articles": articles,
        "unmatched": unmatched,
    }


def issue_curve(
    tagged: pd.DataFrame, labels: pd.DataFrame, *, thresholds: Iterable[int] = (1, 2, 3), **kwargs
) -> pd.DataFrame:
    """Micro precision / recall / F1 for each ``min_sentences`` in ``thresholds``."""
    rows = []
    for k in thresholds:
        res = score_issue_tags(tagged, labels, min_sentences=int(k), **kwargs)
        rows.append({"min_sentences": int(k), **res["micro"]})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------- holders


def score_holders(tagged: pd.DataFrame, holder_labels: pd.DataFrame) -> dict[str, Any]:
    """Accuracy of the ``holder`` column on the hand-labelled sentences.

    Sentences are matched by (link, sent_key); a tagged holder of None counts as ``NONE``. Returns a dict:
    ``n_labels``, ``n_matched``, ``coverage`` (share of labelled keys found in ``tagged``), ``accuracy``
    (over matched) with ``accuracy_ci`` (95% Wilson interval), ``baseline_majority`` (accuracy of always
    answering the commonest gold holder), ``confusion`` (DataFrame gold x predicted
    counts), ``per_holder`` (holder, n_gold, n_predicted, correct, recall, precision), ``rows`` (one row
    per matched label: link, sent_key, doc_id, sent_id, gold, predicted, holder_source, correct) and
    ``unmatched`` (labels whose key was not found).
    """
    _need(tagged, ("doc_id", "text", "holder"), "tagged")
    _need(holder_labels, ("link", "sent_key", "holder"), "holder_labels")
    keyed = key_sentences(tagged)
    cols = ["link", "sent_key", "doc_id", "holder"] + [c for c in ("sent_id", "holder_source") if c in keyed]
    keyed = keyed[cols].drop_duplicates(["link", "sent_key"]).rename(columns={"holder": "predicted"})
    gold = holder_labels[["link", "sent_key", "holder"]].copy()
    gold["link"] = gold["link"].map(_norm_link)
    gold = gold.rename(columns={"holder": "gold"})
    merged = gold.merge(keyed, on=["link", "sent_key"], how="left", indicator=True)
    matched = merged[merged["_merge"] == "both"].drop(columns="_merge").copy()
    unmatched = merged[merged["_merge"] == "left_only"][["link", "sent_key", "gold"]].reset_index(drop=True)
    matched["predicted"] = matched["predicted"].map(lambda v: as_code(v) or NONE)
    matched["correct"] = matched["gold"] == matched["predicted"]
    n = len(matched)
    confusion = pd.crosstab(matched["gold"], matched["predicted"]) if n else pd.DataFrame()
    per = []
    for code in sorted(set(matched["gold"]) | set(matched["predicted"])):
        g = matched[matched["gold"] == code]
        p = matched[matched["predicted"] == code]
        per.append(
            {
                "holder": code,
                "n_gold": len(g),
                "n_predicted": len(p),
                "correct": int(g["correct"].sum()),
                "recall": g["correct"].mean() if len(g) else float("nan"),
                "precision": p["correct"].mean() if len(p) else float("nan"),
            }
        )
    return {
        "n_labels": len(gold),
        "n_matched": n,
        "coverage": n / len(gold) if len(gold) else float("nan"),
        "accuracy": float(matched["correct"].mean()) if n else float("nan"),
        "accuracy_ci": wilson(int(matched["correct"].sum()), n),
        # what always answering the commonest gold holder would score: the floor any tagger must beat
        "baseline_majority": float(matched["gold"].value_counts().iloc[0] / n) if n else float("nan"),
        "confusion": confusion,
        "per_holder": pd.DataFrame(per),
        "rows": matched.reset_index(drop=True),
        "unmatched": unmatched,
    }


# ---------------------------------------------------------------------------------------------- verdicts


def score_verdicts(
    tagged: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    actors: tuple[str, str] = ("USA", "PAK"),
    measured: pd.DataFrame | None = None,
    **convergence_kwargs,
) -> dict[str, Any]:
    """Accuracy of per-article verdicts on every labelled (article, issue).

    Runs ``convergence.convergence(tagged, actors=actors, by="doc", **convergence_kwargs)`` unless
    ``measured`` (its output, ``group`` = doc_id) is given. A labelled issue the measure has no row for
    is predicted ``insufficient`` (no evidence at all). Returns a dict: ``n``, ``accuracy`` and
    ``accuracy_ci`` (95% Wilson interval), ``baseline_insufficient`` (accuracy of always answering
    ``insufficient``), ``confusion`` (gold x predicted over all four verdicts),
    ``n_sufficient``, ``accuracy_sufficient`` and ``accuracy_sufficient_ci`` (items whose gold verdict is
    not ``insufficient``), ``accuracy_both_sufficient`` (items where neither gold nor
    prediction is ``insufficient``), ``rows`` (link, doc_id, issue, gold, predicted, index, reason, n_a,
    n_b, correct) and ``unmatched`` (labelled links absent from ``tagged``).
    """
    _need(tagged, ("doc_id",), "tagged")
    _need(labels, ("link", "issue", "verdict"), "labels")
    link_doc = _link_to_doc(tagged)
    if measured is None:
        from convergence.measure.convergence import convergence

        # by="doc" rows depend on the document's own sentences only: measure just the labelled documents.
        docs = {link_doc[link] for link in labels["link"].map(_norm_link) if link in link_doc}
        scope = tagged[tagged["doc_id"].astype(str).isin(docs)]
        measured = convergence(scope, actors=actors, by="doc", **convergence_kwargs)
    _need(measured, ("issue", "group", "verdict"), "measured")
    lookup: dict[tuple[str, str], Mapping] = {}
    for rec in measured.to_dict("records"):
        lookup[(str(rec["group"]), str(rec["issue"]))] = rec
    items = labels[labels["issue"].map(lambda v: isinstance(v, str) and bool(v))]
    rows, unmatched = [], []
    for link, issue, gold in zip(
        items["link"].map(_norm_link), items["issue"], items["verdict"], strict=True
    ):
        doc = link_doc.get(link)
        if doc is None:
            unmatched.append(link)
            continue
        rec = lookup.get((doc, issue))
        pred = as_code(rec.get("verdict")) if rec is not None else None
        rows.append(
            {
                "link": link,
                "doc_id": doc,
                "issue": issue,
                "gold": gold,
                "predicted": pred or "insufficient",
                "index": rec.get("index") if rec is not None else None,
                "reason": rec.get("reason") if rec is not None else "no row for this issue",
                "n_a": rec.get("n_a") if rec is not None else 0,
                "n_b": rec.get("n_b") if rec is not None else 0,
            }
        )
    frame = pd.DataFrame(
        rows, columns=["link", "doc_id", "issue", "gold", "predicted", "index", "reason", "n_a", "n_b"]
    )
    frame["correct"] = frame["gold"] == frame["predicted"]
    labels_order = list(VERDICTS) + sorted(set(frame["predicted"]) - set(VERDICTS))
    confusion = (
        pd.crosstab(
            pd.Categorical(frame["gold"], categories=labels_order),
            pd.Categorical(frame["predicted"], categories=labels_order),
            rownames=["gold"],
            colnames=["predicted"],
            dropna=False,
        )
        if len(frame)
        else pd.DataFrame()
    )
    suff = frame[frame["gold"] != "insufficient"]
    both = suff[suff["predicted"] != "insufficient"]
    return {
        "actors": tuple(actors),
        "n": len(frame),
        "accuracy": float(frame["correct"].mean()) if len(frame) else float("nan"),
        "accuracy_ci": wilson(int(frame["correct"].sum()), len(frame)),
        # what always answering "insufficient" would score: the floor the measure must beat
        "baseline_insufficient": float((frame["gold"] == "insufficient").mean())
        if len(frame)
        else float("nan"),
        "confusion": confusion,
        "n_sufficient": len(suff),
        "accuracy_sufficient": float(suff["correct"].mean()) if len(suff) else float("nan"),
        "accuracy_sufficient_ci": wilson(int(suff["correct"].sum()), len(suff)),
        "n_both_sufficient": len(both),
        "accuracy_both_sufficient": float(both["correct"].mean()) if len(both) else float("nan"),
        "rows": frame,
        "unmatched": unmatched,
    }
