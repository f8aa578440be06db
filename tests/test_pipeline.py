"""tag_files: batch-by-batch parse and tag gives tag(read_corpus(...))'s table, keeps less, and caches."""

import shutil
from pathlib import Path

import convergence as cv
import pandas.testing as pdt
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SMALL = ROOT / "tests" / "fixtures" / "corpus_small"
CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Seeds + the small fixture corpus, each file twice under another name in a later batch, plus an empty
    file: many batches, duplicates across batches, a skipped input."""
    root = tmp_path_factory.mktemp("pipeline")
    files = sorted(SEEDS.glob("*.txt")) + sorted(SMALL.iterdir())
    for i, src in enumerate(files):
        shutil.copy(src, root / f"a{i:02d}-{src.name}")
        shutil.copy(src, root / f"z{i:02d}-copy-{src.name}")
    (root / "m-empty.txt").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def expected(folder):
    return cv.tag(cv.read_corpus(folder, use_cache=False))


def _plain(frame):
    out = frame.copy()
    out.attrs = {}
    return out


def _tagged_rows(frame):
    return frame[(frame["issues"].map(len) > 0) | (frame["actors"].map(len) > 0)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_same_table_as_tag_of_read_corpus(folder, expected, jobs):
    got = cv.tag_files(folder, use_cache=False, jobs=jobs)
    pdt.assert_frame_equal(_plain(got), expected)
    reasons = sorted(r for _p, r, _d in got.attrs["skipped"])
    corpus = cv.read_corpus(folder, use_cache=False)
    assert reasons == sorted(corpus.skipped["reason"])
    assert reasons.count("duplicate") == len(list(folder.glob("z*")))


def test_keep_tagged_is_the_tagged_rows_with_their_corpus_positions(folder, expected):
    got = cv.tag_files(folder, keep="tagged", use_cache=False, jobs=2)
    want = _tagged_rows(expected)
    assert 0 < len(got) < len(expected) == got.attrs["n_sentences"]
    pdt.assert_frame_equal(_plain(got), want)


def test_measures_agree_on_the_kept_rows(folder, expected):
    kept = cv.tag_files(folder, keep="tagged", use_cache=False)
    for by in ("corpus", "doc"):
        full = cv.convergence(expected, actors=("USA", "PAK"), by=by, n_boot=200)
        lean = cv.convergence(kept, actors=("USA", "PAK"), by=by, n_boot=200)
        pdt.assert_frame_equal(full, lean)
    pdt.assert_frame_equal(
        cv.evidence(expected, issue="afghanistan", actors=("USA", "PAK")),
        cv.evidence(kept, issue="afghanistan", actors=("USA", "PAK")),
    )


def test_cache_returns_the_same_table_and_follows_the_data_files(folder, expected, tmp_path):
    cache = tmp_path / "cache"
    first = cv.tag_files(folder, keep="tagged", cache_dir=cache)
    entries = list(cache.glob("tagged-*"))
    assert len(entries) == 1
    again = cv.tag_files(folder, keep="tagged", cache_dir=cache)
    pdt.assert_frame_equal(_plain(again), _plain(first))
    assert (
        again.attrs["skipped"] == [list(s) for s in first.attrs["skipped"]]
        or again.attrs["skipped"] == first.attrs["skipped"]
    )
    # a tagged-only entry cannot answer keep="all": that call computes and stores the complete table
    full = cv.tag_files(folder, keep="all", cache_dir=cache)
    pdt.assert_frame_equal(_plain(full), expected)
    full_again = cv.tag_files(folder, keep="all", cache_dir=cache)
    pdt.assert_frame_equal(_plain(full_again), expected)
    # another taxonomy file is another entry
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_bytes(
        (ROOT / "lib" / "convergence" / "data" / "taxonomy.yaml").read_bytes() + b"\n# edited\n"
    )
    cv.tag_files(folder, keep="tagged", cache_dir=cache, taxonomy=taxonomy)
    assert len(list(cache.glob("tagged-*"))) == 2


def test_a_damaged_cache_entry_is_computed_again(folder, expected, tmp_path):
    cache = tmp_path / "cache"
    cv.tag_files(folder, keep="all", cache_dir=cache)
    (entry,) = cache.glob("tagged-*")
    (entry / "tagged.arrow").write_bytes(b"not an Arrow file")
    pdt.assert_frame_equal(_plain(cv.tag_files(folder, keep="all", cache_dir=cache)), expected)


def test_actors_is_the_deprecated_name_of_actor_file(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_bytes((ROOT / "lib" / "convergence" / "data" / "actors.yaml").read_bytes())
    cache = tmp_path / "cache"
    new = cv.tag_files(SMALL, keep="tagged", cache_dir=cache, actor_file=actors)
    with pytest.warns(DeprecationWarning, match="tag_files\\(\\): actors= is deprecated; use actor_file="):
        old = cv.tag_files(SMALL, keep="tagged", cache_dir=cache, actors=actors)
    pdt.assert_frame_equal(_plain(old), _plain(new))
    assert len(list(cache.glob("tagged-*"))) == 1  # one data file, one cache entry, whatever its name
    with pytest.raises(TypeError, match="both actors= and actor_file="):
        cv.tag_files(SMALL, actors=actors, actor_file=actors)


def test_bad_options_and_inputs_are_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="keep must be one of"):
        cv.tag_files(SEEDS, keep="some")
    with pytest.raises(ValueError, match="engine must be one of"):
        cv.tag_files(SEEDS, engine="spark")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(cv.IngestError, match="nothing parseable"):
        cv.tag_files(tmp_path, use_cache=False)


def test_dask_engine_gives_the_same_table(folder, expected):
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        with distributed.Client(cluster, set_as_default=False) as client:
            got = cv.tag_files(folder, use_cache=False, engine="dask", scheduler=client)
            pdt.assert_frame_equal(_plain(got), expected)
            corpus = cv.read_corpus(folder, use_cache=False)
            pdt.assert_frame_equal(cv.tag(corpus, engine="dask", scheduler=client, jobs=2), expected)
    finally:
        cluster.close()


@pytest.mark.corpora
def test_dawn_sample_same_table_and_same_verdicts():
    path = CORPORA / "dawn_app_2025_sample.jsonl.gz"
    if not path.exists():
        pytest.skip("../shared/corpora is not available")
    full = cv.tag(cv.read_corpus(path, use_cache=False))
    kept = cv.tag_files(path, keep="tagged", use_cache=False)
    pdt.assert_frame_equal(_plain(kept), _tagged_rows(full))
    pdt.assert_frame_equal(
        cv.convergence(full, actors=("USA", "PAK"), by="month", n_boot=200),
        cv.convergence(kept, actors=("USA", "PAK"), by="month", n_boot=200),
    )


def _is_pickle(path: Path) -> bool:
    head = path.read_bytes()[:2]
    return path.suffix in (".pkl", ".pickle") or (len(head) == 2 and head[0] == 0x80 and head[1] <= 5)


def test_no_file_in_the_cache_is_a_pickle(folder, tmp_path):
    cache = tmp_path / "cache"
    cv.tag_files(folder, keep="all", cache_dir=cache)
    cv.tag_files(folder, keep="tagged", cache_dir=tmp_path / "cache2")
    cv.read_corpus(folder, cache_dir=cache)  # the parse cache shares the folder
    files = [p for root in (cache, tmp_path / "cache2") for p in root.rglob("*") if p.is_file()]
    assert files and not [p for p in files if _is_pickle(p)]
    arrow = [p for p in files if p.suffix == ".arrow"]
    assert {p.name for p in arrow} == {"tagged.arrow", "rest.arrow"}
    assert all(p.read_bytes()[:6] == b"ARROW1" for p in arrow)


@pytest.mark.parametrize("keep", ["all", "tagged"])
def test_cached_table_is_identical(folder, tmp_path, keep):
    cache = tmp_path / "cache"
    first = cv.tag_files(folder, keep=keep, cache_dir=cache)
    again = cv.tag_files(folder, keep=keep, cache_dir=cache)
    pdt.assert_frame_equal(again, first, check_exact=True, check_index_type=True, check_column_type=True)
    assert again.dtypes.to_dict() == first.dtypes.to_dict()
    assert type(again.index) is type(first.index)
    assert again.attrs == first.attrs and all(type(s) is tuple for s in again.attrs["skipped"])
    for column in ("issues", "actors", "stance_cues", "target_stances", "clauses"):
        assert again[column].tolist() == first[column].tolist()
        assert all(type(v) is list for v in again[column])
