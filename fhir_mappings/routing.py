"""Which Observations each reader of the mapping is given (issue 16: a long chart is mostly LDH and ECOG
results, and every reader used to walk every Observation, several times over).

Each Observation's codes are read once and it goes to the readers whose codes it carries: LDH results to
the LDH reader, staging and tumour size to staging, the project's CodeSystem (tier 2) and the imaging codes
to the PET reader, and so on. An Observation that carries none of these codes goes to every reader, so a
reader that starts to use another code still sees it. Each reader filters by its own codes as before: it
gets the same Observations, in the same order, less those it would skip (tests/test_routing.py compares
every chart of the project both ways).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import codes

IMAGING = frozenset({codes.DEAUVILLE, codes.TUMOR_SIZE, codes.MTV_CODE, *codes.SUV_CODES, *codes.DISEASE_STATUS})
STAGING = frozenset({*codes.LYMPHOMA_STAGE, codes.TUMOR_SIZE})
LDH = frozenset(codes.LDH_CODES)


@dataclass
class Routed:
    """Observations per reader (each list in chart order)."""

    tier2: list[dict] = field(default_factory=list)  # clinical.tier2_findings
    imaging: list[dict] = field(default_factory=list)  # pet.imaging
    staging: list[dict] = field(default_factory=list)  # clinical.staging (and its tumour sizes)
    ldh: list[dict] = field(default_factory=list)  # clinical.measurements(LDH)
    ecog: list[dict] = field(default_factory=list)  # clinical.measurements(ECOG)


def route(observations: list[dict], enabled: bool = True) -> Routed:
    """The Observations of a chart per reader; `enabled=False`: every reader gets every Observation."""
    if not enabled:
        return Routed(*(list(observations) for _ in range(5)))
    out = Routed()
    for obs in observations:
        coding = (obs.get("code") or {}).get("coding") or ()  # valid: validation.py checked the shape
        pairs = {(c.get("system") or "", c.get("code")) for c in coding}
        lbcl = any(system == codes.LBCL for system, _ in pairs)
        to = []
        if lbcl:
            to.append(out.tier2)
        if lbcl or pairs & IMAGING:
            to.append(out.imaging)
        if pairs & STAGING:
            to.append(out.staging)
        if pairs & LDH:
            to.append(out.ldh)
        if codes.ECOG_CODE in pairs:
            to.append(out.ecog)
        for reader in to or (out.tier2, out.imaging, out.staging, out.ldh, out.ecog):
            reader.append(obs)
    return out
