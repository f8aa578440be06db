"""Find documents in files, folders (recursively) and archives (.tgz/.tar.gz/.tar/.zip, read in memory).

``collect(paths, ...)`` returns the work items (one per text/HTML document or table row) and the skipped
inputs. Sidecar metadata (``catalog.csv`` in a folder, ``<file>.meta.yaml``) and file-name patterns are
applied to the items here; the documents themselves are parsed in :mod:`convergence.ingest.documents`.
"""

from __future__ import annotations

import csv
import errno
import gzip
import io
import json
import os
import posixpath
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .config import IngestConfig
from .documents import TABLE_FORMATS, TEXT_FORMATS
from .metadata import match_filename

ARCHIVES = (".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".zip")
TEXT_COLUMNS = ("content", "text", "body", "article", "full_text", "article_text", "story")
COLUMN_MAP = {
    "title": ("title", "headline", "heading"),
    "date": ("date_published", "date", "published", "published_at", "published_time", "pubdate", "datetime"),
    "publisher": ("source", "publisher", "outlet", "sitename", "newspaper"),
    "url": ("link", "url", "source_url"),
    "authors": ("author", "authors", "byline"),
    "keywords": ("tags", "keywords"),
}
STANDARD = {
    "doc_id", "paths", "format", "title", "authors", "affiliation", "publisher", "date", "place", "doc_type",
    "keywords", "words_declared", "words_measured", "summary_author", "url", "country", "session", "year",
    "warnings", "text",
}  # fmt: skip


@dataclass
class Collected:
    items: list[dict] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    catalogs: dict[str, dict] = field(default_factory=dict)  # item path -> metadata
    sidecars: dict[str, dict] = field(default_factory=dict)

    def skip(self, path: str, reason: str, detail: str = "") -> None:
        self.skipped.append((str(path), reason, detail))


def kind_of(name: str) -> tuple[str, str | None]:
    """("archive"|"text"|"table"|"catalog"|"sidecar"|"unsupported", format)."""
    low = name.lower()
    base = posixpath.basename(low)
    if base == "catalog.csv":
        return "catalog", None
    if low.endswith(".meta.yaml") or low.endswith(".meta.yml"):
        return "sidecar", None
    for ext in ARCHIVES:
        if low.endswith(ext):
            return "archive", ext
    for ext, fmt in TABLE_FORMATS.items():
        if low.endswith(ext):
            return "table", fmt
    for ext, fmt in TEXT_FORMATS.items():
        if low.endswith(ext):
            return "text", fmt
    return "unsupported", None


def _is_junk(name: str, config: IngestConfig) -> bool:
    return any(p.search(name) for p in config.skip_names)


@dataclass
class Options:
    config: IngestConfig
    filename_patterns: list
    max_file_bytes: int
    max_line_chars: int


def collect(paths: list[Path], opts: Options) -> Collected:
    out = Collected()
    for path in paths:
        _visit(Path(path), opts, out, visited=set())
    _apply_sidecars(out)
    return out


def _visit(path: Path, opts: Options, out: Collected, visited: set) -> None:
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            out.skip(str(path), "symlink_loop", "symbolic link points back to itself")
        elif path.is_symlink():
            out.skip(str(path), "unreadable", "broken symbolic link")
        elif exc.errno == errno.ENOENT:
            out.skip(str(path), "missing", "no such file or folder")
        else:
            out.skip(str(path), "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    if path.is_dir():
        real = os.path.realpath(path)
        if real in visited:
            out.skip(str(path), "symlink_loop", f"folder already visited as {real}")
            return
        visited.add(real)
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            out.skip(str(path), "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
            return
        for entry in entries:
            _visit(Path(entry.path), opts, out, visited)
        return
    name = path.name
    if _is_junk(name, opts.config):
        out.skip(str(path), "junk", "system or package file, not an article")
        return
    kind, fmt = kind_of(name)
    if kind == "unsupported":
        out.skip(str(path), "unsupported", f"file type not read ({path.suffix or 'no extension'})")
        return
    if st.st_size > opts.max_file_bytes and kind != "archive":
        out.skip(str(path), "too_large", f"{st.st_size:,} bytes (limit {opts.max_file_bytes:,})")
        return
    if kind == "archive":
        _archive(path, fmt, opts, out)
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.skip(str(path), "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    _member(str(path), name, raw, kind, fmt, opts, out)


def _member(
    key: str, name: str, raw: bytes, kind: str, fmt: str | None, opts: Options, out: Collected
) -> None:
    if kind == "catalog":
        _read_catalog(key, raw, out)
    elif kind == "sidecar":
        try:
            meta = yaml.safe_load(raw.decode("utf-8-sig"))
            if not isinstance(meta, dict):
                raise yaml.YAMLError("not a mapping")
            target = (
                key[: -len(".meta.yaml")] if key.lower().endswith(".meta.yaml") else key[: -len(".meta.yml")]
            )
            out.sidecars[target] = meta
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            out.skip(
                key, "bad_sidecar", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            )
    elif kind == "table":
        _read_table(key, raw, fmt, opts, out)
    elif kind == "text":
        meta = match_filename(name, opts.filename_patterns)
        out.items.append(
            {"path": key, "fmt": fmt, "raw": raw, "meta": meta, "max_line_chars": opts.max_line_chars}
        )


def _archive(path: Path, ext: str, opts: Options, out: Collected) -> None:
    label = str(path)
    if ext == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            out.skip(label, "bad_archive", f"{type(exc).__name__}: {exc}")
            return
        with zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                key = f"{label}::{info.filename}"
                if not _member_ok(key, info.filename, info.file_size, opts, out):
                    continue
                try:
                    raw = zf.read(info)
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
                    out.skip(key, "bad_archive", f"{type(exc).__name__}: {exc}")
                    continue
                name = posixpath.basename(info.filename)
                _member(key, name, raw, *kind_of(name), opts, out)
        return
    n = 0
    try:
        with tarfile.open(path, "r:*") as tf:
            for info in tf:
                if not info.isfile():
                    continue
                key = f"{label}::{info.name}"
                if not _member_ok(key, info.name, info.size, opts, out):
                    continue
                fh = tf.extractfile(info)
                raw = fh.read() if fh else b""
                n += 1
                name = posixpath.basename(info.name)
                _member(key, name, raw, *kind_of(name), opts, out)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        detail = f"{type(exc).__name__}: {exc}; {n} members read before the error were kept"
        out.skip(label, "bad_archive", detail)


def _member_ok(key: str, member: str, size: int, opts: Options, out: Collected) -> bool:
    name = posixpath.basename(member)
    if _is_junk(name, opts.config):
        out.skip(key, "junk", "system or package file, not an article")
        return False
    kind, _ = kind_of(name)
    if kind == "unsupported":
        out.skip(key, "unsupported", f"file type not read ({posixpath.splitext(name)[1] or 'no extension'})")
        return False
    if kind == "archive":
        out.skip(key, "unsupported", "archive inside an archive: unpack the outer one first")
        return False
    if size > opts.max_file_bytes:
        out.skip(key, "too_large", f"{size:,} bytes (limit {opts.max_file_bytes:,})")
        return False
    return True


def _read_catalog(key: str, raw: bytes, out: Collected) -> None:
    prefix = key[: -len("catalog.csv")]
    try:
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as exc:
        out.skip(key, "bad_sidecar", f"{type(exc).__name__}: {exc}")
        return
    for i, row in enumerate(rows):
        ref = (row.pop("file", None) or row.pop("path", None) or "").strip()
        if not ref:
            out.skip(f"{key}#{i}", "bad_sidecar", "catalog row without a 'file' or 'path'")
            continue
        meta = {
            k.strip(): (v.strip() if isinstance(v, str) else v)
            for k, v in row.items()
            if k and v not in (None, "")
        }
        ref = ref.replace("\\", "/")
        out.catalogs[prefix + (ref[2:] if ref.startswith("./") else ref)] = meta


def _apply_sidecars(out: Collected) -> None:
    if not out.catalogs and not out.sidecars:
        return
    for item in out.items:
        path = item["path"].split("#", 1)[0] if item["fmt"] in ("jsonl", "csv", "parquet") else item["path"]
        for source in (out.catalogs, out.sidecars):
            meta = source.get(path) or source.get(os.path.normpath(path))
            if meta:
                item["meta"] = {**item.get("meta", {}), **meta}


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        return value.tolist()
    return value


def _rows_from_table(raw: bytes, fmt: str, key: str, out: Collected) -> list[dict] | None:
    if fmt == "jsonl":
        if key.lower().endswith(".gz"):
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError, zlib.error) as exc:
                out.skip(key, "bad_archive", f"gzip: {exc}")
                return None
        rows = []
        for i, line in enumerate(raw.decode("utf-8-sig", errors="replace").splitlines()):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                out.skip(f"{key}#{i}", "bad_row", f"invalid JSON: {exc.msg}")
                continue
            if isinstance(obj, dict):
                obj["_row"] = i
                rows.append(obj)
            else:
                out.skip(f"{key}#{i}", "bad_row", "a JSON line that is not an object")
        return rows
    try:
        if fmt == "csv":
            frame = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding_errors="replace")
        else:
            frame = pd.read_parquet(io.BytesIO(raw))
    except Exception as exc:  # pandas/pyarrow raise many parser error types
        out.skip(key, "bad_table", f"{type(exc).__name__}: {str(exc)[:200]}")
        return None
    records = frame.to_dict(orient="records")
    for i, r in enumerate(records):
        r["_row"] = i
    return records


def _read_table(key: str, raw: bytes, fmt: str, opts: Options, out: Collected) -> None:
    rows = _rows_from_table(raw, fmt, key, out)
    if rows is None:
        return
    if not rows:
        out.skip(key, "empty", "table without rows")
        return
    columns: list[str] = []
    for r in rows[:200]:
        columns += [c for c in r if c not in columns]
    lower = {c.lower(): c for c in columns}
    text_col = next((lower[c] for c in TEXT_COLUMNS if c in lower), None)
    if text_col is None:
        out.skip(key, "no_text_column", f"none of {', '.join(TEXT_COLUMNS)} among the columns {columns[:12]}")
        return
    mapping = {}
    for target, names in COLUMN_MAP.items():
        for n in names:
            if n in lower and lower[n] != text_col:
                mapping[lower[n]] = target
                break
    for r in rows:
        row_key = f"{key}#{r.pop('_row')}"
        text = _clean(r.get(text_col))
        if not isinstance(text, str) or not text.strip():
            out.skip(row_key, "empty", f"no text in column {text_col!r}")
            continue
        meta: dict = {}
        for col, value in r.items():
            if col == text_col:
                continue
            value = _clean(value)
            target = mapping.get(col)
            if target:
                if target not in meta or meta[target] in (None, "", []):
                    meta[target] = value
            else:
                name = col if col not in STANDARD else f"source_{col}"
                meta[name] = value
        out.items.append({"path": row_key, "fmt": fmt, "text": text, "meta": meta, "detect_header": False})
