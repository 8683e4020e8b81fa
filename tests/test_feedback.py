"""`POST /cds-services/{id}/feedback` and the audit of served cards, through the HTTP app (SQLite by
default, and once on PostgreSQL)."""

from __future__ import annotations

import uuid

import pytest

import fhir_builders as fb
from cds_service.app import create_app
from postgres_fixture import pg_database, postgres_url  # noqa: F401 (fixtures)

SERVICE = "/cds-services/lbcl-response"
FEEDBACK = SERVICE + "/feedback"


def hook_body(patient_id: str = "p1") -> dict:
    resources = fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid=patient_id)
    return {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
            "context": {"patientId": patient_id, "userId": "Practitioner/1"},
            "prefetch": {"patient": resources[0], "observations": fb.bundle(resources[1:], "searchset"),
                         "medicationAdministrations": None, "conditions": None, "procedures": None,
                         "diagnosticReports": None}}


def overridden(card: str, ts: str = "2025-03-06T10:00:00.52Z", **extra: object) -> dict:
    return {"card": card, "outcome": "overridden", "outcomeTimestamp": ts, **extra}


@pytest.fixture()
def app(tmp_path):
    return create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "patient_hash_key": "k"})


def test_served_cards_are_audited_with_a_patient_hash(app):
    body = hook_body("patient-xyz")
    cards = app.test_client().post(SERVICE, json=body).get_json()["cards"]
    store = app.extensions["lbcl_cds"].store
    row = store.served_card(cards[0]["uuid"])
    assert row["hook_instance"] == body["hookInstance"] and row["service_id"] == "lbcl-response"
    assert "NA1" in row["rule_ids"] and row["indicator"] == cards[0]["indicator"]
    assert row["patient_hash"] == store.patient_hash("patient-xyz")
    dump = str(store.db.query("SELECT * FROM served_card"))
    assert "patient-xyz" not in dump


def test_feedback_is_stored_joined_and_idempotent(app):
    c = app.test_client()
    card = c.post(SERVICE, json=hook_body()).get_json()["cards"][0]
    item = overridden(card["uuid"], overrideReason={"reason": {"code": "already-done",
                                                               "system": "http://lbcl-cds.org/fhir/CodeSystem/override-reason"}})
    resp = c.post(FEEDBACK, json={"feedback": [item]})
    assert resp.status_code == 200 and resp.get_json() == {"stored": 1, "repeated": 0}
    resp = c.post(FEEDBACK, json={"feedback": [item]})
    assert resp.status_code == 200 and resp.get_json() == {"stored": 0, "repeated": 1}
    rows = app.extensions["lbcl_cds"].store.feedback_for(card["uuid"])
    assert len(rows) == 1 and rows[0]["override_code"] == "already-done" and "NA1" in rows[0]["rule_ids"]


def test_accepted_feedback_with_suggestions(app):
    item = {"card": "c1", "outcome": "accepted", "acceptedSuggestions": [{"id": "s1"}],
            "outcomeTimestamp": "2025-03-06T10:00:00+01:00"}
    assert app.test_client().post(FEEDBACK, json={"feedback": [item]}).status_code == 200


def test_sandbox_style_override_without_system_or_display(app):
    item = overridden("c1", overrideReason={"reason": {"code": "clinical-judgement"}})
    assert app.test_client().post(FEEDBACK, json={"feedback": [item]}).status_code == 200


@pytest.mark.parametrize("body", [
    {"feedback": []},
    {"feedback": [{"outcome": "overridden", "outcomeTimestamp": "2025-03-06T10:00:00Z"}]},
    {"feedback": [{"card": "c1", "outcomeTimestamp": "2025-03-06T10:00:00Z"}]},
    {"feedback": [{"card": "c1", "outcome": "ignored", "outcomeTimestamp": "2025-03-06T10:00:00Z"}]},
    {"feedback": [{"card": "c1", "outcome": "overridden"}]},
    {"feedback": [{"card": "c1", "outcome": "accepted", "outcomeTimestamp": "2025-03-06T10:00:00Z"}]},
    {"feedback": [overridden("c1", ts="yesterday")]},
    {"feedback": [overridden("c1", ts="2025-03-06")]},
    {"feedback": [overridden("c1", ts="2025-03-06T10:00:00")]},  # no time zone
    {"feedback": [overridden("c1", overrideReason={"reason": {"system": "urn:x"}})]},
    {"feedback": [overridden("c1", acceptedSuggestions=[{"id": "s1"}])]},
    {"feedback": "not a list"},
    {"nothing": 1},
    [1, 2],
])
def test_invalid_feedback_is_400(app, body):
    resp = app.test_client().post(FEEDBACK, json=body)
    assert resp.status_code == 400 and resp.get_json()["code"] == "CDS-400"


def test_feedback_for_unknown_service_is_404(app):
    resp = app.test_client().post("/cds-services/nope/feedback", json={"feedback": [overridden("c1")]})
    assert resp.status_code == 404


def test_feedback_wrong_method_and_content_type(app):
    c = app.test_client()
    assert c.get(FEEDBACK).status_code == 405
    assert c.post(FEEDBACK, data="{}", content_type="text/plain").status_code == 415


def test_store_outage_is_503_for_feedback_and_never_fails_a_hook(app, monkeypatch):
    import sqlite3

    db = app.extensions["lbcl_cds"].store.db
    db.close()

    def down():
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(db, "_connect", down)
    c = app.test_client()
    resp = c.post(FEEDBACK, json={"feedback": [overridden("c1")]})
    assert resp.status_code == 503 and resp.get_json() == {"code": "CDS-503",
                                                           "message": "storage temporarily unavailable"}
    assert c.post(SERVICE, json=hook_body()).status_code == 200


def test_the_app_on_postgresql(tmp_path, pg_database):  # noqa: F811 (fixture)
    app = create_app({"auth": "off", "database_url": pg_database, "patient_hash_key": "k"})
    try:
        c = app.test_client()
        card = c.post(SERVICE, json=hook_body()).get_json()["cards"][0]
        assert c.post(FEEDBACK, json={"feedback": [overridden(card["uuid"])]}).get_json() == {"stored": 1,
                                                                                             "repeated": 0}
        rows = app.extensions["lbcl_cds"].store.feedback_for(card["uuid"])
        assert rows[0]["outcome"] == "overridden" and "NA1" in rows[0]["rule_ids"]
    finally:
        app.extensions["lbcl_cds"].store.db.close()
