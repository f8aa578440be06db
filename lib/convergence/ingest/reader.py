"""``read_corpus``: collect inputs, parse documents in batches (local pool or Dask), merge duplicates, cache
the result."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
from pathlib import Path

import numpy as np
import pandas as pd

from ..engine import ENGINES, EngineError, EngineName, batched, map_batches
from .config import compile_filename_pattern, load_config
from .corpus import (
    ARTICLE_COLUMNS,
    INT_COLUMNS,
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
    SKIPPED_COLUMNS,
    Corpus,
    IngestError,
)
from .documents import Skip, process_document
from .segment import SPLITTERS
from .sources import DEFAULT_MAX_ARCHIVE_BYTES, Options, collect

PARSER_VERSION = "1"
DEFAULT_MAX_FILE_BYTES = 100_000_000
DEFAULT_MAX_LINE_CHARS = 1_000_000
BATCH_ITEMS = 32  # documents per task: small enough to balance, large enough to keep per-task overhead low
BATCH_BYTES = 8_000_000  # ... and at most this many raw bytes per task


def default_cache_dir() -> Path:
    env = os.environ.get("CONVERGENCE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "convergence"


def _code_fingerprint() -> str:
    """Hash of this package's source, so a changed parser never serves an old cache entry."""
    digest = hashlib.sha256(PARSER_VERSION.encode())
    for src in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(src.read_bytes())
    return digest.hexdigest()[:16]


def _hash_file(path: Path, digest) -> None:
    if not stat.S_ISREG(os.stat(path).st_mode):  # never open a pipe or device: a read could block forever
        digest.update(b"not a regular file")
        return
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)


def _input_fingerprint(paths: list[Path]) -> str:
    """sha256 over every input file's path and bytes (streamed); folders are walked in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=str):
        digest.update(f"\0input:{Path(path).resolve()}\0".encode("utf-8", "surrogateescape"))
        if Path(path).is_dir():
            seen = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                real = os.path.realpath(root)
                if real in seen:
                    dirs[:] = []
                    continue
                seen.add(real)
                dirs.sort()
                for name in sorted(files):
                    fp = Path(root) / name
                    digest.update(f"\0file:{fp.relative_to(path)}\0".encode("utf-8", "surrogateescape"))
                    try:
                        _hash_file(fp, digest)
                    except OSError as exc:
                        digest.update(f"unreadable:{exc.errno}".encode())
        else:
            try:
                _hash_file(Path(path), digest)
            except OSError as exc:
                digest.update(f"unreadable:{exc.errno}".encode())
    return digest.hexdigest()


def _work(item: dict, config):
    try:
        return "ok", process_document(item, config)
    except Skip as exc:
        return "skip", (item["path"], exc.reason, exc.detail)
    except Exception as exc:  # one bad document must never stop the others
        return "skip", (item["path"], "error", f"{type(exc).__name__}: {str(exc)[:300]}")


def _parse_batch(items: list[dict], config_args: tuple) -> list:
    """Parse one batch; the configuration is loaded once per process (``load_config`` is memoised), so fork
    children reuse the parent's copy and each Dask worker builds it once."""
    config = load_config(*config_args)
    return [_work(it, config) for it in items]


def _item_bytes(item: dict) -> int:
    data = item.get("raw") if "raw" in item else item.get("text")
    return len(data) if data is not None else 0


