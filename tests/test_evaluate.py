"""Scoring against hand labels (convergence.evaluate) and the shipped hand labels."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pandas as pd
import pytest
from convergence.evaluate import (
    ValidationError,
    issue_curve,
    load_holder_labels,
    load_labels,
    score_holders,
    score_issue_tags,
    score_verdicts,
    sentence_key,
    wilson,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
DAWN = SHARED / "corpora" / "dawn_app_2025_sample.jsonl.gz"

ISSUES = {
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
}
HOLDERS = {"USA", "PAK", "IND", "CHN", "AFG", "RUS", "UKR", "ISR", "PSE", "IRN", "IMF", "WBG", "UN", "NONE"}


# ---------------------------------------------------------------------------------------------- keys


def test_sentence_key_normalises_case_punctuation_and_soft_hyphens():
    expected = hashlib.sha1(b"the us said it s committed").hexdigest()[:16]
    assert sentence_key("The US said it’s committed.") == expected
    assert sentence_key("  the US said -- it's  COMMITTED!! ") == expected
    assert sentence_key("The US said it\u2019s com\u00admitted.") == expected
    assert sentence_key("The US said it is committed.") != expected


def test_sentence_key_rejects_non_text():
    with pytest.raises(TypeError, match="string"):
        sentence_key(None)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- loading

LABELS_YAML = """
articles:
  - link: https://example.org/a/
    issues: [counterterrorism, trade_investment]
    verdicts: {counterterrorism: convergent, trade_investment: insufficient}
    notes: {counterterrorism: joint dialogue}
  - link: https://example.org/b
    issues: [iran]
    verdicts: {iran: divergent}
  - link: https://example.org/c
    issues: []
    verdicts: {}
