"""One direction of flow: a lower layer never imports a higher one; notebooks use only the public API."""

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "lib" / "convergence"
# Every module and package of the library, by layer: a module may import its own layer and those below.
LAYERS = {
    **dict.fromkeys(
        ("errors", "paths", "csvsafe", "arrowio", "yamlio", "keys", "verdicts", "deprecated"), 0
    ),  # base: imported by any layer
    "engine": 1,
    "ingest": 2,
    "tagging": 3,
    "pipeline": 4,
    "measure": 5,
    "charts": 6,
    "evaluate": 6,
    "explore": 7,
    "report": 7,
    "cli": 8,
}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "convergence" or len(parts) < 2:
        return None
    return LAYERS.get(parts[1])


def test_every_module_has_a_layer():
    names = {p.stem for p in PKG.glob("*.py") if p.stem != "__init__"}
    names |= {p.parent.name for p in PKG.glob("*/__init__.py")}
    assert sorted(names - set(LAYERS)) == []


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg_parts = ["convergence", *path.relative_to(PKG).with_suffix("").parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg_parts[: len(pkg_parts) - node.level]
                mod = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    yield from (f"{mod}.{a.name}" for a in node.names)
                else:
                    yield mod
            elif node.module:
                yield node.module
                if node.module == "convergence":
                    yield from (f"convergence.{a.name}" for a in node.names)


def test_lower_layers_never_import_higher_ones():
    bad = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).with_suffix("").parts
        own = LAYERS.get(rel[0])
        if own is None:
            continue
        for mod in _imports(path):
            other = _layer(mod)
            if other is not None and other > own:
                bad.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert not bad, bad


def test_notebooks_import_only_the_public_api():
    bad = []
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            src = "".join(cell["source"])
            for line in src.splitlines():
                stripped = line.strip()
                if stripped.startswith(("def ", "class ")):
                    bad.append(f"{nb.name}: defines {stripped}")
                if stripped.startswith(("from convergence.", "import convergence.")):
                    mod = stripped.split()[1]
                    if mod not in ("convergence.charts", "convergence.report", "convergence.explore"):
                        bad.append(f"{nb.name}: imports private module {mod}")
    assert not bad, bad


def test_measure_modules_import_as_modules():
    import importlib
    import types

    import convergence as cv

    for name in ("convergence", "evidence", "keyness", "kwic", "positions", "salience"):
        module = importlib.import_module(f"convergence.measure.{name}")
        assert isinstance(module, types.ModuleType)
        assert getattr(importlib.import_module("convergence.measure"), name) is module
        assert getattr(cv, name) is getattr(module, name)  # the public API gives the function


def test_one_verdicts_constant():
    from convergence import charts, evaluate, verdicts
    from convergence.measure import convergence

    assert verdicts.VERDICTS == ("convergent", "mixed", "divergent", "insufficient")
    assert charts.VERDICTS is evaluate.VERDICTS is convergence.VERDICTS is verdicts.VERDICTS
    defined = [
        str(path.relative_to(ROOT))
        for path in PKG.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "VERDICTS" for t in node.targets)
    ]
    assert defined == ["lib/convergence/verdicts.py"]
