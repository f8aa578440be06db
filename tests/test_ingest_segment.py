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
