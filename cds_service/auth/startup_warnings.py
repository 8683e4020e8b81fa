"""Start-up messages about who can call: a configuration that refuses every caller says so once, loudly,
instead of starting in silence and answering 401 to everything (issue 14, operator messages)."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("lbcl_cds.auth")

NO_ISSUER = ("LBCL_CDS_AUTH=jwt and no trusted issuer (LBCL_CDS_TRUSTED_ISSUERS unset, LBCL_CDS_TRUST_SANDBOX "
             "off): every discovery, service and feedback call will be answered 401. Set "
             "LBCL_CDS_TRUSTED_ISSUERS and LBCL_CDS_PUBLIC_BASE_URL (README, Trusting an EHR), or "
             "LBCL_CDS_AUTH=off on loopback for development.")


def warn_if_nobody_can_call(settings: Any, verifier: object) -> bool:
    """Log the warning when JWT mode has no verifier (no issuer can ever be accepted); True if it did."""
    if settings.auth != "jwt" or verifier is not None:
        return False
    log.warning(NO_ISSUER)
    return True
