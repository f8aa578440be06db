"""Load the editable tagging data: taxonomy, actor dictionary, stance lexicon and relation cues.

Every loader takes ``path=None`` (the shipped file in ``convergence/data``) or a user's own file, checks
it and raises :class:`TagDataError` naming the file and the entry at fault.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


class TagDataError(ValueError):
    """A taxonomy, actor, stance or relation file that cannot be used as it is."""


@dataclass(frozen=True)
class Pattern:
    """One term to look for. ``text`` is the pattern without a trailing ``*``."""

    text: str
    case: bool = False
    prefix: bool = False  # trailing "*": any word ending
    suffixes: tuple[str, ...] = ("'s", "s'", "'", "es", "s")
    context: tuple[str, ...] = ()  # counts only when one of these terms is in the sentence
    unless: tuple[str, ...] = ()  # dropped when the sentence has one of these areas

    @property
    def label(self) -> str:
        return self.text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Area:
    slug: str
    label: str
    description: str
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Taxonomy:
    areas: dict[str, Area]
    inherit_openers: tuple[str, ...] = ()
    inherit_max_chain: int = 2
    source: str = ""

    @property
    def slugs(self) -> list[str]:
        return list(self.areas)


@dataclass(frozen=True)
class ActorName:
    code: str | None  # None: an excluded phrase
    pattern: Pattern
    holder: str | None = None  # office holder's name
    terms: tuple[tuple[dt.date, dt.date | None], ...] = ()


@dataclass(frozen=True)
class Actors:
    codes: dict[str, str]  # code -> label
    names: tuple[ActorName, ...]
    iso3: dict[str, str]  # metadata code -> actor code
    publishers: dict[str, str]
    url_domains: dict[str, str]
    country_publishers: frozenset[str]
    country_doc_types: frozenset[str]
    rules: dict[str, tuple[str, ...]]
    transcripts: dict[str, tuple[str, ...]]
    source: str = ""
    # code -> phrases that mean the actor only once it is named earlier in the same document ("the Fund")
    doc_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Cue:
    cue: str
    weight: float
    # cooperation, conflict, pressure, offence, negator, hedge, intensifier, ignore; agreement / disagreement
    cls: str


@dataclass(frozen=True)
class StanceLexicon:
    cues: tuple[Cue, ...]
    source: str = ""


@dataclass(frozen=True)
class Relations:
    cues: tuple[Cue, ...]
    source: str = ""


_STANCE_CLASSES = {
    "cooperation",
    "conflict",
    "pressure",
    "offence",
    "negator",
    "hedge",
    "intensifier",
    "ignore",
}
_RULE_KEYS = (
    "carryover",
    "self",
    "prepositions",
    "intro_starters",
    "connectives",
    "verb_markers",
    "speech_verbs",
    "evaluative_copula",
    "offices",
    "joint_subjects",
    "non_state_nouns",
    "obligation_modals",
)


def _path(path, default: str) -> Path:
    p = Path(os.fspath(path)).expanduser() if path is not None else DATA_DIR / default
    if not p.is_file():
        raise TagDataError(f"{p}: no such file")
    return p


def _read_yaml(p: Path) -> dict:
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise TagDataError(f"{p}: cannot read YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise TagDataError(f"{p}: expected a mapping at the top level")
    return data


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse_pattern(entry, *, where: str) -> Pattern:
    """A pattern from a string or a mapping (pattern, case, context, unless)."""
    if isinstance(entry, str):
        raw, opts = entry, {}
    elif isinstance(entry, dict) and isinstance(entry.get("pattern"), str):
        raw, opts = entry["pattern"], entry
        unknown = set(opts) - {"pattern", "case", "context", "unless"}
        if unknown:
            raise TagDataError(f"{where}: unknown option(s) {sorted(unknown)} in {entry!r}")
    else:
        raise TagDataError(f"{where}: a pattern must be a string or a mapping with 'pattern', got {entry!r}")
    raw = " ".join(str(raw).split())
    prefix = raw.endswith("*")
    text = raw.rstrip("*").strip()
    if not text or "*" in text:
        raise TagDataError(f"{where}: bad pattern {entry!r} ('*' only at the end, and not alone)")
    case = bool(opts.get("case")) if "case" in opts else _is_caps(text)
    for key in ("context", "unless"):
        if key in opts and not (
            isinstance(opts[key], list) and all(isinstance(x, str) and x.strip() for x in opts[key])
        ):
            raise TagDataError(f"{where}: '{key}' must be a list of strings in {entry!r}")
    suffixes = ("'s", "s") if case else ("'s", "s'", "'", "es", "s")
    return Pattern(
        text=text,
        case=case,
        prefix=prefix,
        suffixes=suffixes,
        context=tuple(opts.get("context") or ()),
        unless=tuple(opts.get("unless") or ()),
    )


def load_taxonomy(path: str | os.PathLike | None = None) -> Taxonomy:
    """The issue taxonomy: areas (slug -> label, description, patterns) and the inheritance rule."""
    if isinstance(path, Taxonomy):
        return path
    p = _path(path, "taxonomy.yaml")
    data = _read_yaml(p)
    areas_raw = data.get("areas")
    if not isinstance(areas_raw, dict) or not areas_raw:
        raise TagDataError(f"{p}: 'areas' must be a non-empty mapping of slug -> area")
    areas = {}
    for slug, spec in areas_raw.items():
        where = f"{p}: area {slug!r}"
        if not isinstance(slug, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", slug):
            raise TagDataError(f"{where}: slugs are lower-case letters, digits and '_'")
        if not isinstance(spec, dict) or not isinstance(spec.get("patterns"), list) or not spec["patterns"]:
            raise TagDataError(f"{where}: needs a non-empty 'patterns' list")
        pats = tuple(parse_pattern(e, where=where) for e in spec["patterns"])
        areas[slug] = Area(slug, str(spec.get("label") or slug), str(spec.get("description") or ""), pats)
    for area in areas.values():
        for pat in area.patterns:
            bad = [u for u in pat.unless if u not in areas]
            if bad:
                raise TagDataError(f"{p}: area {area.slug!r}: 'unless' names unknown area(s) {bad}")
    inherit = data.get("inherit") or {}
    if not isinstance(inherit, dict):
        raise TagDataError(f"{p}: 'inherit' must be a mapping")
    openers = inherit.get("openers") or []
    if not isinstance(openers, list) or not all(isinstance(o, str) for o in openers):
        raise TagDataError(f"{p}: 'inherit.openers' must be a list of strings")
    try:
        max_chain = int(inherit.get("max_chain", 2))
    except (TypeError, ValueError) as exc:
        raise TagDataError(f"{p}: 'inherit.max_chain' must be an integer") from exc
    return Taxonomy(
        areas=areas,
        inherit_openers=tuple(" ".join(o.lower().split()) for o in openers),
        inherit_max_chain=max_chain,
        source=str(p),
    )


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise TagDataError(f"{where}: bad date {value!r} (use YYYY-MM-DD)") from exc


def load_actors(path: str | os.PathLike | None = None) -> Actors:
    """The actor dictionary: codes, names, office holders with terms, exclusions, speaker and holder rules."""
    if isinstance(path, Actors):
        return path
    p = _path(path, "actors.yaml")
    data = _read_yaml(p)
    raw = data.get("actors")
    if not isinstance(raw, dict) or not raw:
        raise TagDataError(f"{p}: 'actors' must be a non-empty mapping of code -> actor")
    codes, names, iso3 = {}, [], {}
    for code, spec in raw.items():
        where = f"{p}: actor {code!r}"
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", code):
            raise TagDataError(f"{where}: codes are upper-case letters and digits")
        if not isinstance(spec, dict):
            raise TagDataError(f"{where}: expected a mapping")
        codes[code] = str(spec.get("label") or code)
        for c in spec.get("iso3") or []:
            iso3[str(c).upper()] = code
        for entry in spec.get("names") or []:
            names.append(ActorName(code, parse_pattern(entry, where=where)))
        for oh in spec.get("office_holders") or []:
            if not isinstance(oh, dict) or not oh.get("name") or not isinstance(oh.get("patterns"), list):
                raise TagDataError(f"{where}: an office holder needs 'name' and a 'patterns' list: {oh!r}")
            w = f"{where} office holder {oh['name']!r}"
            terms = []
            for term in oh.get("terms") or []:
                if not isinstance(term, list | tuple) or len(term) != 2:
                    raise TagDataError(f"{w}: each term is [from, to]")
                start = _date(term[0], w)
                if start is None:
                    raise TagDataError(f"{w}: a term needs a start date")
                terms.append((start, _date(term[1], w)))
            if not terms:
                raise TagDataError(f"{w}: needs at least one term [from, to]")
            for entry in oh["patterns"]:
                names.append(ActorName(code, parse_pattern(entry, where=w), str(oh["name"]), tuple(terms)))
    for entry in data.get("exclude") or []:
        names.append(ActorName(None, parse_pattern(entry, where=f"{p}: exclude")))
    speakers = data.get("speakers") or {}
    publishers = {str(k).casefold(): str(v) for k, v in (speakers.get("publishers") or {}).items()}
    domains = {str(k).lower(): str(v) for k, v in (speakers.get("url_domains") or {}).items()}
    for v in [*publishers.values(), *domains.values()]:
        if v not in codes:
            raise TagDataError(f"{p}: speakers map to unknown actor code {v!r}")
    cis = speakers.get("country_is_speaker") or {}
    country_publishers = frozenset(str(x).casefold() for x in cis.get("publishers") or [])
    country_doc_types = frozenset(str(x).casefold() for x in cis.get("doc_types") or [])
    rules_raw = data.get("holder_rules") or {}
    rules = {}
    for key in _RULE_KEYS:
        vals = rules_raw.get(key) or []
        if not isinstance(vals, list):
            raise TagDataError(f"{p}: holder_rules.{key} must be a list")
        rules[key] = tuple(" ".join(str(v).lower().split()) for v in vals)
    transcripts = {}
    for key in ("question", "answer"):
        vals = (data.get("transcripts") or {}).get(key) or []
        for v in vals:
            try:
                re.compile(str(v))
            except re.error as exc:
                raise TagDataError(f"{p}: transcripts.{key}: bad regular expression {v!r} ({exc})") from exc
        transcripts[key] = tuple(str(v) for v in vals)
    doc_aliases = {}
    for code, vals in (data.get("doc_aliases") or {}).items():
        if code not in codes:
            raise TagDataError(f"{p}: doc_aliases: unknown actor code {code!r}")
        if not isinstance(vals, list):
            raise TagDataError(f"{p}: doc_aliases.{code} must be a list")
        doc_aliases[code] = tuple(" ".join(str(v).lower().split()) for v in vals)
    return Actors(
        codes,
        tuple(names),
        iso3,
        publishers,
        domains,
        country_publishers,
        country_doc_types,
        rules,
        transcripts,
        source=str(p),
        doc_aliases=doc_aliases,
    )


def load_stance_lexicon(path: str | os.PathLike | None = None) -> StanceLexicon:
    """Stance cues from a CSV with columns cue, weight, class ('#' lines are comments)."""
    if isinstance(path, StanceLexicon):
        return path
    p = _path(path, "stance.csv")
    try:
        lines = [
            ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
        ]
    except (OSError, UnicodeDecodeError) as exc:
        raise TagDataError(f"{p}: cannot read ({exc})") from exc
    rows = list(csv.DictReader(lines))
    if not rows or not {"cue", "weight", "class"} <= set(rows[0]):
        raise TagDataError(f"{p}: needs a header row with cue, weight, class")
    cues = []
    for i, row in enumerate(rows, start=2):
        cue, cls = " ".join((row.get("cue") or "").lower().split()), (row.get("class") or "").strip()
        try:
            weight = float(row.get("weight"))
        except (TypeError, ValueError) as exc:
            raise TagDataError(f"{p}: row {i}: weight must be a number, got {row.get('weight')!r}") from exc
        if not cue:
            raise TagDataError(f"{p}: row {i}: empty cue")
        if cls not in _STANCE_CLASSES:
            raise TagDataError(f"{p}: row {i}: class must be one of {sorted(_STANCE_CLASSES)}, got {cls!r}")
        if cls in ("cooperation", "conflict", "pressure", "offence") and not -1 <= weight <= 1:
            raise TagDataError(f"{p}: row {i}: weight must be in [-1, 1], got {weight}")
        cues.append(Cue(cue, weight, cls))
    return StanceLexicon(tuple(cues), source=str(p))


def load_relations(path: str | os.PathLike | None = None) -> Relations:
    """Relation cues: ``agreement`` and ``disagreement`` mappings of cue -> weight."""
    if isinstance(path, Relations):
        return path
    p = _path(path, "relations.yaml")
    data = _read_yaml(p)
    cues = []
    for cls in ("agreement", "disagreement"):
        block = data.get(cls) or {}
        if not isinstance(block, dict):
            raise TagDataError(f"{p}: '{cls}' must be a mapping of cue -> weight")
        for cue, weight in block.items():
            try:
                w = float(weight)
            except (TypeError, ValueError) as exc:
                raise TagDataError(f"{p}: {cls}: weight of {cue!r} must be a number") from exc
            if not -1 <= w <= 1:
                raise TagDataError(f"{p}: {cls}: weight of {cue!r} must be in [-1, 1]")
            cues.append(Cue(" ".join(str(cue).lower().split()), w, cls))
    if not cues:
        raise TagDataError(f"{p}: no relation cues")
    return Relations(tuple(cues), source=str(p))


__all__ = [
    "Actors",
    "Area",
    "Cue",
    "Pattern",
    "Relations",
    "StanceLexicon",
    "TagDataError",
    "Taxonomy",
    "load_actors",
    "load_relations",
    "load_stance_lexicon",
    "load_taxonomy",
]
