"""The translation report page for the localization team (an opt-in preview, not for the public site).

Per page: units, English words, untranslated share, post-edited and stale
units and QA findings, each linking to its sentence (`#tu-<id>`). The page
is one raw HTML block (Markdown leaves it alone) and every text in it comes
from pages or catalogs, so all of it is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from ..reader.model import SxsPage
from .postedits import PagePostEdits
from .qa import Finding

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)")


def anchor(unit_id: str) -> str:
    """The id the rendered unit carries (see core.render.unit_html)."""
    return f"tu-{unit_id}"


def count_words(text: str | None) -> int:
    return len(_WORD.findall(_MARKUP.sub(" ", text or "")))


@dataclass
class PageReview:
    path: str
    url: str
    units: int
    words: int
    untranslated: list[str]
    post_edited: list[str]
    stale: list[tuple[str, str, str | None]]
    findings: list[Finding]
    flags: dict[str, set[str]] = field(default_factory=dict)

    @property
    def untranslated_share(self) -> float:
        return len(self.untranslated) / self.units if self.units else 0.0


def review_page(page: SxsPage, edits: PagePostEdits, findings: list[Finding], url: str) -> PageReview:
    flags: dict[str, set[str]] = {}
    for finding in findings:
        flags.setdefault(finding.unit_id, set()).add(finding.check)
    return PageReview(
        path=page.path,
        url=url,
        units=len(page.units),
        words=sum(count_words(unit.source) for unit in page.units),
        untranslated=[unit.id for unit in page.units if unit.source is not None and unit.target == unit.source],
        post_edited=sorted(edits.overrides),
        stale=[(item.entry.id, item.entry.source or "", item.current_source) for item in edits.stale],
        findings=findings,
        flags=flags,
    )


def _link(review: PageReview, unit_id: str, text: str | None = None) -> str:
    if not unit_id:  # a finding outside any unit (stray English markup): the page
        return f'<a href="{escape(review.url)}">{escape(review.path)}</a>'
    href = f"{review.url}#{anchor(unit_id)}"
    return f'<a href="{escape(href)}">{escape(text if text is not None else unit_id)}</a>'


def report_markdown(reviews: list[PageReview]) -> str:
    """The Markdown source of the report page (a title and one HTML block)."""
    reviews = sorted(reviews, key=lambda review: review.path)
    total_units = sum(review.units for review in reviews)
    total_untranslated = sum(len(review.untranslated) for review in reviews)
    out = ["# Translation report", "", '<div class="sxs-report">']
    out.append(
        f"<p>{len(reviews)} pages, {total_units} units, {sum(review.words for review in reviews)} English words, "
        f"{total_untranslated} untranslated, {sum(len(review.post_edited) for review in reviews)} post-edited, "
        f"{sum(len(review.stale) for review in reviews)} stale, "
        f"{sum(len(review.findings) for review in reviews)} QA findings.</p>"
    )
    out.append('<table><thead><tr><th>page</th><th>units</th><th>words</th>'
               "<th>untranslated</th><th>post-edited</th><th>stale</th><th>QA findings</th></tr></thead><tbody>")
    for review in reviews:
        out.append(
            f'<tr><td><a href="{escape(review.url)}">{escape(review.path)}</a></td><td>{review.units}</td>'
            f"<td>{review.words}</td><td>{len(review.untranslated)} ({review.untranslated_share:.0%})</td>"
            f"<td>{len(review.post_edited)}</td><td>{len(review.stale)}</td><td>{len(review.findings)}</td></tr>"
        )
    out.append("</tbody></table>")
    for review in reviews:
        if not (review.findings or review.stale or review.post_edited or review.untranslated):
            continue
        out.append(f'<section class="sxs-report-page"><h2>{escape(review.path)}</h2><ul>')
        for unit_id in review.post_edited:
            out.append(f'<li class="sxs-report-edited">post-edited: {_link(review, unit_id)}</li>')
        for unit_id, then, now in review.stale:
            out.append(f'<li class="sxs-report-stale">stale post-edit: {_link(review, unit_id)} — edited for '
                       f"<q>{escape(then)}</q>, the English is now <q>{escape(now or '')}</q></li>")
        for finding in review.findings:
            out.append(
                f'<li class="sxs-report-finding sxs-level-{escape(finding.level)}">'
                f"{escape(finding.level)} [{escape(finding.check)}] line {finding.line}: "
                f"{_link(review, finding.unit_id)} — {escape(finding.message)}</li>"
            )
        out.append("</ul></section>")
    out.append("</div>")
    return "\n".join(out) + "\n"
