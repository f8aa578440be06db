"""Self-contained HTML: executed notebooks converted without any external request, and the index page.

Every ``<script>`` element is removed (the reports are images and escaped HTML tables; no JavaScript is
needed), as are other active elements (iframe, object, embed, base), ``on*`` event attributes and
``javascript:`` URLs, ``<link>`` elements and CSS ``@import`` rules that point outside the file, and remote
``src`` attributes. Images stay embedded as ``data:`` URIs. Article text is escaped wherever it appears.
"""

from __future__ import annotations

import functools
import html
import math
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path


def _charts():
    """convergence.charts, imported when first needed (each of its names loads its own module)."""
    from convergence import charts

    return charts


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_IMPORT = re.compile(r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//[^;]*;", re.IGNORECASE)
_REMOTE_SRC = re.compile(
    r"""(<(?!a\b)[a-z][a-z0-9]*\b[^>]*?\s)(src|srcset|data-src)\s*=\s*(["'])\s*(?:https?:)?//[^"']*\3""",
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", re.IGNORECASE)


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# A start tag, attribute values quoted or not (a quoted value may hold ">").
_START_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_END_SCRIPT = re.compile(r"</\s*(?:script|iframe|object|embed|applet|frameset|frame)\s*>", re.IGNORECASE)
# Elements that run code or load a document, and are never needed in a report.
_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "applet", "base", "frame", "frameset", "portal"}
_URL_ATTRS = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "lowsrc",
    "dynsrc", "ping", "codebase", "cite", "longdesc", "manifest", "icon",
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _safe_url(tag: str, name: str, value: str) -> bool:
    """Whether a URL attribute may stay: no javascript:/vbscript: URL, data: only for embedded images."""
    url = _CONTROL.sub("", html.unescape(value)).lower()
    if url.startswith(("javascript:", "vbscript:", "livescript:", "mocha:")):
        return False
    if url.startswith("data:"):
        return name in ("src", "srcset") and url.startswith("data:image/") and "svg" not in url.split(",")[0]
    return True


def _clean_tag(match: re.Match) -> str:
    tag, rest = match.group(1).lower(), match.group(2)
    if tag in _ACTIVE_TAGS:
        return ""
    if tag == "meta" and re.search(r"http-equiv", rest, re.IGNORECASE):
        return ""
    changed, kept = False, []
    for attr in _ATTR.finditer(rest):
        name, raw = attr.group(1).lower(), attr.group(2)
        value = raw[1:-1] if raw and raw[0] in "\"'" else (raw or "")
        if (
            name.startswith("on")
            or name in ("formaction", "srcdoc")
            or (name in _URL_ATTRS and raw is not None and not _safe_url(tag, name, value))
            or (name == "style" and re.search(r"expression\s*\(|javascript:|behavior\s*:", value, re.I))
        ):
            changed = True
            continue
        kept.append(attr.group(0))
    if not changed:
        return match.group(0)
    closing = "/" if rest.rstrip().endswith("/") else ""
    return f"<{match.group(1)}{''.join(' ' + a for a in kept)}{closing}>"


def neutralize_active_content(page: str) -> str:
    """``page`` without anything that runs code: script/iframe/object/embed/base elements, ``on*`` event
    attributes, ``javascript:``-style URLs and ``data:`` URLs other than embedded images.

    Escaped text (``&lt;script&gt;``) is text and stays as it is; only real markup is touched.
    """
    page = _SCRIPT.sub("", page)
    page = _END_SCRIPT.sub("", page)
    return _START_TAG.sub(_clean_tag, page)


def self_contained(page: str) -> str:
    """``page`` with scripts, event attributes, script URLs, remote stylesheets, remote CSS imports/urls and
    remote sources removed (see :func:`neutralize_active_content`)."""
    page = neutralize_active_content(page)

    def _link(match: re.Match) -> str:
        tag = match.group(0)
        href = re.search(r"""href\s*=\s*(["'])(.*?)\1""", tag, re.IGNORECASE | re.DOTALL)
        if href and re.match(r"^\s*(?:https?:)?//", href.group(2)):
            return ""
        return tag

    page = _LINK.sub(_link, page)
    page = _IMPORT.sub("", page)
    page = _CSS_URL.sub("none", page)
    page = _REMOTE_SRC.sub(r"\1data-removed-\2=\3\3", page)
    return page


@functools.lru_cache(maxsize=2)
def _exporter(show_code: bool):
    """One HTML exporter per process and setting: loading its templates is the slow part of a conversion."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    exporter.optimistic_validation = True  # the notebook is validated once, not after each preprocessor
    return exporter


def notebook_html(nb, *, show_code: bool = False, title: str | None = None) -> str:
    """An executed notebook (``nbformat`` node) as one self-contained HTML page."""
    exporter = _exporter(bool(show_code))
    if title:
        nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(nb)
    return self_contained(body)


def write_notebook_html(ipynb: str | os.PathLike, out: str | os.PathLike, **options) -> Path:
    """Convert the executed notebook file ``ipynb`` to a self-contained HTML file ``out`` (atomically)."""
    import nbformat

    nb = nbformat.read(str(ipynb), as_version=4)
    return write_text_atomic(out, notebook_html(nb, **options))


_INDEX_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:72em;
  color:#222;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} .muted{color:#666;font-size:.9em}
table{border-collapse:collapse;margin:1em 0;font-size:.95em}
th,td{border-bottom:1px solid #ddd;padding:5px 10px;text-align:left;vertical-align:top} th{background:#f4f4f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.status-failed,.status-timed-out{color:#D55E00;font-weight:600} .status-reused{color:#0072B2}
.err{font-family:monospace;font-size:.85em;white-space:pre-wrap;color:#7a2a00;max-width:40em}
.answer{display:flex;gap:1.5em;flex-wrap:wrap;margin:1em 0}
.answer .col{flex:1 1 30em;min-width:20em} .answer h3{margin:.2em 0 .5em}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em .8em;margin-bottom:.8em;background:#fcfcfc}
.card .head{margin-bottom:.4em} .q{margin:.35em 0;font-size:.92em;line-height:1.35}
.q .who{font-weight:600;margin-right:.3em} mark{background:#fff1a8}
.downloads{background:#f4f8fb;padding:.5em .8em;border-radius:4px}
.status-interrupted{color:#E69F00;font-weight:600}
"""


def _fmt(value, signed: bool = True) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return ""
    if math.isnan(v):
        return ""
    return f"{v:+.2f}" if signed else f"{v:.0f}"


def _link(href: str | None, label: str) -> str:
    if not href:
        return html.escape(label)
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(label)}</a>'


