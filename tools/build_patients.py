"""Build the synthetic LBCL patient library shipped in cds_service/data/patients/.

Each patient is one FHIR R4 `transaction` Bundle of `PUT Type/id` entries, so loading it twice leaves
one copy, and every relative reference (`Patient/lbcl-v03`) resolves on the server it is loaded into.
Ids are the source ids with the prefix `lbcl-` (no clash with other data on a shared sandbox server).

- The clinical vignettes (tests/vignettes/V*.json, collection Bundles) are converted as they are.
- Six more patients are built here with the vignettes' own builder (tests/vignettes/build_vignettes.py):
  a long chart, a PMBCL, a CAR-T with bridging, a limited-stage BSH patient with report-text-only PETs,
  a transplant-ineligible late relapse, and a tier-1-only (mCODE Deauville) interim PET.

Run: .venv/bin/python tools/build_patients.py   (tests/test_patients.py checks the files are current)
"""

from __future__ import annotations

import json
import re
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIGNETTES = ROOT / "tests" / "vignettes"
OUT = ROOT / "cds_service" / "data" / "patients"
PREFIX = "lbcl-"
sys.path.insert(0, str(VIGNETTES))

import build_vignettes as bv  # noqa: E402 - after the sys.path entry

D = date.fromisoformat
CPT = "http://www.ama-assn.org/go/cpt"


def _prefix_refs(node: object) -> object:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "reference" and isinstance(v, str) and v.count("/") == 1:
                rtype, rid = v.split("/")
                out[k] = f"{rtype}/{PREFIX}{rid}"
            else:
                out[k] = _prefix_refs(v)
        return out
    if isinstance(node, list):
        return [_prefix_refs(x) for x in node]
    return node


def to_transaction(collection: dict) -> dict:
    entries = []
    for e in collection["entry"]:
        res = _prefix_refs(e["resource"])
        res["id"] = PREFIX + res["id"]
        assert len(res["id"]) <= 64, res["id"]
        ref = f"{res['resourceType']}/{res['id']}"
        entries.append({"fullUrl": "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://lbcl-cds.test/{ref}")),
                        "resource": res, "request": {"method": "PUT", "url": ref}})
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


# ---------------------------------------------------------------------------------------------
# extra patients
# ---------------------------------------------------------------------------------------------
LABS = (("718-7", "Hemoglobin [Mass/volume] in Blood", 12.8, "g/dL"),
        ("6690-2", "Leukocytes [#/volume] in Blood by Automated count", 6.1, "10*3/uL"),
        ("777-3", "Platelets [#/volume] in Blood by Automated count", 240, "10*3/uL"),
        ("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", 0.9, "mg/dL"))


def labs(c: bv.Case, when: date) -> None:
    for code, name, value, unit in LABS:
        c.add({"resourceType": "Observation", "id": c.rid(f"lab-{code}-{bv.iso(when)}"), "status": "final",
               "category": bv.cat("laboratory"), "code": bv.cc(bv.LOINC, code, name), "subject": c.subj,
               "effectiveDateTime": bv.iso(when), "valueQuantity": bv.qty(value, unit)})


def procedure(c: bv.Case, when: date, stem: str, code: str, display: str) -> None:
    c.add({"resourceType": "Procedure", "id": c.rid(f"{stem}-{bv.iso(when)}"), "status": "completed",
           "code": bv.cc(CPT, code, display, display), "subject": c.subj, "performedDateTime": bv.iso(when),
           "reasonReference": [{"reference": c.cond_ref}]})


def x01_long_chart() -> tuple[bv.Case, dict]:
    """Stage IV, six R-CHOP with pegfilgrastim, CMR, three years of labs and CT follow-up, late relapse."""
    c = bv.Case("X01")
    c.patient("1961-04-03", "female")
    c1 = D("2022-01-10")
    c.baseline(c1, stage_text="Stage IV", en_sites=1, ldh=310, ecog=1, pet_text=bv.BASE_ADV)
    for d in c.cycles(c1, 6):
        c.admin(d + timedelta(days=1), "pegfilgrastim", f"gcsf-{bv.iso(d)}")
        labs(c, d - timedelta(days=1))
    c.pet(D("2022-02-17"), "Interim FDG PET-CT after 2 cycles: all sites Deauville 2. Impression: complete "
          "metabolic response.", "interim", coded={"ds": 2, "new": False, "marrow": "none"})
    eot = D("2022-06-20")
    c.pet(eot, "End-of-treatment FDG PET-CT: no residual FDG-avid disease (Deauville 1-2). Impression: complete "
          "metabolic response.", "end-of-treatment", coded={"ds": 2, "new": False, "marrow": "none"})
    follow = [eot + timedelta(days=30 * i) for i in range(2, 32)]
    for d in follow:
        labs(c, d)
        c.ldh(d, 180)
    for d in follow[4::6]:
        c.ct_report(d, "Surveillance CT: no evidence of recurrent lymphoma.")
    rel = D("2025-01-13")
    c.pet(rel, "FDG PET-CT for rising LDH: new FDG-avid mesenteric and left supraclavicular nodes, Deauville 5, "
          "consistent with relapse.", "relapse-or-follow-up", coded={"ds": 5, "new": True, "etiology": "lymphoma"})
    bx = D("2025-01-17")
    c.biopsy(bx, True, "left supraclavicular lymph node", "Excisional biopsy")
    c.t2("transplant-eligible", "Transplant eligible", bx, valueBoolean=True)
    return c, {"title": "Long chart: stage IV, CMR after R-CHOP, 3 years of labs and CT, late relapse",
               "as_of": bv.after(bx), "expect": {"latest_response.category": "PMD",
                                                 "latest_response.timepoint": "relapse_or_follow_up",
                                                 "labels.bock_group": "LATE_RELAPSE"}}


