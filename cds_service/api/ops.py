"""Operations endpoints, no authentication (probes and scrapers send none; nothing here is PHI):
GET /healthz (liveness: the process answers), GET /readyz (readiness: the store's database answers),
GET /metrics (Prometheus text format, metrics.py)."""

from __future__ import annotations

import logging

import orjson
from flask import Blueprint, Response, current_app

from cds_service.store.database import StoreUnavailable
from cds_service.metrics import exposition

log = logging.getLogger("lbcl_cds.ops")
bp = Blueprint("ops", __name__)


def _json(data: object, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status=status, mimetype="application/json",
                    headers={"Cache-Control": "no-store"})


@bp.get("/healthz")
def healthz() -> Response:
    return _json({"status": "ok"})


@bp.get("/readyz")
def readyz() -> Response:
    store = current_app.extensions["lbcl_cds"].store
    try:
        store.db.query("SELECT 1")
    except StoreUnavailable:
        return _json({"status": "unavailable", "database": "unreachable"}, 503)
    return _json({"status": "ready", "database": store.db.dialect})


@bp.get("/metrics")
def metrics() -> Response:
    body, content_type = exposition()
    return Response(body, status=200, headers={"Content-Type": content_type, "Cache-Control": "no-store"})
