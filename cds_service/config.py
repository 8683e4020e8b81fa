"""Configuration from environment variables with the prefix LBCL_CDS_ (README table)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace

from cds_service.errors import ConfigError
from cds_service.guidelines.settings import GuidelineSettings

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _bool(raw: str) -> bool:
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"not a boolean: {raw!r}")


@dataclass(frozen=True)
class Settings:
    auth: str = "jwt"  # jwt | off (development profile: 127.0.0.1 only)
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 2  # gunicorn workers (cds_service/gunicorn_conf.py)
    threads: int = 4  # gunicorn threads per worker
    worker_timeout: int = 30  # gunicorn: seconds before a silent worker is restarted
    max_connections: int = 1000  # per worker: open connections (cds_service/worker.py)
    header_timeout_s: float = 10.0  # a request head must be complete this long after the connection waits
    body_timeout_s: float = 30.0  # the whole request body must arrive within this once the head is in
    database_url: str = ""  # empty: embedded SQLite file at sqlite_path
    sqlite_path: str = "instance/lbcl-cds.sqlite3"
    db_connect_timeout_s: float = 1.0  # PostgreSQL: connecting, per attempt (store/pg_connection.py)
    db_statement_timeout_ms: int = 1000  # PostgreSQL: server statement_timeout; the client waits 250 ms more
    max_body_bytes: int = 5 * 1024 * 1024
    public_base_url: str = ""
    trusted_issuers: str = ""  # path of the trusted-issuers JSON file
    trust_sandbox: bool = False  # development: trust the public CDS Hooks sandbox issuer
    cors_origins: tuple[str, ...] = ()
    allow_insecure_fhir: bool = False  # development: http fhirServer / no token
    fhir_connect_timeout: float = 1.0
    fhir_read_timeout: float = 2.5
    fetch_budget_s: float = 3.0
    fhir_page_cap: int = 20
    fhir_page_size: int = 200  # `_count` of the Observation / MedicationAdministration prefetch searches
    patient_hash_key: str = ""  # key for the audit store's patient hash (random per process if unset)
    audit_flush_s: float = 0.2  # served-card audit rows written in batches this often (0: on the request path)
    jwt_leeway_s: int = 60  # clock skew allowed on exp / iat / nbf
    jwt_max_lifetime_s: int = 3600  # longest exp - iat accepted (the jti replay cache keeps jtis that long)
    jwks_cache_s: int = 3600  # how long a key set fetched from a jku is reused
    log_level: str = "INFO"
    log_flush_s: float = 0.1  # a worker writes INFO lines in batches this often (0: each at once; logs.py)
    strict_validation: bool = False  # also validate whole resources with fhir.resources R4B (fhir_mappings/validation.py)
    guidelines: GuidelineSettings = field(default_factory=GuidelineSettings)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        kw: dict[str, object] = {}
        for f in fields(cls):
            if f.name == "guidelines":
                continue
            raw = env.get(f"LBCL_CDS_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls, f.name, None) if not callable(getattr(cls, f.name, None)) else None
            try:
                if isinstance(default, bool):
                    kw[f.name] = _bool(raw)
                elif isinstance(default, int):
                    kw[f.name] = int(raw)
                elif isinstance(default, float):
                    kw[f.name] = float(raw)
                elif f.name == "cors_origins":
                    kw[f.name] = tuple(o.strip() for o in raw.split(",") if o.strip())
                else:
                    kw[f.name] = raw
            except ValueError as exc:
                raise ConfigError(f"LBCL_CDS_{f.name.upper()}: {exc}") from exc
        kw["guidelines"] = GuidelineSettings.from_env(env)
        settings = cls(**kw)
        settings.validate()
        return settings

    def with_overrides(self, overrides: dict | None) -> Settings:
        return replace(self, **overrides) if overrides else self

    def validate(self) -> None:
        if self.auth not in ("jwt", "off"):
            raise ConfigError("LBCL_CDS_AUTH must be 'jwt' or 'off'")
        if self.auth == "off" and self.host not in LOOPBACK:
            raise ConfigError(f"LBCL_CDS_AUTH=off (development profile) binds loopback only; refusing to serve "
                              f"unauthenticated on {self.host}")
        if self.max_body_bytes <= 0:
            raise ConfigError("LBCL_CDS_MAX_BODY_BYTES must be positive")
        if self.auth == "jwt" and (self.trusted_issuers or self.trust_sandbox) and not self.public_base_url:
            raise ConfigError("LBCL_CDS_PUBLIC_BASE_URL is required with trusted issuers: the JWT audience is "
                              "built from it, never from the request's Host header")
        if self.public_base_url and not self.public_base_url.startswith(("https://", "http://")):
            raise ConfigError("LBCL_CDS_PUBLIC_BASE_URL must be an http(s) URL")
        if self.workers < 1 or self.threads < 1 or self.worker_timeout < 1:
            raise ConfigError("LBCL_CDS_WORKERS, LBCL_CDS_THREADS and LBCL_CDS_WORKER_TIMEOUT must be positive")
        if self.max_connections <= self.threads or self.header_timeout_s <= 0 or self.body_timeout_s <= 0:
            raise ConfigError("LBCL_CDS_MAX_CONNECTIONS must exceed LBCL_CDS_THREADS; LBCL_CDS_HEADER_TIMEOUT_S "
                              "and LBCL_CDS_BODY_TIMEOUT_S must be positive")
        if not 1 <= self.fhir_page_size <= 1000 or self.fhir_page_cap < 1:
            raise ConfigError("LBCL_CDS_FHIR_PAGE_SIZE must be 1-1000 and LBCL_CDS_FHIR_PAGE_CAP positive")
        if not 0 < self.db_connect_timeout_s <= 60 or not 1 <= self.db_statement_timeout_ms <= 600_000:
            raise ConfigError("LBCL_CDS_DB_CONNECT_TIMEOUT_S must be in (0, 60] and LBCL_CDS_DB_STATEMENT_TIMEOUT_MS "
                              "in 1-600000")
        if not 0 <= self.log_flush_s <= 60:
            raise ConfigError("LBCL_CDS_LOG_FLUSH_S must be 0-60")
        if not 0 <= self.jwt_leeway_s <= 300 or self.jwt_max_lifetime_s <= 0:
            raise ConfigError("LBCL_CDS_JWT_LEEWAY_S must be 0-300 and LBCL_CDS_JWT_MAX_LIFETIME_S positive")
