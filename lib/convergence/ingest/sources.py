"""Find documents in files, folders (recursively) and archives (.tgz/.tar.gz/.tar/.zip, read in memory).

``collect(paths, ...)`` returns the work items (one per text/HTML document or table row) and the skipped
inputs. Sidecar metadata (``catalog.csv`` in a folder, ``<file>.meta.yaml``) and file-name patterns are
applied to the items here; the documents themselves are parsed in :mod:`convergence.ingest.documents`.

Hostile input is expected: only regular files are read (never a pipe or device), each read is capped
(``max_file_bytes``), archive members are read one at a time with a cap, and one archive (or one
``.jsonl.gz``) never unpacks more than ``max_archive_bytes`` in total: reading stops there, the members
already read are kept and a ``too_large_archive`` row says where it stopped. A zip whose central directory
is missing (a cut download) is read from its members' local headers. File names are data only: a name
that is not valid UTF-8 is shown with ``\\x`` escapes.
"""

from __future__ import annotations

import csv
import errno
import gzip
import io
import json
import os
import posixpath
import stat
import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from .config import IngestConfig
from .documents import DOCUMENT_FORMATS, TABLE_FORMATS, TEXT_FORMATS
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
    # the article columns a table may declare under their own names (a table of speeches: country, year, type)
    "doc_type": ("doc_type", "document_type", "type"),
    "country": ("country", "country_code", "iso3"),
    "year": ("year",),
    "session": ("session",),
    "place": ("place", "dateline"),
    "affiliation": ("affiliation",),
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
    for ext, fmt in (*TEXT_FORMATS.items(), *DOCUMENT_FORMATS.items()):
        if low.endswith(ext):
            return "text", fmt
    return "unsupported", None


def _is_junk(name: str, config: IngestConfig) -> bool:
    return any(p.search(name) for p in config.skip_names)


DEFAULT_MAX_ARCHIVE_BYTES = 2_000_000_000


@dataclass
class Options:
    config: IngestConfig
    filename_patterns: list
    max_file_bytes: int
    max_line_chars: int
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    text_column: str | None = None  # the text column of tables, instead of looking for TEXT_COLUMNS


