"""Wiring the SMART app into the service: blueprints, settings, and its registration in discovery."""


from __future__ import annotations

from flask import Flask

from .card_link import launch_url
from .engine import discovery_of, replace_discovery, settings_of
from .paths import APP_PATH
from .settings import SmartSettings

DISCOVERY_EXTENSION = "lbcl-cds.smart-app"
LINKED_SERVICE = "lbcl-response"  # the patient-view service whose status card carries the link


def registration(public_base_url: str, smart: SmartSettings) -> dict:
    """What an EHR registers for the app (also in the README)."""
    base = public_base_url.rstrip("/")
    return {"client_id": smart.client_id, "launch_url": launch_url(base) if base else None,
            "redirect_uri": base + APP_PATH if base else None, "scopes": smart.ehr_scopes,
            "standalone_scopes": smart.standalone_scopes, "client_type": "public (PKCE S256)"}


def with_smart_app(discovery: dict, public_base_url: str, smart: SmartSettings) -> dict:
    """The discovery document with the app's registration as an extension of the linked service."""
    services = []
    for entry in discovery.get("services", []):
        if entry.get("id") == LINKED_SERVICE:
            entry = {**entry, "extension": {**entry.get("extension", {}),
                                            DISCOVERY_EXTENSION: registration(public_base_url, smart)}}
        services.append(entry)
    return {**discovery, "services": services}


def init_smart(app: Flask, smart: SmartSettings | None = None) -> None:
    from . import api, pages

    smart = smart or SmartSettings.from_env()
    app.extensions["lbcl_cds_smart"] = smart
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    if smart.enabled:
        public_base_url = settings_of(app)[0].public_base_url
        replace_discovery(app, with_smart_app(discovery_of(app), public_base_url, smart))
