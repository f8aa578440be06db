"""The data a report notebook works on: articles, skipped inputs and tagged sentences.

The batch runner parses and tags the corpus once and stores the tables in ``<out>/_data`` as Arrow IPC files
(:mod:`convergence.report.tables`; never pickles: a report folder is shared, and reading it must never run
code): ``articles.arrow`` (without the article text), ``skipped.arrow``, ``tagged.arrow`` (the sentences that
name an issue or an actor: the only ones a measure reads) and one ``issues/<slug>.arrow`` per issue area
with that issue's sentences, plus ``corpus.json`` (paths, counts, the corpus note of the charts). Each
notebook then loads only what it needs with :func:`load` (an issue report: its issue's rows). Run on its own
(``cache=""``), a notebook reads and tags the corpus itself.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import convergence as cv
from convergence.paths import project_root, resolve
from convergence.report.safety import safe_stem
from convergence.report.tables import read_frame, write_frame

_TABLES = ("articles", "skipped", "tagged")
# Columns no measure or chart reads (match terms, tone, offsets): left on disk by ``columns="measures"``.
_NOT_MEASURED = ("issue_terms", "actor_terms", "tone", "holder_source", "start", "end", "para_id")
# What the corpus overview reads (salience, actors mentioned): no text, no stance detail.
_OVERVIEW = ("doc_id", "sent_id", "issues", "actors", "holder", "date", "year", "publisher", "country",
             "doc_speaker")  # fmt: skip
META = "corpus.json"


class SharedCounts(dict):
    """Term counts that a frame's ``attrs`` carry without copying: pandas deep-copies ``attrs`` into nearly
    every frame or column it derives, and the whole corpus's background counts (tens of thousands of terms)
    made each column read of an issue slice copy them all. Never modified once attached."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


@dataclass(frozen=True)
class ReportData:
    """Tables for one corpus: ``articles`` and ``skipped`` from ingest, ``tagged`` sentences from tag.

    ``issue``: when set, ``tagged`` holds only that issue's sentences. ``info``: counts and notes the runner
    stored (``note``: the charts' source note for the whole corpus; ``corrections``, ``filters``).
    """

    articles: pd.DataFrame
    skipped: pd.DataFrame
    tagged: pd.DataFrame
    paths: list[str] = field(default_factory=list)
    issue: str | None = None
    info: dict = field(default_factory=dict)

    def _repr_html_(self) -> str:
        import html

        dates = pd.to_datetime(self.articles["date"], errors="coerce") if "date" in self.articles else None
        span = ""
        if dates is not None and dates.notna().any():
            undated = int(dates.isna().sum())
            span = f", dated {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d} ({undated} undated)"
        where = ", ".join(html.escape(_display(p)) for p in self.paths)
        n_sent = self.info.get("sentences", len(self.tagged))
        from convergence.measure.corrections import describe_corrections
        from convergence.measure.filters import describe_filters

        notes = [
            describe_filters(self.info.get("filters")),
            describe_corrections(self.info.get("corrections")),
            describe_corrections(self.info.get("corrections_here")),
        ]
        extra = "".join(f" {html.escape(n)}." for n in notes if n)
        return (
            f'<p style="color:#555">Corpus <code>{where}</code>: {len(self.articles)} articles, '
            f"{n_sent} sentences, {len(self.skipped)} skipped inputs{span}.{extra}</p>"
        )

    def __repr__(self) -> str:
        return (
            f"ReportData({len(self.articles)} articles, {self.info.get('sentences', len(self.tagged))} "
            f"sentences, {len(self.skipped)} skipped inputs)"
        )


def _display(path: str) -> str:
    try:
        return str(Path(path).relative_to(project_root()))
    except ValueError:
        return str(path)


def _as_paths(corpus, *, check: bool = False) -> list[Path]:
    """Paths relative to the project root (the folder holding pyproject.toml) made absolute; ``check``: a
    missing one is a one-line ``FileNotFoundError`` naming the absolute path tried."""
    if isinstance(corpus, (str, os.PathLike)):
        corpus = [corpus]
    if not corpus:
        raise ValueError("corpus: give at least one file or folder")
    paths = [resolve(p) for p in corpus]
    if check:
        for given, p in zip(corpus, paths, strict=True):
            if not p.exists():
                raise FileNotFoundError(
                    f"corpus path {str(given)!r} not found: tried {p} (relative paths start at the project "
                    f"root, {project_root()})"
                )
    return paths


def _path_parameter(value, what: str) -> Path | None:
    if value is None or value == "":
        return None
    p = resolve(value)
    if not p.exists():
        raise FileNotFoundError(
            f"{what} {str(value)!r} not found: tried {p} (relative paths start at the project root, "
            f"{project_root()})"
        )
    return p