def x02_pmbcl() -> tuple[bv.Case, dict]:
    c = bv.Case("X02")
    c.patient("1993-09-14", "female")
    c1 = D("2025-02-03")
    c.baseline(c1, stage_text="Stage IIA", bulky=True, en_sites=0, ldh=420, ecog=0,
               icd=("C85.22", "Mediastinal (thymic) large B-cell lymphoma, intrathoracic lymph nodes"),
               size=(11.2, 8.4, "anterior mediastinum"),
               pet_text=bv.base_text("Bulky FDG-avid anterior mediastinal mass 11.2 x 8.4 cm (SUVmax 24.0). "
                                     "Impression: primary mediastinal lymphoma, Lugano stage II bulky."))
    cyc = c.cycles(c1, 6)
    eot = cyc[-1] + timedelta(days=42)
    c.pet(eot, "End-of-treatment FDG PET-CT: residual anterior mediastinal soft tissue 4.1 cm with uptake at the "
          "level of the liver (Deauville 3). Impression: complete metabolic response.", "end-of-treatment",
          coded={"ds": 3, "new": False, "marrow": "none"})
    return c, {"title": "PMBCL, bulky mediastinal stage II, EOT Deauville 3 after six R-CHOP",
               "as_of": bv.after(eot), "expect": {"latest_response.category": "CMR",
                                                  "latest_response.timepoint": "end_of_treatment"}}


def x03_cart_bridging() -> tuple[bv.Case, dict]:
    c = bv.Case("X03")
    c.patient("1970-12-01", "male")
    c1 = D("2024-09-02")
    c.baseline(c1, stage_text="Stage IV", en_sites=2, ldh=520, ecog=1, pet_text=bv.BASE_ADV)
    cyc = c.cycles(c1, 6)
    eot = cyc[-1] + timedelta(days=35)
    c.pet(eot, "End-of-treatment FDG PET-CT: persistent retroperitoneal mass, Deauville 5, uptake unchanged from "
          "baseline. Impression: refractory lymphoma.", "end-of-treatment",
          coded={"ds": 5, "uptake": "unchanged", "new": False, "marrow": "none"})
    bx = eot + timedelta(days=4)
    c.biopsy(bx, True, "retroperitoneal mass", "CT-guided core needle biopsy")
    c.t2("cart-eligible", "CAR-T eligible", bx + timedelta(days=2), valueBoolean=True)
    c.t2("cart-decision", "CAR-T decision", bx + timedelta(days=3), valueString="axicabtagene ciloleucel")
    apheresis = bx + timedelta(days=10)
    procedure(c, apheresis, "apheresis", "38225", "Leukocyte apheresis for CAR-T cell manufacture")
    c.cycles(apheresis + timedelta(days=3), 1, regimen="R-GDP", label="bridge")
    infusion = apheresis + timedelta(days=28)
    procedure(c, infusion, "cart-infusion", "38228", "CAR-T cell infusion (axicabtagene ciloleucel)")
    return c, {"title": "Primary refractory after R-CHOP, axi-cel with one cycle of R-GDP bridging",
               "as_of": bv.after(infusion), "expect": {"latest_response.category": "NMR",
                                                       "latest_response.timepoint": "end_of_treatment",
                                                       "labels.bock_group": "PPD"}}


def x04_bsh_text_only() -> tuple[bv.Case, dict]:
    c = bv.Case("X04")
    c.patient("1957-05-30", "male")
    c1 = D("2025-04-07")
    c.baseline(c1, stage_text="Stage IA", bulky=False, en_sites=0, ecog=0, size=(4.0, 2.6, "left cervical node"),
               pet_text=bv.base_text("Single FDG-avid left cervical nodal mass 4.0 x 2.6 cm (SUVmax 15.2). "
                                     "Impression: Lugano stage I."))
    cyc = c.cycles(c1, 2)
    ipet = cyc[-1] + timedelta(days=14)
    c.pet(ipet, "Interim FDG PET-CT after 2 cycles of R-CHOP, compared with baseline. The left cervical node has "
          "resolved; residual uptake below the mediastinal blood pool, Deauville 2. No new lesions. Impression: "
          "complete metabolic response.", "interim", coded=None, title="FDG PET-CT (interim)")
    return c, {"title": "Limited stage I, BSH PET-adapted, interim PET as report text only",
               "as_of": bv.after(ipet), "expect": {"latest_response.category": "CMR",
                                                   "latest_response.timepoint": "interim"}}


