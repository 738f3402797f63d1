"""Readers and the YAML writer for the dictionary file formats researchers use.

Each reader takes the decoded text of a file (and its path, for messages) and
returns a :class:`RawDictionary`: the categories in file order and the
``(category, pattern, kind)`` rows, with ``kind`` ``None`` when the pattern's
own spelling decides it (see :func:`mediakit.framing.parse_pattern`).
:func:`mediakit.framing.read_dictionary` turns that into a validated
:class:`mediakit.framing.Dictionary`.

A malformed file raises :class:`DictionaryFormatError`, whose message names
the file, the line and what was expected there.
"""

from __future__ import annotations

import csv
import io
import re
import xml.parsers.expat
from dataclasses import dataclass, field
from typing import Any

import yaml

__all__ = ["READERS", "DictionaryFormatError", "RawDictionary", "write_yaml"]


class DictionaryFormatError(ValueError):
    """A dictionary file does not follow its format (message names file and line)."""


@dataclass
class RawDictionary:
    """What a reader found: declared categories, pattern rows and metadata."""

    categories: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str | None]] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    def declare(self, category: str) -> None:
        if category not in self.categories:
            self.categories.append(category)


def _fail(path: str, line: int | None, message: str) -> DictionaryFormatError:
    where = f"{path}, line {line}" if line is not None else path
    return DictionaryFormatError(f"{where}: {message}")


# --------------------------------------------------------------------------- YAML
_META_LINE = re.compile(r"^#\s*(name|source|case_sensitive):\s*(.*?)\s*$")


def read_yaml(text: str, path: str) -> RawDictionary:
    """quanteda's layout: nested mapping of category -> list of patterns.

    A list may mix patterns (strings) and one-key mappings (sub-categories);
    a mapping holds sub-categories only. All scalars are read as strings.
    Leading ``# name: ...``, ``# source: ...``, ``# case_sensitive: ...``
    comments (as :func:`write_yaml` writes them) restore the metadata.
    """
    raw = RawDictionary()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _META_LINE.match(line)
        if m:
            raw.metadata[m.group(1)] = m.group(2)
    try:
        data = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader: every scalar a string
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise _fail(
            path,
            line,
            f"invalid YAML ({problem}); expected quanteda's layout, "
            "a mapping of category -> list of patterns",
        ) from None
    if not isinstance(data, dict):
        raise _fail(path, 1, "expected a mapping of category -> list of patterns at the top level")

    def walk(prefix: str, value: Any) -> None:
        raw.declare(prefix)
        if isinstance(value, str):
            value = [value] if value != "" else []
        if isinstance(value, dict):
            for key, sub in value.items():
                walk(f"{prefix}/{key}", sub)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    raw.rows.append((prefix, item, None))
                elif isinstance(item, dict):
                    for key, sub in item.items():
                        walk(f"{prefix}/{key}", sub)
                else:
                    raise _fail(
                        path,
                        None,
                        f"category {prefix!r}: expected a pattern string "
                        f"or a sub-category mapping, got a nested list",
                    )
        elif value is not None:
            raise _fail(path, None, f"category {prefix!r}: expected a list of patterns")

    for key, value in data.items():
        walk(str(key), value)
    return raw


