"""SMART app settings, from environment variables LBCL_CDS_SMART_* (README, configuration table).

The app is off until `LBCL_CDS_SMART_CLIENT_ID` names the client id the EHR registered for it: then the
pages under /smart/ serve, `POST /smart/api/timeline` answers, the status card carries the launch link
(when `LBCL_CDS_PUBLIC_BASE_URL` is set) and discovery describes what to register.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .engine import ConfigError

RESOURCE_TYPES = ("Patient", "Condition", "Observation", "MedicationAdministration", "Procedure", "DiagnosticReport")
SCOPES_V1 = " ".join(["launch", "openid", "fhirUser"] + [f"patient/{t}.read" for t in RESOURCE_TYPES])
SCOPES_V2 = " ".join(["launch", "openid", "fhirUser"] + [f"patient/{t}.rs" for t in RESOURCE_TYPES])
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d+)?$")


@dataclass(frozen=True)
class SmartSettings:
    client_id: str = ""  # LBCL_CDS_SMART_CLIENT_ID: empty = app off
    scope_version: str = "v1"  # LBCL_CDS_SMART_SCOPES: v1 (patient/X.read) or v2 (patient/X.rs)
    frame_ancestors: tuple[str, ...] = ()  # LBCL_CDS_SMART_FRAME_ANCESTORS: EHR origins allowed to embed the app
    max_resources: int = 20000  # LBCL_CDS_SMART_MAX_RESOURCES: resources per timeline request

    @property
    def enabled(self) -> bool:
        return bool(self.client_id)

    @property
    def ehr_scopes(self) -> str:
        return SCOPES_V2 if self.scope_version == "v2" else SCOPES_V1

    @property
    def standalone_scopes(self) -> str:
        """Standalone launch: the authorization server's patient picker (`launch/patient`) instead of `launch`."""
        return self.ehr_scopes.replace("launch ", "launch/patient ", 1)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> SmartSettings:
        env = dict(os.environ if env is None else env)
        client_id = env.get("LBCL_CDS_SMART_CLIENT_ID", "").strip()
        version = env.get("LBCL_CDS_SMART_SCOPES", "v1").strip().lower()
        ancestors = tuple(o.strip().rstrip("/") for o in env.get("LBCL_CDS_SMART_FRAME_ANCESTORS", "").split(",")
                          if o.strip())
        try:
            max_resources = int(env.get("LBCL_CDS_SMART_MAX_RESOURCES", "20000"))
        except ValueError:
            raise ConfigError("LBCL_CDS_SMART_MAX_RESOURCES must be an integer") from None
        settings = cls(client_id, version, ancestors, max_resources)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.client_id and not re.fullmatch(r"[\x21-\x7e]{1,200}", self.client_id):
            raise ConfigError("LBCL_CDS_SMART_CLIENT_ID must be 1-200 printable characters without spaces")
        if self.scope_version not in ("v1", "v2"):
            raise ConfigError("LBCL_CDS_SMART_SCOPES must be 'v1' or 'v2'")
        bad = [o for o in self.frame_ancestors if not _ORIGIN.match(o)]
        if bad:
            raise ConfigError(f"LBCL_CDS_SMART_FRAME_ANCESTORS: not an origin (scheme://host[:port]): {bad[0]!r}")
        if self.max_resources < 1:
            raise ConfigError("LBCL_CDS_SMART_MAX_RESOURCES must be positive")
