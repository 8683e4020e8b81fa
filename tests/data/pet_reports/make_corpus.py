#!/usr/bin/env python3
"""Build the synthetic PET-CT report corpus used to test the PET report text extractor.

Everything here is invented for the tests: no real patient, no real report. The corpus has two parts:

* HAND: reports written one by one by hand (ids r001 upwards, in the order below), each with its
  gold annotation written next to it;
* generated reports (the ids after the hand-written ones): a case is drawn at random with a fixed
  seed, rendered in one of several reporting styles from hand-written phrase pools, and its gold
  annotation is computed from what the renderer actually put into the text (every score, SUVmax,
  uptake change, new lesion, marrow statement, category and timepoint is recorded as it is written).

Run:  python3 make_corpus.py            (rewrites corpus.jsonl next to this file, prints a summary)
      python3 make_corpus.py --check    (builds in memory, validates, prints the summary, writes nothing)

The annotation rules are in README.md next to this file. Deterministic: same output on every run.
"""
import collections
import json
import random
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus.jsonl"

GOLD_KEYS = ("deauville", "deauville_x", "uptake", "new_lesions", "new_lesion_etiology", "marrow",
             "suv_max", "tmtv_ml", "category", "timepoint", "ambiguous")
ENUMS = {
    "uptake": {None, "reduced", "unchanged", "increased"},
    "new_lesions": {None, True, False},
    "new_lesion_etiology": {None, "lymphoma", "not_lymphoma", "uncertain"},
    "marrow": {None, "none", "diffuse_reactive", "focal_residual_reduced", "unchanged",
               "new_or_recurrent_focal"},
    "category": {None, "CMR", "PMR", "NMR", "PMD"},
    "timepoint": {None, "baseline", "interim", "end_of_treatment", "post_salvage",
                  "relapse_or_follow_up"},
}


def G(ds=None, x=False, up=None, new=None, et=None, mar=None, suv=None, tmtv=None, cat=None,
      tp=None, amb=False):
    """Gold annotation with the README's field names; every key always present."""
    return {
        "deauville": ds, "deauville_x": x, "uptake": up, "new_lesions": new,
        "new_lesion_etiology": et, "marrow": mar,
        "suv_max": None if suv is None else float(suv),
        "tmtv_ml": None if tmtv is None else float(tmtv),
        "category": cat, "timepoint": tp, "ambiguous": amb,
    }


HAND = []


def hand(style, gold, text):
    HAND.append({"style": style, "text": textwrap.dedent(text).strip("\n"), "gold": gold})


# ---------------------------------------------------------------------------------------------
# Hand-written reports. Each gold annotation was written against the text directly above it.
# ---------------------------------------------------------------------------------------------
hand("us_structured", G(ds=2, up=None, new=False, mar="none", suv=1.7, cat="CMR", tp="end_of_treatment"), """
EXAM: PET/CT skull base to mid-thigh
CLINICAL HISTORY: 64-year-old male with DLBCL, Ann Arbor stage IIIA. End of treatment assessment following 6 cycles of R-CHOP.
TECHNIQUE: 10.2 mCi F-18 FDG IV; uptake time 62 minutes; blood glucose 96 mg/dL. Non-contrast CT for attenuation correction and localization.
COMPARISON: PET/CT 02/14/2024 (baseline).
REFERENCE REGIONS: Mediastinal blood pool SUVmax 1.9. Liver SUVmax 2.6.
FINDINGS:
HEAD/NECK: No hypermetabolic cervical lymphadenopathy. Physiologic uptake in the Waldeyer ring.
CHEST: The previously hypermetabolic subcarinal and right hilar nodes measure 1.1 cm and 0.9 cm, with uptake below blood pool (SUVmax 1.5). No suspicious pulmonary nodules.
ABDOMEN/PELVIS: The previously seen retroperitoneal conglomerate nodal mass has regressed to a 2.4 x 1.6 cm soft tissue residuum with SUVmax 1.7, below mediastinal blood pool. Spleen normal in size without focal uptake.
MUSCULOSKELETAL: No focal osseous or marrow uptake.
IMPRESSION:
1. Complete metabolic response. Residual retroperitoneal soft tissue, Deauville score 2.
2. No new FDG-avid lesions.
""")

hand("uk_narrative", G(ds=3, up=None, new=None, mar="diffuse_reactive", suv=2.3, cat="CMR", tp="interim"), """
Clinical details: DLBCL, stage IV (liver). Interim PET after 2 cycles of R-CHOP. ?Response.
Comparison is made with the staging PET-CT of 03/05/2024.
Findings: The bulky anterior mediastinal mass has reduced in size, now 4.1 x 2.6 cm (previously 9.8 x 7.2 cm). There is low-grade residual uptake within it, SUVmax 2.3, which is above the mediastinal blood pool but below the liver (liver SUVmax 2.9). The hepatic lesions previously noted in segments 4 and 7 are no longer identified on PET and the liver is of homogeneous activity. No abnormal cervical, axillary or abdominopelvic nodal uptake. Normal splenic activity. Diffusely increased, homogeneous bone marrow activity is in keeping with recent G-CSF and does not indicate marrow disease.
Conclusion: Good response to treatment. The residual anterior mediastinal uptake scores 3 on the Deauville 5-point scale. No FDG-avid liver disease. Appearances are in keeping with a complete metabolic response.
""")

hand("terse_bullets", G(ds=1, x=True, new=True, et="not_lymphoma", mar="none", suv=5.8, cat="CMR", tp="end_of_treatment"), """
PET-CT EOT (post 6x R-CHOP)
- Neck: nil.
- Chest: prev. L axillary LN now 8 mm, no uptake above background (DS1). New patchy RLL consolidation, SUVmax 5.8 - Deauville X, likely infective; clinical correlation.
- Abdo/pelvis: nil avid. Spleen 11 cm, normal activity.
- Marrow: no focal uptake.
IMPRESSION: CMR (DS 1). No new lymphoma-related foci. RLL changes likely infective (X).
""")

hand("uk_narrative", G(ds=2, up="reduced", new=False, suv=1.6, cat="CMR", tp="end_of_treatment"), """
Clinical information: Primary mediastinal large B-cell lymphoma. End-of-treatment PET following 6 cycles of DA-EPOCH-R.
Report: Comparison with the interim PET dated 14/06/2024 and the baseline dated 02/04/2024.
The residual anterior mediastinal mass measures 5.2 x 3.0 cm (5.9 x 3.4 cm at interim). Its FDG uptake has further decreased and is now a score of 2 (<= mediastinum), SUVmax 1.6 versus 4.8 at interim. No other site of abnormal FDG accumulation. No new lesions.
Conclusion: Complete metabolic response (Deauville 2). Residual mediastinal mass without significant metabolic activity; CT follow-up of the mass would be reasonable.
""")

hand("us_impression_only", G(ds=3, up="reduced", new=False, mar="none", suv=2.0, cat="CMR", tp="interim"), """
PET/CT WHOLE BODY - INTERIM
Indication: DLBCL (GCB type), stage IIA bulky. Interim evaluation after cycle 3 of Pola-R-CHP.
Comparison: 01/09/2025.
Findings:
Left neck level II-IV nodes, previously up to 3.4 cm with SUVmax 16.2, now subcentimeter with minimal uptake, SUVmax 2.0. Liver reference SUVmax 2.7, mediastinum 1.8.
No hypermetabolic thoracic, abdominal, or pelvic lymph nodes. No new foci of uptake.
Skeleton: No suspicious osseous activity.
IMPRESSION:
Marked metabolic response in the left cervical nodes. Deauville 3 (5PS). Findings represent complete metabolic response per Lugano 2014.
""")

hand("uk_narrative", G(ds=1, new=False, mar="diffuse_reactive", cat="CMR", tp="end_of_treatment"), """
Indication: DLBCL, stage IVB at diagnosis with splenic and marrow involvement. End of treatment (R-CHOP x6 + 2R).
Findings: The spleen has returned to normal size (11.2 cm, previously 16.5 cm) with homogeneous activity lower than liver; the multiple splenic foci seen at staging have resolved. The focal skeletal lesions previously noted (L3 vertebral body, right iliac bone, left femur) are no longer FDG-avid; there is diffuse homogeneous low-grade marrow uptake, consistent with post-chemotherapy/G-CSF reactive change. No residual nodal disease. Sclerotic change at L3 without uptake.
Conclusion: Complete metabolic response, 5-PS 1. Reactive marrow. No evidence of new disease.
""")

hand("us_structured", G(ds=4, up="reduced", new=False, mar="diffuse_reactive", suv=5.1, cat="PMR", tp="interim"), """
EXAM: FDG PET/CT
HISTORY: DLBCL, stage IV. Interim PET after 2 cycles of R-CHOP (iPET2).
COMPARISON: Baseline PET/CT 03/11/2024.
FINDINGS:
Neck: No abnormal uptake.
Chest: Right paratracheal (station 4R) node 1.9 x 1.4 cm (previously 3.5 x 2.8 cm), SUVmax 5.1 (previously 17.6). Liver SUVmax 2.8. Prevascular node 1.0 cm, SUVmax 2.4.
Abdomen/pelvis: Mesenteric nodal mass decreased to 4.6 x 3.1 cm from 8.2 x 6.0 cm, SUVmax 4.3 (previously 21.0). No new lesions.
Bones: Diffuse mildly increased marrow uptake, likely reactive.
IMPRESSION:
1. Partial metabolic response. Highest residual uptake in the right paratracheal station 4R node, Deauville 4, SUVmax 5.1, decreased from 17.6.
2. Mesenteric mass Deauville 4.
3. No new FDG-avid disease.
""")

hand("uk_narrative", G(ds=5, up="reduced", new=False, mar="none", suv=9.6, cat="PMR", tp="end_of_treatment"), """
Clinical details: DLBCL stage III. End of treatment (completed R-CHOP x6 three weeks ago).
Findings: Compared with the baseline study of 12/01/2024. The left para-aortic nodal mass has decreased in size (3.2 x 2.9 cm, previously 7.4 x 6.1 cm) and in avidity, with SUVmax now 9.6 compared with 24.3 previously; this is markedly above liver (SUVmax 2.2). The other previously involved sites (coeliac axis, left iliac chain) show uptake below the liver. No new FDG-avid lesions. Normal marrow uptake.
Conclusion: Residual FDG-avid left para-aortic tumour, Deauville 5, with reduced uptake compared with baseline, in keeping with a partial metabolic response; at end of treatment this favours residual lymphoma. Biopsy recommended if clinically appropriate.
""")

hand("terse_bullets", G(ds=4, up="reduced", new=False, suv=6.2, cat="PMR", tp="interim"), """
iPET (post C3 R-CHOP):
* R axilla LN 2.1 cm (was 4.4 cm), SUV max 6.2; 65% reduction in SUVmax vs baseline.
* Spleen: diffuse uptake at staging has resolved.
* No new lesions.
* 5PS 4.
Impression: PMR.
""")

hand("us_table", G(ds=5, up="reduced", new=False, suv=7.9, cat="PMR", tp="interim"), """
FDG PET/CT - INTERIM RESTAGING
Clinical: DLBCL, stage IIIA. Interim scan after 4 cycles of R-CHOP. Baseline PET 2024-07-30.
Reference: liver SUVmax 2.5; blood pool SUVmax 1.7.
Per-site assessment:
Site | Baseline SUVmax | Current SUVmax | DS
Left supraclavicular | 14.2 | 2.1 | 3
Anterior mediastinum | 22.8 | 7.9 | 5
Right hilar | 9.6 | 3.4 | 4
Para-aortic | 11.3 | 1.6 | 2
All previously involved sites show decreased uptake. No new hypermetabolic foci.
IMPRESSION: Partial metabolic response at interim. Highest residual activity anterior mediastinum (DS 5).
""")

hand("us_structured", G(ds=4, up="unchanged", new=False, mar="none", suv=4.4, cat="NMR", tp="end_of_treatment"), """
HISTORY: DLBCL. Post-treatment PET/CT after completion of R-CHOP x6.
COMPARISON: Interim PET 2024-05-02, baseline 2024-02-20.
FINDINGS: The left inguinal nodal conglomerate measures 3.3 x 2.5 cm (baseline 3.6 x 2.7 cm) with SUVmax 4.4, previously 4.7 at baseline. Liver SUVmax 2.5. The remaining previously involved external iliac nodes are not avid. No new lesions. Marrow unremarkable.
IMPRESSION: Persistent left inguinal nodal disease, Deauville 4, with FDG uptake essentially unchanged from baseline (SUVmax 4.4 vs 4.7). No metabolic response at this site (Lugano NMR). Tissue sampling recommended.
""")

hand("uk_narrative", G(ds=5, up="unchanged", new=False, mar="diffuse_reactive", suv=13.8, cat="NMR", tp="interim"), """
Clinical details: DLBCL NOS, gastric. Mid-treatment PET; 3 cycles of R-CHOP completed.
Findings: Gastric wall thickening along the greater curvature persists, measuring up to 18 mm, with intense uptake (SUVmax 13.8; 14.9 at baseline). The perigastric nodes are less avid than previously (SUVmax 3.0 from 7.7). Physiological uptake elsewhere, including the oesophagus. No new sites of disease. Diffuse marrow uptake is seen, in keeping with G-CSF effect.
Conclusion: Persistent intense gastric uptake, Deauville 5, without significant change in intensity from baseline, whereas the perigastric nodes have responded (Deauville 3). Overall appearances represent stable metabolic disease (no metabolic response) at the gastric primary. Physiological gastric activity can confound; endoscopic correlation is advised.
""")