def _quoted(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', width=10**6).strip().removesuffix("...").strip()


def write_yaml(tree: list[tuple[str, list[str], list[Any]]], metadata: dict[str, Any]) -> str:
    """Write a category tree as quanteda-layout YAML (with metadata comments).

    ``tree`` is a list of ``(name, patterns, children)`` with ``children`` of
    the same shape. A category with only patterns becomes a list, one with only
    sub-categories a mapping, one with both a list of patterns followed by
    one-key mappings.
    """
    out: list[str] = []
    for key in ("name", "source", "case_sensitive"):
        if metadata.get(key) not in (None, ""):
            value = str(metadata[key]).replace("\n", " ")
            out.append(f"# {key}: {value}")

    def emit(nodes: list[Any], indent: int, in_list: bool) -> None:
        pad = " " * indent
        for name, patterns, children in nodes:
            lead = f"{pad}- " if in_list else pad
            out.append(f"{lead}{_quoted(name)}:")
            inner = indent + (4 if in_list else 2)
            ipad = " " * inner
            if patterns:
                out.extend(f"{ipad}- {_quoted(p)}" for p in patterns)
                emit(children, inner, True)
            else:
                emit(children, inner, False)

    emit(tree, 0, False)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- LIWC
_LIWC_HEADER = re.compile(r"^\s*(\d+)\s+(\S.*?)\s*$")


def read_liwc(text: str, path: str) -> RawDictionary:
    """LIWC ``.dic``: a ``%`` header of ``id name`` lines, then ``pattern<TAB>id id ...``.

    Text is split on any line ending (LF, CRLF, CR-only). Blank lines and lines
    starting with ``#`` are skipped. A pattern may hold spaces (a multi-word
    expression) when a tab separates it from its ids; without a tab the
    trailing numbers are the ids.
    """
    raw = RawDictionary()
    lines = text.splitlines()
    names: dict[int, str] = {}
    state = "start"
    for lineno, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if state == "start":
            if stripped != "%":
                raise _fail(
                    path, lineno, f"expected '%' to open the category header, got {stripped!r}"
                )
            state = "header"
            continue
        if state == "header":
            if stripped == "%":
                if not names:
                    raise _fail(
                        path, lineno, "expected at least one 'id<TAB>category' line in the header"
                    )
                state = "body"
                continue
            m = _LIWC_HEADER.match(line)
            if not m:
                raise _fail(
                    path, lineno, f"expected 'id<TAB>category' in the header, got {stripped!r}"
                )
            cid = int(m.group(1))
            if cid in names:
                raise _fail(
                    path, lineno, f"category id {m.group(1)} is defined twice in the header"
                )
            names[cid] = m.group(2)
            raw.declare(m.group(2))
            continue
        if "\t" in line:
            pattern, _, rest = line.partition("\t")
            pattern, ids = pattern.strip(), rest.split()
        else:
            parts = stripped.split()
            k = len(parts)
            while k > 1 and parts[k - 1].isdigit():
                k -= 1
            pattern, ids = " ".join(parts[:k]), parts[k:]
        if not pattern or not ids:
            raise _fail(path, lineno, f"expected 'pattern<TAB>id [id ...]', got {stripped!r}")
        for cid in ids:
            if not cid.isdigit():
                raise _fail(
                    path,
                    lineno,
                    f"expected numeric category ids after the pattern, got {cid!r} "
                    "(LIWC2015 conditional entries like 'like (02 134)125/464' are not supported)",
                )
            if int(cid) not in names:
                raise _fail(path, lineno, f"category id {cid} is not defined in the '%' header")
            raw.rows.append((names[int(cid)], pattern, None))
    if state != "body":
        raise _fail(path, len(lines), "expected a '%' header block closed by a second '%' line")
    return raw


# --------------------------------------------------------------------------- WordStat
_WEIGHTED = re.compile(r"^(.*?)\s*\((\d+)\)\s*$")


def read_wordstat(text: str, path: str) -> RawDictionary:
    """WordStat ``.cat``: a tab-indented hierarchy of categories and patterns.

    A line ending in a weight such as ``(1)`` is a pattern (the weight is
    dropped); a line without one is a category when the next non-blank line is
    indented deeper, otherwise a pattern. ``_`` joins the words of a
    multi-word pattern (``WAR_IN_IRAQ`` is the phrase ``WAR IN IRAQ``).
    """
    raw = RawDictionary()
    items: list[tuple[int, int, str]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        body = line.lstrip("\t")
        depth = len(line) - len(body)
        if body[:1].isspace():
            raise _fail(path, lineno, "expected tab indentation (found spaces)")
        items.append((lineno, depth, body.strip()))
    stack: list[str] = []
    for i, (lineno, depth, body) in enumerate(items):
        weighted = _WEIGHTED.match(body)
        deeper = i + 1 < len(items) and items[i + 1][1] > depth
        if depth > len(stack):
            raise _fail(
                path,
                lineno,
                f"indented {depth} tab(s) but the enclosing category has "
                f"{len(stack)}; expected at most {len(stack)}",
            )
        del stack[depth:]
        if weighted is None and deeper:
            stack.append(body)
            raw.declare("/".join(stack))
            continue
        if deeper:
            raise _fail(
                path,
                lineno,
                f"a pattern ({body!r}) is followed by a more indented line; "
                "expected a category line (without a '(n)' weight)",
            )
        if not stack:
            raise _fail(path, lineno, f"expected a category line before the pattern {body!r}")
        pattern = (weighted.group(1) if weighted else body).replace("_", " ")
        if not pattern.strip():
            raise _fail(path, lineno, "expected a pattern before the '(n)' weight")
        raw.rows.append(("/".join(stack), pattern, None))
    return raw


# --------------------------------------------------------------------------- Lexicoder
def read_lc3(text: str, path: str) -> RawDictionary:
    """Lexicoder ``.lc3``: ``+category#COLOUR`` lines, each followed by `` pattern`` lines."""
    raw = RawDictionary()
    current: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("+"):
            current = line[1:].split("#", 1)[0].strip()
            if not current:
                raise _fail(path, lineno, "expected a category name after '+'")
            raw.declare(current)
        elif line[:1].isspace():
            if current is None:
                raise _fail(path, lineno, "expected a '+category' line before the first pattern")
            raw.rows.append((current, line.strip(), None))
        else:
            raise _fail(
                path,
                lineno,
                f"expected a '+category#COLOUR' line or an indented pattern, got {line.strip()!r}",
            )
    return raw


def _lexicoder_pattern(name: str) -> str:
    # Lexicoder matches on text padded with spaces: a leading space anchors the
    # word start, a trailing space the word end; a missing one is open (glob).
    core = " ".join(name.split())
    start = "" if name.startswith(" ") else "*"
    end = "" if name.endswith(" ") else "*"
    return f"{start}{core}{end}"


def read_lcd(text: str, path: str) -> RawDictionary:
    """Lexicoder topic / Yoshikoder XML: nested ``<cnode name>`` holding ``<pnode name>``.

    Pattern names follow Lexicoder's padding convention: ``" ECONOM"`` (no
    trailing space) is the glob ``ECONOM*``; ``" BUDGET CUT "`` is the fixed
    phrase ``BUDGET CUT``; without a leading space the match is word-internal
    (``"NUTRITION"`` becomes ``*NUTRITION*``).
    """
    raw = RawDictionary()
    stack: list[str] = []
    kinds: list[str] = []
    parser = xml.parsers.expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        if not kinds:
            if tag != "dictionary":
                raise _fail(path, line, f"expected a <dictionary> root element, got <{tag}>")
            if attrs.get("name"):
                raw.metadata["name"] = attrs["name"]
        elif tag == "cnode":
            if not attrs.get("name", "").strip():
                raise _fail(path, line, 'expected a name="..." attribute on <cnode>')
            stack.append(attrs["name"].strip())
            raw.declare("/".join(stack))
        elif tag == "pnode":
            if kinds[-1] != "cnode":
                raise _fail(path, line, "expected <pnode> inside a <cnode>")
            if not attrs.get("name", "").strip():
                raise _fail(path, line, 'expected a non-empty name="..." attribute on <pnode>')
            raw.rows.append(("/".join(stack), _lexicoder_pattern(attrs["name"]), None))
        else:
            raise _fail(path, line, f"expected <cnode> or <pnode>, got <{tag}>")
        kinds.append(tag)

    def end(tag: str) -> None:
        if kinds.pop() == "cnode":
            stack.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(text.lstrip("\ufeff").encode("utf-8"), True)
    except xml.parsers.expat.ExpatError as err:
        raise _fail(
            path,
            err.lineno,
            f"invalid XML ({xml.parsers.expat.errors.messages[err.code]}); "
            "expected <dictionary><cnode name=...><pnode name=.../>...",
        ) from None
    return raw


# --------------------------------------------------------------------------- CSV
def read_csv(text: str, path: str) -> RawDictionary:
    """CSV with a header: columns ``category``, ``pattern`` and optional ``kind``."""
    raw = RawDictionary()
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise _fail(path, 1, "expected a header row with columns category, pattern") from None
    if "category" not in header or "pattern" not in header:
        hint = ""
        if len(header) > 2 and "category" not in header:
            hint = (
                " (a word x category score table, such as the eMFD's emfd_scoring.csv, "
                "is a weighted lexicon, not a category/pattern dictionary)"
            )
        raise _fail(
            path,
            1,
            f"expected columns 'category' and 'pattern' (optional 'kind'), got {header}{hint}",
        )
    ci, pi = header.index("category"), header.index("pattern")
    ki = header.index("kind") if "kind" in header else None
    for row in reader:
        lineno = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise _fail(path, lineno, f"expected {len(header)} fields, got {len(row)}")
        category, pattern = row[ci].strip(), row[pi].strip()
        if not category or not pattern:
            raise _fail(path, lineno, "expected a non-empty category and pattern")
        kind = row[ki].strip().lower() or None if ki is not None else None
        if kind not in (None, "glob", "regex", "fixed"):
            raise _fail(path, lineno, f"expected kind 'glob', 'regex' or 'fixed', got {kind!r}")
        raw.declare(category)
        raw.rows.append((category, pattern, kind))
    return raw


READERS = {
    "yaml": read_yaml,
    "liwc": read_liwc,
    "wordstat": read_wordstat,
    "lc3": read_lc3,
    "lcd": read_lcd,
    "csv": read_csv,
}
