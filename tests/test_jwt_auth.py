"""Client JWT verification (checklist §5.2): every attack case gets 401 with no detail; valid EHR
(RS384) and sandbox-shaped (ES384) tokens pass on discovery, service and feedback calls."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time

import pytest
import responses
from cryptography.hazmat.primitives import serialization

import jwt_helpers as jh
from postgres_fixture import pg_database, postgres_url  # noqa: F401 (fixtures)

DISCOVERY = jh.BASE + "/cds-services"


@pytest.fixture(scope="module")
def keys():
    return jh.Keys()


@pytest.fixture()
def app(tmp_path, keys):
    return jh.jwt_app(tmp_path, keys)


@pytest.fixture()
def client(app):
    return app.test_client()


def get_discovery(client, token):
    return client.get("/cds-services", headers=jh.bearer(token))


def assert_401(resp):
    assert resp.status_code == 401
    assert resp.get_json() == {"code": "CDS-401", "message": "unauthorized"}


def test_valid_rs384_token_on_discovery(client, keys):
    assert get_discovery(client, jh.ehr_token(keys, DISCOVERY)).status_code == 200


def test_valid_es384_token_on_discovery(client, keys):
    assert get_discovery(client, jh.ehr_token(keys, DISCOVERY, alg="ES384")).status_code == 200


def test_no_token_is_401(client):
    assert_401(client.get("/cds-services"))
    assert_401(client.get("/cds-services", headers={"Authorization": "Basic dXNlcjpwdw=="}))


def test_expired(client, keys):
    token = jh.sign(jh.claims(DISCOVERY, exp=int(time.time()) - 120, iat=int(time.time()) - 420), keys.rsa)
    assert_401(get_discovery(client, token))


def test_not_yet_valid_nbf(client, keys):
    token = jh.sign(jh.claims(DISCOVERY, nbf=int(time.time()) + 600), keys.rsa)
    assert_401(get_discovery(client, token))


def test_iat_in_the_future(client, keys):
    now = int(time.time())
    token = jh.sign(jh.claims(DISCOVERY, iat=now + 600, exp=now + 900), keys.rsa)
    assert_401(get_discovery(client, token))


def test_small_clock_skew_is_tolerated(client, keys):
    now = int(time.time())
    token = jh.sign(jh.claims(DISCOVERY, iat=now + 20, exp=now + 300, nbf=now + 20), keys.rsa)
    assert get_discovery(client, token).status_code == 200


def test_epic_style_nbf_before_iat_and_sub_accepted(client, keys):
    now = int(time.time())
    token = jh.sign(jh.claims(DISCOVERY, nbf=now - 300, sub="epic-client-id"), keys.rsa)
    assert get_discovery(client, token).status_code == 200


@pytest.mark.parametrize("aud", ["https://other.example.org/cds-services", jh.BASE + "/cds-services/lbcl-response",
                                 "http://localhost/cds-services", ["https://other.example.org/cds-services"]])
def test_wrong_aud(client, keys, aud):
    assert_401(get_discovery(client, jh.ehr_token(keys, aud)))


def test_aud_array_containing_the_url(client, keys):
    token = jh.ehr_token(keys, ["https://other.example.org/cds-services", DISCOVERY])
    assert get_discovery(client, token).status_code == 200


def test_aud_is_never_taken_from_the_host_header(client, keys):
    token = jh.ehr_token(keys, "https://evil.example.org/cds-services")
    resp = client.get("/cds-services", headers=jh.bearer(token), base_url="https://evil.example.org")
    assert_401(resp)


def test_unknown_issuer(client, keys):
    token = jh.sign(jh.claims(DISCOVERY, iss="https://attacker.example.org"), keys.rsa)
    assert_401(get_discovery(client, token))


@responses.activate
def test_jku_not_on_the_allowlist_is_never_fetched(client, keys):
    evil = "https://attacker.example.org/jwks.json"
    responses.get(evil, json=keys.jwks("rsa"))
    token = jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="rsa-1", jku=evil)
    assert_401(get_discovery(client, token))
    assert len(responses.calls) == 0


@responses.activate
def test_key_from_the_allowlisted_jku_is_fetched_once_and_cached(tmp_path, keys):
    app = jh.jwt_app(tmp_path, keys, trusted_issuers=str(_jku_only_trust(tmp_path)))
    responses.get(jh.EHR_JKU, json=keys.jwks("rsa"))
    c = app.test_client()
    for _ in range(3):
        token = jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="rsa-1", jku=jh.EHR_JKU)
        assert get_discovery(c, token).status_code == 200
    assert len(responses.calls) == 1
    assert responses.calls[0].request.headers.get("Authorization") is None


@responses.activate
def test_unknown_kid_refetches_once_then_401(tmp_path, keys):
    app = jh.jwt_app(tmp_path, keys, trusted_issuers=str(_jku_only_trust(tmp_path)))
    responses.get(jh.EHR_JKU, json=keys.jwks("rsa"))
    c = app.test_client()
    assert get_discovery(c, jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="rsa-1")).status_code == 200
    app.extensions["lbcl_cds"].verifier.keysets.refetch_min_s = 0
    assert_401(get_discovery(c, jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="rotated-away")))
    assert len(responses.calls) == 2  # one re-fetch for the unknown kid, not more
    app.extensions["lbcl_cds"].verifier.keysets.refetch_min_s = 30
    assert_401(get_discovery(c, jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="another-unknown")))
    assert len(responses.calls) == 2  # rate-limited: a client cannot make us hammer its key server


@responses.activate
def test_key_rotation_is_picked_up_on_unknown_kid(tmp_path, keys):
    app = jh.jwt_app(tmp_path, keys, trusted_issuers=str(_jku_only_trust(tmp_path)))
    app.extensions["lbcl_cds"].verifier.keysets.refetch_min_s = 0
    responses.get(jh.EHR_JKU, json=keys.jwks("rsa"))
    c = app.test_client()
    assert get_discovery(c, jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="rsa-1")).status_code == 200
    responses.replace(responses.GET, jh.EHR_JKU, json=keys.jwks("rsa", "ec"))
    token = jh.sign(jh.claims(DISCOVERY), keys.ec, alg="ES384", kid="ec-1")
    assert get_discovery(c, token).status_code == 200


def _jku_only_trust(tmp_path):
    path = tmp_path / "jku-only.json"
    path.write_text(json.dumps({jh.EHR_ISS: {"jku": [jh.EHR_JKU]}}))
    return path


def test_unknown_kid_static_only(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY), keys.rsa, kid="nope")))


def test_missing_kid(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY), keys.rsa, kid=None)))


def test_alg_none(client, keys):
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT", "kid": "rsa-1"}).encode())
    body = base64.urlsafe_b64encode(json.dumps(jh.claims(DISCOVERY)).encode())
    token = header.rstrip(b"=").decode() + "." + body.rstrip(b"=").decode() + "."
    assert_401(get_discovery(client, token))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_hs384_signed_with_the_public_key(client, keys):
    """The classic key-confusion attack: HMAC keyed with the issuer's public key (which anyone has)."""
    pem = keys.rsa.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo)
    signing_input = _b64(json.dumps({"alg": "HS384", "typ": "JWT", "kid": "rsa-1"}).encode()) + "." + \
        _b64(json.dumps(jh.claims(DISCOVERY)).encode())
    sig = hmac.new(pem, signing_input.encode(), hashlib.sha384).digest()
    assert_401(get_discovery(client, signing_input + "." + _b64(sig)))


