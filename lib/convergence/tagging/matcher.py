"""One Aho-Corasick pass over a document's text for every pattern: issue terms, actor names, stance and
relation cues.

The automaton runs over the case-folded text; each hit is then checked for word boundaries, case (for
case-sensitive patterns), a trailing ``*`` (any word ending) or the allowed plural / possessive endings.
Overlapping hits of one layer are resolved by *longest match first*, so nested terms are never counted twice.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

import ahocorasick
import numpy as np

from .lexicon import Actors, Pattern, Relations, StanceLexicon, Taxonomy

ISSUE, ACTOR, STANCE, RELATION = 0, 1, 2, 3

_REPLACE = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u02bc", "'"),
    ("`", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u2013", "-"),
    ("\u00ad", ""),
)
# the whitespace after a letter and a hyphen, before a letter ("Tehreek-e-\\nTaliban"), hyphen included; the
# pattern opens with the literal hyphen so that the regex engine only stops at hyphens
_HYPHEN_BREAK = re.compile(r"-(?<=[A-Za-z]-)\s+(?=[A-Za-z])")


def normalize(text: str) -> str:
    """The form all matching works on: straight quotes, ASCII hyphens, no soft hyphens, single spaces,
    and words split at a line-end hyphen joined again ("Tehreek-e-\\nTaliban")."""
    for old, new in _REPLACE:
        if old in text:
            text = text.replace(old, new)
    if "-" in text:
        text = _HYPHEN_BREAK.sub("-", text)
    # every run of whitespace becomes one space, ends stripped (as re.sub(r"\s+", " ", text).strip() would:
    # str.split and the regex \s agree on what whitespace is), several times faster than the regex; a text
    # whose only whitespace is single inner spaces (most) is already that, which a few substring tests show
    if text[:1] != " " and text[-1:] != " " and "  " not in text:
        for ws in _OTHER_SPACE_ASCII if text.isascii() else _OTHER_SPACE:
            if ws in text:
                break
        else:
            return text
    return " ".join(text.split())


# every character str.split splits at (str.isspace), but the space (tests/test_tag_matcher.py checks the list)
_OTHER_SPACE = tuple(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_OTHER_SPACE_ASCII = tuple(c for c in _OTHER_SPACE if c.isascii())


def normalize_many(texts) -> list[str]:
    """:func:`normalize` for a document's sentences at once (one pass of each regex)."""
    clean = [t.replace("\x00", " ") if isinstance(t, str) else "" for t in texts]
    joined = normalize("\x00".join(clean))
    # the one space a separator may have on either side goes (str.replace: two quick passes, no regex)
    out = joined.replace(" \x00", "\x00").replace("\x00 ", "\x00").split("\x00")
    if len(out) != len(clean):  # cannot happen unless a text is made of separators only; be safe
        return [normalize(t) for t in clean]
    return out


_NONWORD = re.compile(r"[^\w ]|_")
_KEPT: np.ndarray | None = None  # per code point of the Basic Multilingual Plane: a word character or a space


def _kept() -> np.ndarray:
    global _KEPT
    if _KEPT is None:
        _KEPT = np.array([_NONWORD.match(chr(c)) is None for c in range(0x10000)], dtype=bool)
    return _KEPT


