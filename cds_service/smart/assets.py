"""The app's static files: vendored libraries (pinned, see static/vendor/README.md) and our own scripts
and style, in the order the pages load them. Shared by the served pages and the self-contained HTML file
of `lbcl-cds timeline`."""

from __future__ import annotations

import re
from importlib import resources

VENDOR_FHIRCLIENT = "vendor/fhir-client-2.6.3.pure.min.js"
VENDOR_CHART = ("vendor/vega-6.4.0.min.js", "vendor/vega-lite-6.5.0.min.js", "vendor/vega-embed-7.3.0.min.js")
RENDER_JS = "render.js"
APP_JS = "app.js"
LAUNCH_JS = "launch.js"
STYLE = "timeline.css"


def read_static(name: str) -> str:
    return resources.files("cds_service.smart").joinpath("static", name).read_text("utf-8")


def script_safe(text: str) -> str:
    """JSON that may sit inside <script>...</script>: no closing tag, no HTML comment opener."""
    return text.replace("</", "<\\/").replace("<!--", "<\\u0021--")


def js_inline_safe(code: str) -> str:
    """JavaScript inlined in <script>...</script>: only a closing script tag can end it early (the
    vendored files have none; a regex such as /</g must stay as it is)."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
