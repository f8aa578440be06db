"""One direction of flow: a lower layer never imports a higher one; notebooks use only the public API."""

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "lib" / "convergence"
ORDER = ["paths", "engine", "ingest", "tagging", "pipeline", "measure", "charts", "report", "cli"]


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "convergence" or len(parts) < 2:
        return None
    return ORDER.index(parts[1]) if parts[1] in ORDER else None


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
        own = ORDER.index(rel[0]) if rel[0] in ORDER else None
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
