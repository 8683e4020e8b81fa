"""The app's pages under /smart/: the launch page (EHR launch with `iss` + `launch`, or a standalone
launch), the app page (the OAuth redirect URI: finishes the code exchange in the browser, reads the
patient's record from the FHIR server, posts it to /smart/api/timeline, draws the answer), and the
static files. The OAuth dance is fhirclient's (static/vendor), in the browser: tokens stay in the
browser's sessionStorage and go only to the FHIR server of the launch; the service never sees them.

Every page carries its own Content-Security-Policy: scripts from this origin only (no inline script,
no eval: Vega runs with its expression interpreter), connections to this origin and to https servers
(plus http in the development profile LBCL_CDS_ALLOW_INSECURE_FHIR=1), framing only by the EHR origins
in LBCL_CDS_SMART_FRAME_ANCESTORS (a CSP frame-ancestors overrides the service-wide X-Frame-Options).
"""

from __future__ import annotations

import orjson
from flask import Blueprint, Response, current_app, render_template, request

from .assets import APP_JS, LAUNCH_JS, RENDER_JS, STYLE, VENDOR_CHART, VENDOR_FHIRCLIENT, script_safe
from .engine import PATIENT_PREFETCH, settings_of
from .paths import API_PATH, APP_PATH, LAUNCH_PATH

bp = Blueprint("smart_pages", __name__, template_folder="templates", static_folder="static",
               static_url_path="/smart/static")
PAGE_CAP = 20  # FHIR search pages followed per query (as LBCL_CDS_FHIR_PAGE_CAP for the hook)


def csp(insecure_http: bool, frame_ancestors: tuple[str, ...]) -> str:
    connect = "'self' https:" + (" http:" if insecure_http else "")
    frames = " ".join(frame_ancestors) if frame_ancestors else "'none'"
    return (f"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src {connect}; form-action 'self'; base-uri 'none'; frame-ancestors {frames}")


def _base_url() -> str:
    settings, _ = settings_of(current_app)
    return (settings.public_base_url or request.host_url).rstrip("/")


def app_config() -> dict:
    """What the browser needs: client id, scopes, redirect URI and the hook's own queries (one source
    with the prefetch templates, so the app reads what the hook reads)."""
    settings, _ = settings_of(current_app)
    smart = current_app.extensions["lbcl_cds_smart"]
    page = f"_count={settings.fhir_page_size}"
    queries = [t.replace("{{context.patientId}}", "{patient}").replace("_count=200", page)
               for t in PATIENT_PREFETCH.values()]
    return {"clientId": smart.client_id, "enabled": smart.enabled, "ehrScopes": smart.ehr_scopes,
            "standaloneScopes": smart.standalone_scopes, "redirectUri": _base_url() + APP_PATH,
            "apiUrl": _base_url() + API_PATH, "queries": queries, "pageLimit": PAGE_CAP}


def _page(template: str, scripts: list[str]) -> Response:
    settings, _ = settings_of(current_app)
    smart = current_app.extensions["lbcl_cds_smart"]
    html = render_template(template, config=script_safe(orjson.dumps(app_config()).decode()), scripts=scripts,
                           style=STYLE, inline=False)
    resp = Response(html, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = csp(settings.allow_insecure_fhir, smart.frame_ancestors)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get(LAUNCH_PATH)
def launch() -> Response:
    return _page("launch.html", [VENDOR_FHIRCLIENT, LAUNCH_JS])


@bp.get(APP_PATH)
@bp.get("/smart")
def app_page() -> Response:
    return _page("app.html", [VENDOR_FHIRCLIENT, *VENDOR_CHART, RENDER_JS, APP_JS])