hand("us_structured", G(ds=5, up="increased", new=True, et="lymphoma", mar="none", suv=19.4, cat="PMD", tp="interim"), """
HISTORY: DLBCL stage IIIA, interim PET after 3 cycles of R-CHOP. Rising LDH.
COMPARISON: PET/CT 08/02/2024.
FINDINGS:
NECK: Unremarkable.
CHEST: Bilateral axillary adenopathy, largest on the right 3.8 x 3.0 cm (previously 3.1 x 2.4 cm), SUVmax 19.4 (previously 12.2).
ABDOMEN/PELVIS: Two new hypermetabolic hepatic lesions in segment 6 (2.2 cm, SUVmax 15.1) and segment 8 (1.4 cm, SUVmax 11.7), suspicious for lymphomatous involvement. Retroperitoneal nodes are stable in size with increased uptake (SUVmax 14.0 from 9.3).
MSK: No focal osseous lesions.
IMPRESSION:
1. Progressive metabolic disease: increased uptake in axillary and retroperitoneal nodes, Deauville 5.
2. New hepatic lesions (segments 6 and 8), Deauville 5, suspicious for lymphoma.
""")

hand("uk_narrative", G(ds=5, new=True, et="lymphoma", mar="new_or_recurrent_focal", suv=11.2, cat="PMD", tp="end_of_treatment"), """
Clinical details: DLBCL stage II. Completed 6 cycles of R-CHOP; end of treatment PET. New back pain.
Findings: The previously involved right cervical nodes show uptake below the mediastinal blood pool (Deauville 2). There are, however, multiple new focal areas of intense marrow uptake involving the T9 and L2 vertebral bodies, the left iliac blade and the right proximal femur (SUVmax up to 11.2 at L2), without CT correlate. These were not present at baseline and are not in keeping with reactive marrow change.
Conclusion: New focal skeletal/marrow lesions, Deauville 5, highly suspicious for marrow involvement by lymphoma despite complete resolution at the nodal site. Progressive metabolic disease. Biopsy of the iliac lesion is suggested.
""")

hand("us_structured", G(ds=5, new=True, et="lymphoma", suv=17.9, tp="relapse_or_follow_up"), """
INDICATION: History of DLBCL, complete metabolic response after R-CHOP completed 03/2023. Suspected relapse: new palpable left axillary mass.
COMPARISON: PET/CT 04/12/2023 (end of treatment, Deauville 2).
FINDINGS: New hypermetabolic left axillary lymphadenopathy, largest 3.1 x 2.2 cm, SUVmax 17.9. New hypermetabolic left subpectoral node, 1.3 cm, SUVmax 9.4. No other suspicious uptake. Liver SUVmax 2.3.
IMPRESSION: New FDG-avid left axillary and subpectoral lymphadenopathy, Deauville 5, consistent with lymphoma relapse. Biopsy recommended.
""")

hand("uk_narrative", G(ds=5, up="reduced", new=False, mar="none", suv=6.7, cat="PMR", tp="post_salvage"), """
Clinical: Relapsed DLBCL. Restaging after 2 cycles of R-ICE, prior to planned autologous transplant.
Findings: Compared with the pre-salvage PET of 20/08/2024. The right external iliac nodal mass has decreased from 5.6 to 2.8 cm in maximal diameter, with SUVmax falling from 18.9 to 6.7 (liver 2.4). The left obturator node is no longer avid. No new sites. Marrow normal.
Conclusion: Partial metabolic response to salvage chemotherapy; the residual right external iliac disease scores 5 on the 5-PS (uptake markedly above liver), reduced compared with the pre-salvage study.
""")

hand("terse_bullets", G(ds=3, up="reduced", new=False, mar="none", suv=2.4, cat="CMR", tp="post_salvage"), """
PET-CT post R-DHAP x3 (pre-ASCT)
Comparison: relapse PET 11/2024
- Mesenteric mass: 2.0 cm residuum, uptake < liver (DS 3). SUVmax 2.4 (was 14.3).
- No new avid foci.
- BM: no focal uptake.
CONCLUSION: CMR to salvage. Deauville 3.
""")

# --- ambiguous scores or uptake changes -------------------------------------------------------
hand("uk_narrative", G(ds=None, new=False, suv=2.9, tp="interim", amb=True), """
Clinical: DLBCL. Interim PET after 4 cycles of R-CHOP.
Findings: There is low-grade residual uptake in the anterior mediastinal mass (SUVmax 2.9), similar to the liver (SUVmax 2.8). The other sites of disease seen at staging have resolved. No new lesions.
Conclusion: Residual mediastinal uptake, Deauville 3-4. Interpretation is borderline; a further scan after completion of therapy is suggested.
""")

hand("us_terse", G(ds=None, up="reduced", new=False, suv=6.8, tp="interim", amb=True), """
PET/CT, interim (after 2 cycles R-CHOP).
IMPRESSION: Residual hypermetabolic right lower quadrant mesenteric mass, SUVmax 6.8 (liver 2.9), DS 4 or 5 depending on the liver reference used; decreased from baseline SUVmax 19.2. No new disease.
""")

hand("us_structured", G(ds=None, up="reduced", cat="CMR", suv=3.1, tp="end_of_treatment", amb=True), """
CLINICAL HISTORY: DLBCL, end of treatment PET/CT.
COMPARISON: Baseline PET/CT 2024-01-18.
FINDINGS:
CHEST: Residual left axillary node 1.4 cm, SUVmax 3.1 (previously 11.6), slightly above liver (SUVmax 2.7), Deauville 4.
ABDOMEN/PELVIS: No hypermetabolic adenopathy. Spleen unremarkable.
IMPRESSION:
1. Residual left axillary node, Deauville 3, decreased uptake compared with baseline; favor complete metabolic response.
""")

hand("terse_bullets", G(ds=None, new=False, suv=2.6, tp="interim", amb=True), """
iPET2:
- resid. L cervical LN 1.2 cm, score 3/4, SUVmax 2.6 (liver 2.5).
- no new.
?CMR vs PMR - suggest MDT discussion.
""")

hand("uk_narrative", G(ds=4, up=None, new=False, suv=5.0, tp="end_of_treatment", amb=True), """
Clinical details: End of treatment PET, DLBCL (splenic hilum and coeliac nodes at presentation).
Findings: There is residual uptake in the splenic hilar node, Deauville 4 (SUVmax 5.0). Compared with baseline (SUVmax 5.9) the intensity is similar or perhaps slightly lower; it is difficult to judge whether there has been a meaningful reduction given the differing uptake times (baseline 92 minutes, current 61 minutes). The coeliac nodes are no longer avid. No new lesions.
Conclusion: Deauville 4 residual disease at the splenic hilum. We cannot reliably distinguish a partial from no metabolic response; biopsy or interval imaging advised.
""")

hand("addendum", G(ds=None, up="reduced", new=False, suv=3.3, tp="end_of_treatment", amb=True), """
FINDINGS (original report, 15/10/2024): End of treatment PET-CT, DLBCL. Residual 3.0 cm soft tissue in the left pelvic sidewall with low-grade uptake, SUVmax 3.3 (baseline SUVmax 16.0), liver SUVmax 3.0. No new FDG-avid lesions.
ADDENDUM (double reporting, 17/10/2024): Reader A grades the residual pelvic sidewall uptake as Deauville 4. Reader B considers it equal to liver, Deauville 3. No consensus was reached; for discussion at the lymphoma MDT. Both readers agree uptake is markedly reduced compared with baseline.
""")

hand("us_structured", G(ds=None, up="reduced", new=False, suv=2.8, tp="end_of_treatment", amb=True), """
EXAM: PET/CT, end of therapy.
HISTORY: DLBCL, completed R-CHOP.
TECHNIQUE: Standard protocol. Liver background heterogeneous (SUVmax 2.4 right lobe to 3.1 left lobe) owing to steatosis.
FINDINGS: Residual right common iliac node, 1.5 cm, SUVmax 2.8, reduced from 10.2. No other abnormal uptake. No new lesions.
IMPRESSION: Residual right common iliac node, equivocal Deauville 3 versus 4 given the heterogeneous liver reference. Consider short-interval follow-up.
""")

hand("uk_narrative", G(ds=None, up="reduced", new=False, suv=6.0, cat="PMR", tp="post_salvage", amb=True), """
Clinical details: Refractory DLBCL. Response assessment after salvage R-GDP x2.
Findings: Residual uptake in the ileocaecal mass, which has reduced in size (4.0 cm from 7.1 cm) and in intensity, SUVmax 6.0 (liver 2.6) against 15.4 on the pre-salvage study. No new sites of disease.
Conclusion: Partial metabolic response to salvage. Residual ileocaecal activity, Deauville 4-5.
""")

hand("us_structured", G(ds=5, up=None, new=False, suv=8.4, cat="PMR", tp="interim", amb=True), """
CLINICAL HISTORY: DLBCL. Interim PET after 3 cycles of R-CHOP.
COMPARISON: Baseline PET/CT 2024-09-04.
FINDINGS: Conglomerate left para-aortic nodes 4.2 x 3.5 cm (baseline 5.0 x 4.1 cm). FDG uptake has reduced since baseline (SUVmax 8.4, baseline 8.9). Liver SUVmax 2.3. No new lesions.
IMPRESSION: Residual left para-aortic nodal disease, Deauville 5. Partial metabolic response.
""")

hand("uk_narrative", G(ds=None, new=False, suv=1.9, cat="CMR", tp="end_of_treatment", amb=True), """
Clinical details: End-of-treatment PET. DLBCL with splenic involvement.
Findings: The spleen is normal in size. There is a faint residual focus at the site of the previously dominant splenic lesion, SUVmax 1.9, which is around the level of the mediastinal blood pool (SUVmax 1.9) and well below liver (2.6). No abnormal nodal uptake. No new lesions.
Conclusion: Deauville 2-3 residual splenic activity. Complete metabolic response.
""")
hand("us_structured", G(ds=4, up="increased", new=False, mar="none", suv=5.9, tp="relapse_or_follow_up"), """
EXAM: FDG PET/CT
CLINICAL HISTORY: 58-year-old with DLBCL treated with R-CHOP, then salvage and autologous SCT (2022). Surveillance imaging; mild left neck fullness on examination.
COMPARISON: PET/CT 06/20/2024.
FINDINGS:
HEAD/NECK: Left level III node measures 1.6 x 1.1 cm, previously 0.9 x 0.7 cm, with increased uptake, SUVmax 5.9 (previously 2.1). Liver SUVmax 2.9.
CHEST/ABDOMEN/PELVIS: No hypermetabolic adenopathy. No new sites elsewhere.
MUSCULOSKELETAL: No focal marrow uptake.
IMPRESSION: Increasing size and avidity of a left level III cervical node, Deauville 4. Recurrence is a concern; ultrasound-guided core biopsy recommended.
""")

hand("uk_narrative", G(ds=2, x=True, new=True, et="not_lymphoma", suv=3.4, cat="CMR", tp="end_of_treatment"), """
Clinical details: 24-year-old. PMBCL, end of treatment scan after 6 cycles of DA-EPOCH-R.
Findings: The residual anterior mediastinal soft tissue (3.1 x 1.8 cm) has uptake below the mediastinal blood pool, SUVmax 1.6. There is new moderate uptake in an enlarged thymus (SUVmax 3.4) with a typical chevron configuration and smooth margins, separate from the residual mass, in keeping with thymic rebound; this is scored Deauville X. No other abnormal activity.
Conclusion: Complete metabolic response of the mediastinal lymphoma (Deauville 2). New thymic activity is in keeping with rebound hyperplasia (X).
""")

hand("us_structured", G(ds=4, x=True, up="reduced", new=True, et="not_lymphoma", suv=5.2, cat="PMR", tp="interim"), """
CLINICAL HISTORY: DLBCL, interim assessment after cycle 2 of R-CHOP. Right neck core biopsy 10 days ago for research protocol.
COMPARISON: Baseline 2024-11-06.
FINDINGS:
Neck: Right level II nodal mass decreased from 4.4 to 2.7 cm with reduced uptake, SUVmax 5.2 (baseline 20.3). New linear uptake along the right neck biopsy tract, SUVmax 4.0, Deauville X, post-procedural.
Chest, abdomen and pelvis: No abnormal uptake.
IMPRESSION:
1. Right level II nodal mass, Deauville 4, decreased uptake from baseline: partial metabolic response.
2. New biopsy tract uptake, Deauville X, post-procedural.
""")

hand("uk_narrative", G(ds=4, x=True, up="reduced", new=True, et="uncertain", suv=4.6, tp="end_of_treatment"), """
Clinical details: DLBCL. End of treatment PET-CT (R-CHOP x6). Cough and low-grade fever for one week.
Findings: The residual left axillary nodal mass measures 2.2 cm with uptake moderately above liver, SUVmax 4.6 (liver 2.5), less intense than at baseline (SUVmax 15.9): Deauville 4. There is new left lower lobe consolidation with air bronchograms and moderate uptake (SUVmax 4.1), likely infective, Deauville X. Separately, a new 9 mm right upper lobe nodule shows uptake of SUVmax 3.2; this is indeterminate and lymphomatous involvement cannot be excluded.
Conclusion: Residual left axillary disease, Deauville 4, with reduced uptake. Left lower lobe changes likely infective (X). Indeterminate new right upper lobe nodule: suggest interval CT after antibiotics or sampling.
""")

hand("uk_narrative", G(ds=2, new=True, et="not_lymphoma", suv=6.1, cat="CMR", tp="end_of_treatment"), """
Clinical details: DLBCL, end of treatment assessment.
Findings: The previously involved right cervical and supraclavicular nodes are no longer FDG-avid (Deauville 2). There is new symmetrical mediastinal and bilateral hilar nodal uptake (SUVmax up to 6.1) with small, non-enlarged nodes, in a pattern favouring a sarcoid-like reaction rather than lymphoma. No pulmonary abnormality.
Conclusion: Complete metabolic response at the sites of original disease. New symmetrical mediastinal/hilar uptake, likely a sarcoid-like reaction; review on follow-up imaging.
""")

