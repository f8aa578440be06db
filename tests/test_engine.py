"""The execution engine: same results in the same order locally and on a Dask cluster; progress bars."""

import os
import socket
import sys
import threading
import time
from pathlib import Path

import cloudpickle
import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from convergence import engine as eng
from convergence.cli import main
from convergence.engine import ENGINES, EngineError, batched, map_batches, progress_bar
from convergence.ingest import Corpus, read_corpus
from convergence.ingest import reader as reader_module

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
TABLES = ("articles", "paragraphs", "sentences", "skipped")

# Dask workers are fresh processes that cannot import this test module: ship its functions by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _sum_with_pid(batch):
    # later batches finish first, so the engine must put results back in input order
    time.sleep(0.02 * max(0, 5 - batch[0]))
    return sum(batch), os.getpid()


def _divide(batch):
    return [1 / x for x in batch]


@pytest.fixture(scope="module")
def cluster():
    c = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(c, set_as_default=False)
    yield c, client
    client.close()
    c.close()


BATCHES = [[i, i + 1] for i in range(8)]
EXPECTED = [2 * i + 1 for i in range(8)]


def test_local_serial_keeps_order_in_this_process():
    out = map_batches(_sum_with_pid, BATCHES, jobs=1)
    assert [s for s, _ in out] == EXPECTED
    assert {pid for _, pid in out} == {os.getpid()}


def test_local_pool_keeps_order_across_processes():
    out = map_batches(_sum_with_pid, BATCHES, jobs=2)
    assert [s for s, _ in out] == EXPECTED
    assert os.getpid() not in {pid for _, pid in out}


def test_single_batch_and_empty_input_run_in_process():
    assert map_batches(_sum_with_pid, [[1, 2]], jobs=2)[0] == (3, os.getpid())
    assert map_batches(_sum_with_pid, [], jobs=2) == []


def test_dask_keeps_order_with_client_and_address(cluster):
    c, client = cluster
    out = map_batches(_sum_with_pid, BATCHES, engine="dask", scheduler=client)
    assert [s for s, _ in out] == EXPECTED
    assert os.getpid() not in {pid for _, pid in out}
    by_address = map_batches(_sum_with_pid, BATCHES, engine="dask", scheduler=c.scheduler_address)
    assert [s for s, _ in by_address] == EXPECTED
    assert client.status == "running"  # a client the caller passed in is left open


@pytest.mark.parametrize("engine", ENGINES)
def test_task_error_reraises_with_its_type(cluster, engine):
    scheduler = cluster[1] if engine == "dask" else None
    assert map_batches(_divide, [[1, 2], [4]], engine=engine, scheduler=scheduler, jobs=2) == [
        [1, 0.5],
        [0.25],
    ]
    with pytest.raises(ZeroDivisionError):
        map_batches(_divide, [[1], [0], [2]], engine=engine, scheduler=scheduler, jobs=2)


class _Borrowed:
    """Stands in for a new LocalCluster (lends the module cluster, never closes it): one cluster per suite."""

    def __init__(self, real):
        self._real = real
        self.closed = False

    def __getattr__(self, name):
        return getattr(self._real, name)

    def close(self):
        self.closed = True


@pytest.fixture
def started(cluster, monkeypatch):
    """Records every temporary cluster the engine starts: (n_workers, the stand-in cluster)."""
    calls = []

    def fake_start(*, n_workers):
        calls.append((n_workers, _Borrowed(cluster[0])))
        return calls[-1][1]

    monkeypatch.setattr(eng, "start_local_cluster", fake_start)
    return calls


def test_temporary_cluster_gets_jobs_workers_and_is_closed(started):
    """Without a scheduler the engine starts a cluster of ``jobs`` workers and closes it afterwards."""
    out = map_batches(_sum_with_pid, BATCHES, engine="dask", jobs=3)
    assert [s for s, _ in out] == EXPECTED
    assert [n for n, _ in started] == [3] and started[0][1].closed


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(EngineError, match="engine must be one of local, dask, not 'spark'"):
        map_batches(sum, [[1]], engine="spark")
    with pytest.raises(EngineError, match="one of local, dask"):
        read_corpus([SEEDS], engine="spark", use_cache=False)
    assert issubclass(EngineError, ValueError)


