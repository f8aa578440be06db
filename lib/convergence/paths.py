"""Where relative paths are taken from: the current folder on the command line, the project folder in code.

Two rules, each predictable: a path typed on the command line is relative to the folder the command runs in
(:func:`from_cwd`); a relative path in a notebook or a papermill parameter is relative to the project folder,
wherever the notebook runs (:func:`resolve`). Either way a path that must exist and does not is a one-line
:class:`PathNotFoundError` naming the absolute path that was tried.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ConvergenceError

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


class PathNotFoundError(ConvergenceError, FileNotFoundError):
    """A path that must exist does not; the message names the absolute path tried."""


def _checked(p: Path, must_exist: bool, origin: str) -> Path:
    if must_exist and not os.path.lexists(p):
        raise PathNotFoundError(f"no such file or folder: {p} ({origin})")
    return p


def resolve(
    path: str | os.PathLike, *, root: str | os.PathLike | None = None, must_exist: bool = False
) -> Path:
    """An absolute path: absolute paths are kept, relative ones are taken from the project root (or ``root``).

    The rule of notebooks and papermill parameters. ``must_exist=True`` raises :class:`PathNotFoundError`
    naming the absolute path tried when nothing is there.
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return _checked(p, must_exist, "absolute path")
    base = Path(root) if root else project_root()
    return _checked(base / p, must_exist, f"relative paths are taken from the project folder {base}")


def from_cwd(path: str | os.PathLike, *, must_exist: bool = False) -> Path:
    """An absolute path, a relative one taken from the current folder: the rule of the command line.

    ``..`` parts are removed but symbolic links are kept as the user named them. ``must_exist=True`` raises
    :class:`PathNotFoundError` naming the absolute path tried when nothing is there.
    """
    p = Path(path).expanduser()
    if p.is_absolute():
        return _checked(Path(os.path.abspath(p)), must_exist, "absolute path")
    return _checked(Path(os.path.abspath(p)), must_exist, f"relative to the current folder {os.getcwd()}")


def atomic_write(path: str | os.PathLike, write) -> Path:
    """Write a file atomically: ``write(tmp)`` fills a temporary file beside ``path``, which is then given the
    usual permissions (0666 minus the umask) and renamed over ``path``; on any failure the temporary file is
    removed and ``path`` is untouched. Returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
