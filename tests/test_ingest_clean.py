"""Cleaning: normalisation, boilerplate, titles/authors/headers, paragraph rebuilding."""

from convergence.ingest.clean import clean_document, normalise, paragraphs_from_lines
from convergence.ingest.config import load_config
from convergence.ingest.decode import decode_bytes, repair_mojibake

CONFIG = load_config()


def test_normalise_line_endings_soft_hyphens_form_feeds():
    text, warnings = normalise("a\r\nb\rc\x0cd co\u00adoperation pre\u00ac decessor pre\u00ac\ndecessor")
    assert text == "a\nb\nc\nd cooperation predecessor predecessor"
    assert warnings == []


def test_mojibake_repaired_with_warning():
    text, warnings = normalise(
        "It\u00e2\u20ac\u2122s a caf\u00c3\u00a9 \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d"
    )
    assert text == "It\u2019s a caf\u00e9 \u201cquoted\u201d"
    assert warnings and warnings[0].startswith("mojibake")
    assert repair_mojibake("S\u00e3o Paulo")[0] == "S\u00e3o Paulo"


def test_decode_boms_and_fallback():
    assert decode_bytes("\ufeffhello".encode("utf-8")) == ("hello", [])
    assert decode_bytes("hello \u2019".encode("utf-16")) == ("hello \u2019", [])
    text, warnings = decode_bytes("caf\u00e9 \u2019".encode("cp1252"))
    assert text == "caf\u00e9 \u2019"
    assert warnings == ["encoding: not UTF-8, decoded as cp1252"]


def test_page_break_inside_sentence_does_not_split():
    lines = ["cooperation discussions,", "", "intelligence sharing on threats.", "", "New paragraph here."]
    assert paragraphs_from_lines(lines) == [
        "cooperation discussions, intelligence sharing on threats.",
        "New paragraph here.",
    ]
    lines = ["the talks were", "", "continued later.", "", "Next one."]
    assert paragraphs_from_lines(lines) == ["the talks were continued later.", "Next one."]


def test_hyphenated_line_end_joins_without_space():
    lines = ["threats from groups like Tehreek-e-", "Taliban Pakistan in the region."]
    assert paragraphs_from_lines(lines) == [
        "threats from groups like Tehreek-e-Taliban Pakistan in the region."
    ]


def test_hard_wrapped_block_is_one_paragraph_and_short_terminal_line_ends_it():
    block = [
        "The first sentence of a long paragraph that wraps at",
        "about sixty characters per line. The second sentence is",
        "here and ends the paragraph.",
        "A new paragraph starts on this line and wraps again at",
        "the same width.",
    ]
    assert paragraphs_from_lines(block) == [
        "The first sentence of a long paragraph that wraps at about sixty characters per line. "
        "The second sentence is here and ends the paragraph.",
        "A new paragraph starts on this line and wraps again at the same width.",
    ]


def test_un_paragraph_numbers_removed():
    lines = ["45.\tWe greet the Assembly.", "46.\t  Our country agrees.", "47. The end came."]
    assert paragraphs_from_lines(lines) == ["We greet the Assembly.", "Our country agrees.", "The end came."]


def test_markdown_bold_stripped_and_title_author_header_read():
    text = "\n".join(
        [
            "Tuesday, May 7, 2024",
            "HomeNewsAsiaA Test Title for Freedonia",
            "",
            "A Test Title for Freedonia",
            "",
            "By Jane Roe",
            "",
            "Keywords: Freedonia, water",
            "Word Count: 1,200",
            "Date/Place: March 3, 2020 /Fredville, Freedonia",
            "",
            "**Mr. President,** the body begins here and is long enough to matter.",
            "",
            "Spread the love",
            "",
            "By: John Doe, Research Fellow",
            "",
            "Leave a Reply",
            "Please enter your comment!",
        ]
    )
    meta, body, warnings = clean_document(text, CONFIG)
    assert meta["title"] == "A Test Title for Freedonia"
    assert meta["authors"] == ["Jane Roe"]
    assert meta["keywords"] == ["Freedonia", "water"]
    assert meta["words_declared"] == 1200
    assert str(meta["date"].date()) == "2020-03-03"
    assert meta["place"] == "Fredville, Freedonia"
    assert meta["summary_author"] == "John Doe"
    assert meta["summary_author_role"] == "Research Fellow"
    assert meta["page_date"] == "Tuesday, May 7, 2024"
    assert body == "Mr. President, the body begins here and is long enough to matter."
    assert warnings == []


def test_teaser_after_next_post_is_cut_and_its_date_not_used():
    body = " ".join([f"This is the article body sentence number {i}." for i in range(30)])
    text = "\n".join(
        [
            body,
            "",
            "Next Post",
            "",
            "Another headline about something else",
            "",
            "Fri Dec 15 , 2023",
            "Teaser text of the other article.",
            "You May Like",
        ]
    )
    meta, clean, _ = clean_document(text, CONFIG)
    assert clean == body
    assert "date" not in meta


def test_footer_and_malformed_header_value():
    text = "Key facts\n\nWord Count: many\n\nThe body sentence is here.\nPublished in Dawn, May 5th, 2025"
    meta, body, warnings = clean_document(text, CONFIG)
    assert body == "The body sentence is here."
    assert "words_declared" not in meta
    assert any("word count" in w for w in warnings)


def test_paragraph_numbers_inside_joined_lines_removed():
    lines = [
        "of the General Assembly. 4. Let my first words be of thanks. 5. In the discharge of duties we act."
    ]
    assert paragraphs_from_lines(lines) == [
        "of the General Assembly. Let my first words be of thanks. In the discharge of duties we act."
    ]
    assert paragraphs_from_lines([". 86. To give each a seat.", "19. 1. The exercise of the right."]) == [
        "To give each a seat.",
        "The exercise of the right.",
    ]
    assert paragraphs_from_lines(["The vote was 5 to 4. It passed in 1990."]) == [
        "The vote was 5 to 4. It passed in 1990."
    ]


def test_author_note_and_contact_lines_leave_the_body():
    text = (
        "The body of the column is here and long enough.\n\nThe writer is a former envoy.\n\nname@example.org"
    )
    meta, body, _ = clean_document(text, CONFIG, detect_header=False)
    assert body == "The body of the column is here and long enough."
    assert meta["author_note"] == "The writer is a former envoy."


def test_title_only_when_the_first_line_reads_like_one():
    from convergence.ingest.clean import looks_like_title

    assert looks_like_title("Get the Generals Out of Pakistani-U.S. Relations")
    assert looks_like_title("Army Chief\u2019s USA visit: Divergence to Convergence")
    for running in (
        "It is my privilege and honour once again to address the General",
        "At the outset, I have the pleasure of congratulating",
        "We met. Then we left the hall",
        "The Assembly meets today because of",
        "Mr. President,",
    ):
        assert not looks_like_title(running), running
    meta, body, _ = clean_document(
        "Talks between the two\n\ndelegations went on late into the night.", CONFIG
    )
    assert "title" not in meta
    assert body == "Talks between the two delegations went on late into the night."