hand("us_structured", G(ds=4, up="reduced", new=True, et="uncertain", suv=4.8, tp="interim"), """
EXAM: PET/CT interim.
HISTORY: DLBCL, after 3 cycles of R-CHOP.
COMPARISON: Pre-treatment PET/CT 05/15/2024.
FINDINGS: Residual aortocaval node 2.0 cm, SUVmax 4.8 (pre-treatment 17.1), Deauville 4. Previously involved mesenteric nodes are not avid. New 1.0 cm right lower lobe pulmonary nodule with mild uptake, SUVmax 2.6, indeterminate. Liver SUVmax 2.9.
IMPRESSION:
1. Aortocaval node, Deauville 4, with decreased uptake.
2. New indeterminate right lower lobe nodule; lymphoma versus infection. Recommend attention on follow-up.
""")

hand("uk_narrative", G(ds=5, up="unchanged", new=True, et="uncertain", suv=10.1, cat="NMR", tp="interim"), """
Clinical details: DLBCL, stage IIIS. Interim PET after 4 cycles of R-CHOP.
Findings: The dominant splenic lesion is unchanged in intensity (SUVmax 10.1, previously 10.6) and size (3.4 cm). Liver SUVmax 2.4. A new small focus of uptake is present at the lower pole of the spleen (SUVmax 4.2); lymphoma cannot be excluded, although a small infarct is possible. Splenic hilar nodes remain avid at a similar level.
Conclusion: No metabolic response in the spleen (Deauville 5, unchanged from baseline). New small lower-pole splenic focus, equivocal.
""")

hand("us_structured", G(ds=3, new=True, et="uncertain", suv=4.3, cat="CMR", tp="interim"), """
CLINICAL HISTORY: DLBCL of the right tonsil, interim PET after 3 cycles of R-CHOP. COVID-19 booster in the left deltoid 5 days before the scan.
FINDINGS: The right tonsillar mass has resolved; right tonsillar uptake is symmetric with the left and below liver, Deauville 3. New 1.2 cm left axillary node with SUVmax 4.3 and preserved fatty hilum, possibly reactive following vaccination; lymphoma cannot be entirely excluded.
IMPRESSION: Complete metabolic response at the tonsillar primary (Deauville 3). New left axillary node, possibly post-vaccination reactive; correlate and consider follow-up ultrasound.
""")

# --- baseline staging -------------------------------------------------------------------------
hand("us_structured", G(mar="none", suv=27.5, tmtv=612, tp="baseline"), """
EXAM: PET/CT INITIAL STAGING
CLINICAL HISTORY: 71-year-old woman with newly diagnosed DLBCL (right inguinal node biopsy 05/02/2025). Pre-treatment staging.
TECHNIQUE: 11.4 mCi F-18 FDG; uptake 58 minutes; glucose 88 mg/dL.
FINDINGS:
HEAD/NECK: Hypermetabolic right level IB and II nodes, largest 2.1 x 1.5 cm, SUVmax 12.3.
CHEST: No thoracic adenopathy. Lungs clear.
ABDOMEN/PELVIS: Bulky retroperitoneal and right iliac lymphadenopathy, conglomerate up to 10.4 x 7.9 cm, SUVmax 27.5. Splenomegaly (15.8 cm) with diffuse uptake greater than liver, no discrete lesion. Liver SUVmax 2.5.
MUSCULOSKELETAL: No focal marrow lesions.
QUANTITATIVE: Total metabolic tumor volume (TMTV, SUV 4.0 threshold) 612 cm3.
IMPRESSION: FDG-avid lymphoma above and below the diaphragm with splenic involvement. Baseline for response assessment.
""")

hand("uk_narrative", G(mar="diffuse_reactive", suv=31.2, tmtv=187, tp="baseline"), """
Clinical details: Newly diagnosed DLBCL (mediastinal biopsy). Staging PET-CT. Hb 92 g/L.
Technique: 352 MBq 18F-FDG, 60 minute uptake, blood glucose 5.1 mmol/L.
Findings: A lobulated anterior mediastinal tumour measures 8.8 x 6.1 cm with intense uptake (SUVmax 31.2), abutting but not invading the oesophagus. Right paratracheal and left supraclavicular nodes are also involved (SUVmax 14.7 and 9.9). Two pleural-based nodules in the right lower zone show uptake (SUVmax 7.4), in keeping with pleural involvement. No disease below the diaphragm. Diffuse homogeneous marrow uptake, likely reactive to anaemia; no focal marrow lesion.
Total metabolic tumour volume (41% SUVmax threshold): 187 cc.
Conclusion: Bulky mediastinal lymphoma with nodal disease above the diaphragm and pleural involvement (stage IV). Suitable as a baseline for Deauville assessment.
""")

hand("terse_bullets", G(mar="none", suv=22.0, tmtv=96, tp="baseline"), """
Pre-Rx PET-CT. DLBCL.
- Bulky L neck mass 7.2 cm, SUVmax 22
- L SCF + upper mediastinal LN, SUVmax 11
- Abdo/pelvis: nil
- Spleen normal size + activity
- BM: no focal uptake
- MTV 96 ml
Summary: stage II bulky, above diaphragm only.
""")

hand("uk_narrative", G(suv=18.7, tmtv=344, tp="baseline"), """
Indication: PMBCL. Baseline PET-CT prior to DA-EPOCH-R.
Reference regions (for subsequent Deauville scoring): liver SUVmax 2.1, mediastinal blood pool SUVmax 1.6.
Findings: Bulky anterior mediastinal mass, 11.2 x 8.4 x 9.0 cm, with heterogeneous uptake: SUVmax 18.7, SUVpeak 14.2, SUVmean 9.1, with a photopenic necrotic centre. Small left pericardial effusion. No disease below the diaphragm.
Quantitative: TMTV 344 mL (SUV 2.5 threshold).
Conclusion: Bulky mediastinal disease, Lugano stage II bulky.
""")

hand("detailed_multiregion", G(mar="none", suv=9.8, tp="baseline"), """
EXAM: PET/CT SKULL BASE TO THIGH - STAGING
CLINICAL HISTORY: 67-year-old man, left orchidectomy 3 weeks ago for testicular DLBCL. Staging.
TECHNIQUE: 12.0 mCi FDG; uptake 65 min; glucose 104 mg/dL.
FINDINGS:
HEAD/NECK: Physiologic activity in the brain, salivary glands and Waldeyer ring. No cervical adenopathy. Thyroid normal.
CHEST: No thoracic adenopathy. Lungs clear. Heart normal size.
ABDOMEN/PELVIS: Right para-aortic node at the L2 level, 1.8 x 1.2 cm, SUVmax 9.8. Post-surgical change in the left scrotum and inguinal canal with mild linear uptake. No FDG-avid disease in the contralateral testis. Liver, spleen, adrenals and kidneys unremarkable apart from physiologic excretion.
MUSCULOSKELETAL: Normal marrow uptake. Degenerative change in the lower lumbar spine.
IMPRESSION: Solitary FDG-avid right para-aortic node, consistent with nodal spread of testicular lymphoma (stage II E).
""")

hand("uk_narrative", G(suv=19.6, tp="baseline"), """
Clinical details: Newly diagnosed DLBCL, transformed from follicular lymphoma. Staging.
Findings: Widespread lymphadenopathy above and below the diaphragm with heterogeneous avidity, SUVmax ranging from 4.8 (left axilla) to 19.6 (right iliac nodal mass). The right iliac mass is the most appropriate biopsy target should discordant histology be suspected. Spleen of normal size and activity.
Conclusion: Stage III disease. Heterogeneous uptake consistent with transformation in the right iliac mass.
""")

# --- surveillance / follow-up / relapse ------------------------------------------------------
hand("us_structured", G(ds=1, new=False, mar="none", cat="CMR", tp="relapse_or_follow_up"), """
EXAM: PET/CT
INDICATION: Surveillance. DLBCL, 12 months after completion of R-CHOP.
COMPARISON: 09/30/2024.
FINDINGS: No hypermetabolic lymphadenopathy in the neck, chest, abdomen or pelvis. Liver and spleen normal. No focal osseous uptake suspicious for disease.
IMPRESSION: No new or recurrent FDG-avid lymphoma; Deauville 1. Continued complete metabolic response.
""")

hand("uk_narrative", G(x=True, new=True, et="not_lymphoma", suv=7.3, tp="relapse_or_follow_up"), """
Clinical details: DLBCL in remission; follow-up PET (clinical trial protocol, 2 years post-treatment).
Findings: No abnormal nodal activity. There is a new focus of intense uptake in the sigmoid colon (SUVmax 7.3) without a corresponding mass on the low-dose CT, at a site of diverticular disease. This is scored Deauville X and is favoured to be physiological/inflammatory.
Conclusion: No evidence of recurrent lymphoma. New sigmoid colonic focus (X), likely inflammatory; colonoscopy may be considered to exclude an adenoma.
""")

hand("us_structured", G(new=True, et="uncertain", mar="none", suv=5.2, tp="relapse_or_follow_up"), """
INDICATION: Follow-up of DLBCL, 18 months after end of therapy. Asymptomatic.
COMPARISON: PET/CT 03/03/2024.
FINDINGS: New 1.6 cm left para-aortic node with SUVmax 5.2 (liver 2.6). No other abnormal uptake. Marrow normal.
IMPRESSION: New mildly enlarged, moderately FDG-avid left para-aortic node, equivocal: early relapse versus reactive node. Recommend tissue sampling or short-interval follow-up PET/CT.
""")

hand("uk_narrative", G(ds=5, new=True, et="lymphoma", suv=21.4, tp="relapse_or_follow_up"), """
Clinical details: Clinical suspicion of relapse (rising LDH, night sweats) 8 months after completing R-CHOP.
Findings: Compared with the end-of-treatment PET of 02/02/2025. There are multiple new hypodense hepatic lesions with intense uptake, the largest in segment 5/6 measuring 3.9 cm (SUVmax 21.4), and two new splenic lesions (SUVmax up to 13.0). New porta hepatis nodes are also avid. All new lesions score 5 on the Deauville scale.
Conclusion: Appearances in keeping with relapsed lymphoma involving liver, spleen and porta hepatis nodes. Target for biopsy: segment 5/6 liver lesion.
""")

hand("us_structured", G(ds=5, new=True, et="lymphoma", mar="new_or_recurrent_focal", suv=12.6, cat="PMD", tp="relapse_or_follow_up"), """
HISTORY: DLBCL in CR since 2023. Follow-up imaging for new right hip pain.
COMPARISON: PET/CT 11/14/2024.
FINDINGS:
Lymph nodes: No hypermetabolic adenopathy.
Skeleton/marrow: New focal hypermetabolic lesions in the right acetabulum (SUVmax 12.6), the T7 vertebral body (SUVmax 8.1) and the left 5th rib (SUVmax 6.0), with subtle lytic change at the acetabulum.
IMPRESSION: New focal marrow/osseous lesions, Deauville 5, consistent with recurrent lymphoma. Progressive metabolic disease. Bone biopsy of the acetabular lesion recommended.
""")

hand("terse_bullets", G(ds=1, new=False, tp="relapse_or_follow_up"), """
Follow-up PET-CT, 2 years post ASCT.
- No FDG-avid disease.
- DS1.
- No new lesions.
- Incidental: small hiatus hernia.
""")

hand("uk_narrative", G(new=False, tp="relapse_or_follow_up"), """
Clinical details: Surveillance scan. DLBCL treated 2023.
Findings: The scan is compared with 14/01/2025. Appearances are stable, without new sites of abnormal FDG uptake. Physiological activity in the brown fat of the neck and supraclavicular regions. The previously treated neck is quiet.
Conclusion: No evidence of lymphoma recurrence.
""")
hand("addendum", G(ds=4, up="reduced", new=False, suv=4.9, cat="PMR", tp="end_of_treatment"), """
PET-CT, END OF TREATMENT (R-CHOP x6)
Findings: Residual soft tissue in the porta hepatis, 2.6 x 1.9 cm, with uptake above liver, SUVmax 4.9. The remaining sites of disease at staging have resolved. No new lesions.
Conclusion: Small volume residual FDG-avid disease at the porta hepatis.

ADDENDUM 21/03/2025: At the request of the haematology team: the residual porta hepatis uptake is Deauville 4. Uptake is reduced compared with the baseline study of 04/10/2024 (SUVmax previously 17.3). Lugano category: partial metabolic response; at end of treatment this represents residual metabolic disease.
""")

hand("addendum", G(ds=2, x=True, new=True, et="not_lymphoma", suv=4.4, cat="CMR", tp="interim"), """
Interim PET-CT (after 2 cycles of R-CHOP).
Previously involved right axillary and infraclavicular nodes show uptake below mediastinal blood pool. New patchy peribronchovascular consolidation in the left upper lobe with moderate uptake (SUVmax 4.4).
Impression: Complete metabolic response at nodal sites (Deauville 2). New left upper lobe changes, see addendum.

ADDENDUM: Following discussion with the clinical team (patient febrile with neutropenia at the time of the scan), the new left upper lobe uptake should be regarded as Deauville X, likely infective. Suggest follow-up CT after treatment of infection.
""")

hand("detailed_multiregion", G(ds=3, up="reduced", new=False, mar="diffuse_reactive", suv=2.5, cat="CMR", tp="end_of_treatment"), """
EXAMINATION: FDG PET/CT, vertex to feet
CLINICAL HISTORY: 52-year-old woman with DLBCL, stage IV (bone marrow, liver segment 4 and 7 lesions at diagnosis, IPI 3). Completed 6 cycles of R-CHOP and 2 of rituximab; end-of-treatment scan, 6 weeks after the last dose.
TECHNIQUE: 9.8 mCi F-18 FDG administered in the left antecubital vein. Blood glucose 91 mg/dL. Uptake time 67 minutes. Low-dose CT for attenuation correction.
COMPARISON: Baseline PET/CT 04/02/2024; interim PET/CT after 4 cycles 06/20/2024.
REFERENCE: Mediastinal blood pool SUVmax 1.8. Liver SUVmax 2.7.
FINDINGS:
HEAD AND NECK: Physiologic uptake in the brain, Waldeyer ring, salivary glands and vocal cords. No cervical lymphadenopathy. Mild mucosal thickening in the right maxillary sinus without uptake.
CHEST: No hypermetabolic mediastinal, hilar or axillary lymph nodes. A 4 mm right upper lobe nodule is unchanged and non-avid (below PET resolution). Heart normal in size. Port catheter tip at the cavoatrial junction without uptake along the tract.
ABDOMEN AND PELVIS: The previously avid segment 4 liver lesion is now a 1.1 cm hypodensity with uptake slightly above blood pool but below liver (SUVmax 2.5), decreased from 4.9 at interim. The segment 7 lesion is no longer visible. Simple cyst in segment 2, unchanged. Spleen 10.4 cm with uptake less than liver. No abdominopelvic lymphadenopathy. Physiologic bowel and urinary activity.
MUSCULOSKELETAL: Diffuse, homogeneous increase in marrow uptake consistent with recent growth factor support; the focal marrow lesions seen at diagnosis (including L3 and the left iliac crest) are no longer identified. Hemangioma in the L1 vertebral body without uptake.
IMPRESSION:
1. Complete metabolic response (Deauville 3, residual segment 4 liver lesion), with further decreased uptake compared with the interim study.
2. Diffuse reactive marrow uptake. No residual focal marrow disease.
3. No new FDG-avid lesions.
""")

