"""Where batches of work run: in this process, in a local process pool, or on a Dask distributed cluster.

``map_batches(func, batches)`` returns ``[func(b) for b in batches]`` in input order whatever the engine, so
parse and tag give the same tables locally and on a cluster:

- ``engine="local"``: serially in this process when ``jobs <= 1`` or there is a single batch, else in a
  ``fork`` process pool of ``jobs`` workers (default: up to 2).
- ``engine="dask"``: on a Dask cluster, the scheduler at ``scheduler`` (an address such as
  ``"tcp://10.0.0.5:8786"``, a ``distributed.Client`` or a cluster object); without one, a temporary
  ``LocalCluster`` of ``jobs`` single-threaded worker processes (default 2) that is closed afterwards.

``func`` must be picklable: a module-level function, or a ``functools.partial`` of one with small picklable
arguments. State a worker needs (compiled lexicons, configuration) is built inside ``func`` through a
module-level memo (``functools.lru_cache``), so forked children inherit it and each Dask worker builds it
once.

Progress bars (tqdm, on stderr) show by default only when stderr is a terminal; ``progress=True``/``False``
forces them on or off. ``progress_bar`` applies the same rule for other long loops.

This module sits just above ``convergence.paths`` and imports dask/distributed only when they are used.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing as mp
import operator
import os
import socket
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Literal, get_args

from .errors import ConvergenceError

EngineName = Literal["local", "dask"]
ENGINES: tuple[str, ...] = get_args(EngineName)
DEFAULT_CONNECT_TIMEOUT = 10.0
DASK_INSTALL_HINT = "pip install 'dask[distributed]'"


class EngineError(ConvergenceError, ValueError):
    """A bad engine option, a missing Dask installation or an unreachable scheduler."""


# ---------------------------------------------------------------------------------------------- progress


def progress_enabled(progress: bool | None = None) -> bool:
    """``None``: on only when stderr is a terminal; ``True``/``False`` force it."""
    if progress is not None:
        return bool(progress)
    stream = sys.stderr
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


class _NoBar:
    """Stands in for a tqdm bar when progress is off."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


@contextlib.contextmanager
def progress_bar(total: int | None, *, desc: str = "", unit: str = "docs", enabled: bool | None = None):
    """A tqdm bar on stderr (``bar.update(n)``), or a silent stand-in when progress is off.

    ``enabled=None`` shows the bar only when stderr is a terminal.
    """
    if not progress_enabled(enabled):
        yield _NoBar()
        return
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc or None, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=True)
    try:
        yield bar
    finally:
        bar.close()


# --------------------------------------------------------------------------------------------- local pool


def _indexed(func: Callable, pair: tuple[int, object]) -> tuple[int, object]:
    index, batch = pair
    return index, func(batch)


def _default_jobs() -> int:
    return min(2, os.cpu_count() or 1)


# ------------------------------------------------------------------------------------------------- dask


def _import_distributed():
    try:
        import distributed
    except ImportError as exc:
        raise EngineError(
            f"engine='dask' needs Dask distributed, which is not installed: {DASK_INSTALL_HINT}"
        ) from exc
    return distributed


def start_local_cluster(*, n_workers: int = 2):
    """A ``distributed.LocalCluster`` of ``n_workers`` single-threaded worker processes, no dashboard.

    Worker processes are started with ``spawn``: a script (not a notebook or the ``convergence`` command)
    that starts one must do so under ``if __name__ == "__main__":``.
    """
    distributed = _import_distributed()
    with warnings.catch_warnings():
        # the scheduler's HTTP endpoint falls back to a free port when 8787 is taken; nothing to act on
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        try:
            return distributed.LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        except (RuntimeError, OSError, TimeoutError) as exc:
            raise EngineError(
                f"could not start a local Dask cluster ({type(exc).__name__}: {exc}); a Python script that "
                "uses engine='dask' without a scheduler must run it under `if __name__ == \"__main__\":`"
            ) from exc


def _unreachable(address: str, timeout: float, exc: BaseException | str) -> EngineError:
    if isinstance(exc, BaseException):
        first = str(exc).splitlines()[0] if str(exc) else "no answer"
        detail = f"{type(exc).__name__}: {first}"
    else:
        detail = exc
    return EngineError(
        f"cannot reach the Dask scheduler at {address!r} ({detail}; connect timeout {timeout:g} s); "
        "start one with `dask scheduler` and workers with `dask worker ADDRESS`, or use engine='local'"
    )


