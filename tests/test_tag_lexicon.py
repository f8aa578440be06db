"""Loading and checking the editable data files."""

import pytest
from convergence.tagging import TagDataError, load_actors, load_taxonomy, tag
from convergence.tagging.lexicon import load_relations, load_stance_lexicon
from fixtures.tag.frames import one_doc

SLUGS = [
    "counterterrorism",
    "afghanistan",
    "refugees",
    "kashmir",
    "india",
    "china_cpec",
    "ifis",
    "trade_investment",
    "aid_development",
    "russia_ukraine",
    "israel_palestine",
    "iran",
    "defense",
    "nuclear",
    "democracy_rights",
]


def test_default_taxonomy_has_the_fifteen_slugs():
    tax = load_taxonomy()
    assert tax.slugs == SLUGS
    assert all(a.label and a.patterns for a in tax.areas.values())
    assert "it" in tax.inherit_openers


def test_default_actors_have_the_codes_and_rules():
    act = load_actors()
    for code in ["USA", "PAK", "IND", "CHN", "AFG", "RUS", "UKR", "ISR", "PSE", "IRN", "IMF", "WBG", "UN"]:
        assert code in act.codes
    assert act.iso3["PAK"] == "PAK"
    assert act.publishers["the white house"] == "USA"
    assert "between" in act.rules["prepositions"]
    holders = {n.holder for n in act.names if n.holder}
    assert {"Joe Biden", "Donald Trump", "Asim Munir", "Shehbaz Sharif"} <= holders


def test_stance_and_relation_lexicons_load():
    st = load_stance_lexicon()
    classes = {c.cls for c in st.cues}
    assert {"cooperation", "conflict", "negator", "hedge", "intensifier"} <= classes
    assert all(-1 <= c.weight <= 1 for c in st.cues if c.cls in ("cooperation", "conflict"))
    rel = load_relations()
    assert {c.cls for c in rel.cues} == {"agreement", "disagreement"}


def test_user_taxonomy_renames_and_adds_areas(tmp_path):
    p = tmp_path / "tax.yaml"
    p.write_text(
        "areas:\n"
        "  water:\n    label: Water\n    patterns: [Indus Waters, dam*]\n"
        "  cricket:\n    label: Cricket\n    patterns: [cricket, {pattern: PCB, case: true}]\n",
        encoding="utf-8",
    )
    articles, sentences = one_doc("New dams on the Indus Waters worry Pakistan.", "The PCB met.")
    out = tag(sentences, articles=articles, taxonomy=p, tone=False)
    assert out["issues"].tolist() == [["water"], ["cricket"]]


