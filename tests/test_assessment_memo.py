"""The same chart is evaluated once (issue 16; cds_service/hooks/memo.py): a hook call whose prefetch was
seen before takes the Assessment from the app's memo, with the same answer; anything that could change
the Assessment (another chart, another patient id, fetched data, another app's settings) is evaluated."""

from __future__ import annotations

import fhir_builders as fb
import pytest
import responses

from cds_service.app import create_app
from cds_service.hooks import call as hook_call
from cds_service.hooks import memo

SERVICE = "/cds-services/lbcl-response"


_BODIES: dict[tuple, dict] = {}


def body(pet_ds: int = 4, pid: str = "p1", prefetch_all: bool = True) -> dict:
    """The same request for the same arguments (the builders number resources afresh on each call)."""
    key = (pet_ds, pid, prefetch_all)
    if key not in _BODIES:
        _BODIES[key] = _body(pet_ds, pid, prefetch_all)
    return _BODIES[key]


def _body(pet_ds: int, pid: str, prefetch_all: bool) -> dict:
    res = fb.advanced_case([fb.pet("2025-03-05", ds=pet_ds, uptake="reduced", new=False, pid=pid)], pid=pid)
    out = {"hook": "patient-view", "hookInstance": "memo", "context": {"patientId": pid},
           "prefetch": {"patient": res[0], "observations": fb.bundle(res[1:], "searchset"), "conditions": None,
                        "medicationAdministrations": None, "procedures": None, "diagnosticReports": None}}
    if not prefetch_all:
        del out["prefetch"]["procedures"]
        out["fhirServer"] = "https://fhir.example.org/r4"
        out["fhirAuthorization"] = {"access_token": "t", "token_type": "Bearer", "expires_in": 60,
                                    "scope": "patient/*.read", "subject": "x"}
    return out


@pytest.fixture()
def counted(monkeypatch):
    calls = []
    real = hook_call.assessment_of

    def counting(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(hook_call, "assessment_of", counting)
    return calls


def _assessment(client, b: dict) -> dict:
    resp = client.post(SERVICE, json=b, buffered=True)  # read and closed, as a server does: see below
    assert resp.status_code == 200
    return resp.get_json()["cards"][0]["extension"]["lbcl-cds.assessment"]


def test_the_same_chart_is_evaluated_once(tmp_path, counted):
    client = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")}).test_client()
    first, again = _assessment(client, body()), _assessment(client, body())
    assert first == again and len(counted) == 1
    resp1, resp2 = (client.post(SERVICE, json=body(), buffered=True).get_json(),
                    client.post(SERVICE, json=body(), buffered=True).get_json())
    assert resp1["cards"][0]["uuid"] != resp2["cards"][0]["uuid"]  # cards are rendered for each call
    _assessment(client, body(pet_ds=5))  # another chart
    _assessment(client, body(pid="p2"))  # another patient
    assert len(counted) == 3


def test_each_app_has_its_own_memo(tmp_path, counted):
    a = create_app({"auth": "off", "sqlite_path": str(tmp_path / "a.sqlite3")}).test_client()
    b = create_app({"auth": "off", "sqlite_path": str(tmp_path / "b.sqlite3"), "strict_validation": True}).test_client()
    _assessment(a, body())
    _assessment(b, body())
    assert len(counted) == 2


def test_fetched_data_is_never_taken_from_the_memo(tmp_path, counted):
    client = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")}).test_client()
    with responses.RequestsMock() as mock:
        mock.get("https://fhir.example.org/r4/Procedure", json={"resourceType": "Bundle", "type": "searchset"})
        _assessment(client, body(prefetch_all=False))
        _assessment(client, body(prefetch_all=False))
    assert len(counted) == 2


def test_turned_off(tmp_path, counted, monkeypatch):
    monkeypatch.setattr(memo, "SIZE", 0)
    client = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")}).test_client()
    _assessment(client, body())
    _assessment(client, body())
    assert len(counted) == 2


def test_a_new_chart_is_digested_as_the_call_starts_and_kept_once_the_answer_is_sent(tmp_path, counted,
                                                                                     monkeypatch):
    """The digest is taken before the evaluation (the parsed prefetch is still in the CPU's caches); the
    Assessment is put in the memo when the server closes the response (hooks/memo.py)."""
    digests, puts = [], []
    real_digest, real_put = memo.AssessmentMemo.digest, memo.AssessmentMemo.put
    monkeypatch.setattr(memo.AssessmentMemo, "digest", staticmethod(lambda p: digests.append(len(counted)) or
                                                                    real_digest(p)))
    monkeypatch.setattr(memo.AssessmentMemo, "put", lambda self, k, v: puts.append(k[1]) or real_put(self, k, v))
    client = create_app({"auth": "off", "sqlite_path": str(tmp_path / "s.sqlite3")}).test_client()
    resp = client.post(SERVICE, json=body(pid="p7"))  # not buffered: the response is still open
    assert resp.status_code == 200 and digests == [0] and counted == ["p7"]  # digested before it was evaluated
    assert puts == []  # not kept yet
    resp.close()
    assert puts == ["p7"]
    _assessment(client, body(pid="p7"))
    assert counted == ["p7"] and puts == ["p7"]  # the second call hit: nothing evaluated, nothing put


def test_the_memo_keeps_the_last_entries_put():
    small = memo.AssessmentMemo(2)
    key = [small.key(small.digest({"n": n}), "p1", None, None, False) for n in range(3)]
    small.put(key[0], "A")
    small.put(key[1], "B")
    assert small.get(key[0]) == "A"  # a hit becomes the newest
    small.put(key[2], "C")  # the oldest (B) goes
    assert small.get(key[1]) is None and small.get(key[0]) == "A" and small.get(key[2]) == "C"
    assert small.digest({"n": 1}) == small.digest({"n": 1}) != small.digest({"n": 2})
