"""A restaging scan after the salvage cycles and before high-dose conditioning (BEAM) is the response to
salvage (timeline.py: post_salvage), the chemosensitivity question before ASCT (clinical-logic.md §5, T3/T5).
Found by the blind chart round of 2026-12-05 (tests/blind_charts/clinical/C14)."""

from datetime import date

from fhir_mappings.case_facts import Cycle, ImagingAssessment, TherapyLine
from fhir_mappings.timeline import place


def _cycle(n: int, day: date, regimen: str, agents: set[str]) -> Cycle:
    return Cycle(number=n, start=day, last_dose=day, agents=frozenset(agents), regimen=regimen, resources=())


def _line(number: int, kind: str, cycles: list[Cycle]) -> TherapyLine:
    return TherapyLine(number=number, kind=kind, cycles=tuple(cycles), start=cycles[0].start,
                       last_dose=cycles[-1].last_dose, regimens=tuple(dict.fromkeys(c.regimen for c in cycles)))


RCHOP = {"rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone"}
FIRST = _line(1, "first_line", [_cycle(k + 1, date.fromordinal(date(2022, 1, 3).toordinal() + 21 * k), "R-CHOP", RCHOP)
                                for k in range(6)])  # R-CHOP-21 x 6
DHAP = {"rituximab", "dexamethasone", "cytarabine", "cisplatin"}


def _scan(day: date) -> ImagingAssessment:
    return ImagingAssessment(date=day, modality="PET")


def test_the_scan_between_salvage_and_conditioning_is_post_salvage():
    salvage = _line(2, "salvage", [_cycle(1, date(2023, 9, 25), "R-DHAP", DHAP), _cycle(2, date(2023, 10, 16), "R-DHAP", DHAP),
                                   _cycle(3, date(2023, 12, 5), "conditioning", {"carmustine", "melphalan"})])
    placed, _ = place((_scan(date(2023, 11, 6)), _scan(date(2024, 3, 1))), (FIRST, salvage), 6)
    assert [(s.timepoint, s.cycles_before) for s in placed] == [("post_salvage", 2), ("post_salvage", 2)]


def test_a_scan_between_salvage_cycles_is_not_post_salvage():
    salvage = _line(2, "salvage", [_cycle(1, date(2023, 9, 25), "R-DHAP", DHAP), _cycle(2, date(2023, 10, 16), "R-DHAP", DHAP)])
    placed, _ = place((_scan(date(2023, 10, 10)),), (FIRST, salvage), 6)
    assert placed[0].timepoint == "relapse_or_follow_up"
