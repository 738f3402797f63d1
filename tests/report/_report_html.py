"""A small element tree of an HTML page, built with html.parser, for the report tests.

The tests read the report as a browser would: they parse it (never search the
raw string for markup) and look at the elements, attributes and text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    def by_id(self, ident: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
        return found[0]

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root
        self.declarations: list[str] = []
        self.comments: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        assert len(node.attrs) == len(attrs), f"repeated attribute in <{tag}>"
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


@dataclass
class Page:
    root: Node
    declarations: list[str]
    comments: list[str]


def parse(html: str) -> Page:
    """Parse a page; every element must be closed where it was opened."""
    b = _Builder()
    b.feed(html)
    b.close()
    assert b.current is b.root, f"<{b.current.tag}> is never closed"
    return Page(b.root, b.declarations, b.comments)


def cells(row: Node) -> list[str]:
    return [" ".join(c.text.split()) for c in row.children if isinstance(c, Node)]


def table_rows(table: Node) -> list[list[str]]:
    """The body rows of a table, each as the whitespace-normalised text of its cells."""
    body = table.find("tbody")
    return [cells(r) for r in body.children if isinstance(r, Node) and r.tag == "tr"]


def table_header(table: Node) -> list[str]:
    return cells(table.find("thead").find("tr"))


def as_dicts(table: Node) -> list[dict[str, str]]:
    head = table_header(table)
    return [dict(zip(head, row, strict=True)) for row in table_rows(table)]
