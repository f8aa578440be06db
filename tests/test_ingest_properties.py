"""Property-based tests of cleaning and splitting (hypothesis).

Documents are generated from a safe alphabet: plain words, names, the project's own abbreviations
(``data/abbreviations.txt``), numbers, commas and other inner punctuation, straight and curly quotes,
hard-wrapped lines with line-end hyphenation, CRLF line ends and blank lines of several kinds. "Safe" means
no word that the boilerplate rules (``data/boilerplate.yaml``) or the header rules are meant to remove, so
every word of the input must reach the clean text (or the metadata, for a title line).
"""

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
from convergence.ingest import read_corpus
from convergence.ingest.clean import clean_document
from convergence.ingest.config import ABBREVIATIONS, load_config
from convergence.ingest.documents import Skip, process_document
from convergence.ingest.segment import segment
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

CONFIG = load_config()
# CONVERGENCE_HYPOTHESIS_SCALE=10 runs ten times as many examples (for a deeper search before a release).
SCALE = int(os.environ.get("CONVERGENCE_HYPOTHESIS_SCALE", "1"))
FAST = settings(max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(
    max_examples=25 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Invisible characters that cleaning removes inside a word (soft hyphen, zero-width space and joiners).
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060"

WORDS = (
    "talks river water border trade ministers agreed the of and to a on officials cooperation security "
    "economic policy dialogue partners region aid support meeting peace reforms province delegation agenda "
    "market energy transit refugees commission accord neighbours funding loan exports growth pressure "
    "concerns relations visit envoy counterpart military civilian"
).split()
NAMES = "Freedonia Sylvania Pakistan Washington Islamabad Karachi Geneva Osei Khan Ruritania".split()
NUMBERS = ["1990", "2024", "3.5", "40", "1,200"]
CONNECTORS = [",", ";", " —", ":"]
ENDS = [".", ".", ".", "!", "?"]


def _abbreviations() -> list[str]:
    out = []
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line == "[sentence_starters]":
            break
        if not line or line.startswith("#"):
            continue
        word = line + "."
        out.append(word.upper() if "." in line else word.capitalize())
    return out


ABBREVS = _abbreviations()


@st.composite
def sentences(draw) -> str:
    n = draw(st.integers(3, 16))
    tokens = []
    for i in range(n):
        kind = draw(
            st.sampled_from(
                ["word"] * 6 + ["name"] * 2 + ["abbrev", "number", "bare", "hyphen", "quote", "’s"]
            )
        )
        if kind == "word":
            tok = draw(st.sampled_from(WORDS))
        elif kind == "name":
            tok = draw(st.sampled_from(NAMES))
        elif kind == "abbrev":
            tok = draw(st.sampled_from(ABBREVS)) + " " + draw(st.sampled_from(NAMES))
        elif kind == "number":
            tok = draw(st.sampled_from(NUMBERS)) + " " + draw(st.sampled_from(WORDS))
        elif kind == "bare":
            tok = draw(st.sampled_from(NUMBERS + ABBREVS))
        elif kind == "’s":
            tok = draw(st.sampled_from(NAMES)) + draw(st.sampled_from(["’s", "'s"]))
        elif kind == "hyphen":
            tok = draw(st.sampled_from(WORDS)) + "-" + draw(st.sampled_from(WORDS))
        else:
            left, right = draw(st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("(", ")")]))
            tok = left + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))) + right
        if i and draw(st.integers(0, 9)) == 0:
            tokens[-1] += draw(st.sampled_from(CONNECTORS))
        tokens.append(tok)
    # "... reached 40." (a wrap may put "40." first). Not after an abbreviation or a closing quote or bracket:
    # "... the U.S.A. 40. The ..." and "... “talks” 40. The ..." read exactly like a UN paragraph number
    # between two sentences and are removed as one by design (note 4 below).
    if draw(st.integers(0, 3)) == 0 and not tokens[-1].endswith((".", "”", '"', "’", ")")):
        tokens.append(draw(st.sampled_from(NUMBERS)))
    if len(tokens) > 1 and tokens[-1] in NUMBERS and tokens[-2].endswith((".", "”", '"', "’", ")")):
        tokens.pop()  # a bare number drawn last after such a token is the same case (note 6)
    first = draw(st.sampled_from(NAMES + [w.capitalize() for w in WORDS]))
    return " ".join([first, *tokens]) + draw(st.sampled_from(ENDS))


