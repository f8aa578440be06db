"""Actors' positions on named issue dimensions, scored by Latent Semantic Scaling of their sentences.

A dimension (data/dimensions.yaml) is an axis between two poles, each defined by seed phrases. Every word of
a word space (data/position_space.npz, built by bench/build_position_space.py) gets a polarity on it: its
mean cosine similarity to the positive seeds minus that to the negative seeds, standardised over the
space's vocabulary (weighted by sentence frequency) so that 0 is the average word and 1 one standard
deviation (Watanabe 2021). A sentence's score is the mean polarity of its words, computed for all sentences
at once as a sparse count matrix times the polarity matrix; a sentence needs no seed word to get a score.
An actor's position in a group is the mean score of the sentences it holds there, with a cluster bootstrap
interval (documents resampled when there are two or more, else sentences). In a UN speech (a row with a
``country`` and a ``doc_speaker``) every sentence is the speaking country's.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._common import By, MeasureError, check_actors, check_tagged, group_labels

#: Tokens of the word space: lower-case words of two or more letters, inner hyphens kept.
TOKEN_PATTERN = r"(?u)\b[a-z][a-z]+(?:-[a-z]+)*\b"
_TOKEN = re.compile(TOKEN_PATTERN)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_DIM_KEYS = ("name", "definition", "sources", "positive", "negative")
_POLE_KEYS = ("label", "seeds")

POSITION_COLUMNS = ["issue", "dimension", "group", "actor", "position", "ci_low", "ci_high", "n", "n_docs"]


@dataclass(frozen=True)
class Pole:
    label: str
    seeds: tuple[str, ...]
    lines: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class Dimension:
    """One axis of an issue: ``positive`` pole scored +, ``negative`` pole scored -."""

    issue: str
    name: str
    definition: str
    sources: tuple[str, ...]
    positive: Pole
    negative: Pole
    source: str = ""
    line: int | None = None

    @property
    def key(self) -> str:
        return f"{self.issue}/{self.name}"

    @property
    def label(self) -> str:
        return f"{self.positive.label} (+) vs {self.negative.label} (-)"


# ---------------------------------------------------------------------------------------------- data files


def _default(name: str) -> Path:
    return Path(str(resources.files("convergence") / "data" / name))


def load_dimensions(path: str | os.PathLike | None = None) -> dict[str, tuple[Dimension, ...]]:
    """The position dimensions per issue slug (data/dimensions.yaml, or a user's file).

    A mistake is a :class:`MeasureError` ``path:line: what is wrong`` (YAML syntax errors at the parser's
    line, any other mistake at the line of the offending entry; a repeated issue or dimension name is an
    error).
    """
    if isinstance(path, dict):
        return path
    p = Path(os.fspath(path)).expanduser() if path is not None else _default("dimensions.yaml")
    if not p.is_file():
        raise MeasureError(f"{p}: no such dimensions file")
    stat = p.stat()
    return dict(_load_dimensions_cached(str(p), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _load_dimensions_cached(path: str, _mtime: int, _size: int) -> dict[str, tuple[Dimension, ...]]:
    from convergence.yamlio import at, line_of, read_yaml

    p = Path(path)
    data = read_yaml(p, error=MeasureError, what="dimensions file")
    if not data:
        raise MeasureError(f"{at(p, 1)}: the dimensions file names no issue")
    out: dict[str, tuple[Dimension, ...]] = {}
    for issue, dims in data.items():
        where = at(p, line_of(data, issue))
        if not isinstance(issue, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", issue):
            raise MeasureError(f"{where}: issue {issue!r}: slugs are lower-case letters, digits and '_'")
        if not isinstance(dims, list) or not dims:
            raise MeasureError(f"{where}: issue {issue!r}: expected a non-empty list of dimensions")
        seen: dict[str, int | None] = {}
        parsed = []
        for i, spec in enumerate(dims):
            dwhere = at(p, line_of(dims, i))
            if not isinstance(spec, dict):
                raise MeasureError(
                    f"{dwhere}: issue {issue!r}: a dimension must be a mapping with {_DIM_KEYS}"
                )
            for key in spec:
                if key not in _DIM_KEYS:
                    raise MeasureError(
                        f"{at(p, line_of(spec, key))}: issue {issue!r}: unknown key {key!r} "
                        f"(known: {', '.join(_DIM_KEYS)})"
                    )
            name = spec.get("name")
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                raise MeasureError(
                    f"{at(p, line_of(spec, 'name') or line_of(spec))}: issue {issue!r}: 'name' must be "
                    f"letters, digits, '-' or '_', got {name!r}"
                )
            if name in seen:
                raise MeasureError(
                    f"{at(p, line_of(spec, 'name'))}: issue {issue!r}: dimension {name!r} repeated "
                    f"(first at line {seen[name]})"
                )
            seen[name] = line_of(spec, "name")
            definition = spec.get("definition") or ""
            if not isinstance(definition, str):
                raise MeasureError(
                    f"{at(p, line_of(spec, 'definition'))}: {issue}/{name}: 'definition' must be text"
                )
            sources = spec.get("sources") or []
            if isinstance(sources, str):
                sources = [sources]
            if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
                raise MeasureError(
                    f"{at(p, line_of(spec, 'sources'))}: {issue}/{name}: 'sources' must be a list of text"
                )
            poles = []
            for side in ("positive", "negative"):
                pole = spec.get(side)
                pwhere = at(p, line_of(spec, side) or line_of(spec))
                if not isinstance(pole, dict):
                    raise MeasureError(
                        f"{pwhere}: {issue}/{name}: '{side}' must be a mapping with label and seeds"
                    )
                for key in pole:
                    if key not in _POLE_KEYS:
                        raise MeasureError(
                            f"{at(p, line_of(pole, key))}: {issue}/{name}: {side}: unknown key {key!r} "
                            f"(known: label, seeds)"
                        )
                seeds = pole.get("seeds")
                if not isinstance(seeds, list) or not seeds:
                    raise MeasureError(f"{pwhere}: {issue}/{name}: {side}: 'seeds' must be a non-empty list")
                for j, s in enumerate(seeds):
                    if not isinstance(s, (str, int)) or not str(s).strip():
                        raise MeasureError(
                            f"{at(p, line_of(seeds, j))}: {issue}/{name}: {side}: a seed must be a word or "
                            f"phrase, got {s!r}"
                        )
                label = pole.get("label") or side
                if not isinstance(label, str):
                    raise MeasureError(
                        f"{at(p, line_of(pole, 'label'))}: {issue}/{name}: {side}: 'label' must be text"
                    )
                lines = tuple(line_of(seeds, j) for j in range(len(seeds)))
                poles.append(Pole(label, tuple(str(s).strip() for s in seeds), lines))
            parsed.append(
                Dimension(
                    issue, name, definition.strip(), tuple(sources), poles[0], poles[1], str(p), line_of(spec)
                )
            )
        out[issue] = tuple(parsed)
    return out


@dataclass(frozen=True, eq=False)
class Space:
    """A word space: ``vocab`` (words), unit ``vectors`` (float32), sentence frequency ``df``, ``meta``."""

    vocab: np.ndarray
    vectors: np.ndarray
    df: np.ndarray
    meta: dict
    source: str

    @property
    def index(self) -> dict[str, int]:
        return _vocab_index(self)


@lru_cache(maxsize=8)
def _vocab_index(space: Space) -> dict[str, int]:
    return {w: i for i, w in enumerate(space.vocab.tolist())}


@lru_cache(maxsize=4)
def _load_space_cached(path: str, mtime: float) -> Space:
    try:
        with np.load(path, allow_pickle=False) as z:
            vocab, vectors, df = z["vocab"], z["vectors"].astype(np.float32), z["df"].astype(np.float64)
    except (OSError, ValueError, KeyError) as exc:
        raise MeasureError(
            f"{path}: cannot read the word space ({exc}); rebuild it with bench/build_position_space.py"
        ) from exc
    if vectors.ndim != 2 or len(vocab) != vectors.shape[0] or len(df) != len(vocab):
        raise MeasureError(f"{path}: the word space's arrays do not match (vocab, vectors, df)")
    meta_path = Path(path).with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    return Space(vocab=vocab, vectors=vectors, df=df, meta=meta, source=path)


def load_space(path: str | os.PathLike | None = None) -> Space:
    """The word space (an ``.npz`` with ``vocab``, ``vectors``, ``df``; no pickles), shipped or a user's."""
    if isinstance(path, Space):
        return path
    p = Path(os.fspath(path)).expanduser() if path is not None else _default("position_space.npz")
    if not p.is_file():
        raise MeasureError(f"{p}: no such word space file (build one with bench/build_position_space.py)")
    return _load_space_cached(str(p.resolve()), p.stat().st_mtime)


# ---------------------------------------------------------------------------------------------- polarity


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _pole_vectors(dim: Dimension, pole: Pole, space: Space) -> np.ndarray:
    index = space.index
    rows = []
    for seed in pole.seeds:
        ids = [index[t] for t in _tokens(seed) if t in index]
        if ids:
            v = space.vectors[ids].mean(axis=0)
            n = np.linalg.norm(v)
            if n > 0:
                rows.append(v / n)
    if not rows:
        raise MeasureError(
            f"{dim.source}:{pole.lines[0] if pole.lines else dim.line}: {dim.key}: no seed of the pole "
            f"{pole.label!r} has a word the word space knows ({space.source}); add seeds"
        )
    return np.vstack(rows)


@lru_cache(maxsize=64)
def _polarity_cached(dim: Dimension, space: Space) -> np.ndarray:
    plus = _pole_vectors(dim, dim.positive, space)
    minus = _pole_vectors(dim, dim.negative, space)
    raw = (space.vectors @ plus.T).mean(axis=1) - (space.vectors @ minus.T).mean(axis=1)
    w = space.df / space.df.sum()
    mean = float((w * raw).sum())
    sd = float(np.sqrt((w * (raw - mean) ** 2).sum()))
    return ((raw - mean) / (sd if sd > 0 else 1.0)).astype(np.float64)


def polarity(dimension: Dimension, *, space=None) -> pd.DataFrame:
    """Word polarity on one dimension: word, polarity (standardised; + toward the positive pole), df."""
    sp = load_space(space)
    pol = _polarity_cached(dimension, sp)
    out = pd.DataFrame({"word": sp.vocab, "polarity": pol, "df": sp.df.astype(int)})
    return out.sort_values("polarity", ascending=False, kind="stable").reset_index(drop=True)


def _count_matrix(texts: list[str], space: Space):
    """Sentence x word count matrix (scipy CSR) over the space's vocabulary: the tokens of the space's build
    (lower-cased, ``TOKEN_PATTERN``); words the space does not know are left out."""
    from scipy.sparse import csr_matrix

    index = space.index
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        indices.extend(index[t] for t in _TOKEN.findall(text.lower()) if t in index)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    X = csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)), shape=(len(texts), len(index))
    )
    X.sum_duplicates()
    return X


