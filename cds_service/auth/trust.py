"""Trusted CDS clients (checklist §5.2 J9-J10): the trusted-issuers file and the issuers' key sets.

`LBCL_CDS_TRUSTED_ISSUERS` names a JSON file mapping each issuer (`iss`) to exactly these keys:

    {"https://ehr.example.org": {"jwks_file": "jwks.json", "jku": ["https://ehr.example.org/jwks"],
                                 "algorithms": ["RS384", "ES384"], "tenants": ["t1"],
                                 "fhir_servers": ["https://fhir.ehr.example.org"]}}

`jwks_file` (relative to the trusted-issuers file) and/or `jku` (allowlisted https URLs); `algorithms`
optional (default ES384, RS384; never `none` or HMAC); `tenants` optional; `fhir_servers` optional: the
origins (`scheme://host[:port]`) this issuer's calls may name as `fhirServer` (any other is refused with
412 before any fetch; absent: any). The public CDS Hooks sandbox
signs with a private key anyone can read, so its issuer is trusted only with LBCL_CDS_TRUST_SANDBOX=1.
Remote key sets are fetched only from an allowlisted `jku`, cached, and re-fetched at most once per
`REFETCH_MIN_S` on an unknown `kid` (key rotation without letting a client make us hammer its server).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests

from cds_service.errors import ConfigError
from cds_service.protocol import origin_of

log = logging.getLogger("lbcl_cds.auth")

ASYMMETRIC_ALGORITHMS = frozenset({"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
DEFAULT_ALGORITHMS = ("ES384", "RS384")  # CDS Hooks J8
ALLOWED_KEYS = frozenset({"jwks_file", "jku", "algorithms", "tenants", "fhir_servers"})
SANDBOX_ISS = "https://sandbox.cds-hooks.org"
SANDBOX_JKU = "https://sandbox.cds-hooks.org/.well-known/jwks.json"
SANDBOX_JWKS = Path(__file__).resolve().parents[1] / "data" / "sandbox-jwks.json"
REFETCH_MIN_S = 30.0
MAX_JWKS_BYTES = 256 * 1024


@dataclass(frozen=True)
class IssuerTrust:
    iss: str
    keys: dict[str, dict]  # static JWKs by kid (from jwks_file)
    jku: tuple[str, ...]
    algorithms: tuple[str, ...]
    tenants: tuple[str, ...] | None = None
    fhir_servers: tuple[str, ...] | None = None  # allowed fhirServer origins; None: any

    def allows_fhir_server(self, url: str) -> bool:
        return self.fhir_servers is None or origin_of(url) in self.fhir_servers


def _str_list(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"trusted issuers: {what} must be a non-empty list of strings")
    return tuple(value)


def parse_jwks(data: object, where: str) -> dict[str, dict]:
    """A JWK Set -> {kid: jwk}; signature keys only (`use` absent or `sig`), never symmetric keys."""
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise ValueError(f"{where}: not a JWK Set")
    out: dict[str, dict] = {}
    for jwk in data["keys"]:
        if not isinstance(jwk, dict) or not isinstance(jwk.get("kid"), str) or not jwk["kid"]:
            continue
        if jwk.get("use", "sig") != "sig" or jwk.get("kty") not in ("EC", "RSA"):
            continue
        if "d" in jwk or "p" in jwk:  # a private key published by mistake: refuse to use it
            raise ValueError(f"{where}: holds a private key")
        out[jwk["kid"]] = jwk
    return out


def _origins(value: object, iss: str) -> tuple[str, ...]:
    """`fhir_servers`: http(s) origins only (no path, query or user info), kept normalised."""
    out = []
    for entry in _str_list(value, f"fhir_servers of {iss}"):
        origin, parts = origin_of(entry), urlsplit(entry)
        if origin is None or parts.username or parts.password or parts.path not in ("", "/") or parts.query \
                or parts.fragment or "#" in entry or "?" in entry:
            raise ConfigError(f"trusted issuers: fhir_servers of {iss} must be origins such as "
                              "https://fhir.example.org (scheme, host and port only)")
        out.append(origin)
    return tuple(out)


def _load_jwks_file(path: Path) -> dict[str, dict]:
    try:
        return parse_jwks(json.loads(path.read_text()), str(path))
    except OSError as exc:
        raise ConfigError(f"trusted issuers: cannot read {path}: {exc.strerror}") from None
    except (ValueError, json.JSONDecodeError) as exc:
        raise ConfigError(f"trusted issuers: {exc}") from None


def _issuer(iss: str, spec: object, base: Path) -> IssuerTrust:
    if not isinstance(spec, dict):
        raise ConfigError(f"trusted issuers: settings of {iss} must be an object")
    unknown = set(spec) - ALLOWED_KEYS
    if unknown:
        raise ConfigError(f"trusted issuers: unknown key(s) {sorted(unknown)} for {iss}")
    if "jwks_file" not in spec and "jku" not in spec:
        raise ConfigError(f"trusted issuers: {iss} needs jwks_file and/or jku")
    keys: dict[str, dict] = {}
    if "jwks_file" in spec:
        if not isinstance(spec["jwks_file"], str) or not spec["jwks_file"]:
            raise ConfigError(f"trusted issuers: jwks_file of {iss} must be a path")
        keys = _load_jwks_file(base / spec["jwks_file"])
    jku = _str_list(spec["jku"], f"jku of {iss}") if "jku" in spec else ()
    for url in jku:
        if not url.startswith("https://"):
            raise ConfigError(f"trusted issuers: jku of {iss} must be https URLs")
    algorithms = _str_list(spec["algorithms"], f"algorithms of {iss}") if "algorithms" in spec else DEFAULT_ALGORITHMS
    bad = [a for a in algorithms if a not in ASYMMETRIC_ALGORITHMS]
    if bad:
        raise ConfigError(f"trusted issuers: algorithm(s) {bad} of {iss} not allowed (asymmetric only)")
    tenants = _str_list(spec["tenants"], f"tenants of {iss}") if "tenants" in spec else None
    fhir_servers = _origins(spec["fhir_servers"], iss) if "fhir_servers" in spec else None
    return IssuerTrust(iss=iss, keys=keys, jku=jku, algorithms=algorithms, tenants=tenants,
                       fhir_servers=fhir_servers)


def load_trusted_issuers(path: str, trust_sandbox: bool = False) -> dict[str, IssuerTrust]:
    issuers: dict[str, IssuerTrust] = {}
    if path:
        file = Path(path)
        try:
            data = json.loads(file.read_text())
        except OSError as exc:
            raise ConfigError(f"LBCL_CDS_TRUSTED_ISSUERS: cannot read {path}: {exc.strerror}") from None
        except json.JSONDecodeError:
            raise ConfigError(f"LBCL_CDS_TRUSTED_ISSUERS: {path} is not valid JSON") from None
        if not isinstance(data, dict) or not data:
            raise ConfigError("LBCL_CDS_TRUSTED_ISSUERS: the file must map each issuer to its settings")
        for iss, spec in data.items():
            if iss.rstrip("/") == SANDBOX_ISS and not trust_sandbox:
                raise ConfigError("the public CDS Hooks sandbox signs with a published private key: trusting "
                                  f"{SANDBOX_ISS} needs LBCL_CDS_TRUST_SANDBOX=1 (development only)")
            issuers[iss] = _issuer(iss, spec, file.parent)
    if trust_sandbox and SANDBOX_ISS not in issuers:
        issuers[SANDBOX_ISS] = IssuerTrust(iss=SANDBOX_ISS, keys=_load_jwks_file(SANDBOX_JWKS), jku=(SANDBOX_JKU,),
                                           algorithms=("ES384",))
    return issuers


class RemoteKeySets:
    """Key sets fetched from allowlisted `jku` URLs, cached for `ttl` seconds, thread-safe."""

    def __init__(self, session: requests.Session, ttl: float = 3600.0, timeout: tuple[float, float] = (1.0, 2.0)):
        self.session = session
        self.ttl = ttl
        self.timeout = timeout
        self._cache: dict[str, tuple[float, dict[str, dict]]] = {}
        self._last_fetch: dict[str, float] = {}
        self._lock = threading.Lock()
        self.refetch_min_s = REFETCH_MIN_S

    def get(self, url: str, kid: str) -> dict | None:
        """The JWK `kid` from the set at `url`: cached; fetched when stale or when the kid is unknown,
        but not again within `refetch_min_s` of the last fetch."""
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(url)
            last = self._last_fetch.get(url)
        if cached and kid in cached[1] and now - cached[0] < self.ttl:
            return cached[1][kid]
        if last is not None and now - last < self.refetch_min_s:
            return cached[1].get(kid) if cached else None
        keys = self._fetch(url)
        if keys is None:  # the issuer's server is down: keep using what we had
            return cached[1].get(kid) if cached else None
        return keys.get(kid)

    def _fetch(self, url: str) -> dict[str, dict] | None:
        with self._lock:
            self._last_fetch[url] = time.monotonic()
        try:
            resp = self.session.get(url, timeout=self.timeout, allow_redirects=False, stream=True,
                                    headers={"Accept": "application/json"})
            try:
                body = resp.raw.read(MAX_JWKS_BYTES + 1, decode_content=True)
            finally:
                resp.close()
            if resp.status_code != 200 or len(body) > MAX_JWKS_BYTES:
                raise ValueError(f"HTTP {resp.status_code}")
            keys = parse_jwks(json.loads(body), "jku")
        except (requests.RequestException, ValueError) as exc:
            log.warning("client key set unavailable", extra={"reason": type(exc).__name__})
            return None
        with self._lock:
            self._cache[url] = (time.monotonic(), keys)
        return keys

