"""Text cleaning: normalisation, header/title/author lines, boilerplate, paragraphs from hard-wrapped lines.

``clean_document(text, ...)`` returns the metadata it found and the clean body text (paragraphs separated by
a blank line). Everything it recognises is data in ``boilerplate.yaml``.
"""

from __future__ import annotations

import re

from .config import IngestConfig
from .decode import repair_mojibake
from .metadata import DATE_ONLY, parse_date, split_authors, split_list

TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
UN_NUMBER = re.compile(r"^\d{1,3}\.(?:\t[ \t]*| +(?=[A-Z“\"(]))")
# Verbatim-record paragraph numbers that ended up inside a paragraph ("... Assembly. 4. Let my ...").
_NUM_AT_START = re.compile(r"^(?:\.\s)?(?:\d{1,3}\.\s+){1,2}(?=[A-Z“\"(‘']|1 [a-z])")
_NUM_INLINE = re.compile(r"(?<=[.!?\"”’)\]] )(?:\d{1,3}\.\s+){1,2}(?=[A-Z“\"(‘']|1 [a-z])")
_DIGIT_DOT = re.compile(r"\d\.\s")
HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z /&]{0,40}?)\s*:\s*(.*)$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_BOLD = re.compile(r"\*\*([^*]+?)\*\*|__([^_]+?)__")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_MD_EM = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_HTML_TAG = re.compile(r"</?(?:span|u|em|strong|b|i|br|sup|sub|a|div|p|small|font)\b[^>]*>", re.IGNORECASE)
_STRUCK = re.compile(r"<(s|del|strike)\b[^>]*>.*?</\1>[ \t]?", re.IGNORECASE | re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?] [A-Z]")
_OPEN_ENDINGS = frozenset(
    "the of to a an and or for in on with by because that as at from is are was were our its their".split()
)
_LIST_START = re.compile(r"^(?:[-*•]\s|\d{1,2}\)\s)")


def normalise(text: str) -> tuple[str, list[str]]:
    """Line endings, form feeds, soft/line-break hyphens, NBSP, zero-width characters, mojibake."""
    warnings: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = _ZERO_WIDTH.sub("", text)
    if "\u00ad" in text:
        text = re.sub("\u00ad[ \t]*\n?[ \t]*", "", text)
    if "¬" in text:
        text = re.sub("(?<=\\w)¬[ \t]*\n?[ \t]*(?=\\w)", "", text)
        text = text.replace("¬", "")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text, n = repair_mojibake(text)
    if n:
        warnings.append(f"mojibake: {n} sequences repaired")
    return text, warnings


def strip_markdown(line: str, *, markdown: bool) -> str:
    """Markdown emphasis (always), and for Markdown files links, images, headings and quotes, to plain text.

    Works on a whole text too: links and bold may span hard-wrapped lines.
    """
    if not markdown:
        if "**" in line or "__" in line:
            line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line).replace("**", "")
        return line
    if "<" in line:
        line = _STRUCK.sub("", line)  # struck-out words in transcripts: "<s>wrong</s> [right]"
        line = _HTML_TAG.sub("", line)
    line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line)
    line = line.replace("****", "")
    if markdown:
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_HEADING.sub("", line)
        line = _MD_QUOTE.sub("", line)
        line = _MD_EM.sub(r"\1", line)
        line = _MD_ESCAPE.sub(r"\1", line.replace("**", ""))
    return line


def looks_like_title(line: str) -> bool:
    s = line.strip()
    if not (3 <= len(s) <= 200) or len(s.split()) > 25:
        return False
    if s[-1] in ".,;:" or DATE_ONLY.match(s) or HEADER_LINE.match(s) and ":" in s[:30] and s.count(":") > 1:
        return False
    if UN_NUMBER.match(s) or s.lower().startswith("by "):
        return False
    if _SENTENCE_INSIDE.search(s) or s.split()[-1].lower() in _OPEN_ENDINGS:
        return False  # several sentences, or a line that stops mid-phrase: running text, not a title
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'\-.]*", s) if len(w) > 3]
    capitalised = sum(w[0].isupper() for w in long_words) / max(1, len(long_words))
    words = len(s.split())
    if (words > 10 and capitalised < 0.5) or ("," in s and capitalised < 0.7):
        return False  # reads like the first line of running text
    return any(c.isalpha() for c in s) and (s[0].isupper() or s[0].isdigit() or s[0] in "\"“‘'")