def display_name(name) -> str:
    """A path or member name as text that can be printed and saved: undecodable bytes become ``\\xNN``."""
    name = str(name)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _read_capped(path: Path, limit: int, label: str, out: Collected) -> bytes | None:
    """At most ``limit`` bytes of ``path``; None (and a skipped row) when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(limit)
    except OSError as exc:
        out.skip(label, "unreadable", _oserror(exc))
        return None


def _oserror(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def collect(paths: list[Path], opts: Options) -> Collected:
    out = Collected()
    for path in paths:
        _visit(Path(path), opts, out, visited=set())
    _apply_sidecars(out)
    return out


def _visit(path: Path, opts: Options, out: Collected, visited: set) -> None:
    label = display_name(path)
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            out.skip(label, "symlink_loop", "symbolic link points back to itself")
        elif path.is_symlink():
            out.skip(label, "unreadable", "broken symbolic link")
        elif exc.errno == errno.ENOENT:
            out.skip(label, "missing", "no such file or folder")
        else:
            out.skip(label, "unreadable", _oserror(exc))
        return
    if stat.S_ISDIR(st.st_mode):
        real = os.path.realpath(path)
        if real in visited:
            out.skip(label, "symlink_loop", f"folder already visited as {display_name(real)}")
            return
        visited.add(real)
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            out.skip(label, "unreadable", _oserror(exc))
            return
        for entry in entries:
            _visit(Path(entry.path), opts, out, visited)
        return
    name = display_name(path.name)
    if not stat.S_ISREG(st.st_mode):
        out.skip(label, "unsupported", "not a regular file (a pipe, socket or device is never read)")
        return
    if _is_junk(name, opts.config):
        out.skip(label, "junk", "system or package file, not an article")
        return
    kind, fmt = kind_of(name)
    if kind == "unsupported":
        out.skip(label, "unsupported", f"file type not read ({path.suffix or 'no extension'})")
        return
    if st.st_size > opts.max_file_bytes and kind != "archive":
        out.skip(label, "too_large", f"{st.st_size:,} bytes (limit {opts.max_file_bytes:,})")
        return
    if kind == "archive":
        _archive(path, label, fmt, opts, out)
        return
    raw = _read_capped(path, opts.max_file_bytes + 1, label, out)
    if raw is None:
        return
    if len(raw) > opts.max_file_bytes:  # the file grew after it was measured
        out.skip(label, "too_large", f"more than {opts.max_file_bytes:,} bytes")
        return
    _member(label, name, raw, kind, fmt, opts, out)


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
            {
                "path": key,
                "fmt": fmt,
                "raw": raw,
                "meta": meta,
                "max_line_chars": opts.max_line_chars,
                "max_bytes": opts.max_file_bytes,
            }
        )


def _archive(path: Path, label: str, ext: str, opts: Options, out: Collected) -> None:
    if ext == ".zip":
        _zip(path, label, opts, out)
    else:
        _tar(path, label, opts, out)


def _limit_reached(out: Collected, label: str, opts: Options, n: int, at: str) -> None:
    out.skip(
        label,
        "too_large_archive",
        f"unpacks to more than {opts.max_archive_bytes:,} bytes (max_archive_bytes); reading stopped at "
        f"{at}; {n} members read before the limit were kept",
    )


def _zip(path: Path, label: str, opts: Options, out: Collected) -> None:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        _zip_from_local_headers(path, label, f"{type(exc).__name__}: {exc}", opts, out)
        return
    used = n = 0
    with zf:
        try:
            infos = zf.infolist()
        except Exception as exc:  # a damaged directory can raise many error types
            out.skip(label, "bad_archive", f"{type(exc).__name__}: {exc}")
            return
        for info in infos:
            if info.is_dir():
                continue
            member = display_name(info.filename)
            key = f"{label}::{member}"
            if not _member_ok(key, member, info.file_size, opts, out):
                continue
            budget = opts.max_archive_bytes - used
            if info.file_size > budget:
                _limit_reached(out, label, opts, n, member)
                return
            try:
                with zf.open(info) as fh:  # zipfile never returns more than the declared size
                    raw = fh.read(min(budget, opts.max_file_bytes) + 1)
            except Exception as exc:  # zlib/bz2/lzma/CRC/encryption errors: this member only
                out.skip(key, "bad_archive", f"{type(exc).__name__}: {exc}")
                continue
            used += len(raw)
            if len(raw) > opts.max_file_bytes:
                out.skip(key, "too_large", f"more than {opts.max_file_bytes:,} bytes")
                continue
            n += 1
            name = posixpath.basename(member)
            _member(key, name, raw, *kind_of(name), opts, out)


_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")


def _zip_from_local_headers(path: Path, label: str, why: str, opts: Options, out: Collected) -> None:
    """Read a zip without its central directory (a cut download) member by member from the local headers.

    Members stored or deflated with sizes in their header are read; the member that was cut and anything
    after it are reported. The archive itself gets a ``bad_archive`` row saying how many members were kept.
    """
    data = _read_capped(path, opts.max_archive_bytes + 1, label, out)
    if data is None:
        return
    view = memoryview(data)
    pos = used = n = 0
    while True:
        i = data.find(b"PK\x03\x04", pos)
        if i < 0 or i + _LOCAL_HEADER.size > len(data):
            break
        _sig, _ver, flag, method, _t, _d, crc, csize, _usize, nlen, xlen = _LOCAL_HEADER.unpack_from(data, i)
        start = i + _LOCAL_HEADER.size + nlen + xlen
        raw_name = data[i + _LOCAL_HEADER.size : i + _LOCAL_HEADER.size + nlen]
        member = display_name(raw_name.decode("utf-8" if flag & 0x800 else "cp437", errors="replace"))
        key = f"{label}::{member}"
        if start > len(data):
            out.skip(key, "bad_archive", "member cut short")
            break
        if member.endswith("/"):
            pos = start
            continue
        budget = opts.max_archive_bytes - used
        cap = min(budget, opts.max_file_bytes)
        if flag & 1:
            out.skip(key, "bad_archive", "encrypted member")
            pos = start
            continue
        if method == 8:
            dec = zlib.decompressobj(-15)
            try:
                raw = dec.decompress(view[start:], cap + 1)
            except zlib.error as exc:
                out.skip(key, "bad_archive", f"zlib: {exc}")
                pos = start
                continue
            done = dec.eof
            consumed = len(data) - start - len(dec.unused_data) - len(dec.unconsumed_tail)
        elif method == 0 and not flag & 8:
            raw = bytes(view[start : start + csize])
            done = len(raw) == csize
            consumed = csize
        else:
            out.skip(key, "bad_archive", f"compression method {method} cannot be read without the directory")
            pos = start
            continue
        if len(raw) > cap:
            if cap == budget:
                _limit_reached(out, label, opts, n, member)
                return
            out.skip(key, "too_large", f"more than {opts.max_file_bytes:,} bytes")
            break  # the end of this member is unknown, so the next header cannot be found safely
        if not done:
            out.skip(key, "bad_archive", "member cut short")
            break
        if not flag & 8 and zlib.crc32(raw) != crc:
            out.skip(key, "bad_archive", "CRC check failed")
            pos = start + consumed
            continue
        used += len(raw)
        pos = start + consumed
        if _member_ok(key, member, len(raw), opts, out):
            n += 1
            name = posixpath.basename(member)
            _member(key, name, raw, *kind_of(name), opts, out)
    out.skip(label, "bad_archive", f"{why}; {n} members read from their local headers were kept")


def _tar(path: Path, label: str, opts: Options, out: Collected) -> None:
    n = 0
    try:
        with tarfile.open(path, "r:*") as tf:
            for info in tf:
                member = display_name(info.name)
                # Everything up to the end of this member is decompressed, read or skipped alike.
                if info.offset_data + info.size > opts.max_archive_bytes:
                    _limit_reached(out, label, opts, n, member)
                    return
                if not info.isfile():
                    continue
                key = f"{label}::{member}"
                if not _member_ok(key, member, info.size, opts, out):
                    continue
                fh = tf.extractfile(info)
                raw = fh.read(min(info.size, opts.max_file_bytes) + 1) if fh else b""
                n += 1
                name = posixpath.basename(member)
                _member(key, name, raw, *kind_of(name), opts, out)
    except Exception as exc:  # tarfile/gzip/bz2/lzma raise many error types on damaged archives
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


def _gunzip_capped(raw: bytes, key: str, limit: int, out: Collected) -> bytes:
    """Decompress at most ``limit`` bytes; after damage or at the limit keep the whole lines read so far."""
    chunks, total = [], 0
    problem = None
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as gz:
            while chunk := gz.read(min(1 << 20, limit + 1 - total)):
                chunks.append(chunk)
                total += len(chunk)
                if total > limit:
                    problem = ("too_large_archive", f"unpacks to more than {limit:,} bytes")
                    break
    except (OSError, EOFError, zlib.error) as exc:
        problem = ("bad_archive", f"gzip: {exc}")
    data = b"".join(chunks)
    if problem:
        data = data[: data.rfind(b"\n") + 1]
        lines = data.count(b"\n")
        out.skip(key, problem[0], f"{problem[1]}; the {lines:,} whole lines before it were kept")
    return data


def _rows_from_table(raw: bytes, fmt: str, key: str, out: Collected, limit: int) -> list[dict] | None:
    if fmt == "jsonl":
        if key.lower().endswith(".gz"):
            raw = _gunzip_capped(raw, key, limit, out)
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
    rows = _rows_from_table(raw, fmt, key, out, opts.max_archive_bytes)
    if rows is None:
        return
    if not rows:
        out.skip(key, "empty", "table without rows")
        return
    columns: list[str] = []
    for r in rows[:200]:
        columns += [c for c in r if c not in columns and c != "_row"]
    lower = {str(c).lower(): c for c in columns}
    wanted = (opts.text_column,) if opts.text_column else TEXT_COLUMNS
    text_col = next((lower[c.lower()] for c in wanted if c.lower() in lower), None)
    if text_col is None:
        found = ", ".join(map(str, columns[:12])) + (
            f" and {len(columns) - 12} more" if len(columns) > 12 else ""
        )
        hint = "" if opts.text_column else "; name another with --text-column NAME (text_column=)"
        out.skip(
            key,
            "no_text_column",
            f"looked for a text column named {', '.join(wanted)}; found {found or 'no columns'}{hint}",
        )
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
