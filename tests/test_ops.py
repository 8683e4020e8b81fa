"""Operations endpoints: /healthz (liveness), /readyz (the store's database), /metrics (Prometheus:
requests by service and status, latency, FHIR fetches and failures, cards by rule; no PHI)."""

from __future__ import annotations

import uuid

import responses
from prometheus_client import REGISTRY

import fake_fhir as ff
import fhir_builders as fb
from cds_service.app import create_app
from cds_service.store.database import StoreUnavailable

PID = "patient-7f3a-secret-id"


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def make_app(tmp_path):
    return create_app({"auth": "off", "host": "127.0.0.1", "allow_insecure_fhir": False,
                       "sqlite_path": str(tmp_path / "s.sqlite3")})


def test_healthz_and_readyz(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    c = app.test_client()
    assert c.get("/healthz").get_json() == {"status": "ok"}
    assert c.get("/readyz").get_json() == {"status": "ready", "database": "sqlite"}
    store = app.extensions["lbcl_cds"].store

    def down(*args, **kwargs):
        raise StoreUnavailable("database connection failed")

    monkeypatch.setattr(store.db, "query", down)
    resp = c.get("/readyz")
    assert resp.status_code == 503 and resp.get_json() == {"status": "unavailable", "database": "unreachable"}
    assert c.get("/healthz").status_code == 200  # liveness does not depend on the database


def test_metrics_count_requests_fetches_and_cards_without_phi(tmp_path):
    app = make_app(tmp_path)
    c = app.test_client()
    before = {
        "ok": value("lbcl_cds_requests_total", service="lbcl-response", endpoint="call_service", status="200"),
        "unknown": value("lbcl_cds_requests_total", service="unknown", endpoint="call_service", status="404"),
        "fetched": value("lbcl_cds_fhir_fetches_total", key="observations"),
        "failed": value("lbcl_cds_fhir_fetch_failures_total", key="procedures"),
        "na1": value("lbcl_cds_cards_total", service="lbcl-response", rule="NA1"),
        "latency": value("lbcl_cds_request_duration_seconds_count", service="lbcl-response", endpoint="call_service"),
    }
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid=PID)
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": ff.BASE,
            "fhirAuthorization": ff.AUTH, "context": {"patientId": PID, "userId": "Practitioner/1"}}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(resources).install(rsps)
        fhir.set("Procedure", (500, {}, "boom"))
        resp = c.post("/cds-services/lbcl-response", json=body)
    assert resp.status_code == 200
    assert c.post("/cds-services/no-such-service", json=body).status_code == 404
    text = c.get("/metrics").get_data(as_text=True)
    assert value("lbcl_cds_requests_total", service="lbcl-response", endpoint="call_service",
                 status="200") == before["ok"] + 1
    assert value("lbcl_cds_requests_total", service="unknown", endpoint="call_service",
                 status="404") == before["unknown"] + 1
    assert value("lbcl_cds_fhir_fetches_total", key="observations") == before["fetched"] + 1
    assert value("lbcl_cds_fhir_fetch_failures_total", key="procedures") == before["failed"] + 1
    assert value("lbcl_cds_cards_total", service="lbcl-response", rule="NA1") == before["na1"] + 1
    assert value("lbcl_cds_request_duration_seconds_count", service="lbcl-response",
                 endpoint="call_service") == before["latency"] + 1
    assert "lbcl_cds_cards_total" in text and "no-such-service" not in text
    assert PID not in text and ff.TOKEN not in text
