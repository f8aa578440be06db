"""``tag_files``: parse and tag files batch by batch, keep what the measures need, cache the result.

``tag(read_corpus(paths))`` holds the whole corpus in memory twice over: every article's text, every
paragraph and sentence, then the tagged table. ``tag_files(paths)`` gives the same tagged table while each
worker parses *and* tags its own batch of documents, so only the tagged rows travel back; with
``keep="tagged"`` the sentences that name neither an issue nor an actor (which no measure reads) are dropped
in the worker. Batches run on the local engine or on a Dask cluster (``engine="dask"``), and the result is
cached by the inputs' bytes, the parse options, the data files and the code, so a second call loads it.

This layer sits between tagging and the measures: it imports ``convergence.ingest`` and
``convergence.tagging`` and nothing above them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
from array import array
from pathlib import Path
from typing import Literal, get_args

import numpy as np
import pandas as pd
import pyarrow as pa

from .arrowio import FrameFileError, read_frame, write_frame
from .deprecated import renamed
from .engine import ENGINES, EngineError, EngineName, batched, iter_batches
from .ingest.corpus import Corpus
from .ingest.corpus import atomic as atomic_write
from .ingest.reader import ReadPlan, default_cache_dir
from .tagging import core as _core
from .tagging.lexicon import DATA_DIR

Keep = Literal["all", "tagged"]
KEEP: tuple[str, ...] = get_args(Keep)
CACHE_VERSION = "3"
_DATA_FILES = ("taxonomy.yaml", "actors.yaml", "stance.csv", "relations.yaml")
_FIXED_DATA = ("attribution.yaml",)  # read from the package (not a tag() option)
_BATCH_ITEMS = 32
_BATCH_BYTES = 8_000_000
_SMALL_ITEMS = 16  # fewer documents than this (and no ``jobs`` given) are parsed in this process


def _tag_fingerprint(spec: tuple) -> str | None:
    """sha256 of the tagging data files (user copies or the shipped ones) and of the tagging code; None when
    ``spec`` holds loaded objects instead of paths (then nothing is cached)."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for item, default in zip(spec[:4], _DATA_FILES, strict=True):
        if item is not None and not isinstance(item, (str, os.PathLike)):
            return None
        path = Path(os.fspath(item)).expanduser() if item is not None else DATA_DIR / default
        try:
            digest.update(path.read_bytes())
        except OSError:
            return None  # the loader reports the missing file
    for name in _FIXED_DATA:
        digest.update((DATA_DIR / name).read_bytes())
    digest.update(f"tone={bool(spec[4])}".encode())
    code = [*sorted(Path(_core.__file__).parent.glob("*.py")), Path(__file__)]
    for src in code:
        digest.update(src.read_bytes())
    return digest.hexdigest()


def _is_tagged(frame: pd.DataFrame) -> np.ndarray:
    """Rows that name an issue or an actor: the only rows a measure reads."""
    return (frame["issues"].map(len).to_numpy() > 0) | (frame["actors"].map(len).to_numpy() > 0)


def _interned(values) -> list:
    """``values`` with equal lists as one list object (lists of dicts stay each row's own), so that the
    table receiving the batch looks at each distinct list once."""
    memo: dict = {}
    out = []
    for value in values:
        if type(value) is list:
            try:
                value = memo.setdefault(tuple(value), value)
            except TypeError:  # a list of dicts (target_stances, clauses)
                pass
        out.append(value)
    return out