hand("detailed_multiregion", G(ds=5, up="reduced", new=False, mar="none", suv=8.8, cat="PMR", tp="interim"), """
Examination: 18F-FDG PET-CT, skull base to upper thigh
Clinical details: DLBCL, stage IV (gastric, nodal and renal involvement). Interim assessment after 3 of 6 planned cycles of R-CHOP. For MDT.
Technique: 341 MBq 18F-FDG, uptake time 63 minutes, blood glucose 6.2 mmol/L. Comparison with the staging PET-CT of 07/01/2025.
Reference: liver SUVmax 2.4, mediastinal blood pool SUVmax 1.7.
Head and neck: Physiological activity only. No cervical lymphadenopathy.
Thorax: The left supraclavicular node (previously 2.4 cm, SUVmax 13.2) has reduced to 9 mm with uptake equal to mediastinal blood pool (Deauville 2). No mediastinal or hilar disease. Lungs clear. No pleural effusion.
Abdomen and pelvis: Gastric wall thickening in the antrum has improved (maximum thickness 11 mm from 24 mm) with considerably less avid uptake, SUVmax 8.8 (previously 23.5); this remains markedly higher than liver. The left renal lesion is now barely perceptible with uptake just above liver (SUVmax 3.3 from 12.0). Gastrohepatic and coeliac nodes no longer avid. The oesophagus shows physiological activity only. The spleen is normal.
Musculoskeletal: No focal skeletal uptake. Normal marrow.
Conclusion:
1. Good partial metabolic response at interim.
2. Residual gastric antral uptake, Deauville 5, with markedly reduced intensity relative to baseline (SUVmax 8.8 vs 23.5). Left renal lesion Deauville 4. Supraclavicular node Deauville 2.
3. No new sites of disease.
""")

hand("detailed_multiregion", G(ds=4, up="unchanged", new=False, mar="unchanged", suv=5.6, cat="NMR", tp="end_of_treatment"), """
EXAM: PET/CT
CLINICAL HISTORY: DLBCL with bone involvement (right iliac bone, biopsy-proven), stage IV. End of treatment following 6 cycles of R-CHOP; radiotherapy not given.
COMPARISON: PET/CT 01/22/2025 (baseline); interim 03/19/2025.
FINDINGS:
HEAD/NECK: Symmetric physiologic uptake. No adenopathy.
CHEST: The right axillary nodes have decreased in size and no longer show uptake above blood pool.
ABDOMEN/PELVIS: No adenopathy. Liver (SUVmax 2.8) and spleen unremarkable.
MUSCULOSKELETAL: Focal marrow uptake in the right iliac bone, SUVmax 5.6, with mixed lytic-sclerotic change, is unchanged in intensity compared with baseline (SUVmax 5.9) and interim (SUVmax 5.5). No new lesions.
IMPRESSION:
1. Persistent focal right iliac marrow uptake, Deauville 4, unchanged from baseline. This represents no metabolic response at the osseous site, although post-treatment bone remodelling can remain avid; MRI and/or biopsy suggested.
2. Resolved axillary nodal disease.
""")

hand("detailed_multiregion", G(ds=5, up="increased", new=True, et="lymphoma", mar="none", suv=24.3, cat="PMD", tp="post_salvage"), """
EXAMINATION: Whole-body FDG PET-CT
CLINICAL INDICATION: Primary refractory DLBCL. Response assessment after 2 cycles of salvage R-GDP; CAR-T referral under consideration.
TECHNIQUE: 320 MBq 18F-FDG; uptake 60 min; glucose 5.8 mmol/L. Comparison: PET-CT 12/08/2025 (pre-salvage).
FINDINGS:
Head and neck: New enlarged right level V node, 1.7 cm, SUVmax 9.9. Physiological uptake in the tonsils.
Chest: The right hilar and subcarinal nodal mass has enlarged (6.2 x 4.8 cm from 4.9 x 3.7 cm) with increased uptake, SUVmax 24.3 (previously 17.0). New small right pleural effusion with nodular pleural thickening and uptake (SUVmax 8.1), suspicious for pleural disease.
Abdomen and pelvis: New hypermetabolic nodes in the gastrohepatic ligament (SUVmax 11.5). Liver and spleen normal.
Bones: No focal lesion. Normal marrow.
CONCLUSION: Progressive metabolic disease despite salvage: increased uptake in the dominant thoracic mass and new cervical, pleural and upper abdominal disease, all Deauville 5 and consistent with lymphoma.
""")

hand("dictated_runon", G(ds=4, up="reduced", new=False, mar="none", suv=4.2, cat="PMR", tp="interim"), """
PET CT interim scan this is a 45 year old man with diffuse large B cell lymphoma who has had three cycles of R-CHOP comparison is made to the staging scan from the 3rd of February the bulky mesenteric mass has decreased in size now measuring 6.1 x 4.0 cm previously 10.8 x 7.5 cm and it is much less avid than before with SUV max 4.2 previously 19.8 the liver SUV max is 2.6 so this would be a Deauville score 4 the previously involved right common iliac nodes have normalised there are no new lesions the marrow and spleen show normal activity impression partial metabolic response Deauville 4 with reduced uptake at the mesenteric mass
""")

hand("mdt_summary", G(ds=5, up="unchanged", new=False, suv=15.2, cat="NMR", tp="interim"), """
LYMPHOMA MDT - PET REVIEW
Patient: [synthetic case 47]. Diagnosis: DLBCL (ABC), stage IIIA, IPI 3.
Scan: interim PET-CT after cycle 4 of R-CHOP, reviewed at MDT with the reporting radiologist.
Summary of findings: Left inguinal and external iliac nodal mass remains bulky (8.4 cm, previously 9.0 cm) with persistent uptake of similar intensity to baseline (SUVmax 15.2 vs 16.0). Para-aortic nodes have responded (Deauville 3). No new sites.
PET category: Deauville 5, no metabolic response (NMR).
MDT outcome: Biopsy of the inguinal mass; if positive, refer for second-line therapy.
""")

hand("uk_narrative", G(ds=5, x=True, up="unchanged", new=True, et="not_lymphoma", mar="diffuse_reactive", suv=12.4, cat="NMR", tp="interim"), """
Clinical details: DLBCL, stage IV. Interim PET after 4 cycles of R-CHOP. Portacath inserted 2 weeks ago.
Findings: The right psoas/retroperitoneal mass persists (5.5 cm, previously 5.8 cm) with intense uptake, SUVmax 12.4 compared with 13.1 at staging. Right external iliac nodes remain avid (SUVmax 8.0, previously 8.6). There is new mild uptake in the left anterior chest wall around the recently inserted port (SUVmax 3.0), Deauville X, post-procedural. Diffuse marrow activity in keeping with G-CSF.
Conclusion: Persistent intense retroperitoneal and iliac nodal uptake with no significant change in intensity, Deauville 5: no metabolic response. Port site uptake (X) is post-procedural.
""")

hand("us_structured", G(ds=5, up="unchanged", new=False, suv=9.1, tp="end_of_treatment"), """
CLINICAL HISTORY: DLBCL. Post-treatment restaging after completion of 6 cycles of R-CHOP.
COMPARISON: PET/CT 2024-02-11.
FINDINGS: Right retrocrural and right para-aortic nodes, largest 2.4 cm, SUVmax 9.1 (prior 9.8). Liver SUVmax 2.2. No other hypermetabolic lesions. No new lesions.
IMPRESSION: Residual hypermetabolic retrocrural and para-aortic disease, Deauville 5. Biopsy recommended.
""")

hand("uk_narrative", G(ds=5, up="unchanged", new=False, suv=8.4, tp="interim"), """
Clinical: DLBCL. Interim PET after 3 cycles of R-CHOP.
Findings: The right axillary nodal mass measures 3.5 x 2.9 cm (baseline 4.6 x 3.8 cm). SUVmax 8.4 (baseline 10.0). Liver SUVmax 2.1. No new lesions.
Conclusion: Persisting right axillary uptake, Deauville 5.
""")

hand("uk_narrative", G(ds=5, up="reduced", new=False, suv=11.0, tp="end_of_treatment"), """
Clinical: End of treatment PET-CT. DLBCL of the left breast with axillary nodes.
Findings: Residual left breast mass 2.1 cm, SUVmax 11.0 (baseline SUVmax 15.0). Liver SUVmax 2.3. Axillary nodes are no longer avid. No new lesions.
Conclusion: Residual left breast uptake, Deauville 5. Recommend biopsy.
""")

hand("us_structured", G(ds=5, up="increased", new=False, mar="none", suv=16.4, tp="interim"), """
HISTORY: DLBCL, interim PET after 2 cycles of R-mini-CHOP (age 84).
COMPARISON: 2025-04-01.
FINDINGS: Left tonsillar mass 3.9 cm (previously 3.6 cm), SUVmax 16.4 (previously 11.2). Left level II nodes SUVmax 8.3 (previously 7.9). Liver SUVmax 2.5. No new lesions. No marrow uptake abnormality is evident.
IMPRESSION: Persistent left tonsillar and cervical nodal disease, Deauville 5.
""")

hand("uk_narrative", G(ds=5, up="increased", new=True, et="lymphoma", suv=18.9, cat="PMD", tp="post_salvage"), """
Clinical details: Relapsed DLBCL. PET after 2 cycles of R-GemOx salvage (not transplant eligible).
Findings: Compared with 05/06/2025. The left external iliac nodal mass is larger (5.9 cm from 4.3 cm) and more avid (SUVmax 18.9 from 12.6). New left inguinal nodes (SUVmax 10.4) and a new peritoneal deposit in the left paracolic gutter (SUVmax 9.7) are present, in keeping with lymphoma. Liver SUVmax 2.3.
Conclusion: Progressive metabolic disease on salvage therapy (Deauville 5).
""")

hand("uk_narrative", G(ds=5, up="increased", new=False, suv=13.3, tp="relapse_or_follow_up"), """
Clinical details: DLBCL in complete remission after R-CHOP (2023). Suspected relapse: enlarging left neck node.
Findings: Compared with the surveillance PET of 12/12/2024. The left level II nodes, which were involved at original presentation and were non-avid on the last scan, have enlarged to 2.3 cm with increased uptake (SUVmax 13.3, previously 1.9). No new sites of disease elsewhere. Liver SUVmax 2.6.
Conclusion: Recurrent FDG-avid disease at the original left cervical site, Deauville 5, in keeping with relapse. No disease elsewhere. Biopsy advised.
""")

hand("us_structured", G(ds=2, new=False, suv=1.6, cat="CMR", tp="interim"), """
CLINICAL HISTORY: DLBCL of Waldeyer ring (right tonsil) with right neck nodes. Interim PET after 3 cycles of R-CHOP.
FINDINGS: Tonsillar uptake is symmetric bilaterally and physiologic; not scored. The previously involved right level II nodes measure up to 0.8 cm with SUVmax 1.6, below blood pool (SUVmax 1.8). Liver SUVmax 2.5. No new lesions.
IMPRESSION: Complete metabolic response (CMR), Deauville 2.
""")

hand("us_structured", G(ds=4, up="reduced", new=False, mar="focal_residual_reduced", suv=5.4, cat="PMR", tp="interim"), """
HISTORY: DLBCL, stage IV with focal marrow disease. Interim PET after 3 cycles of Pola-R-CHP.
COMPARISON: Baseline PET/CT 02/26/2025.
FINDINGS:
Nodes: Bilateral axillary nodes reduced in size with uptake below liver (Deauville 3).
Marrow: Persistent focal uptake in the L4 vertebral body (SUVmax 5.4, baseline 14.8) and the right iliac crest (SUVmax 4.1, baseline 11.0), less intense than at baseline. No new lesions.
Liver SUVmax 2.6.
IMPRESSION: Partial metabolic response. Nodal sites Deauville 3; residual focal marrow uptake at L4 and the right iliac crest, Deauville 4, reduced compared with baseline. Consider MRI if persistent at the end of treatment.
""")

hand("uk_narrative", G(ds=4, x=True, up="reduced", new=True, et="not_lymphoma", mar="diffuse_reactive", suv=4.5, cat="PMR", tp="post_salvage"), """
Clinical details: Relapsed DLBCL. Post R-ICE x3, pre-autograft. Hickman line inserted last week. Pegfilgrastim given.
Findings: The residual mesenteric nodal mass (3.8 cm) shows uptake moderately above liver, SUVmax 4.5 (liver 2.8), compared with SUVmax 15.1 pre-salvage: a clear reduction. Diffusely increased homogeneous marrow uptake, in keeping with growth factor. New linear uptake along the right internal jugular line tract (SUVmax 3.1) is post-procedural, Deauville X.
Conclusion: Partial metabolic response to salvage, Deauville 4. Line tract uptake (X) is procedural. Reactive marrow.
""")

