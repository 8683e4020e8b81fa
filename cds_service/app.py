"""The application factory. Everything expensive is built once here (registry, discovery document,
FHIR model classes, HTTP session, thread pool), never per request."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from flask import Flask

from fhir_mappings.validation import warm_models

from cds_service.auth.bearer import Verifier
from cds_service.config import Settings
from cds_service.api.cors import init_cors
from cds_service.errors import register_error_handler
from cds_service.acquisition.fhir_client import make_session
from cds_service.auth.client_jwt import JwtVerifier
from cds_service.auth.startup_warnings import warn_if_nobody_can_call
from cds_service.logs import setup_logging
from cds_service.metrics import init_metrics
from cds_service.hooks.registry import Registry, with_page_size
from cds_service.hooks.services import SERVICES
from cds_service.store.records import Store

log = logging.getLogger("lbcl_cds")


@dataclass
class AppState:
    settings: Settings
    registry: Registry
    session: Any
    pool: ThreadPoolExecutor
    verifier: Verifier | None = None
    on_cards: Any = None  # callback(service_id, hook_instance, cards, patient_id) for the audit store
    store: Store | None = None  # feedback/audit store and JWT replay cache (SQLite or PostgreSQL)


def create_app(config: dict | None = None, settings: Settings | None = None) -> Flask:
    settings = (settings or Settings.from_env()).with_overrides(config)
    settings.validate()
    setup_logging(settings.log_level)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.url_map.strict_slashes = False
    warm_models()
    registry = Registry(with_page_size(SERVICES, settings.fhir_page_size))
    state = AppState(settings=settings, registry=registry, session=make_session(),
                     pool=ThreadPoolExecutor(max_workers=8, thread_name_prefix="fhir-fetch"))
    app.url_map.merge_slashes = False  # no redirects on the CDS routes (a redirected preflight fails)
    state.store = Store.from_settings(settings)
    state.store.migrate()
    state.on_cards = state.store.on_cards
    if settings.auth == "jwt" and (settings.trusted_issuers or settings.trust_sandbox):
        state.verifier = JwtVerifier.from_settings(settings, state.store, state.session)
        log.info("client JWT verification on", extra={"count": len(state.verifier.issuers)})
    warn_if_nobody_can_call(settings, state.verifier)
    if settings.trust_sandbox:
        log.warning("LBCL_CDS_TRUST_SANDBOX=1: the public CDS Hooks sandbox issuer is trusted; its private key "
                    "is published. Development only.")
    if settings.allow_insecure_fhir:
        log.warning("LBCL_CDS_ALLOW_INSECURE_FHIR=1: plain-http fhirServer and fhirServer without a token "
                    "accepted. Development only.")
    if state.store.ephemeral_key:
        log.warning("LBCL_CDS_PATIENT_HASH_KEY unset: audit patient hashes use a random per-process key")
    app.extensions["lbcl_cds"] = state
    from cds_service.api.feedback import bp as feedback_bp
    from cds_service.api.openapi import bp as openapi_bp
    from cds_service.api.ops import bp as ops_bp
    from cds_service.api.routes import bp
    from cds_service.api.security import init_security
    from cds_service.smart.setup import init_smart

    init_cors(app, settings.cors_origins)
    init_metrics(app)
    app.register_blueprint(bp)
    app.register_blueprint(feedback_bp)
    app.register_blueprint(ops_bp)
    app.register_blueprint(openapi_bp)  # GET /openapi.json (docs/openapi.yaml)
    init_smart(app)  # SMART timeline app under /smart/ (issue 15), on with LBCL_CDS_SMART_CLIENT_ID
    init_security(app)  # security headers, response size cap (docs/security.md)
    register_error_handler(app)
    if settings.auth == "off":
        log.warning("LBCL_CDS_AUTH=off: DEVELOPMENT PROFILE - unsigned calls accepted, loopback only. "
                    "Never use with patient data.")
    _warm(app)
    return app


WARM_PATIENTS = ("lbcl-x03", "lbcl-v18", "lbcl-v09")  # CAR-T + bridging, BSH + ISRT, base64 report text


def _warm(app: Flask) -> None:
    """Evaluate a few shipped synthetic patients end to end (every resource model, the report-text
    extractor, every guideline module, card rendering, the wire models) so the first real request is
    as fast as the rest (issue 7). Nothing is written to the store."""
    from datetime import date

    import orjson

    from cds_service.cards.render import render_cards
    from cds_service.hooks.evaluation import evaluate
    from cds_service.patients import catalogue
    from cds_service.protocol import CdsResponse, HookRequest

    for p in catalogue():
        if p.patient_id in WARM_PATIENTS:
            bundle = p.bundle()
            HookRequest.model_validate({"hook": "patient-view", "hookInstance": "warm-up",
                                        "context": {"patientId": p.patient_id}, "prefetch": {"all": bundle}})
            cards = render_cards(evaluate([bundle], p.patient_id, date.fromisoformat(p.as_of)))
            orjson.dumps(CdsResponse(cards=cards).dump())