def x05_unfit_late_relapse() -> tuple[bv.Case, dict]:
    c = bv.Case("X05")
    c.patient("1946-07-19", "female")
    c1 = D("2021-03-01")
    c.baseline(c1, stage_text="Stage IIIA", en_sites=0, ecog=2, pet_text=bv.BASE_ADV)
    cyc = c.cycles(c1, 6)
    eot = cyc[-1] + timedelta(days=40)
    c.pet(eot, "End-of-treatment FDG PET-CT: complete metabolic response, Deauville 2.", "end-of-treatment",
          coded={"ds": 2, "new": False, "marrow": "none"})
    rel = D("2024-10-07")
    c.pet(rel, "FDG PET-CT: new FDG-avid para-aortic and splenic lesions, Deauville 5, consistent with relapse.",
          "relapse-or-follow-up", coded={"ds": 5, "new": True, "etiology": "lymphoma", "marrow": "none"})
    bx = rel + timedelta(days=5)
    c.biopsy(bx, True, "para-aortic lymph node", "CT-guided core needle biopsy")
    c.t2("transplant-eligible", "Transplant eligible", bx, valueBoolean=False)
    c.t2("cart-eligible", "CAR-T eligible", bx, valueBoolean=False)
    return c, {"title": "78-year-old, late relapse, not transplant or CAR-T eligible",
               "as_of": bv.after(bx), "expect": {"latest_response.category": "PMD",
                                                 "labels.bock_group": "LATE_RELAPSE"}}


def x06_tier1_deauville() -> tuple[bv.Case, dict]:
    c = bv.Case("X06")
    c.patient("1975-02-11", "male")
    c1 = D("2025-05-05")
    c.baseline(c1, stage_text="Stage III", en_sites=0, ecog=0, pet_text=bv.BASE_ADV)
    cyc = c.cycles(c1, 3)
    ipet = cyc[-1] + timedelta(days=15)
    dr = c.pet(ipet, "Interim FDG PET-CT after 3 cycles: all sites Deauville 2. No new lesions.", "interim",
               coded=None, title="FDG PET-CT (interim)")
    c.add({"resourceType": "Observation", "id": c.rid("deauville-" + bv.iso(ipet)), "status": "final",
           "meta": {"profile": [bv.MCODE + "mcode-deauville-scale"]}, "category": bv.cat("imaging"),
           "code": bv.cc(bv.SCT, "708895006", "Deauville five point scale"), "subject": c.subj,
           "effectiveDateTime": bv.iso(ipet), "derivedFrom": [{"reference": dr}], "valueInteger": 2})
    return c, {"title": "Stage III, interim PET with an mCODE Deauville score (tier 1) and report",
               "as_of": bv.after(ipet), "expect": {"latest_response.category": "CMR",
                                                   "latest_response.timepoint": "interim"}}


EXTRAS = (x01_long_chart, x02_pmbcl, x03_cart_bridging, x04_bsh_text_only, x05_unfit_late_relapse,
          x06_tier1_deauville)


def build() -> dict[str, object]:
    """file name -> content (the bundles and index.json)."""
    expected = json.loads((VIGNETTES / "expected.json").read_text())
    readme = (VIGNETTES / "README.md").read_text()
    lines = dict(re.findall(r"^- \*\*(V\w+)\*\*: (.+)$", readme, re.MULTILINE))
    files: dict[str, object] = {}
    index = []
    for vid, case in sorted(expected.items()):
        if "bundle" not in case:
            continue
        collection = json.loads((VIGNETTES / case["bundle"]).read_text())
        pid = PREFIX + case["patient_id"]
        files[f"{pid}.json"] = to_transaction(collection)
        index.append({"patient_id": pid, "file": f"{pid}.json", "source": f"vignette {vid}",
                      "title": lines.get(vid, case["trace"]), "as_of": case["as_of"]})
    for make in EXTRAS:
        c, meta = make()
        pid = PREFIX + c.pid
        files[f"{pid}.json"] = to_transaction(c.bundle())
        index.append({"patient_id": pid, "file": f"{pid}.json", "source": "extra", **meta})
    files["index.json"] = {"patients": index}
    return files


def dump(content: object) -> str:
    return json.dumps(content, indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    files = build()
    for name, content in files.items():
        (OUT / name).write_text(dump(content))
    print(f"wrote {len(files) - 1} patients and index.json to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
