"""Known facts from the UN General Debate (PAK and USA speeches): needs ../shared/corpora."""

import re
import tarfile
from pathlib import Path

import convergence as cv
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
NAME = re.compile(r"(?:^|/)(PAK|USA)_(\d+)_(\d{4})\.txt$")

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    if not ARCHIVE.is_file():
        pytest.skip(f"corpus absent: {ARCHIVE}")
    dest = tmp_path_factory.mktemp("ungdc")
    with tarfile.open(ARCHIVE, "r:gz") as tar:
        for member in tar:
            if member.isfile() and NAME.search(member.name) and "/._" not in member.name:
                (dest / Path(member.name).name).write_bytes(tar.extractfile(member).read())
    corpus = cv.read_corpus([dest], use_cache=False)  # the shipped file-name patterns know UN speeches
    return cv.tag(corpus)


def test_speaker_is_known_for_every_speech(tagged):
    assert tagged.groupby("doc_speaker")["doc_id"].nunique().to_dict() == {"PAK": 77, "USA": 79}


def test_kashmir_salient_for_pakistan_nearly_absent_for_the_us(tagged):
    sal = cv.salience(tagged, actor=["PAK", "USA"], basis="speaker").set_index(["issue", "actor"])
    pak = sal.loc[("kashmir", "PAK"), "share"]
    usa = sal.loc[("kashmir", "USA"), "share"]
    assert pak >= 0.03  # at least 3% of everything Pakistan said in the General Debate
    assert usa <= 0.01  # under 1% of the US's sentences
    assert pak >= 10 * usa
    by_decade = cv.salience(tagged, by="decade", actor="PAK", basis="speaker")
    kashmir = by_decade[by_decade["issue"] == "kashmir"].set_index("group")["share"]
    ranks = by_decade.groupby("group")["share"].rank(ascending=False)[by_decade["issue"] == "kashmir"]
    assert (kashmir > 0).all()
    assert (ranks <= 5).mean() >= 0.5  # among Pakistan's five most salient issues in most decades


def test_israel_palestine_sharply_divergent(tagged):
    whole = cv.convergence(tagged, issues=["israel_palestine"], n_boot=300).iloc[0]
    assert whole["verdict"] == "divergent", whole["reason"]
    assert whole["index"] <= -0.3
    assert whole["ci_high"] < 0
    assert whole["n_a"] >= 20 and whole["n_b"] >= 20
    decades = cv.convergence(tagged, issues=["israel_palestine"], by="decade", n_boot=200)
    decided = decades[decades["verdict"] != "insufficient"]
    assert len(decided) >= 4
    assert (decided["verdict"] == "divergent").mean() >= 0.6


def test_israel_palestine_whole_period_divergent_from_positions(tagged):
    whole = cv.convergence(tagged, issues=["israel_palestine"], n_boot=300).iloc[0]
    assert whole["verdict"] == "divergent" and whole["ci_high"] < 0, whole["reason"]
    assert whole["verdict_cues"] in ("mixed", "insufficient")  # the cue words alone do not see it
    (dim,) = whole["positions"]
    assert dim["position_PAK"] - dim["position_USA"] > 0.3  # PAK toward "Palestinian rights"
    assert dim["ci_PAK"][0] > dim["ci_USA"][1]  # the intervals do not overlap
    assert "palestinian-rights-israel-security" in whole["reason"]


def test_israel_palestine_by_decade_divergent_from_the_1980s_and_the_2000s_closer(tagged):
    decades = cv.convergence(tagged, issues=["israel_palestine"], by="decade", n_boot=500).set_index("group")
    for decade in ("1980s", "1990s", "2010s", "2020s"):
        assert decades.loc[decade, "verdict"] == "divergent", decades.loc[decade, "reason"]
    # 2000s: Pakistan still toward "Palestinian rights" and the two positions surely differ, but in
    # 2003-2005 the two speeches stood close (docs/methods.md, section 8), so the distance's interval reaches
    # below position_scale and the decade is not settled either way
    row = decades.loc["2000s"]
    (dim,) = row["positions"]
    assert dim["position_PAK"] > dim["position_USA"] and dim["distance_ci"][0] > 0
    assert row["verdict"] != "convergent", row["reason"]
