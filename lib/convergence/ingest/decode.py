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


def _sniff_utf16(head: bytes) -> str | None:
    """The codec of UTF-16 text without a byte-order mark (mostly Latin script, ASCII), else None."""
    n = len(head) // 2
    if n < 8:
        return None
    even, odd = head[0 : 2 * n : 2].count(0), head[1 : 2 * n : 2].count(0)
    if odd >= 0.4 * n and even <= 0.02 * n:
        return "utf-16-le"
    if even >= 0.4 * n and odd <= 0.02 * n:
        return "utf-16-be"
    return None


# Share of NUL bytes above which a file is binary rather than text with a few stray NULs.
MAX_NUL_SHARE = 0.1
# Share of control characters above which decoded bytes are not text.
MAX_CONTROL_SHARE = 0.05
# A cp1252/latin-1 fallback must leave at least this share of ASCII characters to count as text.
MIN_ASCII_SHARE_FALLBACK = 0.5


def decode_bytes(raw: bytes) -> tuple[str, list[str]]:
    """Decode ``raw`` and return ``(text, warnings)``.

    UTF-32/UTF-16/UTF-8 byte-order marks are honoured, and UTF-16 without a mark is recognised by its
    pattern of zero bytes; otherwise strict UTF-8 is tried, then cp1252 and latin-1 (recorded as a warning).
    A few stray NUL bytes in otherwise good text are removed (with a warning). Raises :class:`Undecodable`
    with reason ``binary`` for binary data (NUL bytes and control characters) and ``undecodable`` for bytes
    that are neither UTF-8 nor plausible single-byte text.
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
    enc16 = _sniff_utf16(raw[:8192])
    if enc16:
        even = raw[: len(raw) - len(raw) % 2]
        text = even.decode(enc16, errors="replace")
        sample = text[:20000]
        if len(_CONTROL.findall(sample)) <= MAX_CONTROL_SHARE * len(sample):
            bad = text.count("\ufffd")
            warnings.append(
                f"encoding: UTF-16 without a byte-order mark, read as {enc16}"
                + (f" ({bad} invalid characters replaced)" if bad else "")
            )
            return text, warnings
    had_nul = False
    nul = raw.count(b"\x00")
    if nul:
        if nul > MAX_NUL_SHARE * len(raw):
            raise Undecodable("binary", f"{nul:,} NUL bytes in {len(raw):,} bytes")
        raw = raw.replace(b"\x00", b"")
        had_nul = True
    try:
        text, fallback = raw.decode("utf-8"), None
    except UnicodeDecodeError:
        try:
            text, fallback = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, fallback = raw.decode("latin-1"), "latin-1"
    if fallback:
        sample = text[:20000]
        ascii_share = sum(c.isascii() for c in sample) / max(1, len(sample))
        if ascii_share < MIN_ASCII_SHARE_FALLBACK:
            raise Undecodable(
                "binary" if had_nul else "undecodable",
                f"not UTF-8, and read as {fallback} only {ascii_share:.0%} of the characters are ASCII",
            )
        warnings.append(f"encoding: not UTF-8, decoded as {fallback}")
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        if had_nul:
            raise Undecodable("binary", f"{nul:,} NUL bytes and many control characters")
        raise Undecodable("undecodable", "too many control characters for text")
    if had_nul:
        warnings.append(f"encoding: {nul:,} NUL bytes removed")
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
