"""environment.yml (conda users) and pyproject.toml (pip) must list the same dependencies."""

import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs.extend(extra)
    return {r.replace(" ", "").lower() for r in reqs}


def _environment_requirements() -> set[str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_block = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return {r.replace(" ", "").lower() for r in pip_block if not r.startswith("-e")}


def test_environment_yml_matches_pyproject():
    assert _pyproject_requirements() == _environment_requirements()


def test_environment_python_matches_requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pythons = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert pythons == ["python" + project["requires-python"]]


def test_package_data_globs_name_files_that_exist():
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    where = ROOT / tool["package-dir"][""]
    for package, globs in tool["package-data"].items():
        folder = where / package.replace(".", "/")
        for pattern in globs:
            assert [p for p in folder.glob(pattern) if p.is_file()], f"{package}: {pattern} matches no file"


def test_tests_keep_their_caches_out_of_the_users_home():
    from convergence.ingest.reader import default_cache_dir

    cache = default_cache_dir()
    assert cache != Path.home() / ".cache" / "convergence"
    assert not str(cache).startswith(str(Path.home() / ".cache"))