hand("us_structured", G(ds=4, up="reduced", new=False, suv=5.5, tp="interim"), """
EXAM: PET/CT, interim (iPET3)
COMPARISON: Baseline PET/CT 2025-06-02.
FINDINGS: Resolving uptake in the left external iliac nodal conglomerate, SUVmax(bw) 5.5 (baseline SUVbw max 16.9), now 2.8 cm. Liver SUVmax 2.9. The previously involved inguinal nodes are normal in size without uptake. No new hypermetabolic lesions.
IMPRESSION: Resolving left external iliac disease, Deauville score 4.
""")

hand("uk_narrative", G(ds=4, up="reduced", new=False, suv=4.1, cat="PMR", tp="end_of_treatment"), """
Clinical details: End of treatment PET. DLBCL involving the right parotid and neck.
Findings: The right parotid mass has improved, with residual low-volume uptake moderately above liver (SUVmax 4.1; liver 2.3). Cervical nodes are no longer avid. No evidence of new disease.
Conclusion: Improved appearances, with residual right parotid uptake scoring 4 (Deauville). Lugano: PMR; at end of treatment this represents residual disease. Biopsy or interval scan at 8-12 weeks suggested.
""")

hand("terse_bullets", G(ds=5, up="unchanged", new=False, suv=13.6, cat="NMR", tp="interim"), """
Interim PET (after 4 cycles R-CHOP)
- Pancreatic head mass 4.8 cm, SUVmax 13.6 (baseline 14.1): stable.
- Peripancreatic LN stable.
- No new foci.
- DS 5.
Impression: NMR. Stable metabolic disease.
""")

hand("us_structured", G(ds=5, up="increased", new=True, et="uncertain", suv=20.8, cat="PMD", tp="interim"), """
CLINICAL HISTORY: DLBCL, stage IV. Interim PET/CT after 2 cycles of R-CHOP. Febrile.
COMPARISON: Baseline 2025-01-28.
FINDINGS:
CHEST: Anterior mediastinal mass increased in uptake, SUVmax 20.8 (previously 14.5), size similar. New bilateral lower lobe nodular opacities with mild to moderate uptake (SUVmax up to 4.4); ? lymphoma vs infection.
ABDOMEN: Unchanged hepatosplenic appearance.
IMPRESSION:
1. Progressive metabolic disease in the anterior mediastinal mass, Deauville 5, with increased uptake.
2. New bilateral pulmonary nodular opacities, indeterminate: lymphoma versus infection. Suggest CT after antimicrobial therapy or bronchoscopy.
""")

hand("uk_narrative", G(ds=3, new=True, et="not_lymphoma", suv=3.8, cat="CMR", tp="end_of_treatment"), """
Clinical details: DLBCL. End-of-treatment PET-CT. Right inguinal core biopsy of a residual node 4 days ago.
Findings: Previously involved right inguinal and external iliac nodes have uptake above mediastinum but not exceeding liver (Deauville 3). New focal uptake in the right groin subcutaneous tissues at the biopsy site (SUVmax 3.8), likely post-biopsy inflammation. No other abnormal uptake.
Conclusion: Complete metabolic response (Deauville 3). Uptake at the biopsy site is likely post-biopsy change.
""")

hand("us_structured", G(ds=4, up="reduced", new=False, suv=5.3), """
EXAM: PET/CT
INDICATION: DLBCL. Compare with prior.
COMPARISON: PET/CT 07/09/2025.
FINDINGS: Left axillary nodes, largest 1.8 cm, SUVmax 5.3 (previously 14.6). Liver SUVmax 2.8. Previously seen subpectoral node no longer avid. No new lesions.
IMPRESSION: Decreased uptake in left axillary nodes, Deauville 4.
""")

hand("uk_narrative", G(ds=4, up="reduced", new=False, suv=4.4, tmtv=14.6, cat="PMR", tp="end_of_treatment"), """
Clinical details: EOT PET. DLBCL stage IIIA.
Findings: Residual FDG-avid disease is confined to two left para-aortic nodes (SUVmax 4.4, liver 2.6), much less avid than at baseline (SUVmax 20.2). Total metabolic tumour volume is 14.6 mL (baseline 356 mL). No new lesions.
Conclusion: Residual para-aortic disease, Deauville 4, with marked reduction in uptake and metabolic volume. Partial metabolic response at end of treatment (residual metabolic disease).
""")

hand("us_structured", G(ds=3, new=False, suv=2.2, cat="CMR", tp="interim"), """
CLINICAL HISTORY: DLBCL, stage IV. Interim PET after 2 cycles of R-CHOP. Baseline TMTV was 520 mL (PET/CT 2025-03-03).
FINDINGS: The previously bulky retroperitoneal mass is now a 3.2 cm residuum with SUVmax 2.2, above blood pool (1.6) but below liver (2.7). No other residual uptake. No new FDG-avid foci.
IMPRESSION: Complete metabolic response, Deauville 3.
""")

hand("all_caps_legacy", G(ds=4, up="reduced", new=False, suv=6.1, cat="PMR", tp="interim"), """
PET/CT INTERIM REPORT
HISTORY: DLBCL STAGE IIIB. INTERIM AFTER 3 CYCLES R-CHOP.
COMPARISON: 10/02/2024 BASELINE.
FINDINGS: LEFT HILAR MASS NOW 3.1 X 2.4 CM (PREVIOUSLY 5.8 X 4.9 CM) WITH DECREASED FDG ACTIVITY, SUV MAX 6.1 (PREVIOUSLY 18.0). LIVER SUV MAX 3.4. PRECARINAL LYMPH NODE NO LONGER HYPERMETABOLIC. NO NEW LESIONS.
IMPRESSION: DECREASED METABOLIC ACTIVITY LEFT HILAR MASS, DEAUVILLE 4. PARTIAL METABOLIC RESPONSE.
""")

hand("us_structured", G(ds=5, up="reduced", new=True, et="lymphoma", suv=9.6, cat="PMD", tp="end_of_treatment"), """
HISTORY: DLBCL. End of treatment PET/CT after 6 cycles of R-CHOP. Productive cough.
COMPARISON: Interim PET/CT 07/01/2025 and baseline 04/22/2025.
FINDINGS:
CHEST: Residual right paratracheal node with decreased uptake, SUVmax 4.0 (interim 6.9), Deauville 4. New right lower lobe consolidation with SUVmax 5.0, likely infective. New 2.0 cm subcarinal node with SUVmax 9.6, suspicious for lymphoma.
ABDOMEN/PELVIS: No hypermetabolic lesions.
IMPRESSION:
1. New FDG-avid subcarinal node, Deauville 5, suspicious for lymphoma: progressive metabolic disease.
2. Residual right paratracheal node, Deauville 4, decreased since interim.
3. Right lower lobe consolidation, likely infective.
""")

hand("uk_narrative", G(ds=4, up="reduced", new=True, et="not_lymphoma", suv=6.9, cat="PMR", tp="interim"), """
Clinical details: Interim PET after 3 cycles of R-CHOP. DLBCL of the stomach. Recent fall.
Findings: Residual gastric antral thickening with uptake moderately above liver (SUVmax 4.9, liver 2.7), much reduced from baseline (SUVmax 17.4): Deauville 4. No new lymphomatous lesions. There is new focal uptake at the right 8th and 9th ribs laterally (SUVmax up to 6.9) corresponding to healing fractures on CT, likely traumatic.
Conclusion: Partial metabolic response at the gastric primary. New rib uptake corresponds to fractures and is not thought to represent lymphoma.
""")

hand("us_structured", G(ds=4, up="reduced", new=False, suv=4.6, cat="PMR", tp="end_of_treatment"), """
CLINICAL HISTORY: End of treatment PET/CT. DLBCL of the right kidney and retroperitoneum.
FINDINGS: Residual right perinephric soft tissue, SUVmax 4.6 (baseline 16.2), above liver (2.4). No new hypermetabolic foci.
IMPRESSION: Findings do not meet criteria for a complete metabolic response. Deauville 4 residual perinephric disease with decreased uptake: partial metabolic response. No evidence of progressive metabolic disease.
""")

hand("us_structured", G(ds=4, up="reduced", new=False, mar="none", suv=5.0, tp="end_of_treatment"), """
CLINICAL HISTORY: DLBCL, completion of R-CHOP x6; end of treatment scan. Patient requests expedited result.
COMPARISON: Interim PET/CT 2025-02-14.
FINDINGS: Residual left supraclavicular node, 1.5 cm, SUVmax 5.0 (interim 8.2), liver 2.9. No other abnormal uptake. No new lesions. No marrow abnormality.
IMPRESSION: Residual left supraclavicular uptake, Deauville 4, decreased since interim. This is not progressive metabolic disease; however, residual disease cannot be excluded and biopsy is recommended.
""")

# ---------------------------------------------------------------------------------------------
# Generated reports. A case is drawn, rendered in one style, and the gold annotation is computed
# from the facts the renderer recorded while writing (class Facts).
# ---------------------------------------------------------------------------------------------
SEED = 20251125

# key: (US name, UK name, region)
SITES = {
    "neck_r2": ("right level II cervical nodes", "right level II cervical nodes", "neck"),
    "neck_l34": ("left level III/IV cervical nodes", "left level III/IV cervical nodes", "neck"),
    "scf_l": ("left supraclavicular node", "left supraclavicular node", "neck"),
    "scf_r": ("right supraclavicular nodal mass", "right supraclavicular nodal mass", "neck"),
    "tonsil_r": ("right tonsillar mass", "right tonsillar mass", "neck"),
    "ant_med": ("anterior mediastinal mass", "anterior mediastinal mass", "chest"),
    "st4r": ("right paratracheal (station 4R) node", "right paratracheal (station 4R) node", "chest"),
    "st7": ("subcarinal (station 7) node", "subcarinal (station 7) node", "chest"),
    "ax_l": ("left axillary nodes", "left axillary nodes", "chest"),
    "ax_r": ("right axillary nodal mass", "right axillary nodal mass", "chest"),
    "hilar_r": ("right hilar node", "right hilar node", "chest"),
    "imn_r": ("right internal mammary node", "right internal mammary node", "chest"),
    "breast_r": ("right breast mass", "right breast mass", "chest"),
    "pa_l": ("left para-aortic nodes", "left para-aortic nodes", "abdomen"),
    "aortocaval": ("aortocaval node", "aortocaval node", "abdomen"),
    "mes": ("mesenteric nodal mass", "mesenteric nodal mass", "abdomen"),
    "porta": ("porta hepatis node", "porta hepatis node", "abdomen"),
    "gastric": ("gastric antral wall thickening", "gastric antral wall thickening", "abdomen"),
    "liver_s4": ("segment 4 liver lesion", "segment 4 liver lesion", "abdomen"),
    "liver_s7": ("segment VII hepatic lesion", "segment VII hepatic lesion", "abdomen"),
    "spleen": ("dominant splenic lesion", "dominant splenic lesion", "abdomen"),
    "panc": ("pancreatic head mass", "pancreatic head mass", "abdomen"),
    "adrenal_l": ("left adrenal mass", "left adrenal mass", "abdomen"),
    "ileo": ("ileocecal mass", "ileocaecal mass", "abdomen"),
    "retrop": ("retroperitoneal nodal conglomerate", "retroperitoneal nodal conglomerate", "abdomen"),
    "eia_r": ("right external iliac nodes", "right external iliac nodes", "pelvis"),
    "cia_l": ("left common iliac node", "left common iliac node", "pelvis"),
    "ing_l": ("left inguinal nodes", "left inguinal nodes", "pelvis"),
}
REGIONS = ("neck", "chest", "abdomen", "pelvis")
REGION_HEAD = {
    "us": {"neck": "HEAD/NECK", "chest": "CHEST", "abdomen": "ABDOMEN", "pelvis": "PELVIS",
           "msk": "MUSCULOSKELETAL"},
    "uk": {"neck": "Neck", "chest": "Thorax", "abdomen": "Abdomen", "pelvis": "Pelvis",
           "msk": "Skeleton"},
}
REGION_NORMAL = {
    "neck": ["No cervical lymphadenopathy.", "Physiologic activity in the Waldeyer ring and salivary glands.",
             "No abnormal uptake in the neck.", "Symmetric physiologic uptake in the vocal cords."],
    "chest": ["No hypermetabolic thoracic lymph nodes.", "Lungs clear.", "No pleural effusion.",
              "No abnormal mediastinal or hilar uptake."],
    "abdomen": ["Liver and spleen are normal in size with physiologic activity.",
                "No abdominal lymphadenopathy.", "Physiologic bowel activity.",
                "Adrenal glands unremarkable."],
    "pelvis": ["No pelvic or inguinal lymphadenopathy.", "Physiologic urinary tract activity.",
               "No abnormal pelvic uptake."],
}
REGION_NORMAL_UK = {
    "neck": ["No cervical lymphadenopathy.", "Physiological activity in Waldeyer's ring.",
             "Nothing of note in the neck."],
    "chest": ["No abnormal thoracic nodal activity.", "The lungs are clear.",
              "No abnormal mediastinal or hilar uptake; the oesophagus shows physiological activity only."],
    "abdomen": ["Normal hepatic and splenic activity.", "No abdominal lymphadenopathy.",
                "Physiological bowel activity."],
    "pelvis": ["No pelvic or inguinal lymphadenopathy.", "Physiological urinary activity."],
}

