"""End to end: a call shaped exactly like the CDS Hooks sandbox's (ES384 JWT signed with its published
key, `fhirServer` always set, no `fhirAuthorization`, prefetch omitted) and one shaped like an EHR's
(RS384 JWT, prefetch partly filled, paged Bundles, the rest fetched with the bearer token)."""

from __future__ import annotations

import uuid

import pytest
import responses

import fake_fhir as ff
import fhir_builders as fb
import jwt_helpers as jh
from cds_service.app import create_app

SANDBOX_FHIR = "https://launch.smarthealthit.org/v/r4/fhir"
SANDBOX_PATIENT = "smart-1288992"


def case(pid: str) -> list[dict]:
    return fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)], pid=pid)


@pytest.fixture(scope="module")
def keys():
    return jh.Keys()


def test_a_sandbox_shaped_call(tmp_path):
    app = create_app({"auth": "jwt", "public_base_url": jh.BASE, "trust_sandbox": True,
                      "allow_insecure_fhir": True, "cors_origins": ("https://sandbox.cds-hooks.org",),
                      "sqlite_path": str(tmp_path / "s.sqlite3")})
    c = app.test_client()
    origin = {"Origin": "https://sandbox.cds-hooks.org"}
    discovery = c.get("/cds-services", headers={**origin, **jh.bearer(jh.sandbox_token(jh.BASE + "/cds-services"))})
    assert discovery.status_code == 200 and discovery.get_json()["services"]
    service_url = jh.BASE + "/cds-services/lbcl-response"
    body = {"hookInstance": str(uuid.uuid4()), "fhirServer": SANDBOX_FHIR, "hook": "patient-view",
            "context": {"userId": "Practitioner/COREPRACTITIONER1", "patientId": SANDBOX_PATIENT}}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(case(SANDBOX_PATIENT), base=SANDBOX_FHIR).install(rsps)
        resp = c.post("/cds-services/lbcl-response", json=body,
                      headers={**origin, **jh.bearer(jh.sandbox_token(service_url))})
    assert resp.status_code == 200, resp.get_json()
    assert resp.headers["Access-Control-Allow-Origin"] == "https://sandbox.cds-hooks.org"
    card = resp.get_json()["cards"][0]
    assert card["extension"]["lbcl-cds.assessment"]["latest_response"]["category"] == "PMR"
    assert len(fhir.requests) == 6 and all("Authorization" not in r.headers for r in fhir.requests)
    feedback = {"feedback": [{"card": card["uuid"], "outcome": "overridden",
                              "overrideReason": {"reason": {"code": "clinical-judgement"}},
                              "outcomeTimestamp": "2025-03-06T10:00:00.000Z"}]}
    resp = c.post("/cds-services/lbcl-response/feedback", json=feedback,
                  headers={**origin, **jh.bearer(jh.sandbox_token(service_url + "/feedback"))})
    assert resp.status_code == 200
    assert app.extensions["lbcl_cds"].store.feedback_for(card["uuid"])[0]["override_code"] == "clinical-judgement"


def test_an_ehr_shaped_call(tmp_path, keys):
    app = jh.jwt_app(tmp_path, keys)
    c = app.test_client()
    resources = case("p1")
    obs = [r for r in resources if r["resourceType"] == "Observation"]
    admins = [r for r in resources if r["resourceType"] == "MedicationAdministration"]
    obs_p2 = f"{ff.BASE}/Observation?patient=p1&_count=200&_page=2"
    admin_p2 = f"{ff.BASE}/MedicationAdministration?patient=p1&_count=200&_page=2"
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": ff.BASE,
            "fhirAuthorization": ff.AUTH, "context": {"patientId": "p1", "userId": "Practitioner/1"},
            "prefetch": {"patient": resources[0], "observations": ff.searchset(obs[:3], obs_p2),
                         "medicationAdministrations": ff.searchset(admins[:5], admin_p2), "conditions": None}}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(resources).install(rsps)
        fhir.set(obs_p2, ff.searchset(obs[3:]))
        fhir.set(admin_p2, ff.searchset(admins[5:]))
        url = "/cds-services/lbcl-response"
        resp = c.post(url, json=body, headers=jh.bearer(jh.ehr_token(keys, jh.BASE + url)))
    assert resp.status_code == 200, resp.get_json()
    a = resp.get_json()["cards"][0]["extension"]["lbcl-cds.assessment"]
    assert a["latest_response"]["category"] == "PMR" and a["latest_response"]["cycles_before"] == 3
    assert "unavailable_data" not in a
    assert sorted(fhir.paths()) == ["DiagnosticReport", "MedicationAdministration", "Observation", "Procedure"]
    assert all(r.headers["Authorization"] == f"Bearer {ff.TOKEN}" for r in fhir.requests)


@pytest.mark.parametrize("fault", [(500, {}, "x"), (200, {}, "{"), (200, {}, "[]"), (404, {}, "")])
def test_no_fhir_fault_is_a_500(tmp_path, keys, fault):
    app = jh.jwt_app(tmp_path, keys)
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": ff.BASE,
            "fhirAuthorization": ff.AUTH, "context": {"patientId": "p1", "userId": "Practitioner/1"}}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(case("p1")).install(rsps)
        for key in ("Patient/p1", *ff.SEARCHED):
            fhir.set(key, fault)
        url = "/cds-services/lbcl-response"
        resp = app.test_client().post(url, json=body, headers=jh.bearer(jh.ehr_token(keys, jh.BASE + url)))
    assert resp.status_code == 412
    assert resp.get_json()["operationOutcome"]["resourceType"] == "OperationOutcome"
