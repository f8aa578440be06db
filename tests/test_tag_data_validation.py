"""Every mistake in a data file is reported as ``path:line: what is wrong``, before any work starts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import convergence.report.runner as runner
import pytest
from convergence import cli, report
from convergence.measure import MeasureError, load_thresholds
from convergence.measure import _common as measure_common
from convergence.tagging import TagDataError, lexicon
from convergence.tagging.lexicon import (
    load_actors,
    load_relations,
    load_stance_lexicon,
    load_tag_data,
    load_taxonomy,
    read_yaml,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "corpus_small"

ACTORS_OK = "actors:\n  USA:\n    label: United States\n    names: [US]\n  PAK:\n    names: [Pakistan]\n"


def _raises(exc_type, loader, path: Path, line: int, message: str):
    with pytest.raises(exc_type) as info:
        loader(path)
    text = str(info.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert re.search(message, text), text
    return text


TAXONOMY_CASES = [
    # (content, line, message)
    ("areas:\n  a:\n    patterns: [x\n", 3, r"cannot read YAML: .*flow sequence.*\(noticed at line 4\)"),
    ("areas:\n  a:\n    patterns: [x]\n  b\n", 4, r"cannot read YAML"),
    ("areas:\n  a:\n    patterns: [x]\n    colour: red\n", 4, r"unknown key 'colour'"),
    ("areas:\n  a:\n    patterns: [x]\nextras: 1\n", 4, r"unknown key 'extras'"),
    ("areas:\n  a:\n    label: [x]\n    patterns: [x]\n", 3, r"'label' must be a string"),
    ("areas:\n  a:\n    patterns: x\n", 3, r"non-empty 'patterns' list"),
    ("areas:\n  a: 3\n", 2, r"expected a mapping"),
    ("areas:\n  a:\n    patterns:\n      - x\n      - ''\n", 5, r"empty pattern"),
    ("areas:\n  a:\n    patterns:\n      - x\n      - '  '\n", 5, r"empty pattern"),
    ("areas:\n  a:\n    patterns:\n      - x\n      - {pattern: y, case: maybe}\n", 5, r"'case' must be"),
    ("areas:\n  a:\n    patterns: [x]\n  b:\n    patterns: [y]\n  a:\n    patterns: [z]\n", 6,
     r"duplicate key 'a' \(first at line 2\)"),
    ("areas:\n  a:\n    patterns:\n      - x\n      - {pattern: y, unless: [nope]}\n", 5, r"unknown area"),
    ("areas:\n  Bad:\n    patterns: [x]\n", 2, r"slugs are lower-case"),
    ("inherit: {max_chain: two}\nareas:\n  a:\n    patterns: [x]\n", 1, r"max_chain' must be an integer"),
    ("inherit: {topic_share: 2}\nareas:\n  a:\n    patterns: [x]\n", 1, r"topic_share' must be a number"),
    ("- a\n- b\n", 1, r"expected a mapping at the top level"),
]  # fmt: skip


@pytest.mark.parametrize("content, line, message", TAXONOMY_CASES)
def test_taxonomy_mistakes_name_file_and_line(tmp_path, content, line, message):
    p = tmp_path / "taxonomy.yaml"
    p.write_text(content, encoding="utf-8")
    _raises(TagDataError, load_taxonomy, p, line, message)


ACTOR_CASES = [
    (ACTORS_OK + "  USA:\n    names: [America]\n", 7, r"duplicate key 'USA' \(first at line 2\)"),
    (ACTORS_OK + "    flag: green\n", 7, r"unknown key 'flag'"),
    ("actors:\n  USA:\n    names: US\n", 3, r"'names' must be a list"),
    ("actors:\n  USA:\n    names:\n      - US\n      - ''\n", 5, r"empty pattern"),
    ("actors:\n  USA:\n    names: [US]\n    office_holders:\n"
     "      - {name: X, patterns: [X], terms: [[2020-01-01, '']]}\n"
     "      - name: Y\n        patterns: [Y]\n        terms:\n          - [2021-01-01, 2022-01-01]\n"
     "          - ['01/02/2020', '']\n", 10, r"bad date '01/02/2020' \(use YYYY-MM-DD\)"),
    ("actors:\n  USA:\n    names: [US]\n    office_holders:\n"
     "      - {name: X, patterns: [X], terms: [[2020-01-01, 2019-01-01]]}\n", 5, r"ends .* before it starts"),
    (ACTORS_OK + "transcripts:\n  question: ['^Q\\b']\n  answer:\n    - '^[A-Z]+:'\n    - '^(MS|MR\\.'\n",
     11, r"bad regular expression .*missing \), unterminated subpattern"),
    (ACTORS_OK + "speakers:\n  publishers:\n    The White House: USA\n    Dawn: PKA\n", 10,
     r"'Dawn' maps to unknown actor code 'PKA'"),
    (ACTORS_OK + "doc_aliases:\n  IMF: [the fund]\n", 8, r"doc_aliases: unknown actor code 'IMF'"),
    (ACTORS_OK + "holder_rules:\n  carryover: it\n", 8, r"holder_rules.carryover must be a list"),
    (ACTORS_OK + "holder_rules:\n  carry_over: [it]\n", 8, r"unknown key 'carry_over'"),
    ("actors:\n  usa:\n    names: [US]\n", 2, r"codes are upper-case"),
]  # fmt: skip


@pytest.mark.parametrize("content, line, message", ACTOR_CASES)
def test_actor_mistakes_name_file_and_line(tmp_path, content, line, message):
    p = tmp_path / "actors.yaml"
    p.write_text(content, encoding="utf-8")
    _raises(TagDataError, load_actors, p, line, message)


STANCE_CASES = [
    ("# comment\n\ncue,weight,class\nsupport,0.5,cooperation\noppose,abc,conflict\n", 5,
     r"weight of 'oppose' must be a number, got 'abc'"),
    ("cue,weight,class\n# a comment line\nsupport,2,cooperation\n", 3, r"must be in \[-1, 1\], got 2.0"),
    ("cue,weight,class\nsupport,nan,cooperation\n", 2, r"must be a number, got 'nan'"),
    ("cue,weight,class\nsupport,0.5,cooperation\n\n\nwarm,0.5,friendly\n", 5,
     r"class must be one of .*got 'friendly'"),
    ("cue,weight,class\n  ,0.5,cooperation\n", 2, r"empty cue"),
    ("cue,weight,class\nsupport,0.5\n", 2, r"expected 3 fields"),
    ("cue,weight,class\nsupport,0.5,cooperation\nSupport,0.6,cooperation\n", 3,
     r"listed twice \(first at line 2\)"),
    ("# only comments\nword,score\nsupport,0.5\n", 2, r"needs a header row with cue, weight, class"),
]  # fmt: skip


@pytest.mark.parametrize("content, line, message", STANCE_CASES)
def test_stance_mistakes_name_file_and_line(tmp_path, content, line, message):
    p = tmp_path / "stance.csv"
    p.write_text(content, encoding="utf-8")
    _raises(TagDataError, load_stance_lexicon, p, line, message)


RELATION_CASES = [
    ("agreement:\n  common ground: 0.8\n  both sides: 1.5\n", 3, r"'both sides' must be in \[-1, 1\]"),
    ("agreement:\n  common ground: high\n", 2, r"must be a number, got 'high'"),
    ("agreement:\n  common ground: .nan\n", 2, r"must be a number"),
    ("agreement:\n  agree: 0.5\ndisagreement:\n  whereas: -0.5\n  whereas: -0.6\n", 5, r"duplicate key"),
    ("agreement:\n  agree: 0.5\ndisagree:\n  x: -1\n", 3, r"unknown key 'disagree'"),
    ("agreement: [agree]\n", 1, r"'agreement' \(cue -> weight\) must be a mapping"),
]  # fmt: skip


@pytest.mark.parametrize("content, line, message", RELATION_CASES)
def test_relation_mistakes_name_file_and_line(tmp_path, content, line, message):
    p = tmp_path / "relations.yaml"
    p.write_text(content, encoding="utf-8")
    _raises(TagDataError, load_relations, p, line, message)


THRESHOLD_CASES = [
    ("threshold: 0.2\nmin_units: two\n", 2, r"threshold 'min_units' must be a number, got 'two'"),
    ("threshold: 0.2\nthreshhold: 0.3\n", 2, r"unknown threshold\(s\) threshhold"),
    ("threshold: 0.2\n  ci: [\n", 2, r"not valid YAML"),
    ("threshold: 0.2\nci: 0.9\nthreshold: 0.3\n", 3, r"duplicate key 'threshold' \(first at line 1\)"),
    ("ci: 0.9\nweights: {gap: 1, relation: lots}\n", 2, r"component weight 'relation' must be a number"),
    ("ci: 0.9\nrelation_pair_check: yes please\n", 2, r"must be true or false"),
    ("ci: 0.9\nthreshold: 2\n", 2, r"threshold must lie in \[0, 1\]"),
    ("ci: 0.9\nmin_units: 1.5\n", 2, r"'min_units' must be a number"),
]  # fmt: skip


@pytest.mark.parametrize("content, line, message", THRESHOLD_CASES)
def test_threshold_mistakes_name_file_and_line(tmp_path, content, line, message):
    p = tmp_path / "thresholds.yaml"
    p.write_text(content, encoding="utf-8")
    _raises(MeasureError, load_thresholds, p, line, message)


def test_shipped_files_load_and_lines_are_recorded():
    data = load_tag_data()
    assert set(data) == {"taxonomy", "actors", "stance_lexicon", "relations"}
    assert load_thresholds()["threshold"] >= 0
    raw = read_yaml(lexicon.DATA_DIR / "taxonomy.yaml")
    text = (lexicon.DATA_DIR / "taxonomy.yaml").read_text(encoding="utf-8").splitlines()
    areas = raw["areas"]
    for slug in areas:
        assert text[areas.lines[slug] - 1].strip().startswith(f"{slug}:")
    pats = areas["kashmir"]["patterns"]
    assert all(
        pats[i].split("*")[0] in text[pats.lines[i] - 1] for i in range(len(pats)) if isinstance(pats[i], str)
    )


def test_binary_and_non_utf8_files_are_clear_errors(tmp_path):
    p = tmp_path / "taxonomy.yaml"
    p.write_bytes(b"areas:\n  a:\n    patterns: [caf\xe9]\n")
    with pytest.raises(TagDataError, match=r"taxonomy.yaml: cannot read YAML: the taxonomy is not UTF-8"):
        load_taxonomy(p)
    s = tmp_path / "stance.csv"
    s.write_bytes(b"cue,weight,class\ncaf\xe9,0.5,cooperation\n")
    with pytest.raises(TagDataError, match="not UTF-8"):
        load_stance_lexicon(s)


# ------------------------------------------------------------------------------------------- fail fast


@pytest.fixture
def no_parse(monkeypatch):
    calls = []
    monkeypatch.setattr(
        runner.report_data, "prepare", lambda *a, **k: calls.append(a) or pytest.fail("parsed")
    )
    monkeypatch.setattr(runner, "hash_inputs", lambda *a, **k: calls.append(a) or pytest.fail("hashed"))
    return calls


def test_run_report_checks_user_data_files_before_reading_the_corpus(tmp_path, no_parse):
    bad = tmp_path / "taxonomy.yaml"
    bad.write_text("areas:\n  a:\n    patterns: [x]\n  a:\n    patterns: [y]\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(TagDataError, match=rf"^{re.escape(str(bad))}:4: .*duplicate key 'a'"):
        report.run_report([CORPUS], out=out, taxonomy=bad, quiet=True)
    actors = tmp_path / "actors.yaml"
    actors.write_text(ACTORS_OK + "speakers:\n  publishers:\n    Dawn: XXX\n", encoding="utf-8")
    with pytest.raises(TagDataError, match=rf"^{re.escape(str(actors))}:9: .*unknown actor code 'XXX'"):
        report.run_report([CORPUS], out=out, actor_file=actors, quiet=True)
    assert no_parse == [] and not out.exists()


def test_run_report_checks_the_shipped_files_too(tmp_path, monkeypatch, no_parse):
    data = tmp_path / "data"
    shutil.copytree(lexicon.DATA_DIR, data)
    shipped = (data / "stance.csv").read_text(encoding="utf-8")
    (data / "stance.csv").write_text(shipped + "befriend,0.5,frendly\n", encoding="utf-8")
    n = len((data / "stance.csv").read_text(encoding="utf-8").splitlines())
    monkeypatch.setattr(lexicon, "DATA_DIR", data)
    with pytest.raises(TagDataError, match=rf"stance.csv:{n}: class must be one of"):
        report.run_report([CORPUS], out=tmp_path / "out", quiet=True)
    thresholds = tmp_path / "thresholds.yaml"
    lines = (data / "thresholds.yaml").read_text(encoding="utf-8").splitlines()
    ci_line = next(i for i, ln in enumerate(lines, start=1) if ln.startswith("ci:"))
    lines[ci_line - 1] = "ci: lots"
    thresholds.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (data / "stance.csv").write_text(shipped, encoding="utf-8")
    monkeypatch.setattr(measure_common, "_default_thresholds_path", lambda: thresholds)
    with pytest.raises(MeasureError, match=rf"thresholds.yaml:{ci_line}: threshold 'ci' must be a number"):
        report.run_report([CORPUS], out=tmp_path / "out", quiet=True)
    assert no_parse == [] and not (tmp_path / "out").exists()


def test_cli_prints_file_and_line_and_exits_2(tmp_path, monkeypatch, capsys, no_parse):
    data = tmp_path / "data"
    shutil.copytree(lexicon.DATA_DIR, data)
    tax = (data / "taxonomy.yaml").read_text(encoding="utf-8")
    (data / "taxonomy.yaml").write_text(tax + "  kashmir:\n    patterns: [Kashmir]\n", encoding="utf-8")
    line = len(tax.splitlines()) + 1
    monkeypatch.setattr(lexicon, "DATA_DIR", data)
    code = cli.main(["report", str(CORPUS), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        f"convergence: error: {data / 'taxonomy.yaml'}:{line}: " in err and "duplicate key 'kashmir'" in err
    )
    assert no_parse == []


def test_anchors_and_merge_keys_still_work(tmp_path):
    p = tmp_path / "relations.yaml"
    p.write_text(
        "base: &b {agree: 0.5, align: 0.4}\nagreement:\n  <<: *b\n  agree: 0.7\n"
        "disagreement: {whereas: -0.5}\n",
        encoding="utf-8",
    )
    with pytest.raises(TagDataError, match=r"relations.yaml:1: relation cues: unknown key 'base'"):
        load_relations(p)
    raw = read_yaml(p)
    assert raw["agreement"] == {"agree": 0.7, "align": 0.4} and raw["agreement"].lines["agree"] == 4
