"""YAML data files read with the line of every entry, so that a mistake is reported as ``path:line: what``."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .errors import ConvergenceError

__all__ = ["LineDict", "LineList", "at", "kind_of", "line_of", "read_yaml"]


class LineDict(dict):
    """A YAML mapping that remembers where it was written: ``line`` (1-based) and ``lines[key]``."""

    line: int | None = None
    lines: dict


class LineList(list):
    """A YAML sequence that remembers ``line`` (1-based) and ``lines[i]`` of each item."""

    line: int | None = None
    lines: list


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _LineLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` whose mappings and sequences carry line numbers; a repeated key is an error."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line, data.lines = node.start_mark.line + 1, {}
    yield data
    own = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own  # "<<: *anchor" pairs come first and may be overridden
    written: set = set()
    for i, (key_node, value_node) in enumerate(node.value):
        key = loader.construct_object(key_node, deep=False)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            ) from None
        if key in written:
            raise _DuplicateKey(
                None,
                None,
                f"duplicate key {key!r} (first at line {data.lines[key]})",
                key_node.start_mark,
            )
        data[key] = loader.construct_object(value_node, deep=False)
        data.lines[key] = key_node.start_mark.line + 1
        if i >= merged:
            written.add(key)


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode):
    data = LineList()
    data.line, data.lines = node.start_mark.line + 1, [n.start_mark.line + 1 for n in node.value]
    yield data
    data.extend(loader.construct_object(n, deep=False) for n in node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

if getattr(yaml, "__with_libyaml__", False):

    class _FastLineLoader(yaml.CSafeLoader):
        """The same loader on libyaml's parser (about ten times faster; the same values and lines)."""

    _FastLineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    _FastLineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLineLoader = None


def _load(text: str):
    """``text`` parsed by libyaml when it is there; a file it cannot read is read again by the pure-Python
    parser, whose error (its words, its line) is the one reported."""
    if _FastLineLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a CSafeLoader subclass
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def line_of(container, key=None) -> int | None:
    """The 1-based line of ``container[key]`` (or of the container itself) when it came from a YAML file."""
    lines = getattr(container, "lines", None)
    if key is not None and lines is not None:
        try:
            return lines[key]
        except (KeyError, IndexError, TypeError):
            pass
    return getattr(container, "line", None)


def at(path, line: int | None) -> str:
    """``path:line`` (or ``path`` when the line is unknown), the prefix of every data-file error."""
    return f"{path}:{line}" if line else f"{path}"


def read_yaml(
    path: str | os.PathLike, *, error: type[Exception] = ConvergenceError, what: str = "data file"
) -> LineDict:
    """Parse the YAML file ``path`` into :class:`LineDict` / :class:`LineList` values with line numbers.

    A syntax error, a repeated key, unreadable bytes or a top level that is not a mapping raise ``error``
    (the loader's own error class, e.g. ``TagDataError`` or ``MeasureError``) with the message
    ``path:line: what is wrong``.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{p}: cannot read YAML: the {what} is not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise error(f"{p}: cannot read YAML: {exc.strerror or exc}") from exc
    try:
        data = _load(text)
    except yaml.MarkedYAMLError as exc:
        # The construct being read (an unclosed bracket, a key without ':') is where the mistake is; the
        # parser notices it later, often at the end of the file.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        if exc.context_mark is not None and exc.problem_mark is not None:
            noticed = exc.problem_mark.line + 1
            if noticed != line:
                problem += f" (noticed at line {noticed})"
        raise error(f"{at(p, line)}: cannot read YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise error(f"{p}: cannot read YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise error(f"{at(p, 1)}: expected a mapping at the top level, got {kind_of(data)}")
    return data


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        LineDict: "a mapping",
        list: "a list",
        LineList: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
