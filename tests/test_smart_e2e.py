"""End to end in a real browser (Debian Chromium + Playwright): the EHR launch of the SMART timeline app
against a real OAuth 2 authorization server (tests/smart_ehr.py, Authlib) and the real FHIR test server
holding the synthetic patients (SEKMET, which checks the tokens itself). Checks the token exchange (PKCE
S256, state), the picture for three patients (interim PMR, proven refractory, early relapse), the
tooltip and the one-page print, and every error path; screenshots go to tmp/artefacts/smart/."""

from __future__ import annotations

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests

from cds_service.smart.settings import SCOPES_V1
from smart_e2e_fixture import ARTEFACTS, EMPTY, stack  # noqa: F401 - the module fixture
from smart_ehr import CLIENT_ID

STACK_TRACE = re.compile(r"\bat \S+ \(|\.js:\d+|Traceback|TypeError|ReferenceError")


def run_launch(stack, patient: str, decision: str = "approve", name: str | None = None):  # noqa: F811
    ctx = stack.browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    page.console_errors = []  # the app's console errors and uncaught exceptions (a CSP violation shows here)
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error"
            and m.location.get("url", "").startswith(stack.app_root) else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.goto(f"{stack.ehr.root}/ehr/launch?patient={patient}")
    page.wait_for_selector(f"#{decision}", timeout=15000)
    page.click(f"#{decision}")
    # a selector, not a JS predicate: the app's CSP forbids eval, which Playwright's wait_for_function uses
    page.wait_for_selector("body[data-state=drawn], body[data-state=error]", timeout=20000)
    if name:
        page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
    return ctx, page


def chart_texts(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('#chart svg text')).map(t => t.textContent)")


def summary_text(page) -> str:
    return page.inner_text("#summary")


@pytest.fixture(autouse=True)
def _reset(stack):  # noqa: F811
    stack.ehr.reset()
    yield
    stack.ehr.reset()


