"""Data acquisition from the EHR's FHIR server (checklist §2.2) against a fake server (`responses`):
headers, paging, page cap, loops, foreign next links, OperationOutcome entries, faults, budget, and
the access token never leaving for anywhere but fhirServer, nor reaching a log or a response."""

from __future__ import annotations

import json
import logging
import time
import uuid

import pytest
import requests
import responses

import fake_fhir as ff
import fhir_builders as fb
from cds_service.acquisition.prefetch import FETCH_FAILED, PAGES_FAILED
from cds_service.app import create_app
from cds_service.logs import JsonFormatter

SERVICE = "/cds-services/lbcl-response"


def case() -> list[dict]:
    return fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])


def hook(prefetch: dict | None = None, auth: bool = True, server: str = ff.BASE) -> dict:
    body = {"hook": "patient-view", "hookInstance": str(uuid.uuid4()), "fhirServer": server,
            "context": {"patientId": "p1", "userId": "Practitioner/1"}}
    if auth:
        body["fhirAuthorization"] = ff.AUTH
    if prefetch is not None:
        body["prefetch"] = prefetch
    return body


@pytest.fixture()
def app(tmp_path):
    return create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "fetch_budget_s": 3.0})


@pytest.fixture()
def fhir():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield ff.FakeFhir(case()).install(rsps)


def call(app, body) -> tuple[int, dict]:
    resp = app.test_client().post(SERVICE, json=body)
    return resp.status_code, resp.get_json()


def assessment(body: dict) -> dict:
    return body["cards"][0]["extension"]["lbcl-cds.assessment"]


def logged(caplog) -> dict[str, str]:
    """Why each key could not be fetched, as the log says it (the caller only sees FETCH_FAILED)."""
    return {r.key: r.reason for r in caplog.records if r.getMessage() == "FHIR fetch failed"}


@pytest.fixture(autouse=True)
def _log(caplog):
    caplog.set_level(logging.INFO, logger="lbcl_cds")


def test_missing_keys_are_fetched_with_bearer_and_fhir_json(app, fhir):
    status, body = call(app, hook())
    assert status == 200
    assert assessment(body)["latest_response"]["category"] == "PMR"
    assert sorted(fhir.paths()) == sorted(["Patient/p1", *ff.SEARCHED])
    for req in fhir.requests:
        assert req.headers["Authorization"] == f"Bearer {ff.TOKEN}"
        assert req.headers["Accept"] == "application/fhir+json"
        assert "patient=p1" in req.url or req.url.endswith("/Patient/p1")
        assert "Cookie" not in req.headers


def test_search_paging_follows_next_links(app, fhir):
    obs = [r for r in case() if r["resourceType"] == "Observation"]
    p2, p3 = f"{ff.BASE}/Observation?page=2", f"{ff.BASE}/Observation?page=3"
    fhir.set("Observation", ff.searchset(obs[:1], p2))
    fhir.set(p2, ff.searchset(obs[1:3], p3))
    fhir.set(p3, ff.searchset(obs[3:]))
    status, body = call(app, hook())
    assert status == 200
    assert assessment(body)["latest_response"]["category"] == "PMR"  # the PET is on page 3
    assert sum(1 for r in fhir.requests if "/Observation" in r.url) == 3
    assert all(r.headers["Authorization"] == f"Bearer {ff.TOKEN}" for r in fhir.requests)


def test_page_cap(tmp_path, fhir, caplog):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "fhir_page_cap": 2})
    for i in range(1, 5):
        fhir.set(f"{ff.BASE}/Observation?page={i}", ff.searchset([], f"{ff.BASE}/Observation?page={i + 1}"))
    fhir.set("Observation", ff.searchset([], f"{ff.BASE}/Observation?page=1"))
    status, body = call(app, hook())
    assert status == 200
    assert assessment(body)["unavailable_data"]["observations"] == FETCH_FAILED
    assert logged(caplog) == {"observations": "more than 2 pages"}
    assert sum(1 for r in fhir.requests if "/Observation" in r.url) == 2


def test_paging_loop_is_detected(app, fhir, caplog):
    p2 = f"{ff.BASE}/Observation?page=2"
    first = f"{ff.BASE}/Observation?page=1"
    fhir.set("Observation", ff.searchset([], first))
    fhir.set(first, ff.searchset([], p2))
    fhir.set(p2, ff.searchset([], first))
    status, body = call(app, hook())
    assert status == 200
    assert logged(caplog) == {"observations": "paging loop detected"}


