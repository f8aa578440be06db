"""A report run killed at any point never looks complete, and the next run finishes it; one writer at a time.

These tests start ``convergence report`` on the project's seeds as subprocesses, SIGKILL them at several
points and run again, watching ``index.html`` and ``manifest.json`` all along.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import psutil
import pytest
from convergence.report.safety import LOCK_NAME, MARKER_NAME, ReportLockedError, RunLock, sha256_file

ROOT = Path(__file__).resolve().parents[1]
ISSUES = "counterterrorism,kashmir"  # five notebooks: overview, matrix, timeline, two issue reports

pytestmark = pytest.mark.slow


class _Run:
    """``convergence report seeds`` in a subprocess, its stdout lines read in a thread."""

    def __init__(self, out: Path, *extra: str):
        cmd = [
            sys.executable,
            "-m",
            "convergence.cli",
            "report",
            "seeds",
            "--out",
            str(out),
            "--issues",
            ISSUES,
        ]
        self.proc = subprocess.Popen(
            [*cmd, *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float, check=None) -> bool:
        """Read stdout until a line matches ``pattern``; call ``check()`` every 0.1 s meanwhile."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if check:
                check()
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    return False
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return True
        return False

    def finish(self, timeout: float, check=None) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            if check:
                check()
            time.sleep(0.1)
        code = self.proc.wait(timeout=max(1.0, end - time.monotonic()))
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def claims_are_true(out: Path) -> None:
    """What index.html and manifest.json claim is there: every completed report, whole and hashed."""
    manifest = out / "manifest.json"
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return  # replaced or removed between exists() and read: checked on the next call
        for r in data["reports"]:
            if r["status"] == "completed":
                for key in ("html", "ipynb"):
                    assert sha256_file(out / r[key]) == r[f"{key}_sha256"], (r["name"], key)
    index = out / "index.html"
    try:
        page = index.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    assert page.rstrip().endswith("</html>")
    parser = _Links()
    parser.feed(page)
    for href in parser.hrefs:
        if href.startswith("reports/") and href.endswith(".html"):
            assert (out / href).read_text(encoding="utf-8").rstrip().endswith("</html>"), href
        elif href.startswith("reports/") and href.endswith(".ipynb"):
            assert json.loads((out / href).read_text(encoding="utf-8"))["cells"], href


def no_worker_left(out: Path, timeout: float = 20.0) -> list[str]:
    """Worker processes still running for ``out`` after ``timeout`` seconds (their command line names it)."""
    end = time.monotonic() + timeout
    while True:
        left = []
        for p in psutil.process_iter(["pid", "cmdline"]):
            cmd = " ".join(p.info["cmdline"] or [])
            if "convergence.report.worker" in cmd and str(out) in cmd:
                left.append(f"{p.info['pid']}: {cmd[:200]}")
        if not left or time.monotonic() > end:
            return left
        time.sleep(0.2)


def test_killed_runs_never_look_complete_and_the_next_run_finishes(tmp_path):
    out = tmp_path / "out"
    check = lambda: claims_are_true(out)  # noqa: E731

    # 1. Killed after one second (starting up, hashing or parsing).
    run = _Run(out)
    time.sleep(1.0)
    run.kill()
    check()
    assert no_worker_left(out) == []

    # 2. Killed while the notebooks run (the five take about two seconds here: kill early in them).
    run = _Run(out)
    assert run.wait_for(r"^running \d+ notebooks", 120, check), run.seen
    time.sleep(0.2)
    run.kill()
    check()
    assert no_worker_left(out) == []
    assert not (out / "index.html").exists() and not (out / "manifest.json").exists()
    assert (out / MARKER_NAME).exists()

    # 3. Killed just after the first notebook finished.
    run = _Run(out)
    assert run.wait_for(r"did not finish", 60, check), run.seen
    assert run.wait_for(r"^\s+\[ok\] ", 240, check), run.seen
    run.kill()
    check()
    assert no_worker_left(out) == []
    marker = json.loads((out / MARKER_NAME).read_text(encoding="utf-8"))
    assert marker["reports"], "the finished report is recorded"

    # 4. Run to the end: it reuses what the killed run finished, cleans its leftovers and completes.
    run = _Run(out)
    code = run.finish(600, check)
    stdout = "".join(run.seen)
    assert code == 0, (stdout, run.proc.stderr.read())
    assert "did not finish" in stdout
    reused = re.search(r"running (\d+) notebooks on \d+ kernel\(s\); (\d+) reused", stdout)
    # the killed run may have finished every notebook before the kill landed: then all are reused
    every = re.search(r"all (\d+) notebooks unchanged: reused", stdout)
    assert (reused and int(reused.group(2)) >= 1) or (every and int(every.group(1)) >= 1), stdout
    check()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ok"] and len(manifest["reports"]) == 5
    assert all(r["status"] == "completed" and r["html_sha256"] for r in manifest["reports"])
    assert not (out / MARKER_NAME).exists()
    temp = [p for p in out.rglob("*") if p.name.endswith((".tmp", ".partial.ipynb"))]
    assert temp == [] and list((out / "_jobs").iterdir()) == []

    # 5. Unchanged rerun: every report verified by hash and reused; a tampered report is not reused.
    run = _Run(out)
    assert run.finish(120) == 0 and "reusing 5 reports" in "".join(run.seen)
    victim = out / manifest["reports"][-1]["html"]
    victim.write_text(victim.read_text(encoding="utf-8") + "<!-- edited -->", encoding="utf-8")
    run = _Run(out)
    assert run.finish(300) == 0  # (the manifest rightly disagrees with the edited file until the rerun)
    check()
    stdout = "".join(run.seen)
    assert "reusing 5 reports" not in stdout and "running 1 notebooks" in stdout, stdout


def test_a_second_run_into_the_same_folder_refuses_at_once(tmp_path):
    out = tmp_path / "out"
    first = _Run(out)
    try:
        assert first.wait_for(r"articles, \d+ sentences", 120), first.seen  # the lock is held by now
        started = time.monotonic()
        second = subprocess.run(
            [sys.executable, "-m", "convergence.cli", "report", "seeds", "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        seconds = time.monotonic() - started
        assert first.proc.poll() is None, "the first run is still going"
        assert second.returncode != 0
        assert f"another convergence report (pid {first.proc.pid}, started 20" in second.stderr
        assert f"is writing to {out}; wait for it or use another --out" in second.stderr
        assert seconds < 30  # start-up and data checks only: no parsing, no waiting
        if "convergence: error: another convergence report" in second.stderr:
            assert second.returncode == 2
    finally:
        first.kill()
    # The killed run's lock is released by the kernel: the next run goes ahead and finishes.
    third = _Run(out)
    assert third.finish(600) == 0, "".join(third.seen)


def test_a_stale_lock_file_does_not_block(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom convergence.report.safety import RunLock\n"
            f"RunLock({str(out)!r}).acquire()\nprint('locked', flush=True)\ntime.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(ReportLockedError, match=rf"pid {holder.pid}, started "):
            RunLock(out).acquire()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    assert (out / LOCK_NAME).exists()  # the file stays; the lock died with its process
    with RunLock(out):
        assert json.loads((out / LOCK_NAME).read_text(encoding="utf-8"))["pid"] == os.getpid()
