"""The ``convergence`` command: parse, tag, analyze and report on a corpus.

Every subcommand takes corpus paths (default: the project's ``seeds/``) and calls only the public API.
Every path typed on the command line (inputs, ``--out``, data files) is relative to the current folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import convergence as cv
from convergence.errors import ConvergenceError
from convergence.paths import from_cwd, resolve
from convergence.tagging.codes import actor_table, check_actor_codes, check_issue_slugs, issue_table

DEFAULT_CORPUS = "seeds"


def _paths(values: list[str]) -> list[Path]:
    """Typed inputs from the current folder; none: the project's ``seeds/``. A missing one is an error."""
    if not values:
        return [resolve(DEFAULT_CORPUS, must_exist=True)]
    return [from_cwd(v, must_exist=True) for v in values]


def _data_file(value: str | None) -> Path | None:
    return None if value is None else from_cwd(value, must_exist=True)


def _issues(args) -> list[str] | None:
    """``--issues`` as slugs checked against the taxonomy (None for all)."""
    if args.issues in (None, "all"):
        return None
    return check_issue_slugs(args.issues, taxonomy=_data_file(args.taxonomy))


def _check_actors(args) -> None:
    pairs = args.actors if isinstance(args.actors, list) else [args.actors] if args.actors else []
    for pair in pairs:  # `report` takes --actors once per pair
        check_actor_codes(pair, actor_file=_data_file(args.actor_file))


def _actors(value: str) -> tuple[str, str]:
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    if len(codes) != 2:
        raise argparse.ArgumentTypeError("--actors takes two actor codes, e.g. USA,PAK")
    return codes  # type: ignore[return-value]


def _add_corpus_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="files, folders or archives (default: seeds/)")
    p.add_argument(
        "--filename-pattern", help="metadata from file names, e.g. '{country}_{session}_{year}.txt'"
    )
    p.add_argument("--no-cache", action="store_true", help="parse again even if a cached copy exists")
    p.add_argument(
        "--text-column",
        metavar="NAME",
        help="the text column of .jsonl/.csv/.parquet tables (default: content, text, body, ...)",
    )


def _add_progress_options(g) -> None:
    bar = g.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show progress bars"
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress bars")


def _add_engine_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("execution")
    g.add_argument(
        "--engine",
        choices=cv.ENGINES,
        default=None,
        help="where documents are processed: local processes (default) or a Dask cluster",
    )
    g.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (implies --engine dask; without it, "
        "--engine dask starts a temporary local cluster)",
    )
    g.add_argument(
        "--jobs", type=int, default=None, help="worker processes (local pool or temporary Dask cluster)"
    )
    _add_progress_options(g)


def _add_filter_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("which sentences count")
    g.add_argument(
        "--since", metavar="DATE", help="only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    g.add_argument(
        "--until", metavar="DATE", help="only articles dated on or before DATE (a whole month or year)"
    )
    g.add_argument(
        "--publisher",
        metavar="NAMES",
        help="only these publishers, comma-separated (e.g. Dawn,APP; any case)",
    )
    g.add_argument(
        "--doc-type", metavar="TYPES", help="only these document types, comma-separated (e.g. news,briefing)"
    )
    g.add_argument(
        "--corrections",
        metavar="FILE",
        help="CSV or YAML of sentence keys to exclude or re-attribute (columns sent_key, action "
        "exclude|holder, holder, link, note; the evidence CSV gives each sentence's sent_key); the "
        "verdicts are computed again and the output says how many corrections were applied",
    )


def _engine_options(args) -> dict:
    """engine/scheduler/jobs/progress keywords from the command line (--scheduler implies the Dask engine)."""
    engine = args.engine or ("dask" if args.scheduler else "local")
    if args.scheduler and engine != "dask":
        raise cv.EngineError("--scheduler needs --engine dask")
    if args.jobs is not None and args.jobs < 1:
        raise cv.EngineError(f"--jobs must be at least 1, not {args.jobs}")
    return {"engine": engine, "scheduler": args.scheduler, "jobs": args.jobs, "progress": args.progress}


def _read(args, options: dict | None = None) -> cv.Corpus:
    return cv.read_corpus(
        _paths(args.paths),
        filename_pattern=args.filename_pattern,
        text_column=args.text_column,
        use_cache=not args.no_cache,
        **(options or _engine_options(args)),
    )


