"""Operator messages (issue 14): the service used to start in JWT mode with no trusted issuer without a
word and answer 401 to everything, and to refuse a browser's origin (no CORS headers) without a trace.
Now each case leaves one clear log line, with nothing of the request but the origin."""

from __future__ import annotations

import json
import logging

import pytest

import jwt_helpers as jh
from cds_service.app import create_app
from cds_service.auth.startup_warnings import NO_ISSUER
from cds_service.logs import JsonFormatter
from live_server import LiveServer

SANDBOX = "https://sandbox.cds-hooks.org"
LOCAL = "http://localhost:8080"


def lines(caplog, logger: str) -> list[dict]:
    return [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == logger]


@pytest.fixture(autouse=True)
def _log(caplog):
    caplog.set_level(logging.INFO, logger="lbcl_cds")


# -- JWT mode with nobody trusted -----------------------------------------------------------------------

def test_jwt_mode_without_a_trusted_issuer_warns_at_start_up(tmp_path, caplog):
    app = create_app({"auth": "jwt", "sqlite_path": str(tmp_path / "s.sqlite3")})
    [warning] = [line for line in lines(caplog, "lbcl_cds.auth") if line["level"] == "WARNING"]
    assert warning["msg"] == NO_ISSUER and "401" in warning["msg"] and "LBCL_CDS_TRUSTED_ISSUERS" in warning["msg"]
    assert app.test_client().get("/cds-services").status_code == 401  # what the warning announces


@pytest.mark.parametrize("config", [
    {"auth": "off"},
    {"auth": "jwt", "trust_sandbox": True, "public_base_url": jh.BASE},
])
def test_no_warning_when_someone_can_call(tmp_path, caplog, config):
    create_app({**config, "sqlite_path": str(tmp_path / "s.sqlite3")})
    assert not [line for line in lines(caplog, "lbcl_cds.auth") if line["msg"] == NO_ISSUER]


def test_no_warning_with_a_trusted_issuers_file(tmp_path, caplog):
    jh.jwt_app(tmp_path, jh.Keys())
    assert not [line for line in lines(caplog, "lbcl_cds.auth") if line["msg"] == NO_ISSUER]


def test_the_production_server_says_it_on_stderr():
    with LiveServer(workers=1, env={"LBCL_CDS_AUTH": "jwt"}) as srv:
        assert srv.request("GET", "/cds-services")[0] == 401
        logs = srv.logs()
    found = [json.loads(line) for line in logs.splitlines() if "no trusted issuer" in line]
    assert found and all(line["level"] == "WARNING" and line["msg"] == NO_ISSUER for line in found)


# -- refused CORS origins -------------------------------------------------------------------------------

@pytest.fixture()
def sandbox_app(tmp_path):
    return create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "cors_origins": (SANDBOX,)})


def refused(caplog) -> list[dict]:
    return [line for line in lines(caplog, "lbcl_cds.cors") if line["msg"].startswith("CORS origin refused")]


def test_a_refused_origin_is_logged_with_the_origin_only(sandbox_app, caplog):
    token = jh.sign(jh.claims(jh.BASE + "/cds-services/lbcl-response"), jh.Keys().rsa)
    body = {"hook": "patient-view", "hookInstance": "h-1", "context": {"patientId": "p1"},
            "prefetch": {"patient": {"resourceType": "Patient", "id": "p1", "name": [{"family": "Zyxwordsworth"}]}}}
    resp = sandbox_app.test_client().post("/cds-services/lbcl-response", json=body,
                                          headers={"Origin": LOCAL + "/", "Authorization": f"Bearer {token}"})
    assert "Access-Control-Allow-Origin" not in resp.headers
    [line] = refused(caplog)
    assert line["origin"] == LOCAL and line["level"] == "WARNING"
    assert line["msg"] == "CORS origin refused: add it to LBCL_CDS_CORS_ORIGINS"
    assert set(line) == {"ts", "level", "logger", "msg", "origin"}
    text = json.dumps(line)
    assert "Zyxwordsworth" not in text and token.split(".")[1] not in text and "h-1" not in text


