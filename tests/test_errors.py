"""Every error class of the library is a ConvergenceError, so a caller (and the CLI) can catch them all."""

import ast
from pathlib import Path

import pytest
from convergence.errors import ConvergenceError

PKG = Path(__file__).resolve().parents[1] / "lib" / "convergence"


def _error_classes() -> dict[str, tuple[str, list[str]]]:
    """Every class named ``...Error`` in the library: name -> (where, names of its bases)."""
    found = {}
    for path in sorted(PKG.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error") and node.name[0] != "_":
                bases = [b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases]
                found[node.name] = (f"{path.relative_to(PKG)}:{node.lineno}", bases)
    return found


def test_every_library_error_derives_from_convergence_error():
    classes = _error_classes()
    assert {"TagError", "TagDataError", "MeasureError", "ReportError", "FrameFileError"} <= set(classes)

    def derives(name: str, seen=()) -> bool:
        if name == "ConvergenceError":
            return True
        if name not in classes or name in seen:
            return False
        return any(derives(base, (*seen, name)) for base in classes[name][1])

    bad = [f"{where} {name}{tuple(bases)}" for name, (where, bases) in classes.items() if not derives(name)]
    assert not bad, bad


@pytest.mark.parametrize(
    "module, name",
    [
        ("convergence.report.safety", "ReportError"),
        ("convergence.arrowio", "FrameFileError"),
        ("convergence.tagging.core", "TagError"),
        ("convergence.evaluate", "ValidationError"),
    ],
)
def test_errors_are_caught_as_one(module, name):
    import importlib

    cls = getattr(importlib.import_module(module), name)
    with pytest.raises(ConvergenceError, match="what went wrong"):
        raise cls("what went wrong")


def test_cli_prints_a_report_error_in_one_line(tmp_path, capsys):
    from convergence import cli

    out = tmp_path / "out"
    out.write_text("a file where the output folder should be", encoding="utf-8")
    corpus = Path(__file__).resolve().parent / "fixtures" / "corpus_small"
    code = cli.main(["report", str(corpus), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("convergence: error: ") and err.count("\n") == 1 and "is a file" in err