"""


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_load_labels_one_row_per_article_issue(tmp_path):
    labels = load_labels(_write(tmp_path, "l.yaml", LABELS_YAML))
    assert list(labels.columns[:4]) == ["link", "issue", "verdict", "note"]
    assert len(labels) == 4
    assert labels["link"].iloc[0] == "https://example.org/a"  # trailing slash dropped
    empty = labels[labels["link"] == "https://example.org/c"]
    assert empty["issue"].isna().all()
    assert labels.set_index("issue").loc["counterterrorism", "note"] == "joint dialogue"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("articles: []", "non-empty list"),
        ("articles:\n  - issues: []\n", "needs a 'link'"),
        ("articles:\n  - link: x\n    issues: [iran]\n    verdicts: {iran: agree}\n", "not one of"),
        ("articles:\n  - link: x\n    issues: [iran]\n    verdicts: {}\n", "cover exactly"),
        ("articles:\n  - link: x\n  - link: x/\n", "labelled twice"),
        ("articles: [unclosed", "not valid YAML"),
    ],
)
def test_load_labels_rejects_bad_files(tmp_path, text, message):
    with pytest.raises(ValidationError, match=message):
        load_labels(_write(tmp_path, "bad.yaml", text))


def test_load_labels_missing_file(tmp_path):
    with pytest.raises(ValidationError, match="cannot read"):
        load_labels(tmp_path / "nope.yaml")


def test_load_holder_labels_checks_keys_and_duplicates(tmp_path):
    good = "link,sent_key,holder\nhttps://x/,0123456789abcdef,usa\n"
    frame = load_holder_labels(_write(tmp_path, "h.csv", good))
    assert frame.to_dict("records") == [
        {"link": "https://x", "sent_key": "0123456789abcdef", "holder": "USA"}
    ]
    with pytest.raises(ValidationError, match="bad sent_key"):
        load_holder_labels(_write(tmp_path, "h2.csv", "link,sent_key,holder\nx,xyz,USA\n"))
    dup = "link,sent_key,holder\nx,0123456789abcdef,USA\nx,0123456789abcdef,PAK\n"
    with pytest.raises(ValidationError, match="duplicate"):
        load_holder_labels(_write(tmp_path, "h3.csv", dup))
    with pytest.raises(ValidationError, match="lack column"):
        load_holder_labels(_write(tmp_path, "h4.csv", "link,holder\nx,USA\n"))


# ---------------------------------------------------------------------------------------------- frames


def _tagged():
    """Two articles: a (4 sentences) and b (2 sentences); d is a tagged article nobody labelled."""
    rows = [
        # doc, url, sent_id, text, issues, holder
        ("da", "https://example.org/a", 0, "The US praised Pakistan.", ["counterterrorism"], "USA"),
        ("da", "https://example.org/a", 1, "Pakistan thanked the US.", ["counterterrorism"], "PAK"),
        ("da", "https://example.org/a", 2, "Trade came up once.", ["trade_investment"], None),
        ("da", "https://example.org/a", 3, "Iran was named.", ["iran"], "IRN"),
        ("db", "https://example.org/b", 0, "Tehran condemned it.", ["iran", "nuclear"], "IRN"),
        ("db", "https://example.org/b", 1, "Islamabad objected.", ["nuclear"], "PAK"),
        ("dd", "https://example.org/d", 0, "Nothing here.", [], None),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "url", "sent_id", "text", "issues", "holder"])


def _labels(tmp_path):
    return load_labels(_write(tmp_path, "l.yaml", LABELS_YAML))


def test_score_issue_tags_counts_by_threshold(tmp_path):
    tagged, labels = _tagged(), _labels(tmp_path)
    one = score_issue_tags(tagged, labels, min_sentences=1)
    # a: gold {ct, trade}, pred {ct, trade, iran}; b: gold {iran}, pred {iran, nuclear}; c: not in tagged
    assert one["micro"]["tp"] == 3 and one["micro"]["fp"] == 2 and one["micro"]["fn"] == 0
    assert one["micro"]["precision"] == pytest.approx(3 / 5)
    assert one["micro"]["recall"] == pytest.approx(1.0)
    assert one["unmatched"] == ["https://example.org/c"]
    assert one["n_articles"] == 2
    two = score_issue_tags(tagged, labels, min_sentences=2)
    # a: pred {ct}; b: pred {} (iran once, nuclear twice -> nuclear)
    assert (two["micro"]["tp"], two["micro"]["fp"], two["micro"]["fn"]) == (1, 1, 2)
    per = two["per_issue"].set_index("issue")
    assert per.loc["counterterrorism", "f1"] == pytest.approx(1.0)
    assert per.loc["iran", "recall"] == 0.0
    assert per.loc["nuclear", "fp"] == 1 and math.isnan(per.loc["nuclear", "recall"])
    art = two["articles"].set_index("link")
    assert art.loc["https://example.org/a", "missed"] == ["trade_investment"]
    curve = issue_curve(tagged, labels, thresholds=(1, 2, 3))
    assert list(curve["min_sentences"]) == [1, 2, 3]
    assert curve["recall"].is_monotonic_decreasing


def test_score_issue_tags_inherited_sources_filter(tmp_path):
    tagged = _tagged()
    tagged["issue_source"] = ["matched", "inherited", "matched", "matched", "matched", "matched", ""]
    res = score_issue_tags(tagged, _labels(tmp_path), min_sentences=2, sources=("matched",))
    assert (
        "counterterrorism" not in res["articles"].set_index("link").loc["https://example.org/a", "predicted"]
    )


def test_score_issue_tags_bad_input(tmp_path):
    with pytest.raises(ValidationError, match="no article url"):
        score_issue_tags(_tagged().drop(columns="url"), _labels(tmp_path))
    with pytest.raises(ValidationError, match="lacks column"):
        score_issue_tags(_tagged().drop(columns="issues"), _labels(tmp_path))
    linked = _tagged().rename(columns={"url": "link"})
    assert score_issue_tags(linked, _labels(tmp_path))["n_articles"] == 2
    with pytest.raises(ValidationError, match=">= 1"):
        score_issue_tags(_tagged(), _labels(tmp_path), min_sentences=0)


def test_score_holders_matches_by_key(tmp_path):
    tagged = _tagged()
    holder_csv = "link,sent_key,holder\n" + "\n".join(
        [
            f"https://example.org/a,{sentence_key('The US praised Pakistan!')},USA",  # right
            f"https://example.org/a,{sentence_key('Pakistan thanked the US.')},USA",  # wrong (PAK)
            f"https://example.org/a,{sentence_key('Trade came up once.')},NONE",  # None counts as NONE
            f"https://example.org/b,{sentence_key('Islamabad objected.')},PAK",  # right
            f"https://example.org/b,{sentence_key('A sentence the tagger never saw.')},USA",  # unmatched
        ]
    )
    labels = load_holder_labels(_write(tmp_path, "h.csv", holder_csv + "\n"))
    before = tagged.copy()
    res = score_holders(tagged, labels)
    pd.testing.assert_frame_equal(tagged, before)  # input untouched
    assert (res["n_labels"], res["n_matched"]) == (5, 4)
    assert res["coverage"] == pytest.approx(0.8)
    assert res["accuracy"] == pytest.approx(0.75)
    assert res["accuracy_ci"][0] < 0.75 < res["accuracy_ci"][1]
    assert res["baseline_majority"] == pytest.approx(0.5)  # USA is gold on 2 of the 4 matched
    assert res["confusion"].loc["USA", "PAK"] == 1
    assert res["confusion"].loc["NONE", "NONE"] == 1
    assert len(res["unmatched"]) == 1
    per = res["per_holder"].set_index("holder")
    assert per.loc["USA", "recall"] == pytest.approx(0.5)
    assert per.loc["PAK", "precision"] == pytest.approx(0.5)


def test_score_verdicts_with_given_measure(tmp_path):
    tagged, labels = _tagged(), _labels(tmp_path)
    measured = pd.DataFrame(
        [
            {
                "issue": "counterterrorism",
                "group": "da",
                "verdict": "convergent",
                "index": 0.8,
                "reason": "r",
            },
            {
                "issue": "trade_investment",
                "group": "da",
                "verdict": "divergent",
                "index": -0.4,
                "reason": "r",
            },
            {"issue": "nuclear", "group": "db", "verdict": "divergent", "index": -0.5, "reason": "r"},
        ]
    )
    res = score_verdicts(tagged, labels, measured=measured)
    rows = res["rows"].set_index(["link", "issue"])
    assert (
        rows.loc[("https://example.org/b", "iran"), "predicted"] == "insufficient"
    )  # no row -> insufficient
    assert res["n"] == 3 and res["unmatched"] == []
    assert res["accuracy"] == pytest.approx(1 / 3)
    assert res["baseline_insufficient"] == pytest.approx(1 / 3)
    assert res["n_sufficient"] == 2 and res["accuracy_sufficient"] == pytest.approx(0.5)
    assert res["n_both_sufficient"] == 1 and res["accuracy_both_sufficient"] == pytest.approx(1.0)
    conf = res["confusion"]
    assert conf.loc["insufficient", "divergent"] == 1 and conf.loc["divergent", "insufficient"] == 1
    assert int(conf.to_numpy().sum()) == 3


def test_score_verdicts_runs_the_convergence_measure(tmp_path):
    rows = [
        (
            "da",
            "https://example.org/a",
            0,
            "The US praised Pakistan.",
            ["counterterrorism"],
            "USA",
            ["PAK"],
            0.8,
        ),
        (
            "da",
            "https://example.org/a",
            1,
            "Pakistan thanked the US.",
            ["counterterrorism"],
            "PAK",
            ["USA"],
            0.7,
        ),
        (
            "da",
            "https://example.org/a",
            2,
            "Pakistan welcomed US help.",
            ["counterterrorism"],
            "PAK",
            ["USA"],
            0.6,
        ),
        ("db", "https://example.org/b", 0, "Pakistan condemned the strike.", ["iran"], "PAK", ["USA"], -0.8),
        ("db", "https://example.org/b", 1, "The US rejected that view.", ["iran"], "USA", ["PAK"], -0.7),
        ("db", "https://example.org/b", 2, "The US rejected it again.", ["iran"], "USA", ["PAK"], -0.7),
        ("dx", "https://example.org/x", 0, "Unlabelled article.", ["iran"], "USA", ["PAK"], 0.9),
    ]
    cols = ["doc_id", "url", "sent_id", "text", "issues", "holder", "targets", "stance"]
    tagged = pd.DataFrame(rows, columns=cols).assign(relation=0.0)
    res = score_verdicts(tagged, _labels(tmp_path), n_boot=50)
    got = res["rows"].set_index(["link", "issue"])["predicted"].to_dict()
    assert got == {
        ("https://example.org/a", "counterterrorism"): "convergent",
        ("https://example.org/a", "trade_investment"): "insufficient",  # never tagged: no row
        ("https://example.org/b", "iran"): "divergent",
    }
    assert res["accuracy"] == pytest.approx(1.0)
    assert res["n"] == 3 and res["unmatched"] == []  # c has no labelled issue, so no verdict item


def test_wilson_interval():
    lo, hi = wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-3) and hi == pytest.approx(0.9433, abs=1e-3)
    assert wilson(0, 5)[0] == 0.0 and wilson(5, 5)[1] == 1.0
    assert all(math.isnan(x) for x in wilson(0, 0))


def test_score_verdicts_rejects_bad_measure(tmp_path):
    with pytest.raises(ValidationError, match="measured frame lacks"):
        score_verdicts(_tagged(), _labels(tmp_path), measured=pd.DataFrame({"issue": []}))


# ------------------------------------------------------------------------------------------- shipped labels


def test_shipped_labels_are_complete_and_consistent():
    labels = load_labels(DATA / "dawn_labels.yaml")
    holders = load_holder_labels(DATA / "dawn_holders.csv")
    links = set(labels["link"])
    assert len(links) >= 30
    assert len(holders) >= 150
    assert set(labels["issue"].dropna()) <= ISSUES
    assert set(holders["holder"]) <= HOLDERS
    assert set(holders["link"]) <= links
    assert holders.groupby("link").size().min() >= 4
    # labels name articles by link and hold no article text: only the documented columns
    assert list(holders.columns) == ["link", "sent_key", "holder"]
    assert set(labels.columns) <= {
        "link",
        "issue",
        "verdict",
        "note",
        "source",
        "stratum",
        "doc_type",
        "main_issue",
    }
    assert set(labels["source"]) == {"Dawn", "APP"}


# ---------------------------------------------------------------------------------------------- real data


@pytest.mark.corpora
def test_real_pipeline_scores_every_labelled_item():
    if not DAWN.is_file():
        pytest.skip("../shared/corpora is absent")
    import gzip
    import json

    from convergence import read_corpus, tag

    labels, holders = load_labels(DATA / "dawn_labels.yaml"), load_holder_labels(DATA / "dawn_holders.csv")
    wanted = set(labels["link"])
    # Only the labelled articles: a small JSONL written to a temp folder keeps the test fast.
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, gzip.open(DAWN, "rt", encoding="utf-8") as fh:
        subset = [line for line in fh if json.loads(line)["link"].rstrip("/") in wanted]
        path = Path(tmp) / "labelled.jsonl"
        path.write_text("".join(subset), encoding="utf-8")
        tagged = tag(read_corpus(path))
    issues = score_issue_tags(tagged, labels)
    assert issues["unmatched"] == [] and issues["n_articles"] == len(wanted)
    hold = score_holders(tagged, holders)
    assert hold["n_labels"] == len(holders)
    verdicts = score_verdicts(tagged, labels)
    assert verdicts["n"] == int(labels["issue"].notna().sum())
    # Floors a little under the levels measured on 2026-11-23 (see the constants below).
    assert hold["coverage"] >= 0.95
    assert issues["micro"]["f1"] >= FLOOR_ISSUE_F1
    assert hold["accuracy"] >= FLOOR_HOLDER_ACC
    assert verdicts["accuracy"] >= FLOOR_VERDICT_ACC


# Measured with bench/validate_dawn.py on 2026-11-23 13:42 UTC: issue micro F1 0.748, holder accuracy
# 0.650, verdict accuracy 0.713. The floors sit about 0.1 below, so they catch regressions, not noise.
FLOOR_ISSUE_F1 = 0.65
FLOOR_HOLDER_ACC = 0.55
FLOOR_VERDICT_ACC = 0.60
