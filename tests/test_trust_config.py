"""Trust configuration: the trusted-issuers file, the public base URL, and the CDS Hooks sandbox
issuer (trusted only with the development setting, its key set shipped with the service)."""

from __future__ import annotations

import json

import pytest

import jwt_helpers as jh
from cds_service.app import create_app
from cds_service.errors import ConfigError

DISCOVERY = jh.BASE + "/cds-services"


@pytest.fixture(scope="module")
def keys():
    return jh.Keys()


def assert_401(resp):
    assert resp.status_code == 401
    assert resp.get_json() == {"code": "CDS-401", "message": "unauthorized"}


def test_sandbox_token_accepted_only_with_the_development_setting(tmp_path, keys):
    token_for = jh.sandbox_token
    strict = jh.jwt_app(tmp_path, keys)
    assert_401(strict.test_client().get("/cds-services", headers=jh.bearer(token_for(DISCOVERY))))
    dev = create_app({"auth": "jwt", "public_base_url": jh.BASE, "trust_sandbox": True,
                      "sqlite_path": str(tmp_path / "dev.sqlite3")})
    assert dev.test_client().get("/cds-services", headers=jh.bearer(token_for(DISCOVERY))).status_code == 200


def test_sandbox_issuer_in_the_trust_file_needs_the_development_setting(tmp_path, keys):
    path = tmp_path / "t.json"
    (tmp_path / "jwks.json").write_text(json.dumps(keys.jwks("ec")))
    path.write_text(json.dumps({jh.SBX_ISS: {"jwks_file": "jwks.json"}}))
    with pytest.raises(ConfigError):
        jh.jwt_app(tmp_path, keys, trusted_issuers=str(path))


@pytest.mark.parametrize("spec", [{"jwks_file": "jwks.json", "extra": 1}, {"algorithms": ["RS384"]},
                                  {"jwks_file": "jwks.json", "algorithms": ["HS384"]},
                                  {"jwks_file": "jwks.json", "algorithms": ["none"]},
                                  {"jku": ["http://ehr.example.org/jwks"]}, {"jwks_file": "missing.json"}])
def test_bad_trust_files_refuse_to_start(tmp_path, keys, spec):
    (tmp_path / "jwks.json").write_text(json.dumps(keys.jwks("ec")))
    path = tmp_path / "t.json"
    path.write_text(json.dumps({jh.EHR_ISS: spec}))
    with pytest.raises(ConfigError):
        jh.jwt_app(tmp_path, keys, trusted_issuers=str(path))


def test_trusted_issuers_need_a_public_base_url(tmp_path, keys):
    with pytest.raises(ConfigError):
        jh.jwt_app(tmp_path, keys, public_base_url="")


def test_sandbox_tokens_are_checked_against_the_shipped_key_set_without_network(tmp_path):
    import responses

    dev = create_app({"auth": "jwt", "public_base_url": jh.BASE, "trust_sandbox": True,
                      "sqlite_path": str(tmp_path / "dev.sqlite3")})
    with responses.RequestsMock() as rsps:
        resp = dev.test_client().get("/cds-services", headers=jh.bearer(jh.sandbox_token(DISCOVERY)))
        assert resp.status_code == 200 and len(rsps.calls) == 0


def test_a_key_set_holding_a_private_key_is_refused(tmp_path, keys):
    import jwt
    from cryptography.hazmat.primitives.asymmetric import ec

    private = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(ec.generate_private_key(ec.SECP384R1())))
    (tmp_path / "jwks.json").write_text(json.dumps({"keys": [{**private, "kid": "k"}]}))
    path = tmp_path / "t.json"
    path.write_text(json.dumps({jh.EHR_ISS: {"jwks_file": "jwks.json"}}))
    with pytest.raises(ConfigError):
        jh.jwt_app(tmp_path, keys, trusted_issuers=str(path))


def test_configuration_from_the_environment(tmp_path, keys, monkeypatch):
    env = {"LBCL_CDS_AUTH": "jwt", "LBCL_CDS_PUBLIC_BASE_URL": jh.BASE,
           "LBCL_CDS_TRUSTED_ISSUERS": str(jh.write_trust(tmp_path, keys)),
           "LBCL_CDS_CORS_ORIGINS": "https://a.example, https://b.example", "LBCL_CDS_TRUST_SANDBOX": "0",
           "LBCL_CDS_JWT_LEEWAY_S": "30", "LBCL_CDS_PATIENT_HASH_KEY": "k1",
           "LBCL_CDS_SQLITE_PATH": str(tmp_path / "env.sqlite3")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    st = create_app().extensions["lbcl_cds"]
    assert st.settings.cors_origins == ("https://a.example", "https://b.example")
    assert st.verifier.leeway_s == 30 and set(st.verifier.issuers) == {jh.EHR_ISS}
    assert not st.store.ephemeral_key
    assert st.verifier.issuers[jh.EHR_ISS].algorithms == ("RS384", "ES384")
