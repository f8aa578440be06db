"""`convergence parse` and the parse cache."""

import json
import os
import shutil
from pathlib import Path

import pandas as pd
from convergence.cli import main
from convergence.ingest import Corpus, read_corpus, write_table

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_cli_parse_csv_and_parquet(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["parse", str(SEEDS), "--out", str(out), "--format", "csv", "--no-cache"]) == 0
    printed = capsys.readouterr().out
    assert "2 articles" in printed and str(out) in printed
    for name in ("articles", "paragraphs", "sentences", "skipped"):
        assert (out / f"{name}.csv").exists()
    loaded = Corpus.load(out)
    assert sorted(loaded.articles["title"]) == [
        "Army Chief\u2019s USA visit: Divergence to Convergence",
        "Get the Generals Out of Pakistani-U.S. Relations",
    ]
    assert loaded.articles["authors"].map(len).tolist() == [1, 1]
    texts = loaded.articles.set_index("doc_id")["text"]
    assert all(
        texts[d][s:e] == t for d, s, e, t in loaded.sentences[["doc_id", "start", "end", "text"]].values
    )

    pq = tmp_path / "pq"
    assert main(["parse", str(SEEDS), "--out", str(pq), "--no-cache"]) == 0
    assert (pq / "articles.parquet").exists() and (pq / "skipped.csv").exists()
    again = Corpus.load(pq)
    assert again.articles["keywords"].map(len).sum() == 10
    assert again.articles["date"].dtype == "datetime64[ns]"


def test_cli_parse_reports_skips_and_fails_cleanly(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("One good article. It has two sentences.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    assert main(["parse", str(tmp_path), "--out", str(tmp_path / "o"), "--no-cache"]) == 0
    assert "1 skipped (empty: 1)" in capsys.readouterr().out
    skipped = pd.read_csv(tmp_path / "o" / "skipped.csv")
    assert skipped["reason"].tolist() == ["empty"]

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"")
    assert main(["parse", str(bad), "--out", str(tmp_path / "o2"), "--no-cache"]) == 2
    assert "nothing parseable" in capsys.readouterr().err
    assert not (tmp_path / "o2").exists()


def test_cache_hit_miss_and_bypass(tmp_path, monkeypatch):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    cache = tmp_path / "cache"
    first = read_corpus(src, cache_dir=cache, jobs=1)
    entries = list(cache.iterdir())
    assert len(entries) == 1 and (entries[0] / "corpus.json").exists()
    assert (
        not (entries[0] / "sentences.parquet").exists()
        or "text" not in pd.read_parquet(entries[0] / "sentences.parquet").columns
    )

    import convergence.ingest.reader as reader

    def boom(*a, **k):
        raise AssertionError("parsed again although cached")

    monkeypatch.setattr(reader, "collect", boom)
    second = read_corpus(src, cache_dir=cache, jobs=1)
    pd.testing.assert_frame_equal(first.sentences, second.sentences, check_dtype=False)
    assert second.articles["authors"].tolist() == first.articles["authors"].tolist()
    monkeypatch.undo()

    # content change -> new key; use_cache=False never writes
    f = src / "get-the-generals-out-of-pakistani-us-relations.txt"
    f.write_text(f.read_text(encoding="utf-8") + "\nOne more closing line here.\n", encoding="utf-8")
    read_corpus(src, cache_dir=cache, jobs=1)
    assert len(list(cache.iterdir())) == 2
    read_corpus(src, cache_dir=tmp_path / "unused", use_cache=False, jobs=1)
    assert not (tmp_path / "unused").exists()


def test_cache_env_default(tmp_path, monkeypatch):
    from convergence.ingest import default_cache_dir

    monkeypatch.setenv("CONVERGENCE_CACHE", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("CONVERGENCE_CACHE")
    assert default_cache_dir() == Path.home() / ".cache" / "convergence"


def test_write_table_atomic_lists_survive(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "tags": [["x", "y"], []], "mixed": [["l"], "s"]})
    p = write_table(df, tmp_path / "t.parquet", format="parquet")
    back = pd.read_parquet(p)
    assert [list(v) for v in back["tags"]] == [["x", "y"], []]
    assert back["mixed"].tolist() == ['["l"]', "s"]
    c = write_table(df, tmp_path / "t.csv", format="csv")
    assert json.loads(pd.read_csv(c)["tags"][0]) == ["x", "y"]
    assert sorted(os.listdir(tmp_path)) == ["t.csv", "t.parquet"]  # no temp files left
