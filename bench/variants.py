"""Cold benchmark payloads (issue 16): a different patient on every request, as an EHR sends most of them.

Each variant is the *typical* chart of payloads.py (one patient through first line, salvage and CAR-T)
redrawn: dates moved by up to four years, values varied (age, LDH, ECOG, stage, Deauville scores and
uptake, SUVmax, lesion sites), report text rewritten from several phrasings. Every id, the patient id,
the hookInstance and an accession number in each report hold TOKEN, which the load generator replaces
with a number of its own on every request: no two requests carry the same resource or report text, so
no cache of validation or text extraction can help (the cold path). The warm path sends one variant
again and again.

Growth: the same chart grown to a number of *relevant* resources (those the mapping reads) by follow-up
over 500 days after CAR-T, of every 50: 38 LDH results, 10 ECOG, one coded PET-CT and one PET-CT report
(a long-followed chart is mostly laboratory results); cut to the first resources for 10. Sizes 10, 110,
500 and 2,000; the headline cold chart is the whole typical chart (111).
"""

from __future__ import annotations

import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import payloads  # noqa: E402

TOKEN = "@@U@@"
OUT = Path(__file__).parent / "payloads"
SITES = ["mesenteric node", "left axillary node", "right cervical node", "mediastinal mass", "para-aortic node",
         "spleen", "left inguinal node", "retroperitoneal mass", "gastric wall", "right iliac node"]
INTERIM = ["Interim PET after 3 cycles of R-CHOP: Deauville {ds}, uptake {up} compared with baseline. {new}",
           "Interim PET-CT (cycle 3): residual FDG uptake in the {site}, SUVmax {suv}, Deauville score {ds}; "
           "uptake {up} vs the staging study. {new}",
           "FINDINGS: {site} SUVmax {suv} (baseline {suv0}). IMPRESSION: Deauville {ds}, {up} uptake. {new}"]
EOT = ["End-of-treatment PET: residual Deauville {ds} uptake in the {site}, {up} compared with the interim "
       "study. {new}",
       "EOT PET-CT after 6 cycles: {site} SUVmax {suv}, Deauville {ds}; uptake {up}. {new}"]
SALVAGE = ["Post-salvage PET after 2 cycles of R-ICE: Deauville {ds}, {up} uptake in the {site}. {new}",
           "Restaging PET-CT after R-ICE x2: {site} SUVmax {suv}, DS {ds}, uptake {up}. {new}"]
BASELINE = ["Baseline staging PET-CT: extensive nodal and extranodal disease, {site} SUVmax {suv0}.",
            "Staging PET-CT: FDG-avid lymphoma above and below the diaphragm; dominant lesion {site}, SUVmax {suv0}."]
DAY90 = ["Day 90 PET after CAR-T: complete metabolic response, Deauville {ds}.",
         "Day +90 PET-CT post CAR-T: no residual FDG-avid disease (Deauville {ds})."]
FOLLOW = ["Surveillance PET-CT: no FDG-avid lymphoma, Deauville {ds}.",
          "Follow-up PET-CT: stable, no new lesions; Deauville {ds}."]
NEW = ["No new lesions.", "No new FDG-avid lesions.", "No new sites of disease."]
_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def _shift(text: str, days: int) -> str:
    return _DATE.sub(lambda m: (date(int(m[1]), int(m[2]), int(m[3])) + timedelta(days=days)).isoformat(), text)


def _report_text(rng: random.Random, templates: list[str], k: int, ds: int, up: str) -> str:
    suv0 = round(rng.uniform(12, 35), 1)
    text = rng.choice(templates).format(ds=ds, up=up, site=rng.choice(SITES), suv=round(rng.uniform(2.5, 9), 1),
                                        suv0=suv0, new=rng.choice(NEW))
    return f"Accession RAD-{TOKEN}-{k}. {text}"


