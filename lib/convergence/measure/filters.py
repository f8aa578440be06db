"""Which sentences a measure looks at: by article date, publisher and document type.

``filter_sentences(tagged, since=, until=, publisher=, doc_type=)`` returns a new frame with the rows kept
and ``attrs["filters"]`` describing what was asked and how many rows were left out. Dates are inclusive and
may be a year (``2025``), a month (``2025-03``) or a day (``2025-03-15``); ``until=2025-03`` keeps all of
March. A sentence whose article has no date is left out by any date filter. Publisher and document type
compare case-insensitively with the whole value; several may be given (a list, or one comma-separated
string).
"""

from __future__ import annotations

import re

import pandas as pd

from ._common import MeasureError

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def _bound(value, *, end: bool, what: str) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    m = _DATE.match(text)
    if not m:
        raise MeasureError(f"{what} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        start = pd.Timestamp(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise MeasureError(f"{what}: {value!r} is not a date ({exc})") from None
    if not end:
        return start
    if day:
        return start + pd.Timedelta(days=1)
    if month:
        return start + pd.offsets.MonthBegin(1)
    return pd.Timestamp(int(year) + 1, 1, 1)


def _names(value) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [str(v).strip() for v in items if str(v).strip()]


def filter_sentences(
    tagged: pd.DataFrame,
    *,
    since=None,
    until=None,
    publisher=None,
    doc_type=None,
) -> pd.DataFrame:
    """The rows of ``tagged`` whose article matches every filter given (see the module doc)."""
    if not isinstance(tagged, pd.DataFrame):
        raise MeasureError(f"filter_sentences needs a DataFrame, got {type(tagged).__name__}")
    lo = _bound(since, end=False, what="since")
    hi = _bound(until, end=True, what="until")
    if lo is not None and hi is not None and hi <= lo:
        raise MeasureError(f"since ({since}) is after until ({until}): no sentence could be kept")
    keep = pd.Series(True, index=tagged.index)
    asked = []
    if lo is not None or hi is not None:
        if "date" not in tagged.columns:
            raise MeasureError("the table has no date column: --since/--until need dated articles")
        dates = pd.to_datetime(tagged["date"], errors="coerce")
        if lo is not None:
            keep &= dates >= lo
            asked.append(f"since {since}")
        if hi is not None:
            keep &= dates < hi
            asked.append(f"until {until}")
    for column, value in (("publisher", publisher), ("doc_type", doc_type)):
        names = _names(value)
        if not names:
            continue
        if column not in tagged.columns:
            raise MeasureError(f"the table has no {column} column to filter on")
        wanted = {n.casefold() for n in names}
        have = tagged[column].map(lambda v, w=wanted: isinstance(v, str) and v.strip().casefold() in w)
        keep &= have.astype(bool)
        asked.append(f"{column.replace('_', ' ')} {', '.join(names)}")
    out = tagged[keep] if asked else tagged.copy()
    out.attrs = dict(tagged.attrs)
    out.attrs["filters"] = {
        "asked": asked,
        "kept": int(keep.sum()),
        "left_out": int((~keep).sum()),
        "since": None if since is None else str(since),
        "until": None if until is None else str(until),
        "publisher": _names(publisher),
        "doc_type": _names(doc_type),
    }
    return out


def describe_filters(info: dict | None) -> str:
    """One line for a report: what the filters kept ("" when none was given)."""
    if not info or not info.get("asked"):
        return ""
    return (
        f"Filtered: {'; '.join(info['asked'])} ({info['kept']:,} sentences kept, "
        f"{info['left_out']:,} left out)"
    )
