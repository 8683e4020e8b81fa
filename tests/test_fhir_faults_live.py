"""FHIR faults over real sockets (issue 8): the real FHIR test server (SEKMET, tests/sekmet_fixture.py,
bearer tokens enforced) behind a fault-injecting proxy on 127.0.0.1 (tests/fault_proxy.py), plus a
refused connection and a token the server rejects. Timeouts here are real socket timeouts.

Expected as with `responses` (test_fhir_faults.py): the faulty key named on a card, or 412 when no PET
source can be had; within the acquisition budget; a dripping server is cut off at the deadline (it never
holds a fetch thread past it); the same app answers normally afterwards.
"""

from __future__ import annotations

import logging
import time
import uuid

import pytest

from cds_service.acquisition.prefetch import FETCH_FAILED
from cds_service.patients import load_patients
from fault_proxy import FaultProxy
from live_server import free_port
from reliability_helpers import check_flask, figures, make_app  # noqa: F401 (fixture)
from sekmet_fixture import fhir_server  # noqa: F401 (session fixture)

PID = "lbcl-v03"
BUDGET_S = 1.0
SLACK_S = 0.7
PAGE_CAP = 4
ONE_KEY_MODES = ["delay:1.6", "status:401", "status:403", "status:404", "status:410", "status:429", "status:500",
                 "status:503", "reset", "garbage", "truncate", "drip", "wrong_type", "loop_next", "endless_next",
                 "foreign_next", "oversized"]
ALL_KEYS = ("Patient", "Condition", "Observation", "MedicationAdministration", "Procedure", "DiagnosticReport")
ALL_KEY_NAMES = ("patient", "conditions", "observations", "medicationAdministrations", "procedures",
                 "diagnosticReports")
RAN: list[str] = []


@pytest.fixture(scope="module")
def proxy(fhir_server):  # noqa: F811
    load_patients(fhir_server.base, fhir_server.token, [PID])
    p = FaultProxy(fhir_server.base)
    yield p
    p.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return make_app(tmp_path_factory.mktemp("live-faults"), allow_insecure_fhir=True, fetch_budget_s=BUDGET_S,
                    fhir_read_timeout=0.5, fhir_connect_timeout=0.5, fhir_page_cap=PAGE_CAP)


def hook(base: str, token: str) -> dict:
    return {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": base,
            "fhirAuthorization": {"access_token": token, "token_type": "Bearer", "expires_in": 300,
                                  "scope": "patient/*.read", "subject": "lbcl-cds"},
            "context": {"patientId": PID, "userId": "Practitioner/example"}}


def logged(caplog) -> dict[str, str]:
    """Why each key could not be fetched, as the log says it (the caller only sees FETCH_FAILED)."""
    return {r.key: r.reason for r in caplog.records if r.getMessage() == "FHIR fetch failed"}


@pytest.fixture(autouse=True)
def _log(caplog):
    caplog.set_level(logging.INFO, logger="lbcl_cds")


def call(app, body: dict):
    started = time.monotonic()
    resp = app.test_client().post("/cds-services/lbcl-response", json=body)
    elapsed = time.monotonic() - started
    check_flask(resp)
    assert elapsed < BUDGET_S + SLACK_S, f"{elapsed:.2f} s"
    return resp.status_code, resp.get_json()


@pytest.mark.parametrize("mode", ONE_KEY_MODES)
def test_one_faulty_key_is_named_on_a_card(app, proxy, fhir_server, mode, caplog):  # noqa: F811
    proxy.faults = {"Observation": mode}
    before = len(proxy.requests)
    try:
        status, body = call(app, hook(proxy.base, fhir_server.token))
    finally:
        proxy.faults = {}
    assert status == 200, body
    a = body["cards"][0]["extension"]["lbcl-cds.assessment"]
    assert a["unavailable_data"] == {"observations": FETCH_FAILED}, a["unavailable_data"]
    assert any("observations (not fetched)" in c.get("detail", "") for c in body["cards"])
    if mode == "endless_next":
        assert sum(p.startswith("Observation") for p in proxy.requests[before:]) == PAGE_CAP
        assert logged(caplog) == {"observations": f"more than {PAGE_CAP} pages"}
    if mode == "loop_next":
        assert logged(caplog) == {"observations": "paging loop detected"}
    if mode == "foreign_next":
        assert logged(caplog) == {"observations": "next link points to another server"}
    RAN.append(mode)


@pytest.mark.parametrize("mode", ["status:503", "delay:1.6", "reset"])
def test_every_key_down_is_412_within_the_budget(app, proxy, fhir_server, mode):  # noqa: F811
    proxy.faults = dict.fromkeys(ALL_KEYS, mode)
    try:
        status, body = call(app, hook(proxy.base, fhir_server.token))
    finally:
        proxy.faults = {}
    assert status == 412 and set(body["unavailable"]) == {"observations", "diagnosticReports"}
    assert body["operationOutcome"]["resourceType"] == "OperationOutcome"
    RAN.append(f"all keys {mode}")


def test_connection_refused_is_412(app, fhir_server, caplog):  # noqa: F811
    status, body = call(app, hook(f"http://127.0.0.1:{free_port()}/fhir", fhir_server.token))
    assert status == 412 and "connection failed" not in body["message"]
    assert logged(caplog) == {k: "connection failed (ConnectionError)" for k in ALL_KEY_NAMES}
    RAN.append("connection refused")


def test_a_token_the_real_server_rejects_is_412(app, proxy, caplog):
    status, body = call(app, hook(proxy.base, "not-the-token"))
    assert status == 412 and "HTTP 401" not in body["message"] and FETCH_FAILED in body["message"]
    assert logged(caplog) == {k: "HTTP 401" for k in ALL_KEY_NAMES}
    RAN.append("real 401")


def test_a_dripping_server_is_cut_off_at_the_deadline(proxy):
    assert proxy.drips_cut, "the dripping answer was never cut off"
    assert max(proxy.drips_cut) < BUDGET_S + 1.0, proxy.drips_cut


def test_the_app_answers_normally_afterwards(app, proxy, fhir_server, figures):  # noqa: F811
    status, body = call(app, hook(proxy.base, fhir_server.token))
    a = body["cards"][0]["extension"]["lbcl-cds.assessment"]
    assert status == 200 and "unavailable_data" not in a and a["latest_response"]["category"]
    assert len(RAN) == len(ONE_KEY_MODES) + 3 + 2, "some live fault cases did not pass"
    figures.record("fhir_faults_live", cases=len(RAN))