NEW_FOCI = [
    # (noun phrase as written in the findings, short name for the impression, etiologies, SUV range)
    ("new patchy consolidation in the right lower lobe", "right lower lobe consolidation", ("not_lymphoma:infective",), (3.0, 7.5)),
    ("new consolidation in the left lower lobe", "left lower lobe consolidation", ("not_lymphoma:infective",), (3.0, 6.5)),
    ("new bilateral lower lobe ground-glass opacities", "lower lobe ground-glass change", ("not_lymphoma:pneumonitis",), (2.6, 4.5)),
    ("new uptake along the port catheter tract in the right chest wall", "port tract uptake", ("not_lymphoma:procedural",), (2.5, 4.2)),
    ("new uptake at a healing fracture of the left 7th rib", "left 7th rib uptake", ("not_lymphoma:traumatic",), (3.0, 5.5)),
    ("new symmetrical bilateral hilar and mediastinal nodal uptake", "hilar/mediastinal nodal uptake", ("not_lymphoma:sarcoid",), (4.0, 8.0)),
    ("a new focus of uptake in the sigmoid colon", "sigmoid colon focus", ("not_lymphoma:physiological", "uncertain"), (5.0, 9.5)),
    ("a new 1.1 cm right axillary node", "right axillary node", ("not_lymphoma:reactive", "uncertain"), (2.8, 4.5)),
    ("a new 8 mm right upper lobe pulmonary nodule", "right upper lobe nodule", ("uncertain", "lymphoma"), (2.5, 6.0)),
    ("a new 1.8 cm lesion in liver segment 6", "segment 6 liver lesion", ("lymphoma", "uncertain"), (6.0, 16.0)),
    ("two new splenic lesions", "splenic lesions", ("lymphoma",), (7.0, 15.0)),
    ("new left external iliac nodes up to 2.2 cm", "left external iliac nodes", ("lymphoma",), (8.0, 19.0)),
    ("new peritoneal deposits in the right paracolic gutter", "peritoneal deposits", ("lymphoma",), (6.5, 14.0)),
    ("a new soft-tissue mass in the left kidney", "left renal mass", ("lymphoma",), (9.0, 20.0)),
    ("a new subcutaneous nodule in the left thigh", "left thigh subcutaneous nodule", ("lymphoma", "uncertain"), (5.0, 12.0)),
]
NEW_FOCUS_REGION = {  # region whose "normal" filler sentences must not be written next to the focus
    "right lower lobe consolidation": "chest", "left lower lobe consolidation": "chest",
    "lower lobe ground-glass change": "chest", "port tract uptake": "chest", "left 7th rib uptake": "chest",
    "hilar/mediastinal nodal uptake": "chest", "sigmoid colon focus": "pelvis", "right axillary node": "chest",
    "right upper lobe nodule": "chest", "segment 6 liver lesion": "abdomen", "splenic lesions": "abdomen",
    "left external iliac nodes": "pelvis", "peritoneal deposits": "abdomen", "left renal mass": "abdomen",
    "left thigh subcutaneous nodule": "pelvis",
}
ETIOLOGY_PHRASES = {
    "lymphoma": ["consistent with lymphoma", "in keeping with disease progression",
                 "suspicious for lymphomatous involvement", "compatible with progressive lymphoma",
                 "highly suspicious for lymphoma"],
    "uncertain": ["indeterminate", "equivocal; lymphoma cannot be excluded", "? lymphoma vs infection",
                  "of uncertain significance - cannot exclude lymphoma",
                  "indeterminate, inflammatory versus lymphomatous"],
    "not_lymphoma:infective": ["likely infective", "most likely infective/inflammatory",
                               "in keeping with infection"],
    "not_lymphoma:pneumonitis": ["likely drug-related pneumonitis or infection rather than lymphoma",
                                 "likely inflammatory (pneumonitis)"],
    "not_lymphoma:procedural": ["post-procedural", "likely inflammatory following line insertion"],
    "not_lymphoma:traumatic": ["likely traumatic", "corresponding to a healing fracture"],
    "not_lymphoma:sarcoid": ["likely a sarcoid-like reaction", "favoured to be a sarcoid-like reaction"],
    "not_lymphoma:physiological": ["likely physiological", "probably physiological bowel activity"],
    "not_lymphoma:reactive": ["likely reactive", "probably reactive following recent vaccination"],
}
X_PHRASES = ["Deauville X", "DS X", "score X", "5PS X", "Deauville score X"]

MARROW_SITES = ["L4 vertebral body", "right iliac crest", "sternum", "T10 vertebral body",
                "left proximal femur", "left iliac blade", "L2 vertebral body"]

NEG_NEW_US = ["No new lesions.", "No new FDG-avid foci.", "No evidence of new disease.",
              "No new hypermetabolic lesions.", "No new sites of disease are identified.",
              "No new areas of abnormal uptake."]
NEG_NEW_UK = ["No new lesions.", "No new FDG-avid foci.", "No evidence of new disease.",
              "No new sites of disease.", "There are no new areas of abnormal FDG uptake."]
NEG_NEW_TERSE = ["No new lesions", "No new FDG-avid foci", "Nil new", "No new sites"]

CHANGE_WORDS = {
    "reduced": ["with reduced FDG uptake", "less avid than at baseline", "with decreased uptake",
                "with a marked reduction in metabolic activity", "with considerably less intense uptake",
                "with diminished FDG avidity", "with improved (reduced) uptake",
                "with resolving uptake", "with uptake decreased from baseline"],
    "unchanged": ["with uptake unchanged from baseline", "with stable uptake intensity",
                  "with persistent uptake of similar intensity", "with essentially unchanged FDG avidity",
                  "without significant change in uptake", "with no significant change in metabolic activity"],
    "increased": ["with increased FDG uptake", "more avid than previously", "with progressive uptake",
                  "with increased metabolic activity", "with intensified uptake"],
}
CHANGE_WORDS_TERSE = {"reduced": ["less avid", "uptake reduced", "improved"],
                      "unchanged": ["stable", "uptake unchanged", "similar intensity"],
                      "increased": ["more avid", "uptake increased", "progressive uptake"]}

NOCHANGE_CMR = {
    1: ["with no uptake above background", "no longer FDG-avid", "without residual uptake"],
    2: ["with uptake below the mediastinal blood pool", "with uptake not exceeding mediastinal blood pool",
        "with faint uptake at or below blood pool"],
    3: ["with low-grade uptake above blood pool but not exceeding liver",
        "with uptake slightly above mediastinum and below liver", "with mild uptake less than liver"],
}
DS_FMT = ["Deauville {d}", "DS {d}", "DS{d}", "Deauville score {d}", "5-PS {d}", "5PS {d}",
          "Deauville 5-point scale: {d}", "score {d} on the five-point scale"]

CAT_PHRASES = {
    "CMR": ["Complete metabolic response.", "Findings consistent with complete metabolic response (CMR).",
            "Lugano: complete metabolic response.", "In keeping with a complete metabolic response.", "CMR."],
    "PMR": ["Partial metabolic response.", "Lugano: partial metabolic response (PMR).",
            "In keeping with a partial metabolic response.", "PMR."],
    "NMR": ["No metabolic response (NMR).", "Stable metabolic disease.",
            "Lugano: no metabolic response / stable metabolic disease.", "NMR."],
    "PMD": ["Progressive metabolic disease.", "Lugano: progressive metabolic disease (PMD).",
            "Findings represent progressive metabolic disease.", "PMD."],
}
TP_PHRASES = {
    "baseline": ["Initial staging of newly diagnosed DLBCL.", "Pre-treatment staging PET-CT.",
                 "New diagnosis of DLBCL; staging prior to R-CHOP.", "Baseline staging, biopsy-proven DLBCL."],
    "interim": ["Interim PET after {k} cycles of {reg}.", "iPET{k}: interim assessment after cycle {k} of {reg}.",
                "Mid-treatment assessment after {k} cycles of {reg}.",
                "Interim response assessment following {k} cycles of {reg}."],
    "end_of_treatment": ["End of treatment PET following 6 cycles of {reg}.",
                         "EOT assessment after 6 cycles of {reg}.",
                         "Post-treatment restaging; completion of {reg} x6 four weeks ago.",
                         "Response assessment at completion of {reg} (6 cycles + 2 rituximab).",
                         "Post-treatment PET-CT after 6 cycles of {reg}."],
    "post_salvage": ["Relapsed DLBCL; PET after salvage {sal} x{k}.",
                     "Post {sal} x{k}; pre-ASCT assessment.",
                     "Response assessment after salvage chemotherapy ({sal}, {k} cycles).",
                     "Refractory DLBCL, restaging after {k} cycles of salvage {sal}."],
    "relapse_or_follow_up": ["Surveillance; DLBCL in remission since {yr}.",
                             "Follow-up PET, {m} months after end of treatment.",
                             "Suspected relapse: new B symptoms.",
                             "Routine surveillance scan, {m} months post-therapy.",
                             "Clinical suspicion of relapse (rising LDH)."],
    None: ["Known DLBCL. Comparison with prior.", "DLBCL. Restaging.", "Lymphoma - please assess.",
           "DLBCL; compare with previous PET."],
}
REGIMENS = ["R-CHOP", "R-CHOP", "R-CHOP", "Pola-R-CHP", "R-mini-CHOP"]
SALVAGE = ["R-ICE", "R-DHAP", "R-GDP", "R-GemOx", "R-DHAX"]


class Facts:
    """What the renderer actually wrote; the gold annotation is computed from it."""

    def __init__(self):
        self.ds, self.x, self.changes, self.new = [], False, [], []
        self.neg_new, self.marrow, self.suv, self.tmtv = False, None, [], None
        self.cat, self.tp = None, None

    def gold(self):
        worst = None
        for w in ("increased", "unchanged", "reduced"):
            if w in self.changes:
                worst = w
                break
        etiology = None
        for e in ("lymphoma", "uncertain", "not_lymphoma"):
            if e in self.new:
                etiology = e
                break
        new = True if self.new else (False if self.neg_new else None)
        return G(ds=max(self.ds) if self.ds else None, x=self.x, up=worst, new=new, et=etiology,
                 mar=self.marrow, suv=max(self.suv) if self.suv else None, tmtv=self.tmtv,
                 cat=self.cat, tp=self.tp)


def f1(v):
    return f"{v:.1f}"


class Case:
    pass


def suv_for_ds(rng, ds, liver, mbp):
    if ds == 1:
        return round(rng.uniform(0.8, max(0.9, mbp - 0.6)), 1)
    if ds == 2:
        return round(rng.uniform(max(0.9, mbp - 0.5), mbp - 0.1), 1)
    if ds == 3:
        return round(rng.uniform(mbp + 0.2, liver - 0.1), 1)
    if ds == 4:
        return round(rng.uniform(liver * 1.3, liver * 1.9), 1)
    return round(rng.uniform(liver * 2.4, liver * 6.0), 1)


def prev_for(rng, cur, change):
    """Previous SUVmax for a given current value and intended direction (kept far from 25%)."""
    if change == "reduced":
        p = round(rng.uniform(max(cur / 0.55, 7.5), max(cur / 0.55, 7.5) + 14), 1)
        assert (p - cur) / p >= 0.35
    elif change == "unchanged":
        while True:
            p = round(cur * rng.uniform(0.92, 1.10), 1)
            if p != cur and abs(cur - p) / p < 0.12 and abs(cur - p) / cur < 0.12:
                break
    else:
        p = round(cur / rng.uniform(1.45, 2.1), 1)
        assert (cur - p) / p >= 0.35
    return p


def size_pair(rng, change):
    prev = round(rng.uniform(2.2, 8.5), 1)
    if change == "reduced":
        cur = round(prev * rng.uniform(0.25, 0.7), 1)
    elif change == "unchanged":
        cur = round(prev * rng.uniform(0.85, 1.02), 1)
    else:
        cur = round(prev * rng.uniform(1.0, 1.4), 1)
    cur = max(cur, 0.6)
    short = lambda v: round(v * rng.uniform(0.55, 0.85), 1)
    return (cur, short(cur)), (prev, short(prev))


def fmt_size(rng, s):
    a, b = s
    r = rng.random()
    if r < 0.45:
        return f"{a} x {b} cm"
    if r < 0.8 or a >= 2.0:
        return f"{a} cm"
    return f"{int(round(a * 10))} mm"


