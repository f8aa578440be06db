"""bench/baseline.py (the obvious implementation the project is measured against) and bench_pipeline.py.

Always-on tests use two invented speeches in tests/fixtures/bench; one corpora test runs the baseline on
every 64th file of ../shared/corpora/UNGDC_1946-2024.tgz (skipped when the folder is absent).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
FIXTURE = ROOT / "tests" / "fixtures" / "bench"
UNGDC = ROOT.parent / "shared" / "corpora" / "UNGDC_1946-2024.tgz"

sys.path.insert(0, str(BENCH))
import baseline  # noqa: E402
import bench_pipeline  # noqa: E402

sys.path.remove(str(BENCH))


@pytest.fixture(scope="module")
def patterns():
    return baseline.keyword_patterns()


@pytest.fixture(scope="module")
def result(patterns):
    return baseline.run_baseline(FIXTURE, patterns=patterns)


def _sentence(scored, file, sent_id):
    row = scored[(scored["file"] == file) & (scored["sent_id"] == sent_id)]
    assert len(row) == 1
    return row.iloc[0]


def _fixture_archive(tmp_path: Path) -> Path:
    path = tmp_path / "speeches.tgz"
    with tarfile.open(path, "w:gz") as tar:
        for f in sorted(FIXTURE.glob("*.txt")):
            tar.add(f, arcname=f"TXT/Session 70 - 2015/{f.name}")
        tar.add(FIXTURE / "README.md", arcname="README.md")  # not a speech: left out
    return path


def test_read_speeches_takes_metadata_from_the_file_name():
    docs = baseline.read_speeches(FIXTURE)
    assert list(docs.columns) == ["file", "country", "session", "year", "text"]
    assert docs["file"].tolist() == ["PAK_70_2015.txt", "USA_70_2015.txt"]
    assert docs["country"].tolist() == ["PAK", "USA"]
    assert docs["session"].tolist() == [70, 70]
    assert docs["year"].tolist() == [2015, 2015]
    assert docs["text"].str.startswith("Mr. President").iloc[0]


def test_read_speeches_from_an_archive_equals_the_folder(tmp_path):
    from_dir = baseline.read_speeches(FIXTURE)
    from_tar = baseline.read_speeches(_fixture_archive(tmp_path))
    assert from_tar["country"].tolist() == from_dir["country"].tolist()
    assert from_tar["text"].tolist() == from_dir["text"].tolist()
    assert from_tar["file"].str.endswith("PAK_70_2015.txt").iloc[0]
    assert baseline.read_speeches(_fixture_archive(tmp_path), every=2)["country"].tolist() == ["PAK"]


def test_read_speeches_bad_input():
    with pytest.raises(FileNotFoundError, match="no such archive or folder"):
        baseline.read_speeches(FIXTURE / "missing.tgz")
    with pytest.raises(ValueError, match="positive integer"):
        baseline.read_speeches(FIXTURE, every=0)


def test_punkt_splits_each_document(result):
    scored = result["scored"]
    assert result["sentences"] == len(scored) == 10
    assert scored.groupby("file")["sent_id"].max().tolist() == [4, 4]
    # "Mr." does not end a sentence
    assert _sentence(scored, "USA_70_2015.txt", 0)["sentence"] == "Thank you, Mr. President."


def test_keyword_patterns_come_from_the_project_data_files(patterns):
    from convergence.tagging.lexicon import load_actors, load_taxonomy

    assert set(patterns["issues"]) == set(load_taxonomy().areas)
    assert {"PAK", "USA"} <= set(patterns["actors"]) <= set(load_actors().codes)
    assert all(r.startswith(r"\b") for r, _ in patterns["issues"]["counterterrorism"])


def test_issues_and_actors_are_found(result):
    scored = result["scored"]
    first = _sentence(scored, "PAK_70_2015.txt", 1)
    assert first["issues"] == ["counterterrorism"]
    assert first["actors"] == ["PAK"]
    assert any(t.startswith("counterterrorism:") for t in first["issue_terms"])
    both = _sentence(scored, "USA_70_2015.txt", 1)
    assert sorted(both["actors"]) == ["PAK", "USA"]
    assert _sentence(scored, "PAK_70_2015.txt", 3)["issues"] == ["kashmir"]
    assert _sentence(scored, "USA_70_2015.txt", 3)["issues"] == ["afghanistan"]
    # plural and prefix forms ("Terrorist", "extremists") match; "us" is not the case-sensitive "US"
    assert _sentence(scored, "USA_70_2015.txt", 2)["issues"] == ["counterterrorism"]
    assert _sentence(scored, "PAK_70_2015.txt", 4)["actors"] == []
    assert _sentence(scored, "USA_70_2015.txt", 4)["actors"] == []


def test_stance_only_for_sentences_with_an_issue_and_an_actor(result):
    scored = result["scored"]
    has_both = scored["issues"].map(len).gt(0) & scored["actors"].map(len).gt(0)
    assert scored.loc[has_both, "stance"].notna().all()
    assert scored.loc[~has_both, "stance"].isna().all()
    assert (scored["holder"] == scored["country"]).all()
    assert _sentence(scored, "PAK_70_2015.txt", 1)["stance"] < 0  # "strongly condemns terrorism"
    assert _sentence(scored, "USA_70_2015.txt", 1)["stance"] > 0  # "grateful ... good cooperation"


def test_stance_table_and_convergence_table(result):
    stances = result["stances"]
    assert list(stances.columns) == ["decade", "issue", "actor", "stance", "n_sentences"]
    scored = result["scored"]
    pak = scored[(scored["country"] == "PAK") & scored["stance"].notna()]
    ct_pak = stances[(stances["issue"] == "counterterrorism") & (stances["actor"] == "PAK")].iloc[0]
    assert ct_pak["decade"] == 2010
    assert ct_pak["n_sentences"] == len(pak) == 2
    assert ct_pak["stance"] == pytest.approx(pak["stance"].mean())

    conv = result["convergence"]
    assert list(conv.columns) == [
        "decade",
        "issue",
        "stance_PAK",
        "stance_USA",
        "n_PAK",
        "n_USA",
        "convergence",
    ]
    # only cells both actors speak to: afghanistan is USA-only
    assert conv["issue"].tolist() == ["counterterrorism"]
    row = conv.iloc[0]
    ct_usa = stances[(stances["issue"] == "counterterrorism") & (stances["actor"] == "USA")].iloc[0]
    assert (row["n_PAK"], row["n_USA"]) == (2, 1)
    assert row["stance_USA"] == pytest.approx(ct_usa["stance"])
    assert row["convergence"] == pytest.approx(1 - abs(ct_pak["stance"] - ct_usa["stance"]))


def test_convergence_table_without_the_pair_is_empty(result):
    only_usa = result["stances"][result["stances"]["actor"] == "USA"]
    conv = baseline.convergence_table(only_usa, actors=("PAK", "USA"))
    assert conv.empty
    assert "convergence" in conv.columns


def test_subset_archive_keeps_every_kth_speech_and_measures_text(tmp_path):
    src = _fixture_archive(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    path, size = bench_pipeline.subset_archive(src, 2, out_dir)
    assert path != src and size["files"] == 1
    assert baseline.read_speeches(path)["country"].tolist() == ["PAK"]
    same, whole = bench_pipeline.subset_archive(src, 1, out_dir)
    assert same == src and whole["files"] == 2
    texts = baseline.read_speeches(FIXTURE)["text"]
    assert whole["text_mb"] == pytest.approx(texts.str.len().sum() / 1e6)


def test_memory_sampler_sees_this_process():
    with bench_pipeline.MemorySampler(interval=0.01) as sampler:
        block = bytearray(20_000_000)
        block[-1] = 1
        sampler.sample()
    assert sampler.peak_rss > 20_000_000
    assert sampler.peak_tree > 0


def test_write_json_is_atomic_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "sub" / "figures.json"
    bench_pipeline._write_json(target, {"a": 1})
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": 1}
    assert [p.name for p in target.parent.iterdir()] == ["figures.json"]


def test_bench_pipeline_help_runs():
    out = subprocess.run(
        [sys.executable, str(BENCH / "bench_pipeline.py"), "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    for option in ("--fraction", "--scaling", "--json", "--no-baseline"):
        assert option in out.stdout


def test_bench_pipeline_without_the_corpus_says_so(tmp_path):
    out = subprocess.run(
        [sys.executable, str(BENCH / "bench_pipeline.py"), "--archive", str(tmp_path / "none.tgz")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    assert "not found" in out.stderr


@pytest.mark.corpora
@pytest.mark.slow
@pytest.mark.skipif(not UNGDC.is_file(), reason="../shared/corpora not available")
def test_baseline_on_a_64th_of_ungdc(patterns):
    res = baseline.run_baseline(UNGDC, every=64, patterns=patterns)
    assert len(res["docs"]) >= 150
    assert res["sentences"] > 10_000
    actors = set(res["stances"]["actor"])
    assert {"PAK", "USA"} <= actors
    assert res["scored"]["stance"].between(-1, 1).sum() > 500


def test_linear_fit_recovers_a_line_and_flags_a_curve():
    mb = [25.0, 50.0, 100.0, 200.0]
    line = bench_pipeline.linear_fit(mb, [3 + 0.5 * x for x in mb])
    assert line["a_seconds"] == pytest.approx(3)
    assert line["b_seconds_per_mb"] == pytest.approx(0.5)
    assert line["r2"] == pytest.approx(1)
    assert line["mb_all_over_mb_half"] == pytest.approx(2)
    quadratic = bench_pipeline.linear_fit(mb, [x * x / 100 for x in mb])
    assert quadratic["r2"] < 0.99
    assert quadratic["t_all_over_t_half"] == pytest.approx(4)
