"""Evidence sentences of a pair of actors on one issue: positions, directed statements, relation cues.

Every number :func:`convergence.measure.convergence` reports is computed from the rows this module
builds, so a user can always see which sentences (and which cue words) produced a verdict.
"""

from __future__ import annotations

import pandas as pd

from ._common import as_code, as_list, check_actors, check_tagged, group_labels, load_thresholds
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


def _has_issue(cell, issue: str) -> bool:
    return issue in as_list(cell)


def _float(value) -> float:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if f != f else f


def evidence_rows(
    tagged: pd.DataFrame,
    *,
    issue: str,
    actors: tuple[str, str],
    by: str | None,
    settings: dict,
) -> pd.DataFrame:
    """The evidence table (one row per sentence and role) for one issue, with ``value`` and ``weight``.

    kind ``position``: the holder is A or B and states a stance (|stance| > min_stance); one row per object
    (each target other than A and B; the issue itself when the sentence has no target), weight split
    between objects. A sentence whose only target is the partner is a directed statement, not a position.
    kind ``directed``: the holder is A (B) and B (A) is among the targets; value = stance.
    kind ``relation``: the sentence mentions both A and B and carries a relation cue; value = relation.
    When it also names a third actor, the text must tie the cue to the pair (see ``pairs.py``).
    A sentence that contrasts A and B (relation < 0: "whereas", "contentious") is relation evidence only:
    its stance cues come from both sides' clauses and cannot be read as one holder's stance.
    """
    a, b = actors
    pair = {a, b}
    on_issue = tagged[tagged["issues"].map(lambda c: _has_issue(c, issue))]
    if on_issue.empty:
        return pd.DataFrame(columns=EVIDENCE_COLUMNS)
    groups = group_labels(on_issue, by) if by else pd.Series("all", index=on_issue.index, dtype=object)
    min_stance = settings["min_stance"]
    inherited_w = settings["inherited_weight"]
    has_source = "issue_source" in on_issue.columns
    has_actors = "actors" in on_issue.columns
    contrast_words = tuple(w.lower() for w in settings["contrast_words"])
    rows: list[dict] = []
    for idx, row in on_issue.iterrows():
        holder = as_code(row["holder"])
        targets = [t for t in (as_code(x) for x in as_list(row["targets"])) if t]
        mentioned = {m for m in (as_code(x) for x in as_list(row["actors"])) if m} if has_actors else set()
        mentioned |= set(targets) | ({holder} if holder else set())
        stance = _float(row["stance"])
        relation = _float(row["relation"])
        base_w = inherited_w if has_source and row["issue_source"] == "inherited" else 1.0
        stance_cues = [str(c) for c in as_list(row.get("stance_cues"))]
        relation_cues = [str(c) for c in as_list(row.get("relation_cues"))]
        common = {
            "group": groups.loc[idx],
            "doc_id": str(row["doc_id"]),
            "sent_id": int(row["sent_id"]),
            "text": str(row["text"]),
            "stance": stance,
            "relation": relation,
            "holder": holder,
            "targets": targets,
        }
        pair_rel = pair <= mentioned and abs(relation) > min_stance
        if pair_rel and mentioned - pair and settings["relation_pair_check"]:
            pair_rel = pair_relation(
                str(row["text"]), actors, relation_cues, contrast_words, settings.get("actor_file")
            )
        contrast = pair_rel and relation < 0
        if holder in pair and abs(stance) > min_stance and not contrast:
            partner = b if holder == a else a
            objects = [t for t in targets if t not in pair]
            if not objects and partner not in targets:
                objects = [ISSUE_OBJECT]
            for obj in objects:
                rows.append(
                    {
                        **common,
                        "kind": "position",
                        "actor": holder,
                        "object": obj,
                        "value": stance,
                        "weight": base_w / len(objects),
                        "cues": stance_cues,
                    }
                )
            if partner in targets:
                rows.append(
                    {
                        **common,
                        "kind": "directed",
                        "actor": holder,
                        "object": partner,
                        "value": stance,
                        "weight": base_w,
                        "cues": stance_cues,
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
    by: str | None = None,
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