def make_case(rng, scenario):
    c = Case()
    c.scenario = scenario
    c.liver = round(rng.uniform(2.0, 3.0), 1)
    c.mbp = round(rng.uniform(1.4, min(2.0, c.liver - 0.5)), 1)
    c.sites, c.new, c.marrow, c.tmtv, c.x = [], [], None, None, False
    c.neg_new = False
    c.state_cat = rng.random() < 0.65
    keys = rng.sample(sorted(SITES), rng.choice([1, 1, 2, 2, 3]))

    def site(key, ds, change):
        s = Case()
        s.key, s.ds, s.change = key, ds, change
        s.cur = suv_for_ds(rng, ds, c.liver, c.mbp)
        s.prev = prev_for(rng, s.cur, change) if change else None
        s.size, s.psize = size_pair(rng, change or "reduced")
        return s

    if scenario == "baseline":
        c.tp = "baseline"
        for k in keys + rng.sample(sorted(set(SITES) - set(keys)), rng.choice([0, 1])):
            s = Case()
            s.key, s.ds, s.change = k, None, None
            s.cur = round(rng.uniform(6.0, 32.0), 1)
            s.prev = None
            s.size = (round(rng.uniform(1.5, 11.0 if SITES[k][2] == "abdomen" else 6.5), 1), 0)
            s.size = (s.size[0], round(s.size[0] * rng.uniform(0.6, 0.85), 1))
            s.psize = None
            c.sites.append(s)
        c.tmtv = rng.choice([None, None, round(rng.uniform(40, 900))])
        c.marrow = rng.choice([None, "none", "none", "diffuse_reactive"])
        c.state_cat = False
        return c
    if scenario == "surv":
        c.tp = "relapse_or_follow_up"
        c.surv_kind = rng.choice(["neg", "neg", "neg_ds", "x", "uncertain", "neg_ds"])
        c.state_cat = c.surv_kind in ("neg_ds",) and rng.random() < 0.5
        if c.surv_kind == "x":
            c.new.append(new_focus(rng, want="not_lymphoma", x=True))
            c.x = True
        elif c.surv_kind == "uncertain":
            c.new.append(new_focus(rng, want="uncertain"))
        else:
            c.neg_new = True
        c.marrow = rng.choice([None, None, "none"])
        return c

    tps = {"cmr": ["interim", "interim", "end_of_treatment", "end_of_treatment", "post_salvage", None],
           "pmr": ["interim", "interim", "end_of_treatment", "end_of_treatment", "post_salvage", None],
           "nmr": ["interim", "interim", "end_of_treatment", "end_of_treatment", "post_salvage"],
           "pmd": ["interim", "end_of_treatment", "post_salvage", "relapse_or_follow_up", "interim"]}
    c.tp = rng.choice(tps[scenario])
    if scenario == "cmr":
        top = rng.choice([1, 2, 2, 3, 3, 3])
        c.mode = rng.choice(["none", "none", "words", "suv"])
        for i, k in enumerate(keys):
            ds = top if i == 0 else rng.randint(1, top)
            c.sites.append(site(k, ds, "reduced"))
        r = rng.random()
        if r < 0.55:
            c.neg_new = True
        elif r < 0.7:
            pass
        elif r < 0.88:
            c.new.append(new_focus(rng, want="not_lymphoma", x=True))
            c.x = True
        else:
            c.new.append(new_focus(rng, want="uncertain"))
        c.marrow = rng.choice([None, None, "none", "diffuse_reactive"])
        c.cat = "CMR"
    elif scenario == "pmr":
        top = rng.choice([4, 4, 4, 5, 5])
        c.mode = rng.choice(["words", "suv", "both", "pct", "suv", "words"])
        for i, k in enumerate(keys):
            ds = top if i == 0 else rng.randint(2, top)
            c.sites.append(site(k, ds, "reduced"))
        r = rng.random()
        if r < 0.68:
            c.neg_new = True
        elif r < 0.76:
            pass
        elif r < 0.95:
            c.new.append(new_focus(rng, want="not_lymphoma", x=rng.random() < 0.5))
            c.x = c.new[-1]["x"]
        else:
            c.new.append(new_focus(rng, want="uncertain"))
        c.marrow = rng.choice([None, None, "none", "diffuse_reactive", "focal_residual_reduced"])
        c.cat = "PMR"
        if rng.random() < 0.2:
            c.tmtv = round(rng.uniform(4, 150), 1)
    elif scenario == "nmr":
        top = rng.choice([4, 5, 5])
        c.mode = rng.choice(["words", "suv", "both", "suv"])
        for i, k in enumerate(keys):
            if i == 0:
                c.sites.append(site(k, top, "unchanged"))
            else:
                ds = rng.randint(2, top)
                c.sites.append(site(k, ds, rng.choice(["reduced", "unchanged"]) if ds >= 3 else "reduced"))
        r = rng.random()
        if r < 0.7:
            c.neg_new = True
        elif r < 0.82:
            pass
        else:
            c.new.append(new_focus(rng, want="not_lymphoma", x=True))
            c.x = True
        c.marrow = rng.choice([None, None, "none", "diffuse_reactive", "unchanged"])
        c.cat = "NMR"
    elif scenario == "pmd":
        kind = rng.choice(["increased", "new_lym", "both", "marrow", "increased", "new_lym"])
        if c.tp == "relapse_or_follow_up":
            kind = "relapse"
        c.pmd_kind = kind
        c.mode = rng.choice(["words", "suv", "both"])
        if kind in ("increased", "both"):
            for i, k in enumerate(keys):
                if i == 0:
                    c.sites.append(site(k, 5, "increased"))
                else:
                    c.sites.append(site(k, rng.choice([4, 5]), rng.choice(["increased", "unchanged"])))
        elif kind in ("new_lym", "marrow"):
            for i, k in enumerate(keys[:2]):
                c.sites.append(site(k, rng.choice([2, 3, 3, 4]), "reduced"))
        if kind in ("new_lym", "both", "relapse"):
            for _ in range(rng.choice([1, 1, 2])):
                f = new_focus(rng, want="lymphoma", liver=c.liver)
                if all(f["text"] != g["text"] for g in c.new):
                    c.new.append(f)
        if kind == "marrow":
            c.marrow = "new_or_recurrent_focal"
        else:
            c.marrow = rng.choice([None, None, "none", "diffuse_reactive"])
        if kind == "increased" or (kind == "relapse" and rng.random() < 0.3):
            c.neg_new = rng.random() < 0.6 and not c.new
        c.cat = "PMD"
    return c


def new_focus(rng, want, x=False, liver=2.5):
    while True:
        text, short, ets, rng_suv = rng.choice(NEW_FOCI)
        ok = [e for e in ets if e.split(":")[0] == want]
        if ok:
            break
    et = rng.choice(ok)
    suv = round(rng.uniform(*rng_suv), 1)
    if et == "lymphoma":  # may be scored 5 in the text: keep it markedly above liver
        suv = max(suv, round(liver * 2.6, 1))
    return {"text": text, "short": short, "et": et.split(":")[0], "et_key": et, "x": x and want == "not_lymphoma",
            "suv": suv, "show_suv": rng.random() < 0.75}


def tp_sentence(rng, tp):
    t = rng.choice(TP_PHRASES[tp])
    return t.format(k=rng.choice([2, 3, 4]) if tp == "interim" else rng.choice([2, 3]),
                    reg=rng.choice(REGIMENS), sal=rng.choice(SALVAGE), yr=rng.choice([2021, 2022, 2023]),
                    m=rng.choice([6, 12, 18, 24]))