@st.composite
def paragraphs(draw) -> str:
    text = " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))
    if draw(st.booleans()):
        return text
    width = draw(st.integers(30, 90))
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            if len(word) > 6 and word.isalpha() and draw(st.integers(0, 3)) == 0:
                cut = draw(st.integers(2, len(word) - 2))
                lines.append(line + " " + word[:cut] + "-")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


@st.composite
def documents(draw, max_paras: int = 6) -> str:
    paras = draw(st.lists(paragraphs(), min_size=1, max_size=max_paras))
    sep = draw(st.sampled_from(["\n\n", "\n\n\n", "\n \n", "\n\t\n"]))
    text = sep.join(paras)
    if draw(st.booleans()):
        text = _messy(draw, text)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return draw(st.sampled_from(["", "\n", "  "])) + text + draw(st.sampled_from(["", "\n", "\n\n"]))


def _messy(draw, text: str) -> str:
    """What scrapers and PDF converters leave: odd spaces, form feeds, line separators, invisible marks."""
    edits = draw(
        st.lists(
            st.tuples(st.integers(0, max(0, len(text) - 1)), st.integers(0, 3)), max_size=12, unique=True
        )
    )
    chars = list(text)
    for pos, k in sorted(edits):
        ch = chars[pos]
        if ch == " ":
            chars[pos] = ["\u00a0", "\t", "  ", " \u200b"][k]
        elif ch == "\n":
            chars[pos] = ["\x0c", "\u2028", " \n", "\n\t"][k]
        elif ch.isalpha() and text[pos + 1 : pos + 2].isalpha():  # inside a word only
            chars[pos] = ch + INVISIBLE[k]
    return "".join(chars)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate({ord(c): None for c in INVISIBLE}))


def _check_spans(text: str, paras: list[tuple], sents: list[tuple]) -> None:
    prev_end = 0
    for pid, (p, s, e) in enumerate(paras):
        assert p == pid and prev_end <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev_end = e
    prev_end = 0
    for p, s, e in sents:
        ps, pe = paras[p][1], paras[p][2]
        assert ps <= s < e <= pe, "a sentence lies within its paragraph"
        assert s >= prev_end, "sentences are ordered and do not overlap"
        prev_end = e
    covered = [False] * len(text)
    for _, s, e in sents:
        covered[s:e] = [True] * (e - s)
    lost = "".join(c for c, cov in zip(text, covered, strict=True) if not cov)
    assert not lost.strip(), f"text outside every sentence: {lost.strip()[:80]!r}"


@FAST
@given(st.text(max_size=400))
def test_segment_offsets_on_any_text(text):
    paras, sents = segment(text, CONFIG)
    _check_spans(text, paras, sents)


# Failures hypothesis found (kept as fixed examples; see the notes at the end of this module).
@FAST
@given(documents())
@example("Freedonia talks, talks, talks\n1990.")
@example("Freedonia talks, U.S.\n1990.")
@example("Freedonia talks talks 3.5\n1990.")
@example("Officials said the number of delegates reached\n40. Officials said the talks would go on.")
@example("Pakistan loan talks, of talks. Meeting border talks went on!\n\nMeeting border talks went on!")
@example("Officials met in Geneva. Talks Resume In Geneva\n\nTalks Resume In Geneva")
def test_cleaning_keeps_every_body_word(doc):
    meta, body, _ = clean_document(doc, CONFIG)
    kept = Counter(_tokens(body))
    for v in meta.values():
        if isinstance(v, str):
            kept.update(_tokens(v))
        elif isinstance(v, list):
            kept.update(t for x in v for t in _tokens(str(x)))
    missing = Counter(_tokens(doc)) - kept
    assert not missing, f"words lost in cleaning: {dict(missing)}"


