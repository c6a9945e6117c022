"""Plain data of the link check: references found on pages and findings about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Where a reference sits relative to the translation units of its page.
IN_TRANSLATION = "translation"
IN_SOURCE = "source"
OUTSIDE_TU = "outside"

# What kind of markup carries a reference.
REF_LINK = "link"                # [text](dest), ![alt](src)
REF_DEFINITION = "definition"    # [label]: dest
REF_AUTOLINK = "autolink"        # <https://…>
REF_HTML = "html"                # <a href>, <img src>
REF_INCLUDE = "include"          # [!INCLUDE[…](path)]
REF_IMAGE_EXT = "image-ext"      # :::image source=… :::
REF_SNIPPET = "snippet"          # [!code-lang[…](path)], :::code source=… :::
REF_TOC = "toc"                  # href in TOC.yml
REF_YAML = "yaml"                # href/url/src in a YAML page (index.yml, FAQ)
REF_TOC_QUERY = "toc-query"      # ?toc=/prefix/toc.json
REF_XREF = "xref"                # <xref:uid>, @uid, <xref href>, `uid:` of a TOC entry ([t](xref:uid) is a REF_LINK)

CAT_BROKEN = "broken"
CAT_ANCHOR_MISSING = "anchor-missing"
CAT_CASE_MISMATCH = "case-mismatch"
CAT_REDIRECTED = "redirected"
CAT_MEDIA_MISSING = "media-missing"
CAT_NOT_LOCALIZED = "not-localized"
CAT_LINK_DIFFERS = "translation-link-differs"
CAT_OTHER_DOCSET = "other-docset"
CAT_EXTERNAL = "external"
CAT_EMPTY = "empty-link"
CAT_XREF_EXTERNAL = "xref-external"
CAT_SNIPPET_MISSING = "snippet-missing"
CAT_XREF_DUPLICATE = "xref-duplicate"

LEVEL_ERROR = "error"
LEVEL_WARNING = "warning"
LEVEL_INFO = "info"
LEVEL_IGNORE = "ignore"
LEVELS = (LEVEL_ERROR, LEVEL_WARNING, LEVEL_INFO, LEVEL_IGNORE)
LEVEL_RANK = {LEVEL_ERROR: 3, LEVEL_WARNING: 2, LEVEL_INFO: 1, LEVEL_IGNORE: 0}

DEFAULT_LEVELS: dict[str, str] = {
    CAT_BROKEN: LEVEL_ERROR,
    CAT_ANCHOR_MISSING: LEVEL_ERROR,
    CAT_CASE_MISMATCH: LEVEL_WARNING,
    CAT_REDIRECTED: LEVEL_INFO,
    # Localized repositories carry no media; a fallback removes these.
    CAT_MEDIA_MISSING: LEVEL_WARNING,
    CAT_NOT_LOCALIZED: LEVEL_WARNING,
    CAT_LINK_DIFFERS: LEVEL_WARNING,
    # `[text]()`: DocFX renders a link to the page itself.
    CAT_EMPTY: LEVEL_WARNING,
    # Docset-absolute links into a docset that is not in this repository.
    CAT_OTHER_DOCSET: LEVEL_IGNORE,
    # Only reported when external URLs are checked (`--external`).
    CAT_EXTERNAL: LEVEL_WARNING,
    # A uid this docset does not define (a .NET API name): linked to the API reference site, not checked.
    CAT_XREF_EXTERNAL: LEVEL_INFO,
    # Localized repositories usually carry no code samples; the build shows a note naming the file.
    CAT_SNIPPET_MISSING: LEVEL_WARNING,
    # Two pages say `uid: X`: every xref to X reaches only one of them (DocFX warns too).
    CAT_XREF_DUPLICATE: LEVEL_WARNING,
}

CATEGORY_HELP = {
    CAT_BROKEN: "The link points at a page, include, TOC entry or file that does not exist.",
    CAT_ANCHOR_MISSING: "The page exists but has no heading or <a name>/id anchor with this name.",
    CAT_CASE_MISMATCH: "The target exists with another letter case: works on Windows/DocFX, breaks on Linux.",
    CAT_REDIRECTED: "The target is redirected (.openpublishing.redirection.json); link to the final target.",
    CAT_MEDIA_MISSING: "An image or other media file is not in this repository (nor in the media fallback).",
    CAT_NOT_LOCALIZED: "The target is missing here but exists in the fallback source docset.",
    CAT_LINK_DIFFERS: "The link in the translation points elsewhere than the link in the English original.",
    CAT_OTHER_DOCSET: "A docset-absolute link into a docset that is not part of this repository.",
    CAT_EXTERNAL: "An external URL did not answer with success.",
    CAT_EMPTY: "The link has no destination (a reader lands on the same page).",
    CAT_XREF_EXTERNAL: "A cross-reference to a uid this docset does not define (an API name): it links to the "
    "xref base URL (the Learn API browser by default) and is not checked.",
    CAT_SNIPPET_MISSING: "A code snippet's file is not in the repository (nor in the source fallback).",
    CAT_XREF_DUPLICATE: "Two pages define the same uid; cross-references reach only the one whose path sorts "
    "first. Give one of them another uid.",
}


@dataclass(slots=True)  # tens of thousands per docset, all held by the check: no __dict__ each
class Reference:
    """One link destination as written on a page."""

    page: str                 # docset-relative path of the file it is written in
    href: str
    offset: int
    line: int
    column: int
    kind: str = REF_LINK
    where: str = OUTSIDE_TU
    unit_id: str | None = None
    source_href: str | None = None   # the English original's destination (paired references)


@dataclass(slots=True)
class Finding:
    """Something a link check reports, with where it is and what to do."""

    path: str                 # relative to the checked PATH
    line: int
    column: int
    category: str
    level: str
    link: str
    target: str | None
    where: str
    message: str
    suggestion: str | None = None
    unit_id: str | None = None
    kind: str = REF_LINK
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        parts = f"{self.path}:{self.line}:{self.column}: {self.level}: {self.message} [{self.category}]"
        if self.suggestion:
            parts += f" (did you mean '{self.suggestion}'?)"
        return parts

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "category": self.category,
            "level": self.level,
            "link": self.link,
            "target": self.target,
            "where": self.where,
            "kind": self.kind,
            "unit_id": self.unit_id,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass
class CheckResult:
    """Findings of one check run and what was looked at."""

    root: str
    findings: list[Finding]
    pages: int = 0
    references: int = 0
    files: list[str] = field(default_factory=list)   # every checked file, relative to root

    def count(self, level: str) -> int:
        return sum(1 for finding in self.findings if finding.level == level)

    @property
    def has_errors(self) -> bool:
        return any(finding.level == LEVEL_ERROR for finding in self.findings)

    def summary(self) -> str:
        return (f"link check: {self.pages} files, {self.references} references: "
                f"{self.count(LEVEL_ERROR)} errors, {self.count(LEVEL_WARNING)} warnings, "
                f"{self.count(LEVEL_INFO)} info")