def prepare(
    corpus,
    *,
    tag_options: dict | None = None,
    corrections=None,
    filters: dict | None = None,
    **read_options,
) -> ReportData:
    """Read and tag ``corpus`` (paths relative to the project root) through the public API: the articles from
    ``convergence.read_corpus``, the tagged sentences from ``convergence.tag_files`` (its cache answers for a
    corpus tagged before; the same table as ``convergence.tag``).

    ``tag_options`` are the run's data files, named as :func:`convergence.tagging.lexicon.load_tag_data`
    names them (``taxonomy``, ``actors``, ``stance_lexicon``, ``relations``); they go to
    ``convergence.tag_files`` (whose option for the actors file is ``actor_file``).
    ``filters``: ``since``, ``until``, ``publisher``, ``doc_type`` (``convergence.measure.filters``);
    ``corrections``: a corrections file (``convergence.measure.corrections``), applied after the filters.
    """
    from convergence.measure.corrections import apply_corrections
    from convergence.measure.filters import filter_sentences

    paths = _as_paths(corpus, check=True)
    parsed = cv.read_corpus(paths, **read_options)  # for the articles table (the parse cache answers)
    articles = parsed.articles.drop(columns=["text"], errors="ignore")  # no report shows whole articles
    parsed_skipped = parsed.skipped
    del parsed
    # tag(read_corpus(paths))'s table, loaded from the tag cache (keyed by the input bytes, the data files and
    # the code) when the corpus was tagged before; tagged batch by batch, and cached, when it was not.
    options = {("actor_file" if k == "actors" else k): v for k, v in (tag_options or {}).items()}
    tagged = cv.tag_files(paths, keep="all", **options, **read_options)
    tagged.attrs = {}  # the cache's notes (skipped inputs, sentence count): the report keeps its own
    info: dict = {}
    if filters and any(v not in (None, "", [], ()) for v in filters.values()):
        tagged = filter_sentences(tagged, **filters)
        info["filters"] = tagged.attrs["filters"]
    if corrections:
        tagged = apply_corrections(tagged, _path_parameter(corrections, "corrections file"))
        info["corrections"] = tagged.attrs["corrections"]
    return ReportData(
        articles=articles,
        skipped=parsed_skipped,
        tagged=tagged,
        paths=[str(p) for p in paths],
        info=info,
    )


def _with_note(tagged: pd.DataFrame, note: str | None) -> pd.DataFrame:
    """Mark ``tagged`` with the whole corpus's source note (``charts.corpus_note`` uses it for this frame)."""
    if note:
        tagged.attrs["corpus_note"] = note
        tagged.attrs["corpus_note_rows"] = len(tagged)
    return tagged


def _is_tagged(frame: pd.DataFrame):
    if not len(frame):
        return pd.Series(False, index=frame.index)
    has = frame["issues"].map(len).gt(0)
    if "actors" in frame.columns:
        has |= frame["actors"].map(len).gt(0)
    return has


def issue_file(issue: str) -> str:
    """The file name of one issue's rows in the data folder."""
    return f"issues/{safe_stem(issue, max_length=100)}.arrow"


def save(data: ReportData, folder: str | os.PathLike, *, info: dict | None = None) -> Path:
    """Store the tables in ``folder`` (Arrow IPC, written atomically) for :func:`load`; return the folder.

    Only the sentences that name an issue or an actor are kept (no measure reads the others); each issue's
    sentences are also written to their own file, once, so an issue report reads only those.
    """
    from convergence import charts

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tagged = data.tagged
    note = charts.corpus_note(tagged)
    kept = tagged[_is_tagged(tagged)]
    articles = data.articles.drop(columns=["text"], errors="ignore")
    write_frame(articles, folder / "articles.arrow")
    write_frame(data.skipped, folder / "skipped.arrow")
    write_frame(kept, folder / "tagged.arrow")
    from convergence.measure.keyness import background_counts

    counts = background_counts(tagged["text"]) if "text" in tagged.columns else {}
    background = pd.DataFrame({"term": list(counts), "count": list(counts.values())})
    write_frame(background, folder / "background.arrow")
    issues: dict[str, str] = {}
    if len(kept):
        exploded = kept["issues"].explode()
        exploded = exploded[exploded.notna()]
        for issue, idx in exploded.groupby(exploded.astype(str), sort=True).groups.items():
            name = issue_file(str(issue))
            write_frame(kept.loc[sorted(set(idx))], folder / name)
            issues[str(issue)] = name
    meta = {
        **{k: v for k, v in data.info.items() if k in ("filters", "corrections")},
        "paths": list(data.paths),
        "articles": int(len(data.articles)),
        "sentences": int(len(tagged)),
        "sentences_kept": int(len(kept)),
        "skipped": int(len(data.skipped)),
        "note": note,
        "issues": issues,
        **(info or {}),
    }
    tmp = folder / f".{META}.tmp"
    tmp.write_text(json.dumps(meta, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, folder / META)
    return folder


def _columns(columns):
    """None, or a predicate on column names: a list of names, or a named set (``"measures"``,
    ``"overview"``)."""
    if columns is None:
        return None
    if columns == "measures":
        return lambda name: name not in _NOT_MEASURED
    if columns == "overview":
        return set(_OVERVIEW).__contains__
    if isinstance(columns, str):
        raise ValueError(f"columns must be a list of names, 'measures' or 'overview', not {columns!r}")
    return set(columns).__contains__


def _cache_folder(cache) -> Path:
    folder = resolve(cache)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"report data folder {str(cache)!r} not found: tried {folder} (relative paths start at the "
            f"project root, {project_root()})"
        )
    missing = [f"{n}.arrow" for n in _TABLES if not (folder / f"{n}.arrow").is_file()]
    if not (folder / META).is_file():
        missing.append(META)
    if missing:
        raise FileNotFoundError(
            f"report data folder {folder} lacks {', '.join(missing)}; run `convergence report` again or "
            'load without cache (cache="")'
        )
    return folder


