"""Salience: the share of an actor's sentences that fall on each issue, per group."""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd

from ._common import By, MeasureError, as_code, as_list, check_tagged, group_labels

Basis = Literal["holder", "speaker"]
BASES: tuple[str, ...] = get_args(Basis)


def salience(tagged: pd.DataFrame, *, by: By = "corpus", actor=None, basis: Basis = "holder") -> pd.DataFrame:
    """Share of each actor's sentences per issue and group.

    Columns: issue, group, actor, n_sentences (the actor's sentences tagged with the issue), n_total (all
    the actor's sentences in the group), share = n_sentences / n_total. ``basis="holder"`` attributes a
    sentence to its ``holder``; ``basis="speaker"`` to the document's speaker (``doc_speaker``), which
    counts everything said in a speech. ``actor``: one code or a list (default: every actor found).
    Every issue seen in the frame gets a row for every (group, actor), zeros included, so an issue an
    actor never raises shows as share 0.
    """
    check_tagged(tagged, columns=("doc_id", "issues"))
    if basis not in BASES:
        raise MeasureError(f"basis must be one of {', '.join(BASES)}; got {basis!r}")
    column = "holder" if basis == "holder" else "doc_speaker"
    if column not in tagged.columns:
        raise MeasureError(f"tagged frame lacks column {column!r} needed for basis={basis!r}")
    who = tagged[column].map(as_code)
    groups = group_labels(tagged, by)
    frame = pd.DataFrame({"group": groups, "actor": who, "issues": tagged["issues"].map(as_list)})
    frame = frame[frame["actor"].notna()]
    if actor is not None:
        wanted = [actor] if isinstance(actor, str) else list(actor)
        wanted = [str(a).upper() for a in wanted]
        frame = frame[frame["actor"].isin(wanted)]
    all_issues = sorted({str(s) for cell in tagged["issues"] for s in as_list(cell)})
    cols = ["issue", "group", "actor", "n_sentences", "n_total", "share"]
    if frame.empty or not all_issues:
        return pd.DataFrame(columns=cols)
    totals = frame.groupby(["group", "actor"]).size().rename("n_total")
    exploded = frame.explode("issues").dropna(subset=["issues"])
    hits = exploded.groupby(["issues", "group", "actor"]).size().rename("n_sentences")
    grid = pd.MultiIndex.from_tuples(
        [(i, g, a) for i in all_issues for (g, a) in totals.index], names=["issue", "group", "actor"]
    )
    out = hits.rename_axis(["issue", "group", "actor"]).reindex(grid, fill_value=0).reset_index()
    out = out.merge(totals.reset_index(), on=["group", "actor"], how="left")
    out["n_sentences"] = out["n_sentences"].astype(int)
    out["n_total"] = out["n_total"].astype(int)
    out["share"] = out["n_sentences"] / out["n_total"]
    return out.sort_values(["group", "actor", "share", "issue"], ascending=[True, True, False, True])[
        cols
    ].reset_index(drop=True)
