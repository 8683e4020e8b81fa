"""The SMART app's HTTP side: POST /smart/api/timeline (same engine as the hook, validation, caps, the
hook's JSON error shape), the pages and their CSP, discovery, the card's launch link, settings."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from cds_service.app import create_app
from cds_service.errors import ConfigError
from cds_service.hooks.evaluation import evaluate
from cds_service.patients import catalogue
from cds_service.smart.settings import SCOPES_V1, SCOPES_V2, SmartSettings

CLIENT_ID = "lbcl-timeline-test"
X03 = next(p for p in catalogue() if p.patient_id == "lbcl-x03")


def resources_of(bundle: dict) -> list[dict]:
    return [e["resource"] for e in bundle["entry"]]


@pytest.fixture()
def smart_env(monkeypatch):
    monkeypatch.setenv("LBCL_CDS_SMART_CLIENT_ID", CLIENT_ID)


def make(tmp_path, **overrides):
    cfg = {"auth": "off", "host": "127.0.0.1", "sqlite_path": str(tmp_path / "s.sqlite3"), **overrides}
    return create_app(cfg).test_client()


def post(client, body, **kw):
    return client.post("/smart/api/timeline", data=json.dumps(body), content_type="application/json", **kw)


def test_timeline_answers_the_hooks_assessment(smart_env, tmp_path):
    client = make(tmp_path)
    resp = post(client, {"patientId": "lbcl-x03", "resources": resources_of(X03.bundle()), "asOf": X03.as_of})
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"
    body = resp.get_json()
    assert body["assessment"] == json.loads(json.dumps(
        evaluate([X03.bundle()], "lbcl-x03", date.fromisoformat(X03.as_of))))
    assert body["timeline"]["patient_id"] == "lbcl-x03" and body["spec"]["layer"]
    assert body["summary"]["sections"][0]["title"] == "Now"


def test_timeline_without_as_of_evaluates_today(smart_env, tmp_path):
    body = post(make(tmp_path), {"patientId": "lbcl-x03", "resources": resources_of(X03.bundle())}).get_json()
    assert body["as_of"] == date.today().isoformat() or body["as_of"] > X03.as_of


@pytest.mark.parametrize(("body", "needle"), [
    ([], "JSON object"),
    ({"patientId": "p1", "resources": [], "token": "x"}, "unknown field(s): token"),
    ({"patientId": "no spaces allowed", "resources": []}, "patientId"),
    ({"patientId": "", "resources": []}, "patientId"),
    ({"patientId": 7, "resources": []}, "patientId"),
    ({"patientId": "p1"}, "resources must be an array"),
    ({"patientId": "p1", "resources": {"resourceType": "Bundle"}}, "resources must be an array"),
    ({"patientId": "p1", "resources": [{"id": "x"}]}, "resources[0]"),
    ({"patientId": "p1", "resources": [{"resourceType": "Patient", "id": "p1"}, "x"]}, "resources[1]"),
    ({"patientId": "p1", "resources": [], "asOf": "2025-02-30"}, "asOf"),
    ({"patientId": "p1", "resources": [], "asOf": "yesterday"}, "asOf"),
])
def test_invalid_bodies_are_400_in_the_hooks_error_shape(smart_env, tmp_path, body, needle):
    resp = post(make(tmp_path), body)
    assert resp.status_code == 400
    err = resp.get_json()
    assert set(err) == {"code", "message"} and err["code"] == "CDS-400" and needle in err["message"]
    assert "no spaces allowed" not in err["message"]  # the input's values are never echoed


def test_malformed_json_wrong_type_and_method(smart_env, tmp_path):
    client = make(tmp_path)
    bad = client.post("/smart/api/timeline", data="{not json", content_type="application/json")
    assert bad.status_code == 400 and bad.get_json()["code"] == "CDS-400"
    text = client.post("/smart/api/timeline", data="{}", content_type="text/plain")
    assert text.status_code == 415 and text.get_json()["code"] == "CDS-415"
    assert client.get("/smart/api/timeline").get_json()["code"] == "CDS-405"


def test_body_cap_is_the_hooks_413(smart_env, tmp_path):
    client = make(tmp_path, max_body_bytes=20_000)
    resp = post(client, {"patientId": "lbcl-x03", "resources": resources_of(X03.bundle())})
    assert resp.status_code == 413 and resp.get_json()["code"] == "CDS-413"


def test_resource_count_cap(monkeypatch, smart_env, tmp_path):
    monkeypatch.setenv("LBCL_CDS_SMART_MAX_RESOURCES", "3")
    resp = post(make(tmp_path), {"patientId": "p1", "resources": [{"resourceType": "Patient", "id": "p1"}] * 4})
    assert resp.status_code == 400 and "at most 3" in resp.get_json()["message"]


def test_internal_error_is_500_without_detail(smart_env, tmp_path, monkeypatch):
    from cds_service.smart import api

    def boom(*args, **kwargs):
        raise RuntimeError("secret detail /srv/path")

    monkeypatch.setattr(api, "build_payload", boom)
    resp = post(make(tmp_path), {"patientId": "p1", "resources": []})
    assert resp.status_code == 500 and resp.get_json() == {"code": "CDS-500", "message": "internal error"}


def test_app_off_without_client_id(monkeypatch, tmp_path):
    monkeypatch.delenv("LBCL_CDS_SMART_CLIENT_ID", raising=False)
    client = make(tmp_path)
    resp = post(client, {"patientId": "p1", "resources": []})
    assert resp.status_code == 404 and "LBCL_CDS_SMART_CLIENT_ID" in resp.get_json()["message"]
    assert "lbcl-cds.smart-app" not in json.dumps(client.get("/cds-services").get_json())
    page = client.get("/smart/launch")
    assert page.status_code == 200 and b'"enabled":false' in page.data


def config_of(html: bytes) -> dict:
    text = html.decode()
    start = text.index('id="smart-config">') + len('id="smart-config">')
    return json.loads(text[start:text.index("</script>", start)])


def test_launch_and_app_pages_carry_config_and_a_strict_csp(smart_env, tmp_path):
    client = make(tmp_path, public_base_url="https://cds.example.org")
    for path in ("/smart/launch", "/smart/app"):
        resp = client.get(path)
        assert resp.status_code == 200 and resp.mimetype == "text/html"
        csp = resp.headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "unsafe-eval" not in csp and "unsafe-inline" not in csp
        assert "connect-src 'self' https:;" in csp and "frame-ancestors 'none'" in csp
        cfg = config_of(resp.data)
        assert cfg["clientId"] == CLIENT_ID and cfg["redirectUri"] == "https://cds.example.org/smart/app"
        assert cfg["ehrScopes"] == SCOPES_V1 and cfg["standaloneScopes"].startswith("launch/patient openid")
        assert "Observation?patient={patient}&_count=200" in cfg["queries"] and len(cfg["queries"]) == 6
    static = client.get("/smart/static/vendor/vega-6.4.0.min.js")
    static.close()  # a file response: close it (filterwarnings = error)
    assert static.status_code == 200 and static.mimetype in ("text/javascript", "application/javascript")


def test_frame_ancestors_and_insecure_http(monkeypatch, smart_env, tmp_path):
    monkeypatch.setenv("LBCL_CDS_SMART_FRAME_ANCESTORS", "https://ehr.example.org, https://launch.example.org/")
    csp = make(tmp_path, allow_insecure_fhir=True).get("/smart/app").headers["Content-Security-Policy"]
    assert "frame-ancestors https://ehr.example.org https://launch.example.org" in csp
    assert "connect-src 'self' https: http:;" in csp


def test_discovery_says_what_to_register(smart_env, tmp_path):
    client = make(tmp_path, public_base_url="https://cds.example.org/")
    services = {s["id"]: s for s in client.get("/cds-services").get_json()["services"]}
    reg = services["lbcl-response"]["extension"]["lbcl-cds.smart-app"]
    assert reg == {"client_id": CLIENT_ID, "launch_url": "https://cds.example.org/smart/launch",
                   "redirect_uri": "https://cds.example.org/smart/app", "scopes": SCOPES_V1,
                   "standalone_scopes": SCOPES_V1.replace("launch ", "launch/patient ", 1),
                   "client_type": "public (PKCE S256)"}
    assert "extension" not in services["lbcl-order-sign"]


def hook(client, pid="lbcl-v01"):
    p = next(p for p in catalogue() if p.patient_id == pid)
    body = {"hook": "patient-view", "hookInstance": "5e1d7c4a-1b2c-4d5e-8f90-123456789abc",
            "context": {"patientId": pid}, "prefetch": {"all": p.bundle()}}
    return client.post("/cds-services/lbcl-response", data=json.dumps(body), content_type="application/json")


def test_status_card_links_the_app(smart_env, tmp_path):
    cards = hook(make(tmp_path, public_base_url="https://cds.example.org")).get_json()["cards"]
    smart_links = [lk for c in cards for lk in c.get("links", []) if lk["type"] == "smart"]
    assert smart_links == [{"label": "Open the treatment timeline", "url": "https://cds.example.org/smart/launch",
                            "type": "smart"}]
    assert cards[0]["links"][-1] == smart_links[0]  # on the status (first) card


@pytest.mark.parametrize("overrides", [{}, {"public_base_url": "https://cds.example.org"}])
def test_no_card_link_without_client_id_or_public_url(monkeypatch, tmp_path, overrides):
    if overrides:
        monkeypatch.delenv("LBCL_CDS_SMART_CLIENT_ID", raising=False)
    else:
        monkeypatch.setenv("LBCL_CDS_SMART_CLIENT_ID", CLIENT_ID)
    cards = hook(make(tmp_path, **overrides)).get_json()["cards"]
    assert cards and not [lk for c in cards for lk in c.get("links", []) if lk["type"] == "smart"]


def test_smart_settings():
    assert SmartSettings.from_env({}).enabled is False
    s = SmartSettings.from_env({"LBCL_CDS_SMART_CLIENT_ID": "abc", "LBCL_CDS_SMART_SCOPES": "v2"})
    assert s.enabled and s.ehr_scopes == SCOPES_V2 and "patient/Observation.rs" in s.ehr_scopes
    assert s.standalone_scopes.startswith("launch/patient openid fhirUser patient/Patient.rs")
    for env in ({"LBCL_CDS_SMART_SCOPES": "v3"}, {"LBCL_CDS_SMART_CLIENT_ID": "a b"},
                {"LBCL_CDS_SMART_FRAME_ANCESTORS": "javascript:alert(1)"}, {"LBCL_CDS_SMART_MAX_RESOURCES": "0"},
                {"LBCL_CDS_SMART_MAX_RESOURCES": "many"}):
        with pytest.raises(ConfigError):
            SmartSettings.from_env(env)


def test_vendored_files_match_their_pinned_hashes():
    import hashlib

    vendor = Path(__file__).resolve().parent.parent / "cds_service" / "smart" / "static" / "vendor"
    table = dict(re.findall(r"^\| `([^`]+\.js)` \|.*\| `([0-9a-f]{64})` \|$", (vendor / "README.md").read_text(), re.M))
    assert len(table) == 4
    for name, digest in table.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name
        licence = name.split(".min.js")[0].replace(".pure", "") + ".LICENSE"
        assert (vendor / licence).is_file(), licence


def test_every_smart_setting_is_in_the_readme_table():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for name in ("LBCL_CDS_SMART_CLIENT_ID", "LBCL_CDS_SMART_SCOPES", "LBCL_CDS_SMART_FRAME_ANCESTORS",
                 "LBCL_CDS_SMART_MAX_RESOURCES"):
        assert f"| `{name}` |" in readme, name
    source = (Path(__file__).resolve().parent.parent / "cds_service" / "smart" / "settings.py").read_text()
    assert set(re.findall(r"LBCL_CDS_SMART_[A-Z_]+", source)) == {
        "LBCL_CDS_SMART_CLIENT_ID", "LBCL_CDS_SMART_SCOPES", "LBCL_CDS_SMART_FRAME_ANCESTORS",
        "LBCL_CDS_SMART_MAX_RESOURCES"}


def test_log_line_has_counts_only(smart_env, tmp_path, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="lbcl_cds")
    body = {"patientId": "lbcl-x03", "resources": resources_of(X03.bundle())}
    assert post(make(tmp_path), body).status_code == 200
    [record] = [r for r in caplog.records if r.getMessage() == "timeline served"]
    assert record.resources == len(body["resources"]) and record.count > 0
    from cds_service.logs import JsonFormatter

    line = JsonFormatter().format(record)
    assert "lbcl-x03" not in line and "1970" not in line and "DLBCL" not in line