@FAST
@given(documents(), st.sampled_from(["txt", "md"]))
@example("Freedonia talks talks talks!", "txt")
def test_document_offsets_round_trip_and_nothing_lost(doc, fmt):
    rec = process_document({"path": f"doc.{fmt}", "fmt": fmt, "raw": doc.encode("utf-8")}, CONFIG)
    text = rec["text"]
    _check_spans(text, rec["_paragraphs"], rec["_sentences"])
    in_sentences = Counter(t for _, s, e in rec["_sentences"] for t in _tokens(text[s:e]))
    assert in_sentences == Counter(_tokens(text))


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["txt", "md", "html"]))
def test_any_bytes_give_an_article_or_a_reasoned_skip(raw, fmt):
    try:
        rec = process_document({"path": f"doc.{fmt}", "fmt": fmt, "raw": raw}, CONFIG)
    except Skip as exc:
        assert (
            exc.reason in {"empty", "binary", "undecodable", "too_large", "unparseable_html"} and exc.detail
        )
        return
    _check_spans(rec["text"], rec["_paragraphs"], rec["_sentences"])


def _write(folder: Path, docs: list[str]) -> None:
    for i, doc in enumerate(docs):
        (folder / f"doc{i:02d}.txt").write_bytes(doc.encode("utf-8"))


@SLOW
@given(st.lists(documents(), min_size=1, max_size=4))
def test_corpus_offsets_round_trip(docs):
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), docs)
        corpus = read_corpus(tmp, use_cache=False, jobs=1)
    texts = corpus.articles.set_index("doc_id")["text"]
    for frame in (corpus.paragraphs, corpus.sentences):
        for doc_id, start, end, text in frame[["doc_id", "start", "end", "text"]].itertuples(index=False):
            assert texts[doc_id][start:end] == text
    for doc_id, group in corpus.sentences.groupby("doc_id", sort=False):
        assert group["sent_id"].tolist() == list(range(len(group)))
        paras = corpus.paragraphs[corpus.paragraphs["doc_id"] == doc_id]
        _check_spans(
            texts[doc_id],
            list(paras[["para_id", "start", "end"]].itertuples(index=False, name=None)),
            list(group[["para_id", "start", "end"]].itertuples(index=False, name=None)),
        )


@SLOW
@given(st.lists(documents(max_paras=2), min_size=16, max_size=18))
def test_parsing_is_deterministic_and_independent_of_jobs(docs):
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), docs)
        one = read_corpus(tmp, use_cache=False, jobs=1)
        again = read_corpus(tmp, use_cache=False, jobs=1)
        two = read_corpus(tmp, use_cache=False, jobs=2)
    for other in (again, two):
        for name in ("articles", "paragraphs", "sentences", "skipped"):
            pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name))


# Notes: what these properties found, and what changed.
#
# 1. A document of one short line ("Freedonia talks talks talks!") was taken whole as its title and then
#    skipped as empty: the text was lost. Now the only line of a document is never a title (clean.py).
# 2. A first paragraph whose last sentence the next paragraph repeated was dropped as a navigation
#    "breadcrumb" (29 words lost). Now a breadcrumb is at most 300 characters, ends with a title-like line
#    and has no sentence punctuation before it (clean.py).
# 3. A wrapped line holding only the number that ends a sentence ("... talks" / "1990.") was dropped as a
#    page number, and one starting with it ("... reached" / "40. Officials ...") lost the number as a UN
#    paragraph number. Now such a number goes back to the line above, and a line-start number is a paragraph
#    number only where a paragraph can start (clean.py). On UNGDC and the White House briefings this puts
#    back 198 numbers in 167 of 11,001 documents and removes none.
# 4. Not changed, by design: a number of one to three digits with a period, after an abbreviation or a
#    closing quote and before a capital ("... the U.S.A. 40. Freedonia ...", "... “talks” 40. Freedonia ...")
#    reads like a UN paragraph number and is removed as one (UNGDC has about 130 such real paragraph numbers
#    after a closing quote); the generator does not produce it.
# 5. Test-side: a soft hyphen before a line break joins the two parts into one word, as it should; the
#    generator put one at a word's end, and now puts invisible characters inside words only.
# 6. Test-side: a "bare" number drawn as a sentence's last token after a closing quote ("... “talks” 40.
#    Freedonia ...") is the case of note 4, which the generator meant to leave out but produced that way;
#    it now drops such a number.
# 7. A wrapped line holding only the number that ends a sentence was dropped as a page number when the line
#    above ended on a decimal number ("... talks 3.5" / "1990."): the decimal read as a sentence with its
#    footnote mark ("... peace.11"). A footnote mark now follows no digit (clean.py).