def load(
    corpus,
    *,
    cache: str | os.PathLike = "",
    issue: str | None = None,
    columns=None,
    corrections: str | os.PathLike = "",
) -> ReportData:
    """The report tables for ``corpus``: from ``cache`` (a data folder written by :func:`save`) when given,
    else by reading and tagging the corpus now. Relative paths start at the project root; a path that does
    not exist is a one-line ``FileNotFoundError`` naming the absolute path tried.

    ``issue``: only that issue's tagged sentences (an issue report needs no other). ``columns``: only those
    columns of the tagged table (the rest are not read from disk); ``"measures"``: every column but the
    ones no measure or chart reads (match terms, tone, offsets); ``"overview"``: what the corpus overview
    reads (no text). ``corrections``: a corrections file
    (CSV/YAML of sentence keys to exclude or re-attribute, ``convergence.measure.corrections``); the
    runner's data folder already has the run's corrections applied.
    """
    columns = _columns(columns)
    if not cache:
        data = prepare(corpus, corrections=corrections or None)
        tagged = data.tagged
        note = None
        if issue is not None:
            from convergence import charts

            note = charts.corpus_note(tagged)
            tagged = tagged[tagged["issues"].map(lambda c: issue in list(c))]
        if columns is not None:
            tagged = tagged[[c for c in tagged.columns if columns(c)]]
        tagged = _with_note(tagged, note)
        return ReportData(data.articles, data.skipped, tagged, data.paths, issue=issue, info=data.info)
    folder = _cache_folder(cache)
    info = json.loads((folder / META).read_text(encoding="utf-8"))
    if info.get("labels"):
        from convergence import charts

        charts.set_issue_labels(info["labels"])
    if issue is not None:
        name = info.get("issues", {}).get(str(issue))
        if name is None:  # no sentence carries this issue: the table's columns, no rows
            tagged = read_frame(folder / "tagged.arrow", columns=columns).iloc[:0]
        else:
            tagged = read_frame(folder / name, columns=columns)
    else:
        tagged = read_frame(folder / "tagged.arrow", columns=columns)
    if corrections:
        from convergence.measure.corrections import apply_corrections

        tagged = apply_corrections(tagged, _path_parameter(corrections, "corrections file"))
        info["corrections_here"] = tagged.attrs["corrections"]
    tagged = _with_note(tagged, info.get("note"))
    if (folder / "background.arrow").is_file():  # keyness's prior: the whole corpus, not this slice
        bg = read_frame(folder / "background.arrow")
        tagged.attrs["token_background"] = SharedCounts(zip(bg["term"], bg["count"].astype(int), strict=True))
        tagged.attrs["token_background_rows"] = len(tagged)
    data = ReportData(
        articles=read_frame(folder / "articles.arrow"),
        skipped=read_frame(folder / "skipped.arrow"),
        tagged=tagged,
        paths=[str(p) for p in _as_paths(corpus)],
        issue=issue,
        info=info,
    )
    from convergence.report.memory import release_memory

    release_memory()  # the Arrow buffers the tables were read from, before the measures need memory
    return data


def downloads(data: ReportData):
    """Links to this issue report's evidence files (CSV; XLSX with the verdict and the evidence), which the
    report runner writes beside the page; run on its own, a notebook says how to get them."""
    from convergence import charts

    files = data.info.get("exports", {}).get(str(data.issue)) if data.issue else None
    if not files:
        return charts.HTML(
            '<p class="cv-muted">The evidence and verdict tables (CSV and XLSX) are written by '
            "<code>convergence report</code> beside each issue page.</p>"
        )
    import html

    csv, xlsx = (html.escape(files[k], quote=True) for k in ("csv", "xlsx"))
    return charts.HTML(
        f"<p>Every evidence sentence on this issue, with the article title, date, publisher and link: "
        f'<a href="{csv}" download>CSV</a> · <a href="{xlsx}" download>XLSX</a> (sheets: verdict, evidence). '
        'All issues together: <a href="../evidence.csv" download>evidence.csv</a>, '
        '<a href="../convergence.xlsx" download>convergence.xlsx</a>.</p>'
    )