@contextlib.contextmanager
def _gc_paused():
    """Python's cyclic garbage collector paused, then switched back on as it was: parsing and tagging make
    millions of small objects and almost no reference cycles, and the collector's passes over them cost
    about a tenth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse_and_tag(items: list[dict], *, plan: ReadPlan, spec: tuple, token: str | None, keep: str):
    """:func:`_tag_batch` with the garbage collector paused (see :func:`_gc_paused`)."""
    with _gc_paused():
        return _tag_batch(items, plan=plan, spec=spec, token=token, keep=keep)


def _tag_batch(items: list[dict], *, plan: ReadPlan, spec: tuple, token: str | None, keep: str):
    """One batch, in a worker: parse and tag each document. Returns the parse results without the texts
    (for the articles table), per document (doc_id, row count, first and end of its kept rows), and the kept
    rows of the batch column by column: row, sent_id, para_id, start, end, text, then the tag columns; the
    headline, when the article has one, is row 0 with sent_id -1 (see
    ``convergence.tagging.core.with_titles``)."""
    tagger = _core._tagger(spec, token)
    results = plan.parse(items)
    meta, docs, seen = [], [], set()
    rows: list = []
    for status, payload in results:
        if status != "ok":
            meta.append((status, payload))
            continue
        rec = dict(payload)
        text, sentences = rec["text"], rec["_sentences"]
        rec["text"], rec["_paragraphs"], rec["_sentences"] = "", [], []
        meta.append((status, rec))
        if rec["doc_id"] in seen:
            continue  # a duplicate: the articles table lists it, its sentences are the first copy's
        seen.add(rec["doc_id"])
        date = pd.to_datetime(rec.get("date"), errors="coerce")
        title = rec.get("title")
        head = (
            []
            if not sentences or not isinstance(title, str) or not title.strip()
            else [" ".join(title.split())]
        )
        t0 = _core.TITLE_SENT_ID
        spans = [(t0, t0, t0, t0)] * len(head) + [(k, pid, s, e) for k, (pid, s, e) in enumerate(sentences)]
        texts = head + [text[s:e] for _pid, s, e in sentences]
        speaker = _core._doc_speaker(rec, tagger.actors)
        meta_doc = {**_core._doc_meta(rec, tagger.actors, speaker), "title": bool(head)}
        tags = tagger.document(texts, None if pd.isna(date) else date.date(), speaker, meta_doc)
        first = len(rows)
        rows.extend(
            (k, sid, pid, s, e, texts[k], _core._UNTAGGED if tags[k] is None else tags[k])
            for k, (sid, pid, s, e) in enumerate(spans)
            if keep == "all" or (tags[k] is not None and (tags[k].issues or tags[k].actors))
        )
        docs.append((rec["doc_id"], len(spans), first, len(rows)))
    # the batch's rows column by column: (row, sent_id, para_id, start, end, text, *TAG_COLUMNS)
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else [[] for _ in range(6)]
    if rows:
        columns[6:] = [_interned(c) for c in zip(*columns.pop(6), strict=True)]
    else:
        columns += [[] for _ in _core.TAG_COLUMNS]
    return meta, docs, columns


class _Table:
    """The tagged rows of the batches, added in input order and kept compact as they come, column by
    column: numbers in typed arrays, sentence texts in Arrow buffers batch by batch, and equal tag lists as
    one shared list object."""

    def __init__(self):
        self.meta: list = []
        self.placed: set = set()
        self.position = 0
        self.doc_ids: list = []
        self.ints = {c: array("q") for c in ("para_id", "sent_id", "start", "end", "index")}
        self.texts: list = []
        self.tags = [array("d") if c in _core._NUMERIC else [] for c in _core.TAG_COLUMNS]
        self.shared: dict = {}

    def _shared(self, values: list) -> np.ndarray:
        """``values`` (one tag column of a batch) with each list replaced by the table's one list equal to it.
        Within a batch equal lists are often one object already, so each distinct object is looked at once."""
        n = len(values)
        codes, distinct = pd.factorize(np.fromiter(map(id, values), dtype=np.int64, count=n))
        first = np.empty(len(distinct), dtype=np.int64)
        first[codes[::-1]] = np.arange(n - 1, -1, -1)  # the first row of each distinct object
        objects = np.empty(len(distinct), dtype=object)
        shared = self.shared
        for j, i in enumerate(first.tolist()):
            value = values[i]
            if type(value) is list:
                try:
                    value = shared.setdefault(tuple(value), value)
                except TypeError:  # a list of dicts (target_stances, clauses) stays the row's own
                    pass
            objects[j] = value
        return objects[codes]

    def add(self, part) -> None:
        meta, docs, columns = part
        self.meta.extend(meta)
        rows, sent_id, para_id, start, end, texts, *tags = columns
        keep = []
        for doc_id, n, lo, hi in docs:
            if doc_id in self.placed:
                continue  # a duplicate of a document of an earlier batch
            self.placed.add(doc_id)
            keep.append((doc_id, lo, hi, self.position))
            self.position += n
        if not keep:
            return
        index = np.asarray(rows, dtype=np.int64)
        for doc_id, lo, hi, position in keep:
            index[lo:hi] += position
            self.doc_ids.extend([doc_id] * (hi - lo))
        chosen = None
        if len(keep) < len(docs):
            chosen = np.concatenate([np.arange(lo, hi, dtype=np.int64) for _d, lo, hi, _p in keep])

        def pick(values):
            if chosen is None:
                return values
            if isinstance(values, np.ndarray):
                return values[chosen]
            return [values[i] for i in chosen.tolist()]

        ints = self.ints
        ints["index"].extend(pick(index).tolist())
        for name, values in (("sent_id", sent_id), ("para_id", para_id), ("start", start), ("end", end)):
            ints[name].extend(pick(values))
        self.texts.append(pa.array(pick(texts), type=pa.large_string()))
        for k, values in enumerate(tags):
            if _core.TAG_COLUMNS[k] in _core._NUMERIC:
                self.tags[k].extend(pick(values))
            else:
                self.tags[k].append(pick(self._shared(values)))

    def frame(self, skipped_inputs: list, actors) -> tuple[pd.DataFrame | None, Corpus]:
        """The tagged table (``tag(read_corpus(...))``'s rows, columns and index) and the articles/skipped
        tables of the parse (``read_corpus``'s merge of duplicates)."""
        meta = ReadPlan.assemble(self.meta, skipped_inputs)
        if meta.articles.empty:
            return None, meta
        index = np.asarray(self.ints.pop("index"), dtype=np.int64)
        sentences = pd.DataFrame({"doc_id": self.doc_ids}, index=pd.Index(index))
        for c, values in self.ints.items():
            sentences[c] = np.asarray(values, dtype=np.int64)
        self.ints.clear()
        text = pd.arrays.ArrowStringArray(pa.chunked_array(self.texts, type=pa.large_string()))
        self.texts = []
        sentences["text"] = pd.Series(text, index=sentences.index).astype(sentences["doc_id"].dtype)
        sentences = sentences[["doc_id", "para_id", "sent_id", "start", "end", "text"]]
        if len(index) == self.position:
            sentences.index = pd.RangeIndex(self.position)
        doc_ids = list(dict.fromkeys(self.doc_ids))
        self.doc_ids = []
        info, _dates = _core._article_info(meta.articles, doc_ids, actors)
        joined = info.reindex(sentences["doc_id"].to_numpy())
        tags = [
            column if isinstance(column, array) else np.concatenate(column or [np.empty(0, dtype=object)])
            for column in self.tags
        ]
        self.tags = []
        return _core.tagged_table(sentences, tags, joined), meta


def _load(entry: Path, keep: str) -> pd.DataFrame | None:
    """The cached table (Arrow IPC files: data only, never code), or None when the entry cannot answer."""
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    if keep == "all" and not meta.get("complete"):
        return None
    frame = read_frame(entry / "tagged.arrow")
    if keep == "all":
        rest = read_frame(entry / "rest.arrow")
        attrs = frame.attrs
        frame = pd.concat([frame, rest]).sort_index(kind="stable")
        if frame.index.equals(pd.RangeIndex(len(frame))):
            frame.index = pd.RangeIndex(len(frame))
        frame.attrs = attrs
    return frame


def _save(entry: Path, frame: pd.DataFrame, *, complete: bool, skipped: list, n_sentences: int) -> None:
    entry.mkdir(parents=True, exist_ok=True)
    parts = {"tagged.arrow": frame}
    if complete:
        mask = _is_tagged(frame)
        parts = {"tagged.arrow": frame[mask], "rest.arrow": frame[~mask]}
    for name, part in parts.items():
        part = part.copy(deep=False)
        part.attrs = {"skipped": [tuple(s) for s in skipped], "n_sentences": int(n_sentences)}
        write_frame(part, entry / name)
    meta = {"complete": complete, "rows": int(len(frame)), "n_sentences": n_sentences, "skipped": skipped}
    atomic_write(
        entry / "meta.json",
        lambda tmp: Path(tmp).write_text(json.dumps(meta, default=str), encoding="utf-8"),
    )


def tag_files(
    paths,
    *,
    keep: Keep = "all",
    use_cache: bool = True,
    cache_dir=None,
    jobs: int | None = None,
    engine: EngineName = "local",
    scheduler=None,
    progress: bool | None = None,
    taxonomy=None,
    actor_file=None,
    stance_lexicon=None,
    relations=None,
    tone: bool = True,
    actors=None,
    **read_options,
) -> pd.DataFrame:
    """The tagged sentences of the files, folders and archives in ``paths``, parsed and tagged batch by batch.

    Gives the table ``tag(read_corpus(paths))`` gives (same rows, columns, values and index). With
    ``keep="tagged"`` only the sentences that name an issue or an actor are kept (the index still numbers
    all sentences): convergence, evidence and kwic give the same results on it, while memory holds a fraction
    of the corpus; salience and keyness need ``keep="all"`` (they count every sentence).

    ``read_options`` are :func:`convergence.read_corpus`'s (``filename_pattern``, ``max_file_bytes``,
    ``boilerplate``...); ``taxonomy``, ``actor_file``, ``stance_lexicon``, ``relations`` and ``tone`` are
    :func:`convergence.tag`'s (``actors=`` is the old name of ``actor_file=``).
    ``engine``/``scheduler``/``jobs`` choose where batches run (see :func:`convergence.read_corpus`; fewer
    than 16 documents with no ``jobs`` given are parsed in this process). The
    result is cached under ``cache_dir`` (default ``$CONVERGENCE_CACHE`` or ``~/.cache/convergence``), keyed
    by the input bytes, options, data files and code; inputs that could not be read are listed in
    ``frame.attrs["skipped"]`` as (path, reason, detail), and ``frame.attrs["n_sentences"]`` is the number of
    sentences in the corpus (kept or not).
    """
    if keep not in KEEP:
        raise ValueError(f"keep must be one of {KEEP}, not {keep!r}")
    if engine not in ENGINES:
        raise EngineError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    actor_file = renamed(actors, actor_file, old="actors", new="actor_file", where="tag_files")
    plan = ReadPlan(paths, **read_options)
    spec = (taxonomy, actor_file, stance_lexicon, relations, bool(tone))
    token = _core._spec_token(spec)
    entry = None
    if use_cache:
        tag_key = _tag_fingerprint(spec)
        if tag_key is not None:
            key = hashlib.sha256((plan.key() + tag_key).encode()).hexdigest()[:24]
            root = Path(cache_dir).expanduser() if cache_dir else default_cache_dir()
            entry = root / f"tagged-{key}"
            if (entry / "meta.json").exists():
                try:
                    frame = _load(entry, keep)
                except Exception:  # a damaged entry is computed again, never trusted
                    frame = None
                if frame is not None:
                    return frame

    # load and check the data files before any work, once, before forks (a cached table needs none: it was
    # made from the same files and code)
    tagger = _core._tagger(spec, token)
    collected = plan.collect()
    items, skipped_inputs = collected.items, list(collected.skipped)
    n_items = len(items)
    if jobs is None and engine == "local" and n_items < _SMALL_ITEMS:
        jobs = 1  # as read_corpus: a worker's model load costs more than parsing a few documents
    per_batch = max(1, min(_BATCH_ITEMS, -(-len(items) // 16)))
    batches = list(batched(items, size=per_batch, max_bytes=_BATCH_BYTES, weight=plan.item_bytes))
    del items
    collected.items = []
    sizes = [len(b) for b in batches]
    done = iter_batches(
        functools.partial(_parse_and_tag, plan=plan, spec=spec, token=token, keep=keep),
        batches,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs,
        progress=progress,
        desc="parse+tag",
        sizes=sizes,
        unit="docs",
    )
    table, waiting, expected = _Table(), {}, 0
    with _gc_paused():
        for index, part in done:  # batches finish in any order; they are added in input order
            waiting[index] = part
            while expected in waiting:
                table.add(waiting.pop(expected))
                expected += 1
        frame, meta = table.frame(skipped_inputs, tagger.actors)
    n_sentences = table.position
    del table
    if meta.articles.empty:
        raise plan.nothing_parsed(collected, n_items, meta.skipped.itertuples(index=False, name=None))
    skipped = [tuple(r) for r in meta.skipped.itertuples(index=False, name=None)]
    frame.attrs["skipped"] = skipped
    frame.attrs["n_sentences"] = n_sentences
    if entry is not None:
        try:
            _save(entry, frame, complete=keep == "all", skipped=skipped, n_sentences=n_sentences)
        except (OSError, FrameFileError, pa.ArrowException):
            pass  # an unwritable cache never stops a run
    return frame


__all__ = ["KEEP", "tag_files"]