def test_a_refused_origin_is_logged_once_a_minute(sandbox_app, caplog):
    c = sandbox_app.test_client()
    for _ in range(5):
        c.options("/cds-services/lbcl-response", headers={"Origin": LOCAL, "Access-Control-Request-Method": "POST"})
        c.get("/cds-services", headers={"Origin": LOCAL})
    c.get("/cds-services", headers={"Origin": "http://127.0.0.1:8080"})
    assert [line["origin"] for line in refused(caplog)] == [LOCAL, "http://127.0.0.1:8080"]


def test_allowed_or_absent_origins_are_not_logged(sandbox_app, caplog):
    c = sandbox_app.test_client()
    assert c.get("/cds-services", headers={"Origin": SANDBOX}).headers["Access-Control-Allow-Origin"] == SANDBOX
    c.get("/cds-services")
    c.get("/healthz", headers={"Origin": LOCAL})  # not a CDS path: no CORS at all
    assert refused(caplog) == []


@pytest.mark.parametrize("origin,logged", [("null", "null"), ("javascript:alert(1)", "not an http(s) origin"),
                                           ("HTTP://LocalHost:8080", LOCAL),
                                           ("http://[::1]:9000", "http://[::1]:9000")])
def test_odd_origins_are_logged_normalised(sandbox_app, caplog, origin, logged):
    sandbox_app.test_client().get("/cds-services", headers={"Origin": origin})
    assert [line["origin"] for line in refused(caplog)] == [logged]


def test_without_any_configured_origin_the_line_says_so(tmp_path, caplog):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")})
    app.test_client().get("/cds-services", headers={"Origin": LOCAL})
    [line] = refused(caplog)
    assert "LBCL_CDS_CORS_ORIGINS is unset" in line["msg"] and line["origin"] == LOCAL


# -- the README's locally served sandbox ----------------------------------------------------------------

SERVICE_BASE = "http://localhost:8081"


@pytest.fixture()
def local_sandbox(tmp_path):
    """The service as README "A locally served sandbox" starts it."""
    return create_app({"auth": "jwt", "trust_sandbox": True, "public_base_url": SERVICE_BASE,
                       "cors_origins": (LOCAL,), "allow_insecure_fhir": True,
                       "sqlite_path": str(tmp_path / "s.sqlite3")})


def test_the_local_sandbox_walk_through(local_sandbox, caplog):
    import hostile_cases as hc

    c = local_sandbox.test_client()
    pre = c.options("/cds-services", headers={"Origin": LOCAL, "Access-Control-Request-Method": "GET",
                                              "Access-Control-Request-Headers": "authorization"})
    assert pre.status_code == 204 and pre.headers["Access-Control-Allow-Origin"] == LOCAL
    token = jh.sandbox_token(SERVICE_BASE + "/cds-services")
    disc = c.get("/cds-services", headers={"Origin": LOCAL, **jh.bearer(token)})
    assert disc.status_code == 200 and disc.headers["Access-Control-Allow-Origin"] == LOCAL
    path = "/cds-services/lbcl-response"
    resp = c.post(path, json=hc.hook(), headers={"Origin": LOCAL, **jh.bearer(jh.sandbox_token(SERVICE_BASE + path))})
    assert resp.status_code == 200 and resp.get_json()["cards"]
    assert refused(caplog) == []


def test_127_0_0_1_in_the_discovery_url_is_a_401_saying_why(local_sandbox, caplog):
    token = jh.sandbox_token("http://127.0.0.1:8081/cds-services")
    resp = local_sandbox.test_client().get("/cds-services", headers={"Origin": LOCAL, **jh.bearer(token)})
    assert resp.status_code == 401
    [line] = [line for line in lines(caplog, "lbcl_cds.auth") if line["msg"] == "rejected client token"]
    assert line["reason"] == "aud is not the URL called" and line["iss"] == SANDBOX


def test_the_sandbox_page_opened_as_127_0_0_1_is_a_refused_origin(local_sandbox, caplog):
    token = jh.sandbox_token(SERVICE_BASE + "/cds-services")
    resp = local_sandbox.test_client().get("/cds-services", headers={"Origin": "http://127.0.0.1:8080",
                                                                     **jh.bearer(token)})
    assert resp.status_code == 200 and "Access-Control-Allow-Origin" not in resp.headers
    assert [line["origin"] for line in refused(caplog)] == ["http://127.0.0.1:8080"]