def _status(report: dict) -> str:
    status = str(report.get("status", ""))
    reused = " (reused)" if report.get("reused") else ""
    css = "status-" + status.replace(" ", "-")
    return f'<span class="{css}">{html.escape(status + reused)}</span>'


def _sentence(actor: str, item: dict | None) -> str:
    if not item:
        return (
            f'<div class="q"><span class="who">{html.escape(actor)}</span> '
            '<span class="muted">no sentence of its own on this issue</span></div>'
        )
    src = [html.escape(x) for x in (item.get("publisher"), item.get("date")) if x]
    title = item.get("title")
    url = item.get("url")
    if title:
        label = html.escape(title)
        src.append(
            f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>'
            if url and re.match(r"^https?://", url)
            else f"<i>{label}</i>"
        )
    elif url and re.match(r"^https?://", url):
        src.append(f'<a href="{html.escape(url, quote=True)}" rel="noopener">link</a>')
    stance = item.get("stance")
    value = "" if stance is None or stance != stance else f" ({stance:+.2f})"
    return (
        f'<div class="q"><span class="who">{html.escape(actor)}{value}</span> '
        f"“{_charts().highlight(item.get('text', ''), item.get('cues') or [])}”"
        f'<div class="muted">{" · ".join(src)}</div></div>'
    )


def _highlights_html(highlights: dict | None, actors: Sequence[str], by_issue: dict) -> str:
    if not highlights:
        return ""
    a, b = actors
    blocks = []
    for side, heading in (("convergent", "Most convergent"), ("divergent", "Most divergent")):
        # an issue is on the side its index points to; its own verdict says how firmly
        items = highlights.get(side) or []
        cards = []
        for it in items:
            rep = by_issue.get(it["issue"], {})
            name = _link(rep.get("html") if rep.get("html_exists") else None, it["label"])
            lo, hi = _fmt(it.get("ci_low")), _fmt(it.get("ci_high"))
            interval = f" interval [{lo}, {hi}]" if lo and hi else ""
            cards.append(
                f'<div class="card"><div class="head"><b>{name}</b> {_charts().verdict_badge(it["verdict"])} '
                f"index <b>{_fmt(it.get('index'))}</b>{interval} "
                f'<span class="muted">n = {it.get("n_a", 0)} {html.escape(a)} / {it.get("n_b", 0)} '
                f"{html.escape(b)}</span></div>{_sentence(a, it.get('a'))}{_sentence(b, it.get('b'))}"
                + (_sentence(f"{a} and {b}", it["relation"]) if it.get("relation") else "")
                + "</div>"
            )
        leaning = "towards convergence" if side == "convergent" else "towards divergence"
        body = "".join(cards) or f'<p class="muted">No issue area leans {leaning} on this evidence.</p>'
        blocks.append(f'<div class="col"><h3>{heading}</h3>{body}</div>')
    return f'<div class="answer">{"".join(blocks)}</div>'


