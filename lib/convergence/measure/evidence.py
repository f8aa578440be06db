"""Evidence sentences of a pair of actors on one issue: positions, directed statements, relation cues.

Every number :func:`convergence.measure.convergence` reports is computed from the rows this module
builds, so a user can always see which sentences (and which cue words) produced a verdict.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._common import By, as_code, as_list, check_actors, check_tagged, group_labels, load_thresholds
from .pairs import pair_relation

EVIDENCE_COLUMNS = [
    "group",
    "kind",
    "actor",
    "object",
    "doc_id",
    "sent_id",
    "text",
    "stance",
    "relation",
    "value",
    "weight",
    "cues",
    "holder",
    "targets",
]

#: The object of a position that names no other actor: the issue itself.
ISSUE_OBJECT = "(issue)"


#: Columns the evidence rows are built from (besides optional tag columns).
TAGGED_COLUMNS = ("doc_id", "sent_id", "text", "holder", "targets", "stance", "relation")


# issue_source of a sentence whose issue is a neighbour's or the document's
_LENT = frozenset({"inherited", "topic", "neighbour"})
_OWN_VOICES = frozenset({"non-state voice", "third party"})  # holder_source of voices that speak for no state


def issue_positions(tagged: pd.DataFrame) -> dict[str, np.ndarray]:
    """Row positions of the sentences tagged with each issue (each row once per issue), in one pass."""
    cells = pd.Series(tagged["issues"].to_numpy(dtype=object), index=np.arange(len(tagged)))
    flat = cells.explode()  # one row per (sentence, slug); empty lists and missing cells become NaN
    flat = flat[flat.notna()]
    if flat.empty:
        return {}
    pairs = pd.DataFrame({"pos": flat.index.to_numpy(dtype=np.int64), "slug": flat.astype(str).to_numpy()})
    pairs = pairs.drop_duplicates()
    return {
        str(slug): group.to_numpy(dtype=np.int64) for slug, group in pairs.groupby("slug", sort=False)["pos"]
    }


def _codes_of(values: list) -> list:
    """``as_code`` of each value, computed once per distinct value."""
    memo: dict = {}
    out = []
    for v in values:
        try:
            code = memo[v]
        except KeyError:
            code = memo[v] = as_code(v)
        except TypeError:  # an unhashable cell
            code = as_code(v)
        out.append(code)
    return out


def _float(value) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if f != f else f


def _is_list(cell) -> bool:
    return isinstance(cell, (list, tuple)) or (hasattr(cell, "__len__") and not isinstance(cell, (str, dict)))


def _target_stances(cell) -> dict[str, tuple[float, list[str]]] | None:
    """``target_stances`` cell -> {target: (stance, cues)}; None when the cell holds no list."""
    if not _is_list(cell):
        return None
    out: dict[str, tuple[float, list[str]]] = {}
    for item in as_list(cell):
        if not isinstance(item, dict):
            continue
        code = as_code(item.get("target"))
        if code:
            out[code] = (_float(item.get("stance")), [str(c) for c in as_list(item.get("cues"))])
    return out


def evidence_rows(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors: tuple[str, str],
    by: str | None,
    settings: dict,
    positions: np.ndarray | None = None,
    labels: pd.Series | None = None,
) -> pd.DataFrame:
    """The evidence table (one row per sentence and role) for one issue, with ``value`` and ``weight``.

    kind ``position``: the holder is A or B and states a stance (|stance| > min_stance); one row per object
    (each target other than A and B; the issue itself when the sentence has no target), weight split
    between objects. A sentence whose only target is the partner is a directed statement, not a position.
    kind ``directed``: the holder is A (B) and B (A) is among the targets; value = stance.
    kind ``relation``: the sentence mentions both A and B and carries a relation cue; value = relation.
    When it also names a third actor, the text must tie the cue to the pair (see ``pairs.py``).
    With a ``target_stances`` column, each position/directed row takes the stance and cues tied to its
    object (a target without a tied cue gets no row); with ``relation_pairs``, the tagger's pairs decide
    whether a relation cue is the pair's (a contrast word between mentions of A and B always is).
    ``positions`` (from :func:`issue_positions`) and ``labels`` (``group_labels(tagged, by)``) save the
    scan for the issue's rows and the grouping when given.
    A sentence that contrasts A and B (relation < 0: "whereas", "contentious") is relation evidence only:
    its stance cues come from both sides' clauses and cannot be read as one holder's stance.
    """
    a, b = actors
    pair = {a, b}
    min_stance = settings["min_stance"]
    if positions is None:
        positions = issue_positions(tagged).get(issue, np.empty(0, dtype=np.int64))
    if len(positions):
        # only a sentence held by A or B, or one carrying a relation cue, can give evidence; the two columns
        # are read for the issue's rows alone (a corpus may hold many more)
        holders = _codes_of(tagged["holder"].iloc[positions].tolist())
        relations = pd.to_numeric(tagged["relation"].iloc[positions], errors="coerce").fillna(0.0).abs()
        useful = np.fromiter((h in pair for h in holders), dtype=bool, count=len(holders))
        positions = positions[useful | (relations.to_numpy() > min_stance)]
    if not len(positions):
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    names = [
        c
        for c in (*TAGGED_COLUMNS, "issue_source", "actors", "stance_cues", "relation_cues", "holder_source")
        + ("target_stances", "relation_pairs")
        if c in tagged.columns
    ]
    columns = {c: tagged[c].iloc[positions].tolist() for c in names}
    if not by:
        columns["_group"] = ["all"] * len(positions)
    elif labels is not None:
        columns["_group"] = labels.iloc[positions].tolist()
    else:
        columns["_group"] = group_labels(tagged.iloc[positions], by).tolist()
    inherited_w = settings["inherited_weight"]
    has_source = "issue_source" in columns
    has_actors = "actors" in columns
    contrast_words = tuple(w.lower() for w in settings["contrast_words"])
    has_ts = "target_stances" in columns
    has_pairs = "relation_pairs" in columns
    pair_key = "-".join(sorted(pair))
    rows: list[dict] = []
    empty: list = []
    for k in range(len(positions)):
        row = {c: v[k] for c, v in columns.items()}
        holder = as_code(row["holder"])
        targets = [t for t in (as_code(x) for x in as_list(row["targets"])) if t]
        mentioned = {m for m in (as_code(x) for x in as_list(row["actors"])) if m} if has_actors else set()
        mentioned |= set(targets) | ({holder} if holder else set())
        stance = _float(row["stance"])
        relation = _float(row["relation"])
        base_w = inherited_w if has_source and row["issue_source"] in _LENT else 1.0
        stance_cues = [str(c) for c in as_list(row.get("stance_cues", empty))]
        relation_cues = [str(c) for c in as_list(row.get("relation_cues", empty))]
        common = {
            "group": row["_group"],
            "doc_id": str(row["doc_id"]),
            "sent_id": int(row["sent_id"]),
            "text": str(row["text"]),
            "stance": stance,
            "relation": relation,
            "holder": holder,
            "targets": targets,
        }
        # an analyst's, a party's or another organisation's view of the pair is not the pair's relation
        pair_rel = (
            pair <= mentioned
            and abs(relation) > min_stance
            and str(row.get("holder_source") or "") not in _OWN_VOICES
        )
        tied = as_list(row["relation_pairs"]) if has_pairs and _is_list(row["relation_pairs"]) else None
        if pair_rel and tied is not None:
            # the tagger's pairs decide, except that a contrast word standing between a mention of A and
            # one of B ("A backs X, whereas B ...") always states the pair's contrast
            pair_rel = pair_key in {str(p) for p in tied} or pair_relation(
                str(row["text"]),
                actors,
                relation_cues,
                contrast_words,
                settings.get("actor_file"),
                joins=False,
            )
        elif pair_rel and mentioned - pair and settings["relation_pair_check"]:
            pair_rel = pair_relation(
                str(row["text"]), actors, relation_cues, contrast_words, settings.get("actor_file")
            )
        contrast = pair_rel and relation < 0
        if holder in pair and not contrast:
            partner = b if holder == a else a
            per_target = _target_stances(row["target_stances"]) if has_ts else None
            if per_target is not None and targets:
                # the tagger tied each cue to a target: one value per target, no target shares another's cue
                kept = {t: v for t, v in per_target.items() if abs(v[0]) > min_stance}
                objects = {t: v for t, v in kept.items() if t not in pair}
                directed = kept.get(partner)
                if directed is not None:
                    # one act aimed at the partner and a third party alike ("we commend both prime
                    # ministers", "urged India and Pakistan to ...") is the act toward the partner, not a
                    # position on the third party to set against the partner's own
                    objects = {t: v for t, v in objects.items() if v != directed}
                if not kept and abs(stance) > min_stance:
                    objects = {ISSUE_OBJECT: (stance, stance_cues)}
            elif abs(stance) > min_stance:
                objs = [t for t in targets if t not in pair]
                if not objs and partner not in targets:
                    objs = [ISSUE_OBJECT]
                objects = {t: (stance, stance_cues) for t in objs}
                directed = (stance, stance_cues) if partner in targets else None
            else:
                objects, directed = {}, None
            for obj, (value, cues) in objects.items():
                rows.append(
                    {
                        **common,
                        "kind": "position",
                        "actor": holder,
                        "object": obj,
                        "stance": value,
                        "value": value,
                        "weight": base_w / len(objects),
                        "cues": cues,
                    }
                )
            if directed is not None:
                rows.append(
                    {
                        **common,
                        "kind": "directed",
                        "actor": holder,
                        "object": partner,
                        "stance": directed[0],
                        "value": directed[0],
                        "weight": base_w,
                        "cues": directed[1],
                    }
                )
        if pair_rel:
            rows.append(
                {
                    **common,
                    "kind": "relation",
                    "actor": f"{a}/{b}",
                    "object": None,
                    "value": relation,
                    "weight": base_w,
                    "cues": relation_cues,
                }
            )
    if not rows:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    return pd.DataFrame(rows)[EVIDENCE_COLUMNS]


def evidence(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors=("USA", "PAK"),
    by: By | None = None,
    thresholds=None,
) -> pd.DataFrame:
    """One row per evidence sentence of the pair on ``issue``.

    Columns: actor, doc_id, sent_id, text, stance, cues, holder, targets, relation, group,
    kind (position / directed / relation), object (whom or what a position is about), weight.
    A sentence appears once per role: a US sentence opposing Pakistan's ties with China is a
    ``position`` on CHN and a ``directed`` statement toward PAK. Strongest first within each kind.
    """
    check_tagged(tagged)
    pair = check_actors(actors)
    settings = load_thresholds(thresholds)
    rows = evidence_rows(tagged, issue=str(issue), actors=pair, by=by or "corpus", settings=settings)
    cols = [
        "actor",
        "doc_id",
        "sent_id",
        "text",
        "stance",
        "cues",
        "holder",
        "targets",
        "relation",
        "group",
        "kind",
        "object",
        "weight",
    ]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    order = {"position": 0, "directed": 1, "relation": 2}
    out = rows.assign(
        _k=rows["kind"].map(order), _s=-(rows["value"].abs() * rows["weight"].astype(float))
    ).sort_values(["group", "_k", "actor", "_s", "doc_id", "sent_id"], kind="stable")
    return out[cols].reset_index(drop=True)
