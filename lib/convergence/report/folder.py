"""Whose folder is it: a report run writes only into an empty folder or into one holding its own report of
the same corpus, unless told ``force=True``; it never deletes or overwrites a file it did not write.

The files a run wrote are those its ``manifest.json`` lists (reports, executed notebooks, exports, the
index and the manifest themselves) plus its working folders ``_data/`` and ``_jobs/`` and its lock and
run-marker files. Anything else in the folder is the user's. With ``force=True`` a user's file that has
the name of a file the run may write (``index.html``, ``reports/10-...``) is first renamed to
``<name>.user-<n>`` (the run says so), and every other user's file stays where it is.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from convergence.report.safety import LOCK_NAME, MARKER_NAME, ReportError

OWN_FOLDERS = ("_data", "_jobs")
FIXED_OUTPUTS = (
    "index.html",
    "manifest.json",
    "verdicts.csv",
    "evidence.csv",
    "convergence.xlsx",
    "pairs.html",
    "pairs.csv",
)
_IGNORED = {LOCK_NAME, MARKER_NAME, ".gitkeep", ".DS_Store"}


class ForeignFolderError(ReportError):
    """The output folder holds another corpus's report or files the report did not write."""


def _manifest(out: Path) -> dict | None:
    try:
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and "key" in data and isinstance(data.get("reports"), list):
        return data
    return None


def _marker(out: Path) -> dict | None:
    try:
        data = json.loads((out / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def own_files(out: Path) -> set[str]:
    """Paths (relative to ``out``, with ``/``) that an earlier run of the tool wrote there."""
    own: set[str] = set()
    manifest = _manifest(out)
    entries = list((manifest or {}).get("reports", []))
    marker = _marker(out)
    if marker:
        entries += list((marker.get("reports") or {}).values())
        own.update(str(f) for f in marker.get("written") or [])
    for entry in entries:
        if isinstance(entry, dict):
            own.update(str(entry[k]) for k in ("html", "ipynb") if entry.get(k))
    if manifest:
        own.update(FIXED_OUTPUTS[:2])
        own.update(str(f) for f in manifest.get("exports", []) or [])
        own.update(str(f) for f in manifest.get("written", []) or [])
    return own


def _files(out: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(out):
        rel_root = Path(root).relative_to(out)
        if rel_root == Path("."):
            dirs[:] = [d for d in dirs if d not in OWN_FOLDERS]
        for name in files:
            rel = (rel_root / name).as_posix()
            if name in _IGNORED or (name.startswith(".") and name.endswith((".tmp", ".partial.ipynb"))):
                continue
            found.append(rel.removeprefix("./"))
    return sorted(found)


def check_output_folder(out: Path, *, corpus: list[str], force: bool, say=print) -> set[str]:
    """Refuse (:class:`ForeignFolderError`, one line) to write a report into ``out`` when it holds another
    corpus's report or files the tool did not write, unless ``force``; with ``force``, move the user's
    files that a run would overwrite out of the way (renamed, never deleted). Returns the files earlier
    runs wrote there (the new run records them as its own, so a killed run's files stay known)."""
    if not out.is_dir():
        return set()
    manifest = _manifest(out)
    own = own_files(out)
    foreign = [f for f in _files(out) if f not in own]
    other = None
    if manifest is not None:
        before = [str(p) for p in (manifest.get("parameters") or {}).get("paths", [])]
        if before and sorted(before) != sorted(str(p) for p in corpus):
            other = before
    if not force and (foreign or other):
        if other:
            why = f"it holds the report of another corpus ({', '.join(other)[:200]})"
        else:
            shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
            why = f"it holds files this tool did not write ({shown})"
        raise ForeignFolderError(
            f"refusing to write the report into {out}: {why}; choose another --out, or add --force "
            "(your files are kept)"
        )
    for rel in foreign:
        if rel in FIXED_OUTPUTS or re.match(r"reports/\d\d-[^/]*$", rel):
            src = out / rel
            n = 1
            while (dst := src.with_name(f"{src.name}.user-{n}")).exists():
                n += 1
            os.replace(src, dst)
            say(f"kept your {rel} as {dst.relative_to(out).as_posix()} (the report writes {rel})")
    return own
