"""Test keys and tokens: EC P-384 (ES384, like the CDS Hooks sandbox) and RSA (RS384, like an EHR),
a trusted-issuers file, and an app configured for JWT mode."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from cds_service.app import create_app

BASE = "https://cds.example.org"
EHR_ISS = "https://ehr.example.org"
EHR_JKU = "https://ehr.example.org/jwks"
SBX_ISS = "https://sandbox.cds-hooks.org"
SBX_KID = "44823f3d-0b01-4a6c-a80e-b9d3e8a7226f"
SBX_KEY_PEM = Path(__file__).parent / "data" / "sandbox-ecprivkey.pem"  # published by the sandbox project


class Keys:
    """One EC P-384 and one RSA key pair, with kids, built once per test session."""

    def __init__(self) -> None:
        self.ec = ec.generate_private_key(ec.SECP384R1())
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_ec = ec.generate_private_key(ec.SECP384R1())  # a key nobody trusts
        self.ec_kid, self.rsa_kid = "ec-1", "rsa-1"

    def jwk(self, which: str) -> dict:
        if which == "ec":
            data = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.ec.public_key()))
            data.update(kid=self.ec_kid, use="sig", alg="ES384")
        else:
            data = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.rsa.public_key()))
            data.update(kid=self.rsa_kid, use="sig", alg="RS384")
        return data

    def jwks(self, *which: str) -> dict:
        return {"keys": [self.jwk(w) for w in which]}


def claims(aud: str | list[str], iss: str = EHR_ISS, lifetime: int = 300, **extra: object) -> dict:
    now = int(time.time())
    body = {"iss": iss, "aud": aud, "exp": now + lifetime, "iat": now, "jti": str(uuid.uuid4())}
    body.update(extra)
    return {k: v for k, v in body.items() if v is not None}


def sign(payload: dict, key: object, alg: str = "RS384", kid: str | None = "rsa-1", jku: str | None = None,
         typ: str | None = "JWT") -> str:
    headers: dict[str, object] = {}
    if kid is not None:
        headers["kid"] = kid
    if jku is not None:
        headers["jku"] = jku
    if typ is not None:
        headers["typ"] = typ
    return jwt.encode(payload, key, algorithm=alg, headers=headers)


def ehr_token(keys: Keys, aud: str, alg: str = "RS384", **extra: object) -> str:
    key, kid = (keys.rsa, keys.rsa_kid) if alg.startswith("RS") else (keys.ec, keys.ec_kid)
    return sign(claims(aud, **extra), key, alg=alg, kid=kid)


def sandbox_token(aud: str) -> str:
    """Exactly what sandbox.cds-hooks.org sends (src/retrieve-data-helpers/jwt-generator.js)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key(SBX_KEY_PEM.read_bytes(), None)
    return sign(claims(aud, iss=SBX_ISS), key, alg="ES384", kid=SBX_KID,
                jku="https://sandbox.cds-hooks.org/.well-known/jwks.json")


def write_trust(tmp: Path, keys: Keys, **spec: object) -> Path:
    (tmp / "jwks.json").write_text(json.dumps(keys.jwks("ec", "rsa")))
    entry: dict[str, object] = {"jwks_file": "jwks.json", "jku": [EHR_JKU], "algorithms": ["RS384", "ES384"]}
    entry.update(spec)
    path = tmp / "trusted-issuers.json"
    path.write_text(json.dumps({EHR_ISS: {k: v for k, v in entry.items() if v is not None}}))
    return path


def jwt_app(tmp: Path, keys: Keys, **overrides: object):
    config = {"auth": "jwt", "public_base_url": BASE, "sqlite_path": str(tmp / "store.sqlite3")}
    config.update(overrides)
    if "trusted_issuers" not in config:
        config["trusted_issuers"] = str(write_trust(tmp, keys))
    return create_app(config)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
