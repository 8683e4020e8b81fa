"""Verification of the client JWT on every discovery, service and feedback call (checklist §5.2).

In order: header (`alg` asymmetric and allowed for the issuer, `typ` JWT, `kid` present); `iss` on the
allowlist; `jku`, when sent, on that issuer's allowlist (never an arbitrary URL from the token); the key
by `kid` from the static set or the allowlisted key set; signature; `aud` equal to the URL called
(string or array); `exp`, `iat`, `nbf` with a small leeway and a bounded lifetime; `tenant` when the
issuer has a tenant allowlist; and last `jti` not seen before (replay cache in the shared database).
Every failure is a `JwtRejected` (401, no detail for the client); its reason and the issuer and `jti`
are logged, never the token.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
from jwt.exceptions import PyJWTError

from cds_service.errors import Unauthorized
from cds_service.auth.trust import IssuerTrust, RemoteKeySets, load_trusted_issuers

log = logging.getLogger("lbcl_cds.auth")
_CURVES = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}
REQUIRED_CLAIMS = ["iss", "aud", "exp", "iat", "jti"]


class JwtRejected(Unauthorized):
    """401 for the client; `reason`, `iss` and `jti` go to the log only."""

    def __init__(self, reason: str, iss: object = None, jti: object = None):
        super().__init__(reason)
        self.log_extra = {"reason": reason}
        if isinstance(iss, str):
            self.log_extra["iss"] = iss[:200]
        if isinstance(jti, str):
            self.log_extra["jti"] = jti[:100]


def storable(text: str) -> bool:
    """Text both databases store as sent: no NUL (PostgreSQL text refuses it) and no lone surrogate (not
    UTF-8: the SQLite driver cannot encode it). A signed token's JSON may hold either as an escape."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _family_ok(alg: str, jwk: dict) -> bool:
    if alg.startswith("ES"):
        return jwk.get("kty") == "EC" and jwk.get("crv") == _CURVES[alg]
    return jwk.get("kty") == "RSA"


class JwtVerifier:
    """Callable as `auth.Verifier`: (token, audience URL) -> claims, or raises JwtRejected."""

    def __init__(self, issuers: dict[str, IssuerTrust], store: Any, keysets: RemoteKeySets,
                 leeway_s: int = 60, max_lifetime_s: int = 3600):
        self.issuers = issuers
        self.store = store
        self.keysets = keysets
        self.leeway_s = leeway_s
        self.max_lifetime_s = max_lifetime_s

    @classmethod
    def from_settings(cls, settings: Any, store: Any, session: Any) -> JwtVerifier:
        issuers = load_trusted_issuers(settings.trusted_issuers, settings.trust_sandbox)
        keysets = RemoteKeySets(session, ttl=float(settings.jwks_cache_s))
        return cls(issuers, store, keysets, settings.jwt_leeway_s, settings.jwt_max_lifetime_s)

    def __call__(self, token: str, audience: str) -> dict:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except PyJWTError:
            raise JwtRejected("malformed token") from None
        iss, jti = unverified.get("iss"), unverified.get("jti")
        alg, kid, jku = header.get("alg"), header.get("kid"), header.get("jku")
        trust = self.issuers.get(iss) if isinstance(iss, str) else None
        if trust is None:
            raise JwtRejected("issuer not trusted", iss, jti)
        if not isinstance(alg, str) or alg not in trust.algorithms:
            raise JwtRejected("algorithm not allowed", iss, jti)
        if header.get("typ") not in (None, "JWT", "jwt"):
            raise JwtRejected("typ is not JWT", iss, jti)
        if not isinstance(kid, str) or not kid:
            raise JwtRejected("kid missing", iss, jti)
        if jku is not None and jku not in trust.jku:
            raise JwtRejected("jku not on the issuer's allowlist", iss, jti)
        jwk = self._key(trust, kid, jku)
        if jwk is None:
            raise JwtRejected("unknown kid", iss, jti)
        if not _family_ok(alg, jwk) or jwk.get("alg", alg) != alg:
            raise JwtRejected("key does not match alg", iss, jti)
        try:
            key = jwt.get_algorithm_by_name(alg).from_jwk(jwk)
            claims = jwt.decode(token, key=key, algorithms=[alg], audience=audience, issuer=iss,
                                leeway=self.leeway_s, options={"require": REQUIRED_CLAIMS, "strict_aud": False})
        except jwt.ExpiredSignatureError:
            raise JwtRejected("expired", iss, jti) from None
        except jwt.ImmatureSignatureError:
            raise JwtRejected("not yet valid", iss, jti) from None
        except jwt.InvalidAudienceError:
            raise JwtRejected("aud is not the URL called", iss, jti) from None
        except jwt.MissingRequiredClaimError as exc:
            raise JwtRejected(f"claim {exc.claim} missing", iss, jti) from None
        except (PyJWTError, ValueError, TypeError):
            raise JwtRejected("invalid signature or claims", iss, jti) from None
        return self._check_claims(claims, trust)

    def fhir_server_allowed(self, claims: object, fhir_server: str) -> bool:
        """May a call with these verified claims name this fhirServer (the issuer's `fhir_servers`)?"""
        trust = self.issuers.get(claims.get("iss")) if isinstance(claims, dict) else None
        return trust is not None and trust.allows_fhir_server(fhir_server)

    def _key(self, trust: IssuerTrust, kid: str, jku: str | None) -> dict | None:
        """The static set (configuration) first; else the token's allowlisted `jku`, or the issuer's."""
        if kid in trust.keys:
            return trust.keys[kid]
        for url in ([jku] if jku else list(trust.jku)):
            found = self.keysets.get(url, kid)
            if found is not None:
                return found
        return None

    def _check_claims(self, claims: dict, trust: IssuerTrust) -> dict:
        iss, jti = claims["iss"], claims["jti"]
        if not isinstance(jti, str) or not jti or len(jti) > 255 or not storable(jti):
            raise JwtRejected("jti invalid", iss)  # checked before the replay cache stores it
        try:
            exp, iat = int(claims["exp"]), int(claims["iat"])
        except (TypeError, ValueError):
            raise JwtRejected("exp or iat invalid", iss, jti) from None
        if exp - iat > self.max_lifetime_s:
            raise JwtRejected("token lifetime too long", iss, jti)
        if trust.tenants is not None and claims.get("tenant") not in trust.tenants:
            raise JwtRejected("tenant not allowed", iss, jti)
        if not self.store.claim_jti(iss, jti, exp + self.leeway_s):
            raise JwtRejected("jti replayed", iss, jti)
        return claims
