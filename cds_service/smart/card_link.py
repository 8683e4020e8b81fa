"""The link the status card carries to open the timeline app (CDS Hooks `type: smart`: the EHR launches
it with `iss` and `launch`). The one helper the card renderer calls; it returns None (no link) unless
the app is configured (LBCL_CDS_SMART_CLIENT_ID) and the public base URL is known
(LBCL_CDS_PUBLIC_BASE_URL: a card link is absolute, and never built from a Host header a client sends)."""

from __future__ import annotations

from flask import current_app, has_app_context

from .engine import Link, settings_of
from .paths import LAUNCH_PATH

LABEL = "Open the treatment timeline"


def launch_url(public_base_url: str) -> str:
    return public_base_url.rstrip("/") + LAUNCH_PATH


def timeline_link() -> Link | None:
    if not has_app_context():
        return None  # rendering outside a served app (CLI, tests of the renderer): no app to link to
    smart = current_app.extensions.get("lbcl_cds_smart")
    base = settings_of(current_app)[0].public_base_url if "lbcl_cds" in current_app.extensions else ""
    if smart is None or not smart.enabled or not base:
        return None
    return Link(label=LABEL, url=launch_url(base), type="smart")
