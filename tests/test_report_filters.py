"""Which sentences count: date / publisher / document-type filters, an analyst's corrections by sentence key,
and notebook path parameters that fail in one line naming the absolute path tried."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import convergence as cv
import pandas as pd
import pytest
from convergence.keys import sentence_key
from convergence.measure import MeasureError
from convergence.measure.corrections import apply_corrections, load_corrections
from convergence.measure.filters import filter_sentences
from convergence.report import data as report_data

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES))
import tagged_small  # noqa: E402


@pytest.fixture
def tagged():
    return tagged_small.tables()["tagged"]


def test_date_filters_are_inclusive_and_leave_undated_out(tagged):
    dated = tagged.assign(date=pd.to_datetime(tagged["date"]))
    dated.loc[dated.index[0], "date"] = pd.NaT
    march = filter_sentences(dated, since="2023-03", until="2023-03")
    assert set(march["date"].dt.strftime("%Y-%m")) == {"2023-03"}
    assert march.attrs["filters"]["left_out"] == len(dated) - len(march)
    year = filter_sentences(dated, until=2023)
    assert year["date"].max() < pd.Timestamp("2024-01-01") and year["date"].notna().all()
    assert len(filter_sentences(dated, since="2023-09-02")) == int((dated["date"] >= "2023-09-02").sum())
    with pytest.raises(MeasureError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        filter_sentences(dated, since="March 2023")
    with pytest.raises(MeasureError, match="after until"):
        filter_sentences(dated, since="2024", until="2023")


def test_publisher_and_doc_type_filters(tagged):
    one = filter_sentences(tagged, publisher="capital ledger")
    assert set(one["publisher"]) == {"Capital Ledger"}
    two = filter_sentences(tagged, publisher=["Capital Ledger", "Frontier Daily"], doc_type="NEWS")
    assert set(two["publisher"]) == {"Capital Ledger", "Frontier Daily"}
    assert len(filter_sentences(tagged, doc_type="speech")) == 0
    assert "publisher capital ledger" in one.attrs["filters"]["asked"]  # as asked


def test_corrections_exclude_and_reattribute_and_verdicts_follow(tagged, tmp_path):
    rows = tagged[tagged["issues"].map(lambda c: "counterterrorism" in c) & tagged["holder"].eq("PAK")]
    assert len(rows)
    key_pak = sentence_key(rows["text"].iloc[0])
    usa = tagged[tagged["holder"].eq("USA")]
    key_usa = sentence_key(usa["text"].iloc[0])
    path = tmp_path / "corrections.csv"
    path.write_text(
        "sent_key,action,holder,note\n"
        f"{key_pak},exclude,,misattributed\n"
        f"{key_usa},holder,NONE,a quotation\n"
        "0123456789abcdef,exclude,,matches nothing\n",
        encoding="utf-8",
    )
    fixed = apply_corrections(tagged, path)
    info = fixed.attrs["corrections"]
    assert info == {
        "rows": 3,
        "applied": 2,
        "excluded": 1,
        "reattributed": 1,
        "unmatched": ["0123456789abcdef"],
    }
    assert len(fixed) == len(tagged) - 1
    changed = fixed[fixed["text"] == usa["text"].iloc[0]]
    assert changed["holder"].isna().all() and (changed["holder_source"] == "correction").all()
    assert tagged["holder"].eq("USA").sum() == len(usa)  # the input is not changed
    before = cv.convergence(tagged, issues=["counterterrorism"])
    after = cv.convergence(fixed, issues=["counterterrorism"])
    assert int(after["n_b"].iloc[0]) == int(before["n_b"].iloc[0]) - 1
    yaml_path = tmp_path / "c.yaml"
    yaml_path.write_text(f"corrections:\n  - sent_key: {key_pak}\n", encoding="utf-8")
    assert load_corrections(yaml_path)["action"].tolist() == ["exclude"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("sent_key,action\nxyz,exclude\n", r"c.csv:2: sent_key must be 16 hex"),
        ("sent_key,action\n0123456789abcdef,delete\n", r"c.csv:2: action must be exclude or holder"),
        ("sent_key,action\n0123456789abcdef,holder\n", r"c.csv:2: action holder needs a holder"),
    ],
)
def test_bad_corrections_name_the_file_and_row(tmp_path, text, message):
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MeasureError, match=message):
        load_corrections(path)


def test_a_wrong_notebook_path_is_one_line_naming_the_absolute_path(tmp_path):
    with pytest.raises(FileNotFoundError) as err:
        report_data.load(["no/such/corpus"])
    message = str(err.value)
    assert "\n" not in message and str(ROOT / "no" / "such" / "corpus") in message
    with pytest.raises(FileNotFoundError) as err:
        report_data.load(["seeds"], cache="no/such/_data")
    assert "\n" not in str(err.value) and str(ROOT / "no" / "such" / "_data") in str(err.value)


def test_analyze_takes_the_filters_and_corrections(tmp_path):
    bad = tmp_path / "c.csv"
    bad.write_text("sent_key,action\nnothex,exclude\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "convergence.cli", "analyze", "seeds", "--corrections", str(bad)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert res.returncode == 2 and res.stderr.startswith("convergence: error:") and "c.csv:2" in res.stderr
    res = subprocess.run(
        [sys.executable, "-m", "convergence.cli", "analyze", "seeds", "--since", "2030", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "Filtered: since 2030" in res.stderr
