"""Shared helpers for the measures: input checks, grouping, thresholds, JSON-safe values."""

from __future__ import annotations

import copy
import math
import os
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

import numpy as np
import pandas as pd

from ..errors import ConvergenceError
from ..yamlio import read_yaml

#: How rows are grouped: the whole corpus, each document, each period, or each source (publisher).
By = Literal["corpus", "doc", "month", "quarter", "year", "decade", "source"]
BY_CHOICES: tuple[str, ...] = get_args(By)

#: Columns of the tagged-sentence table the measures read (docs/architecture.md, "Tagged sentences").
TAGGED_REQUIRED = ("doc_id", "sent_id", "text", "issues", "holder", "targets", "stance", "relation")

UNKNOWN_GROUP = "unknown"


class MeasureError(ConvergenceError, ValueError):
    """Input that a measure cannot use; the message says what is wrong and how to fix it."""


def check_tagged(frame: Any, *, columns: Iterable[str] = TAGGED_REQUIRED, what: str = "tagged") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise MeasureError(
            f"{what} must be a pandas DataFrame (the output of convergence.tag), got {type(frame).__name__}"
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MeasureError(
            f"{what} frame lacks column(s) {', '.join(missing)}; pass the output of convergence.tag(corpus)"
        )


def check_actors(actors: Any) -> tuple[str, str]:
    if isinstance(actors, str):
        actors = [a.strip() for a in actors.split(",") if a.strip()]
    try:
        pair = tuple(str(a).strip().upper() for a in actors)
    except TypeError:
        raise MeasureError(f"actors must be two actor codes such as ('USA', 'PAK'), got {actors!r}") from None
    if len(pair) != 2 or pair[0] == pair[1] or not all(pair):
        raise MeasureError(f"actors must be two different actor codes such as ('USA', 'PAK'), got {actors!r}")
    return pair  # type: ignore[return-value]


def as_list(value: Any) -> list:
    """A list from a list-like cell (list, tuple, numpy array from parquet, None/NaN -> [])."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, (tuple, np.ndarray, pd.Series)):
        return list(value)
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, float) and math.isnan(value):
        return []
    return [value]


def as_code(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _dates(frame: pd.DataFrame) -> pd.Series:
    if "date" in frame.columns:
        return pd.to_datetime(frame["date"], errors="coerce")
    return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")


def _years(frame: pd.DataFrame) -> pd.Series:
    years = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    if "year" in frame.columns:
        years = pd.to_numeric(frame["year"], errors="coerce").astype("Int64")
    from_date = _dates(frame).dt.year.astype("Int64")
    return years.fillna(from_date)


def group_labels(frame: pd.DataFrame, by: str) -> pd.Series:
    """One string label per row for ``by``; rows lacking the needed metadata get ``"unknown"``."""
    if by not in BY_CHOICES:
        raise MeasureError(f"by must be one of {', '.join(BY_CHOICES)}; got {by!r}")
    idx = frame.index
    if by == "corpus":
        return pd.Series("all", index=idx, dtype=object)
    if by == "doc":
        return frame["doc_id"].astype(str)
    if by == "source":
        if "publisher" not in frame.columns:
            return pd.Series(UNKNOWN_GROUP, index=idx, dtype=object)
        return frame["publisher"].map(lambda v: as_code(v) or UNKNOWN_GROUP).astype(object)
    if by == "month":
        months = _dates(frame).dt.strftime("%Y-%m")
        return months.where(months.notna(), UNKNOWN_GROUP).astype(object)
    if by == "quarter":
        dates = _dates(frame)
        year, quarter = dates.dt.year.astype("Int64"), dates.dt.quarter.astype("Int64")
        quarters = year.astype(str) + "-Q" + quarter.astype(str)
        return quarters.where(dates.notna(), UNKNOWN_GROUP).astype(object)
    years = _years(frame)
    # label each distinct year once, then map (a corpus has few distinct years and many sentences)
    names = {y: str(int(y)) if by == "year" else f"{int(y) // 10 * 10}s" for y in years.dropna().unique()}
    return years.map(names).astype(object).where(years.notna(), UNKNOWN_GROUP)


# ---------------------------------------------------------------------------------------------- thresholds

THRESHOLD_KEYS = {
    "threshold": float,
    "min_evidence": int,
    "min_units": int,
    "min_units_relation": int,
    "min_units_directed": int,
    "directed_alone": float,
    "directed_alone_against": float,
    "min_side": int,
    "ci_margin": float,
    "mixed_share": float,
    "min_stance": float,
    "inherited_weight": float,
    "pooled_gap_weight": float,
    "ci": float,
    "weights": dict,
    "relation_pair_check": bool,
    "contrast_words": list,
    "actor_file": object,
    "position_weight": float,
    "position_scale": float,
    "position_min_sentences": int,
    "position_alone_min": float,
    "gap_with_positions": float,
    "dimensions": object,
    "position_space": object,
}


def _default_thresholds_path() -> Path:
    return Path(str(resources.files("convergence") / "data" / "thresholds.yaml"))


# Parsed thresholds files by (path, modification time, size): every measure call loads the thresholds, and
# parsing the YAML cost more than a small measure. Each caller gets its own deep copy.
_PARSED: dict[tuple, dict] = {}


def _read_yaml(path: str | os.PathLike) -> dict:
    """A thresholds YAML file as a mapping that remembers each key's line (``lines[key]``)."""
    p = Path(path)
    if not p.is_file():
        raise MeasureError(f"cannot read thresholds file {p}: no such file")
    st = p.stat()
    key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _PARSED:
        if len(_PARSED) > 16:
            _PARSED.clear()
        _PARSED[key] = _parse_thresholds(p)
    return copy.deepcopy(_PARSED[key])


def _parse_thresholds(p: Path) -> dict:
    try:
        data = read_yaml(p, error=MeasureError, what="thresholds file")
    except MeasureError as exc:
        text = str(exc).replace("cannot read YAML:", "thresholds file is not valid YAML:", 1)
        raise MeasureError(text) from exc
    data.source = str(p)
    return data


def load_thresholds(thresholds: Mapping | str | os.PathLike | None = None) -> dict:
    """The shipped thresholds (data/thresholds.yaml) updated with a user's mapping or YAML file.

    A mistake in a file is reported as ``path:line: what is wrong`` (the line of the offending key).
    """
    values = _read_yaml(_default_thresholds_path())
    if thresholds is None:
        override: dict = {}
    elif isinstance(thresholds, Mapping):
        override = dict(thresholds)
    elif isinstance(thresholds, (str, os.PathLike)):
        override = _read_yaml(thresholds)
    else:
        raise MeasureError(f"thresholds must be a dict or a YAML path, got {type(thresholds).__name__}")

    def where(key: str) -> str:
        """``path:line: `` of the file that set ``key`` ("" for a dict the caller passed)."""
        src = override if key in override else values
        lines = getattr(src, "lines", None)
        if lines is None or not hasattr(src, "source"):
            return ""
        line = lines.get(key)
        return f"{src.source}:{line}: " if line else f"{src.source}: "

    unknown = sorted(set(override) - set(THRESHOLD_KEYS), key=str)
    if unknown:
        raise MeasureError(
            f"{where(unknown[0])}unknown threshold(s) {', '.join(map(str, unknown))}; "
            f"known: {', '.join(THRESHOLD_KEYS)}"
        )
    out = {**values}
    for key, val in override.items():
        if key == "weights":
            if not isinstance(val, Mapping):
                raise MeasureError(
                    f"{where(key)}thresholds['weights'] must map gap/directed/relation to numbers"
                )
            out["weights"] = {**values.get("weights", {}), **val}
        else:
            out[key] = val
    out.setdefault("actor_file", None)
    out.setdefault("dimensions", None)
    out.setdefault("position_space", None)
    for key, kind in THRESHOLD_KEYS.items():
        if key not in out:
            raise MeasureError(f"threshold {key!r} is missing from the thresholds file {values.source}")
        if kind in (dict, object):
            continue
        if kind is list:
            if isinstance(out[key], str) or not all(isinstance(w, str) for w in out[key] or []):
                raise MeasureError(f"{where(key)}threshold {key!r} must be a list of words")
            out[key] = tuple(out[key] or ())
            continue
        if kind is bool:
            if not isinstance(out[key], bool):
                raise MeasureError(f"{where(key)}threshold {key!r} must be true or false, got {out[key]!r}")
            continue
        try:
            if isinstance(out[key], bool):
                raise TypeError
            number = kind(out[key])
            if isinstance(number, float) and not math.isfinite(number):
                raise ValueError
            if kind is int and number != out[key]:
                raise ValueError
            out[key] = number
        except (TypeError, ValueError):
            raise MeasureError(f"{where(key)}threshold {key!r} must be a number, got {out[key]!r}") from None
    bad_w = sorted(set(out["weights"]) - {"gap", "directed", "relation"}, key=str)
    if bad_w:
        raise MeasureError(
            f"{where('weights')}unknown component weight(s) {', '.join(map(str, bad_w))}; "
            "known: gap, directed, relation"
        )
    weights = {}
    for k in ("gap", "directed", "relation"):
        w = out["weights"].get(k, 0.0)
        try:
            if isinstance(w, bool):
                raise TypeError
            weights[k] = float(w)
            if not math.isfinite(weights[k]):
                raise ValueError
        except (TypeError, ValueError):
            raise MeasureError(
                f"{where('weights')}component weight {k!r} must be a number, got {w!r}"
            ) from None
    out["weights"] = weights
    if not 0 <= out["threshold"] <= 1:
        raise MeasureError(f"{where('threshold')}threshold must lie in [0, 1]")
    for key in ("min_units", "min_units_relation", "min_units_directed", "min_side", "min_evidence"):
        if out[key] < (1 if key.startswith("min_units") else 0):
            raise MeasureError(
                f"{where(key)}min_units, min_units_relation and min_units_directed must be >= 1, "
                "min_side and "
                "min_evidence >= 0"
            )
    for key in ("directed_alone", "directed_alone_against"):
        if not 0 <= out[key] <= 1:
            raise MeasureError(f"{where(key)}{key} must lie in [0, 1]")
    if not 0 <= out["ci_margin"] < 1:
        raise MeasureError(f"{where('ci_margin')}ci_margin must lie in [0, 1)")
    if out["position_weight"] < 0 or out["position_scale"] <= 0 or out["position_min_sentences"] < 1:
        keys = ("position_weight", "position_scale", "position_min_sentences")
        key = next((k for k in keys if k in override), keys[0])
        raise MeasureError(
            f"{where(key)}position_weight must be >= 0, position_scale > 0, position_min_sentences >= 1"
        )
    if out["position_alone_min"] < 0:
        raise MeasureError(f"{where('position_alone_min')}position_alone_min must be >= 0")
    if not 0 < out["ci"] < 1:
        raise MeasureError(f"{where('ci')}ci must lie strictly between 0 and 1 (e.g. 0.95)")
    if any(w < 0 for w in out["weights"].values()) or not any(out["weights"].values()):
        raise MeasureError(f"{where('weights')}component weights must be >= 0 and not all zero")
    return out


# ---------------------------------------------------------------------------------------------- JSON


def json_safe(value: Any) -> Any:
    """Plain Python values for json.dumps: NaN/NA -> None, numpy scalars -> Python, timestamps -> ISO."""
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return [json_safe(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    return value