def test_es384_header_with_rsa_kid_is_refused(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY), keys.ec, alg="ES384", kid="rsa-1")))


def test_signed_by_an_untrusted_key_with_a_trusted_kid(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY), keys.other_ec, alg="ES384", kid="ec-1")))


def test_tampered_payload(client, keys):
    token = jh.ehr_token(keys, "https://other.example.org/cds-services")
    head, _, sig = token.split(".")
    forged = base64.urlsafe_b64encode(json.dumps(jh.claims(DISCOVERY)).encode()).rstrip(b"=").decode()
    assert_401(get_discovery(client, f"{head}.{forged}.{sig}"))


def test_garbage_token(client):
    assert_401(get_discovery(client, "abc.def.ghi"))
    assert_401(get_discovery(client, "not-a-jwt"))


def test_replayed_jti(client, keys):
    token = jh.ehr_token(keys, DISCOVERY)
    assert get_discovery(client, token).status_code == 200
    assert_401(get_discovery(client, token))


def test_replay_cache_is_shared_by_workers_of_one_deployment(tmp_path, keys):
    worker1, worker2 = jh.jwt_app(tmp_path, keys), jh.jwt_app(tmp_path, keys)  # same database
    token = jh.ehr_token(keys, DISCOVERY)
    assert get_discovery(worker1.test_client(), token).status_code == 200
    assert_401(get_discovery(worker2.test_client(), token))


@pytest.mark.parametrize("claim", ["iss", "aud", "exp", "iat", "jti"])
def test_missing_claims(client, keys, claim):
    payload = jh.claims(DISCOVERY)
    del payload[claim]
    assert_401(get_discovery(client, jh.sign(payload, keys.rsa)))


def test_typ_other_than_jwt(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY), keys.rsa, typ="at+jwt")))


def test_overlong_lifetime(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY, lifetime=86400), keys.rsa)))


def test_algorithm_not_allowed_for_the_issuer(client, keys):
    assert_401(get_discovery(client, jh.sign(jh.claims(DISCOVERY), keys.rsa, alg="RS256")))


