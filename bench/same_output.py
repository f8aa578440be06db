"""Check that a change leaves the results alone: the tagged table and the convergence table of a corpus, saved
once from the code before the change and compared cell by cell with the code after it.

    .venv/bin/python bench/same_output.py save /tmp/ref --lib /path/to/old/lib    # before the change
    .venv/bin/python bench/same_output.py compare /tmp/ref                         # after it
    .venv/bin/python bench/same_output.py compare /tmp/ref --corpus dawn

The work is bench/bench_attribution.py's: ``tag_files([corpus], keep="tagged")`` on an empty cache, then
``convergence(..., actors=("USA", "PAK"), by=...)``, in a fresh process (``--lib`` puts another version's
``lib`` folder first). Tables are written as Arrow IPC files (``convergence.arrowio``) in the folder given,
which should be outside the repository: the tagged table holds sentences of the corpora. ``compare`` checks
columns, dtypes, index, attrs and every cell (``repr`` of list and dict cells, so NaN inside them counts as
equal) and exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_attribution import CORPUS

_CHILD = """
import sys, tempfile
import convergence as cv
from convergence.arrowio import write_frame
corpus, by, out = sys.argv[1], sys.argv[2], sys.argv[3]
with tempfile.TemporaryDirectory(prefix="same-output-") as cache:
    tagged = cv.tag_files([corpus], keep="tagged", cache_dir=cache)
table = cv.convergence(tagged, actors=("USA", "PAK"), by=by, n_boot=200)
write_frame(tagged, out + "/tagged.arrow")
write_frame(table, out + "/convergence.arrow")
"""


def _write(corpus: Path, by: str, folder: Path, lib: str | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="same-output-parses-") as parses:
        env["CONVERGENCE_CACHE"] = parses  # the parse cache too starts empty
        if lib:
            env["PYTHONPATH"] = os.pathsep.join([lib, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        subprocess.run([sys.executable, "-c", _CHILD, str(corpus), by, str(folder)], env=env, check=True)


def _differences(a, b) -> list[str]:
    """What differs between two frames (empty when they are the same)."""
    if list(a.columns) != list(b.columns):
        return [f"columns {list(a.columns)} != {list(b.columns)}"]
    out = []
    if not a.index.equals(b.index):
        out.append("index")
    if a.attrs != b.attrs:
        out.append("attrs")
    for c in a.columns:
        if a[c].dtype != b[c].dtype:
            out.append(f"{c}: dtype {a[c].dtype} != {b[c].dtype}")
        elif not (a[c].equals(b[c]) and (a[c].map(repr).to_numpy() == b[c].map(repr).to_numpy()).all()):
            out.append(f"{c}: values")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "action", choices=["save", "compare"], help="save the reference tables, or compare with them"
    )
    ap.add_argument("folder", type=Path, help="where the reference tables are (one sub-folder per corpus)")
    ap.add_argument("--corpus", choices=[*CORPUS, "all"], default="all", help="which corpus to run")
    ap.add_argument("--lib", help="a lib/ folder to import instead of this checkout's (e.g. older code)")
    args = ap.parse_args(argv)
    names = list(CORPUS) if args.corpus == "all" else [args.corpus]
    same = True
    for name in names:
        path, by = CORPUS[name]
        if not path.exists():
            print(f"{name}: {path} not found, skipped")
            continue
        if args.action == "save":
            _write(path, by, args.folder / name, args.lib)
            print(f"{name}: reference tables written to {args.folder / name}")
            continue
        from convergence.arrowio import read_frame

        with tempfile.TemporaryDirectory(prefix="same-output-new-") as tmp:
            _write(path, by, Path(tmp), args.lib)
            for part in ("tagged", "convergence"):
                ref = read_frame(args.folder / name / f"{part}.arrow")
                new = read_frame(Path(tmp) / f"{part}.arrow")
                diff = _differences(ref, new)
                same &= not diff
                shape = f"{new.shape[0]:,} rows x {new.shape[1]} columns"
                print(
                    f"{name} {part}: " + ("identical" if not diff else "DIFFERENT: " + "; ".join(diff)), shape
                )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
