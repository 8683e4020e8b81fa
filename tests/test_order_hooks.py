"""order-select / order-sign: draft orders that contradict the Assessment get a warning citing the
rule (T1/T11, T2, T4); nothing is said otherwise."""

from __future__ import annotations

import uuid

import pytest
import responses

import fhir_builders as fb
from cds_service.app import create_app

SIGN, SELECT = "/cds-services/lbcl-order-sign", "/cds-services/lbcl-order-select"
RX = fb.RXNORM
RICE = {"rituximab": "121191", "ifosfamide": "5657", "carboplatin": "40048", "etoposide": "4179"}
CPT = "http://www.ama-assn.org/go/cpt"


def ppd() -> list[dict]:
    return fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="unchanged", new=False), *fb.biopsy("2025-03-10", True)])


def refractory_to_salvage() -> list[dict]:
    return ppd() + fb.administrations(fb.rchop_days("2025-03-20", 2), RICE) + [
        fb.pet("2025-05-01", ds=5, uptake="increased", new=True, etiology="lymphoma")]


def early_relapse() -> list[dict]:
    return fb.advanced_case([fb.pet("2025-05-10", ds=2)], cycles=6) + [
        fb.pet("2025-11-01", ds=5, uptake="increased", new=True, etiology="lymphoma"), *fb.biopsy("2025-11-05", True)]


def responding() -> list[dict]:
    return fb.advanced_case([fb.pet("2025-03-05", ds=4, uptake="reduced", new=False)])


def med(name: str, code: str | None = None, status: str = "draft", **extra: object) -> dict:
    cc = {"coding": [{"system": RX, "code": code, "display": name}]} if code else {"text": name}
    return {"resourceType": "MedicationRequest", "id": f"mr-{uuid.uuid4().hex[:6]}", "status": status,
            "intent": "order", "subject": {"reference": "Patient/p1"}, "medicationCodeableConcept": cc, **extra}


def service_request(code: str | None = None, text: str | None = None) -> dict:
    cc: dict = {}
    if code:
        cc["coding"] = [{"system": CPT, "code": code}]
    if text:
        cc["text"] = text
    return {"resourceType": "ServiceRequest", "id": f"sr-{uuid.uuid4().hex[:6]}", "status": "draft",
            "intent": "order", "subject": {"reference": "Patient/p1"}, "code": cc}


def rchop_orders() -> list[dict]:
    return [med(n, c) for n, c in fb.RCHOP.items()]


def body(resources: list[dict], orders: list[dict], hook: str = "order-sign", selections: list[str] | None = None,
         as_of_prefetch: bool = True) -> dict:
    out = {"hook": hook, "hookInstance": str(uuid.uuid4()),
           "context": {"patientId": "p1", "userId": "Practitioner/1",
                       "draftOrders": fb.bundle(orders, "collection")}}
    if hook == "order-select":
        out["context"]["selections"] = selections or [f"{o['resourceType']}/{o['id']}" for o in orders]
    if as_of_prefetch:
        by_type = {t: [r for r in resources if r["resourceType"] == t] for t in
                   ("Condition", "Observation", "MedicationAdministration", "Procedure", "DiagnosticReport")}
        out["prefetch"] = {"patient": resources[0], "conditions": fb.bundle(by_type["Condition"], "searchset"),
                           "observations": fb.bundle(by_type["Observation"], "searchset"),
                           "medicationAdministrations": fb.bundle(by_type["MedicationAdministration"], "searchset"),
                           "procedures": fb.bundle(by_type["Procedure"], "searchset"),
                           "diagnosticReports": fb.bundle(by_type["DiagnosticReport"], "searchset")}
    return out


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return create_app({"auth": "off", "sqlite_path": str(tmp_path_factory.mktemp("o") / "s.sqlite3")}).test_client()


def cards(client, req: dict, path: str = SIGN) -> list[dict]:
    resp = client.post(path, json=req)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()["cards"]


def rules(card: dict) -> list[str]:
    return card["extension"]["lbcl-cds.rules"]


