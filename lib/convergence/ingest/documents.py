"""One document in, one article record out: decode, extract (HTML), clean, metadata, segment.

These functions run in worker processes; they take plain data and return plain data (dicts and tuples).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .clean import clean_document
from .config import IngestConfig
from .decode import Undecodable, decode_bytes
from .metadata import (
    clean_title,
    doc_type_from,
    normalise_publisher,
    parse_date,
    parse_front_matter,
    publisher_from_url,
    split_authors,
    split_list,
    title_from_url,
)
from .office import OfficeSkip, read_docx, read_pdf
from .segment import segment

TEXT_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
}
DOCUMENT_FORMATS = {".pdf": "pdf", ".docx": "docx"}  # binary documents read by convergence.ingest.office
TABLE_FORMATS = {
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
}


class Skip(Exception):
    """A document that cannot be used: ``reason`` is a short code, ``detail`` says why."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def doc_id_for(text: str) -> str:
    """16 hex chars of sha256 of the normalised clean text (NFC, whitespace collapsed, case kept)."""
    return _doc_id_of_words(unicodedata.normalize("NFC", text).split())


def _doc_id_of_words(words: list[str]) -> str:
    return _doc_id_of_joined(" ".join(words))


def _doc_id_of_joined(joined: str) -> str:
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


# every character str.split splits at but the space (no whitespace character lies above U+3000)
_OTHER_SPACE = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c != " ")
_OTHER_SPACE_ASCII = tuple(c for c in _OTHER_SPACE if c.isascii())


def _collapsed(text: str) -> tuple[str, int]:
    """``(" ".join(text.split()), len(text.split()))``, without making a string of every word when the only
    whitespace of ``text`` is single spaces and the blank lines between paragraphs (a clean text nearly
    always): a few substring tests show it."""
    flat = text.replace("\n\n", " ")
    if (
        flat
        and not flat[0].isspace()
        and not flat[-1].isspace()
        and "  " not in flat
        and not any(ws in flat for ws in (_OTHER_SPACE_ASCII if flat.isascii() else _OTHER_SPACE))
    ):
        return flat, flat.count(" ") + 1
    words = text.split()
    return " ".join(words), len(words)


def _section_from_path(path: str) -> list[str]:
    inner = path.split("::")[-1]
    return inner.replace("\\", "/").split("/")[:-1]


def _from_front_matter(fm: dict, meta: dict, config: IngestConfig) -> None:
    lower = {str(k).lower(): v for k, v in fm.items()}
    if lower.get("title") is not None:
        meta["title"] = str(lower["title"])
    for key in ("date", "published_time", "published", "pubdate", "date_published"):
        if lower.get(key) is not None:
            d = parse_date(lower[key])
            if d == d:
                meta["date"] = d
                break
    for key in ("source_url", "url", "link"):
        if lower.get(key):
            meta["url"] = str(lower[key])
            break
    for key in ("author", "authors"):
        if lower.get(key):
            meta["authors"] = split_authors(lower[key])
    for key in ("publisher", "source", "organization"):
        if lower.get(key):
            meta["publisher"] = str(lower[key])
            break
    kws = []
    for key in ("tags", "keywords", "categories"):
        kws += split_list(lower.get(key))
    if kws:
        meta["keywords"] = kws
    if lower.get("doc_type") or lower.get("type"):
        meta["doc_type"] = str(lower.get("doc_type") or lower.get("type"))
    used = {"title", "date", "source_url", "url", "link", "author", "authors", "publisher", "source"}
    used |= {"organization", "tags", "keywords", "doc_type", "type"}
    for k, v in lower.items():
        if k not in used and k not in meta:
            meta[re.sub(r"\W+", "_", k)] = (
                v if isinstance(v, (str, int, float, bool, list)) or v is None else str(v)
            )


