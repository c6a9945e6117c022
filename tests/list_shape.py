"""List structure of rendered HTML: the nesting of ol/ul/li and ol `start`, nothing else.

Shared by the list-fidelity tests: Python-Markdown's HTML (our build) and
markdown-it-py's (CommonMark, the way DocFX's markdig reads lists) are reduced
to the same shape string and compared.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ol":
            start = dict(attrs).get("start") or "1"
            self.parts.append(f"ol{start}(" if start != "1" else "ol(")
        elif tag in ("ul", "li"):
            self.parts.append(f"{tag}(")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul", "li"):
            self.parts.append(")")


def list_shape(html: str) -> str:
    """`ol(li(ul(li()li()))li())` for the lists in `html`."""
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


_COMMONMARK = MarkdownIt("commonmark").enable("table")


def commonmark_html(text: str) -> str:
    return _COMMONMARK.render(text)