def chart(seed: int) -> list[dict]:
    """The typical chart, redrawn (see the module docstring)."""
    rng = random.Random(seed)
    res = payloads.typical()
    interim_ds, interim_up = rng.choice([(4, "reduced"), (3, "reduced"), (4, "reduced"), (2, "reduced")])
    eot_ds = rng.choice([4, 4, 3, 5])
    texts = {"rep0": (BASELINE, 5, "n/a"), "rep1": (INTERIM, interim_ds, interim_up), "rep2": (EOT, eot_ds, "reduced"),
             "rep3": (SALVAGE, 4, "reduced"), "rep4": (DAY90, rng.choice([1, 2]), "reduced")}
    for k, r in enumerate(res):
        if r["resourceType"] == "DiagnosticReport" and r["id"] in texts:
            templates, ds, up = texts[r["id"]]
            r["conclusion"] = _report_text(rng, templates, k, ds, up)
        if r["resourceType"] == "Observation" and "valueQuantity" in r:  # LDH
            r["valueQuantity"]["value"] = round(r["valueQuantity"]["value"] * rng.uniform(0.75, 1.35))
        if r["resourceType"] == "Observation" and "valueInteger" in r and r["code"]["coding"][0]["code"] == "89247-1":
            r["valueInteger"] = rng.choice([0, 1, 1, 2])
        for comp in r.get("component") or []:
            if comp["code"]["coding"][0]["code"] == "708895006" and r["effectiveDateTime"] == "2024-03-20":
                comp["valueInteger"] = interim_ds
    res[0]["birthDate"] = f"{rng.randint(1940, 1990)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    res[0]["gender"] = rng.choice(["male", "female"])
    res[2]["valueCodeableConcept"] = {"text": rng.choice(["Stage IVB", "Stage IIIA", "Stage IV", "Stage IIB bulky"])}
    return res


def grown(res: list[dict], relevant: int, seed: int) -> list[dict]:
    """The chart grown (or cut) to `relevant` resources the rules read."""
    if relevant <= 10:
        keep = [r for r in res if r["resourceType"] in ("Patient", "Condition")] + res[2:6]
        keep += [r for r in res if r["resourceType"] == "DiagnosticReport"][:2]
        keep += [r for r in res if r["resourceType"] == "MedicationAdministration"][:2]
        return keep[:relevant]
    rng = random.Random(seed)
    out, k, extras = list(res), 0, max(1, relevant - len(res))
    while len(out) < relevant:  # follow-up from January 2025 over 500 days
        k += 1
        day = date(2025, 1, 10) + timedelta(days=k * 500 // extras)
        pid, kind = payloads.PID, k % 50  # of 50: 38 LDH, 10 ECOG, 1 PET-CT coded, 1 PET-CT report
        if kind < 38:
            out.append(payloads.fb.lab("2532-0", rng.randint(150, 320), day.isoformat(), pid, uln=250))
        elif kind < 48:
            out.append(payloads.fb.ecog(rng.choice([0, 1]), day.isoformat(), pid))
        elif kind == 48:
            out.append(payloads.fb.pet(day.isoformat(), ds=rng.choice([1, 2]), new=False, pid=pid))
        else:
            out.append(payloads._report(day.isoformat(), _report_text(rng, FOLLOW, 1000 + k, rng.choice([1, 2]), ""),
                                        f"fu{k}"))
    return out[:relevant]


def _tokenised(resources: list[dict], seed: int) -> dict:
    """A hook request whose ids and patient id hold TOKEN, dates moved by a per-variant offset."""
    body = payloads.hook_request(resources)
    body["hookInstance"] = f"cold-{TOKEN}"
    raw = json.dumps(body).replace(payloads.PID, f"p{TOKEN}")
    raw = re.sub(f'"id": "(?!p{TOKEN})', f'"id": "{TOKEN}-', raw)
    return json.loads(_shift(raw, random.Random(seed).randint(-1500, 0)))  # every chart ends in the past


def write(variants: int = 32) -> dict[str, Path]:
    """bench/payloads/cold-<n>.json: a JSON list of `variants` tokenised hook requests per size."""
    OUT.mkdir(exist_ok=True)
    paths = {}
    for relevant in (10, 110, 111, 500, 2000):
        bodies = [_tokenised(grown(chart(s), relevant, s), s) for s in range(variants)]
        paths[f"cold-{relevant}"] = OUT / f"cold-{relevant}.json"
        paths[f"cold-{relevant}"].write_text(json.dumps(bodies))
    return paths


def concrete(body: dict, n: int) -> dict:
    """One request of a tokenised body (what the load generator sends as its n-th)."""
    return json.loads(json.dumps(body).replace(TOKEN, str(n)))


if __name__ == "__main__":
    for name, path in write().items():
        print(f"{name}: {path.stat().st_size / 1024:.0f} KiB -> {path}")
