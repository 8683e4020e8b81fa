"""CORS (checklist §5.3) and no redirects on the CDS routes."""

from __future__ import annotations

import pytest

from cds_service.app import create_app

SANDBOX = "https://sandbox.cds-hooks.org"
PREFLIGHT = {"Origin": SANDBOX, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "authorization, content-type"}


@pytest.fixture()
def client(tmp_path):
    return create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"),
                       "cors_origins": (SANDBOX, "https://ehr.example.org/")}).test_client()


@pytest.mark.parametrize("path", ["/cds-services", "/cds-services/lbcl-response",
                                  "/cds-services/lbcl-response/feedback", "/cds-services/lbcl-order-sign"])
def test_preflight_is_answered_with_the_allowed_headers(client, path):
    resp = client.options(path, headers=PREFLIGHT)
    assert resp.status_code == 204 and resp.data == b""
    assert resp.headers["Access-Control-Allow-Origin"] == SANDBOX
    assert set(resp.headers["Access-Control-Allow-Methods"].replace(" ", "").split(",")) == {"GET", "POST", "OPTIONS"}
    allowed = {h.strip().lower() for h in resp.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type"} <= allowed
    assert "Origin" in resp.headers["Vary"]


def test_preflight_in_jwt_mode_without_a_token(tmp_path):
    c = create_app({"auth": "jwt", "sqlite_path": str(tmp_path / "s.sqlite3"),
                    "cors_origins": (SANDBOX,)}).test_client()
    assert c.options("/cds-services/lbcl-response", headers=PREFLIGHT).status_code == 204
    resp = c.post("/cds-services/lbcl-response", json={}, headers={"Origin": SANDBOX})
    assert resp.status_code == 401
    assert resp.headers["Access-Control-Allow-Origin"] == SANDBOX  # the browser may read the 401


def test_actual_requests_carry_the_origin_header(client):
    resp = client.get("/cds-services", headers={"Origin": "https://ehr.example.org"})
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "https://ehr.example.org"
    assert "Access-Control-Allow-Methods" not in resp.headers


def test_other_origins_get_no_cors_headers(client):
    resp = client.options("/cds-services", headers={**PREFLIGHT, "Origin": "https://evil.example.net"})
    assert "Access-Control-Allow-Origin" not in resp.headers
    assert "Access-Control-Allow-Origin" not in client.get("/cds-services",
                                                           headers={"Origin": "https://evil.example.net"}).headers


def test_no_cors_configured_means_no_cors_headers(tmp_path):
    c = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")}).test_client()
    resp = c.options("/cds-services", headers=PREFLIGHT)
    assert resp.status_code == 204 and "Access-Control-Allow-Origin" not in resp.headers


def test_wildcard_origin(tmp_path):
    c = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "cors_origins": ("*",)}).test_client()
    resp = c.options("/cds-services", headers={**PREFLIGHT, "Origin": "https://anything.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*"


def test_preflight_on_an_unknown_path_is_404(client):
    assert client.options("/cds-services/nope/extra/path", headers=PREFLIGHT).status_code == 404


@pytest.mark.parametrize("method,path", [("GET", "/cds-services/"), ("POST", "/cds-services/lbcl-response/"),
                                         ("POST", "/cds-services/lbcl-response/feedback/"),
                                         ("POST", "/cds-services//lbcl-response"), ("OPTIONS", "/cds-services/")])
def test_no_redirects_on_cds_routes(client, method, path):
    resp = client.open(path, method=method, json={} if method == "POST" else None, headers={"Origin": SANDBOX})
    assert resp.status_code not in (301, 302, 307, 308), resp.status_code
    assert "Location" not in resp.headers
