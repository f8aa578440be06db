"""YAML data files are read by libyaml's parser when PyYAML has it: the same values and lines as the
pure-Python parser, and a malformed file still reports the pure-Python parser's words and line."""

from pathlib import Path

import pytest
import yaml
from convergence import yamlio
from convergence.errors import ConvergenceError

DATA = Path(yamlio.__file__).resolve().parent / "data"


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if getattr(a, "line", None) != getattr(b, "line", None) or getattr(a, "lines", None) != getattr(
        b, "lines", None
    ):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@pytest.mark.skipif(yamlio._FastLineLoader is None, reason="PyYAML without libyaml")
def test_libyaml_reads_every_shipped_file_as_the_python_parser_does():
    files = sorted(DATA.glob("*.yaml"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yaml.load(text, Loader=yamlio._FastLineLoader)  # noqa: S506 - a CSafeLoader subclass
        slow = yaml.load(text, Loader=yamlio._LineLoader)  # noqa: S506 - a SafeLoader subclass
        assert _same(fast, slow), path.name
        assert _same(yamlio.read_yaml(path), slow), path.name


def test_mistakes_are_reported_with_their_line(tmp_path):
    cases = {
        "a: 1\nb: [1, 2\nc: 3\n": "cannot read YAML",
        "a: 1\nb: 2\na: 3\n": "duplicate key 'a' (first at line 1)",
        "- 1\n- 2\n": "expected a mapping at the top level",
    }
    for k, (text, words) in enumerate(cases.items()):
        path = tmp_path / f"bad{k}.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConvergenceError, match=r"bad\d\.yaml:\d+: ") as err:
            yamlio.read_yaml(path)
        assert words in str(err.value)
        try:  # the same message as the pure-Python parser gives on its own
            yaml.load(text, Loader=yamlio._LineLoader)  # noqa: S506
        except yaml.MarkedYAMLError as exc:
            mark = exc.context_mark or exc.problem_mark
            assert f"bad{k}.yaml:{mark.line + 1}: " in str(err.value)