def test_tenant_allowlist(tmp_path, keys):
    trust = jh.write_trust(tmp_path, keys, tenants=["t1"])
    c = jh.jwt_app(tmp_path, keys, trusted_issuers=str(trust)).test_client()
    assert get_discovery(c, jh.ehr_token(keys, DISCOVERY, tenant="t1")).status_code == 200
    assert_401(get_discovery(c, jh.ehr_token(keys, DISCOVERY, tenant="t2")))
    assert_401(get_discovery(c, jh.ehr_token(keys, DISCOVERY)))


def test_feedback_call_needs_a_token_with_the_feedback_url(client, keys):
    url = "/cds-services/lbcl-response/feedback"
    body = {"feedback": [{"card": "c1", "outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z"}]}
    assert_401(client.post(url, json=body))
    service_aud = jh.ehr_token(keys, jh.BASE + "/cds-services/lbcl-response")
    assert_401(client.post(url, json=body, headers=jh.bearer(service_aud)))
    assert client.post(url, json=body, headers=jh.bearer(jh.ehr_token(keys, jh.BASE + url))).status_code == 200


def test_service_call_needs_a_token(client, keys):
    url = "/cds-services/lbcl-response"
    body = {"hook": "patient-view", "hookInstance": "h1", "context": {"patientId": "p1", "userId": "Practitioner/1"}}
    assert_401(client.post(url, json=body))
    assert_401(client.post(url, json=body, headers=jh.bearer(jh.ehr_token(keys, DISCOVERY))))
    assert client.post(url, json=body, headers=jh.bearer(jh.ehr_token(keys, jh.BASE + url))).status_code == 412


def test_cors_preflight_needs_no_token(tmp_path, keys):
    c = jh.jwt_app(tmp_path, keys, cors_origins=("https://sandbox.cds-hooks.org",)).test_client()
    for path in ("/cds-services", "/cds-services/lbcl-response", "/cds-services/lbcl-response/feedback"):
        resp = c.options(path, headers={"Origin": "https://sandbox.cds-hooks.org",
                                        "Access-Control-Request-Method": "POST",
                                        "Access-Control-Request-Headers": "authorization,content-type"})
        assert resp.status_code == 204, path
        assert resp.headers["Access-Control-Allow-Origin"] == "https://sandbox.cds-hooks.org"
        assert "Authorization" in resp.headers["Access-Control-Allow-Headers"]


def test_the_token_never_reaches_the_logs(client, keys, caplog):
    from cds_service.logs import JsonFormatter

    caplog.set_level(logging.DEBUG)
    good, bad = jh.ehr_token(keys, DISCOVERY), jh.ehr_token(keys, "https://other.example.org/cds-services")
    get_discovery(client, good)
    get_discovery(client, good)  # replay
    get_discovery(client, bad)
    lines = [JsonFormatter().format(r) for r in caplog.records]
    assert any("rejected client token" in line and "jti replayed" in line for line in lines)
    assert any("aud is not the URL called" in line for line in lines)
    for token in (good, bad):
        for part in token.split("."):
            assert all(part not in line for line in lines)
        assert all(part not in r.getMessage() for r in caplog.records for part in token.split("."))


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
@pytest.mark.parametrize("jti", ["\ud800", "a\udfffb", "a\x00b"], ids=["lone-high", "lone-low", "nul"])
def test_a_jti_the_store_cannot_hold_is_401(request, tmp_path, keys, caplog, database, jti):
    """A trusted issuer's signed token whose `jti` is a lone surrogate (500 on SQLite before: the driver
    cannot encode it) or holds a NUL (503 on PostgreSQL before: text refuses it): 401 on both, the same
    body, never reaching the replay cache; the log line stays JSON."""
    from cds_service.logs import JsonFormatter

    overrides = {"database_url": request.getfixturevalue("pg_database")} if database == "postgresql" else {}
    app = jh.jwt_app(tmp_path, keys, **overrides)
    caplog.set_level(logging.INFO)
    try:
        assert_401(get_discovery(app.test_client(), jh.ehr_token(keys, DISCOVERY, jti=jti)))
        untrusted = jh.sign(jh.claims(DISCOVERY, iss="https://evil.example.org", jti=jti), keys.rsa)
        assert_401(get_discovery(app.test_client(), untrusted))  # the jti is logged with this reason
        assert app.extensions["lbcl_cds"].store.db.query("SELECT COUNT(*) FROM jwt_jti") == [(0,)]
        assert get_discovery(app.test_client(), jh.ehr_token(keys, DISCOVERY)).status_code == 200
    finally:
        app.extensions["lbcl_cds"].store.db.close()
    lines = [JsonFormatter().format(r) for r in caplog.records if r.name == "lbcl_cds.auth"]
    assert any('"jti invalid"' in line for line in lines)
    for line in lines:
        json.loads(line)
        line.encode("utf-8")