def test_missing_dask_names_the_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(EngineError, match=r"pip install 'dask\[distributed\]'"):
        map_batches(sum, [[1]], engine="dask")
    assert map_batches(sum, [[1], [2]], engine="local", jobs=1) == [1, 2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_fails_fast_and_clearly():
    address = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.perf_counter()
    with pytest.raises(EngineError) as info:
        map_batches(sum, [[1], [2]], engine="dask", scheduler=address)
    assert time.perf_counter() - t0 < 5
    message = str(info.value)
    assert address in message and "dask scheduler" in message and "engine='local'" in message
    with pytest.raises(EngineError, match="missing port"):
        map_batches(sum, [[1]], engine="dask", scheduler="scheduler-without-port")
    with pytest.raises(EngineError, match="scheduler must be an address"):
        map_batches(sum, [[1]], engine="dask", scheduler=8786)


def test_a_server_that_is_not_a_scheduler_is_a_clear_error():
    """A wrong port (a web server, the dashboard) must not leave the client waiting for ever."""
    with socket.socket() as silent:  # accepts connections (kernel backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        address = f"tcp://127.0.0.1:{silent.getsockname()[1]}"
        t0 = time.perf_counter()
        with pytest.raises(EngineError, match="not as a Dask scheduler"):
            map_batches(sum, [[1]], engine="dask", scheduler=address, connect_timeout=1)
        assert time.perf_counter() - t0 < 5

    with socket.socket() as web:
        web.bind(("127.0.0.1", 0))
        web.listen(1)
        replier = threading.Thread(target=_reply_like_a_web_server, args=(web,), daemon=True)
        replier.start()
        with pytest.raises(EngineError, match="8786"):
            map_batches(sum, [[1]], engine="dask", scheduler=f"tcp://127.0.0.1:{web.getsockname()[1]}")
        replier.join(timeout=5)


def _reply_like_a_web_server(server: socket.socket) -> None:
    conn, _ = server.accept()
    with conn:
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")


def test_progress_is_silent_off_a_terminal_and_shows_when_forced(capsys):
    assert map_batches(sum, [[1, 2], [3]], jobs=1, desc="counting", sizes=[2, 1]) == [3, 3]
    assert capsys.readouterr().err == ""
    map_batches(sum, [[1, 2], [3]], jobs=1, desc="counting", sizes=[2, 1], unit="docs", progress=True)
    err = capsys.readouterr().err
    assert "counting" in err and "3/3" in err and "docs" in err
    map_batches(sum, [[1, 2], [3]], jobs=1, desc="counting", progress=False)
    assert capsys.readouterr().err == ""


def test_progress_bar_helper_follows_the_same_rule(capsys):
    with progress_bar(4, desc="notebooks", unit="nb") as bar:
        bar.update(4)
    assert capsys.readouterr().err == ""
    with progress_bar(4, desc="notebooks", unit="nb", enabled=True) as bar:
        bar.update(4)
    err = capsys.readouterr().err
    assert "notebooks" in err and "4/4" in err and "nb" in err


def test_bad_sizes_and_jobs_are_clear_errors():
    with pytest.raises(EngineError, match="sizes has 1 entries for 2 batches"):
        map_batches(sum, [[1], [2]], sizes=[1])
    with pytest.raises(EngineError, match="jobs must be an integer, not '2'"):
        map_batches(sum, [[1], [2]], jobs="2")
    assert map_batches(sum, [[1], [2]], jobs=np.int64(1)) == [1, 2]


def test_batched_by_count_and_bytes():
    items = [b"x" * n for n in (3, 3, 3, 10, 1, 1)]
    assert [len(b) for b in batched(items, size=4)] == [4, 2]
    by_bytes = list(batched(items, size=4, max_bytes=6, weight=len))
    assert [[len(x) for x in b] for b in by_bytes] == [[3, 3], [3], [10], [1, 1]]
    assert [x for b in by_bytes for x in b] == items
    with pytest.raises(EngineError):
        list(batched(items, size=0))


# ------------------------------------------------------------------------------- read_corpus on each engine


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    """Enough small documents for several batches, plus inputs that are skipped or merged as duplicates."""
    folder = tmp_path_factory.mktemp("mixed")
    topics = ["trade talks", "a port project", "aid for flood relief", "border security", "visa rules"]
    for i in range(40):
        topic = topics[i % len(topics)]
        (folder / f"doc{i:02d}.txt").write_text(
            f"Report number {i} on {topic}.\n\nOfficials met on day {i} to discuss {topic}. "
            f"They agreed to meet again after {i + 2} weeks.\n",
            encoding="utf-8",
        )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "copy-of-doc03.txt").write_bytes((folder / "doc03.txt").read_bytes())
    return folder


