"""An analyst's corrections: sentences to leave out, or to attribute to another actor, by sentence key.

A corrections file is a CSV or YAML list of rows with these fields:

- ``sent_key`` (required): the sentence's key (``convergence.keys.sentence_key``; the
  evidence CSV/XLSX of every report carries it in its ``sent_key`` column);
- ``action``: ``exclude`` (the sentence leaves every measure) or ``holder`` (the sentence states
  ``holder``'s position, not the one the tagger found); default ``exclude``, or ``holder`` when a holder
  is given;
- ``holder``: the actor code for ``action: holder`` (``NONE``: nobody's position);
- ``link`` (optional): the article's URL, when the same sentence occurs in several articles and only
  one is meant;
- ``note`` (optional): why; kept for the record.

``apply_corrections(tagged, corrections)`` returns a new frame and sets ``attrs["corrections"]`` to a
summary: rows in the file, sentences excluded, re-attributed, and keys that matched no sentence.
A re-attributed sentence is attributed as a whole (its per-clause holders are cleared).

Example (CSV)::

    sent_key,action,holder,note
    3f2a9c0d1e2b4a5c,exclude,,quoted from an op-ed
    9b8a7c6d5e4f3a2b,holder,PAK,the Foreign Office said this, not the US
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..keys import sentence_key
from ._common import MeasureError

ACTIONS = ("exclude", "holder")


def load_corrections(path: str | os.PathLike) -> pd.DataFrame:
    """The corrections in ``path`` (CSV, or YAML: a list of mappings or ``{corrections: [...]}``) as a frame
    of sent_key, action, holder, link, note. Errors name the file and the row."""
    path = Path(path)
    if not path.is_file():
        raise MeasureError(f"corrections file not found: {path.resolve()}")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise MeasureError(f"{path}: not valid YAML ({exc})") from None
        if isinstance(data, dict):
            data = data.get("corrections")
        if data is None:
            data = []
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise MeasureError(f"{path}: expected a list of corrections (mappings with sent_key)")
        frame = pd.DataFrame(data)
        first_line = None
    else:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise MeasureError(f"{path}: not a readable CSV ({exc})") from None
        first_line = 2
    for col in ("sent_key", "action", "holder", "link", "note"):
        if col not in frame.columns:
            frame[col] = ""
    if "sent_key" not in frame.columns or (len(frame) and frame["sent_key"].eq("").all()):
        raise MeasureError(f"{path}: needs a sent_key column (the evidence CSV's sent_key)")
    frame = frame.fillna("").astype(str)
    for col in frame.columns:
        frame[col] = frame[col].str.strip()
    frame["action"] = [
        (a.lower() if a else ("holder" if h else "exclude"))
        for a, h in zip(frame["action"], frame["holder"], strict=True)
    ]
    for i, row in enumerate(frame.itertuples(index=False)):
        where = f"{path}:{i + first_line}" if first_line else f"{path}: correction {i + 1}"
        if (
            not row.sent_key
            or len(row.sent_key) != 16
            or any(c not in "0123456789abcdef" for c in row.sent_key)
        ):
            raise MeasureError(f"{where}: sent_key must be 16 hex characters, got {row.sent_key!r}")
        if row.action not in ACTIONS:
            raise MeasureError(f"{where}: action must be exclude or holder, got {row.action!r}")
        if row.action == "holder" and not row.holder:
            raise MeasureError(f"{where}: action holder needs a holder (an actor code, or NONE)")
    frame["holder"] = frame["holder"].str.upper()
    return frame[["sent_key", "action", "holder", "link", "note"]].reset_index(drop=True)


def apply_corrections(tagged: pd.DataFrame, corrections) -> pd.DataFrame:
    """``tagged`` with the corrections applied (``corrections``: a frame from :func:`load_corrections` or a
    path); ``attrs["corrections"]`` says how many were applied and which keys matched nothing."""
    if corrections is None:
        return tagged
    table = corrections if isinstance(corrections, pd.DataFrame) else load_corrections(corrections)
    out = tagged.copy()
    out.attrs = dict(tagged.attrs)
    keys = out["text"].map(lambda t: sentence_key(t) if isinstance(t, str) else "")
    urls = out["url"].astype(object) if "url" in out.columns else pd.Series(None, index=out.index)
    drop = pd.Series(False, index=out.index)
    excluded = reattributed = 0
    unmatched = []
    for row in table.itertuples(index=False):
        hit = keys == row.sent_key
        if row.link:
            hit &= urls.map(lambda u, link=row.link: isinstance(u, str) and u.strip() == link)
        n = int(hit.sum())
        if not n:
            unmatched.append(row.sent_key)
            continue
        if row.action == "exclude":
            drop |= hit
            excluded += n
        else:
            holder = None if row.holder == "NONE" else row.holder
            out.loc[hit, "holder"] = holder
            if "holder_source" in out.columns:
                out.loc[hit, "holder_source"] = "correction"
            if "clauses" in out.columns:
                out.loc[hit, "clauses"] = pd.Series([[] for _ in range(n)], index=out.index[hit])
            reattributed += n
    out = out[~drop]
    out.attrs["corrections"] = {
        "rows": int(len(table)),
        "applied": int(len(table) - len(unmatched)),
        "excluded": excluded,
        "reattributed": reattributed,
        "unmatched": unmatched,
    }
    return out


def describe_corrections(info: dict | None) -> str:
    """One line for a report: how many corrections were applied ("" when none were given)."""
    if not info:
        return ""
    line = (
        f"Corrections: {info['applied']} of {info['rows']} applied ({info['excluded']} sentence(s) excluded, "
        f"{info['reattributed']} re-attributed)"
    )
    if info.get("unmatched"):
        line += f"; {len(info['unmatched'])} key(s) matched no sentence"
    return line
