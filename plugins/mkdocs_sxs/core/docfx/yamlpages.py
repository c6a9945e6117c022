"""DocFX YAML pages (`### YamlMime:Landing`, `### YamlMime:FAQ`) as Markdown pages.

The result is an ordinary Markdown page with front matter, so it goes through
the same pipeline as every other page (sxs rendering, links, search). Titles,
questions, section names and link texts are plain text in DocFX: they are
escaped here. Summaries, answers and `additionalContent` are DocFX Markdown
and are kept as Markdown. Relative links to other `.yml` pages point to the
generated `.md` pages.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..files import bounded_yaml
from ..reader.i18n import labels
from ..reader.model import LEVEL_WARNING, Problem
from ..reader.sanitize import neutralize_destinations
from ..reader.url_policy import is_safe_url, unsafe_url_message

LinkMapper = Callable[[str], str]
MIME_LANDING = "Landing"
MIME_FAQ = "FAQ"
SUPPORTED = (MIME_LANDING, MIME_FAQ)
_MIME = re.compile(r"\A\ufeff?###\s*YamlMime:\s*(\w+)", re.I)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|])")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

@dataclass
class YamlPage:
    """A YAML page turned into Markdown (with front matter), or why it could not be."""

    mime: str | None
    markdown: str = ""
    title: str | None = None
    problems: list[Problem] = field(default_factory=list)


def yaml_mime(text: str) -> str | None:
    """`Landing`, `FAQ`, … from the `### YamlMime:` first line; None for other YAML files."""
    match = _MIME.match(text)
    return match.group(1) if match else None


def markdown_name(path: str) -> str:
    """The generated Markdown page of a YAML page: `faq.yml` → `faq.md`."""
    stem, _ = posixpath.splitext(path)
    return stem + ".md"


def escape_text(value: object) -> str:
    """Plain text from YAML, safe in Markdown and in HTML."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


def convert(text: str, path: str = "", locale: str | None = None, link: LinkMapper | None = None) -> YamlPage:
    """Convert a Landing or FAQ YAML page; other YAML files give `mime` None or unsupported.

    `link` maps a landing page link as written (`overview.md`, `/azure/x`) to the URL
    the site serves it at; without it, links to YAML pages only point to their `.md`.
    """
    mime = yaml_mime(text)
    if mime not in SUPPORTED:
        return YamlPage(mime)
    try:
        data = bounded_yaml.load(text)  # alias and size limits: YamlLimitError is a YAMLError
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        problem = Problem(path, line, 1, "yaml-page", f"YAML page is not valid YAML ({reason}); fix it",
                          LEVEL_WARNING)
        return YamlPage(mime, _fallback(path), None, [problem])
    if not isinstance(data, dict):
        problem = Problem(path, 1, 1, "yaml-page", "YAML page is not a mapping of keys to values", LEVEL_WARNING)
        return YamlPage(mime, _fallback(path), None, [problem])
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    title = _text(data.get("title")) or _text(meta.get("title")) or posixpath.basename(path)
    locale = locale or _text(meta.get("ms.contentlocale"))
    refused: list[str] = []
    body = _faq(data, locale) if mime == MIME_FAQ else _landing(data, locale, link, refused)
    problems = [Problem(path, _line_of(text, url), 1, "yaml-page-unsafe-url", unsafe_url_message(url), LEVEL_WARNING)
                for url in refused]
    front = {str(key): value for key, value in meta.items()}
    front.setdefault("title", title)
    front["docfx_yaml_mime"] = mime
    parts = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip(), "---", "",
             f"# {escape_text(title)}", ""]
    summary = _text(data.get("summary"))
    if summary:
        parts += [_links_to_md(summary), ""]
    parts += body
    return YamlPage(mime, "\n".join(parts).rstrip() + "\n", title, problems)


