"""Second-line advice stops once the second-line choice is made [I]: after a CAR-T infusion only the
CAR-T timeline (T10) remains; after ASCT no transplant discussion (T3/T5) is offered again."""

import fhir_builders as fb
from rule_helpers import after_cycle, apheresis, cart_decision, cart_infusion, case, fired, last_dose, plus, rules, run


def rec_action(a: dict, rule: str, action: str) -> dict:
    return next(r for r in a["recommendations"] if r["rule"] == rule and r["action"] == action)

EOT_PET = plus(last_dose(), 35)


def _eot_pr(extra: list[dict], as_of: str) -> dict:
    res = [fb.pet(after_cycle(3), ds=4, uptake="reduced"), fb.pet(EOT_PET, ds=4, uptake="reduced"),
           *fb.biopsy(plus(EOT_PET, 7), True), fb.tier2("cart-eligible", EOT_PET, valueBoolean=True), *extra]
    return run(case(extra=res), as_of=as_of)


def test_t1_before_infusion_only_t10_after():
    before = _eot_pr([cart_decision(plus(EOT_PET, 20))], plus(EOT_PET, 25))
    assert "T1" in rules(before)
    infused = plus(EOT_PET, 60)
    after = _eot_pr([cart_decision(plus(EOT_PET, 20)), apheresis(plus(EOT_PET, 30)), cart_infusion(infused)],
                    plus(infused, 30))
    got = rules(after)  # current rows
    assert "response_after_car_t" in after["missing"] and "day 30" in after["labels"]["next_assessment"]
    assert not got & {"T1", "T3", "T5", "T7", "T8", "T11"}
    assert "T1" in fired(after)  # answered questions stay listed, not current (clarifications 2nd set)
    assert after["labels"]["brain_to_vein_days"] == 40
    assert after["labels"]["vein_to_vein_days"] == 30


def test_validation_cache_gives_identical_assessments():
    from fhir_mappings import validation

    resources = case(extra=[fb.pet(after_cycle(3), ds=4, uptake="reduced")], cycles=3)
    first = run(resources, as_of=plus(after_cycle(3), 1))
    size = validation.CACHE.size
    try:
        validation.CACHE.size = 0
        uncached = run(resources, as_of=plus(after_cycle(3), 1))
    finally:
        validation.CACHE.size = size
    second = run(resources, as_of=plus(after_cycle(3), 1))
    assert first == second == uncached


def test_invalid_resource_is_remembered_as_invalid():
    bad = fb.pet(after_cycle(3), ds=5, uptake="increased")
    bad["effectiveDateTime"] = "2025-02-30"
    resources = case(extra=[fb.pet(after_cycle(3), ds=4, uptake="reduced"), bad], cycles=3)
    for _ in range(2):  # second run answers from the cache
        a = run(resources, as_of=plus(after_cycle(3), 1))
        assert a["skipped_resources"] == 1
        assert a["latest_response"]["category"] == "PMR"


def test_interval_restaging_progression_resolves_the_eot_response():
    """§6 EOT_response_1L: interval restaging after an EOT DS 4 replaces the EOT result; progression
    on it is treatment failure (PD) and primary refractory disease (K1)."""
    res = [fb.pet(after_cycle(3), ds=4, uptake="reduced"), fb.pet(EOT_PET, ds=4, uptake="reduced"),
           fb.pet(plus(EOT_PET, 60), ds=5, uptake="increased")]
    a = run(case(extra=res), as_of=plus(EOT_PET, 61))
    assert a["labels"]["eot_response_1l"] == "PD"
    assert a["labels"]["bock_group"] == "PPD"
    cmr = [fb.pet(after_cycle(3), ds=4, uptake="reduced"), fb.pet(EOT_PET, ds=4, uptake="reduced"),
           fb.pet(plus(EOT_PET, 60), ds=2)]
    a = run(case(extra=cmr), as_of=plus(EOT_PET, 61))
    assert a["labels"]["eot_response_1l"] == "CR" and a["labels"]["bock_group"] == "NOT_APPLICABLE"
