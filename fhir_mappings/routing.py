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
    readers = (out.tier2, out.imaging, out.staging, out.ldh, out.ecog)
    for obs in observations:
        coding = (obs.get("code") or {}).get("coding") or ()  # valid: validation.py checked the shape
        if len(coding) == 1:  # nearly every Observation: its one coding's readers, worked out once
            pair = (coding[0].get("system") or "", coding[0].get("code"))
            to = _ONE.get(pair)
            if to is None:
                if len(_ONE) >= ONE_MAX:
                    _ONE.clear()
                to = _ONE[pair] = _readers({pair})
        else:
            to = _readers({(c.get("system") or "", c.get("code")) for c in coding})
        for i in to:
            readers[i].append(obs)
    return out


_ONE: dict[tuple[str, object], tuple[int, ...]] = {}  # a coding's readers, for the codes of the moment
ONE_MAX = 4096  # codes remembered (a chart of ever new codes empties it now and then, never grows it)


def _readers(pairs: set[tuple[str, object]]) -> tuple[int, ...]:
    """Which readers (indexes of Routed's fields) Observations with these codings go to."""
    lbcl = any(system == codes.LBCL for system, _ in pairs)
    to = []
    if lbcl:
        to.append(0)
    if lbcl or pairs & IMAGING:
        to.append(1)
    if pairs & STAGING:
        to.append(2)
    if pairs & LDH:
        to.append(3)
    if codes.ECOG_CODE in pairs:
        to.append(4)
    return tuple(to) or (0, 1, 2, 3, 4)
