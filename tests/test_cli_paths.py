"""Paths typed on the command line are taken from the current folder; a wrong one is a one-line error."""

import shutil
from pathlib import Path

import convergence.report as report
import pytest
from convergence.cli import main
from convergence.paths import PathNotFoundError, from_cwd, project_root, resolve

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A working folder outside the project holding a copy of the seed articles in ``mydocs/``."""
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "mydocs")
    monkeypatch.chdir(work)
    monkeypatch.setenv("CONVERGENCE_CACHE", str(tmp_path / "cache"))
    return work


def _one_line_error(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("convergence: error: "), err
    return lines[0]


def test_parse_reads_and_writes_relative_to_the_current_folder(elsewhere, capsys):
    assert main(["parse", "mydocs", "--out", "parsed", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert (elsewhere / "parsed" / "articles.parquet").exists()
    assert f"tables written to {elsewhere / 'parsed'}" in out
    assert not (project_root() / "parsed").exists() and not (project_root() / "mydocs").exists()


def test_tag_and_csv_output_relative_to_the_current_folder(elsewhere):
    assert main(["tag", "mydocs", "--out", "tagged", "--format", "csv", "--no-progress"]) == 0
    assert (elsewhere / "tagged" / "sentences_tagged.csv").exists()


def test_a_missing_input_is_one_line_naming_the_absolute_path(elsewhere, capsys):
    assert main(["parse", "nothere", "--out", "parsed"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert str(elsewhere / "nothere") in line and "current folder" in line
    assert not (elsewhere / "parsed").exists(), "nothing is created for a run that cannot start"


def test_report_gets_absolute_paths_from_the_current_folder(elsewhere, monkeypatch):
    seen = {}

    def fake_run_report(paths, **options):
        seen.update(options, paths=paths)
        return type("Result", (), {"ok": True, "interrupted": False})()

    monkeypatch.setattr(report, "run_report", fake_run_report)
    (elsewhere / "my_actors.yaml").write_bytes((ROOT / "lib/convergence/data/actors.yaml").read_bytes())
    assert main(["report", "mydocs", "--out", "dawn-report", "--actor-file", "my_actors.yaml"]) == 0
    assert seen["paths"] == [elsewhere / "mydocs"]
    assert seen["out"] == elsewhere / "dawn-report"
    assert seen["actor_file"] == elsewhere / "my_actors.yaml"
    assert all(Path(p).is_absolute() for p in [*seen["paths"], seen["out"], seen["actor_file"]])


def test_report_with_a_missing_input_leaves_no_folder_behind(elsewhere, capsys):
    assert main(["report", "html", "--out", "rep"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert str(elsewhere / "html") in line
    assert not (elsewhere / "rep").exists()


def test_a_missing_data_file_is_one_line(elsewhere, capsys):
    assert main(["analyze", "mydocs", "--taxonomy", "mine.yaml"]) == 2
    assert str(elsewhere / "mine.yaml") in _one_line_error(capsys.readouterr().err)


def test_default_corpus_is_the_projects_seeds(elsewhere, capsys):
    assert main(["parse", "--out", "parsed", "--no-cache"]) == 0
    assert "2 articles" in capsys.readouterr().out


def test_library_rules_and_their_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert from_cwd("a/../b") == tmp_path / "b"
    assert resolve("seeds") == project_root() / "seeds"
    assert resolve("seeds", must_exist=True).is_dir()
    with pytest.raises(PathNotFoundError) as err:
        resolve("no/such/corpus", must_exist=True)
    message = str(err.value)
    assert "\n" not in message and str(project_root() / "no/such/corpus") in message
    assert isinstance(err.value, FileNotFoundError)
    with pytest.raises(PathNotFoundError, match=str(tmp_path / "gone")):
        from_cwd("gone", must_exist=True)


def test_an_unwritable_output_is_one_line_and_ctrl_c_exits_130(elsewhere, capsys, monkeypatch):
    (elsewhere / "afile").write_text("x", encoding="utf-8")
    assert main(["parse", "mydocs", "--out", "afile/parsed", "--no-cache"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "afile" in line and "Traceback" not in line

    import convergence.cli as cli

    def interrupted(args):
        raise KeyboardInterrupt

    parser = cli.build_parser()
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["parse"].set_defaults(func=interrupted)
    assert main(["parse", "mydocs"]) == 130
    assert capsys.readouterr().err.strip() == "convergence: interrupted"
