"""The synthetic LBCL patients shipped with the package (cds_service/data/patients/, built by
tools/build_patients.py): FHIR R4 transaction Bundles of `PUT Type/id` entries, and their loader
(`lbcl-cds load-patients --fhir-server URL [--token T]`), so a site can try the service on its own
sandbox FHIR server. Synthetic data only: no real patient is in these files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

import requests

PACKAGE_DIR = "data/patients"


@dataclass(frozen=True)
class SyntheticPatient:
    patient_id: str
    file: str
    title: str
    source: str
    as_of: str

    def bundle(self) -> dict:
        return json.loads(resources.files("cds_service").joinpath(PACKAGE_DIR, self.file).read_text("utf-8"))


class LoadError(Exception):
    pass


def catalogue() -> list[SyntheticPatient]:
    index = json.loads(resources.files("cds_service").joinpath(PACKAGE_DIR, "index.json").read_text("utf-8"))
    return [SyntheticPatient(p["patient_id"], p["file"], p["title"], p["source"], p["as_of"])
            for p in index["patients"]]


def _outcome_text(resp: requests.Response) -> str:
    """The server's OperationOutcome diagnostics, short (synthetic data only, never a token)."""
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:200]
    issues = body.get("issue") if isinstance(body, dict) else None
    if not issues:
        return str(body)[:200]
    return "; ".join(str(i.get("diagnostics") or i.get("code")) for i in issues[:3])[:300]


def post_transaction(session: requests.Session, base: str, bundle: dict, token: str | None,
                     timeout: float = 60.0) -> None:
    headers = {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        resp = session.post(base.rstrip("/"), data=json.dumps(bundle), headers=headers, timeout=timeout,
                            allow_redirects=False)
    except requests.RequestException as exc:
        raise LoadError(f"cannot reach {base} ({type(exc).__name__})") from None
    if resp.status_code != 200:
        raise LoadError(f"HTTP {resp.status_code}: {_outcome_text(resp)}")
    try:
        body = resp.json()
    except ValueError:
        raise LoadError("the response is not JSON") from None
    if not isinstance(body, dict) or body.get("type") != "transaction-response":
        raise LoadError("the response is not a transaction-response Bundle")
    failed = [e.get("response", {}).get("status", "?") for e in body.get("entry") or []
              if not str(e.get("response", {}).get("status", "")).startswith("2")]
    if failed:
        raise LoadError(f"{len(failed)} entries failed ({failed[0]})")


def validate_bundle(bundle: dict) -> None:
    """Every resource of a Bundle about to be loaded is valid for its fhir.resources R4B model (whole
    resources, strictly: what we write to a server must be R4); LoadError names the first one that is not."""
    from fhir.resources.R4B import get_fhir_model_class

    for i, entry in enumerate(bundle.get("entry") or []):
        res = entry.get("resource") or {}
        try:
            get_fhir_model_class(res.get("resourceType")).model_validate(res)
        except Exception as exc:  # noqa: BLE001 (a model error of any kind)
            raise LoadError(f"entry {i} ({res.get('resourceType')}/{res.get('id')}) is not valid R4: "
                            f"{type(exc).__name__}") from None


def load_patients(base: str, token: str | None = None, only: list[str] | None = None,
                  session: requests.Session | None = None) -> list[SyntheticPatient]:
    """Load each patient's transaction Bundle into the FHIR server at `base`; return those loaded.
    Raises LoadError (with the patient id) at the first failure."""
    wanted = catalogue()
    if only:
        unknown = set(only) - {p.patient_id for p in wanted}
        if unknown:
            raise LoadError(f"unknown patient ids: {', '.join(sorted(unknown))}")
        wanted = [p for p in wanted if p.patient_id in only]
    session = session or requests.Session()
    for p in wanted:
        try:
            bundle = p.bundle()
            validate_bundle(bundle)
            post_transaction(session, base, bundle, token)
        except LoadError as exc:
            raise LoadError(f"{p.patient_id}: {exc}") from None
    return wanted
