"""The batch report on real data from ../shared (White House briefings): completes, self-contained, hashed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from convergence import report

ROOT = Path(__file__).resolve().parents[1]
BRIEFINGS = ROOT.parent / "shared" / "corpora" / "wh-briefings_pakistan_2021-2026.tgz"


@pytest.mark.corpora
@pytest.mark.slow
@pytest.mark.skipif(not BRIEFINGS.is_file(), reason="needs ../shared/corpora")
def test_report_on_white_house_briefings(tmp_path):
    result = report.run_report(
        [BRIEFINGS], out=tmp_path, issues=["afghanistan", "counterterrorism"], timeout=300, quiet=True
    )
    assert result.ok, [(r["name"], r["error"]) for r in result.failures]
    manifest = json.loads(result.manifest.read_text(encoding="utf-8"))
    assert manifest["corpus"]["articles"] > 40
    assert manifest["inputs"][0]["sha256"] and manifest["inputs"][0]["bytes"] == BRIEFINGS.stat().st_size
    assert {s["issue"] for s in manifest["summary"]} == {"afghanistan", "counterterrorism"}
    for r in result.reports:
        page = (result.out / r["html"]).read_text(encoding="utf-8")
        assert "<script" not in page.lower()
        remote = re.findall(r"""<(?!a\b)\w+[^>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.I)
        assert remote == [], r["name"]