def _read_and_tag(args, *, keep: str):
    """Parse and tag batch by batch (``cv.tag_files``), cached; inputs that could not be read are listed."""
    tagged = cv.tag_files(
        _paths(args.paths),
        keep=keep,
        filename_pattern=args.filename_pattern,
        text_column=args.text_column,
        use_cache=not args.no_cache,
        taxonomy=_data_file(args.taxonomy),
        actor_file=_data_file(args.actor_file),
        **_engine_options(args),
    )
    skipped = tagged.attrs.get("skipped", [])
    if skipped:
        print(f"{len(skipped)} input(s) skipped:", file=sys.stderr)
        for path, reason, detail in skipped[:10]:
            print(f"  {reason:<14} {path}  {detail}", file=sys.stderr)
        if len(skipped) > 10:
            print(f"  ... and {len(skipped) - 10} more (convergence parse lists them all)", file=sys.stderr)
    return tagged


def cmd_parse(args) -> int:
    out = from_cwd(args.out)
    corpus = _read(args)
    out = corpus.save(out, format=args.format)
    print(corpus.summary_text())
    print(f"tables written to {out}")
    return 0


def cmd_tag(args) -> int:
    out = from_cwd(args.out)
    tagged = _read_and_tag(args, keep="all")
    out = cv.write_table(tagged, out / f"sentences_tagged.{args.format}", format=args.format)
    n_issue = int(tagged["issues"].map(len).gt(0).sum())
    print(f"{len(tagged)} sentences tagged, {n_issue} with an issue area; written to {out}")
    return 0


def _filter_and_correct(args, tagged):
    """The --since/--until/--publisher/--doc-type filters, then the --corrections file (one line each on
    stderr saying what they did)."""
    from convergence.measure.corrections import apply_corrections, describe_corrections
    from convergence.measure.filters import describe_filters, filter_sentences

    filters = {
        "since": args.since,
        "until": args.until,
        "publisher": args.publisher,
        "doc_type": args.doc_type,
    }
    filters = {k: v for k, v in filters.items() if v}
    if filters:
        tagged = filter_sentences(tagged, **filters)
        print(describe_filters(tagged.attrs["filters"]), file=sys.stderr)
    if args.corrections:
        tagged = apply_corrections(tagged, from_cwd(args.corrections))
        print(describe_corrections(tagged.attrs["corrections"]), file=sys.stderr)
    return tagged


def cmd_analyze(args) -> int:
    _check_actors(args)
    issues = _issues(args)
    tagged = _filter_and_correct(args, _read_and_tag(args, keep="tagged"))
    table = cv.convergence(tagged, actors=args.actors, by=args.by, issues=issues)
    if args.json:
        print(json.dumps(cv.to_records(table), ensure_ascii=False, indent=2, default=str))
    else:
        print(cv.format_convergence(table))
    return 0


def cmd_report(args) -> int:
    from convergence.report import run_report

    _check_actors(args)
    issues = _issues(args)
    result = run_report(
        _paths(args.paths),
        issues=issues,
        actors=args.actors or [("USA", "PAK")],
        out=from_cwd(args.out),
        jobs=args.jobs,
        show_code=args.show_code,
        timeout=args.timeout,
        force=args.force,
        progress=args.progress,
        taxonomy=_data_file(args.taxonomy),
        actor_file=_data_file(args.actor_file),
        by=args.by,
        since=args.since,
        until=args.until,
        publisher=args.publisher,
        doc_type=args.doc_type,
        corrections=from_cwd(args.corrections) if args.corrections else None,
    )
    if result.interrupted:
        return 130
    return 0 if result.ok else 1


def cmd_actors(args) -> int:
    table = actor_table(_data_file(args.actor_file))
    print(table.to_string(index=False))
    return 0