def test_user_actor_file(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("actors:\n  BGD:\n    label: Bangladesh\n    names: [Bangladesh, Dhaka]\n", encoding="utf-8")
    articles, sentences = one_doc("Dhaka welcomed the plan.")
    out = tag(sentences, articles=articles, actor_file=p, tone=False)
    assert out.loc[0, "actors"] == ["BGD"] and out.loc[0, "holder"] == "BGD"


def test_actors_is_the_deprecated_name_of_actor_file(tmp_path):
    p = tmp_path / "actors.yaml"
    p.write_text("actors:\n  BGD:\n    label: Bangladesh\n    names: [Bangladesh, Dhaka]\n", encoding="utf-8")
    articles, sentences = one_doc("Dhaka welcomed the plan.")
    with pytest.warns(DeprecationWarning, match="actor_file="):
        out = tag(sentences, articles=articles, actors=p, tone=False)
    assert out.loc[0, "actors"] == ["BGD"]
    with pytest.raises(TypeError, match="both actors= and actor_file="):
        tag(sentences, articles=articles, actors=p, actor_file=p, tone=False)


@pytest.mark.parametrize(
    "content, message",
    [
        ("areas: []\n", "non-empty mapping"),
        ("areas:\n  Bad Slug:\n    patterns: [x]\n", "slugs are lower-case"),
        ("areas:\n  a:\n    patterns: []\n", "non-empty 'patterns'"),
        ("areas:\n  a:\n    patterns: ['*']\n", "bad pattern"),
        ("areas:\n  a:\n    patterns: [{pattern: x, colour: red}]\n", "unknown option"),
        ("areas:\n  a:\n    patterns: [{pattern: x, unless: [zzz]}]\n", "unknown area"),
        ("areas: [\n", "cannot read YAML"),
    ],
)
def test_bad_taxonomy_files_raise_clear_errors(tmp_path, content, message):
    p = tmp_path / "t.yaml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(TagDataError, match=message):
        load_taxonomy(p)


def test_missing_file_and_bad_actor_dates(tmp_path):
    with pytest.raises(TagDataError, match="no such file"):
        load_taxonomy(tmp_path / "nope.yaml")
    p = tmp_path / "a.yaml"
    p.write_text(
        "actors:\n  USA:\n    names: [US]\n    office_holders:\n"
        "      - {name: X, patterns: [X], terms: [['01/02/2020', '']]}\n",
        encoding="utf-8",
    )
    with pytest.raises(TagDataError, match="bad date"):
        load_actors(p)


def test_bad_stance_rows(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("cue,weight,class\nsupport,2,cooperation\n", encoding="utf-8")
    with pytest.raises(TagDataError, match=r"in \[-1, 1\]"):
        load_stance_lexicon(p)
    p.write_text("cue,weight,class\nsupport,0.5,friendly\n", encoding="utf-8")
    with pytest.raises(TagDataError, match="class must be"):
        load_stance_lexicon(p)


def test_broad_issue_terms_need_context():
    from convergence.tagging import tag
    from fixtures.tag.frames import one_doc

    def issues(text):
        articles, sentences = one_doc(text, date="2024-01-01")
        return tag(sentences, articles=articles, tone=False).iloc[0]["issues"]

    assert "kashmir" not in issues(
        "Pakistan backs the right to self-determination of the Palestinian people."
    )
    assert "kashmir" in issues("Pakistan backs self-determination for the people of Jammu.")
    assert "aid_development" not in issues("The embassy offered consular assistance to the US citizen.")
    assert "aid_development" in issues("The US pledged economic assistance to Pakistan.")


def test_a_party_name_is_no_issue_of_democracy():
    def issues(*texts):
        articles, sentences = one_doc(*texts, date="2025-04-01")
        return [list(x) for x in tag(sentences, articles=articles, tone=False)["issues"]]

    # a member's party, a party's name, and the sentence after it that would inherit the issue
    got = issues(
        "The minister invited Congressman Suozzi, a Democrat, to visit Pakistan.",
        "Democratic lawmakers and the Social Democratic Party welcomed the talks.",
        "It will help the relationship, he said.",
    )
    assert got == [[], [], []]
    assert "democracy_rights" in issues("The US urged Pakistan to uphold democracy and hold fair polls.")[0]


def test_an_office_title_named_with_another_body_is_that_bodys():
    def actors(text):
        articles, sentences = one_doc(text, date="2024-01-01")
        return tag(sentences, articles=articles, tone=False).iloc[0]["actors"]

    # the title alone, or with its own body, is the UN's
    assert actors("The Secretary-General called for restraint on Monday.") == ["UN"]
    assert actors("U.N. Assistant Secretary-General Jane Roe briefed the council.") == ["UN"]
    assert actors("The secretary general of the United Nations spoke first.") == ["UN"]
    # a speech addressing the holder, and the UN's own name for itself
    assert actors("Mr. Secretary-General, we thank you for your report.") == ["UN"]
    assert actors("We thank the Secretary-General of the Organization for his report.") == ["UN"]
    # another body's secretary-general, before or after the title, is no UN mention
    for text in (
        "The OIC Secretary-General called for restraint on Monday.",
        "The traders' association (ABCA) Secretary General John Doe spoke first.",
        "The minister met the secretary general of the Commonwealth on Tuesday.",
        "He met the Secretary-General of the Organization of Islamic Cooperation.",
        "The Muslim World League Secretary-General visited the capital.",
    ):
        assert "UN" not in actors(text), text


def test_titles_in_a_user_actor_file(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "actors:\n  XYZ:\n    label: X League\n    names: [X League]\n    titles: [Director-General]\n",
        encoding="utf-8",
    )
    found = load_actors(path)
    assert [(n.code, n.title) for n in found.names] == [("XYZ", False), ("XYZ", True)]
    path.write_text("actors:\n  XYZ:\n    titles: Director-General\n", encoding="utf-8")
    with pytest.raises(TagDataError, match="titles"):
        load_actors(path)