def test_next_link_to_another_server_is_refused_and_never_called(app, fhir, caplog):
    evil = "https://collector.example.net/fhir/Observation?page=2"
    fhir.set("Observation", ff.searchset([], evil))
    fhir.rsps.get(evil, json=ff.searchset([]))
    status, body = call(app, hook())
    assert not [c for c in fhir.rsps.calls if "collector" in c.request.url]
    assert status == 200
    assert assessment(body)["unavailable_data"]["observations"] == FETCH_FAILED
    assert logged(caplog) == {"observations": "next link points to another server"}


def test_operation_outcome_entries_are_filtered(app, fhir):
    obs = [r for r in case() if r["resourceType"] == "Observation"]
    bundle = ff.searchset(obs)
    bundle["entry"].append({"resource": {"resourceType": "OperationOutcome", "issue": [
        {"severity": "warning", "code": "processing", "diagnostics": "some results suppressed"}]},
        "search": {"mode": "outcome"}})
    bundle["entry"].append({"resource": fb.patient("someone-else")})  # not of the searched type
    fhir.set("Observation", bundle)
    status, body = call(app, hook())
    assert status == 200
    a = assessment(body)
    assert a["latest_response"]["category"] == "PMR"
    assert "unavailable_data" not in a and a["skipped_resources"] == 0


@pytest.mark.parametrize("reply,reason", [
    (ff.raises(requests.exceptions.ConnectTimeout()), "timeout"),
    (ff.raises(requests.exceptions.ReadTimeout()), "timeout"),
    (ff.raises(requests.exceptions.ConnectionError()), "connection failed (ConnectionError)"),
    ((401, {}, '{"resourceType":"OperationOutcome"}'), "HTTP 401"),
    ((503, {}, "Service Unavailable"), "HTTP 503"),
    ((302, {"Location": "https://login.example.org/"}, ""), "HTTP 302"),
    ((200, {"Content-Type": "text/html"}, "<html>login</html>"), "response is not JSON"),
    ((200, {}, '["not", "a", "resource"]'), "response is not a FHIR resource"),
    ((200, {}, json.dumps(fb.patient())), "search did not return a Bundle"),
    ((200, {}, '{"resourceType":"OperationOutcome","issue":[]}'), "server returned an OperationOutcome"),
])
def test_one_failing_search_gives_a_card_naming_the_unavailable_data(app, fhir, reply, reason, caplog):
    """The card names the key with one generic reason, whatever the fault (a caller must not learn from
    it whether a port is closed, open or silent); the fault itself is in the log."""
    fhir.set("Procedure", reply)
    status, body = call(app, hook())
    assert status == 200
    assert assessment(body)["unavailable_data"] == {"procedures": FETCH_FAILED}
    assert logged(caplog) == {"procedures": reason}
    assert any("procedures" in c["summary"] for c in body["cards"])


def test_wrong_resource_type_on_a_read(app, fhir, caplog):
    fhir.set("Patient/p1", fb.ecog(1, "2025-01-01"))
    status, body = call(app, hook())
    assert status == 200
    assert assessment(body)["unavailable_data"] == {"patient": FETCH_FAILED}
    assert logged(caplog) == {"patient": "expected Patient, got another resource type"}


def test_pet_sources_failing_is_412_with_operation_outcome(app, fhir, caplog):
    fhir.set("Observation", (500, {}, "boom"))
    fhir.set("DiagnosticReport", ff.raises(requests.exceptions.ReadTimeout()))
    status, body = call(app, hook())
    assert status == 412
    assert body["operationOutcome"]["resourceType"] == "OperationOutcome"
    assert set(body["unavailable"]) == {"observations", "diagnosticReports"}
    assert body["message"] == (f"PET results unavailable: observations: {FETCH_FAILED}; "
                               f"diagnosticReports: {FETCH_FAILED}")
    assert logged(caplog) == {"observations": "HTTP 500", "diagnosticReports": "timeout"}


def test_budget_exhausted_is_412_within_the_budget(tmp_path, fhir, caplog):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "fetch_budget_s": 0.6})
    fhir.set("Observation", ff.slow(3))
    fhir.set("DiagnosticReport", ff.slow(3))
    started = time.monotonic()
    status, body = call(app, hook())
    assert status == 412
    assert time.monotonic() - started < 1.5
    assert "budget" not in body["message"] and FETCH_FAILED in body["message"]
    assert set(logged(caplog).values()) == {"acquisition budget exhausted"}


