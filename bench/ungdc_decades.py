"""UN General Debate: Pakistan's and the United States' speeches by decade -- salience and convergence.

    .venv/bin/python bench/ungdc_decades.py [--from 1950] [--to 2024] [--n-boot 500] [--by-year ISSUE]

Reads ../shared/corpora/UNGDC_1946-2024.tgz at run time (the corpus is never copied into the project):
the PAK and USA speech files are extracted to a temporary folder and parsed with the file-name pattern
``{country}_{session}_{year}.txt``; the speaker (country) is the holder by default. ``--by-year ISSUE``
also prints both countries' positions on the issue's dimensions speech year by speech year (where a
decade's verdict is not settled, this shows in which years the two speeches stood close).
"""

from __future__ import annotations

import argparse
import re
import tarfile
import tempfile
import time
from pathlib import Path

import convergence as cv
import pandas as pd
from convergence.paths import project_root

ARCHIVE = project_root() / ".." / "shared" / "corpora" / "UNGDC_1946-2024.tgz"
NAME = re.compile(r"(?:^|/)(PAK|USA)_(\d+)_(\d{4})\.txt$")


def extract(archive: Path, dest: Path, *, first: int, last: int) -> int:
    n = 0
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            m = NAME.search(member.name)
            if not m or not member.isfile() or "/._" in member.name:
                continue
            if not first <= int(m.group(3)) <= last:
                continue
            data = tar.extractfile(member).read()
            (dest / Path(member.name).name).write_bytes(data)
            n += 1
    return n


def load(first: int = 1946, last: int = 2024) -> pd.DataFrame:
    """Tagged sentences of the PAK and USA speeches of the given years."""
    with tempfile.TemporaryDirectory(prefix="ungdc_") as tmp:
        extract(ARCHIVE, Path(tmp), first=first, last=last)
        corpus = cv.read_corpus([Path(tmp)], use_cache=False)  # shipped file-name patterns: UN speeches
        return cv.tag(corpus)


def salience_table(tagged: pd.DataFrame) -> pd.DataFrame:
    sal = cv.salience(tagged, by="decade", actor=["PAK", "USA"], basis="speaker")
    wide = sal.pivot_table(index=["issue", "actor"], columns="group", values="share", fill_value=0.0)
    return (wide * 100).round(1)


def convergence_table(tagged: pd.DataFrame, n_boot: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    table = cv.convergence(tagged, actors=("USA", "PAK"), by="decade", n_boot=n_boot)
    cell = table.apply(
        lambda r: f"{r['verdict'][:4]} {r['index']:+.2f}" if r["index"] == r["index"] else r["verdict"][:4],
        axis=1,
    )
    wide = table.assign(cell=cell).pivot(index="issue", columns="group", values="cell").fillna("")
    return table, wide


def positions_by_year(tagged: pd.DataFrame, issue: str) -> pd.DataFrame:
    """Each speaker's position (and its number of sentences) on the issue's dimensions, year by year."""
    pos = cv.positions(tagged, actors=("USA", "PAK"), by="year", issues=[issue], n_boot=0)
    wide = pos.pivot_table(index=["dimension", "group"], columns="actor", values=["position", "n"])
    wide.columns = [f"{what}_{actor}" for what, actor in wide.columns]
    return wide.round(2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="first", type=int, default=1946)
    ap.add_argument("--to", dest="last", type=int, default=2024)
    ap.add_argument("--n-boot", type=int, default=500)
    ap.add_argument("--by-year", metavar="ISSUE", default=None, help="print both positions on ISSUE by year")
    args = ap.parse_args(argv)
    if not ARCHIVE.is_file():
        print(f"corpus not found: {ARCHIVE}")
        return 1
    t0 = time.perf_counter()
    tagged = load(args.first, args.last)
    t1 = time.perf_counter()
    speakers = tagged.groupby("doc_speaker", dropna=False)["doc_id"].nunique().to_dict()
    print(f"{len(tagged)} sentences from speeches {speakers}; parse+tag {t1 - t0:.0f} s\n")
    with pd.option_context("display.width", 200, "display.max_columns", 30, "display.max_rows", 200):
        print("Salience: % of each speaker's sentences on the issue, by decade")
        print(salience_table(tagged).to_string())
        table, wide = convergence_table(tagged, args.n_boot)
        print("\nConvergence USA-PAK by decade (verdict, index)")
        print(wide.to_string())
        print(f"\nconvergence {time.perf_counter() - t1:.0f} s")
        whole = cv.convergence(tagged, actors=("USA", "PAK"), n_boot=args.n_boot)
        print("\nWhole period")
        print(cv.format_convergence(whole))
        if args.by_year:
            print(f"\nPositions on {args.by_year} by year (mean sentence score; n sentences)")
            print(positions_by_year(tagged, args.by_year).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