def test_ehr_launch_interim_pmr_token_exchange_tooltip_and_print(stack):  # noqa: F811
    before, fhir_before = len(stack.ehr.authorize_requests), len(stack.ehr.fhir_requests)
    ctx, page = run_launch(stack, "lbcl-v01", name="lbcl-v01-interim-pmr")
    assert page.get_attribute("body", "data-state") == "drawn"
    assert page.console_errors == []  # Vega and fhirclient ran under the page's strict CSP
    texts = chart_texts(page)
    for expected in ("1st line", "PET-CT", "C1", "C2", "C3", "Baseline", "iPET3", "DS4 PMR"):
        assert expected in texts, (expected, texts)
    assert "partial metabolic response" in summary_text(page) and "responding" in summary_text(page)
    assert "lbcl-v01" in page.inner_text("#patient-line")
    # the token exchange: EHR launch with S256 PKCE and a state, the code exchanged with its verifier
    [auth] = stack.ehr.authorize_requests[before:]
    assert auth["client_id"] == CLIENT_ID and auth["response_type"] == "code"
    assert auth["code_challenge_method"] == "S256" and re.fullmatch(r"[A-Za-z0-9_-]{43}", auth["code_challenge"])
    assert auth["state"] and auth["launch"] and auth["aud"] == stack.ehr.fhir_base and auth["scope"] == SCOPES_V1
    assert auth["redirect_uri"] == f"{stack.app_root}/smart/app"
    assert stack.ehr.token_requests[-1] == {"grant_type": "authorization_code", "has_code_verifier": True,
                                            "redirect_uri": f"{stack.app_root}/smart/app", "client_id": CLIENT_ID}
    assert not stack.ehr.codes  # the code was used once and deleted
    reads = stack.ehr.fhir_requests[fhir_before:]
    assert len(reads) >= 6 and all(had for _, had in reads)  # the six queries, each with the bearer token
    assert "code=" not in page.url and "state=" not in page.url  # fhirclient removed them from the URL
    # the tooltip of the interim scan shows its date, values and the report sentence
    found = []
    for sym in page.locator("#chart g.mark-symbol path").all():
        box = sym.bounding_box()
        if box and box["width"] > 4:
            sym.hover()
            page.wait_for_timeout(80)
            tip = page.locator("#vg-tooltip-element")
            if tip.is_visible():
                found.append(tip.inner_text())
    interim_tip = next(t for t in found if "2025-03-05" in t)
    assert "Deauville 4" in interim_tip and "\u201c" in interim_tip and "Report" in interim_tip
    page.locator("#chart g.mark-symbol path").last.hover()
    page.screenshot(path=str(ARTEFACTS / "lbcl-v01-tooltip.png"))
    # prints on one A4 page
    pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    (ARTEFACTS / "lbcl-v01-print.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    ctx.close()


def test_proven_refractory_with_cart(stack):  # noqa: F811
    ctx, page = run_launch(stack, "lbcl-x03", name="lbcl-x03-refractory-cart")
    texts = chart_texts(page)
    assert page.console_errors == []
    for expected in ("EOT", "DS5 NMR", "Biopsy +", "Bridging R-GDP", "Apheresis", "CAR-T infusion", "C6",
                     "CAR-T / ASCT"):
        assert expected in texts, (expected, texts)
    summary = summary_text(page)
    assert "primary refractory (progression or stable disease" in summary  # the cards' words (labels table)
    assert "NCCN: refractory disease confirmed by biopsy" in summary
    assert page.get_attribute("#summary", "class") == "summary indicator-info"  # CAR-T given: follow-up
    ctx.close()


def test_early_relapse_with_windows_and_salvage(stack):  # noqa: F811
    ctx, page = run_launch(stack, "lbcl-v14", name="lbcl-v14-early-relapse")
    texts = chart_texts(page)
    for expected in ("DS2 CMR", "DS5 PMD", "< 3 months", "3-6 months", "6-12 months", "R-ICE \u00d72", "Post-salvage",
                     "Relapse 2024-11-25, 7 mo after EOT"):
        assert expected in texts, (expected, texts)
    assert "early relapse, 6-12 months after the end of first line" in summary_text(page)
    pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1  # the richest chart still prints on one page
    (ARTEFACTS / "lbcl-v14-print.pdf").write_bytes(pdf)
    page.emulate_media(media="print")  # what the A4 page holds, as a picture (A4 landscape at 96 dpi)
    page.set_viewport_size({"width": 1123, "height": 794})
    page.screenshot(path=str(ARTEFACTS / "lbcl-v14-print-preview.png"))
    ctx.close()


def test_no_token_ever_reaches_the_service(stack):  # noqa: F811
    ctx, page = run_launch(stack, "lbcl-v01")
    ctx.close()
    assert stack.ehr.issued
    api_calls = [r for r in stack.recorder.seen if r["path"] == "/smart/api/timeline"]
    assert api_calls
    for r in stack.recorder.seen:
        assert r["authorization"] is None
        for token in stack.ehr.issued:
            assert token not in r["query"] and token.encode() not in r["body"]


def expect_error(page, kind: str, *words: str) -> str:
    assert page.get_attribute("body", "data-state") == "error"
    assert page.get_attribute("body", "data-error") == kind
    assert page.is_visible("#error") and not page.is_visible("#result")
    text = page.inner_text("#error")
    for w in words:
        assert w in text, (w, text)
    assert not STACK_TRACE.search(page.inner_text("body")), page.inner_text("body")
    return text


def test_denied_consent(stack):  # noqa: F811
    ctx, page = run_launch(stack, "lbcl-v01", decision="deny", name="error-denied-consent")
    expect_error(page, "denied", "Access was not granted", "launch the app again and approve access")
    ctx.close()


def test_wrong_state_is_refused(stack):  # noqa: F811
    stack.ehr.tamper_state = True
    before = len(stack.ehr.token_requests)
    ctx, page = run_launch(stack, "lbcl-v01", name="error-wrong-state")
    expect_error(page, "state", "state check failed")
    assert len(stack.ehr.token_requests) == before  # the code was never exchanged
    ctx.close()


def test_expired_token(stack):  # noqa: F811
    stack.ehr.token_lifetime_s = -60  # the FHIR server (SEKMET) checks exp itself
    ctx, page = run_launch(stack, "lbcl-v01", name="error-expired-token")
    expect_error(page, "unauthorized", "HTTP 401", "expired", "Launch the app again")
    ctx.close()


def test_fhir_401_for_a_token_it_does_not_trust(stack):  # noqa: F811
    stack.ehr.signing_key = secrets.token_urlsafe(48)  # a key the FHIR server does not know
    ctx, page = run_launch(stack, "lbcl-v01")
    expect_error(page, "unauthorized", "refused access", "HTTP 401")
    ctx.close()


@pytest.mark.parametrize("status", [500, 503])
def test_fhir_5xx(stack, status):  # noqa: F811
    stack.ehr.faults["Observation"] = status
    ctx, page = run_launch(stack, "lbcl-x03", name=f"error-fhir-{status}")
    expect_error(page, "fhir-server", f"HTTP {status}", "Observation", "Nothing was evaluated")
    ctx.close()


def test_patient_without_lymphoma_data(stack):  # noqa: F811
    ctx, page = run_launch(stack, EMPTY, name="error-no-lymphoma-data")
    expect_error(page, "no-lymphoma-data", "No lymphoma data for this patient")
    ctx.close()


def test_standalone_launch_uses_the_patient_picker(stack):  # noqa: F811
    ctx = stack.browser.new_context(viewport={"width": 1440, "height": 900})
    page = ctx.new_page()
    page.goto(f"{stack.app_root}/smart/launch?iss={stack.ehr.fhir_base}")
    page.wait_for_selector("#picker", timeout=15000)
    assert stack.ehr.authorize_requests[-1]["scope"].startswith("launch/patient openid fhirUser")
    assert stack.ehr.authorize_requests[-1]["launch"] is None
    page.select_option("#picker", "lbcl-x03")
    page.click("#approve")
    page.wait_for_selector("body[data-state=drawn]", timeout=20000)
    assert "lbcl-x03" in page.inner_text("#patient-line") and "CAR-T infusion" in chart_texts(page)
    ctx.close()


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def test_authorization_server_enforces_pkce_s256_and_the_fhir_server_the_token(stack):  # noqa: F811
    ehr = stack.ehr
    launch = parse_qs(urlsplit(requests.get(f"{ehr.root}/ehr/launch?patient=lbcl-v01", allow_redirects=False,
                                            timeout=10).headers["Location"]).query)["launch"][0]
    verifier, challenge = _pkce()
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": f"{stack.app_root}/smart/app",
              "scope": SCOPES_V1, "state": "s-123", "aud": ehr.fhir_base, "launch": launch,
              "code_challenge": challenge, "code_challenge_method": "S256"}
    plain = requests.get(f"{ehr.root}/auth/authorize?" + urlencode({**params, "code_challenge_method": "plain"}),
                         allow_redirects=False, timeout=10)
    assert plain.status_code == 302 and "error=invalid_request" in plain.headers["Location"]
    resp = requests.post(f"{ehr.root}/auth/authorize", data={**params, "decision": "approve"}, allow_redirects=False,
                         timeout=10)
    query = parse_qs(urlsplit(resp.headers["Location"]).query)
    assert query["state"] == ["s-123"]
    token_url, form = f"{ehr.root}/auth/token", {"grant_type": "authorization_code", "code": query["code"][0],
                                                 "redirect_uri": params["redirect_uri"], "client_id": CLIENT_ID}
    wrong = requests.post(token_url, data={**form, "code_verifier": _pkce()[0]}, timeout=10)
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    ok = requests.post(token_url, data={**form, "code_verifier": verifier}, timeout=10).json()
    assert ok["patient"] == "lbcl-v01" and ok["token_type"] == "Bearer" and ok["scope"] == SCOPES_V1
    headers = {"Accept": "application/fhir+json"}
    assert requests.get(f"{ehr.fhir_base}/Patient/lbcl-v01", headers=headers, timeout=10).status_code == 401
    authed = {**headers, "Authorization": f"Bearer {ok['access_token']}"}
    assert requests.get(f"{ehr.fhir_base}/Patient/lbcl-v01", headers=authed, timeout=10).status_code == 200