def test_one_slow_key_is_cut_off_and_named_on_a_card(tmp_path, fhir, caplog):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3"), "fetch_budget_s": 0.6})
    fhir.set("Procedure", ff.slow(3))
    started = time.monotonic()
    status, body = call(app, hook())
    assert time.monotonic() - started < 1.5
    assert status == 200
    assert assessment(body)["unavailable_data"] == {"procedures": FETCH_FAILED}
    assert logged(caplog) == {"procedures": "acquisition budget exhausted"}


def test_null_and_present_keys_are_not_refetched(app, fhir):
    prefetch = {"patient": fb.patient(), "observations": ff.searchset([r for r in case() if r["resourceType"] ==
                                                                       "Observation"]),
                "procedures": None, "diagnosticReports": None,
                "conditions": {"resourceType": "OperationOutcome", "issue": [{"severity": "error",
                                                                              "code": "exception"}]}}
    status, body = call(app, hook(prefetch))
    assert status == 200
    assert fhir.paths() == ["MedicationAdministration"]  # the only absent key
    assert assessment(body)["unavailable_data"] == {"conditions": "the EHR reported an error (OperationOutcome)"}


def test_prefetched_first_page_is_completed_from_the_server(app, fhir):
    obs = [r for r in case() if r["resourceType"] == "Observation"]
    p2 = f"{ff.BASE}/Observation?patient=p1&_count=200&page=2"
    fhir.set(p2, ff.searchset(obs[2:]))
    prefetch = {"patient": fb.patient(), "observations": ff.searchset(obs[:2], p2), "conditions": None,
                "medicationAdministrations": ff.searchset([r for r in case()
                                                           if r["resourceType"] == "MedicationAdministration"]),
                "procedures": None, "diagnosticReports": None}
    status, body = call(app, hook(prefetch))
    assert status == 200
    assert [r.url for r in fhir.requests] == [p2]
    assert fhir.requests[0].headers["Authorization"] == f"Bearer {ff.TOKEN}"
    assert assessment(body)["latest_response"]["category"] == "PMR"


def test_prefetched_page_without_usable_server_is_partial(app):
    obs = [r for r in case() if r["resourceType"] == "Observation"]
    prefetch = {"patient": fb.patient(), "observations": ff.searchset(obs, f"{ff.BASE}/Observation?page=2"),
                "conditions": None, "medicationAdministrations": None, "procedures": None, "diagnosticReports": None}
    body = hook(prefetch, auth=False)
    del body["fhirServer"]
    status, out = call(app, body)
    assert status == 200
    assert "more pages" in assessment(out)["unavailable_data"]["observations"]


def test_fhir_server_without_token_needs_the_development_setting(tmp_path, fhir):
    strict = create_app({"auth": "off", "sqlite_path": str(tmp_path / "a.sqlite3")})
    status, body = call(strict, hook(auth=False))
    assert status == 412 and "refused" in body["message"]
    assert fhir.requests == []
    dev = create_app({"auth": "off", "sqlite_path": str(tmp_path / "b.sqlite3"), "allow_insecure_fhir": True})
    status, body = call(dev, hook(auth=False))
    assert status == 200
    assert fhir.requests and all("Authorization" not in r.headers for r in fhir.requests)


def test_plain_http_fhir_server_with_the_development_setting(tmp_path):
    http_base = "http://localhost:8081/fhir"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake = ff.FakeFhir(case(), base=http_base).install(rsps)
        dev = create_app({"auth": "off", "sqlite_path": str(tmp_path / "b.sqlite3"), "allow_insecure_fhir": True})
        status, _ = call(dev, hook(server=http_base))
        assert status == 200 and len(fake.requests) == 6


def test_cookies_set_by_a_server_are_never_sent_back(app, fhir):
    fhir.set("Condition", (200, {"Set-Cookie": "SESSION=abc; Path=/"}, json.dumps(ff.searchset([]))))
    call(app, hook())
    call(app, hook())
    assert all("Cookie" not in r.headers for r in fhir.requests)