_MAX_HANDSHAKE_BYTES = 1 << 20


def _check_reachable(address: str, timeout: float) -> None:
    """Fail fast, before a client is built, when nothing (or something other than a Dask scheduler) answers.

    A Dask scheduler speaks first on a plain TCP connection: a small length-prefixed handshake. A client
    pointed at a port where a different server listens (the dashboard, a web server) would otherwise wait
    with no end.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme not in ("tcp", "tls"):
            return
        host, port = parse_host_port(location)
    except (ValueError, TypeError) as exc:
        raise _unreachable(address, timeout, exc) from exc
    not_dask = (
        "a server answers there but not as a Dask scheduler; the scheduler's default port is 8786 "
        "(8787 is its dashboard)"
    )
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:  # refused, unreachable, unknown host, timed out
        raise _unreachable(address, timeout, exc) from exc
    with sock:
        if scheme == "tls":  # the TLS handshake comes first; leave it to the client
            return
        head = b""
        try:
            while len(head) < 8:
                chunk = sock.recv(8 - len(head))
                if not chunk:
                    break
                head += chunk
        except OSError as exc:  # includes a timeout: connected, but nothing speaks Dask's protocol
            raise _unreachable(address, timeout, not_dask) from exc
    if len(head) < 8 or int.from_bytes(head, "little") > _MAX_HANDSHAKE_BYTES:
        raise _unreachable(address, timeout, not_dask)


@contextlib.contextmanager
def dask_client(scheduler=None, *, jobs: int | None = None, connect_timeout: float = DEFAULT_CONNECT_TIMEOUT):
    """A ``distributed.Client`` for ``scheduler``; a temporary ``LocalCluster`` when it is None.

    ``scheduler``: an address (``"tcp://host:8786"``), a ``Client`` (used as is, left open) or a cluster
    object with a ``scheduler_address``. Raises :class:`EngineError` when Dask is missing or the scheduler
    does not answer within ``connect_timeout`` seconds.
    """
    distributed = _import_distributed()
    if isinstance(scheduler, distributed.Client):
        yield scheduler
        return
    if scheduler is None:
        cluster = start_local_cluster(n_workers=jobs if jobs and jobs > 0 else 2)
        try:
            client = distributed.Client(cluster, set_as_default=False)
            try:
                yield client
            finally:
                client.close()
        finally:
            cluster.close()
        return
    address = getattr(scheduler, "scheduler_address", scheduler)
    if not isinstance(address, str) or not address.strip():
        raise EngineError(
            f"scheduler must be an address such as 'tcp://10.0.0.5:8786' or a distributed.Client, "
            f"not {type(scheduler).__name__}"
        )
    _check_reachable(address, connect_timeout)
    try:
        client = distributed.Client(address, timeout=connect_timeout, set_as_default=False)
    except Exception as exc:  # whatever the client met while connecting: one clear message
        raise _unreachable(address, connect_timeout, exc) from exc
    try:
        yield client
    finally:
        client.close()


def _window(client) -> int:
    """How many tasks to keep submitted at once: enough to keep every worker thread busy, few enough that
    the batches' data is not all held by the scheduler at the same time."""
    try:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
    except Exception:  # an old or unusual scheduler: a safe default
        threads = 2
    return max(4, 3 * threads)


# ------------------------------------------------------------------------------------------------ public