def test_discovery_lists_both_order_hooks(client):
    services = {s["id"]: s for s in client.get("/cds-services").get_json()["services"]}
    assert services["lbcl-order-select"]["hook"] == "order-select"
    assert services["lbcl-order-sign"]["hook"] == "order-sign"
    assert services["lbcl-order-sign"]["prefetch"] == services["lbcl-response"]["prefetch"]


def test_rchop_in_primary_refractory_disease_warns_t1_t11(client):
    orders = rchop_orders()
    out = cards(client, body(ppd(), orders))
    assert len(out) == 1
    card = out[0]
    assert card["indicator"] == "warning" and rules(card) == ["T1", "T11"]
    assert "R-CHOP" in card["summary"] and "primary refractory" in card["summary"] and len(card["summary"]) < 140
    assert "rule T1" in card["detail"] and "rule T11" in card["detail"] and "SCHOLAR-1" in card["detail"]
    assert "cyclophosphamide" in card["summary"] and "/" not in card["detail"].split("**Why")[0]  # named, no ids
    deletes = card["suggestions"][0]["actions"]
    assert {a["resourceId"] for a in deletes} <= {f"MedicationRequest/{o['id']}" for o in orders}
    assert all(a["type"] == "delete" for a in deletes) and card["selectionBehavior"] == "at-most-one"
    assert all(o["display"] for o in card["overrideReasons"])


def test_rchop_after_early_relapse_warns_t1(client):
    out = cards(client, body(early_relapse(), rchop_orders()))
    assert [rules(c) for c in out] == [["T1"]]
    assert "early treatment failure" in out[0]["summary"]


def test_salvage_aimed_at_asct_in_ppd_warns_t11_not_rchop(client):
    orders = [med(n, c) for n, c in RICE.items()]
    out = cards(client, body(ppd(), orders))
    assert [rules(c) for c in out] == [["T11", "T1"]]
    assert "salvage" in out[0]["summary"]


def test_salvage_by_regimen_name_only(client):
    out = cards(client, body(ppd(), [service_request(text="R-ICE cycle 1, then ASCT if chemosensitive")]))
    assert [rules(c)[0] for c in out] == ["T11"]


def test_tisagenlecleucel_as_second_line_warns_t2(client):
    out = cards(client, body(early_relapse(), [med("Kymriah (tisagenlecleucel) suspension")]))
    assert [rules(c) for c in out] == [["T2", "T1"]]
    assert "BELINDA" in out[0]["detail"]


def test_tisagenlecleucel_by_medication_reference(client):
    medication = {"resourceType": "Medication", "id": "m1", "code": {"coding": [
        {"system": RX, "code": "1986438", "display": "tisagenlecleucel"}]}}
    order = med("x")
    del order["medicationCodeableConcept"]
    order["medicationReference"] = {"reference": "Medication/m1"}
    out = cards(client, body(early_relapse(), [order, medication]))
    assert [rules(c)[0] for c in out] == ["T2"]


def test_axicabtagene_as_second_line_is_silent(client):
    assert cards(client, body(early_relapse(), [med("Yescarta (axicabtagene ciloleucel)")])) == []


def test_asct_after_chemorefractory_salvage_warns_t4(client):
    for order in (service_request(code="38241"), service_request(text="Autologous stem cell transplant"),
                  {**service_request(), "code": {"coding": [{"system": "http://snomed.info/sct",
                                                            "code": "234336002"}]}}):
        out = cards(client, body(refractory_to_salvage(), [order]))
        assert [rules(c) for c in out] == [["T4"]], order
        assert "progressive disease" in out[0]["summary"]


def test_asct_when_salvage_response_is_unknown_is_silent(client):
    assert cards(client, body(early_relapse(), [service_request(code="38241")])) == []


def test_next_rchop_cycle_while_responding_is_silent(client):
    assert cards(client, body(responding(), rchop_orders())) == []


@responses.activate
def test_unrelated_orders_are_silent_and_fetch_nothing(client):
    req = body(ppd(), [med("ondansetron"), service_request(text="Complete blood count")], as_of_prefetch=False)
    req["fhirServer"] = "https://ehr.example.org/fhir"
    req["fhirAuthorization"] = {"access_token": "t", "token_type": "Bearer", "expires_in": 60, "scope": "x",
                                "subject": "y"}
    assert cards(client, req) == []
    assert len(responses.calls) == 0


