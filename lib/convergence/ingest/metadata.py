"""Metadata helpers: dates, names, keywords, publishers, file-name patterns, front matter."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pandas as pd
import yaml
from dateutil import parser as dateparser

from .config import IngestConfig

_MONTHS = (
    "jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|"
    "nov(ember)?|dec(ember)?"
)
_WEEKDAYS = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
DATE_ONLY = re.compile(
    rf"^\s*(?:{_WEEKDAYS}\s+)?(?:"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}"
    rf")\s*$",
    re.IGNORECASE,
)


def parse_date(value) -> pd.Timestamp:
    """A timezone-naive Timestamp (local time of the source) or NaT. Never guesses from partial input.

    A date outside what a ``datetime64[ns]`` column holds (before 1677 or after 2262) is NaT: for the
    articles this tool reads it can only be a typo or a misread field, and one such date must not stop the
    corpus.
    """
    ts = _parse_date(value)
    if ts is pd.NaT or pd.isna(ts):
        return pd.NaT
    return ts if pd.Timestamp.min <= ts <= pd.Timestamp.max else pd.NaT


def _parse_date(value) -> pd.Timestamp:
    if value is None:
        return pd.NaT
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None) if value.tzinfo else value
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value.replace(tzinfo=None))
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    s = str(value).strip()
    if not s or s.lower() in ("none", "nan", "nat", "null"):
        return pd.NaT
    dayfirst = bool(re.match(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$", s))
    try:
        parsed = dateparser.parse(s, dayfirst=dayfirst, default=dt.datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return pd.NaT
    if parsed.year == 1:
        return pd.NaT
    try:
        return pd.Timestamp(parsed.replace(tzinfo=None))
    except (ValueError, OverflowError):
        return pd.NaT


def split_list(value) -> list[str]:
    """Keywords/tags/authors from a list, a JSON-ish string or a comma/semicolon separated string."""
    if value is None:
        return []
    if isinstance(value, float) and value != value:
        return []
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
        return [str(v).strip() for v in items if v is not None and str(v).strip()]
    s = str(value).strip()
    if not s or s.lower() in ("none", "nan", "null", "[]"):
        return []
    if s.startswith("[") and s.endswith("]"):
        try:
            parsed = yaml.safe_load(s)
            if isinstance(parsed, list):
                return split_list(parsed)
        except yaml.YAMLError:
            pass
    return [p.strip() for p in re.split(r"[;,]", s) if p.strip()]


def split_authors(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return split_list(value)
    if value is None or (isinstance(value, float) and value != value):
        return []
    s = str(value).strip()
    if not s or s.lower() in ("none", "nan", "null"):
        return []
    s = re.sub(r"^by:?\s+", "", s, flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:;|\band\b|&)\s*", s)
    return [p.strip(" ,") for p in parts if p.strip(" ,")]


def publisher_from_url(url: str | None, config: IngestConfig) -> str | None:
    if not url:
        return None
    try:
        host = (urlparse(str(url)).hostname or "").lower()
    except ValueError:
        return None
    host = host[4:] if host.startswith("www.") else host
    while host:
        if host in config.publishers_by_host:
            return config.publishers_by_host[host]
        if "." not in host:
            break
        host = host.split(".", 1)[1]
    return None


def normalise_publisher(name, config: IngestConfig) -> str | None:
    if name is None or (isinstance(name, float) and name != name):
        return None
    s = str(name).strip()
    if not s:
        return None
    return config.publisher_aliases.get(s, s)


def doc_type_from(values, config: IngestConfig) -> str | None:
    for v in values:
        for part in re.split(r"[/\s,]+", str(v or "")):
            if part.lower() in config.doc_types:
                return config.doc_types[part.lower()]
    return None


def clean_title(title, config: IngestConfig) -> tuple[str | None, bool]:
    """Strip site suffixes; return ``(title or None, was_junk)``."""
    if title is None or (isinstance(title, float) and title != title):
        return None, False
    t = re.sub(r"\s+", " ", str(title).replace("\u00a0", " ")).strip()
    for pat in config.title_suffixes:
        t = pat.sub("", t).strip()
    if not t:
        return None, False
    if any(p.fullmatch(t) for p in config.junk_titles):
        return None, True
    return t, False


def title_from_url(url: str | None) -> str | None:
    """A readable title from a URL slug ("/news/1/mega-projects-done" -> "Mega projects done")."""
    if not url:
        return None
    path = urlparse(str(url)).path.rstrip("/")
    for part in reversed(path.split("/")):
        words = [w for w in re.split(r"[-_]+", part) if w]
        if len(words) >= 3 and not part.isdigit():
            s = " ".join(words)
            return s[:1].upper() + s[1:]
    return None


def match_filename(name: str, patterns) -> dict:
    """Metadata from the first pattern that matches the whole file name; {} when none does."""
    for pat in patterns:
        m = pat.regex.match(name)
        if not m:
            continue
        meta = dict(pat.fixed)
        for key, value in m.groupdict().items():
            if key in pat.integers:
                try:
                    meta[key] = int(value)
                except ValueError:
                    break
            else:
                meta[key] = value
        else:
            return meta
    return {}


def parse_front_matter(text: str) -> tuple[dict, str, list[str]]:
    """YAML front matter ("---" ... "---") at the top: ``(metadata, rest, warnings)``.

    Malformed YAML is read line by line as ``key: value`` pairs, with a warning.
    """
    if not text.startswith("---"):
        return {}, text, []
    m = re.match(r"---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.DOTALL)
    if not m:
        return {}, text, ["front matter: no closing '---', read as text"]
    block, rest = m.group(1), text[m.end() :]
    try:
        meta = yaml.safe_load(block)
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            raise yaml.YAMLError("front matter is not a mapping")
        return meta, rest, []
    except yaml.YAMLError as exc:
        meta = {}
        for line in block.splitlines():
            kv = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
            if kv:
                meta[kv.group(1)] = kv.group(2).strip().strip("'\"") or None
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        return meta, rest, [f"front matter: malformed YAML, read line by line ({first})"]
