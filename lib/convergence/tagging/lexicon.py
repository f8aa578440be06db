"""Load the editable tagging data: taxonomy, actor dictionary, stance lexicon and relation cues.

Every loader takes ``path=None`` (the shipped file in ``convergence/data``) or a user's own file, checks
it and raises :class:`TagDataError` as ``path:line: what is wrong``: YAML syntax errors carry the parser's
line, every other mistake the line of the offending entry (mappings and sequences are read with their line
numbers; CSV rows keep theirs). A key written twice in one mapping (a duplicate issue slug or actor code) is
an error, not a silent overwrite. :func:`load_tag_data` loads all four files at once, to fail fast.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConvergenceError
from ..yamlio import LineDict, LineList, at, line_of
from ..yamlio import kind_of as _kind
from ..yamlio import read_yaml as _read_yaml

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


class TagDataError(ConvergenceError, ValueError):
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
    inherit_topic_share: float | None = None
    offices: tuple[str, ...] = ()  # words that make an issue term part of an office's name
    not_issues: tuple[str, ...] = ()  # set phrases whose issue words make no issue ("self-defence")
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
    title: bool = False  # an office's title ("Secretary-General"): another body's when named with it


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
    # cooperation, conflict, pressure, offence, negator, relief, hedge, intensifier, ignore; agreement /
    # disagreement
    cls: str


@dataclass(frozen=True)
class StanceLexicon:
    cues: tuple[Cue, ...]
    source: str = ""


@dataclass(frozen=True)
class Relations:
    cues: tuple[Cue, ...]
    source: str = ""
    # ``bonds``: the nouns of a pair's ties and the words that rate them (see ``tagging/bonds.py``)
    bond_nouns: tuple[str, ...] = ()
    bond_cues: tuple[Cue, ...] = ()
    bond_window: tuple[int, int] = (5, 8)  # words before and after the noun


_STANCE_CLASSES = {
    "cooperation",
    "conflict",
    "pressure",
    "offence",
    "negator",
    "relief",
    "hedge",
    "intensifier",
    "ignore",
}
_RULE_KEYS = (
    "carryover",
    "carryover_after_phrase",
    "self",
    "prepositions",
    "intro_starters",
    "connectives",
    "verb_markers",
    "speech_verbs",
    "evaluative_copula",
    "offices",
    "office_spoilers",
    "joint_subjects",
    "non_state_nouns",
    "obligation_modals",
)


def _path(path, default: str) -> Path:
    p = Path(os.fspath(path)).expanduser() if path is not None else DATA_DIR / default
    if not p.is_file():
        raise TagDataError(f"{p}: no such file")
    return p


def read_yaml(path: str | os.PathLike, *, error: type[Exception] = None, what: str = "data file") -> LineDict:
    """:func:`convergence.yamlio.read_yaml` raising :class:`TagDataError` unless told otherwise."""
    return _read_yaml(path, error=error or TagDataError, what=what)


def _check_keys(p: Path, mapping, known, *, what: str) -> None:
    for key in mapping:
        if key not in known:
            raise TagDataError(
                f"{at(p, line_of(mapping, key))}: {what}: unknown key {key!r} (known: {', '.join(known)})"
            )


def _mapping(p: Path, parent, key, *, what: str, required: bool = False) -> dict:
    value = parent.get(key)
    if value is None:
        if required:
            raise TagDataError(f"{at(p, line_of(parent, key))}: {what} is missing")
        return LineDict()
    if not isinstance(value, dict):
        raise TagDataError(f"{at(p, line_of(parent, key))}: {what} must be a mapping, got {_kind(value)}")
    return value


def _list(p: Path, parent, key, *, what: str, strings: bool = False) -> list:
    value = parent.get(key)
    if value is None:
        return LineList()
    if not isinstance(value, list):
        raise TagDataError(f"{at(p, line_of(parent, key))}: {what} must be a list, got {_kind(value)}")
    if strings:
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                raise TagDataError(
                    f"{at(p, line_of(value, i))}: {what}: each entry must be a non-empty string, got {v!r}"
                )
    return value


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse_pattern(entry, *, where: str) -> Pattern:
    """A pattern from a string or a mapping (pattern, case, context, unless).

    ``where`` starts every error message (``path:line: area 'x'``).
    """
    if isinstance(entry, str):
        raw, opts = entry, {}
    elif isinstance(entry, dict) and isinstance(entry.get("pattern"), str):
        raw, opts = entry["pattern"], entry
        unknown = set(opts) - {"pattern", "case", "context", "unless"}
        if unknown:
            raise TagDataError(f"{where}: unknown option(s) {sorted(unknown)} in {dict(entry)!r}")
    else:
        shown = dict(entry) if isinstance(entry, dict) else entry
        raise TagDataError(f"{where}: a pattern must be a string or a mapping with 'pattern', got {shown!r}")
    raw = " ".join(str(raw).split())
    if not raw:
        raise TagDataError(f"{where}: empty pattern")
    prefix = raw.endswith("*")
    text = raw.rstrip("*").strip()
    if not text or "*" in text:
        raise TagDataError(f"{where}: bad pattern {raw!r} ('*' only at the end, and not alone)")
    if "case" in opts and not isinstance(opts["case"], bool):
        raise TagDataError(f"{where}: 'case' must be true or false in pattern {raw!r}")
    case = bool(opts.get("case")) if "case" in opts else _is_caps(text)
    for key in ("context", "unless"):
        if key in opts and not (
            isinstance(opts[key], list) and all(isinstance(x, str) and x.strip() for x in opts[key])
        ):
            raise TagDataError(f"{where}: '{key}' must be a list of strings in pattern {raw!r}")
    suffixes = ("'s", "s") if case else ("'s", "s'", "'", "es", "s")
    return Pattern(
        text=text,
        case=case,
        prefix=prefix,
        suffixes=suffixes,
        context=tuple(opts.get("context") or ()),
        unless=tuple(opts.get("unless") or ()),
    )


def _patterns(p: Path, entries, *, what: str) -> list[Pattern]:
    return [parse_pattern(e, where=f"{at(p, line_of(entries, i))}: {what}") for i, e in enumerate(entries)]


def _top_mapping(p: Path, data, key: str, shape: str) -> dict:
    """``data[key]``, which must be a non-empty mapping (``shape`` says of what, for the error)."""
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        line = line_of(data, key) if key in data else 1
        raise TagDataError(f"{at(p, line)}: {key!r} must be a non-empty mapping of {shape}")
    return value


_TAXONOMY_KEYS = ("areas", "inherit", "offices", "not_issues")
_AREA_KEYS = ("label", "description", "patterns")


def _phrases(p, data, key) -> tuple[str, ...]:
    return tuple(" ".join(w.lower().split()) for w in _list(p, data, key, what=f"'{key}'", strings=True))


def load_taxonomy(path: str | os.PathLike | None = None) -> Taxonomy:
    """The issue taxonomy: areas (slug -> label, description, patterns) and the inheritance rule."""
    if isinstance(path, Taxonomy):
        return path
    p = _path(path, "taxonomy.yaml")
    data = read_yaml(p, what="taxonomy")
    _check_keys(p, data, _TAXONOMY_KEYS, what="taxonomy")
    areas_raw = _top_mapping(p, data, "areas", "slug -> area")
    areas = {}
    for slug, spec in areas_raw.items():
        line = line_of(areas_raw, slug)
        where = f"{at(p, line)}: area {slug!r}"
        if not isinstance(slug, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", slug):
            raise TagDataError(f"{where}: slugs are lower-case letters, digits and '_'")
        if not isinstance(spec, dict):
            raise TagDataError(f"{where}: expected a mapping with 'patterns', got {_kind(spec)}")
        _check_keys(p, spec, _AREA_KEYS, what=f"area {slug!r}")
        pats_raw = spec.get("patterns")
        if not isinstance(pats_raw, list) or not pats_raw:
            raise TagDataError(
                f"{at(p, line_of(spec, 'patterns') or line)}: area {slug!r}: "
                "needs a non-empty 'patterns' list"
            )
        for key in ("label", "description"):
            if key in spec and spec[key] is not None and not isinstance(spec[key], str):
                raise TagDataError(
                    f"{at(p, line_of(spec, key))}: area {slug!r}: '{key}' must be a string, "
                    f"got {_kind(spec[key])}"
                )
        pats = tuple(_patterns(p, pats_raw, what=f"area {slug!r}"))
        areas[slug] = Area(slug, str(spec.get("label") or slug), str(spec.get("description") or ""), pats)
    for slug, area in areas.items():
        pats_raw = areas_raw[slug]["patterns"]
        for i, pat in enumerate(area.patterns):
            bad = [u for u in pat.unless if u not in areas]
            if bad:
                raise TagDataError(
                    f"{at(p, line_of(pats_raw, i))}: area {slug!r}: 'unless' names unknown area(s) {bad}"
                )
    inherit = _mapping(p, data, "inherit", what="'inherit'")
    _check_keys(p, inherit, ("max_chain", "openers", "topic_share"), what="inherit")
    openers = _list(p, inherit, "openers", what="'inherit.openers'", strings=True)
    max_chain = inherit.get("max_chain", 2)
    if isinstance(max_chain, bool) or not isinstance(max_chain, int) or max_chain < 0:
        raise TagDataError(
            f"{at(p, line_of(inherit, 'max_chain'))}: 'inherit.max_chain' must be an integer >= 0, "
            f"got {max_chain!r}"
        )
    topic_share = inherit.get("topic_share")
    if topic_share is not None and (
        isinstance(topic_share, bool) or not isinstance(topic_share, (int, float)) or not 0 < topic_share <= 1
    ):
        raise TagDataError(
            f"{at(p, line_of(inherit, 'topic_share'))}: 'inherit.topic_share' must be a number in (0, 1] or "
            f"null, got {topic_share!r}"
        )
    return Taxonomy(
        areas=areas,
        inherit_openers=tuple(" ".join(o.lower().split()) for o in openers),
        inherit_max_chain=max_chain,
        inherit_topic_share=float(topic_share) if topic_share is not None else None,
        offices=tuple(
            " ".join(w.lower().split()) for w in _list(p, data, "offices", what="'offices'", strings=True)
        ),
        not_issues=tuple(
            " ".join(w.lower().split())
            for w in _list(p, data, "not_issues", what="'not_issues'", strings=True)
        ),
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


_ACTORS_KEYS = ("actors", "exclude", "doc_aliases", "speakers", "transcripts", "holder_rules")
_ACTOR_KEYS = ("label", "iso3", "names", "titles", "office_holders")
_HOLDER_KEYS = ("name", "patterns", "terms")


def _office_holder(p: Path, code: str, ohs, i: int, names: list) -> None:
    oh = ohs[i]
    line = line_of(ohs, i)
    where = f"{at(p, line)}: actor {code!r}"
    if not isinstance(oh, dict) or not isinstance(oh.get("name"), str) or not oh["name"].strip():
        raise TagDataError(f"{where}: an office holder needs a 'name' and a 'patterns' list")
    _check_keys(p, oh, _HOLDER_KEYS, what=f"actor {code!r} office holder {oh['name']!r}")
    w = f"{where} office holder {oh['name']!r}"
    if not isinstance(oh.get("patterns"), list) or not oh["patterns"]:
        raise TagDataError(f"{w}: needs a non-empty 'patterns' list")
    terms_raw = _list(p, oh, "terms", what=f"actor {code!r} office holder {oh['name']!r}: 'terms'")
    terms = []
    for j, term in enumerate(terms_raw):
        tw = f"{at(p, line_of(terms_raw, j))}: actor {code!r} office holder {oh['name']!r}"
        if not isinstance(term, list | tuple) or len(term) != 2:
            raise TagDataError(f"{tw}: each term is [from, to], got {term!r}")
        start = _date(term[0], tw)
        if start is None:
            raise TagDataError(f"{tw}: a term needs a start date")
        end = _date(term[1], tw)
        if end is not None and end < start:
            raise TagDataError(f"{tw}: a term ends ({end}) before it starts ({start})")
        terms.append((start, end))
    if not terms:
        raise TagDataError(f"{w}: needs at least one term [from, to]")
    for pat in _patterns(p, oh["patterns"], what=f"actor {code!r} office holder {oh['name']!r}"):
        names.append(ActorName(code, pat, str(oh["name"]), tuple(terms)))


_LOADED_ACTORS: dict = {}  # (resolved path, sha256 of the bytes) -> Actors, the last few files read


def load_actors(path: str | os.PathLike | None = None) -> Actors:
    """The actor dictionary: codes, names, office holders with terms, exclusions, speaker and holder rules.

    A file read before with the same bytes gives the same (read-only) :class:`Actors` again: tagging, the
    code checks and the measures all ask for it, and reading the YAML is most of the cost."""
    if isinstance(path, Actors):
        return path
    p = _path(path, "actors.yaml")
    try:
        key = (str(p.resolve()), hashlib.sha256(p.read_bytes()).hexdigest())
    except OSError:
        key = None  # read_yaml reports it
    if key in _LOADED_ACTORS:
        return _LOADED_ACTORS[key]
    actors = _read_actors(p)
    if key is not None:
        if len(_LOADED_ACTORS) >= 4:
            _LOADED_ACTORS.pop(next(iter(_LOADED_ACTORS)))
        _LOADED_ACTORS[key] = actors
    return actors


def _read_actors(p: Path) -> Actors:
    data = read_yaml(p, what="actor dictionary")
    _check_keys(p, data, _ACTORS_KEYS, what="actor dictionary")
    raw = _top_mapping(p, data, "actors", "code -> actor")
    codes, names, iso3 = {}, [], {}
    for code, spec in raw.items():
        where = f"{at(p, line_of(raw, code))}: actor {code!r}"
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", code):
            raise TagDataError(f"{where}: codes are upper-case letters and digits")
        if not isinstance(spec, dict):
            raise TagDataError(f"{where}: expected a mapping, got {_kind(spec)}")
        _check_keys(p, spec, _ACTOR_KEYS, what=f"actor {code!r}")
        label = spec.get("label")
        if label is not None and not isinstance(label, str):
            raise TagDataError(f"{at(p, line_of(spec, 'label'))}: actor {code!r}: 'label' must be a string")
        codes[code] = str(label or code)
        for c in _list(p, spec, "iso3", what=f"actor {code!r}: 'iso3'", strings=True):
            iso3[str(c).upper()] = code
        names_raw = _list(p, spec, "names", what=f"actor {code!r}: 'names'")
        names.extend(ActorName(code, pat) for pat in _patterns(p, names_raw, what=f"actor {code!r}"))
        titles_raw = _list(p, spec, "titles", what=f"actor {code!r}: 'titles'")
        names.extend(
            ActorName(code, pat, title=True) for pat in _patterns(p, titles_raw, what=f"actor {code!r}")
        )
        ohs = _list(p, spec, "office_holders", what=f"actor {code!r}: 'office_holders'")
        for i in range(len(ohs)):
            _office_holder(p, code, ohs, i, names)
    excl = _list(p, data, "exclude", what="'exclude'")
    names.extend(ActorName(None, pat) for pat in _patterns(p, excl, what="exclude"))
    speakers = _mapping(p, data, "speakers", what="'speakers'")
    _check_keys(p, speakers, ("country_is_speaker", "publishers", "url_domains"), what="speakers")
    maps = {}
    for key in ("publishers", "url_domains"):
        block = _mapping(p, speakers, key, what=f"'speakers.{key}'")
        for name, code in block.items():
            if code not in codes:
                raise TagDataError(
                    f"{at(p, line_of(block, name))}: speakers.{key}: {name!r} maps to unknown actor code "
                    f"{code!r} (known: {', '.join(codes)})"
                )
        maps[key] = block
    publishers = {str(k).casefold(): str(v) for k, v in maps["publishers"].items()}
    domains = {str(k).lower(): str(v) for k, v in maps["url_domains"].items()}
    cis = _mapping(p, speakers, "country_is_speaker", what="'speakers.country_is_speaker'")
    _check_keys(p, cis, ("publishers", "doc_types"), what="speakers.country_is_speaker")
    country_publishers = frozenset(
        str(x).casefold() for x in _list(p, cis, "publishers", what="'country_is_speaker.publishers'")
    )
    country_doc_types = frozenset(
        str(x).casefold() for x in _list(p, cis, "doc_types", what="'country_is_speaker.doc_types'")
    )
    rules_raw = _mapping(p, data, "holder_rules", what="'holder_rules'")
    _check_keys(p, rules_raw, _RULE_KEYS, what="holder_rules")
    rules = {}
    for key in _RULE_KEYS:
        vals = _list(p, rules_raw, key, what=f"holder_rules.{key}")
        rules[key] = tuple(" ".join(str(v).lower().split()) for v in vals)
    transcripts_raw = _mapping(p, data, "transcripts", what="'transcripts'")
    _check_keys(p, transcripts_raw, ("question", "answer"), what="transcripts")
    transcripts = {}
    for key in ("question", "answer"):
        vals = _list(p, transcripts_raw, key, what=f"transcripts.{key}", strings=True)
        for i, v in enumerate(vals):
            try:
                re.compile(str(v))
            except re.error as exc:
                raise TagDataError(
                    f"{at(p, line_of(vals, i))}: transcripts.{key}: bad regular expression {v!r} ({exc})"
                ) from exc
        transcripts[key] = tuple(str(v) for v in vals)
    aliases_raw = _mapping(p, data, "doc_aliases", what="'doc_aliases'")
    doc_aliases = {}
    for code in aliases_raw:
        if code not in codes:
            raise TagDataError(
                f"{at(p, line_of(aliases_raw, code))}: doc_aliases: unknown actor code {code!r} "
                f"(known: {', '.join(codes)})"
            )
        vals = _list(p, aliases_raw, code, what=f"doc_aliases.{code}", strings=True)
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


def _weight(value) -> float | None:
    """``value`` as a finite float, or None."""
    if isinstance(value, bool):
        return None
    try:
        w = float(value)
    except (TypeError, ValueError):
        return None
    return w if math.isfinite(w) else None


def load_stance_lexicon(path: str | os.PathLike | None = None) -> StanceLexicon:
    """Stance cues from a CSV with columns cue, weight, class ('#' lines are comments).

    Errors name the file line: ``stance.csv:42: class must be one of ...``.
    """
    if isinstance(path, StanceLexicon):
        return path
    p = _path(path, "stance.csv")
    try:
        all_lines = p.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise TagDataError(f"{p}: cannot read: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise TagDataError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    kept = [
        (i, ln) for i, ln in enumerate(all_lines, start=1) if ln.strip() and not ln.lstrip().startswith("#")
    ]
    if not kept:
        raise TagDataError(f"{p}: needs a header row with cue, weight, class")
    reader = csv.reader(ln for _, ln in kept)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise TagDataError(f"{at(p, kept[0][0])}: cannot read the CSV header ({exc})") from exc
    header_line = kept[0][0]
    if not {"cue", "weight", "class"} <= set(header):
        raise TagDataError(f"{at(p, header_line)}: needs a header row with cue, weight, class, got {header}")
    cues, seen = [], {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = kept[min(reader.line_num, len(kept)) - 1][0]
            raise TagDataError(f"{at(p, line)}: cannot read the CSV row ({exc})") from exc
        line = kept[reader.line_num - 1][0]
        if len(row) != len(header):
            raise TagDataError(
                f"{at(p, line)}: expected {len(header)} fields ({', '.join(header)}), got {len(row)}"
            )
        rec = dict(zip(header, row, strict=True))
        cue, cls = " ".join((rec["cue"] or "").lower().split()), (rec["class"] or "").strip()
        if not cue:
            raise TagDataError(f"{at(p, line)}: empty cue")
        weight = _weight(rec["weight"].strip() if rec["weight"] else rec["weight"])
        if weight is None:
            raise TagDataError(f"{at(p, line)}: weight of {cue!r} must be a number, got {rec['weight']!r}")
        if cls not in _STANCE_CLASSES:
            raise TagDataError(
                f"{at(p, line)}: class must be one of {sorted(_STANCE_CLASSES)}, got {cls!r} (cue {cue!r})"
            )
        if cls in ("cooperation", "conflict", "pressure", "offence") and not -1 <= weight <= 1:
            raise TagDataError(f"{at(p, line)}: weight of {cue!r} must be in [-1, 1], got {weight}")
        if (cue, cls) in seen:
            raise TagDataError(
                f"{at(p, line)}: cue {cue!r} ({cls}) is listed twice (first at line {seen[cue, cls]})"
            )
        seen[cue, cls] = line
        cues.append(Cue(cue, weight, cls))
    return StanceLexicon(tuple(cues), source=str(p))


def load_relations(path: str | os.PathLike | None = None) -> Relations:
    """Relation cues: ``agreement`` and ``disagreement`` mappings of cue -> weight."""
    if isinstance(path, Relations):
        return path
    p = _path(path, "relations.yaml")
    data = read_yaml(p, what="relation cues")
    _check_keys(p, data, ("agreement", "disagreement", "bonds"), what="relation cues")
    cues = _relation_cues(p, data, "")
    if not cues:
        raise TagDataError(f"{at(p, 1)}: no relation cues (give 'agreement' and/or 'disagreement')")
    bonds = _mapping(p, data, "bonds", what="'bonds' (nouns, before, after, agreement, disagreement)")
    _check_keys(p, bonds, ("nouns", "before", "after", "agreement", "disagreement"), what="bonds")
    window = []
    for key, default in (("before", 5), ("after", 8)):
        n = bonds.get(key, default)
        if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 20:
            raise TagDataError(f"{at(p, line_of(bonds, key))}: bonds: {key} must be a whole number of words "
                               f"from 0 to 20, got {n!r}")  # fmt: skip
        window.append(n)
    return Relations(
        tuple(cues),
        source=str(p),
        bond_nouns=_phrases(p, bonds, "nouns") if bonds else (),
        bond_cues=tuple(_relation_cues(p, bonds, "bonds: ")) if bonds else (),
        bond_window=(window[0], window[1]),
    )


def _relation_cues(p: Path, data, where: str) -> list[Cue]:
    """The ``agreement`` and ``disagreement`` blocks (cue -> weight in [-1, 1]) of ``data``."""
    cues = []
    for cls in ("agreement", "disagreement"):
        block = _mapping(p, data, cls, what=f"{where}'{cls}' (cue -> weight)")
        for cue, weight in block.items():
            at_cue = f"{at(p, line_of(block, cue))}: {where}{cls}"
            if not isinstance(cue, str) or not cue.strip():
                raise TagDataError(f"{at_cue}: empty cue {cue!r}")
            w = _weight(weight)
            if w is None:
                raise TagDataError(f"{at_cue}: weight of {cue!r} must be a number, got {weight!r}")
            if not -1 <= w <= 1:
                raise TagDataError(f"{at_cue}: weight of {cue!r} must be in [-1, 1], got {w}")
            cues.append(Cue(" ".join(cue.lower().split()), w, cls))
    return cues


def load_tag_data(
    *,
    taxonomy: str | os.PathLike | Taxonomy | None = None,
    actors: str | os.PathLike | Actors | None = None,
    stance_lexicon: str | os.PathLike | StanceLexicon | None = None,
    relations: str | os.PathLike | Relations | None = None,
) -> dict:
    """Load and check the four tagging data files at once (``None``: the shipped file).

    Returns ``{"taxonomy": Taxonomy, "actors": Actors, "stance_lexicon": ..., "relations": ...}``; the first
    mistake raises :class:`TagDataError` with ``path:line: what is wrong``. Call it before reading a corpus
    to fail fast.
    """
    return {
        "taxonomy": load_taxonomy(taxonomy),
        "actors": load_actors(actors),
        "stance_lexicon": load_stance_lexicon(stance_lexicon),
        "relations": load_relations(relations),
    }


__all__ = [
    "Actors",
    "LineDict",
    "LineList",
    "Area",
    "Cue",
    "Pattern",
    "Relations",
    "StanceLexicon",
    "TagDataError",
    "Taxonomy",
    "at",
    "line_of",
    "load_actors",
    "load_relations",
    "load_stance_lexicon",
    "load_tag_data",
    "load_taxonomy",
    "read_yaml",
]
