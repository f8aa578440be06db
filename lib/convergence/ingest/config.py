"""Editable ingest data (boilerplate, header keys, file-name patterns, abbreviations), loaded once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
BOILERPLATE = DATA_DIR / "boilerplate.yaml"
FILENAME_PATTERNS = DATA_DIR / "filename_patterns.yaml"
ABBREVIATIONS = DATA_DIR / "abbreviations.txt"


def _compile(patterns, flags=re.IGNORECASE) -> list[re.Pattern]:
    return [re.compile(p, flags) for p in (patterns or [])]


@dataclass
class FilenamePattern:
    pattern: str
    regex: re.Pattern
    integers: tuple[str, ...] = ()
    fixed: dict = field(default_factory=dict)


def compile_filename_pattern(
    pattern: str, *, regex: dict | None = None, integers=None, fixed=None
) -> FilenamePattern:
    """``"{country}_{session}_{year}.txt"`` -> a regex with named groups matching a whole file name."""
    regex = regex or {}
    out, pos = [], 0
    for m in re.finditer(r"\{(\w+)\}", pattern):
        out.append(re.escape(pattern[pos : m.start()]))
        name = m.group(1)
        out.append(f"(?P<{name}>{regex.get(name, '.+?')})")
        pos = m.end()
    out.append(re.escape(pattern[pos:]))
    if integers is None:
        integers = [
            n for n in re.findall(r"\{(\w+)\}", pattern) if n in ("session", "year", "number", "volume")
        ]
    return FilenamePattern(pattern, re.compile("".join(out) + r"\Z"), tuple(integers), dict(fixed or {}))


@dataclass
class IngestConfig:
    drop_lines: list[re.Pattern]
    cut_from: list[re.Pattern]
    end_markers: list[re.Pattern]
    author_notes: list[re.Pattern]
    author_note_doc_type: str | None
    writer_contacts: list[re.Pattern]
    footers: list[re.Pattern]
    breadcrumb_starts: list[str]
    title_suffixes: list[re.Pattern]
    junk_titles: list[re.Pattern]
    author_line: re.Pattern
    publisher_aliases: dict
    publishers_by_host: dict
    doc_types: dict
    header_keys: dict
    filename_patterns: list[FilenamePattern]
    skip_names: list[re.Pattern]
    abbreviations: list[str]
    sentence_starters: list[str]
    fingerprint: str


def _read_abbreviations(path: Path) -> tuple[list[str], list[str]]:
    abbrevs, starters, target = [], [], None
    target = abbrevs
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line == "[sentence_starters]":
            target = starters
            continue
        target.append(line)
    return abbrevs, starters


@lru_cache(maxsize=8)
def load_config(
    boilerplate: str | None = None, filename_patterns: str | None = None, abbreviations: str | None = None
) -> IngestConfig:
    """Load the shipped data files, or a user's own copies given by path."""
    bp_path = Path(boilerplate) if boilerplate else BOILERPLATE
    fn_path = Path(filename_patterns) if filename_patterns else FILENAME_PATTERNS
    ab_path = Path(abbreviations) if abbreviations else ABBREVIATIONS
    digest = hashlib.sha256()
    for p in (bp_path, fn_path, ab_path):
        digest.update(p.read_bytes())
    bp = yaml.safe_load(bp_path.read_text(encoding="utf-8")) or {}
    fn = yaml.safe_load(fn_path.read_text(encoding="utf-8")) or {}
    abbrevs, starters = _read_abbreviations(ab_path)
    patterns = [
        compile_filename_pattern(
            e["pattern"], regex=e.get("regex"), integers=e.get("integers"), fixed=e.get("set")
        )
        for e in fn.get("patterns") or []
    ]
    return IngestConfig(
        drop_lines=_compile(bp.get("drop_lines")),
        cut_from=_compile(bp.get("cut_from")),
        end_markers=_compile(bp.get("end_markers")),
        author_notes=_compile(bp.get("author_notes")),
        author_note_doc_type=bp.get("author_note_doc_type") or None,
        writer_contacts=_compile(bp.get("writer_contacts")),
        footers=_compile(bp.get("footers")),
        breadcrumb_starts=list(bp.get("breadcrumb_starts") or []),
        title_suffixes=_compile(bp.get("title_suffixes")),
        junk_titles=_compile(bp.get("junk_titles")),
        author_line=re.compile(bp.get("author_line") or r"^by:?\s+(?P<name>.+)$", re.IGNORECASE),
        publisher_aliases=dict(bp.get("publisher_aliases") or {}),
        publishers_by_host=dict(bp.get("publishers_by_host") or {}),
        doc_types=dict(bp.get("doc_types") or {}),
        header_keys={str(k).lower(): v for k, v in (bp.get("header_keys") or {}).items()},
        filename_patterns=patterns,
        skip_names=_compile(fn.get("skip_names"), flags=0),
        abbreviations=abbrevs,
        sentence_starters=starters,
        fingerprint=digest.hexdigest()[:16],
    )