def word_view(low: str) -> str:
    """The folded text with every non-word character made a space (same length): the automaton runs on
    " " + this, and every key starts with a space, so hits start only at word starts.

    The same as ``_NONWORD.sub(" ", low)``, done on the text's code points as a numpy array (one table
    look-up per character instead of one regex match per punctuation mark)."""
    codes = np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    bmp = codes < 0x10000
    kept = np.zeros(len(codes), dtype=bool)
    kept[bmp] = _kept()[codes[bmp]]
    for i in np.flatnonzero(~bmp).tolist():  # beyond the BMP (emoji, rare scripts): the regex decides
        kept[i] = _NONWORD.match(chr(codes[i])) is None
    codes[~kept] = 32
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def fold(text: str) -> str:
    """Lower-case without changing the length (a few characters lower-case to two; they are kept)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_NO_INFLECT = {"the", "and", "for", "from", "with", "between", "not", "both", "than", "that", "this", "into"}
_VOWELS = set("aeiou")


@cache
def word_forms(word: str) -> tuple[str, ...]:
    """Regular inflections of one word (cheap suffix rules, no dictionary): oppose -> opposes, opposed,
    opposing; worry -> worries, worried; ban -> bans, banned, banning."""
    w = word
    if len(w) < 3 or not w.isalpha() or w in _NO_INFLECT:
        return (w,)
    forms = {w}
    if w.endswith("e"):
        forms |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {w + "es", w + "ed", w + "ing"}
    else:
        forms |= {w + "s", w + "ed", w + "ing"}
        if w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS and w[-3] not in _VOWELS:
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return tuple(sorted(forms))


def phrase_forms(phrase: str, *, inflect: bool = True) -> list[str]:
    words = phrase.split()
    if not inflect:
        return [" ".join(words)]
    return [" ".join(p) for p in itertools.islice(itertools.product(*(word_forms(x) for x in words)), 500)]


@dataclass(frozen=True)
class Payload:
    layer: int
    key: str  # the folded automaton key
    original: str  # the pattern text as written (for case-sensitive checks)
    case: bool
    prefix: bool
    suffixes: tuple[str, ...]
    item: object  # (slug, Pattern) | ActorName | Cue | (Cue, part, n_parts)
    label: str


def _context_regex(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    alts = []
    for t in terms:
        t = " ".join(t.split())
        if t.endswith("*"):
            alts.append(re.escape(fold(t[:-1])) + r"\w*")
        else:
            alts.append(re.escape(fold(t)) + r"(?:'s|s|es)?")
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


def _ident(item):
    if isinstance(item, tuple) and len(item) == 2:  # (slug, Pattern)
        return item[0]
    if isinstance(item, tuple):  # relation part
        return (item[0].cue, item[1])
    if hasattr(item, "code"):
        return (item.code, item.holder)
    return item.cue


class Matcher:
    """The automaton over all patterns, built once per tagging run."""

    def __init__(self, taxonomy: Taxonomy, actors: Actors, stance: StanceLexicon, relations: Relations):
        self.payloads: list[Payload] = []
        self.context: dict[Pattern, re.Pattern | None] = {}
        table: dict[str, list[int]] = {}
        seen: set = set()

        def add(layer, pattern_text, *, case, prefix, suffixes, item, label):
            norm = normalize(pattern_text)
            body = word_view(fold(norm)).rstrip()
            if not body.strip():
                return
            key = " " + body
            ident = (key, layer, _ident(item))
            if (
                ident in seen
            ):  # the same term spelt with other punctuation ("China Pakistan" / "China-Pakistan")
                return
            seen.add(ident)
            self.payloads.append(Payload(layer, key, norm[: len(body)], case, prefix, suffixes, item, label))
            table.setdefault(key, []).append(len(self.payloads) - 1)

        for area in taxonomy.areas.values():
            for pat in area.patterns:
                add(ISSUE, pat.text, case=pat.case, prefix=pat.prefix, suffixes=pat.suffixes,
                    item=(area.slug, pat), label=f"{area.slug}:{pat.label}")  # fmt: skip
                if pat not in self.context:
                    self.context[pat] = _context_regex(pat.context)
        for name in actors.names:
            pat = name.pattern
            add(ACTOR, pat.text, case=pat.case, prefix=pat.prefix, suffixes=pat.suffixes, item=name,
                label=f"{name.code}:{pat.label}" if name.code else f"-:{pat.label}")  # fmt: skip
        for cue in stance.cues:
            inflect = cue.cls in ("cooperation", "conflict", "pressure", "offence")
            for form in phrase_forms(cue.cue, inflect=inflect):
                add(STANCE, form, case=False, prefix=False, suffixes=(), item=cue, label=cue.cue)
        for cue in relations.cues:
            parts = [p.strip() for p in cue.cue.split("...") if p.strip()]
            for i, part in enumerate(parts):
                for form in phrase_forms(part):
                    add(RELATION, form, case=False, prefix=False, suffixes=(), item=(cue, i, len(parts)),
                        label=cue.cue)  # fmt: skip
        self.automaton = ahocorasick.Automaton()
        for key, ids in table.items():
            # each payload's id with what scan checks of it, in one tuple (no attribute look-ups per hit)
            checks = tuple((i, *self._check(self.payloads[i])) for i in ids)
            # the ids when every payload of the key only needs the word boundary check (most keys)
            plain = tuple(ids) if all(not c[1] and not c[3] and not c[4] for c in checks) else None
            self.automaton.add_word(key, (len(key), checks, plain))
        self.empty = not table
        if not self.empty:
            self.automaton.make_automaton()

    def scan(self, text: str, low: str) -> list[tuple[int, int, int, bool]]:
        """All valid hits in ``text`` (``low`` its folded form): (start, end, payload id, possessive)."""
        if self.empty:
            return []
        out = []
        n = len(low)
        for end, (klen, checks, plain) in self.automaton.iter(" " + word_view(low)):
            start = end - klen + 1
            if plain is not None:  # what the loop below does for payloads with no case, prefix or suffix
                if end < n and low[end].isalnum() and low[end - 1].isalnum():
                    continue
                for pid in plain:
                    out.append((start, end, pid, False))
                continue
            for pid, case, original, prefix, suffixes in checks:
                if case and (text[start:end] != original or text[end : end + 1] == "$"):
                    continue  # another casing, or a currency ("US$200 million" is dollars, not the US)
                if prefix:
                    stop = end
                    while stop < n and low[stop].isalnum():
                        stop += 1
                    out.append((start, stop, pid, False))
                    continue
                for suf in suffixes:
                    e2 = end + len(suf)
                    if case and text[end:e2] != suf:
                        continue  # a case-sensitive term's ending as written: "ISIs", not "ISIS" for "ISI"
                    if low.startswith(suf, end) and (e2 >= n or not low[e2].isalnum()):
                        out.append((start, e2, pid, "'" in suf))
                        break
                else:
                    if end < n and low[end].isalnum() and low[end - 1].isalnum():
                        continue
                    out.append((start, end, pid, False))
        return out

    @staticmethod
    def _check(p: Payload) -> tuple:
        return p.case, p.original, p.prefix, p.suffixes


def longest_first(hits: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int, bool]]:
    """Non-overlapping hits, longest first (ties: leftmost); returned in text order."""
    if len(hits) < 2:
        return hits
    chosen: list[tuple[int, int, int, bool]] = []
    for h in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all(h[1] <= c[0] or h[0] >= c[1] or (h[0] == c[0] and h[1] == c[1]) for c in chosen):
            chosen.append(h)
    chosen.sort()
    return chosen
