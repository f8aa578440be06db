"""Distinctive terms of two actors on an issue: log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4), eq. 16-22.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ..tagging.codes import check_codes
from ._common import MeasureError, as_code, as_list, check_actors, check_tagged

COLUMNS = ["term", "actor", "log_odds", "z", "count_a", "count_b"]

# The same tokens as nltk's RegexpTokenizer with this pattern, without importing nltk (and scipy) per kernel.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]", re.UNICODE | re.MULTILINE | re.DOTALL)


def load_stopwords(path: str | os.PathLike | None = None) -> frozenset[str]:
    """Stopwords, one a line, ``#`` comments (default: data/stopwords.txt)."""
    p = Path(path) if path else Path(str(resources.files("convergence") / "data" / "stopwords.txt"))
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise MeasureError(f"cannot read stopword list {p}: {exc}") from exc
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def tokens(text: str, stopwords: frozenset[str]) -> list[str]:
    """Word tokens; acronyms (US, IMF) keep their case so "US" never becomes the pronoun "us"."""
    out = []
    for tok in _TOKEN.findall(text):
        if len(tok) > 1 and tok.isupper():
            out.append(tok)
            continue
        low = tok.lower()
        if len(low) > 1 and low not in stopwords:
            out.append(low)
    return out


def background_counts(texts, stopwords: frozenset[str] | None = None) -> Counter:
    """Token counts over ``texts`` (the informative prior's background)."""
    stop = load_stopwords() if stopwords is None else stopwords
    counts: Counter = Counter()
    for text in texts:
        counts.update(tokens(str(text), stop))
    return counts


def _stored_background(tagged: pd.DataFrame) -> Counter | None:
    """The whole corpus's background counts, when a report runner loaded ``tagged`` as a slice of it and
    attached them (``attrs["token_background"]``, for exactly the rows it loaded)."""
    attrs = getattr(tagged, "attrs", {}) or {}
    counts = attrs.get("token_background")
    if counts is None or attrs.get("token_background_rows") != len(tagged):
        return None
    return Counter(counts)


def keyness(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors=("USA", "PAK"),
    top: int = 20,
    prior: float | Mapping | str = 500.0,
    stopwords: str | os.PathLike | None = None,
    min_count: int = 2,
) -> pd.DataFrame:
    """Terms that distinguish actor A's sentences on ``issue`` from actor B's (holder = the actor).

    Columns: term, actor (whose term it is), log_odds (delta, A over B; negative = B's term), z (delta
    over its standard error), count_a, count_b. ``top`` terms per actor, largest |z| first.
    ``prior``: a number a0 -> informative prior alpha_w = a0 * f_w with f_w the term's share in the
    whole tagged frame (the background; a frame the report runner loaded as one issue's slice carries the
    whole corpus's counts); "uniform" -> alpha_w = 0.01 for every term; or a mapping
    term -> pseudo-count. Terms counted fewer than ``min_count`` times in A and B together are dropped.
    """
    check_tagged(tagged, columns=("text", "issues", "holder"))
    a, b = check_actors(actors)
    check_codes(tagged, actors=(a, b), issues=[issue])
    if not isinstance(top, int) or top < 1:
        raise MeasureError(f"top must be a positive integer, got {top!r}")
    stop = load_stopwords(stopwords)
    on = tagged["issues"].map(lambda c: issue in as_list(c))
    holder = tagged["holder"].map(as_code)
    count_a: Counter = Counter()
    count_b: Counter = Counter()
    for text in tagged.loc[on & (holder == a), "text"]:
        count_a.update(tokens(str(text), stop))
    for text in tagged.loc[on & (holder == b), "text"]:
        count_b.update(tokens(str(text), stop))
    if not count_a or not count_b:
        return pd.DataFrame(columns=COLUMNS)
    vocab = sorted(t for t in set(count_a) | set(count_b) if count_a[t] + count_b[t] >= min_count)
    if not vocab:
        return pd.DataFrame(columns=COLUMNS)
    ya = np.array([count_a[t] for t in vocab], dtype=float)
    yb = np.array([count_b[t] for t in vocab], dtype=float)
    if isinstance(prior, str):
        if prior != "uniform":
            raise MeasureError(f"prior must be a number, 'uniform' or a mapping; got {prior!r}")
        alpha = np.full(len(vocab), 0.01)
    elif isinstance(prior, Mapping):
        alpha = np.array([float(prior.get(t, 0.01)) for t in vocab])
    else:
        try:
            a0 = float(prior)
        except (TypeError, ValueError):
            raise MeasureError(f"prior must be a number, 'uniform' or a mapping; got {prior!r}") from None
        if a0 <= 0:
            raise MeasureError("prior (a0) must be > 0")
        background = _stored_background(tagged) if stopwords is None else None
        if background is None:
            background = background_counts(tagged["text"], stop)
        total = sum(background.values())
        f = np.array([background.get(t, 0) + 1.0 for t in vocab]) / (total + len(vocab))
        alpha = a0 * f
    alpha = np.maximum(alpha, 1e-9)
    a_sum = alpha.sum()
    na, nb = ya.sum(), yb.sum()
    delta = np.log((ya + alpha) / (na + a_sum - ya - alpha)) - np.log(
        (yb + alpha) / (nb + a_sum - yb - alpha)
    )
    var = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    z = delta / np.sqrt(var)
    frame = pd.DataFrame({"term": vocab, "log_odds": delta, "z": z, "count_a": ya, "count_b": yb})
    frame["count_a"] = frame["count_a"].astype(int)
    frame["count_b"] = frame["count_b"].astype(int)
    top_a = (
        frame[frame["z"] > 0].sort_values(["z", "term"], ascending=[False, True]).head(top).assign(actor=a)
    )
    top_b = frame[frame["z"] < 0].sort_values(["z", "term"], ascending=[True, True]).head(top).assign(actor=b)
    return pd.concat([top_a, top_b], ignore_index=True)[COLUMNS]
