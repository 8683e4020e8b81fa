"""The text of a report resource: conclusion plus presentedForm / DocumentReference attachments
(base64 text/plain or text/html), as a reader sees it (fhir-input.md tier 3)."""

from __future__ import annotations

import base64
import binascii

from .report_html import html_to_text


def report_text(res: dict) -> str:
    """Conclusion plus presentedForm / DocumentReference attachments (base64 text/plain or text/html)."""
    parts = [res.get("conclusion") or ""]
    attachments = list(res.get("presentedForm") or [])
    attachments += [c.get("attachment") for c in res.get("content") or [] if isinstance(c, dict)]
    for att in attachments:
        if not isinstance(att, dict) or not att.get("data"):
            continue
        ctype = (att.get("contentType") or "text/plain").lower()
        if not ctype.startswith("text/"):
            continue
        try:
            text = base64.b64decode(att["data"], validate=False).decode("utf-8", errors="replace")
        except (binascii.Error, ValueError):
            continue
        parts.append(html_to_text(text) if "html" in ctype else text)
    return "\n".join(p for p in parts if p)
