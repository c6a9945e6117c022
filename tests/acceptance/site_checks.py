"""Checks on a built site's HTML: DocFX syntax left visible, links, images."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

FORBIDDEN = ("[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]", "[!CAUTION]", "[!INCLUDE", ":::image",
             ":::row:::", ":::column", "[!div", "[!VIDEO", ":::no-loc", "sxs-lookup", "data-ttu-id")
_VOID = {"img", "br", "hr", "input", "meta", "link", "wbr", "source", "area", "col", "embed", "param", "track"}


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.code_text: list[str] = []
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if any(t in ("script", "style") for t in self.stack):
            return
        if any(t in ("code", "pre") for t in self.stack):
            self.code_text.append(data)
        else:
            self.text.append(data)


@dataclass
class SiteReport:
    visible: dict[str, list[str]] = field(default_factory=dict)       # page -> forbidden strings shown
    in_code: dict[str, list[str]] = field(default_factory=dict)       # page -> forbidden strings in code
    md_links: dict[str, list[str]] = field(default_factory=dict)      # page -> `.md` links left
    broken_images: dict[str, list[str]] = field(default_factory=dict)
    broken_links: dict[str, list[str]] = field(default_factory=dict)  # relative links to nothing in the site
    pages: int = 0


def scan_site(site: Path) -> SiteReport:
    report = SiteReport()
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(("assets/", "search/")) or relative == "404.html":
            continue
        report.pages += 1
        scan = _PageScan()
        scan.feed(html.read_text(encoding="utf-8"))
        text = "".join(scan.text)
        code = "".join(scan.code_text)
        shown = [f for f in FORBIDDEN if f.lower() in text.lower()]
        if shown:
            report.visible[relative] = shown
        coded = [f for f in FORBIDDEN if f.lower() in code.lower()]
        if coded:
            report.in_code[relative] = coded
        base = posixpath.dirname(relative)
        for href in scan.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            if parts.path.lower().endswith(".md"):
                report.md_links.setdefault(relative, []).append(href)
                continue
            target = site / posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            if target == site:
                continue  # the home link: the docset's landing page is `index.yml` (not a Markdown page)
            if not (target.is_file() or (target / "index.html").is_file()):
                report.broken_links.setdefault(relative, []).append(href)
        for src in scan.images:
            parts = urlsplit(src)
            if parts.scheme or parts.netloc:
                continue
            target = site / posixpath.normpath(posixpath.join(base, unquote(parts.path)))
            if not target.is_file():
                report.broken_images.setdefault(relative, []).append(src)
    return report