def _combined(patterns) -> re.Pattern:
    key = id(patterns)
    if key not in _COMBINED:
        _COMBINED[key] = (
            patterns,
            re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or "(?!)", re.I),
        )
    return _COMBINED[key][1]


_COMBINED: dict = {}


def _line_matches(line: str, patterns) -> bool:
    s = line.strip()
    return bool(s) and _combined(patterns).fullmatch(s) is not None


def _parse_header(key: str, value: str, meta: dict, config: IngestConfig, warnings: list[str]) -> None:
    target = config.header_keys.get(key.strip().lower())
    value = value.strip()
    if not value:
        warnings.append(f"header: empty value for {key.strip()!r}")
        return
    if target == "authors":
        meta["authors"] = split_authors(value)
    elif target == "keywords":
        meta["keywords"] = split_list(value)
    elif target == "words_declared":
        digits = re.sub(r"[^\d]", "", value)
        if digits:
            meta["words_declared"] = int(digits)
        else:
            warnings.append(f"header: word count not a number ({value[:40]!r})")
    elif target == "date_place":
        date_part, _, place = value.partition("/")
        date = parse_date(date_part)
        if date is not None and date == date:
            meta["date"] = date
        else:
            warnings.append(f"header: date not understood ({date_part.strip()[:40]!r})")
        if place.strip():
            meta["place"] = place.strip()
    elif target == "date":
        date = parse_date(value)
        if date is not None and date == date:
            meta["date"] = date
        else:
            warnings.append(f"header: date not understood ({value[:40]!r})")
    elif target:
        meta[target] = value


_BREADCRUMB_MAX = 300  # a breadcrumb line is navigation labels plus a title, never longer


def _top_of_document(lines: list[str], config: IngestConfig, meta: dict, warnings: list[str]) -> list[str]:
    """Dateline, breadcrumb, title, "By ..." and ``Key: Value`` header lines at the top; returns the rest."""
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    if not idx:
        return lines
    drop: set[int] = set()
    pos = 0

    def nxt(p: int) -> int | None:
        return idx[p] if p < len(idx) else None

    # A dateline that is only a date: the page's display date, never the article's.
    i = nxt(pos)
    if i is not None and DATE_ONLY.match(lines[i]):
        meta["page_date"] = lines[i].strip()
        drop.add(i)
        pos += 1
    # Breadcrumb: navigation labels glued together, ending with the title.
    i = nxt(pos)
    if i is not None:
        s = lines[i].strip()
        following = lines[nxt(pos + 1)].strip() if nxt(pos + 1) is not None else ""
        glued = any(
            s.startswith(b) and len(s) > len(b) and s[len(b)].isupper() for b in config.breadcrumb_starts
        )
        # ... never a paragraph of prose that the next paragraph happens to repeat the end of.
        repeats_title = (
            len(following) > 10
            and s != following
            and s.endswith(following)
            and looks_like_title(following)
            and not re.search(r"[.!?]", s[: len(s) - len(following)])  # labels, not sentences, before it
        )
        if len(s) <= _BREADCRUMB_MAX and (glued or repeats_title):
            drop.add(i)
            pos += 1
    # Title: a short line standing alone, never the only line of text (that line is the text).
    i = nxt(pos)
    if i is not None and nxt(pos + 1) is not None and "title" not in meta and looks_like_title(lines[i]):
        after = i + 1
        following = lines[nxt(pos + 1)].strip() if nxt(pos + 1) is not None else ""
        if (after >= len(lines) or not lines[after].strip()) and not following[:1].islower():
            meta["title"] = lines[i].strip()
            drop.add(i)
            pos += 1
    # "By Name" and Key: Value header lines, in any order, until the first other line.
    seen_header = False
    while (i := nxt(pos)) is not None:
        s = lines[i].strip()
        m_by = config.author_line.match(s)
        m_kv = HEADER_LINE.match(s)
        if m_by and len(m_by.group("name").split()) <= 6 and not meta.get("authors"):
            meta["authors"] = split_authors(m_by.group("name"))
            if m_by.groupdict().get("role"):
                meta["author_role"] = m_by.group("role").strip()
        elif m_kv and m_kv.group(1).strip().lower() in config.header_keys:
            _parse_header(m_kv.group(1), m_kv.group(2), meta, config, warnings)
            seen_header = True
        elif seen_header and m_kv and len(m_kv.group(1)) <= 30 and len(s) < 200:
            key = re.sub(r"\W+", "_", m_kv.group(1).strip().lower()).strip("_")
            meta.setdefault("header_" + key, m_kv.group(2).strip())
        else:
            break
        drop.add(i)
        pos += 1
    return [ln for k, ln in enumerate(lines) if k not in drop]


