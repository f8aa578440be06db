"""Is a relation cue about the pair? Actor mentions located with the editable actor dictionary.

The tagger's ``relation`` scores any agreement/disagreement cue in a sentence that names two actors. When
the sentence also names a third actor, the cue may describe the relation with that actor ("the envoy raised
tariffs and the border clash between India and Pakistan"). Such a sentence counts as relation evidence
for the pair A, B only when the text joins the two ("between Pakistan and the US", "US-Pakistan",
"Pakistan and America"), or when a contrast word among its cues ("whereas") stands between a mention of
one and a mention of the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

_JOIN = re.compile(r"^[\s,]*(?:and|&|-|–|—|/|vs\.?|versus)?[\s,]*(?:the\s+)?$", re.IGNORECASE)


def _pattern_regex(p) -> str:
    body = r"\s+".join(re.escape(w) for w in p.text.split())
    tail = r"\w*" if p.prefix else "(?:" + "|".join(re.escape(s) for s in p.suffixes) + ")?"
    return rf"(?<!\w){body}{tail}(?!\w)"


class _ActorRegexes:
    """Per actor code, its (case-sensitive, case-insensitive) name regexes, compiled when first asked for
    (a measure looks at two or three actors of the dictionary's hundreds)."""

    def __init__(self, patterns: dict[str, tuple[list[str], list[str]]]):
        self._patterns = patterns
        self._compiled: dict[str, tuple[re.Pattern | None, re.Pattern | None]] = {}

    def get(self, code: str, default=None):
        regs = self._compiled.get(code)
        if regs is None:
            if code not in self._patterns:
                return default
            sens, insens = self._patterns[code]
            regs = self._compiled[code] = (
                re.compile("|".join(sens)) if sens else None,
                re.compile("|".join(insens), re.IGNORECASE) if insens else None,
            )
        return regs


@lru_cache(maxsize=8)
def _actor_regexes(actor_file: str | None) -> _ActorRegexes:
    from convergence.tagging import load_actors

    names = load_actors(actor_file).names
    by_code: dict[str, tuple[list[str], list[str]]] = {}
    for n in names:
        if n.code is None:
            continue
        sens, insens = by_code.setdefault(n.code, ([], []))
        (sens if n.pattern.case else insens).append(_pattern_regex(n.pattern))
    return _ActorRegexes(by_code)


def mentions(text: str, code: str, actor_file: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each mention of ``code`` in ``text``, in order."""
    return list(_mentions(text, code, actor_file))


@lru_cache(maxsize=8192)
def _mentions(text: str, code: str, actor_file: str | None) -> tuple[tuple[int, int], ...]:
    # kept: a report asks about the same sentences for its verdict, its evidence and its timeline
    regs = _actor_regexes(actor_file).get(code)
    if not regs:
        return ()
    return tuple(sorted({m.span() for r in regs if r is not None for m in r.finditer(text)}))


def pair_relation(
    text: str,
    pair: tuple[str, str],
    cues: list[str],
    contrast_words: tuple[str, ...],
    actor_file: str | None = None,
    *,
    joins: bool = True,
) -> bool:
    """True when the sentence ties its relation cue to the pair (see the module docstring).

    ``joins=False`` checks only the contrast-word rule."""
    a = mentions(text, pair[0], actor_file)
    b = mentions(text, pair[1], actor_file)
    if not a or not b:
        return False
    for first, second in ((a, b), (b, a)) if joins else ():
        for _s1, e1 in first:
            for s2, _e2 in second:
                if s2 >= e1 and _JOIN.match(text[e1:s2]):
                    return True
    low = text.lower()
    for cue in cues:
        word = str(cue).split()[0].lower() if str(cue).split() else ""
        if word not in contrast_words:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", low):
            before_a = any(e <= m.start() for _s, e in a)
            before_b = any(e <= m.start() for _s, e in b)
            after_a = any(s >= m.end() for s, _e in a)
            after_b = any(s >= m.end() for s, _e in b)
            if (before_a and after_b) or (before_b and after_a):
                return True
    return False
