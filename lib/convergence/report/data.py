"""The data a report notebook works on: articles, skipped inputs and tagged sentences.

The batch runner parses and tags the corpus once and stores the three tables in the output folder; each
notebook then loads them with :func:`load` in a fraction of a second instead of parsing again. Run on its
own (``cache=""``), a notebook reads and tags the corpus itself.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import convergence as cv
from convergence.paths import project_root, resolve

_TABLES = ("articles", "skipped", "tagged")


@dataclass(frozen=True)
class ReportData:
    """Tables for one corpus: ``articles`` and ``skipped`` from ingest, ``tagged`` sentences from tag."""

    articles: pd.DataFrame
    skipped: pd.DataFrame
    tagged: pd.DataFrame
    paths: list[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        import html

        dates = pd.to_datetime(self.articles["date"], errors="coerce") if "date" in self.articles else None
        span = ""
        if dates is not None and dates.notna().any():
            undated = int(dates.isna().sum())
            span = f", dated {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d} ({undated} undated)"
        where = ", ".join(html.escape(_display(p)) for p in self.paths)
        return (
            f'<p style="color:#555">Corpus <code>{where}</code>: {len(self.articles)} articles, '
            f"{len(self.tagged)} sentences, {len(self.skipped)} skipped inputs{span}.</p>"
        )

    def __repr__(self) -> str:
        return (
            f"ReportData({len(self.articles)} articles, {len(self.tagged)} sentences, "
            f"{len(self.skipped)} skipped inputs)"
        )


def _display(path: str) -> str:
    try:
        return str(Path(path).relative_to(project_root()))
    except ValueError:
        return str(path)


def _as_paths(corpus) -> list[Path]:
    if isinstance(corpus, (str, os.PathLike)):
        corpus = [corpus]
    if not corpus:
        raise ValueError("corpus: give at least one file or folder")
    return [resolve(p) for p in corpus]


def prepare(corpus, *, tag_options: dict | None = None, **read_options) -> ReportData:
    """Read and tag ``corpus`` (paths relative to the project root) through the public API.

    ``tag_options`` go to ``convergence.tag`` (``taxonomy``, ``actors``, ``stance_lexicon``, ``relations``).
    """
    paths = _as_paths(corpus)
    parsed = cv.read_corpus(paths, **read_options)
    tagged = cv.tag(parsed, **(tag_options or {}))
    return ReportData(
        articles=parsed.articles, skipped=parsed.skipped, tagged=tagged, paths=[str(p) for p in paths]
    )


def save(data: ReportData, folder: str | os.PathLike) -> Path:
    """Store the three tables in ``folder`` (pickles, written atomically) for :func:`load`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in _TABLES:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        os.close(fd)
        try:
            pd.to_pickle(getattr(data, name), tmp)
            os.replace(tmp, folder / f"{name}.pkl")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return folder


def load(corpus, *, cache: str | os.PathLike = "") -> ReportData:
    """The report tables for ``corpus``: from ``cache`` (a folder written by :func:`save`) when given,
    else by reading and tagging the corpus now."""
    if cache:
        folder = resolve(cache)
        missing = [n for n in _TABLES if not (folder / f"{n}.pkl").is_file()]
        if missing:
            raise FileNotFoundError(f"report cache {folder} lacks {', '.join(missing)}; run without cache")
        tables = {n: pd.read_pickle(folder / f"{n}.pkl") for n in _TABLES}
        return ReportData(**tables, paths=[str(p) for p in _as_paths(corpus)])
    return prepare(corpus)