def index_page(
    *,
    title: str,
    summary: Sequence[dict],
    reports: Sequence[dict],
    actors: Sequence[str],
    info: Sequence[str] = (),
    highlights: dict | None = None,
    downloads: Sequence[tuple[str, str]] = (),
    extra: str = "",
) -> str:
    """The index: the answer first (most convergent and most divergent issues with their strongest sentence
    per side), then one row per issue (label, verdict, index, interval, evidence counts, link), the
    downloads (evidence and verdict tables), then every report."""
    a, b = actors
    by_issue = {r.get("issue"): r for r in reports if r.get("issue")}
    rows = []
    for s in summary:
        rep = by_issue.get(s["issue"], {})
        lo, hi = _fmt(s.get("ci_low")), _fmt(s.get("ci_high"))
        interval = f"[{lo}, {hi}]" if lo and hi else ""
        link = _link(rep.get("html") if rep.get("html_exists") else None, s.get("label") or s["issue"])
        rows.append(
            f"<tr><td>{link}</td><td>{_charts().verdict_badge(s.get('verdict', ''))}</td>"
            f'<td class="num">{_fmt(s.get("index"))}</td><td class="num">{interval}</td>'
            f'<td class="num">{_fmt(s.get("n_a"), False)}</td>'
            f'<td class="num">{_fmt(s.get("n_b"), False)}</td>'
            f'<td class="num">{_fmt(s.get("n_relation"), False)}</td>'
            f"<td>{_status(rep) if rep else '<span class=muted>no evidence: no report</span>'}</td></tr>"
        )
    report_rows = []
    for r in reports:
        err = f'<div class="err">{html.escape(str(r["error"]))}</div>' if r.get("error") else ""
        ipynb = _link(r.get("ipynb") if r.get("ipynb_exists") else None, "notebook")
        report_rows.append(
            f"<tr><td>{_link(r.get('html') if r.get('html_exists') else None, r['title'])}</td>"
            f"<td>{_status(r)}{err}</td><td class='num'>{float(r.get('seconds') or 0):.1f} s</td>"
            f"<td>{ipynb}</td></tr>"
        )
    info_html = "".join(f'<p class="muted">{html.escape(line)}</p>' for line in info)
    files = " · ".join(
        f'<a href="{html.escape(href, quote=True)}"'
        + ("" if href.endswith(".html") else " download")
        + f">{html.escape(label)}</a>"
        for label, href in downloads
    )
    files_html = (
        f'<p class="downloads">Take the evidence away: {files}. Each issue report links its own '
        "evidence file.</p>"
        if files
        else ""
    )
    legend = " ".join(str(_charts().verdict_badge(v)) for v in _charts().VERDICTS)
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title>"
        f"<style>{_INDEX_CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{info_html}"
        f"{_highlights_html(highlights, actors, by_issue)}"
        f"<h2>Where {html.escape(a)} and {html.escape(b)} converge and diverge</h2>"
        f'<p class="muted">Verdicts: {legend}. Index from −1 (divergent) to +1 (convergent); '
        "the interval is a "
        f"bootstrap interval; n = evidence sentences held by each actor, and sentences with an explicit "
        f"agreement or disagreement cue between them.</p>"
        "<table><thead><tr><th>issue area</th><th>verdict</th><th>index</th><th>interval</th>"
        f"<th>n {html.escape(a)}</th><th>n {html.escape(b)}</th><th>n relation</th><th>report</th>"
        "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{files_html}{extra}"
        "<h2>All reports</h2><table><thead><tr><th>report</th><th>status</th><th>time</th>"
        "<th>executed</th></tr>"
        f"</thead><tbody>{''.join(report_rows)}</tbody></table>"
        '<p class="muted">Run details (inputs with content hashes, parameters, package versions, timings): '
        '<a href="manifest.json">manifest.json</a>.</p>'
        "</body></html>\n"
    )
    return neutralize_active_content(page)