def score_sentences(texts, dimensions, *, space=None) -> tuple[np.ndarray, np.ndarray]:
    """Scores of sentences on dimensions: (n_sentences x n_dimensions) array, NaN for a sentence with no word
    the space knows, and the number of such words per sentence. One sparse product for all sentences."""
    sp = load_space(space)
    texts = ["" if t is None else str(t) for t in texts]
    dims = list(dimensions)
    if not texts or not dims:
        return np.full((len(texts), len(dims)), np.nan), np.zeros(len(texts), dtype=int)
    X = _count_matrix(texts, sp)
    P = np.column_stack([_polarity_cached(d, sp) for d in dims])
    n = np.asarray(X.sum(axis=1)).ravel()
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.asarray(X @ P) / n[:, None]
    scores[n == 0] = np.nan
    return scores, n.astype(int)


def sentence_pull(
    text: str, dimension: Dimension, *, space=None, top: int = 3
) -> tuple[list[str], list[str]]:
    """The words of ``text`` that pull it most toward the positive and toward the negative pole."""
    sp = load_space(space)
    pol = _polarity_cached(dimension, sp)
    index = sp.index
    seen = {}
    for t in _tokens(text):
        if t in index:
            seen[t] = pol[index[t]]
    ranked = sorted(seen.items(), key=lambda kv: -kv[1])
    plus = [f"{w} {v:+.1f}" for w, v in ranked if v > 0][:top]
    minus = [f"{w} {v:+.1f}" for w, v in reversed(ranked) if v < 0][:top]
    return plus, minus


