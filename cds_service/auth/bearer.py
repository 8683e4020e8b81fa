"""Client authentication for every CDS call (checklist §5.2).

`LBCL_CDS_AUTH=off` is the local development profile (loopback only, loud warning at start-up).
With `jwt` (the default) every discovery, service and feedback call needs `Authorization: Bearer
<JWT>` that the configured verifier accepts (`jwt_auth.JwtVerifier`, built when trusted issuers are
configured); without a verifier the service fails closed (401).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from cds_service.errors import Unauthorized

log = logging.getLogger("lbcl_cds.auth")

Verifier = Callable[[str, str], object]  # (token, audience URL) -> claims, or raises Unauthorized


def _no_verifier(token: str, audience: str) -> None:
    raise Unauthorized("no trusted issuers configured")


def bearer(header: str | None) -> str:
    if not header or not header[:7].lower() == "bearer ":
        raise Unauthorized("missing bearer token")
    token = header[len("Bearer "):].strip()
    if not token:
        raise Unauthorized("empty bearer token")
    return token


def check(mode: str, header: str | None, audience: str, verifier: Verifier | None) -> object:
    """The verified claims (None in the development profile), or Unauthorized."""
    if mode == "off":
        return None
    try:
        return (verifier or _no_verifier)(bearer(header), audience)
    except Unauthorized as exc:  # the reason (never the token) goes to the log, not to the client
        log.info("rejected client token", extra=getattr(exc, "log_extra", {"reason": exc.message}))
        raise