def _html(text: str, meta: dict, warnings: list[str]) -> str:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=False
        )
    except Exception as exc:  # trafilatura raises many kinds of parser errors on broken pages
        raise Skip("unparseable_html", f"{type(exc).__name__}: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise Skip("empty", "no article body found in the page")
    if doc.title:
        meta["title"] = doc.title
    if doc.author:
        meta["authors"] = split_authors(doc.author)
    if doc.date:
        d = parse_date(doc.date)
        if d == d:
            meta["date"] = d
    if doc.url:
        meta["url"] = doc.url
    if doc.sitename:
        meta["sitename"] = doc.sitename
    text = doc.text
    first, _, rest = text.lstrip().partition("\n")
    if doc.title and rest.strip() and _same_title(first, doc.title):
        text = rest
    # Some pages carry the body twice (e.g. a print copy in the same page): keep each long line once.
    seen, kept = set(), []
    for line in text.split("\n"):
        key = line.strip()
        if len(key) >= 40 and key in seen:
            continue
        seen.add(key)
        kept.append(line)
    if len(kept) < len(text.split("\n")):
        warnings.append(f"html: {len(text.split(chr(10))) - len(kept)} repeated paragraphs dropped")
    return "\n".join(kept)


def _same_title(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return bool(norm(a)) and (norm(a) == norm(b) or norm(b).startswith(norm(a)))


def process_document(item: dict, config: IngestConfig) -> dict:
    """``item``: path, fmt, and either raw bytes (``raw``) or decoded text (``text``) plus ``meta``.

    Returns an article record (dict) with ``text``, ``paragraphs`` and ``sentences`` offsets, or raises Skip.
    """
    fmt = item["fmt"]
    warnings: list[str] = list(item.get("warnings") or [])
    if "text" in item:
        text = item["text"]
        if "\\n\\n" in text:  # newlines stored as the two characters backslash + n by a scraper
            text = text.replace("\\r\\n", "\n").replace("\\n", "\n")
            warnings.append("text: escaped newlines (\\n) turned into line breaks")
    elif fmt in ("pdf", "docx"):
        return _office_document(item, warnings, config)
    else:
        raw = item["raw"]
        if not raw.strip():
            raise Skip("empty", "no bytes or only whitespace")
        try:
            text, w = decode_bytes(raw)
        except Undecodable as exc:
            raise Skip(exc.reason, exc.detail) from exc
        warnings += w
    max_line = item.get("max_line_chars")
    if max_line and fmt in ("txt", "md") and len(text) > max_line:
        longest = max((len(ln) for ln in text.split("\n")), default=0)
        if longest > max_line:
            raise Skip("too_large", f"a line of {longest:,} characters (limit {max_line:,})")
    meta: dict = {}
    fm: dict = {}
    if fmt in ("txt", "md") and text.lstrip("\ufeff").startswith("---"):
        fm, text, w = parse_front_matter(text.lstrip("\ufeff"))
        warnings += w
        _from_front_matter(fm, meta, config)
    if fmt == "html":
        text = _html(text, meta, warnings)
        found, body, w = clean_document(text, config, detect_header=False, mode="lines")
    else:
        found, body, w = clean_document(
            text,
            config,
            markdown=(fmt == "md"),
            detect_header=item.get("detect_header", True),
            has_title=bool(meta.get("title")),
        )
    warnings += w
    for k, v in found.items():
        meta.setdefault(k, v)
    if not body.strip():
        raise Skip("empty", "no text left after cleaning")
    return _record(item, meta, body, warnings, config)


def _office_document(item: dict, warnings: list[str], config: IngestConfig) -> dict:
    """A PDF or .docx: its text layer and document properties (title, author, date, keywords)."""
    raw = item["raw"]
    if not raw.strip():
        raise Skip("empty", "no bytes or only whitespace")
    limit = item.get("max_bytes") or 100_000_000
    try:
        if item["fmt"] == "pdf":
            text, meta, w = read_pdf(raw, max_bytes=limit)
        else:
            text, meta, w = read_docx(raw, max_bytes=limit)
    except OfficeSkip as exc:
        raise Skip(exc.reason, exc.detail) from exc
    warnings += w
    found, body, w = clean_document(
        text,
        config,
        detect_header=False,
        mode="auto" if item["fmt"] == "pdf" else "lines",
        has_title=bool(meta.get("title")),
    )
    warnings += w
    for k, v in found.items():
        meta.setdefault(k, v)
    if not body.strip():
        raise Skip("empty", "no text left after cleaning")
    return _record(item, meta, body, warnings, config)


def _record(item: dict, meta: dict, body: str, warnings: list[str], config: IngestConfig) -> dict:
    # Table/sidecar/file-name metadata override what the text itself says.
    for k, v in (item.get("meta") or {}).items():
        meta[k] = v
    _finish_meta(meta, item["path"], warnings, config)
    paras, sents = segment(body, config, splitter=item.get("splitter", "rules"))
    joined, n_words = _collapsed(body)
    # doc_id_for(body), the whitespace collapsed once when the text is already in NFC (nearly always)
    doc_id = _doc_id_of_joined(joined) if unicodedata.is_normalized("NFC", body) else doc_id_for(body)
    return {
        "doc_id": doc_id,
        "paths": [item["path"]],
        "format": item["fmt"],
        **meta,
        "words_measured": n_words,
        "warnings": warnings,
        "text": body,
        "_paragraphs": paras,
        "_sentences": sents,
    }


def _finish_meta(meta: dict, path: str, warnings: list[str], config: IngestConfig) -> None:
    title, junk = clean_title(meta.get("title"), config)
    if junk or (title is None and meta.get("url")):
        from_url = title_from_url(meta.get("url"))
        if from_url:
            title = from_url
            warnings.append(
                "title: taken from the URL" + (" (page title was not the article's)" if junk else "")
            )
    meta["title"] = title
    if "date" in meta:
        d = parse_date(meta["date"])
        if d != d and meta["date"] not in (None, ""):
            warnings.append(f"date: not understood ({str(meta['date'])[:40]!r})")
        meta["date"] = d
    for key in ("authors", "keywords"):
        if key in meta and not isinstance(meta[key], list):
            meta[key] = split_authors(meta[key]) if key == "authors" else split_list(meta[key])
    pub = (
        normalise_publisher(meta.get("publisher"), config)
        or publisher_from_url(meta.get("url"), config)
        or normalise_publisher(meta.get("sitename"), config)
    )
    meta["publisher"] = pub
    if not meta.get("doc_type"):
        meta["doc_type"] = doc_type_from([*meta.get("keywords", []), *_section_from_path(path)], config)
    contact = meta.pop("_writer_contact", False)
    if not meta.get("doc_type") and (meta.get("author_note") or contact):
        meta["doc_type"] = config.author_note_doc_type  # "The writer is a former ambassador.": a column
    for key in ("session", "year", "words_declared"):
        if key in meta and meta[key] is not None:
            try:
                meta[key] = int(meta[key])
            except (TypeError, ValueError):
                warnings.append(f"{key}: not a whole number ({str(meta[key])[:20]!r})")
                meta[key] = None
    date = meta.get("date")
    if meta.get("year") is None and date is not None and date == date:
        meta["year"] = int(date.year)  # the year of a known date, never a guess
