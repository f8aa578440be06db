"""Per-issue convergence index of two actors, with a bootstrap interval, a verdict and its evidence.

The method is written down in docs/methods.md. In short, for one issue and one group of sentences:

* gap G: for every object both actors take a stance on (a third actor, or the issue itself), the signed
  geometric mean ``sign(a)·sign(b)·sqrt(|a|·|b|)`` of their mean stances, averaged with weights
  ``sqrt(W_a·W_b)``;
* directed D: mean stance of sentences in which one actor of the pair acts on or speaks of the other;
* relation R: mean relation cue of sentences mentioning both actors ("whereas", "common ground");
* index = sum_c w_c·sqrt(n_c)·C / sum_c w_c·sqrt(n_c) over the available components, in [-1, 1].

A verdict (convergent/divergent) needs at least ``min_units`` resampling units in the index, both sides for
agreement (``min_side``), and the bootstrap interval wholly beyond ``ci_margin`` on the index's side;
otherwise the row is mixed or insufficient and ``reason`` names the rule.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from ..tagging.codes import check_codes
from ..verdicts import VERDICTS  # noqa: F401 - the verdicts' one order, kept importable from here
from ._common import (
    BY_CHOICES,
    By,
    MeasureError,
    check_actors,
    check_tagged,
    group_labels,
    json_safe,
    load_thresholds,
)
from .evidence import EVIDENCE_COLUMNS, evidence_rows, issue_positions
from .positions import PositionTable, load_dimensions, position_agreement

COLUMNS = [
    "issue",
    "group",
    "index",
    "ci_low",
    "ci_high",
    "verdict",
    "reason",
    "n_a",
    "n_b",
    "stance_a",
    "stance_b",
    "relation",
    "n_relation",
    "components",
    "evidence",
    "index_cues",
    "verdict_cues",
    "position_agreement",
    "positions",
    "tone_a",
    "tone_b",
]


class _Rows:
    """The evidence rows of one issue as column arrays (numbers as floats, the rest as objects, each cell as
    the evidence frame holds it): a group's rows are taken by position, without building a frame per group."""

    FLOATS = ("value", "weight", "stance", "relation")

    def __init__(self, cols: dict[str, np.ndarray]):
        self.c = cols
        self.n = len(cols["kind"])

    @classmethod
    def of(cls, ev: pd.DataFrame) -> _Rows:
        cols = {}
        for name in EVIDENCE_COLUMNS:
            if name in cls.FLOATS:
                cols[name] = ev[name].to_numpy(dtype=float)
            else:
                values = np.empty(len(ev), dtype=object)
                values[:] = ev[name].tolist()
                cols[name] = values
        return cls(cols)

    def take(self, idx: np.ndarray) -> _Rows:
        return _Rows({name: col[idx] for name, col in self.c.items()})

    def __getitem__(self, name: str) -> np.ndarray:
        return self.c[name]

    def __len__(self) -> int:
        return self.n

    def sentence_keys(self) -> list[str]:
        return [
            f"{d}#{s}" for d, s in zip(self.c["doc_id"].tolist(), self.c["sent_id"].tolist(), strict=True)
        ]