def cmd_issues(args) -> int:
    table = issue_table(_data_file(args.taxonomy))
    print(table[["slug", "label"]].to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="convergence", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"convergence {cv.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="read and clean articles; write articles/paragraphs/sentences/skipped")
    _add_corpus_options(p)
    _add_engine_options(p)
    p.add_argument(
        "--out",
        default="outputs/corpus",
        help="output folder, from the current one (default: outputs/corpus)",
    )
    p.add_argument(
        "--format",
        choices=("parquet", "csv"),
        default="parquet",
        help="table format (default: parquet; CSV cells starting with = + - @ get a leading ')",
    )
    p.set_defaults(func=cmd_parse)

    for name, func, help_ in (
        ("tag", cmd_tag, "tag sentences with issues, actors, holders, stance"),
        ("analyze", cmd_analyze, "per-issue convergence between two actors"),
    ):
        p = sub.add_parser(name, help=help_)
        _add_corpus_options(p)
        _add_engine_options(p)
        p.add_argument("--taxonomy", help="a taxonomy YAML of your own (default: the shipped one)")
        p.add_argument("--actor-file", help="an actor dictionary YAML of your own")
        p.set_defaults(func=func)
    sub.choices["tag"].add_argument(
        "--out",
        default="outputs/tagged",
        help="output folder, from the current one (default: outputs/tagged)",
    )
    sub.choices["tag"].add_argument(
        "--format",
        choices=("parquet", "csv"),
        default="parquet",
        help="table format (default: parquet; CSV cells starting with = + - @ get a leading ')",
    )
    an = sub.choices["analyze"]
    an.add_argument(
        "--actors",
        type=_actors,
        default=("USA", "PAK"),
        help="the two actor codes to compare (default: USA,PAK; `convergence actors` lists them)",
    )
    an.add_argument(
        "--by",
        default="corpus",
        choices=("corpus", "doc", "month", "quarter", "year", "decade", "source"),
        help="one row per issue for the whole corpus (default), or per document, period or source",
    )
    an.add_argument(
        "--issues", default="all", help="all, or a comma-separated list of issue slugs (convergence issues)"
    )
    an.add_argument("--json", action="store_true", help="print a JSON list of rows")
    _add_filter_options(an)

    p = sub.add_parser(
        "report",
        help="run the notebook reports with papermill and write shareable HTML",
        description="Parse and tag the corpus once, then run the report notebooks (corpus overview, "
        "convergence matrix, timeline, source comparison, one report per issue area) in parallel "
        "kernels and write self-contained HTML pages, the evidence as CSV and XLSX, an index and a "
        "manifest into --out. An unchanged re-run reuses the earlier results. Ctrl-C stops at once "
        "(exit status 130); the index then lists what finished, and the next run reuses it.",
    )
    _add_corpus_options(p)
    p.add_argument(
        "--issues",
        default="all",
        help="all (default), or a comma-separated list of issue slugs to report on (convergence issues)",
    )
    p.add_argument(
        "--actors",
        type=_actors,
        action="append",
        default=None,
        metavar="A,B",
        help="the pair of actor codes to compare (default USA,PAK); give it again for more pairs "
        "(--actors USA,PAK --actors CHN,PAK): the first pair gets the full reports and pairs.html "
        "compares every pair issue by issue",
    )
    p.add_argument(
        "--out",
        default="outputs",
        help="output folder, from the current one (default: outputs); refused when it holds another "
        "corpus's report or files the tool did not write, unless --force",
    )
    p.add_argument(
        "--by",
        default="year",
        choices=("month", "quarter", "year", "source"),
        help="grouping of the matrix heatmap and the timelines (default: year; source groups the heatmap "
        "by publisher and keeps yearly timelines)",
    )
    p.add_argument("--jobs", type=int, default=None, help="parallel notebooks (default and cap: CPU cores)")
    p.add_argument(
        "--timeout",
        type=int,
        default=600,
        help="execution timeout per notebook cell, in seconds (default 600)",
    )
    p.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    p.add_argument(
        "--force",
        action="store_true",
        help="re-run even if inputs and parameters are unchanged, and write into a folder holding "
        "another corpus's report or your own files (yours are kept: a file in the way is renamed "
        "NAME.user-N, never deleted)",
    )
    p.add_argument("--taxonomy", help="a taxonomy YAML of your own (default: the shipped one)")
    p.add_argument("--actor-file", help="an actor dictionary YAML of your own (default: the shipped one)")
    _add_filter_options(p)
    _add_progress_options(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("actors", help="list the actor codes the actor dictionary defines")
    p.add_argument("--actor-file", help="an actor dictionary YAML of your own (default: the shipped one)")
    p.set_defaults(func=cmd_actors)
    p = sub.add_parser("issues", help="list the issue slugs the taxonomy defines")
    p.add_argument("--taxonomy", help="a taxonomy YAML of your own (default: the shipped one)")
    p.set_defaults(func=cmd_issues)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConvergenceError as exc:  # every error of the library, ReportError included
        return _error(str(exc))
    except BrokenPipeError:  # the reader of our output went away (`convergence actors | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # a file that cannot be read or written: say which and why, in one line
        where = f": {exc.filename}" if exc.filename else ""
        return _error(f"{exc.strerror or type(exc).__name__}{where}")
    except KeyboardInterrupt:
        print("convergence: interrupted", file=sys.stderr)
        return 130


def _error(message: str) -> int:
    print(f"convergence: error: {' '.join(message.split())}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
