"""Bytes to text: BOMs, UTF-8, UTF-16, a cp1252/latin-1 fallback, binary detection, mojibake repair."""

from __future__ import annotations

import codecs
import re

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class Undecodable(ValueError):
    """Raised with a short reason code (``binary`` or ``undecodable``) when bytes are not text."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def decode_bytes(raw: bytes) -> tuple[str, list[str]]:
    """Decode ``raw`` and return ``(text, warnings)``.

    UTF-32/UTF-16/UTF-8 byte-order marks are honoured; otherwise strict UTF-8 is tried, then cp1252 and
    latin-1 (recorded as a warning). Raises :class:`Undecodable` for binary data.
    """
    warnings: list[str] = []
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return raw.decode(enc), warnings
            except UnicodeDecodeError as exc:
                text = raw.decode(enc, errors="replace")
                warnings.append(f"encoding: invalid {enc} bytes replaced ({exc.reason})")
                return text, warnings
    head = raw[:8192]
    if b"\x00" in head:
        raise Undecodable("binary", "NUL bytes in the first 8 KB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
            warnings.append("encoding: not UTF-8, decoded as cp1252")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
            warnings.append("encoding: not UTF-8, decoded as latin-1")
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise Undecodable("undecodable", "too many control characters for text")
    return text, warnings


# Mojibake: UTF-8 bytes that were decoded as cp1252 ("â€™" for "’", "Ã©" for "é").
_CP1252_EXTRA = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201c"
    "\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_EXTRA + "]{1,3}")


def _to_bytes(chunk: str) -> bytes:
    out = bytearray()
    for ch in chunk:
        out += ch.encode("latin-1") if ord(ch) < 256 else ch.encode("cp1252")
    return bytes(out)


def _fix(match: re.Match) -> str:
    s = match.group(0)
    for n in range(len(s), 1, -1):
        chunk = s[:n]
        try:
            fixed = _to_bytes(chunk).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return fixed + s[n:]
    return s


def repair_mojibake(text: str) -> tuple[str, int]:
    """Repair common UTF-8-read-as-cp1252 sequences; return the text and the number of repairs."""
    if not any(c in text for c in "\u00c2\u00c3\u00e2\u00c5"):
        return text, 0
    count = 0

    def sub(m: re.Match) -> str:
        nonlocal count
        out = _fix(m)
        if out != m.group(0):
            count += 1
        return out

    return _MOJIBAKE.sub(sub, text), count