def _run(
    items: list[dict],
    config_args: tuple,
    jobs: int,
    *,
    engine: EngineName = "local",
    scheduler=None,
    progress: bool | None = None,
):
    """Parse ``items`` with the chosen engine; results come back in input order whatever the engine."""
    if engine == "local" and (jobs <= 1 or len(items) < 16):
        jobs = 1
    per_batch = max(1, min(BATCH_ITEMS, -(-len(items) // (max(jobs, 2) * 8))))
    batches = list(batched(items, size=per_batch, max_bytes=BATCH_BYTES, weight=_item_bytes))
    parts = map_batches(
        functools.partial(_parse_batch, config_args=config_args),
        batches,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs,
        progress=progress,
        desc="parse",
        sizes=[len(b) for b in batches],
        unit="docs",
    )
    return [r for part in parts for r in part]


def _assemble(results, skipped_rows: list) -> Corpus:
    by_id: dict[str, dict] = {}
    order: list[str] = []
    for status, payload in results:
        if status == "skip":
            skipped_rows.append(payload)
            continue
        rec = payload
        first = by_id.get(rec["doc_id"])
        if first is not None:
            for p in rec["paths"]:
                if p not in first["paths"]:
                    first["paths"].append(p)
                    skipped_rows.append(
                        (p, "duplicate", f"same text as {first['paths'][0]} (doc_id {rec['doc_id']})")
                    )
            continue
        by_id[rec["doc_id"]] = rec
        order.append(rec["doc_id"])
    records = [by_id[d] for d in order]

    para_cols = {c: [] for c in PARAGRAPH_COLUMNS}
    sent_cols = {c: [] for c in SENTENCE_COLUMNS}
    for rec in records:
        text, doc_id = rec["text"], rec["doc_id"]
        paras = rec.pop("_paragraphs")
        sents = rec.pop("_sentences")
        para_cols["doc_id"] += [doc_id] * len(paras)
        for pid, s, e in paras:
            para_cols["para_id"].append(pid)
            para_cols["start"].append(s)
            para_cols["end"].append(e)
            para_cols["text"].append(text[s:e])
        sent_cols["doc_id"] += [doc_id] * len(sents)
        sent_cols["sent_id"] += range(len(sents))
        for pid, s, e in sents:
            sent_cols["para_id"].append(pid)
            sent_cols["start"].append(s)
            sent_cols["end"].append(e)
            sent_cols["text"].append(text[s:e])

    articles = pd.DataFrame.from_records(records) if records else pd.DataFrame(columns=ARTICLE_COLUMNS)
    for col in ARTICLE_COLUMNS:
        if col not in articles.columns:
            articles[col] = None
    for col in ("paths", "authors", "keywords", "warnings"):
        articles[col] = articles[col].map(lambda v: list(v) if isinstance(v, (list, tuple)) else [])
    articles["date"] = pd.to_datetime(articles["date"], errors="coerce").astype("datetime64[ns]")
    for col in INT_COLUMNS:
        articles[col] = pd.to_numeric(articles[col], errors="coerce").astype("Int64")
    articles["words_measured"] = articles["words_measured"].fillna(0).astype("int64")
    for col in articles.columns:
        if articles[col].dtype == object and col not in ("paths", "authors", "keywords", "warnings"):
            articles[col] = articles[col].where(articles[col].notna(), None)
    extras = [c for c in articles.columns if c not in ARTICLE_COLUMNS]
    articles = articles[ARTICLE_COLUMNS[:-1] + sorted(extras) + ["text"]].reset_index(drop=True)

    paragraphs = pd.DataFrame(para_cols)
    sentences = pd.DataFrame(sent_cols)
    for frame, cols in (
        (paragraphs, ("para_id", "start", "end")),
        (sentences, ("para_id", "sent_id", "start", "end")),
    ):
        for c in cols:
            frame[c] = np.asarray(frame[c], dtype="int64")
    skipped = pd.DataFrame(skipped_rows, columns=SKIPPED_COLUMNS)
    return Corpus(articles=articles, paragraphs=paragraphs, sentences=sentences, skipped=skipped)


def read_corpus(
    paths,
    *,
    filename_pattern: str | None = None,
    text_column: str | None = None,
    use_cache: bool = True,
    cache_dir=None,
    jobs: int | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES,
    boilerplate=None,
    abbreviations=None,
    filename_patterns=None,
    sentence_splitter: str = "rules",
    engine: EngineName = "local",
    scheduler=None,
    progress: bool | None = None,
) -> Corpus:
    """Read files, folders (recursively) and archives into a :class:`Corpus`.

    ``filename_pattern`` (e.g. ``"{country}_{session}_{year}.txt"``) is tried before the shipped patterns in
    ``data/filename_patterns.yaml``. ``text_column`` names the text column of ``.jsonl``/``.csv``/``.parquet``
    tables (default: the first of content, text, body, article, ... found). PDF files are read from their
    text layer and ``.docx`` files from their paragraphs, with title/author/date from the document properties.
    ``boilerplate``, ``abbreviations`` and ``filename_patterns`` take
    paths to your own copies of the data files. Files larger than ``max_file_bytes`` and text files with a
    line longer than ``max_line_chars`` are skipped with a reason; one archive (or ``.jsonl.gz``) unpacks at
    most ``max_archive_bytes`` (reading stops there, the members read are kept, reason ``too_large_archive``).
    Results are cached under ``cache_dir``
    (default ``$CONVERGENCE_CACHE`` or ``~/.cache/convergence``) by a hash of the input bytes, the options,
    the data files and this parser's code; ``use_cache=False`` parses again and does not write the cache.
    ``sentence_splitter`` is ``"rules"`` (fast, default) or ``"punkt"`` (pretrained Punkt model).

    ``engine="local"`` parses in a process pool of ``jobs`` workers (default up to 2); ``engine="dask"``
    parses on the Dask cluster at ``scheduler`` (an address or ``distributed.Client``; without one, a
    temporary local cluster of ``jobs`` workers). Both give the same tables, and the cache is shared.
    User data files given by path must be readable at the same path on every Dask worker.
    ``progress``: a progress bar on stderr (None: only when stderr is a terminal).
    """
    if engine not in ENGINES:
        raise EngineError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    plan = ReadPlan(
        paths,
        filename_pattern=filename_pattern,
        text_column=text_column,
        max_file_bytes=max_file_bytes,
        max_line_chars=max_line_chars,
        max_archive_bytes=max_archive_bytes,
        boilerplate=boilerplate,
        abbreviations=abbreviations,
        filename_patterns=filename_patterns,
        sentence_splitter=sentence_splitter,
    )
    key = None
    cache_root = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
    if use_cache:
        key = plan.key()
        cached = cache_root / key
        if (cached / "corpus.json").exists():
            try:
                return Corpus.load(cached)
            except Exception:  # a damaged cache entry is parsed again, never trusted
                pass

    collected = plan.collect()
    if jobs is None:
        jobs = min(2, os.cpu_count() or 1)
    results = _run(
        collected.items,
        plan.config_args,
        max(1, int(jobs)),
        engine=engine,
        scheduler=scheduler,
        progress=progress,
    )
    corpus = _assemble(results, list(collected.skipped))
    if corpus.articles.empty:
        rows = corpus.skipped.itertuples(index=False, name=None)
        raise plan.nothing_parsed(collected, len(collected.items), rows)
    if use_cache and key:
        try:
            corpus.save(cache_root / key, format="parquet", span_text=False)
        except OSError:
            pass  # an unwritable cache never stops a parse
    return corpus


class ReadPlan:
    """What :func:`read_corpus` would read, and the key of its cache entry, without parsing anything.

    Used by callers that parse in their own batches (``convergence.pipeline``): ``key`` names the parse,
    ``collect()`` lists the work items, ``parse(items)`` parses a batch in this process and ``assemble``
    turns parsed results into a :class:`Corpus` (merging duplicates within them).
    """

    def __init__(
        self,
        paths,
        *,
        filename_pattern: str | None = None,
        text_column: str | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
        max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
        max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES,
        boilerplate=None,
        abbreviations=None,
        filename_patterns=None,
        sentence_splitter: str = "rules",
    ):
        if sentence_splitter not in SPLITTERS:
            raise ValueError(f"sentence_splitter must be one of {SPLITTERS}, not {sentence_splitter!r}")
        if paths is None or isinstance(paths, (str, os.PathLike)):
            paths = [] if paths is None else [paths]
        self.paths = [Path(p).expanduser() for p in paths]
        if not self.paths:
            raise IngestError("no input: give at least one file, folder or archive")
        self.config_args = tuple(
            str(p) if p else None for p in (boilerplate, filename_patterns, abbreviations)
        )
        self.config = load_config(*self.config_args)
        self.patterns = list(self.config.filename_patterns)
        if filename_pattern:
            self.patterns.insert(0, compile_filename_pattern(filename_pattern))
        if text_column is not None and not str(text_column).strip():
            raise IngestError("text_column is empty: give the name of the table column holding the text")
        self.options = Options(
            self.config, self.patterns, max_file_bytes, max_line_chars, max_archive_bytes, text_column
        )
        self.splitter = sentence_splitter
        self._fingerprint = json.dumps(
            [
                _code_fingerprint(),
                self.config.fingerprint,
                filename_pattern,
                text_column,
                max_file_bytes,
                max_line_chars,
                max_archive_bytes,
                sentence_splitter,
            ]
        )

    def key(self) -> str:
        """The cache key: input bytes, options, data files and the parser's code."""
        return hashlib.sha256((self._fingerprint + _input_fingerprint(self.paths)).encode()).hexdigest()[:24]

    def collect(self):
        collected = collect(self.paths, self.options)
        for item in collected.items:
            item["splitter"] = self.splitter
        return collected

    @staticmethod
    def item_bytes(item: dict) -> int:
        return _item_bytes(item)

    def parse(self, items: list[dict]) -> list:
        return _parse_batch(items, self.config_args)

    @staticmethod
    def assemble(results, skipped_rows: list) -> Corpus:
        return _assemble(results, skipped_rows)

    def nothing_parsed(self, collected, n_items: int, skipped=None) -> IngestError:
        """The one-line error when no article came out: the first reasons, one per failing file, with why
        (an internal error's type and message included)."""
        rows = list(skipped) if skipped is not None else list(collected.skipped)
        if not n_items and not rows:
            return IngestError(f"no input: nothing found in {', '.join(map(str, self.paths))}")
        shown, files = [], set()
        for path, reason, detail in rows:
            file = str(path).split("::", 1)[0].split("#", 1)[0]
            if file in files:
                continue
            files.add(file)
            why = " ".join(str(detail).split())
            shown.append(f"{path}: {reason}" + (f" ({why[:300]})" if why else ""))
            if len(shown) == 5:
                break
        more = len({str(p).split("::", 1)[0].split("#", 1)[0] for p, _r, _d in rows}) - len(shown)
        listing = "; ".join(shown) + (f"; and {more} more file(s)" if more > 0 else "")
        return IngestError(
            f"nothing parseable in {', '.join(map(str, self.paths))} ({listing or 'no readable files found'})"
        )