# ---------------------------------------------------------------------------------------------- positions


def _union_mask(rows: dict[str, np.ndarray], n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for r in rows.values():
        mask[r] = True
    return mask


def _codes(col: pd.Series) -> pd.Series:
    """Actor codes of a column: stripped text, None for missing or empty values."""
    text = col.astype(object).where(col.notna(), None)
    text = text.map(lambda v: str(v).strip() or None if v is not None else None)
    return text


def position_holders(tagged: pd.DataFrame) -> pd.Series:
    """Whose position each sentence states: the speaking country in a UN speech (a row with ``country`` and
    ``doc_speaker``), else the tagged ``holder``."""
    holder = _codes(tagged["holder"])
    if "doc_speaker" in tagged.columns and "country" in tagged.columns:
        speaker = _codes(tagged["doc_speaker"])
        speech = _codes(tagged["country"]).notna() & speaker.notna()
        holder = holder.where(~speech, speaker)
    return holder.astype(object)


def _issue_rows(tagged: pd.DataFrame, issues) -> dict[str, np.ndarray]:
    from .evidence import issue_positions

    pos = issue_positions(tagged)
    return {s: pos[s] for s in issues if s in pos}


def _boot_means(sums: np.ndarray, counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap means of clustered data: units with per-unit sums (units x dims) and counts."""
    k = len(counts)
    draws = rng.integers(0, k, size=(n_boot, k))
    W = np.zeros((n_boot, k))
    np.add.at(W, (np.arange(n_boot)[:, None], draws), 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (W @ sums) / (W @ counts)[:, None]


@dataclass
class ActorPosition:
    """One actor's sentences on one issue in one group: per-unit sums for the bootstrap."""

    mean: np.ndarray  # per dimension
    sums: np.ndarray  # units x dims
    counts: np.ndarray  # sentences per unit
    n: int
    n_docs: int
    rows: np.ndarray  # row positions in the tagged frame

    def draws(self, n_boot: int, rng: np.random.Generator) -> np.ndarray:
        if n_boot <= 0:
            return np.empty((0, self.sums.shape[1]))
        if len(self.counts) < 2:
            return np.repeat(self.mean[None, :], n_boot, axis=0)
        return _boot_means(self.sums, self.counts, n_boot, rng)


def _actor_position(scores: np.ndarray, doc_ids: np.ndarray, rows: np.ndarray) -> ActorPosition | None:
    ok = ~np.isnan(scores[:, 0])
    scores, doc_ids, rows = scores[ok], doc_ids[ok], rows[ok]
    if not len(scores):
        return None
    codes, uniques = pd.factorize(np.asarray(doc_ids, dtype=object))
    if len(uniques) >= 2:
        sums = np.zeros((len(uniques), scores.shape[1]))
        np.add.at(sums, codes, scores)
        counts = np.bincount(codes, minlength=len(uniques)).astype(float)
    else:  # one document: resample its sentences
        sums, counts = scores.copy(), np.ones(len(scores))
    return ActorPosition(scores.mean(axis=0), sums, counts, len(scores), len(uniques), rows)


class PositionTable:
    """Sentence scores of the actors' sentences on the issues' dimensions, computed once per frame.

    ``issue_rows`` (``evidence.issue_positions(tagged)``) and ``labels`` (``group_labels(tagged, by)``) save
    their computation when the caller has them; only the rows on the issues are read."""

    def __init__(
        self, tagged, *, actors, issues, by, dimensions=None, space=None, labels=None, issue_rows=None
    ):
        self.dimensions = load_dimensions(dimensions)
        self.space = load_space(space)
        self.actors = tuple(actors)
        self.by = by
        keep = [s for s in issues if s in self.dimensions]
        if issue_rows is None:
            rows = _issue_rows(tagged, keep)
        else:
            rows = {s: issue_rows[s] for s in keep if s in issue_rows}
        # a row can be an actor's only when its holder or its document's speaker is that actor
        cand = np.zeros(len(tagged), dtype=bool)
        for col in ("holder", "doc_speaker"):
            if col in tagged.columns:
                cand |= tagged[col].isin(self.actors).to_numpy()
        union = np.flatnonzero(_union_mask(rows, len(tagged)) & cand)
        cols = [c for c in ("holder", "country", "doc_speaker") if c in tagged.columns]
        holders_u = position_holders(tagged[cols].iloc[union]).to_numpy(dtype=object)
        is_actor = np.zeros(len(tagged), dtype=bool)
        is_actor[union[np.isin(holders_u, self.actors)]] = True
        holder_at = np.empty(len(tagged), dtype=object)
        holder_at[union] = holders_u
        wanted = {}
        for s, r in rows.items():
            ok = is_actor[r]
            wanted[s] = (r[ok], holder_at[r[ok]])
        allrows = np.flatnonzero(is_actor)
        keep_cols = [c for c in ("text", "doc_id", "tone") if c in tagged.columns]
        sub_all = tagged[keep_cols].iloc[allrows]
        all_dims = [d for s in wanted for d in self.dimensions[s]]
        if len(allrows):
            scores, _n = score_sentences(sub_all["text"].tolist(), all_dims, space=self.space)
        labels = labels if labels is not None else group_labels(tagged, by)
        lab = labels.to_numpy(dtype=object)[allrows]
        doc = sub_all["doc_id"].astype(str).to_numpy(dtype=object)
        tone = None
        if "tone" in sub_all.columns:
            tone = pd.to_numeric(sub_all["tone"], errors="coerce").to_numpy()
        self.cells: dict[tuple[str, str, str], ActorPosition] = {}
        self.tone_of: dict[tuple[str, str, str], float] = {}
        col = 0
        for issue, (r, h) in wanted.items():
            k = len(self.dimensions[issue])
            if len(r):
                at = np.searchsorted(allrows, r)
                sub = scores[at, col : col + k]
                frame = pd.DataFrame({"g": lab[at], "a": h, "i": np.arange(len(r))})
                for (g, a), idx in frame.groupby(["g", "a"], sort=False)["i"]:
                    ii = idx.to_numpy()
                    pos = _actor_position(sub[ii], doc[at[ii]], r[ii])
                    if pos is not None:
                        self.cells[(issue, str(g), str(a))] = pos
                    if tone is not None and np.isfinite(tone[at[ii]]).any():
                        self.tone_of[(issue, str(g), str(a))] = float(np.nanmean(tone[at[ii]]))
            col += k

    def get(self, issue: str, group: str, actor: str) -> ActorPosition | None:
        return self.cells.get((issue, str(group), actor))


def issues_with_dimensions(issues, dims) -> list[str]:
    """The issues asked for (None: every issue with a dimension; a slug or a list), each checked to have a
    position dimension in ``dims``."""
    if issues is None:
        return list(dims)
    issues = [issues] if isinstance(issues, str) else list(issues)
    unknown = [s for s in issues if s not in dims]
    if unknown:
        raise MeasureError(
            f"no position dimension for issue(s) {', '.join(unknown)}; known: {', '.join(dims)}"
        )
    return issues


def positions(
    tagged: pd.DataFrame,
    *,
    actors=("USA", "PAK"),
    by: By = "corpus",
    issues=None,
    dimensions=None,
    space=None,
    n_boot: int = 500,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Each actor's position on each dimension of each issue, per group, with a bootstrap interval.

    Columns: issue, dimension, group, actor, position (mean sentence score; + toward the positive pole),
    ci_low, ci_high (percentile interval of a cluster bootstrap: documents, or sentences within one
    document), n (sentences), n_docs. ``actors`` may name any number of actor codes; ``dimensions`` and
    ``space`` take a user's YAML / ``.npz``.
    """
    check_tagged(tagged)
    if isinstance(actors, str):
        actors = [a.strip() for a in actors.split(",") if a.strip()]
    actors = tuple(str(a).strip().upper() for a in actors)
    if not actors:
        raise MeasureError("actors must name at least one actor code")
    dims = load_dimensions(dimensions)
    issues = issues_with_dimensions(issues, dims)
    table = PositionTable(tagged, actors=actors, issues=issues, by=by, dimensions=dims, space=space)
    alpha = (1 - ci) / 2
    rows = []
    for (issue, group, actor), pos in sorted(table.cells.items()):
        rng = np.random.default_rng([int(seed), zlib.crc32(f"{issue}|{group}|{actor}".encode())])
        boots = pos.draws(int(n_boot), rng)
        for j, dim in enumerate(dims[issue]):
            lo, hi = np.nanquantile(boots[:, j], [alpha, 1 - alpha]) if len(boots) else (np.nan, np.nan)
            rows.append(
                {
                    "issue": issue,
                    "dimension": dim.name,
                    "group": group,
                    "actor": actor,
                    "position": float(pos.mean[j]),
                    "ci_low": float(lo),
                    "ci_high": float(hi),
                    "n": pos.n,
                    "n_docs": pos.n_docs,
                }
            )
    out = pd.DataFrame(rows, columns=POSITION_COLUMNS)
    out.attrs["by"] = by
    out.attrs["dimensions"] = {s: [d.name for d in dims[s]] for s in issues}
    out.attrs["poles"] = {d.key: (d.positive.label, d.negative.label) for s in issues for d in dims[s]}
    return out


def position_evidence(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors=("USA", "PAK"),
    dimension: str | None = None,
    by: By | None = None,
    dimensions=None,
    space=None,
    top_words: int = 3,
) -> pd.DataFrame:
    """The actors' sentences on ``issue`` with their score on a dimension (the issue's first by default),
    strongest pull first toward each pole: actor, group, doc_id, sent_id, text, score, pole (the pole the
    sentence leans to), pull_plus / pull_minus (the words that pull it most each way, with their polarity)."""
    check_tagged(tagged)
    pair = check_actors(actors) if len(tuple(actors)) == 2 else tuple(actors)
    dims = load_dimensions(dimensions)
    if issue not in dims:
        raise MeasureError(f"no position dimension for issue {issue!r}; known: {', '.join(dims)}")
    names = [d.name for d in dims[issue]]
    if dimension is None:
        dim = dims[issue][0]
    elif dimension in names:
        dim = dims[issue][names.index(dimension)]
    else:
        raise MeasureError(f"issue {issue!r} has no dimension {dimension!r}; known: {', '.join(names)}")
    sp = load_space(space)
    holders = position_holders(tagged).to_numpy(dtype=object)
    rows = _issue_rows(tagged, [issue]).get(issue, np.empty(0, dtype=np.int64))
    rows = rows[np.isin(holders[rows], pair)]
    cols = ["actor", "group", "doc_id", "sent_id", "text", "score", "pole", "pull_plus", "pull_minus"]
    if not len(rows):
        return pd.DataFrame(columns=cols)
    sub = tagged.iloc[rows]
    scores, _n = score_sentences(sub["text"].tolist(), [dim], space=sp)
    groups = group_labels(sub, by).to_numpy() if by else np.full(len(sub), "all", dtype=object)
    out = []
    for k, text in enumerate(sub["text"].tolist()):
        s = scores[k, 0]
        if s != s:
            continue
        plus, minus = sentence_pull(text, dim, space=sp, top=top_words)
        out.append(
            {
                "actor": holders[rows[k]],
                "group": groups[k],
                "doc_id": str(sub["doc_id"].iloc[k]),
                "sent_id": int(sub["sent_id"].iloc[k]),
                "text": text,
                "score": float(s),
                "pole": dim.positive.label if s > 0 else dim.negative.label,
                "pull_plus": plus,
                "pull_minus": minus,
            }
        )
    frame = pd.DataFrame(out, columns=cols)
    frame = frame.sort_values(["actor", "score"], ascending=[True, False], kind="stable").reset_index(
        drop=True
    )
    frame.attrs.update(
        issue=issue, dimension=dim.name, positive=dim.positive.label, negative=dim.negative.label
    )
    return frame


# ---------------------------------------------------------------------------------------------- agreement


def position_agreement(
    dims, a: ActorPosition, b: ActorPosition, *, scale: float, n_boot: int, rng: np.random.Generator
) -> dict:
    """Agreement of two actors' positions: per dimension ``1 - |a - b| / scale`` clipped to [-1, 1], averaged
    over the issue's dimensions; with bootstrap draws (each side resampled on its own) and the evidence
    count ``n = sqrt(n_a * n_b)`` sentences."""
    per = np.clip(1.0 - np.abs(a.mean - b.mean) / scale, -1.0, 1.0)
    da, db = a.draws(n_boot, rng), b.draws(n_boot, rng)
    draws = np.clip(1.0 - np.abs(da - db) / scale, -1.0, 1.0).mean(axis=1) if n_boot > 0 else np.empty(0)
    return {
        "value": float(per.mean()),
        "draws": draws,
        "n": float(np.sqrt(a.n * b.n)),
        "per_dimension": per,
        "draws_a": da,
        "draws_b": db,
    }