_NUMBER_ENDS_SENTENCE = re.compile(r"\d[\d,]*\.")
# "... enduring peace.11": a sentence and its note; not a decimal number ("... rose to 3.5")
_FOOTNOTE_END = re.compile(r"(?<!\d)[.!?][\"'”’)\]]*\d{1,3}$")


def _drop_boilerplate_lines(lines: list[str], config: IngestConfig) -> list[str]:
    """Drop lines matching ``drop_lines``, except a number that ends the sentence of the line above it.

    "... the conference adopted Agenda" / "21." is the end of a sentence that a wrap cut, not a page number:
    it is put back at the end of the line above ("... adopted Agenda 21.").
    """
    abbrevs = {a.lower().rstrip(".") for a in config.abbreviations}
    drop = _combined(config.drop_lines).fullmatch  # _line_matches(ln, config.drop_lines), looked up once
    kept: list[str] = []
    for ln in lines:
        s = ln.strip()
        if s and drop(s) is not None:
            prev = kept[-1].rstrip() if kept else ""
            words = prev.split()
            open_end = (
                bool(words)
                and not _FOOTNOTE_END.search(prev)
                and (not _terminal(prev) or words[-1].lower().rstrip(".").lstrip("\"'“‘(") in abbrevs)
            )
            if open_end and _NUMBER_ENDS_SENTENCE.fullmatch(s):
                kept[-1] = prev + " " + s
            continue
        kept.append(ln)
    return kept


def _boilerplate(lines: list[str], config: IngestConfig, meta: dict, *, tail_author: bool) -> list[str]:
    tail = [ln.strip() for ln in lines[-8:] if ln.strip()][-4:]
    if config.writer_contacts and any(_line_matches(ln, config.writer_contacts) for ln in tail):
        meta["_writer_contact"] = True  # "name@example.org" under a column: its writer's own voice
    lines = _drop_boilerplate_lines(lines, config)
    total = sum(len(ln) + 1 for ln in lines)
    seen = 0
    # _line_matches(ln, config.cut_from) and (..., config.end_markers), the patterns looked up once
    cut_from, end_marker = _combined(config.cut_from).fullmatch, _combined(config.end_markers).fullmatch
    for k, ln in enumerate(lines):
        half, far = seen > total / 2, seen > 200
        if half or far:
            s = ln.strip()
            if s and ((half and cut_from(s) is not None) or (far and end_marker(s) is not None)):
                lines = lines[:k]
                break
        seen += len(ln) + 1
    while lines and not lines[-1].strip():
        lines.pop()
    if lines:
        last = lines[-1].strip()
        for pat in config.footers:
            new = pat.sub("", last).rstrip()
            if new != last:
                lines[-1] = new
                last = new
        while lines and not lines[-1].strip():
            lines.pop()
    for _ in range(2):  # an author note may sit before or after a summary-author line
        if lines and _line_matches(lines[-1], config.author_notes):
            meta["author_note"] = lines.pop().strip()
            while lines and not lines[-1].strip():
                lines.pop()
    if tail_author and lines:
        m = config.author_line.match(lines[-1].strip())
        if m and len(m.group("name").split()) <= 6:
            meta["summary_author"] = m.group("name").strip()
            if m.groupdict().get("role"):
                meta["summary_author_role"] = m.group("role").strip()
            lines.pop()
    return lines


# Shortest paragraph taken as prose (not a heading or a label line) when deciding a page-break join.
_PROSE_MIN = 120


_HYPHEN_END = re.compile(r"[A-Za-z]-$")


def _hyphen_end(text: str) -> bool:
    # searched from near the end: a paragraph grows line by line, a search from its start would be quadratic;
    # only a text ending in the hyphen (or in a line break, which "$" passes over) can match
    last = text[-1:]
    return (last == "-" or last == "\n") and bool(_HYPHEN_END.search(text, max(0, len(text) - 4)))


_TERMINAL_LAST = frozenset(".!?…\"'”’»)]\n")  # the characters a TERMINAL match can end with ("$" passes "\n")


def _terminal(text: str) -> bool:
    return text[-1:] in _TERMINAL_LAST and bool(TERMINAL.search(text, max(0, len(text) - 64)))


