"""Locate the project root so notebooks and the CLI resolve paths the same way wherever they start."""

from __future__ import annotations

import os
from pathlib import Path

_MARKER = "pyproject.toml"


def _is_root(path: Path) -> bool:
    marker = path / _MARKER
    if not marker.is_file():
        return False
    try:
        return 'name = "convergence"' in marker.read_text(encoding="utf-8")
    except OSError:
        return False


def project_root(start: str | os.PathLike | None = None) -> Path:
    """The folder holding the project's ``pyproject.toml``.

    Looks upward from ``start`` (default: the working directory), then from this package's own location
    (an editable install lives in ``<root>/lib/convergence``). ``CONVERGENCE_ROOT`` overrides both.
    Falls back to the working directory when no project is found (a plain ``pip install``).
    """
    env = os.environ.get("CONVERGENCE_ROOT")
    if env:
        return Path(env).resolve()
    for origin in (Path(start or os.getcwd()).resolve(), Path(__file__).resolve().parent):
        for candidate in (origin, *origin.parents):
            if _is_root(candidate):
                return candidate
    return Path(os.getcwd()).resolve()


def resolve(path: str | os.PathLike, *, root: str | os.PathLike | None = None) -> Path:
    """An absolute path: absolute paths are kept, relative ones are taken from the project root."""
    p = Path(path).expanduser()
    if p.is_absolute():
        return p
    return (Path(root) if root else project_root()) / p
