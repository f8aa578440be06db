"""Sentence splitting: abbreviations, initials, quotes, offsets."""

from convergence.ingest.config import load_config
from convergence.ingest.segment import paragraph_spans, segment

CONFIG = load_config()


def _sentences(text):
    _, sents = segment(text, CONFIG)
    return [text[s:e] for _, s, e in sents]


def test_abbreviations_do_not_split():
    text = (
        "He met U.S. officials in Washington. The U.S.A. is large. Gen. Asim Munir met Lt. Col. Smith and "
        "Mr. Khan. Dr. Ali lives at No. 5 Street. On Jan. 5 J. F. Kennedy spoke."
    )
    assert _sentences(text) == [
        "He met U.S. officials in Washington.",
        "The U.S.A. is large.",
        "Gen. Asim Munir met Lt. Col. Smith and Mr. Khan.",
        "Dr. Ali lives at No. 5 Street.",
        "On Jan. 5 J. F. Kennedy spoke.",
    ]


def test_closing_quote_stays_and_us_at_sentence_end_splits():
    text = '"We agree." He said so. Talks were held in the U.S. The end came later.'
    assert _sentences(text) == [
        '"We agree."',
        "He said so.",
        "Talks were held in the U.S.",
        "The end came later.",
    ]


def test_offsets_and_paragraph_ids():
    text = "First one. Second one.\n\nThird in para two."
    paras, sents = segment(text, CONFIG)
    assert paras == [(0, 0, 22), (1, 24, 42)]
    assert [(p, text[s:e]) for p, s, e in sents] == [
        (0, "First one."),
        (0, "Second one."),
        (1, "Third in para two."),
    ]
    assert paragraph_spans("") == []


def test_a_dateline_run_into_a_bullet_or_a_photo_credit_starts_a_sentence():
    text = (
        "• Minister urges restraint, calls for talks with the neighbours "
        "WASHINGTON / ISLAMABAD: The two sides met on Monday. — AFP/File KARACHI: Markets rose."
    )
    for splitter in ("rules", "punkt"):
        _, sents = segment(text, CONFIG, splitter=splitter)
        got = [text[s:e] for _, s, e in sents]
        assert got[0] == "• Minister urges restraint, calls for talks with the neighbours", splitter
        assert got[1].startswith("WASHINGTON / ISLAMABAD: The two sides")
        assert got[-1] == "KARACHI: Markets rose."
    # capitals after capitals, a transcript's speaker and a short acronym before a colon stay whole
    for whole in (
        "SMOKERS’ CORNER: THE CURSE OF COLLAPSOLOGY",
        "Q Is that right? MS. PSAKI: We will see.",
        "Countries rely heavily on the IMF: Argentina could not pay.",
        "First, on COVID: some developments in the states this morning.",
    ):
        assert "".join(_sentences(whole)).replace(" ", "") == whole.replace(" ", "")
        assert len(_sentences(whole)) <= 2 and not any(s.startswith("PSAKI") for s in _sentences(whole))