def _join(prev: str, nxt: str) -> str:
    if _hyphen_end(prev) and nxt[:1].isalpha():
        return prev + nxt
    return prev + " " + nxt


def paragraphs_from_lines(lines: list[str], *, mode: str = "auto") -> list[str]:
    """Rejoin hard-wrapped lines into paragraphs.

    ``mode="auto"``: inside a block of lines (no blank line), a line ending in terminal punctuation that is
    clearly shorter than the block's wrap width, or a new UN paragraph number, starts a new paragraph; other
    lines are joined. ``mode="lines"``: each line is a paragraph. In both modes, a blank line inside a
    sentence (the text before does not end a sentence and the next starts lower case, or it ends with a comma
    or a hyphen, or it is a long prose paragraph cut after a word) does not split it.
    """
    blocks: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            blocks[-1].append(ln.rstrip())
        elif blocks[-1]:
            blocks.append([])
    paras: list[tuple[str, bool]] = []  # (text, starts a new block)
    for block in blocks:
        if not block:
            continue
        stripped = [b.strip() for b in block]
        short = [n for n in map(len, stripped) if n <= 200]
        width = max(short) if len(block) >= 3 and short else 0
        current = None
        prev_numbered = False
        for line in stripped:
            s = line
            # A number at the start of a line is a UN paragraph (or list) number only where a paragraph can
            # start: at the top of a block, after a sentence end, a colon or another numbered line, or before
            # a tab ("46.<TAB>The ..."); else it is a number the line wrap put first ("... the total reached"
            # / "40. Officials said ...").
            num = UN_NUMBER.match(s)
            numbered = bool(num) and (
                current is None
                or prev_numbered
                or "\t" in num.group()
                or _terminal(current)
                or current.endswith((":", ";"))
            )
            prev_numbered = numbered
            if numbered:
                s = UN_NUMBER.sub("", s, count=1).strip()
            if current is None:
                current, first, last_line = s, True, len(line)
                continue
            new_para = (
                mode == "lines"
                or numbered
                or bool(_LIST_START.match(s))
                or (_terminal(current) and (width == 0 or last_line > 200 or last_line < 0.8 * width))
            )
            if new_para:
                paras.append((current, first))
                current, first = s, False
            else:
                current = _join(current, s)
            last_line = len(line)
        if current is not None:
            paras.append((current, first))
    out: list[str] = []
    for text, block_start in paras:
        if "  " in text or "\t" in text:
            text = re.sub(r"[ \t]+", " ", text)
        text = text.strip()
        if _DIGIT_DOT.search(text):
            text = _NUM_INLINE.sub("", _NUM_AT_START.sub("", text))
        if not text:
            continue
        if out and block_start:
            prev = out[-1]
            open_end = not _terminal(prev)
            # A long prose paragraph cut after a word (a page break inside a sentence) goes on, whatever the
            # case of the next word ("...urges Pakistan to publicly condemn" / blank / "Russia's invasion").
            cut_prose = open_end and len(prev) >= _PROSE_MIN and prev[-1:].isalpha()
            joins = (open_end and text[:1].islower()) or prev.endswith(",") or cut_prose
            if _hyphen_end(prev) or joins:
                out[-1] = _join(prev, text)
                continue
        out.append(text)
    return out


def _line_lengths_fix(lines: list[str]) -> list[str]:
    # a line without a tab is the same either way
    return [ln.replace("\t", " ") if "\t" in ln and not UN_NUMBER.match(ln.strip()) else ln for ln in lines]


def clean_document(
    text: str,
    config: IngestConfig,
    *,
    markdown: bool = False,
    detect_header: bool = True,
    mode: str = "auto",
    has_title: bool = False,
) -> tuple[dict, str, list[str]]:
    """Return ``(metadata, clean_text, warnings)`` for one document's decoded text.

    ``has_title``: the title is already known (front matter), so the first line is never taken as one.
    """
    text, warnings = normalise(text)
    meta: dict = {"title": None} if has_title else {}
    lines = strip_markdown(text, markdown=markdown).split("\n")
    if detect_header:
        lines = _top_of_document(lines, config, meta, warnings)
    lines = _boilerplate(lines, config, meta, tail_author=detect_header)
    paras = paragraphs_from_lines(_line_lengths_fix(lines), mode=mode)
    if has_title:
        meta.pop("title", None)
    return meta, "\n\n".join(paras), warnings
