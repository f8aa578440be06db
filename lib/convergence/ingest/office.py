"""Text and document properties of PDF (the text layer) and Word ``.docx`` files; hostile input expected.

A PDF is read with pypdf, a ``.docx`` with python-docx. What cannot be used raises
:class:`OfficeSkip` (turned into a skipped row by the caller) with a reason code: ``encrypted``
(a password is needed), ``no_text_layer`` (a scanned PDF: images of pages, run OCR first), ``bad_document``
(damaged or not what its name says), ``too_large`` (more than ``MAX_PDF_PAGES`` pages, content that unpacks to
more than the byte limit, a ``.docx`` whose parts unpack to more than it) or ``empty``.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
import zlib

MAX_PDF_PAGES = 5_000
MAX_DOCX_PARTS = 5_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx is an OLE compound file, not a zip


class OfficeSkip(Exception):
    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


# --- PDF -------------------------------------------------------------------------------------------------


def _pdf_date(value) -> str | None:
    """``D:20240305120000+05'00'`` -> ``2024-03-05`` (the date part only; None when unreadable)."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", str(value or "").strip())
    if not m:
        return None
    year, month, day = m.group(1), m.group(2) or "01", m.group(3) or "01"
    if not m.group(2):
        return None  # a year alone is not a publication date
    return f"{year}-{month}-{day}"


def _stream_budget(reader, pages, limit: int) -> None:
    """Unpack each page's Flate content streams up to what is left of ``limit`` bytes, before pypdf does:
    a small file whose content unpacks to gigabytes is skipped without being unpacked."""
    from pypdf.generic import ArrayObject

    used = 0
    for number, page in enumerate(pages, start=1):
        contents = page.get("/Contents")
        if contents is None:
            continue
        contents = contents.get_object()
        streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
        for ref in streams:
            stream = ref.get_object()
            filters = stream.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, ArrayObject) else [str(filters)]
            raw = getattr(stream, "_data", b"") or b""
            if names and names[0] == "/FlateDecode":
                dec = zlib.decompressobj()
                try:
                    out = dec.decompress(raw, limit - used + 1)
                except zlib.error:
                    continue  # pypdf reports a damaged stream itself
                size = len(out)
            else:
                size = len(raw)
            used += size
            if used > limit:
                raise OfficeSkip(
                    "too_large",
                    f"page content unpacks to more than {limit:,} bytes (at page {number}; a PDF bomb?)",
                )


def read_pdf(raw: bytes, *, max_bytes: int) -> tuple[str, dict, list[str]]:
    """``(text, metadata, warnings)`` of a PDF's text layer; pages joined by a line break."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    warnings: list[str] = []
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repair notes would flood stderr; rows say why
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                detail = f"encrypted PDF that cannot be opened here ({_short(exc)})"
                raise OfficeSkip("encrypted", detail) from exc
            if not opened:
                raise OfficeSkip("encrypted", "password-protected PDF (no text can be read without it)")
            warnings.append("pdf: encrypted without a user password; opened")
        try:
            count = int(reader.trailer["/Root"]["/Pages"]["/Count"])
        except (KeyError, TypeError, ValueError):
            count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise OfficeSkip("too_large", f"{count:,} pages (limit {MAX_PDF_PAGES:,})")
        pages = list(reader.pages)
        if len(pages) > MAX_PDF_PAGES:
            raise OfficeSkip("too_large", f"{len(pages):,} pages (limit {MAX_PDF_PAGES:,})")
        _stream_budget(reader, pages, max_bytes)
        texts, used = [], 0
        for page in pages:
            text = page.extract_text() or ""
            used += len(text)
            if used > max_bytes:
                raise OfficeSkip("too_large", f"more than {max_bytes:,} characters of text")
            texts.append(text)
        info = reader.metadata or {}
    except OfficeSkip:
        raise
    except FileNotDecryptedError as exc:
        raise OfficeSkip("encrypted", f"password-protected PDF ({_short(exc)})") from exc
    except LimitReachedError as exc:
        raise OfficeSkip("too_large", f"a stream unpacks past pypdf's limit ({_short(exc)})") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, zlib.error) as exc:
        raise OfficeSkip("bad_document", f"damaged PDF ({_short(exc)})") from exc
    except RecursionError as exc:
        raise OfficeSkip("bad_document", "damaged PDF (objects refer to each other in a loop)") from exc
    if not any(t.strip() for t in texts):
        raise OfficeSkip(
            "no_text_layer", f"{len(pages)} page(s) without a text layer (a scanned document? run OCR first)"
        )
    meta: dict = {}
    for key, target in (("/Title", "title"), ("/Author", "authors"), ("/Subject", "description")):
        value = info.get(key)
        if value and str(value).strip():
            meta[target] = str(value).strip()
    if info.get("/Keywords"):
        meta["keywords"] = str(info["/Keywords"])
    date = _pdf_date(info.get("/CreationDate"))
    if date:
        meta["date"] = date
    blank = sum(1 for t in texts if not t.strip())
    if blank:
        warnings.append(f"pdf: {blank} of {len(texts)} pages without a text layer")
    return "\n".join(_unhyphenate(t) for t in texts), meta, warnings


def _unhyphenate(text: str) -> str:
    """Join a word the line wrap split with a hyphen ("cooper-\\nation" -> "cooperation")."""
    return re.sub(r"(\w)-\n(?=[a-z])", r"\1", text)


# --- DOCX ------------------------------------------------------------------------------------------------


def read_docx(raw: bytes, *, max_bytes: int) -> tuple[str, dict, list[str]]:
    """``(text, metadata, warnings)`` of a Word file: body paragraphs separated by blank lines."""
    if raw.startswith(_OLE_MAGIC):
        raise OfficeSkip("encrypted", "password-protected Word file (or an old .doc renamed .docx)")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise OfficeSkip("bad_document", f"not a readable .docx ({_short(exc)})") from exc
    if len(infos) > MAX_DOCX_PARTS:
        raise OfficeSkip("too_large", f"{len(infos):,} parts (limit {MAX_DOCX_PARTS:,})")
    unpacked = sum(i.file_size for i in infos)  # zipfile never reads past a part's declared size
    if unpacked > max_bytes:
        raise OfficeSkip("too_large", f"unpacks to {unpacked:,} bytes (limit {max_bytes:,}; a zip bomb?)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
        paragraphs = [p.text for p in document.paragraphs]
        props = document.core_properties
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error) as exc:
        raise OfficeSkip("bad_document", f"damaged .docx ({_short(exc)})") from exc
    except Exception as exc:  # lxml and python-docx raise many error types on damaged parts
        raise OfficeSkip("bad_document", f"damaged .docx ({_short(exc)})") from exc
    text = "\n\n".join(p.strip() for p in paragraphs if p.strip())
    meta: dict = {}
    if props.title and props.title.strip():
        meta["title"] = props.title.strip()
    if props.author and props.author.strip():
        meta["authors"] = props.author.strip()
    if props.keywords and props.keywords.strip():
        meta["keywords"] = props.keywords.strip()
    if props.subject and props.subject.strip():
        meta["description"] = props.subject.strip()
    if props.created is not None:
        meta["date"] = props.created.date().isoformat()
    return text, meta, []


__all__ = ["MAX_DOCX_PARTS", "MAX_PDF_PAGES", "OfficeSkip", "read_docx", "read_pdf"]
