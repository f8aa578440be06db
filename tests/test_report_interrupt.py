"""Ctrl-C ends a report with one line and exit status 130, an index of what finished and what was
interrupted, and the next run reuses the finished reports. A folder holding another corpus's report or the
user's own files is refused unless --force, and the user's files are never deleted."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from convergence.report.folder import ForeignFolderError, check_output_folder

ROOT = Path(__file__).resolve().parents[1]
ISSUES = "counterterrorism,kashmir,afghanistan,india"


def _as_in_a_terminal() -> None:
    # A command typed in a terminal gets Ctrl-C; one started in the background of a script inherits SIGINT
    # ignored (and Python then installs no KeyboardInterrupt), so the report is started as the former
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _report(out: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "convergence.cli", "report", "seeds", "--out", str(out), "--issues", ISSUES]
    return subprocess.Popen(
        [*cmd, "--no-progress", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_in_a_terminal,
    )


@pytest.mark.slow
def test_sigint_ends_with_130_one_line_and_an_index_then_the_next_run_reuses(tmp_path):
    out = tmp_path / "out"
    proc = _report(out)
    lines = []
    deadline = time.monotonic() + 600
    for line in proc.stdout:  # wait for the first finished notebook
        lines.append(line)
        if "[ok]" in line or time.monotonic() > deadline:
            break
    assert any("[ok]" in x for x in lines), lines
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, (proc.returncode, err)
    assert "Traceback" not in err and "Traceback" not in rest, err
    assert "[FAILED]" not in rest and "[INTERRUPTED]" not in rest
    assert len([x for x in (rest + err).splitlines() if "interrupted" in x.lower()]) == 1, rest + err
    index = (out / "index.html").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["interrupted"] is True and manifest["ok"] is False
    statuses = {r["name"]: r["status"] for r in manifest["reports"]}
    done = [n for n, s in statuses.items() if s == "completed"]
    assert done and "interrupted" in statuses.values(), statuses
    assert set(statuses.values()) <= {"completed", "interrupted"}
    assert "interrupted" in index
    for r in manifest["reports"]:
        if r["status"] == "completed":
            assert (out / r["html"]).is_file()

    again = subprocess.run(
        [sys.executable, "-m", "convergence.cli", "report", "seeds", "--out", str(out), "--issues", ISSUES,
         "--no-progress"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    reused = {r["name"] for r in manifest["reports"] if r["reused"]}
    assert set(done) <= reused


def test_a_folder_with_the_users_files_is_refused_and_never_emptied(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>my own page</p>", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ForeignFolderError, match=r"files this tool did not write \(index.html, notes.txt\)"):
        check_output_folder(out, corpus=["/data/a"], force=False, say=lambda *_: None)
    said = []
    check_output_folder(out, corpus=["/data/a"], force=True, say=said.append)
    assert (out / "index.html.user-1").read_text(encoding="utf-8") == "<p>my own page</p>"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # not in the way: left alone
    assert not (out / "index.html").exists() and "index.html.user-1" in said[0]


def test_a_folder_holding_another_corpus_report_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    manifest = {
        "key": "k",
        "reports": [],
        "parameters": {"paths": ["/data/first"]},
        "written": ["index.html"],
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "index.html").write_text("<html></html>", encoding="utf-8")
    check_output_folder(out, corpus=["/data/first"], force=False, say=print)  # same corpus: fine
    with pytest.raises(ForeignFolderError, match="another corpus .*/data/first.*--force"):
        check_output_folder(out, corpus=["/data/second"], force=False, say=print)
    check_output_folder(out, corpus=["/data/second"], force=True, say=print)
    assert (out / "index.html").exists()  # the tool's own file: replaced by the run, not moved


def test_the_command_line_refuses_in_one_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("mine", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "convergence.cli", "report", "seeds", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "refusing to write the report into" in res.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "mine"


def test_report_help_explains_every_option():
    res = subprocess.run(
        [sys.executable, "-m", "convergence.cli", "report", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0
    import argparse

    from convergence.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for action in sub.choices["report"]._actions:
        assert action.help and action.help != argparse.SUPPRESS, action.option_strings
    for option in ("--by", "--since", "--until", "--publisher", "--doc-type", "--corrections", "--force"):
        assert option in res.stdout