def test_the_access_token_never_reaches_logs_or_responses(app, fhir, caplog):
    caplog.set_level(logging.DEBUG)
    fhir.set("Procedure", (401, {}, json.dumps({"resourceType": "OperationOutcome", "issue": [
        {"severity": "error", "code": "security", "diagnostics": f"token {ff.TOKEN} expired"}]})))
    fhir.set("Condition", ff.raises(requests.exceptions.ConnectionError(f"failed for Bearer {ff.TOKEN}")))
    fhir.set("Observation", (200, {}, "not json " + ff.TOKEN))
    resp = app.test_client().post(SERVICE, json=hook())
    assert resp.status_code == 200
    assert ff.TOKEN not in resp.get_data(as_text=True)
    lines = [JsonFormatter().format(r) for r in caplog.records]
    assert lines and all(ff.TOKEN not in line for line in lines)
    assert all(ff.TOKEN not in r.getMessage() for r in caplog.records)


@responses.activate
def test_missing_keys_are_fetched_concurrently(app):
    """Checklist 2.2 / issue 5: missing keys are fetched in parallel. Each fake query holds for a moment
    and records how many queries were in flight together; at least the six keys overlap."""
    import threading

    fake = ff.FakeFhir(case()).install()
    lock, active, peak = threading.Lock(), [0], [0]

    def overlapping(request):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.15)
        with lock:
            active[0] -= 1
        return fake._default(request.url.split("/fhir/", 1)[1].split("?")[0])

    for rtype in ("Patient", "Condition", "Observation", "MedicationAdministration", "Procedure",
                  "DiagnosticReport"):
        fake.set(rtype, overlapping)
    resp = app.test_client().post(SERVICE, json=hook())
    assert resp.status_code == 200
    assert len(fake.requests) == 6
    assert peak[0] >= 4  # sequential fetching would never have more than one in flight


def _prefetch(skip: str, null: str | None = None) -> dict:
    """Every declared key prefetched from case() as searchsets, less `skip` (and `null` sent as null)."""
    by_key = {"patient": "Patient", "conditions": "Condition", "observations": "Observation",
              "medicationAdministrations": "MedicationAdministration", "procedures": "Procedure",
              "diagnosticReports": "DiagnosticReport"}
    out: dict = {}
    for key, rtype in by_key.items():
        found = [r for r in case() if r["resourceType"] == rtype]
        out[key] = found[0] if key == "patient" else fb.bundle(found, "searchset")
    out.pop(skip, None)
    if null:
        out[null] = None
    return out


@pytest.mark.parametrize("key", ["observations", "diagnosticReports"])
def test_an_unsent_pet_key_without_fhir_access_is_named_and_never_read_as_no_result(app, key):
    """One PET source not sent and no FHIR access (blind request round of 2026-12-05, H10): the answer names
    the key; with no PET result in the other source the card says the results could not be read, never
    "no PET-CT result recorded: no action due" (issue 5: 412 or a card that says which data was unavailable)."""
    prefetch = _prefetch(key)
    other = "diagnosticReports" if key == "observations" else "observations"
    prefetch[other] = fb.bundle([], "searchset")  # no PET result in the other source
    body = hook(prefetch, auth=False)
    del body["fhirServer"]
    status, out = call(app, body)
    assert status == 200
    assert assessment(out)["unavailable_data"] == {key: "no fhirServer"}
    summary = out["cards"][0]["summary"]
    assert summary.startswith("LBCL: PET-CT results could not be read") and "no action due" not in summary


def test_a_pet_key_sent_as_null_is_no_data_and_answered(app):
    body = hook(_prefetch("procedures", null="diagnosticReports"), auth=False)
    del body["fhirServer"]
    status, out = call(app, body)
    assert status == 200 and assessment(out)["latest_response"]["category"] == "PMR"
    assert assessment(out)["unavailable_data"] == {"procedures": "no fhirServer"}  # another key: named, answered


def test_pet_results_that_could_not_be_read_are_not_no_action_due(app, fhir):
    """Observations could not be fetched and the reports hold no PET: the card says the results could not
    be read, never "no PET-CT result recorded: no action due"."""
    fhir.set("Observation", (503, {}, "Service Unavailable"))
    status, body = call(app, hook({"diagnosticReports": None}))
    assert status == 200
    status_card = body["cards"][0]
    assert status_card["summary"].startswith("LBCL: PET-CT results could not be read")
    assert "no action due" not in status_card["summary"]
    assert "could not be fetched" in status_card["detail"]
