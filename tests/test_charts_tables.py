"""HTML tables of the measure frames (convergence.charts.tables): article text is data, never markup."""

import html
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from convergence import charts
from convergence.charts import tables
from fixtures.charts.frames import evidence as _evidence

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    "</td></tr></table><h1>out</h1>",
]
#: The elements the tables write themselves.
SAFE_TAGS = {"style", "table", "thead", "tbody", "tr", "th", "td", "mark", "span", "div", "p", "b", "h4", "a"}


def _conv():
    return pd.DataFrame(
        {
            "issue": ["kashmir", "afghanistan"],
            "group": ["corpus", "corpus"],
            "index": [0.55, -0.4],
            "ci_low": [0.3, -0.7],
            "ci_high": [0.8, -0.1],
            "verdict": ["convergent", "divergent"],
            "reason": ["convergent because of test rows", "divergent because of test rows"],
            "n_a": [9, 12],
            "n_b": [7, 10],
            "n_relation": [1, 1],
        }
    )


class _Tags(HTMLParser):
    """The elements and attributes a browser would build from a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _no_active_markup(page: str) -> None:
    """No element, attribute or URL that a browser would run or that would break out of the table."""
    parser = _Tags()
    parser.feed(str(page))
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, (tag, attrs)
        assert not [k for k in attrs if k.lower().startswith("on")], (tag, attrs)
        if "href" in attrs:
            assert re.match(r"https?://", attrs["href"]), attrs["href"]


def test_highlight_escapes_text_and_marks_cues():
    out = charts.highlight("They do not support <b>this</b> & that; support grows.", ["not support"])
    assert "<b>" not in out
    assert "&lt;b&gt;this&lt;/b&gt; &amp; that" in out
    assert out.count("<mark>") == 2  # "not support" and the bare cue word "support"
    assert "<mark>not support</mark>" in out
    assert out._repr_html_() == str(out)


def test_evidence_html_escapes_and_marks():
    out = charts.evidence_html(_evidence())
    assert "alert(1)</script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out
    assert "<mark>welcomed</mark>" in out
    assert "<mark>may oppose</mark>" in out
    assert 'href="https://example.org/a"' in out
    # Unescaping the rendered table gives back the sentence: nothing lost.
    assert "<script>alert(1)</script>" in html.unescape(re.sub(r"</?mark>", "", out))


def test_tables_and_cards_escape_and_colour_verdicts():
    conv = _conv()
    conv.loc[0, "reason"] = "<img src=x onerror=alert(1)>"
    table = charts.convergence_table_html(conv)
    assert "<img" not in table and "&lt;img" in table
    assert charts.VERDICT_COLORS["divergent"] in table
    card = charts.verdict_card(conv, issue="kashmir")
    assert "convergent" in card and "+0.55" in card and "9 USA / 7 PAK" in card
    assert "no sentence" in charts.verdict_card(conv, issue="iran")


def test_kwic_html_aligns_and_escapes():
    lines = pd.DataFrame(
        {
            "doc_id": ["a" * 16],
            "sent_id": [3],
            "left": ["the <i>US</i> and "],
            "match": ["Kashmir"],
            "right": [" talks"],
        }
    )
    out = charts.kwic_html(lines)
    assert "<mark>Kashmir</mark>" in out and "&lt;i&gt;US&lt;/i&gt;" in out and "aaaaaaaa#3" in out


def test_the_tables_module_is_what_charts_re_exports():
    for name in tables.__all__:
        assert getattr(charts, name) is getattr(tables, name)


@pytest.mark.parametrize("text", HOSTILE)
def test_highlight_escapes_hostile_text_and_gives_it_back(text):
    out = charts.highlight(f"Pakistan said {text} and welcomed it.", ["welcomed", "<script>"])
    _no_active_markup(out)
    assert "<mark>welcomed</mark>" in out
    assert html.unescape(re.sub(r"</?mark>", "", out)) == f"Pakistan said {text} and welcomed it."


def test_cues_with_regex_and_markup_characters_are_text():
    out = charts.highlight("a (b) c* <i>d</i>", ["(b)", "c*", "<i>"])
    # a cue matches with an inflection ("<i>" marks "<i>d"); its characters are text, never markup
    assert "<mark>(b)</mark>" in out and "<mark>c*</mark>" in out and "<mark>&lt;i&gt;d</mark>" in out
    _no_active_markup(out)


@pytest.mark.parametrize("text", HOSTILE)
def test_evidence_html_escapes_text_titles_and_cues(text):
    ev = _evidence()
    ev["text"] = [text, "The US welcomed cooperation.", "Islamabad may oppose the proposal."]
    ev["title"] = [text, text, text]
    ev["cues"] = [[text], ["welcomed"], ["may oppose"]]
    out = charts.evidence_html(ev)
    _no_active_markup(out)
    assert html.escape(text) in out


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_only_http_links_become_links(url):
    ev = _evidence()
    ev["url"] = [url, url, url]
    ev["title"] = ["A title", "A title", None]
    out = charts.evidence_html(ev)
    _no_active_markup(out)
    assert "<a " not in out and "A title" in out


def test_quotes_in_a_link_cannot_leave_the_attribute():
    ev = _evidence()
    ev["url"] = ['https://example.org/a" onmouseover="alert(1)'] * 3
    out = charts.evidence_html(ev)
    _no_active_markup(out)
    assert 'href="https://example.org/a&quot; onmouseover=&quot;alert(1)"' in out


@pytest.mark.parametrize("text", HOSTILE)
def test_table_html_escapes_cells_columns_and_lists(text):
    frame = pd.DataFrame({text: [text, "plain"], "terms": [[text, "x"], []], "value": [0.5, np.nan]})
    out = charts.table_html(frame)
    _no_active_markup(out)
    assert out.count("<tr>") == 3  # header and two rows
    assert out.count(html.escape(text)) == 3  # column name, cell, list cell
    assert "+0.50" in out


@pytest.mark.parametrize("text", HOSTILE)
def test_verdict_cards_badges_and_convergence_tables_escape(text):
    conv = _conv()
    conv.loc[0, "reason"] = text
    conv.loc[1, "group"] = text
    out = charts.convergence_table_html(conv) + charts.verdict_card(conv) + charts.verdict_badge(text)
    out += charts.verdict_card(conv, issue=text, actors=(text, "PAK"))
    _no_active_markup(out)
    assert html.escape(text) in out


@pytest.mark.parametrize("text", HOSTILE)
def test_kwic_and_position_evidence_escape(text):
    lines = pd.DataFrame(
        {"doc_id": ["a" * 16], "sent_id": [3], "left": [text], "match": [text], "right": [text]}
    )
    _no_active_markup(charts.kwic_html(lines))
    ev = pd.DataFrame(
        {"actor": [text, text], "text": [text, text], "score": [0.4, -0.3],
         "pull_plus": [[text], []], "pull_minus": [[], [text]]}
    )  # fmt: skip
    ev.attrs.update(positive=text, negative=text)
    out = charts.position_evidence_html(ev)
    _no_active_markup(out)
    assert out.count(html.escape(text)) >= 5
