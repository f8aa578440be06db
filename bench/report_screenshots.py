"""Screenshots of a real report for the README: the index and one issue page, in headless Chromium.

    .venv/bin/python bench/report_screenshots.py            # seeds -> docs/img/index.png, issue.png
    .venv/bin/python bench/report_screenshots.py --out DIR  # keep the report folder in DIR

Runs ``convergence report seeds`` (the project's own seed texts) into a temporary folder, then opens
``index.html`` and the issue page with the most evidence in Chromium (/usr/bin/chromium, offline) and saves
a PNG of 1280 px width of each: the top of the index, the issue page from its evidence sentences on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def shoot(pages: list[tuple[Path, Path, str | None]], *, height: int) -> None:
    """Screenshot each page's viewport; when a heading text is given, scrolled to that heading."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": height})
            for source, target, heading in pages:
                page.goto(source.resolve().as_uri())
                page.wait_for_load_state("load")
                if heading:
                    page.get_by_role("heading", name=heading).first.evaluate("e => e.scrollIntoView()")
                target.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        finally:
            browser.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="report folder (default: a temporary one)")
    ap.add_argument("--height", type=int, default=1000, help="screenshot height in pixels")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cv-shots-") as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "report"
        cmd = [sys.executable, "-m", "convergence.cli", "report", "seeds", "--out", str(out), "--no-progress"]
        subprocess.run(cmd, cwd=ROOT, check=True)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        issues = [s for s in manifest["summary"] if (s.get("n_a") or 0) + (s.get("n_b") or 0) > 0]
        best = max(issues, key=lambda s: (s["n_a"] or 0) + (s["n_b"] or 0) + (s["n_relation"] or 0))
        page = next(r["html"] for r in manifest["reports"] if r.get("issue") == best["issue"])
        shoot(
            [
                (out / "index.html", ROOT / "docs/img/index.png", None),
                (out / page, ROOT / "docs/img/issue.png", "Evidence sentences"),
            ],
            height=args.height,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