def test_order_select_checks_only_the_selections(client):
    orders = rchop_orders() + [med("ondansetron")]
    req = body(ppd(), orders, hook="order-select", selections=[f"MedicationRequest/{orders[-1]['id']}"])
    assert cards(client, req, SELECT) == []
    req = body(ppd(), orders, hook="order-select", selections=[f"MedicationRequest/{orders[1]['id']}"])
    out = cards(client, req, SELECT)
    assert [rules(c) for c in out] == [["T1", "T11"]]
    assert [a["resourceId"] for a in out[0]["suggestions"][0]["actions"]] == [f"MedicationRequest/{orders[1]['id']}"]


def test_cancelled_draft_is_ignored(client):
    assert cards(client, body(ppd(), [med("rituximab", "121191", status="cancelled")])) == []


def test_unavailable_data_is_said_when_orders_are_relevant(client):
    req = body(responding(), rchop_orders())
    req["prefetch"]["procedures"] = {"resourceType": "OperationOutcome", "issue": [{"severity": "error",
                                                                                    "code": "exception"}]}
    out = cards(client, req)
    assert len(out) == 1 and out[0]["indicator"] == "info" and "procedures" in out[0]["summary"]


@pytest.mark.parametrize("mutate", [
    lambda b: b["context"].pop("draftOrders"),
    lambda b: b["context"].update(draftOrders=[{"resourceType": "MedicationRequest"}]),
    lambda b: b["context"].update(draftOrders={"resourceType": "MedicationRequest"}),
])
def test_malformed_draft_orders_are_400(client, mutate):
    req = body(ppd(), rchop_orders())
    mutate(req)
    assert client.post(SIGN, json=req).status_code == 400


def test_order_select_needs_selections(client):
    req = body(ppd(), rchop_orders(), hook="order-select")
    del req["context"]["selections"]
    assert client.post(SELECT, json=req).status_code == 400


def test_wrong_hook_for_an_order_service_is_400(client):
    assert client.post(SIGN, json=body(ppd(), rchop_orders(), hook="order-select")).status_code == 400


def test_order_cards_are_audited_with_their_rules(tmp_path):
    app = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")})
    out = cards(app.test_client(), body(ppd(), rchop_orders()))
    row = app.extensions["lbcl_cds"].store.served_card(out[0]["uuid"])
    assert row["service_id"] == "lbcl-order-sign" and row["rule_ids"] == ["T1", "T11"]


# --- the blind order round of 2026-12-05 (tests/blind_orders, README there) -----------------------------

@pytest.mark.parametrize("orders", [
    [med("fludarabine", "24698"), med("cyclophosphamide", "3002"), med("Yescarta (axicabtagene ciloleucel)")],
    [med("Polivy (polatuzumab vedotin-piiq)"), med("bendamustine", "134547"), med("rituximab", "121191")],
], ids=["lymphodepletion", "pola-br"])
def test_an_rchop_drug_in_another_regimen_is_not_more_rchop(client, orders):
    """Cyclophosphamide beside fludarabine is lymphodepletion for CAR-T; rituximab beside bendamustine and
    polatuzumab is Pola-BR. Neither is "more R-CHOP" (T1/T11)."""
    assert cards(client, body(ppd(), orders)) == []


def test_rchop_with_premedication_still_warns(client):
    """Dexamethasone given as premedication does not make R-CHOP another regimen."""
    found = cards(client, body(ppd(), rchop_orders() + [med("dexamethasone", "3264")]))
    assert found and "T1" in rules(found[0])


def test_no_car_t_warning_when_car_t_is_coded_not_eligible(client):
    """T1 is withheld when CAR-T is coded not eligible; the order checks warn only "when CAR-T is an option"
    (discovery description): no "refer for CAR-T" card for R-CHOP or for salvage then."""
    not_eligible = ppd() + [fb.tier2("cart-eligible", "2025-03-12", valueBoolean=False)]
    assert cards(client, body(not_eligible, rchop_orders())) == []
    assert cards(client, body(not_eligible, [med(n, c) for n, c in RICE.items()])) == []
