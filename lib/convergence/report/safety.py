"""Safe report output: file names from user data, paths kept inside the output folder, one writer at a time.

* :func:`safe_stem` turns any name (an issue slug from a user's taxonomy, an actor code, a title) into a
  file stem of ``[A-Za-z0-9_-]``, at most ``max_length`` characters; a name that had to change gets a short
  hash of the original, so two different names never share a file.
* :func:`inside` raises :class:`UnsafePathError` for a path that does not resolve inside the output folder
  (``..``, an absolute path, a symbolic link pointing elsewhere).
* :class:`RunLock` takes ``<out>/.convergence.lock`` with ``fcntl.flock`` (non-blocking): a second run into
  the same folder fails at once with :class:`ReportLockedError` naming the running one. The kernel drops the
  lock when its process dies, so a killed run never blocks the next one.
* :class:`RunMarker` is ``<out>/.convergence-run.json``, present only while a run writes (pid, host, start
  time and the reports finished so far, with their sha256). Finding one means the previous run was killed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from convergence.errors import ConvergenceError

LOCK_NAME = ".convergence.lock"
MARKER_NAME = ".convergence-run.json"

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
# Names Windows refuses for a file whatever the extension (a report folder is often copied to Windows).
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9]|conin\$|conout\$)$")


class ReportError(ConvergenceError, RuntimeError):
    """A report run that cannot go ahead; the message says why and what to do."""


class ReportLockedError(ReportError):
    """Another report run is writing to the same output folder."""


class UnsafePathError(ReportError):
    """A path built from user data would land outside the output folder."""


def safe_stem(name, *, max_length: int = 80) -> str:
    """``name`` as a file stem of ASCII letters, digits, ``_`` and ``-``, at most ``max_length`` long.

    A name that is already such a stem (and not a reserved device name) is kept as it is. Any other name is
    transliterated where Unicode allows ("Côte" -> "Cote"), every other run of characters becomes ``_``, and
    ``-`` plus 10 hex digits of the sha256 of the original name are appended, so two different names never
    give the same stem: ``"../../etc/x"`` -> ``"etc_x-<hash>"``, ``"a/b"`` -> ``"a_b-<hash>"``.
    """
    if not isinstance(max_length, int) or max_length < 16:
        raise ValueError(f"safe_stem: max_length must be an integer >= 16, got {max_length!r}")
    text = "" if name is None else str(name)
    if re.fullmatch(r"[A-Za-z0-9_-]+", text) and len(text) <= max_length and not _RESERVED.match(text):
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("_", ascii_text).strip("_-") or "name"
    stem = stem[: max_length - len(digest) - 1].rstrip("_-") or "name"
    return f"{stem}-{digest}"


def inside(root: str | os.PathLike, path: str | os.PathLike) -> Path:
    """``path`` resolved (symbolic links followed), after checking it lies inside ``root``.

    Raises :class:`UnsafePathError` otherwise. ``path`` may be relative to ``root``.
    """
    base = Path(root).resolve()
    target = Path(path)
    if not target.is_absolute():
        target = base / target
    if "\x00" in str(target):
        raise UnsafePathError(f"refusing to write {str(target)!r}: the name contains a NUL character")
    resolved = target.resolve()
    if resolved != base and not resolved.is_relative_to(base):
        raise UnsafePathError(
            f"refusing to write {target}: it resolves to {resolved}, outside the output folder {base}"
        )
    return resolved


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _owner() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": _now()}


class RunLock:
    """An exclusive, non-blocking ``flock`` on ``<out>/.convergence.lock`` for the length of a run.

    ``with RunLock(out):`` raises :class:`ReportLockedError` at once when another process holds it. The lock
    file stays (removing it would let two runs lock different files); its content is the holder's pid, host
    and start time, for the message the next run prints.
    """

    def __init__(self, out: str | os.PathLike):
        self.out = Path(out)
        self.path = self.out / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read_owner(fd)
            os.close(fd)
            who = f"pid {holder.get('pid', '?')}"
            if holder.get("host") and holder["host"] != socket.gethostname():
                who += f" on {holder['host']}"
            raise ReportLockedError(
                f"another convergence report ({who}, started {holder.get('started', 'at an unknown time')}) "
                f"is writing to {self.out}; wait for it or use another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(_owner()) + "\n").encode("utf-8"), 0)
        self._fd = fd
        return self

    def leave_to_parent(self) -> None:
        """In a process forked while the lock is held: close this process's copy of the descriptor, without
        unlocking (the lock belongs to the open file, which the parent keeps). A forked child that kept the
        copy would hold the lock after the parent died, and the next run would be refused until it ended."""
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def release(self) -> None:
        if self._fd is None:
            return
        import fcntl

        with contextlib.suppress(OSError):
            os.ftruncate(self._fd, 0)
        with contextlib.suppress(OSError):
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_owner(fd: int) -> dict:
    try:
        raw = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        data = json.loads(raw) if raw.strip() else {}
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


class RunMarker:
    """``<out>/.convergence-run.json`` while a run writes: pid, host, start time, finished reports.

    ``stale()`` is the marker a killed run left behind (read before a new run starts); ``start()`` writes a
    fresh one; ``record(name, entry)`` adds a finished report atomically; ``finish()`` removes the marker
    once ``index.html`` and ``manifest.json`` are written.
    """

    def __init__(self, out: str | os.PathLike):
        self.path = Path(out) / MARKER_NAME
        self.state: dict = {}

    def stale(self) -> dict | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None if not self.path.exists() else {}
        return data if isinstance(data, dict) else {}

    def start(self, **extra) -> None:
        self.state = {**_owner(), "reports": {}, **extra}
        self._write()

    def record(self, name: str, entry: dict) -> None:
        self.state.setdefault("reports", {})[name] = entry
        self._write()

    def add_written(self, files) -> None:
        """Record files (relative to the folder) this run writes besides its reports, before writing them."""
        self.state["written"] = sorted(set(self.state.get("written") or []) | {str(f) for f in files})
        self._write()

    def set_reports(self, reports: dict) -> None:
        self.state["reports"] = dict(reports)
        self._write()

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        from convergence.report.html import write_text_atomic

        write_text_atomic(self.path, json.dumps(self.state, indent=1, default=str) + "\n")


def remove_leftovers(
    out: str | os.PathLike, folders=("", "reports", "_data", "_data/issues", "_jobs")
) -> list[Path]:
    """Delete what a killed run can leave: temporary files (``.*.tmp``, ``.*.partial.ipynb``) and job files.

    Call only while holding :class:`RunLock`. Returns the removed paths.
    """
    out = Path(out)
    removed = []
    for sub in folders:
        folder = out / sub if sub else out
        if not folder.is_dir() or folder.is_symlink():
            continue
        for f in folder.iterdir():
            name = f.name
            temp = name.startswith(".") and (name.endswith(".tmp") or name.endswith(".partial.ipynb"))
            job = sub == "_jobs" and (name.endswith(".job.json") or name.endswith(".result.json"))
            if (temp or job) and (f.is_file() or f.is_symlink()):
                with contextlib.suppress(OSError):
                    f.unlink()
                    removed.append(f)
    return removed


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def files_match(out: str | os.PathLike, entry: dict, keys=("html", "ipynb")) -> bool:
    """Whether each file ``entry[key]`` (relative to ``out``) exists with the sha256 ``entry[key_sha256]``."""
    out = Path(out)
    for key in keys:
        rel, digest = entry.get(key), entry.get(f"{key}_sha256")
        if not rel or not digest:
            return False
        try:
            path = inside(out, rel)
            if not path.is_file() or sha256_file(path) != digest:
                return False
        except (OSError, UnsafePathError):
            return False
    return True