def map_batches(
    func: Callable,
    batches: list,
    *,
    engine: EngineName = "local",
    scheduler=None,
    jobs: int | None = None,
    progress: bool | None = None,
    desc: str = "",
    sizes: Sequence[int] | None = None,
    unit: str = "docs",
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> list:
    """``[func(b) for b in batches]`` in input order, run by ``engine`` (``"local"`` or ``"dask"``).

    ``jobs``: local worker processes (default up to 2; ``<= 1`` runs in this process) or, for
    ``engine="dask"`` without a ``scheduler``, the number of workers of the temporary ``LocalCluster``.
    ``scheduler``: a Dask scheduler address or ``distributed.Client`` (ignored by the local engine).
    ``progress``: None shows a bar only when stderr is a terminal; ``sizes[i]`` is how far batch ``i``
    advances it (default 1 each), counted in ``unit``. An exception raised by ``func`` reaches the caller
    with its own type. Raises :class:`EngineError` for an unknown engine, ``engine="dask"`` without Dask
    installed, or a scheduler that does not answer within ``connect_timeout`` seconds.
    """
    batches = list(batches)
    results: list = [None] * len(batches)
    for index, value in iter_batches(
        func,
        batches,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs,
        progress=progress,
        desc=desc,
        sizes=sizes,
        unit=unit,
        connect_timeout=connect_timeout,
    ):
        results[index] = value
    return results


def batched(items: Sequence, *, size: int = 32, max_bytes: int | None = None, weight=None) -> Iterator[list]:
    """Consecutive slices of ``items`` of at most ``size`` items and, when ``max_bytes`` is given, at most
    ``max_bytes`` by ``weight(item)`` (a single heavier item forms its own batch). Order is kept."""
    if size < 1:
        raise EngineError(f"batch size must be at least 1, not {size}")
    batch: list = []
    total = 0
    for item in items:
        w = weight(item) if (max_bytes and weight) else 0
        if batch and (len(batch) >= size or (max_bytes and total + w > max_bytes)):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += w
    if batch:
        yield batch


def _released(batches: list) -> Iterator[tuple[int, object]]:
    """(index, batch) pairs that drop the list's reference to each batch as it is handed out."""
    for index in range(len(batches)):
        batch, batches[index] = batches[index], None
        yield index, batch


def iter_batches(
    func: Callable,
    batches: list,
    *,
    engine: EngineName = "local",
    scheduler=None,
    jobs: int | None = None,
    progress: bool | None = None,
    desc: str = "",
    sizes: Sequence[int] | None = None,
    unit: str = "docs",
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
) -> Iterator[tuple[int, object]]:
    """Like :func:`map_batches`, but yields ``(index, func(batch))`` as batches finish (in any order) and
    empties ``batches`` as it hands them out, so a caller that consumes results as they come holds neither
    all inputs nor all results at once. The caller must not keep other references to the batches."""
    if engine not in ENGINES:
        raise EngineError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    sizes = [1] * len(batches) if sizes is None else [int(s) for s in sizes]
    if len(sizes) != len(batches):
        raise EngineError(f"sizes has {len(sizes)} entries for {len(batches)} batches")
    if jobs is not None:
        try:
            jobs = operator.index(jobs)
        except TypeError:
            raise EngineError(f"jobs must be an integer, not {jobs!r}") from None
    if engine == "dask":
        _import_distributed()  # a clear error before any work starts
    if not batches:
        return
    jobs = _default_jobs() if jobs is None else jobs
    with progress_bar(sum(sizes), desc=desc, unit=unit, enabled=progress) as bar:
        if engine == "local" and (jobs <= 1 or len(batches) <= 1):
            for index, batch in _released(batches):
                value = func(batch)
                del batch
                bar.update(sizes[index])
                yield index, value
            return
        if engine == "local":
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            with ctx.Pool(min(jobs, len(batches))) as pool:
                for index, value in pool.imap_unordered(
                    functools.partial(_indexed, func), _released(batches)
                ):
                    bar.update(sizes[index])
                    yield index, value
            return
        distributed = _import_distributed()
        with dask_client(scheduler, jobs=jobs, connect_timeout=connect_timeout) as client:
            pending = _released(batches)
            running: dict = {}

            def submit_next():
                nxt = next(pending, None)
                if nxt is None:
                    return None
                future = client.submit(func, nxt[1], pure=False)
                running[future.key] = (nxt[0], future)
                return future

            first = [f for f in (submit_next() for _ in range(_window(client))) if f is not None]
            done = distributed.as_completed(first, loop=client.loop)
            try:
                for future in done:
                    index, _ = running.pop(future.key)
                    value = future.result()
                    future.release()
                    nxt = submit_next()
                    if nxt is not None:
                        done.add(nxt)
                    bar.update(sizes[index])
                    yield index, value
            except BaseException:
                client.cancel([f for _, f in running.values()])
                raise
