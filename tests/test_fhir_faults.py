"""FHIR fault matrix (issue 8) with `responses`: every fault (timeouts, slow past the budget, refused,
401/403/404/410/429/500/503, redirects, non-JSON, truncated JSON, wrong resourceType, OperationOutcome,
endless and looping `next` links, a `next` link to another server, an oversized Bundle) on one search
key, on a PET key, on the Patient read, and on every key at once.

Expected: one key down -> 200 with a card naming that key (and `unavailable_data` saying why); every
key down -> 412 with an OperationOutcome naming the PET keys; always within the acquisition budget, and
the same app (one worker's state: session, thread pool, store) answers normally afterwards.
The same faults through a real HTTP server in front of the real FHIR server: test_fhir_faults_live.py.
"""

from __future__ import annotations

import time
import uuid

import pytest
import responses

import fake_fhir as ff
import fhir_builders as fb
from fhir_fault_kinds import PAGE_CAP, faults
from reliability_helpers import check_flask, figures, make_app  # noqa: F401 (fixture)

SERVICE = "/cds-services/lbcl-response"
BUDGET_S = 0.3
SLACK_S = 0.6  # thread hand-off and evaluation on top of the budget
FAULTS = faults(BUDGET_S)
TARGETS = {"one search (procedures)": ["Procedure"], "a PET key (observations)": ["Observation"],
           "the Patient read": ["Patient/p1"],
           "every key": ["Patient/p1", "Condition", "Observation", "MedicationAdministration", "Procedure",
                         "DiagnosticReport"]}
KEY_OF = {"Patient/p1": "patient", "Condition": "conditions", "Observation": "observations",
          "MedicationAdministration": "medicationAdministrations", "Procedure": "procedures",
          "DiagnosticReport": "diagnosticReports"}
RAN: list[str] = []


def case() -> list[dict]:
    return fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])


def hook() -> dict:
    return {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": ff.BASE,
            "fhirAuthorization": ff.AUTH, "context": {"patientId": "p1", "userId": "Practitioner/1"}}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("faults"), fetch_budget_s=BUDGET_S, fhir_page_cap=PAGE_CAP,
                    fhir_read_timeout=BUDGET_S, fhir_connect_timeout=BUDGET_S)


def assessment(body: dict) -> dict:
    return body["cards"][0]["extension"]["lbcl-cds.assessment"]


@pytest.mark.parametrize("target", list(TARGETS))
@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault(app, fault, target):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fhir = ff.FakeFhir(case()).install(rsps)
        for path in TARGETS[target]:
            fhir.set(path, FAULTS[fault]())
        started = time.monotonic()
        resp = app.test_client().post(SERVICE, json=hook())
        elapsed = time.monotonic() - started
        foreign = [c.request.url for c in rsps.calls if not c.request.url.startswith(ff.BASE)]
    check_flask(resp, where=f"{fault} on {target}")
    assert elapsed < BUDGET_S + SLACK_S, f"{elapsed:.2f} s"
    assert not foreign, f"called outside fhirServer: {foreign}"
    body = resp.get_json()
    keys = [KEY_OF[p] for p in TARGETS[target]]
    if target == "every key":
        assert resp.status_code == 412, body
        assert set(body["unavailable"]) == {"observations", "diagnosticReports"}
        assert body["operationOutcome"]["resourceType"] == "OperationOutcome"
        assert "observations" in body["message"] and "diagnosticReports" in body["message"]
    else:
        assert resp.status_code == 200, body
        unavailable = assessment(body)["unavailable_data"]
        assert set(unavailable) == set(keys), unavailable
        assert any(k in card["summary"] or k in card.get("detail", "") for card in body["cards"] for k in keys)
    text = resp.get_data(as_text=True)
    assert ff.TOKEN not in text and "/var/lib/fhir" not in text  # no token, no server internals echoed
    RAN.append(f"{fault} / {target}")


def test_the_same_app_answers_normally_after_every_fault(app, figures):  # noqa: F811
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        ff.FakeFhir(case()).install(rsps)
        started = time.monotonic()
        resp = app.test_client().post(SERVICE, json=hook())
        elapsed = time.monotonic() - started
    assert resp.status_code == 200 and elapsed < 1.0
    a = assessment(resp.get_json())
    assert a["latest_response"]["category"] == "PMR" and "unavailable_data" not in a
    assert app.test_client().get("/readyz").status_code == 200
    assert len(RAN) == len(FAULTS) * len(TARGETS), "some fault cases did not pass"
    figures.record("fhir_faults_mock", cases=len(RAN), faults=len(FAULTS), targets=len(TARGETS))