class Renderer:
    def __init__(self, rng, case, style):
        self.rng, self.c, self.style, self.f = rng, case, style, Facts()
        self.uk = style == "uk_narrative"
        self.terse = style == "terse_bullets"

    # -- small pieces ------------------------------------------------------------------------
    def name(self, s, cap=False):
        us, uk, _ = SITES[s.key]
        n = uk if self.uk else us
        return n[0].upper() + n[1:] if cap else n

    def ds_txt(self, d):
        self.f.ds.append(d)
        if d == 2 and self.rng.random() < 0.25:
            return "score of 2 (<= mediastinum)"
        return self.rng.choice(DS_FMT).format(d=d)

    def cur_suv(self, v):
        self.f.suv.append(v)
        return self.rng.choice(["SUVmax {c}", "SUV max {c}", "SUVmax {c}", "SUVmax(bw) {c}", "max SUV {c}"]).format(c=f1(v))

    def pair(self, cur, prev):
        self.f.suv.append(cur)
        return self.rng.choice([
            "SUVmax {c} (previously {p})", "SUVmax {c}, previously {p}", "SUV max now {c} vs {p} at baseline",
            "SUVmax {p} -> {c}", "SUVmax {c}; baseline {p}", "SUVmax of {c} compared with {p} on the prior study",
        ]).format(c=f1(cur), p=f1(prev))

    def change_clause(self, s):
        """Uptake description for a previously involved site; records stated changes."""
        c, rng = self.c, self.rng
        if s.change is None:
            return self.cur_suv(s.cur)
        mode = c.mode
        if c.scenario == "cmr" and mode == "none":
            ph = rng.choice(NOCHANGE_CMR[s.ds])
            if s.ds > 1 and rng.random() < 0.6:
                ph += f" ({self.cur_suv(s.cur)})"
            return ph
        words = rng.choice(CHANGE_WORDS_TERSE[s.change] if self.terse else CHANGE_WORDS[s.change])
        if mode == "words":
            self.f.changes.append(s.change)
            if s.ds == 1:
                return words
            return f"{words} ({self.cur_suv(s.cur)})" if rng.random() < 0.7 else words
        if mode == "suv":
            self.f.changes.append(s.change)
            return self.pair(s.cur, s.prev)
        if mode == "both":
            self.f.changes.append(s.change)
            return f"{words}, {self.pair(s.cur, s.prev)}"
        if mode == "pct":
            self.f.changes.append(s.change)
            pct = round((s.prev - s.cur) / s.prev * 100)
            sv = self.cur_suv(s.cur)
            return rng.choice([f"{sv}, a {pct}% reduction in SUVmax from baseline",
                               f"{sv} ({pct}% reduction vs baseline)", f"{sv}; delta SUVmax -{pct}%"])
        raise ValueError(mode)

    def size_clause(self, s):
        rng = self.rng
        cur = fmt_size(rng, s.size)
        plural = SITES[s.key][0].endswith("nodes")
        verb, aux, be = ("measure", "have", "are") if plural else ("measures", "has", "is")
        if s.psize is None:
            return rng.choice([f"{verb} {cur}", f"measuring {cur}"])
        if rng.random() < 0.3:
            return rng.choice([f"{verb} {cur}", f"measuring {cur}", f"now {cur}"])
        prev = fmt_size(rng, s.psize)
        if s.size[0] < s.psize[0] * 0.9:
            return rng.choice([f"{aux} decreased to {cur} from {prev}", f"{verb} {cur} (previously {prev})",
                               f"now {cur} (was {prev})"])
        if s.size[0] > s.psize[0] * 1.1:
            return rng.choice([f"{aux} enlarged to {cur} from {prev}", f"{verb} {cur} (previously {prev})"])
        return rng.choice([f"{be} similar in size at {cur} (previously {prev})", f"{verb} {cur} (previously {prev})"])

    def site_sentence(self, s, show_ds):
        rng = self.rng
        ds = ""
        if show_ds and s.ds is not None:
            ds = rng.choice([", {}", " ({})", "; {}"]).format(self.ds_txt(s.ds))
        if self.terse:
            return f"{self.name(s, True)} {fmt_size(rng, s.size)}, {self.change_clause(s)}{ds}"
        if rng.random() < 0.5:
            return f"The {self.name(s)} {self.size_clause(s)}, {self.change_clause(s)}{ds}."
        return f"{self.name(s, True)}: {fmt_size(rng, s.size)}, {self.change_clause(s)}{ds}."

    def new_sentence(self, n):
        rng = self.rng
        et = rng.choice(ETIOLOGY_PHRASES[n["et_key"]])
        suv = f" ({self.cur_suv(n['suv'])})" if n["show_suv"] else ""
        self.f.new.append(n["et"])
        xs = ""
        if n["x"]:
            self.f.x = True
            xs = rng.choice([", {}", " - {}", "; {}"]).format(rng.choice(X_PHRASES))
        ds5 = ""
        if n["et"] == "lymphoma" and rng.random() < 0.5:
            ds5 = ", " + self.ds_txt(5)
        np_ = n["text"][0].upper() + n["text"][1:]
        if self.terse:
            return f"{np_}{suv}{xs}{ds5}, {et}"
        return rng.choice([f"Note is made of {n['text']}{suv}{ds5}{xs}, {et}.",
                           f"{np_}{suv}{ds5}{xs}, {et}.",
                           f"{np_}{suv}{xs}{ds5}; {et}."])

    def neg_new(self):
        self.f.neg_new = True
        pool = NEG_NEW_TERSE if self.terse else (NEG_NEW_UK if self.uk else NEG_NEW_US)
        return self.rng.choice(pool)

    def marrow_sentence(self):
        c, rng = self.c, self.rng
        m = c.marrow
        if m is None:
            return None
        self.f.marrow = m
        if m == "none":
            return rng.choice(["No focal marrow uptake.", "Bone marrow uptake is normal.",
                               "No FDG-avid osseous or marrow lesions.", "Normal marrow activity.",
                               "No focal skeletal or marrow uptake."])
        if m == "diffuse_reactive":
            return rng.choice(["Diffuse homogeneous marrow uptake, consistent with G-CSF effect.",
                               "Diffusely increased marrow activity in keeping with reactive post-chemotherapy change.",
                               "Homogeneous increase in marrow FDG uptake, attributed to recent pegfilgrastim.",
                               "Diffuse reactive marrow uptake (growth factor)."])
        site = rng.choice(MARROW_SITES)
        if m == "focal_residual_reduced":
            cur = round(rng.uniform(3.2, 6.0), 1)
            prev = round(cur * rng.uniform(2.0, 3.5), 1)
            self.f.changes.append("reduced")
            pr = self.pair(cur, prev)
            return rng.choice([f"Persistent focal marrow uptake in the {site}, less intense than at baseline ({pr}).",
                               f"Residual focal uptake in the {site} marrow, reduced compared with baseline ({pr})."])
        if m == "unchanged":
            cur = round(rng.uniform(4.0, 9.0), 1)
            prev = prev_for(rng, cur, "unchanged")
            self.f.changes.append("unchanged")
            return f"Focal marrow uptake in the {site} is unchanged from baseline ({self.pair(cur, prev)})."
        if m == "new_or_recurrent_focal":
            site2 = rng.choice([s for s in MARROW_SITES if s != site])
            self.f.new.append("lymphoma")
            sv = self.cur_suv(round(rng.uniform(6, 14), 1))
            return rng.choice([f"New focal marrow lesions in the {site} and {site2} ({sv}), consistent with marrow involvement by lymphoma.",
                               f"New focal skeletal uptake in the {site} and {site2}, {sv}, in keeping with lymphomatous marrow infiltration."])
        raise ValueError(m)

    def reference(self):
        c, rng = self.c, self.rng
        return rng.choice([f"Liver SUVmax {f1(c.liver)}; mediastinal blood pool SUVmax {f1(c.mbp)}.",
                           f"Liver {f1(c.liver)} (SUVmax), MBP {f1(c.mbp)}.",
                           f"Normal liver SUVmax measured at {f1(c.liver)}.",
                           f"Liver background SUVmax {f1(c.liver)}, blood pool {f1(c.mbp)}."])

    def cat_sentence(self):
        c = self.c
        if not c.state_cat or getattr(c, "cat", None) is None:
            return None
        self.f.cat = c.cat
        s = self.rng.choice(CAT_PHRASES[c.cat])
        if c.cat == "PMR" and c.tp == "end_of_treatment" and self.rng.random() < 0.5:
            s = s.rstrip(".") + " (residual metabolic disease at end of treatment)."
        return s

    def tp_text(self):
        self.f.tp = self.c.tp
        return tp_sentence(self.rng, self.c.tp)

    def tmtv_text(self):
        c = self.c
        if c.tmtv is None:
            return None
        self.f.tmtv = float(c.tmtv)
        return self.rng.choice([f"TMTV {c.tmtv} mL.", f"Total metabolic tumour volume {c.tmtv} cm3.",
                                f"MTV (41% SUVmax) {c.tmtv} ml.", f"Total metabolic tumor volume: {c.tmtv} cc."])

    def hottest(self):
        """Site named in the impression: the one that drives the category, else the hottest."""
        c = self.c
        if not c.sites:
            return None
        if c.scenario == "nmr" or (c.scenario == "pmd" and c.pmd_kind in ("increased", "both")):
            return c.sites[0]  # highest DS by construction, and the unchanged/increased site
        return max(c.sites, key=lambda s: (s.ds or 0, s.cur))

    # -- whole reports ----------------------------------------------------------------------
    def impression_lines(self, findings_had_ds):
        """Impression: hottest DS always stated (unless baseline), category, new lesions, marrow."""
        c, rng = self.c, self.rng
        out = []
        h = self.hottest()
        if c.scenario == "baseline":
            stage = rng.choice(["stage II", "stage III", "stage IV", "stage II bulky", "stage IIIA"])
            out.append(f"FDG-avid lymphoma, {stage} (Lugano). Baseline for response assessment.")
            return out
        if c.scenario == "surv":
            if c.surv_kind == "neg_ds":
                out.append(f"No FDG-avid lymphoma ({self.ds_txt(1)}).")
            elif c.surv_kind == "uncertain":
                out.append("No definite evidence of recurrent lymphoma.")
            else:
                out.append("No evidence of recurrent lymphoma.")
        if h is not None and c.scenario != "surv":
            verb = {"reduced": "decreased", "unchanged": "unchanged", "increased": "increased"}
            if c.scenario == "cmr" or c.mode not in ("words", "both") or findings_had_ds:
                out.append(f"{self.name(h, True)}: {self.ds_txt(h.ds)}.")
            else:
                # repeats the direction already written in the findings (same value)
                out.append(f"{self.name(h, True)}, {self.ds_txt(h.ds)}, uptake {verb[h.change]} compared with baseline.")
                self.f.changes.append(h.change)
            others = [s for s in c.sites if s is not h and s.ds is not None]
            if others and rng.random() < 0.5:
                out.append("Other previously involved sites: " + ", ".join(
                    f"{self.name(s)} {self.ds_txt(s.ds)}" for s in others) + ".")
        for n in c.new:  # already recorded in the findings; repeated in words only
            et = rng.choice(ETIOLOGY_PHRASES[n["et_key"]])
            xs = " (X)" if n["x"] else ""
            out.append(f"New {n['short']}{xs}, {et}.")
        if c.marrow == "new_or_recurrent_focal":
            out.append("New focal marrow lesions, in keeping with lymphoma.")
        return out

    def render(self):
        st = self.style
        if st == "terse_bullets":
            return self.render_terse()
        if st == "uk_narrative":
            return self.render_uk()
        return self.render_us(impression_only=(st == "us_impression_only"), detailed=(st == "detailed_multiregion"))

    def new_block(self):
        out = [self.new_sentence(n) for n in self.c.new]
        if self.c.neg_new:
            out.append(self.neg_new())
        return out

    def render_us(self, impression_only, detailed):
        c, rng = self.c, self.rng
        L = []
        L.append(rng.choice(["EXAM: FDG PET/CT", "EXAM: PET/CT skull base to mid-thigh", "PROCEDURE: F-18 FDG PET/CT",
                             "EXAMINATION: Whole-body FDG PET/CT"]))
        L.append("CLINICAL HISTORY: " + self.tp_text())
        if detailed:
            L.append(f"TECHNIQUE: {round(rng.uniform(8.5, 13.0), 1)} mCi F-18 FDG IV; uptake time {rng.randint(55, 75)} minutes; "
                     f"blood glucose {rng.randint(78, 132)} mg/dL. Low-dose CT for attenuation correction.")
        if c.scenario != "baseline":
            L.append(f"COMPARISON: PET/CT {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.choice([2024, 2025])}.")
        if rng.random() < 0.7 or c.scenario == "baseline":
            L.append("REFERENCE: " + self.reference())
        L.append("FINDINGS:")
        show_ds = (not impression_only) and rng.random() < 0.55
        by_region = collections.defaultdict(list)
        for s in c.sites:
            by_region[SITES[s.key][2]].append(self.site_sentence(s, show_ds))
        new_lines = self.new_block()
        marrow = self.marrow_sentence()
        busy = {NEW_FOCUS_REGION[n["short"]] for n in c.new}
        for r in REGIONS:
            lines = by_region.get(r, [])
            if not lines and r not in busy and (detailed or rng.random() < 0.5):
                lines = rng.sample(REGION_NORMAL[r], 2 if detailed else 1)
            if lines:
                L.append(f"{REGION_HEAD['us'][r]}: " + " ".join(lines))
        if c.scenario == "surv":
            L.append("No hypermetabolic lymphadenopathy. Liver and spleen unremarkable." if not c.new
                     else "The previously treated sites show no abnormal uptake.")
        if new_lines:
            L.append(("OTHER: " if rng.random() < 0.5 else "") + " ".join(new_lines))
        if marrow or detailed:
            L.append(f"{REGION_HEAD['us']['msk']}: " + (marrow or "Degenerative changes of the spine."))
        t = self.tmtv_text()
        if t:
            L.append("QUANTITATIVE: " + t)
        L.append("IMPRESSION:")
        imp = self.impression_lines(show_ds)
        cat = self.cat_sentence()
        if cat:
            imp.insert(0, cat) if rng.random() < 0.5 else imp.append(cat)
        for i, line in enumerate(imp, 1):
            L.append(f"{i}. {line}")
        return "\n".join(L)

    def render_uk(self):
        c, rng = self.c, self.rng
        L = []
        L.append(rng.choice(["Clinical details: ", "Indication: ", "Clinical information: "]) + self.tp_text())
        if c.scenario != "baseline":
            L.append(rng.choice(["Comparison is made with the PET-CT of {d}.", "Compared with {d}.",
                                 "Prior study: {d}."]).format(d=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice([2024, 2025])}"))
        body = []
        show_ds = rng.random() < 0.5
        for s in c.sites:
            body.append(self.site_sentence(s, show_ds))
        if rng.random() < 0.6 or c.scenario == "baseline":
            body.append(self.reference())
        busy = {NEW_FOCUS_REGION[n["short"]] for n in c.new}
        for r in rng.sample(REGIONS, 2):
            if not any(SITES[s.key][2] == r for s in c.sites) and r not in busy:
                body.append(rng.choice(REGION_NORMAL_UK[r]))
        if c.scenario == "surv":
            body.append("No abnormal nodal or extranodal activity." if not c.new
                        else "No abnormal activity at the previously treated sites.")
        body += self.new_block()
        m = self.marrow_sentence()
        if m:
            body.append(m)
        t = self.tmtv_text()
        if t:
            body.append(t)
        L.append("Findings: " + " ".join(body))
        concl = self.impression_lines(show_ds)
        cat = self.cat_sentence()
        if cat:
            concl.append(cat)
        L.append(rng.choice(["Conclusion: ", "Opinion: ", "Summary: "]) + " ".join(concl))
        return "\n".join(L)

    def render_terse(self):
        c, rng = self.c, self.rng
        L = [rng.choice(["PET-CT - ", "FDG PET: ", ""]) + self.tp_text()]
        show_ds = rng.random() < 0.7
        for s in c.sites:
            L.append("- " + self.site_sentence(s, show_ds))
        if c.scenario == "surv":
            L.append("- No FDG-avid nodes or extranodal disease" if not c.new else "- Treated sites quiet")
        for n in self.new_block():
            L.append("- " + n.rstrip("."))
        m = self.marrow_sentence()
        if m:
            L.append("- BM: " + m[0].lower() + m[1:].rstrip("."))
        t = self.tmtv_text()
        if t:
            L.append("- " + t.rstrip("."))
        if rng.random() < 0.5 and c.scenario != "baseline":
            L.append("- Ref: " + self.reference().rstrip("."))
        imp = self.impression_lines(show_ds)
        cat = self.cat_sentence()
        if cat:
            imp.append(cat)
        L.append("IMP: " + " ".join(imp))
        return "\n".join(L)


GEN_PLAN = (["cmr"] * 27 + ["pmr"] * 25 + ["nmr"] * 17 + ["pmd"] * 20 + ["baseline"] * 10 + ["surv"] * 11)
STYLES = ["us_structured", "uk_narrative", "terse_bullets", "us_impression_only", "detailed_multiregion"]


def generated():
    rng = random.Random(SEED)
    plan = GEN_PLAN[:]
    rng.shuffle(plan)
    out = []
    for i, scenario in enumerate(plan):
        style = STYLES[(i + rng.randint(0, 4)) % len(STYLES)]
        case = make_case(rng, scenario)
        r = Renderer(rng, case, style)
        text = r.render()
        out.append({"style": style + "/gen", "text": text, "gold": r.f.gold()})
    return out


# ---------------------------------------------------------------------------------------------
# Assembly, validation, summary
# ---------------------------------------------------------------------------------------------
DS_WORD = r"(?:deauville(?:\s+score)?|ds|5-?ps|score|five-point scale|5-point scale)"
X_RE = re.compile(r"(?:deauville(?:\s+score)?|\bds|5-?ps|score)\s*(?:of\s*)?x\b|\(x\)", re.I)
NEG_NEW_RE = re.compile(r"\bno new\b|\bwithout new\b|\bnil new\b|no evidence of new", re.I)
CAT_RE = {
    "CMR": re.compile(r"complete metabolic response|\bCMR\b", re.I),
    "PMR": re.compile(r"partial metabolic response|\bPMR\b", re.I),
    "NMR": re.compile(r"no metabolic response|stable metabolic disease|\bNMR\b", re.I),
    "PMD": re.compile(r"progressive metabolic disease|\bPMD\b", re.I),
}


def num_in_text(v, text):
    forms = {f"{v:.1f}", f"{v:g}"}
    if float(v).is_integer():
        forms.add(str(int(v)))
    return any(re.search(r"(?<![\d.])" + re.escape(f) + r"(?![\d])", text) for f in forms)


def validate(records):
    problems = []
    ids = set()
    for r in records:
        rid, g, t = r["id"], r["gold"], r["text"]
        if rid in ids:
            problems.append(f"{rid}: duplicate id")
        ids.add(rid)
        if set(r) != {"id", "style", "text", "gold"}:
            problems.append(f"{rid}: top-level keys {sorted(r)}")
        if tuple(g) != GOLD_KEYS:
            problems.append(f"{rid}: gold keys {list(g)}")
        for k, allowed in ENUMS.items():
            if g[k] not in allowed:
                problems.append(f"{rid}: {k}={g[k]!r}")
        if g["deauville"] is not None and g["deauville"] not in (1, 2, 3, 4, 5):
            problems.append(f"{rid}: deauville={g['deauville']!r}")
        if not isinstance(g["deauville_x"], bool) or not isinstance(g["ambiguous"], bool):
            problems.append(f"{rid}: boolean fields")
        if (g["new_lesions"] is True) != (g["new_lesion_etiology"] is not None):
            problems.append(f"{rid}: etiology must be set exactly when new_lesions is true")
        for k in ("suv_max", "tmtv_ml"):
            if g[k] is not None and not (isinstance(g[k], float) and num_in_text(g[k], t)):
                problems.append(f"{rid}: {k}={g[k]} not found in text")
        if g["deauville_x"] != bool(X_RE.search(t)):
            problems.append(f"{rid}: deauville_x={g['deauville_x']} but X pattern search says otherwise")
        if g["deauville"] is not None:
            d = g["deauville"]
            pat = re.compile(DS_WORD + r"[\s:]*(?:of\s*)?(?:[1-5]\s*(?:-|–|/|or|to|versus|vs)\s*)?" + str(d)
                             + r"\b|\bDS" + str(d) + r"\b|score of " + str(d)
                             + r"|scor(?:es|ing) " + str(d) + r"\b|5-PS " + str(d), re.I)
            if not pat.search(t):
                problems.append(f"{rid}: deauville {d} not found next to a score word")
        if g["new_lesions"] is False and not NEG_NEW_RE.search(t):
            problems.append(f"{rid}: new_lesions false without a negation phrase")
        if g["category"] is not None and not CAT_RE[g["category"]].search(t):
            problems.append(f"{rid}: category {g['category']} phrase not found")
        if g["ambiguous"] and g["deauville"] is not None and g["uptake"] is not None:
            problems.append(f"{rid}: ambiguous but both deauville and uptake set")
    return problems


REVISIONS = HERE / "gold_revisions.json"  # gold changed by the second set of contract clarifications


def build():
    gen = generated()
    records = []
    for i, r in enumerate(HAND + gen, 1):
        records.append({"id": f"r{i:03d}", "style": r["style"], "text": r["text"], "gold": r["gold"]})
    revisions = json.loads(REVISIONS.read_text(encoding="utf-8"))["revisions"] if REVISIONS.exists() else {}
    for r in records:
        if r["id"] in revisions:
            assert all(r["gold"][k] == v for k, v in revisions[r["id"]]["was"].items()), r["id"]
            r["gold"].update(revisions[r["id"]]["set"])
    return records


def summary(records):
    lines = [f"reports: {len(records)} (hand-written r001-r{len(HAND):03d}: {len(HAND)}; "
             f"generated: {len(records) - len(HAND)})"]
    for k in GOLD_KEYS:
        if k in ("suv_max", "tmtv_ml"):
            n = sum(r["gold"][k] is not None for r in records)
            lines.append(f"{k}: stated {n}, null {len(records) - n}")
            continue
        cnt = collections.Counter(json.dumps(r["gold"][k]) for r in records)
        lines.append(f"{k}: " + ", ".join(f"{v}={n}" for v, n in sorted(cnt.items())))
    cnt = collections.Counter(r["style"] for r in records)
    lines.append("style: " + ", ".join(f"{v}={n}" for v, n in sorted(cnt.items())))
    return "\n".join(lines)


def main(argv):
    records = build()
    problems = validate(records)
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    if "--check" not in argv:
        with OUT.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        # reparse what was written
        with OUT.open(encoding="utf-8") as fh:
            back = [json.loads(line) for line in fh]
        assert back == records
    print(summary(records))


if __name__ == "__main__":
    main(sys.argv[1:])