def _inputs(folder):
    return [SEEDS, FIXTURES / "corpus_small", FIXTURES / "ingest", folder]


def _assert_same_corpus(a: Corpus, b: Corpus) -> None:
    for name in TABLES:
        pdt.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_read_corpus_dask_equals_local(cluster, mixed_folder):
    c, client = cluster
    serial = read_corpus(_inputs(mixed_folder), use_cache=False, jobs=1)
    pooled = read_corpus(_inputs(mixed_folder), use_cache=False, jobs=2)
    on_dask = read_corpus(_inputs(mixed_folder), use_cache=False, engine="dask", scheduler=client)
    assert len(serial.articles) == 2 + 5 + 3 + 40
    assert {"empty", "duplicate"} <= set(serial.skipped["reason"])
    _assert_same_corpus(serial, pooled)
    _assert_same_corpus(serial, on_dask)
    by_address = read_corpus(
        _inputs(mixed_folder), use_cache=False, engine="dask", scheduler=c.scheduler_address
    )
    _assert_same_corpus(serial, by_address)


def test_cache_key_does_not_depend_on_the_engine(cluster, mixed_folder, tmp_path, monkeypatch):
    first = read_corpus(_inputs(mixed_folder), cache_dir=tmp_path, engine="dask", scheduler=cluster[1])
    assert len(list(tmp_path.iterdir())) == 1

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed again instead of using the cache")

    monkeypatch.setattr(reader_module, "_run", must_not_parse)
    again = read_corpus(_inputs(mixed_folder), cache_dir=tmp_path, engine="local")
    assert len(list(tmp_path.iterdir())) == 1
    pdt.assert_frame_equal(first.sentences, again.sentences)


def test_read_corpus_progress_counts_documents(mixed_folder, capsys):
    read_corpus([mixed_folder], use_cache=False, jobs=1, progress=True)
    err = capsys.readouterr().err
    assert "parse" in err and "43/43 [" in err  # every file goes to a parser, even those it then skips
    read_corpus([mixed_folder], use_cache=False, jobs=1)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------------------------------- CLI


def test_cli_parse_on_a_scheduler_matches_local(cluster, tmp_path, capsys):
    c, _ = cluster
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    assert main(["parse", str(SEEDS), "--out", str(local_out), "--no-cache", "--jobs", "1"]) == 0
    argv = ["parse", str(SEEDS), "--out", str(dask_out), "--no-cache", "--scheduler", c.scheduler_address]
    assert main([*argv, "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
    _assert_same_corpus(Corpus.load(local_out), Corpus.load(dask_out))


def test_cli_tag_on_dask_matches_local_with_one_cluster_for_both_steps(started, tmp_path, capsys):
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    assert main(["tag", str(SEEDS), "--out", str(local_out), "--no-cache", "--jobs", "1"]) == 0
    assert not started
    assert (
        main(["tag", str(SEEDS), "--out", str(dask_out), "--no-cache", "--engine", "dask", "--jobs", "2"])
        == 0
    )
    assert [n for n, _ in started] == [2] and started[0][1].closed  # parse and tag shared it
    local = pd.read_parquet(local_out / "sentences_tagged.parquet")
    pdt.assert_frame_equal(local, pd.read_parquet(dask_out / "sentences_tagged.parquet"))
    assert local["issues"].map(len).gt(0).any()


def test_cli_engine_errors_exit_2_with_a_message(tmp_path, capsys):
    address = f"tcp://127.0.0.1:{_free_port()}"
    assert (
        main(["parse", str(SEEDS), "--out", str(tmp_path / "o"), "--no-cache", "--scheduler", address]) == 2
    )
    err = capsys.readouterr().err
    assert err.startswith("convergence: error: cannot reach the Dask scheduler") and address in err
    assert not (tmp_path / "o").exists()
    assert main(["tag", str(SEEDS), "--engine", "local", "--scheduler", address, "--no-cache"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["parse", str(SEEDS), "--engine", "spark"])
    assert "invalid choice: 'spark'" in capsys.readouterr().err


def test_importing_the_engine_loads_neither_dask_nor_tqdm():
    import subprocess

    code = (
        "import sys, convergence.engine, convergence.ingest; "
        "print(sorted(m for m in ('distributed', 'dask', 'tqdm') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
