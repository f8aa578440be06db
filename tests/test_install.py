"""A user's first install: a venv made with `python3.11 -m venv` (its own old pip, not upgraded), the
project installed from this checkout with `pip install -e .`, then `convergence parse` on a saved web page, a
PDF and a Word file. Catches a dependency that is only there by luck (trafilatura needs lxml_html_clean,
which that pip does not pull in by itself) and a module the code imports but the package does not declare.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from fixtures.documents import docx_bytes, pdf_bytes
from fixtures.hostile import body

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "tests" / "fixtures" / "ingest" / "page.html").read_bytes()
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "outputs", "__pycache__", "build", "*.egg-info", ".pytest_cache"
)


def _run(cmd, *, env, cwd, timeout):
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done


@pytest.mark.slow
def test_fresh_venv_with_its_own_pip_installs_and_parses_html_pdf_docx(tmp_path):
    python = shutil.which("python3.11")
    if python is None:
        pytest.skip("python3.11 is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CONVERGENCE_ROOT", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["CONVERGENCE_CACHE"] = str(tmp_path / "cache")
    checkout = tmp_path / "checkout"  # a copy, so the build writes nothing into the working tree
    shutil.copytree(ROOT, checkout, ignore=IGNORED, symlinks=True)
    venv = tmp_path / "venv"
    started = time.monotonic()
    _run([python, "-m", "venv", str(venv)], env=env, cwd=tmp_path, timeout=300)
    pip_version = _run([venv / "bin" / "python", "-m", "pip", "--version"], env=env, cwd=tmp_path, timeout=60)
    assert pip_version.stdout.startswith("pip 23."), pip_version.stdout  # the pip python3.11 ships
    _run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "-e", "."],
        env=env,
        cwd=checkout,
        timeout=1800,
    )
    installed = time.monotonic() - started

    docs = tmp_path / "mydocs"
    docs.mkdir()
    (docs / "page.html").write_bytes(PAGE)
    (docs / "statement.pdf").write_bytes(pdf_bytes([body("installpdfmark")], title="Installed PDF"))
    (docs / "paper.docx").write_bytes(docx_bytes([body("installdocxmark")], title="Installed DOCX"))
    work = tmp_path / "work"
    work.mkdir()
    shutil.move(str(docs), work / "mydocs")
    done = _run(
        [venv / "bin" / "convergence", "parse", "mydocs", "--out", "parsed", "--no-progress"],
        env=env,
        cwd=work,
        timeout=600,
    )
    assert "nothing skipped" in done.stdout, done.stdout
    articles = pd.read_parquet(work / "parsed" / "articles.parquet")
    assert sorted(articles["format"]) == ["docx", "html", "pdf"]
    text = "\n".join(articles["text"])
    assert "installpdfmark" in text and "installdocxmark" in text
    print(f"\nfresh venv + pip install -e . took {installed:.0f} s", file=sys.stderr)
