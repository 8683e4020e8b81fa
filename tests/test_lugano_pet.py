"""Lugano 2014 PET classifier rules P0-P8 (clinical-logic.md §1.3) and their meaning at interim vs
end of treatment (§1.3 "Clinical meaning" [S §4]). Each case names its rule id."""

from datetime import date

import pytest

from cds_service.guidelines.lugano_pet import classify_pet, meaning
from fhir_mappings.case_facts import ImagingAssessment, PetSite


def scan(*sites: PetSite, marrow: str | None = None, suv: float | None = None) -> ImagingAssessment:
    return ImagingAssessment(date=date(2025, 3, 5), modality="PET", sites=tuple(sites), marrow=marrow, suv_max=suv)


CASES = [
    # (rule, scan, baseline available, expected category, expected flags subset)
    ("P0+P5", scan(PetSite(ds=2), PetSite(site="RLL", score_x=True, is_new=True, etiology="not_lymphoma")),
     True, "CMR", {"X_PRESENT_CLINICAL_CORRELATION"}),
    ("P1", scan(PetSite(ds=2), PetSite(site="axilla", ds=3, is_new=True, etiology="lymphoma")), True, "PMD",
     {"NEW_LESION", "DS_NEW_LESION_INCONSISTENT"}),
    ("P1 without baseline", scan(PetSite(ds=5, is_new=True, etiology="lymphoma")), False, "PMD", {"NEW_LESION"}),
    ("P2", scan(PetSite(ds=2), marrow="new_or_recurrent_focal"), True, "PMD", set()),
    ("P3", scan(PetSite(ds=4, uptake="increased")), True, "PMD", set()),
    ("P4+P7", scan(PetSite(ds=4, uptake="reduced"), PetSite(ds=4, is_new=True, etiology="uncertain")), True, "PMR",
     {"IND_NEW_LESION"}),
    ("P5", scan(PetSite(ds=3), PetSite(ds=1)), True, "CMR", set()),
    ("P5 diffuse reactive marrow", scan(PetSite(ds=2), marrow="diffuse_reactive"), True, "CMR", set()),
    ("P5 without baseline", scan(PetSite(ds=3)), False, "CMR", set()),
    ("P6", scan(PetSite(ds=4, uptake="unchanged")), True, "NMR", set()),
    ("P6 mixed sites worst-of", scan(PetSite(ds=4, uptake="reduced"), PetSite(ds=5, uptake="unchanged")), True,
     "NMR", set()),
    ("P6 marrow unchanged", scan(PetSite(ds=2), marrow="unchanged"), True, "NMR", set()),
    ("P7", scan(PetSite(ds=4, uptake="reduced"), PetSite(ds=3)), True, "PMR", set()),
    ("P7 DS5 reduced", scan(PetSite(ds=5, uptake="reduced")), True, "PMR", set()),
    ("P7 marrow only", scan(PetSite(ds=2), marrow="focal_residual_reduced"), True, "PMR", {"MARROW_FOCAL_WORKUP"}),
    ("P8 uptake not coded", scan(PetSite(ds=4), suv=8.1), True, "PET_POSITIVE_UNCLASSIFIED",
     {"UPTAKE_CHANGE_NOT_CODED"}),
    ("P8 no baseline", scan(PetSite(ds=5)), False, "PET_POSITIVE_UNCLASSIFIED", {"BASELINE_PET_MISSING"}),
]


@pytest.mark.parametrize(("rule", "s", "baseline", "category", "flags"), CASES, ids=[c[0] for c in CASES])
def test_pet_rule(rule, s, baseline, category, flags):
    read = classify_pet(s, baseline)
    assert read.category == category
    assert read.rule == rule.split()[0].split("+")[-1]
    assert flags <= set(read.flags)
    # exactly these rules fired: every other P rule must not (first match wins; P0/P4 add to it)
    assert set(read.rules) == set(rule.split()[0].split("+"))


def test_p8_lists_what_is_missing():
    assert classify_pet(scan(PetSite(ds=4)), True).missing == ("uptake_vs_baseline",)
    assert classify_pet(scan(PetSite(ds=4)), False).missing == ("baseline_pet",)


def test_no_score_is_indeterminate_never_guessed():
    read = classify_pet(scan(PetSite(site="neck")), True)
    assert read.category == "INDETERMINATE" and read.rule is None
    assert "deauville_score" in read.missing


def test_suv_alone_never_decides_uptake():
    read = classify_pet(scan(PetSite(ds=4), suv=2.0), True)
    assert read.category == "PET_POSITIVE_UNCLASSIFIED"


@pytest.mark.parametrize(("category", "interim", "eot"), [
    ("CMR", "responding", "complete response"),
    ("PMR", "responding / chemosensitive", "treatment failure"),
    ("NMR", "treatment failure", "treatment failure"),
    ("PMD", "treatment failure", "treatment failure"),
])
def test_meaning_at_interim_vs_end_of_treatment(category, interim, eot):
    """The partial-response problem: PMR responds at interim, fails at EOT [S §4]."""
    assert interim in meaning(category, "interim")
    assert eot in meaning(category, "end_of_treatment")
    if category == "PMR":
        assert "failure" not in meaning(category, "interim")


def test_p0_excludes_an_x_site_and_fires_beside_the_deciding_rule():
    """P0 [V:5PS]: a site scored X is excluded from the response and flagged."""
    read = classify_pet(scan(PetSite(ds=2), PetSite(site="lung", ds=5, score_x=True)), True)
    assert "P0" in read.rules and read.category == "CMR"
    assert "P0" not in classify_pet(scan(PetSite(ds=2)), True).rules
