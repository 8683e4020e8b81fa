"""Report text in HTML (a text/html presentedForm or narrative) -> plain text for the readers."""

from __future__ import annotations

import re
from html import unescape

from fhir_mappings.pet_text_patterns import rx

__all__ = ["HTML_HINT", "html_to_text", "plain_text"]

HTML_HINT = rx(r"<(?:html|body|p|br|div|span|li|ul|ol|table|tr|td|th|h[1-6]|b|i|strong|em)\b[^>]*>")
HTML_DROP = rx(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.DOTALL)
HTML_BREAK = rx(r"""<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|/ul|/ol|/table|/title|hr)\b[^>]*>
    |<\s*(?:p|div|h[1-6]|tr|ul|ol|table)\b[^>]*>""")
HTML_ITEM = rx(r"<\s*li\b[^>]*>")
HTML_CELL = rx(r"<\s*/t[dh]\s*>")
HTML_TAG = rx(r"<[^>]+>")
SPACES = rx(r"[ \t]+")
BLANK_LINES = rx(r"\n{3,}")


def html_to_text(html: str) -> str:
    """Strip tags and entities from a text/html presentedForm, keeping block breaks as newlines."""
    text = HTML_CELL.sub(" | ", HTML_ITEM.sub("\n- ", HTML_DROP.sub(" ", html)))
    text = unescape(HTML_TAG.sub("", HTML_BREAK.sub("\n", text))).replace("\xa0", " ")
    return BLANK_LINES.sub("\n\n", "\n".join(SPACES.sub(" ", line).strip() for line in text.split("\n"))).strip()


def plain_text(text: str | None) -> str:
    """A report's text as the readers take it: HTML converted, plain text as it is, None as ""."""
    return html_to_text(text) if HTML_HINT.search(text or "") else text or ""