class _Design:
    """Evidence rows of one (issue, group) turned into arrays, so the index of many bootstrap
    resamples is computed at once from a (resamples x rows) weight matrix."""

    def __init__(self, ev: _Rows, actors: tuple[str, str], settings: dict, *, cluster_docs: bool):
        self.ev = ev
        self.actors = actors
        self.settings = settings
        self.value = ev["value"]
        self.weight = ev["weight"]
        kind = ev["kind"]
        actor = ev["actor"]
        self.directed = np.flatnonzero(kind == "directed")
        self.relation = np.flatnonzero(kind == "relation")
        pos = kind == "position"
        a, b = actors
        obj = ev["object"]
        objects_a = set(obj[pos & (actor == a)].tolist())
        objects_b = set(obj[pos & (actor == b)].tolist())
        self.shared = sorted(objects_a & objects_b)
        self.cells = [
            (np.flatnonzero(pos & (actor == a) & (obj == o)), np.flatnonzero(pos & (actor == b) & (obj == o)))
            for o in self.shared
        ]
        self.pooled = False
        if not self.shared and objects_a and objects_b and settings["pooled_gap_weight"] > 0:
            self.pooled = True
            self.cells = [(np.flatnonzero(pos & (actor == a)), np.flatnonzero(pos & (actor == b)))]
        self.keys = ev.sentence_keys()
        self.cluster_docs = cluster_docs
        units = [str(d) for d in ev["doc_id"].tolist()] if cluster_docs else self.keys
        codes, uniques = pd.factorize(np.asarray(units, dtype=object))
        self.unit = codes
        self.n_units = len(uniques)
        used = self.used_rows()
        self.n_used = len(set(codes[used].tolist()))

    def used_rows(self) -> np.ndarray:
        """Rows that enter a component: directed and relation rows, and position rows of compared objects."""
        parts = [self.directed, self.relation]
        for ia, ib in self.cells:
            if ia.size and ib.size:
                parts.extend([ia, ib])
        return np.unique(np.concatenate(parts)) if parts else np.array([], dtype=int)

    def side_sentences(self) -> tuple[int, int]:
        """Distinct sentences per side that enter a component; a relation sentence counts for both sides."""
        used = self.used_rows().tolist()
        keys = self.keys
        actor = self.ev["actor"]
        kind = self.ev["kind"]
        rel = {keys[i] for i in used if kind[i] == "relation"}
        out = []
        for who in self.actors:
            own = {keys[i] for i in used if actor[i] == who}
            out.append(len(own | rel))
        return out[0], out[1]

    # -- computation on a weight matrix W (B x R) ------------------------------------------------------
    @staticmethod
    def _mean(W: np.ndarray, v: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if idx.size == 0:
            n = np.zeros(W.shape[0])
            return np.full(W.shape[0], np.nan), n
        w = W[:, idx]
        n = w.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            m = (w * v[idx]).sum(axis=1) / n
        return np.where(n > 0, m, np.nan), n

    def components(self, W: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        v = self.value
        out = {}
        if self.cells:
            num = np.zeros(W.shape[0])
            den = np.zeros(W.shape[0])
            for ia, ib in self.cells:
                ma, na = self._mean(W, v, ia)
                mb, nb = self._mean(W, v, ib)
                g = np.sign(ma) * np.sign(mb) * np.sqrt(np.abs(ma) * np.abs(mb))
                w = np.sqrt(na * nb)
                ok = (w > 0) & ~np.isnan(g)
                num += np.where(ok, w * np.nan_to_num(g), 0.0)
                den += np.where(ok, w, 0.0)
            with np.errstate(invalid="ignore", divide="ignore"):
                gap = np.where(den > 0, num / den, np.nan)
            n_gap = den * (self.settings["pooled_gap_weight"] if self.pooled else 1.0)
            out["gap"] = (gap, n_gap)
        out["directed"] = self._mean(W, v, self.directed)
        out["relation"] = self._mean(W, v, self.relation)
        return out

    def index(self, W: np.ndarray) -> tuple[np.ndarray, dict]:
        comps = self.components(W)
        num = np.zeros(W.shape[0])
        den = np.zeros(W.shape[0])
        for name, (val, n) in comps.items():
            cw = self.settings["weights"][name] * np.sqrt(np.maximum(n, 0.0))
            ok = (cw > 0) & ~np.isnan(val)
            num += np.where(ok, cw * np.nan_to_num(val), 0.0)
            den += np.where(ok, cw, 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            idx = np.where(den > 0, num / den, np.nan)
        return np.clip(idx, -1.0, 1.0), comps

    def point(self) -> tuple[float, dict]:
        idx, comps = self.index(self.weight[None, :])
        return float(idx[0]), {k: (float(v[0]), float(n[0])) for k, (v, n) in comps.items()}

    def bootstrap(self, n_boot: int, rng: np.random.Generator, chunk: int = 500) -> np.ndarray:
        # only the units that carry component evidence are resampled: rows that enter no component
        # (positions on objects the other side never addresses) must not thin out the resamples
        used = np.unique(self.unit[self.used_rows()])
        if used.size == 0:
            return np.array([])
        slot = np.full(self.n_units, -1)
        slot[used] = np.arange(used.size)
        row_slot = slot[self.unit]
        keep = row_slot >= 0
        strata = self._strata(used, slot)
        out = []
        for start in range(0, n_boot, chunk):
            size = min(chunk, n_boot - start)
            if strata is None:
                draws = rng.integers(0, used.size, size=(size, used.size))
            else:
                draws = np.concatenate(
                    [members[rng.integers(0, members.size, size=(size, members.size))] for members in strata],
                    axis=1,
                )
            counts = np.zeros((size, used.size))
            np.add.at(counts, (np.arange(size)[:, None], draws), 1.0)
            W = np.where(keep[None, :], counts[:, np.maximum(row_slot, 0)], 0.0) * self.weight[None, :]
            out.append(self.index(W)[0])
        return np.concatenate(out) if out else np.array([])

    def _strata(self, used: np.ndarray, slot: np.ndarray) -> list[np.ndarray] | None:
        """The slots of the resampled sentences of one document by side, when each side's positions rest
        on two sentences or more: those holding only A's compared positions, only B's, and the others
        (directed and relation rows, or both sides'). Each is resampled within itself, as in a two-sample
        bootstrap: a replicate of an article that reports both sides still reports both. None (resample
        all units together) when a side has fewer than two sentences (evidence hanging on one sentence of
        one side must not give a tight interval), and when the units are documents: a set of speeches
        may well lack one side's, and that uncertainty stays in the interval."""
        if not self.cells or self.cluster_docs:
            return None
        side = np.zeros(self.n_units, dtype=int)  # bit 1: A's compared positions, bit 2: B's
        for ia, ib in self.cells:
            np.bitwise_or.at(side, self.unit[ia], 1)
            np.bitwise_or.at(side, self.unit[ib], 2)
        other = np.zeros(self.n_units, dtype=bool)
        other[self.unit[np.concatenate([self.directed, self.relation])]] = True
        only_a = (side == 1) & ~other
        only_b = (side == 2) & ~other
        groups = [used[only_a[used]], used[only_b[used]], used[~(only_a | only_b)[used]]]
        if groups[0].size < 2 or groups[1].size < 2:
            return None
        return [slot[g] for g in groups if g.size]

    def signals(self) -> tuple[float, float]:
        """Weight of agreeing and of disagreeing evidence (point estimate)."""
        agree = disagree = 0.0
        v, w = self.value, self.weight
        for idx in (self.directed, self.relation):
            agree += float(w[idx][v[idx] > 0].sum())
            disagree += float(w[idx][v[idx] < 0].sum())
        factor = self.settings["pooled_gap_weight"] if self.pooled else 1.0
        factor *= 1.0 if self.settings["weights"]["gap"] > 0 else 0.0  # a gap that gives way signals nothing
        for ia, ib in self.cells:
            na, nb = w[ia].sum(), w[ib].sum()
            if na <= 0 or nb <= 0:
                continue
            ma, mb = (w[ia] * v[ia]).sum() / na, (w[ib] * v[ib]).sum() / nb
            s = np.sign(ma) * np.sign(mb)
            wt = float(np.sqrt(na * nb)) * factor
            if s > 0:
                agree += wt
            elif s < 0:
                disagree += wt
        return agree, disagree


def _split_groups(ev: pd.DataFrame) -> dict:
    """The evidence rows of each group (in their order), as :class:`_Rows`."""
    if not len(ev):
        return {}
    rows = _Rows.of(ev)
    members: dict = {}
    for i, group in enumerate(ev["group"].tolist()):
        members.setdefault(group, []).append(i)
    return {group: rows.take(np.asarray(ix, dtype=np.int64)) for group, ix in members.items()}


_EMPTY = _Rows(
    {name: np.empty(0, dtype=float if name in _Rows.FLOATS else object) for name in EVIDENCE_COLUMNS}
)


def _fmt(x: float) -> str:
    return "n/a" if x is None or x != x else f"{x:+.2f}"


def _ci_ok(bound: float, margin: float, side: str) -> str:
    if bound != bound:
        return ""
    if side == ">":
        return f", interval above {'0' if margin == 0 else f'+{margin:.2f}'} (from {bound:+.2f})"
    return f", interval below {'0' if margin == 0 else f'-{margin:.2f}'} (up to {bound:+.2f})"


def _skipna_mean(values: np.ndarray) -> float:
    """pandas' ``Series.mean()`` of floats: NaN skipped (summed as 0), NaN when nothing is left."""
    missing = np.isnan(values)
    n = len(values) - int(missing.sum())
    if not n:
        return np.nan
    return float(np.where(missing, 0.0, values).sum() / n)


def _skipna_sum(values: np.ndarray) -> float:
    """pandas' ``Series.sum()`` of floats: NaN counted as 0."""
    return float(np.where(np.isnan(values), 0.0, values).sum())


def _sentences(ev: _Rows, actor: str) -> np.ndarray:
    """Rows of the distinct sentences (the first row of each) in which ``actor`` states a position or acts
    on the other side."""
    kind, doc, sent = ev["kind"], ev["doc_id"], ev["sent_id"]
    mine = np.flatnonzero((ev["actor"] == actor) & ((kind == "position") | (kind == "directed")))
    seen: set = set()
    first = []
    for i in mine.tolist():
        key = (doc[i], sent[i])
        if key not in seen:
            seen.add(key)
            first.append(i)
    return np.asarray(first, dtype=np.int64)


def _top_evidence(ev: _Rows, actors: tuple[str, str], top: int) -> list[dict]:
    """Per actor (and the pair's relation rows), the ``top`` strongest distinct sentences: strength
    |value| x weight descending, then doc_id and sent_id ascending, the earlier row first on a full tie."""
    if not len(ev) or top <= 0:
        return []
    strength = np.abs(ev["value"]) * ev["weight"]
    strength = np.where(np.isnan(strength), -np.inf, strength).tolist()
    col = {c: ev[c] for c in ("actor", "kind", "doc_id", "sent_id", "text", "stance", "relation")}
    col.update({c: ev[c] for c in ("cues", "holder", "targets", "object", "weight")})
    actor = col["actor"]
    picked = []
    for who in (*actors, f"{actors[0]}/{actors[1]}"):
        rows = np.flatnonzero(actor == who).tolist()
        rows.sort(key=lambda j: (-strength[j], col["doc_id"][j], col["sent_id"][j]))
        seen: set = set()
        for j in rows:
            key = (col["doc_id"][j], col["sent_id"][j])
            if key in seen:
                continue
            seen.add(key)
            picked.append(
                {
                    "actor": col["actor"][j],
                    "kind": col["kind"][j],
                    "doc_id": col["doc_id"][j],
                    "sent_id": int(col["sent_id"][j]),
                    "text": col["text"][j],
                    "stance": float(col["stance"][j]),
                    "relation": float(col["relation"][j]),
                    "cues": list(col["cues"][j]),
                    "holder": col["holder"][j],
                    "targets": list(col["targets"][j]),
                    "object": col["object"][j],
                    "weight": float(col["weight"][j]),
                }
            )
            if len(seen) == top:
                break
    return picked


def _row(issue: str, group: str, **fields) -> dict:
    """An (issue, group) row of the table: insufficient, with no index, until ``fields`` say otherwise."""
    return {
        "issue": issue,
        "group": group,
        "index": np.nan,
        "ci_low": np.nan,
        "ci_high": np.nan,
        "verdict": "insufficient",
        "reason": "",
        "n_a": 0,
        "n_b": 0,
        "stance_a": np.nan,
        "stance_b": np.nan,
        "relation": np.nan,
        "n_relation": 0,
        "components": {},
        "evidence": [],
        **fields,
    }


def _no_evidence(issue: str, group: str, actors: tuple[str, str]) -> dict:
    """The row of an (issue, group) in which no sentence gives the pair evidence."""
    a, b = actors
    return _row(
        issue, group, reason=f"no sentence on this issue states a position of {a} or {b}, nor relates them"
    )


def _assess(
    issue: str,
    group: str,
    ev: _Rows,
    actors: tuple[str, str],
    settings: dict,
    *,
    by: str,
    n_boot: int,
    seed: int,
    top_evidence: int,
) -> dict:
    a, b = actors
    if not len(ev):
        return _no_evidence(issue, group, actors)
    sa, sb = _sentences(ev, a), _sentences(ev, b)
    kind = ev["kind"]
    is_rel = kind == "relation"
    rel = np.flatnonzero(is_rel)
    stance = ev["stance"]
    rel_value = (ev["value"][rel] * ev["weight"][rel]) if len(rel) else None
    row = _row(
        issue,
        group,
        n_a=len(sa),
        n_b=len(sb),
        stance_a=_skipna_mean(stance[sa]) if len(sa) else np.nan,
        stance_b=_skipna_mean(stance[sb]) if len(sb) else np.nan,
        relation=_skipna_sum(rel_value) / _skipna_sum(ev["weight"][rel]) if len(rel) else np.nan,
        n_relation=len(rel),
        evidence=_top_evidence(ev, actors, top_evidence),
    )
    # evidence count: one per sentence and side; a relation sentence states both sides, so it counts twice
    side = np.where(is_rel, "both", ev["actor"])
    sides = set(zip(ev["doc_id"].tolist(), ev["sent_id"].tolist(), side.tolist(), strict=True))
    n_total = len(sides) + sum(1 for key in sides if key[2] == "both")
    counts = f"{a} {len(sa)} sentence(s), {b} {len(sb)}, relation cues {len(rel)}"
    if n_total == 0:
        row["reason"] = _no_evidence(issue, group, actors)["reason"]
        return row
    n_docs = len(set(ev["doc_id"].tolist()))
    design = _Design(ev, actors, settings, cluster_docs=(by != "doc" and n_docs >= 2))
    index, comps = design.point()
    comp_out = {name: json_safe(val) for name, (val, _n) in comps.items()}
    comp_out.update({f"n_{name}": round(n, 3) for name, (_v, n) in comps.items()})
    comp_out["gap_objects"] = list(design.shared) if not design.pooled else ["(pooled)"]
    agree, disagree = design.signals()
    total_signal = agree + disagree
    comp_out["agree_share"] = agree / total_signal if total_signal else None
    comp_out["disagree_share"] = disagree / total_signal if total_signal else None
    comp_out["weights"] = dict(settings["weights"])
    comp_out["bootstrap_unit"] = "document" if (by != "doc" and n_docs >= 2) else "sentence"
    row["components"] = comp_out
    available = {k: v for k, (v, n) in comps.items() if n > 0 and v == v and settings["weights"][k] > 0}
    # A directed act with a clear cue (one side thanking, praising, condemning, sanctioning, warning the
    # other) states the pair's relation by itself: with nothing in the text pointing the other way it needs
    # neither the other side's words nor a second sentence (the reason says how thin it is).
    if not available:
        if len(sa) and not len(sb):
            row["reason"] = (
                f"only {a} states a position ({len(sa)} sentence(s)); {b} none, and no relation cue"
            )
        elif len(sb) and not len(sa):
            row["reason"] = (
                f"only {b} states a position ({len(sb)} sentence(s)); {a} none, and no relation cue"
            )
        else:
            row["reason"] = f"the two sides address nothing in common and nothing relates them; {counts}"
        return row
    directed_alone = _directed_alone(ev, design, comps, settings) and not (agree and disagree)
    if n_total < settings["min_evidence"] and not directed_alone:
        row["reason"] = (
            f"too little evidence: {n_total} (minimum {settings['min_evidence']}; a relation sentence counts "
            f"for both sides); {counts}"
        )
        row["index"] = index
        return row
    min_side = settings["min_side"]
    side_a, side_b = design.side_sentences()
    one_way = not (agree and disagree)
    if index > 0 and (side_a < min_side or side_b < min_side) and not directed_alone:
        who, other, n_who, n_other = (a, b, side_a, side_b) if side_a >= side_b else (b, a, side_b, side_a)
        row["index"] = index
        if n_other == 0:
            row["reason"] = (
                f"only {who} states a position ({n_who} sentence(s), index {_fmt(index)}); {other}'s side is "
                "not given, and agreement needs both sides"
            )
        else:
            row["reason"] = (
                f"agreement needs both sides: {other} has {n_other} sentence(s) in the index (minimum "
                f"{min_side} per side; a relation sentence counts for both); index {_fmt(index)}; {counts}"
            )
        return row
    rng = np.random.default_rng([int(seed), zlib.crc32(issue.encode()), zlib.crc32(str(group).encode())])
    boots = design.bootstrap(int(n_boot), rng) if n_boot and n_boot > 0 else np.array([])
    # a resample in which the compared evidence vanishes (e.g. it drew none of one side's sentences) has no
    # index; it supports neither direction and counts as 0, so fragile evidence cannot give a tight interval
    undefined = float(np.isnan(boots).mean()) if boots.size else 0.0
    boots = np.nan_to_num(boots, nan=0.0)
    alpha = (1 - settings["ci"]) / 2
    lo, hi = np.quantile(boots, [alpha, 1 - alpha]) if boots.size else (np.nan, np.nan)
    row.update(index=index, ci_low=float(lo), ci_high=float(hi))
    row["_boots"] = boots  # the position step (_add_positions) combines these with its own draws
    parts = []
    for name in ("gap", "directed", "relation"):
        if name in available:
            parts.append(f"{name} {_fmt(available[name])} (n={comps[name][1]:.3g})")
    detail = f"index {_fmt(index)} from " + ", ".join(parts) + f"; {counts}"
    unit = comp_out["bootstrap_unit"]
    comp_out["n_units"] = design.n_units
    comp_out["n_units_used"] = design.n_used
    comp_out["boot_undefined"] = round(undefined, 4)
    comp_out["n_side_a"], comp_out["n_side_b"] = side_a, side_b
    comp_out["directed_alone"] = bool(directed_alone)
    # An explicit relation sentence tied to the pair ("whereas", "contentious issues straining relations
    # between Pakistan and the USA") is the text's own statement of the relation: with nothing pointing the
    # other way, `min_units_relation` of them suffice; a clear directed act, `min_units_directed`.
    min_units = settings["min_units"]
    if "relation" in available and one_way:
        min_units = min(min_units, settings["min_units_relation"])
    if directed_alone:
        min_units = min(min_units, settings["min_units_directed"])
    if min_units <= design.n_used < 3:
        detail += f"; thin evidence: the interval rests on {design.n_used} {unit}(s) only"
        if directed_alone and design.n_used < settings["min_units"]:
            detail += " (a directed act the text does not contradict)"
    if design.n_used < min_units:
        row["reason"] = (
            f"thin evidence: the index rests on {design.n_used} {unit}(s) (minimum {min_units}); {detail}"
        )
        return row
    row["verdict"], row["reason"] = decide(index, lo, hi, agree, disagree, settings, detail)
    return row


def _directed_alone(ev: _Rows, design, comps, settings) -> bool:
    """True when the index rests on directed acts that all point the same way and are clear: every cue
    at least ``directed_alone`` (|stance|; ``directed_alone_against`` for acts against the other side), or
    several acts of which one is ("reciprocates the US desire for better ties" beside two milder wishes to
    improve them)."""
    floor = settings["directed_alone"]
    if floor is None or floor <= 0 or comps.get("directed", (0, 0))[1] <= 0:
        return False
    v = ev["value"][ev["kind"] == "directed"]
    if not len(v) or not ((v > 0).all() or (v < 0).all()):
        return False
    if (v < 0).all():
        floor = settings["directed_alone_against"]  # conflict cues are clear acts from a lower strength
    clear = np.abs(v) >= floor
    return bool(clear.all() or (len(v) >= 2 and clear.any()))


def decide(index, lo, hi, agree, disagree, settings, detail=""):
    """(verdict, reason) from the index, its interval and the evidence signals. The rules are invariants:

    * convergent  <=> index >= threshold and ci_low > ci_margin (with an interval);
    * divergent   <=> index <= -threshold and ci_high < -ci_margin;
    * mixed       <=> neither, and agreeing and disagreeing evidence each carry at least ``mixed_share``;
    * insufficient otherwise.
    Without an interval (``n_boot=0``) the index alone decides convergent / divergent.
    """
    t, margin = settings["threshold"], settings["ci_margin"]
    has_ci = lo == lo and hi == hi
    total = agree + disagree
    # evidence both ways means each way carries at least `mixed_share` of the evidence weight
    both_ways = bool(total) and min(agree, disagree) / total >= settings["mixed_share"]
    share = f"{agree / total:.0%} agreeing vs {disagree / total:.0%} disagreeing" if total else ""
    no_ci = "" if has_ci else "; no interval computed (n_boot=0), so the interval rule was not applied"
    if index >= t and (not has_ci or lo > margin):
        why = f"index >= +{t:.2f}" + (
            f" and the interval [{lo:+.2f}, {hi:+.2f}] above {margin:+.2f}" if has_ci else ""
        )
        return "convergent", why + (
            f", despite evidence both ways ({share})" if both_ways else ""
        ) + no_ci + f"; {detail}"
    if index <= -t and (not has_ci or hi < -margin):
        why = f"index <= -{t:.2f}" + (
            f" and the interval [{lo:+.2f}, {hi:+.2f}] below {-margin:+.2f}" if has_ci else ""
        )
        return "divergent", why + (
            f", despite evidence both ways ({share})" if both_ways else ""
        ) + no_ci + f"; {detail}"
    if both_ways:
        return (
            "mixed",
            f"evidence both ways ({share}) and neither direction settled by the index and its interval; "
            + detail,
        )
    if abs(index) >= t:
        return "insufficient", (
            f"index {_fmt(index)} is beyond +/-{t:.2f} but the interval [{lo:+.2f}, {hi:+.2f}] does not lie "
            f"wholly beyond {margin:+.2f}: direction not settled; {detail}"
        )
    return "insufficient", f"signal too weak: |index| < {t:.2f}; {detail}"


def convergence(
    tagged: pd.DataFrame,
    *,
    actors=("USA", "PAK"),
    by: By = "corpus",
    issues=None,
    thresholds=None,
    n_boot: int = 1000,
    seed: int = 0,
    top_evidence: int = 3,
) -> pd.DataFrame:
    """One row per (issue, group): how far the two actors' stated positions converge (+1) or diverge (-1).

    Columns: issue, group, index, ci_low, ci_high, verdict (convergent / divergent / mixed /
    insufficient), reason, n_a, n_b (evidence sentences of each actor), stance_a, stance_b, relation,
    n_relation, components (dict of the sub-scores and their evidence counts), evidence (list of dicts,
    strongest first: ``top_evidence`` per actor plus the strongest relation-cue sentences).

    Issues tagged on at least one sentence of a group are reported (insufficient when the pair has no
    evidence there); an issue named in ``issues`` that no sentence carries is reported as insufficient
    for the whole corpus. ``thresholds`` updates data/thresholds.yaml (a dict or a YAML path).
    """
    check_tagged(tagged)
    pair = check_actors(actors)
    check_codes(tagged, actors=pair, issues=issues)
    if by not in BY_CHOICES:
        raise MeasureError(f"by must be one of {', '.join(BY_CHOICES)}; got {by!r}")
    if not isinstance(n_boot, (int, np.integer)) or n_boot < 0:
        raise MeasureError(f"n_boot must be a non-negative integer, got {n_boot!r}")
    settings = load_thresholds(thresholds)
    positions = issue_positions(tagged)
    counts = {slug: len(ks) for slug, ks in positions.items()}
    if issues is None:
        wanted = sorted(counts, key=lambda s: (-counts[s], s))
    else:
        if isinstance(issues, str):
            issues = [issues]
        wanted = [str(s) for s in issues]
    labels = group_labels(tagged, by)
    table = _position_table(tagged, pair, wanted, by, labels, settings, positions)
    rows = []
    for issue in wanted:
        if issue not in counts:
            rows.append(
                {
                    **{c: np.nan for c in COLUMNS},
                    "issue": issue,
                    "group": "all" if by == "corpus" else None,
                    "verdict": "insufficient",
                    "reason": "no sentence is tagged with this issue",
                    "n_a": 0,
                    "n_b": 0,
                    "n_relation": 0,
                    "components": {},
                    "evidence": [],
                }
            )
            continue
        ev = evidence_rows(
            tagged,
            issue=issue,
            actors=pair,
            by=by,
            settings=settings,
            positions=positions[issue],
            labels=labels,
        )
        by_group = _split_groups(ev)
        for group in sorted(set(labels.iloc[positions[issue]].tolist())):
            own = _gap_gives_way(settings, table, issue, group, pair)
            row = _assess(
                issue,
                group,
                by_group.get(group, _EMPTY),
                pair,
                own,
                by=by,
                n_boot=int(n_boot),
                seed=seed,
                top_evidence=top_evidence,
            )
            rows.append(_add_positions(row, table, pair, own, n_boot=int(n_boot), seed=seed))
    out = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("n_a", "n_b", "n_relation"):
        out[col] = out[col].astype(int)
    out.attrs["actors"] = pair
    out.attrs["by"] = by
    out.attrs["thresholds"] = json_safe(settings)
    out.attrs["n_boot"] = int(n_boot)
    out.attrs["seed"] = seed
    return out


# ---------------------------------------------------------------------------------------------- positions


def _position_table(tagged, pair, issues, by, labels, settings, issue_rows) -> PositionTable | None:
    """Sentence scores of the pair on the issues' position dimensions (None when positions are off)."""
    if settings["position_weight"] <= 0:
        return None
    dims = load_dimensions(settings["dimensions"])
    if not any(s in dims for s in issues):
        return None
    return PositionTable(
        tagged,
        actors=pair,
        issues=issues,
        by=by,
        dimensions=dims,
        space=settings["position_space"],
        labels=labels,
        issue_rows=issue_rows,
    )


def _gap_gives_way(settings: dict, table: PositionTable | None, issue: str, group, pair) -> dict:
    """The settings for one (issue, group): where both actors' positions enter the index (each side with
    ``position_min_sentences``), the cue gap's weight is multiplied by ``gap_with_positions``: the positions
    compare the two on the issue's own dimensions; stances toward shared objects there read much tone."""
    factor = settings.get("gap_with_positions", 1.0)
    if table is None or factor == 1.0 or not table.dimensions.get(issue):
        return settings
    need = settings["position_min_sentences"]
    sides = [table.get(issue, group, code) for code in pair]
    if any(pos is None or pos.n < need for pos in sides):
        return settings
    return {**settings, "weights": {**settings["weights"], "gap": settings["weights"]["gap"] * factor}}


def _add_positions(
    row: dict, table: PositionTable | None, pair, settings: dict, *, n_boot: int, seed: int
) -> dict:
    """Combine the position component P into the row's index, interval and verdict (docs/methods.md, 3b).

    P = mean over the issue's dimensions of ``1 - |position_a - position_b| / position_scale`` (clipped to
    [-1, 1]); it enters the index as a fourth component with weight ``position_weight * sqrt(n_P)``,
    ``n_P = sqrt(n_a * n_b)`` sentences. The cue-based index and verdict stay in ``index_cues`` and
    ``verdict_cues``; tone (VADER) is reported in ``tone_a`` / ``tone_b`` and decides nothing.
    """
    boots = row.pop("_boots", None)
    row.update(index_cues=row["index"], verdict_cues=row["verdict"], position_agreement=np.nan, positions=[])
    cue_ci = (row["ci_low"], row["ci_high"])
    row.update(tone_a=np.nan, tone_b=np.nan)
    if table is None:
        return row
    issue, group = row["issue"], row["group"]
    a, b = pair
    pa, pb = table.get(issue, group, a), table.get(issue, group, b)
    row["tone_a"] = table.tone_of.get((issue, str(group), a), np.nan)
    row["tone_b"] = table.tone_of.get((issue, str(group), b), np.nan)
    dims = table.dimensions.get(issue, ())
    if not dims or (pa is None and pb is None):
        return row
    need = settings["position_min_sentences"]
    ok = pa is not None and pb is not None and pa.n >= need and pb.n >= need
    rng = np.random.default_rng([int(seed), zlib.crc32(issue.encode()), zlib.crc32(str(group).encode()), 11])
    agree = (
        position_agreement(dims, pa, pb, scale=settings["position_scale"], n_boot=n_boot, rng=rng)
        if ok
        else None
    )
    alpha = (1 - settings["ci"]) / 2

    def side(pos, j, draws):
        if pos is None:
            return None, None, None, 0
        if draws is not None and len(draws):
            lo, hi = np.nanquantile(draws[:, j], [alpha, 1 - alpha])
        else:
            lo = hi = np.nan
        return float(pos.mean[j]), float(lo), float(hi), int(pos.n)

    def distance(j):
        # how far apart the two positions are, with the percentile interval of the resampled distance:
        # an interval that excludes 0 but reaches below position_scale says the sides differ, but
        # not surely by as much as the distance at which agreement turns negative
        if agree is None:
            return None, None, None
        gap = float(abs(pa.mean[j] - pb.mean[j]))
        d = np.abs(agree["draws_a"][:, j] - agree["draws_b"][:, j])
        d = d[np.isfinite(d)]
        lo, hi = np.quantile(d, [alpha, 1 - alpha]) if len(d) else (np.nan, np.nan)
        return gap, float(lo), float(hi)

    listing, texts = [], []
    for j, dim in enumerate(dims):
        va, la, ha, na = side(pa, j, agree["draws_a"] if agree else None)
        vb, lb, hb, nb = side(pb, j, agree["draws_b"] if agree else None)
        dist, dlo, dhi = distance(j)
        item = {
            "dimension": dim.name,
            "positive": dim.positive.label,
            "negative": dim.negative.label,
            f"position_{a}": va, f"ci_{a}": [la, ha], f"n_{a}": na,
            f"position_{b}": vb, f"ci_{b}": [lb, hb], f"n_{b}": nb,
            "distance": dist, "distance_ci": [dlo, dhi],
            "agreement": float(agree["per_dimension"][j]) if agree else None,
        }  # fmt: skip
        listing.append(json_safe(item))

        def shown(code, v, lo, hi, n):
            if v is None:
                return f"{code} no sentence"
            ci = f" [{lo:+.2f}, {hi:+.2f}]" if lo == lo else ""
            return f"{code} {v:+.2f}{ci} (n={n})"

        apart = ""
        if dist is not None:
            apart = f", {dist:.2f} apart" + (f" [{dlo:.2f}, {dhi:.2f}]" if dlo == dlo else "")
        texts.append(
            f"{shown(a, va, la, ha, na)} vs {shown(b, vb, lb, hb, nb)} on {dim.name} "
            f"(+ {dim.positive.label}, - {dim.negative.label}){apart}"
        )
    row["positions"] = listing
    if agree is None:
        row["reason"] += f"; positions not in the index (each side needs {need} sentence(s)): " + "; ".join(
            texts
        )
        return row
    P, n_p = agree["value"], agree["n"]
    row["position_agreement"] = P
    w_p = settings["position_weight"] * np.sqrt(n_p)
    comp = row["components"] or {}
    old = row["index"]
    w_old = 0.0
    if old == old:
        for name in ("gap", "directed", "relation"):
            val, n = comp.get(name), comp.get(f"n_{name}") or 0.0
            if val is not None and val == val and n > 0:
                w_old += settings["weights"][name] * np.sqrt(n)
    old_v = old if old == old else 0.0
    index = float((w_old * old_v + w_p * P) / (w_old + w_p))
    draws = agree["draws"]
    if len(draws):
        old_draws = boots if boots is not None and len(boots) == len(draws) else np.full(len(draws), old_v)
        combined = (w_old * old_draws + w_p * np.nan_to_num(draws)) / (w_old + w_p)
        lo, hi = (float(x) for x in np.quantile(combined, [alpha, 1 - alpha]))
    else:
        lo = hi = np.nan
    p_draws = np.asarray(draws, dtype=float)
    p_draws = p_draws[np.isfinite(p_draws)]
    p_lo = p_hi = np.nan
    if len(p_draws):
        p_lo, p_hi = (float(x) for x in np.quantile(p_draws, [alpha, 1 - alpha]))
    comp = dict(comp)
    comp.update(
        position=P,
        position_ci=[p_lo, p_hi],
        n_position=round(n_p, 3),
        position_weight=settings["position_weight"],
    )
    row["components"] = comp
    row.update(index=index, ci_low=lo, ci_high=hi)
    t, margin = settings["threshold"], settings["ci_margin"]
    p_settled = bool(p_lo > 0 or p_hi < 0)
    # evidence both ways: the cue-based index and the positions point opposite ways, each with a real share;
    # the positions, indirect evidence, count as pointing a way only when their own interval settles it
    both = old == old and np.sign(old_v) * np.sign(P) < 0 and p_settled
    both = (
        both
        and min(w_old * abs(old_v), w_p * abs(P)) / (w_old * abs(old_v) + w_p * abs(P))
        >= settings["mixed_share"]
    )
    has_ci = lo == lo
    cues = f"cue-based index {_fmt(old)} ({row['verdict_cues']})" if old == old else "no cue-based index"
    p_ci = f" [{p_lo:+.2f}, {p_hi:+.2f}]" if p_lo == p_lo else ""
    detail = (
        f"index {_fmt(index)} [{lo:+.2f}, {hi:+.2f}] from position agreement {P:+.2f}{p_ci} (n={n_p:.3g}; "
        f"0 at {settings['position_scale']:g} apart) and {cues}; " + "; ".join(texts)
    )
    if has_ci and lo <= -t and hi >= t:
        # a wide interval is uncertainty, not evidence both ways: mixed only when there is such evidence
        verdict = "mixed" if both else "insufficient"
        why = f"interval spans both -{t:.2f} and +{t:.2f}" + (
            " with positions and cues pointing opposite ways" if both else ": direction not settled"
        )
    elif index >= t and (not has_ci or lo > margin):
        verdict, why = "convergent", f"index >= +{t:.2f}" + (_ci_ok(lo, margin, ">") if has_ci else "")
    elif index <= -t and (not has_ci or hi < -margin):
        verdict, why = "divergent", f"index <= -{t:.2f}" + (_ci_ok(hi, margin, "<") if has_ci else "")
    elif abs(index) >= t:
        verdict = "mixed" if both else "insufficient"
        why = f"index beyond +/-{t:.2f} but the interval does not exclude {margin:g}"
    elif both:
        verdict, why = "mixed", f"positions and cues point opposite ways (|index| < {t:.2f})"
    else:
        verdict, why = "insufficient", f"signal too weak: |index| < {t:.2f}"
    # Same-direction evidence never weakens a verdict the cues settled: a convergent/divergent cue verdict
    # that the positions point the same way stands; evidence both ways among the cues stays mixed.
    # Acts between the pair (directed acts, relation cues) are direct evidence; a distance between positions
    # is indirect, so a verdict those acts settled stands against positions pointing the other way unless
    # the positions' own interval settles their direction.
    settled = {"convergent": 1.0, "divergent": -1.0}.get(row["verdict_cues"])
    acts = sum((comp.get(f"n_{name}") or 0.0) for name in ("directed", "relation")) > 0 and not p_settled
    if verdict != row["verdict_cues"] and settled is not None and (np.sign(P) == settled or acts):
        verdict = row["verdict_cues"]
        why = f"{verdict} by the cues (see index_cues), and the positions point the same way"
        if np.sign(P) != settled:
            why = (
                f"{verdict} by acts between the pair (directed or relation cues, see index_cues); "
                f"the positions point the other way (P {P:+.2f}), which is indirect evidence"
            )
        # the row keeps the index and interval that settle it (the verdict never contradicts its interval)
        row.update(index=old, ci_low=cue_ci[0], ci_high=cue_ci[1])
    elif verdict == "insufficient" and row["verdict_cues"] == "mixed":
        verdict, why = "mixed", "evidence both ways among the cues, and the interval does not settle it"
    if old != old and verdict in ("convergent", "divergent") and n_p < settings["position_alone_min"]:
        verdict, why = (
            "insufficient",
            (
                f"positions alone (no cue of the pair) on {n_p:.3g} sentence(s), fewer than "
                f"{settings['position_alone_min']:g}: too thin to settle the pair"
            ),
        )
    row["verdict"] = verdict
    row["reason"] = f"{why}; {detail}"
    return row
