"""Check actor codes and issue slugs against the data files, with the closest valid ones for a typo.

``check_actor_codes(["USA", "PAKI"])`` raises :class:`UnknownCodeError` "unknown actor 'PAKI'; did you mean
PAK?". The command line checks ``--actors`` and ``--issues`` before reading a corpus; the measures check
theirs on entry through :func:`check_codes`, which also accepts any code or slug the tagged table itself
carries (a UN speech's ISO3 country code, an issue of the user's own taxonomy).
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConvergenceError
from . import lexicon
from .lexicon import load_actors, load_taxonomy


class UnknownCodeError(ConvergenceError, ValueError):
    """An actor code or issue slug that no data file defines; the message names the closest valid ones."""


def _suggest(value: str, known: Iterable[str], aliases: dict[str, str] | None = None) -> list[str]:
    known = list(dict.fromkeys(known))
    hits = []
    folded = {k.casefold(): k for k in known}
    if value.casefold() in folded:
        hits.append(folded[value.casefold()])
    for alias, code in (aliases or {}).items():
        if alias.casefold() == value.casefold() and code not in hits:
            hits.append(code)
    by_fold = difflib.get_close_matches(value.casefold(), list(folded), n=3, cutoff=0.6)
    hits += [folded[k] for k in by_fold if folded[k] not in hits]
    if not hits:  # "PK" for PAK, "US" for USA: a short code whose letters appear in order
        v = value.casefold()
        for k in known:
            it = iter(k.casefold())
            if len(v) >= 2 and all(ch in it for ch in v):
                hits.append(k)
    return hits[:3]


def _unknown(kind: str, bad: list[str], known: list[str], aliases: dict[str, str] | None = None):
    parts = []
    for value in bad:
        hits = _suggest(value, known, aliases)
        parts.append(f"unknown {kind} {value!r}" + (f"; did you mean {' or '.join(hits)}?" if hits else ""))
    listing = f"{kind} codes" if kind == "actor" else f"{kind} slugs"
    return UnknownCodeError(f"{'; '.join(parts)} (known {listing}: {', '.join(known)})")


def _as_list(values) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = values.split(",")
    return [str(v).strip() for v in values if str(v).strip()]


def _stamp(path, default: str) -> tuple:
    """A cache key for a data file: its path, size and modification time (a changed file is read again)."""
    p = Path(os.fspath(path)).expanduser() if path is not None else lexicon.DATA_DIR / default
    try:
        st = p.stat()
    except OSError:
        return (str(p), None, None)  # the loader reports the missing file
    return (str(p.resolve()), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=16)
def _actor_codes(stamp: tuple) -> tuple[list[str], dict[str, str]]:
    actors = load_actors(stamp[0])
    aliases = {label: code for code, label in actors.codes.items()}
    aliases.update({iso: code for iso, code in actors.iso3.items()})
    return list(actors.codes), aliases


@functools.lru_cache(maxsize=16)
def _issue_slugs(stamp: tuple) -> tuple[list[str], dict[str, str]]:
    tax = load_taxonomy(stamp[0])
    return list(tax.areas), {area.label: slug for slug, area in tax.areas.items()}


def check_actor_codes(codes, *, actor_file=None, also: Iterable[str] = ()) -> list[str]:
    """``codes`` (a list or "USA,PAK") as a list; raises :class:`UnknownCodeError` for a code that neither the
    actor dictionary (``actor_file``, default the shipped one) nor ``also`` defines."""
    known, aliases = _actor_codes(_stamp(actor_file, "actors.yaml"))
    valid = set(known) | {str(c) for c in also if c}
    values = _as_list(codes)
    bad = [c for c in values if c not in valid]
    if bad:
        raise _unknown("actor", bad, known, aliases)
    return values


def check_issue_slugs(slugs, *, taxonomy=None, also: Iterable[str] = ()) -> list[str]:
    """``slugs`` (a list or "kashmir,iran") as a list; raises :class:`UnknownCodeError` for a slug that
    neither the taxonomy (``taxonomy``, default the shipped one) nor ``also`` defines."""
    known, aliases = _issue_slugs(_stamp(taxonomy, "taxonomy.yaml"))
    valid = set(known) | {str(s) for s in also if s}
    values = _as_list(slugs)
    bad = [s for s in values if s not in valid]
    if bad:
        raise _unknown("issue", bad, known, aliases)
    return values


def _codes_in(frame, columns: tuple[str, ...]) -> set[str]:
    """Every code a tagged table carries in ``columns`` (scalar or list cells)."""
    found: set[str] = set()
    for column in columns:
        if column not in getattr(frame, "columns", ()):
            continue
        seen: set[int] = set()
        for value in frame[column].tolist():
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, (list, tuple)) and id(value) not in seen:
                seen.add(id(value))  # equal tag lists are often one shared object
                found.update(v for v in value if isinstance(v, str))
    return found


def check_codes(tagged=None, *, actors=(), issues=(), actor_file=None, taxonomy=None) -> None:
    """The measures' entry check: ``actors`` and ``issues`` must be defined by the data files or carried by
    the tagged table (holders, speakers, actors mentioned; issue slugs)."""
    if _as_list(actors):
        try:
            check_actor_codes(actors, actor_file=actor_file)
        except UnknownCodeError:  # the table is read only when the data file does not know a code
            also = _codes_in(tagged, ("holder", "doc_speaker", "actors", "targets"))
            check_actor_codes(actors, actor_file=actor_file, also=also)
    if _as_list(issues):
        try:
            check_issue_slugs(issues, taxonomy=taxonomy)
        except UnknownCodeError:
            check_issue_slugs(issues, taxonomy=taxonomy, also=_codes_in(tagged, ("issues",)))


def actor_table(actor_file=None):
    """The actor dictionary as rows: code, name, patterns (how many names and office-holder patterns)."""
    import pandas as pd

    actors = load_actors(actor_file)
    counts: dict[str, int] = {}
    for name in actors.names:
        if name.code is not None:
            counts[name.code] = counts.get(name.code, 0) + 1
    rows = [(code, label, counts.get(code, 0)) for code, label in actors.codes.items()]
    return pd.DataFrame(rows, columns=["code", "name", "patterns"])


def issue_table(taxonomy=None):
    """The taxonomy as rows: slug, label, patterns (how many)."""
    import pandas as pd

    tax = load_taxonomy(taxonomy)
    rows = [(slug, area.label, len(area.patterns)) for slug, area in tax.areas.items()]
    return pd.DataFrame(rows, columns=["slug", "label", "patterns"])


__all__ = [
    "UnknownCodeError",
    "actor_table",
    "check_actor_codes",
    "check_codes",
    "check_issue_slugs",
    "issue_table",
]
