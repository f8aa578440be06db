"""Unknown actor codes and issue slugs are errors naming the closest valid ones; data files can be listed."""

from pathlib import Path

import convergence as cv
import pandas as pd
import pytest
from convergence.cli import main
from convergence.errors import ConvergenceError
from convergence.tagging.codes import UnknownCodeError, check_actor_codes, check_issue_slugs
from fixtures.measure.frames import tagged_small

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _error(capsys) -> str:
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("convergence: error: "), lines
    return lines[0]


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--actors", "USA,PAKI"], "unknown actor 'PAKI'; did you mean PAK?"),
        (["--actors", "US,PK"], "unknown actor 'PK'; did you mean PAK?"),
        (["--issues", "kashmr"], "unknown issue 'kashmr'; did you mean kashmir?"),
        (["--issues", "kashmir,afgan"], "unknown issue 'afgan'; did you mean afghanistan?"),
    ],
)
def test_analyze_typos_are_errors_before_any_work(argv, expected, capsys, monkeypatch):
    def never(*a, **k):
        raise AssertionError("the corpus was read although the options were wrong")

    monkeypatch.setattr(cv, "tag_files", never)
    assert main(["analyze", str(SEEDS), *argv]) == 2
    assert expected in _error(capsys)


def test_us_suggests_usa(capsys):
    assert main(["analyze", str(SEEDS), "--actors", "US,PAK"]) == 2
    assert "unknown actor 'US'; did you mean USA" in _error(capsys)


def test_report_typos_leave_no_output_folder(tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", str(SEEDS), "--out", str(out), "--issues", "kashmr"]) == 2
    assert "did you mean kashmir?" in _error(capsys)
    assert main(["report", str(SEEDS), "--out", str(out), "--actors", "USA,PAKI"]) == 2
    assert "did you mean PAK?" in _error(capsys)
    assert not out.exists()


def test_own_actor_file_defines_the_codes(tmp_path, capsys):
    mine = tmp_path / "actors.yaml"
    text = (ROOT / "lib/convergence/data/actors.yaml").read_text(encoding="utf-8")
    text = text.replace("\n  PAK:\n", "\n  PAKI:\n").replace(": PAK\n", ": PAKI\n")
    mine.write_text(text, encoding="utf-8")
    assert check_actor_codes("USA,PAKI", actor_file=mine) == ["USA", "PAKI"]
    with pytest.raises(UnknownCodeError, match="unknown actor 'PAK'; did you mean PAKI"):
        check_actor_codes(["PAK"], actor_file=mine)


def test_checks_return_the_codes_and_raise_the_base_error():
    assert check_issue_slugs("kashmir, iran") == ["kashmir", "iran"]
    with pytest.raises(ConvergenceError):
        check_issue_slugs(["Kashmir"])
    with pytest.raises(UnknownCodeError, match="did you mean PAK"):
        check_actor_codes(["Pakistan"])


def test_measures_check_codes_on_entry():
    tagged = tagged_small()
    fra = tagged[tagged["holder"] == "USA"].copy()
    fra["holder"] = "FRA"  # as a UN speech's ISO3 country code would be
    tagged = pd.concat([tagged, fra], ignore_index=True)
    with pytest.raises(UnknownCodeError, match="unknown actor 'PAKI'; did you mean PAK"):
        cv.convergence(tagged, actors=("USA", "PAKI"), n_boot=10)
    with pytest.raises(UnknownCodeError, match="did you mean kashmir"):
        cv.convergence(tagged, actors=("USA", "PAK"), issues=["kashmr"], n_boot=10)
    with pytest.raises(UnknownCodeError, match="did you mean kashmir"):
        cv.keyness(tagged, issue="kashmr", actors=("USA", "PAK"))
    # A code the tagged table carries (a UN speech's ISO3 country) is not a typo.
    table = cv.convergence(tagged, actors=("FRA", "USA"), n_boot=10)
    assert len(table) > 0
    # A valid slug no sentence carries is still an insufficient row.
    table = cv.convergence(tagged, actors=("USA", "PAK"), issues=["nuclear"], n_boot=10)
    assert table["verdict"].tolist() == ["insufficient"]


def test_actors_and_issues_commands_list_the_data_files(capsys):
    assert main(["actors"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["code", "name", "patterns"]
    rows = {ln.split()[0]: ln for ln in out[1:]}
    assert {"USA", "PAK", "IND", "CHN"} <= set(rows) and "Pakistan" in rows["PAK"]
    assert main(["issues"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["slug", "label"]
    slugs = [ln.split()[0] for ln in out[1:]]
    assert "kashmir" in slugs and "china_cpec" in slugs
    assert len(slugs) == len(cv.load_taxonomy().areas)


def test_listing_an_own_taxonomy(tmp_path, capsys):
    mine = tmp_path / "tax.yaml"
    mine.write_text(
        "areas:\n  water:\n    label: Water sharing\n    patterns: [river, dam]\n", encoding="utf-8"
    )
    assert main(["issues", "--taxonomy", str(mine)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split()[0] for ln in lines[1:]] == ["water"] and "Water sharing" in lines[1]