def _faq(data: dict[str, Any], locale: str | None) -> list[str]:
    out: list[str] = []
    for section in _list(data.get("sections")):
        name = _text(section.get("name"))
        if name:
            out += [f"## {escape_text(name)}", ""]
        if _text(section.get("markdown")):
            out += [_links_to_md(_text(section.get("markdown"))), ""]
        for item in _list(section.get("questions")):
            question = _text(item.get("question"))
            answer = _text(item.get("answer"))
            if question:
                out += [f"{'###' if name else '##'} {escape_text(question)}", ""]
            if answer:
                out += [_links_to_md(answer), ""]
    extra = _text(data.get("additionalContent"))
    if extra:
        out += [_links_to_md(extra), ""]
    return out


def _landing(data: dict[str, Any], locale: str | None, link: LinkMapper | None = None,
             refused: list[str] | None = None) -> list[str]:
    """Landing blocks as Material's grid cards, written as HTML (no md_in_html pass over every page)."""
    refused = refused if refused is not None else []
    names = labels(locale)  # link list types are `link_list.<type>` in our UI catalogs
    conceptual = data.get("conceptualContent")
    cards = _list(data.get("landingContent")) + _list(conceptual.get("items") if isinstance(conceptual, dict) else [])
    if not cards:
        return []
    out = ['<div class="grid cards sxs-landing">', "<ul>"]
    for card in cards:
        out.append(f"<li><p><strong>{html.escape(_text(card.get('title')) or '')}</strong></p><hr>")
        summary = _text(card.get("summary"))
        if summary:
            out.append(f"<p>{html.escape(summary)}</p>")
        lists = _list(card.get("linkLists"))
        if not lists and card.get("links"):
            lists = [{"links": card.get("links")}]
        for link_list in lists:
            kind = _text(link_list.get("linkListType"))
            if kind:
                label = names.get(f"link_list.{kind}", kind.replace("-", " ").capitalize())
                out.append(f'<p class="sxs-landing-type" data-type="{html.escape(kind)}">'
                           f"<em>{html.escape(label)}</em></p>")
            out.append("<ul>")
            for item in _list(link_list.get("links")):
                url = _text(item.get("url")) or ""
                text = _text(item.get("text")) or url
                href = link(url) if link is not None else _link_target(url)
                if not is_safe_url(url):  # the site's one URL policy (mapped links keep their scheme)
                    refused.append(url)
                    out.append(f"<li>{html.escape(text)}</li>")
                    continue
                out.append(f'<li><a href="{html.escape(href, quote=True)}">{html.escape(text)}</a></li>')
            out.append("</ul>")
        out.append("</li>")
    out += ["</ul>", "</div>", ""]
    return out


def _link_target(url: str) -> str:
    """Links to other YAML pages go to their generated Markdown page; `<>` cannot break out."""
    url = url.strip().replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    if _SCHEME.match(url) or url.startswith(("/", "#")):
        return url
    match = re.match(r"([^?#]*)(.*)", url, re.S)
    path, rest = (match.group(1), match.group(2)) if match else (url, "")
    if path.lower().endswith(".yml") and posixpath.basename(path).lower() not in ("toc.yml",):
        path = markdown_name(path)
    return path + rest


_MD_LINK = re.compile(r"(\]\()([^)\s]+\.yml)([#?][^)\s]*)?(\s*\))", re.I)


def _links_to_md(markdown: str) -> str:
    """Relative Markdown links to YAML pages inside answers and summaries → the generated pages."""
    def repl(match: re.Match[str]) -> str:
        target = match.group(2)
        if _SCHEME.match(target) or target.startswith("/"):
            return match.group(0)
        return match.group(1) + markdown_name(target) + (match.group(3) or "") + match.group(4)

    return neutralize_destinations(_MD_LINK.sub(repl, markdown.strip()))


def _line_of(text: str, value: str) -> int:
    """The 1-based line where `value` is first written in the YAML (1 when not found as written)."""
    offset = text.find(value) if value else -1
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 1


def _fallback(path: str) -> str:
    return f"# {escape_text(posixpath.basename(path))}\n"


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _list(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
