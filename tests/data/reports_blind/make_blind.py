#!/usr/bin/env python3
"""Write blind.jsonl: a blind held-out set of synthetic LBCL report texts with gold facts.

Written by an independent writer who never saw the extractor or the development corpus.
Deterministic, standard library only. Run:  python3 make_blind.py  (writes blind.jsonl next to it).
Every report text below is invented; no real patient data.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "blind.jsonl"

EXTRANODAL = {
    "liver", "lung", "bone", "bone_marrow", "stomach", "bowel", "kidney", "adrenal", "pancreas",
    "cns", "skin", "breast", "testis", "thyroid", "pleura", "soft_tissue", "orbit", "other",
}
ETIOLOGY = {"lymphoma", "uncertain", "not_lymphoma"}
UPTAKE = {"reduced", "unchanged", "increased"}
MARROW = {"none", "diffuse_reactive", "focal_residual_reduced", "unchanged", "new_or_recurrent_focal"}
CATEGORY = {"CMR", "PMR", "NMR", "PMD"}
CT_ASSESSMENT = {"progression", "partial_response", "complete_response", "stable"}
PATH_RESULT = {"positive", "negative", "unknown"}

PET_KEYS = ("deauville", "deauville_x", "uptake", "new_lesions", "new_lesion_etiology", "marrow",
            "category", "addendum_revised", "extensive_mesenteric", "extranodal_organs")
CT_KEYS = ("new_lesions", "new_node_max_cm", "new_extranodal_max_cm", "new_lesion_etiology",
           "reader_assessment", "spd_cm2", "extensive_mesenteric", "extranodal_organs",
           "addendum_revised")
PATH_KEYS = ("result", "site", "lymphoma_type")

RECORDS: list[dict] = []


def _t(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def pet(style, text, *, deauville, uptake, new_lesions, marrow, category, etiology=None,
        deauville_x=False, addendum_revised=False, extensive_mesenteric=None,
        extranodal_organs=None):
    RECORDS.append({"kind": "pet", "style": style, "text": _t(text), "gold": {
        "deauville": deauville, "deauville_x": deauville_x, "uptake": uptake,
        "new_lesions": new_lesions, "new_lesion_etiology": etiology, "marrow": marrow,
        "category": category, "addendum_revised": addendum_revised,
        "extensive_mesenteric": extensive_mesenteric, "extranodal_organs": extranodal_organs}})


def ct(style, text, *, new_lesions, reader_assessment, new_node_max_cm=None,
       new_extranodal_max_cm=None, etiology=None, spd_cm2=None, extensive_mesenteric=None,
       extranodal_organs=None, addendum_revised=False):
    RECORDS.append({"kind": "ct", "style": style, "text": _t(text), "gold": {
        "new_lesions": new_lesions, "new_node_max_cm": new_node_max_cm,
        "new_extranodal_max_cm": new_extranodal_max_cm, "new_lesion_etiology": etiology,
        "reader_assessment": reader_assessment, "spd_cm2": spd_cm2,
        "extensive_mesenteric": extensive_mesenteric, "extranodal_organs": extranodal_organs,
        "addendum_revised": addendum_revised}})


def path(style, text, *, result, site, lymphoma_type):
    RECORDS.append({"kind": "pathology", "style": style, "text": _t(text), "gold": {
        "result": result, "site": site, "lymphoma_type": lymphoma_type}})


# =====================================================================================
# PET-CT
# =====================================================================================

# --- German-influenced English ("Befund" style) -------------------------------------
pet("de_befund", """
    Department of Nuclear Medicine - PET/CT Report
    Clinical question: Interim restaging after 2 cycles R-CHOP-21 for DLBCL, initial diagnosis 03/2026, stage IV B. Response?
    Previous examinations: Staging PET/CT of 12.03.2026 (baseline, before therapy).
    Technique: 18F-FDG 312 MBq i.v., blood glucose 92 mg/dl, acquisition 62 min p.i., low-dose CT skull base to mid-thigh.
    Findings:
    Markedly regressive size and glucose metabolism of the cervical and mediastinal lymph node manifestations. The formerly bulky anterior mediastinal conglomerate (previously 9,1 x 6,4 cm, SUVmax 21,3) now measures 4,2 x 2,8 cm with residual SUVmax 4,9 (reference liver SUVmax 2,7). Cervical lymph nodes without pathological tracer uptake. No new hypermetabolic lesions. Spleen and bone marrow with homogeneous, physiological tracer distribution.
    Assessment:
    1. Partial metabolic response according to Lugano 2014. Residual mediastinal activity moderately above liver, Deauville score 4, with clearly reduced glucose metabolism compared with the baseline examination.
    2. No evidence of new lymphoma manifestations.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

pet("de_befund", """
    PET/CT Findings Report
    Clinical information: Status post 6 cycles R-CHOP for DLBCL with gastric involvement at initial diagnosis (stage IIE, 02/2026). End-of-treatment evaluation.
    Comparison: Interim PET/CT of 14.05.2026; initial staging of 02.02.2026.
    Findings:
    Stomach with physiological, band-like wall activity only. No FDG-avid lymph nodes above or below the diaphragm. Residual perigastric soft tissue 1,4 cm without uptake above the mediastinal blood pool (blood pool SUVmean 1,8; liver SUVmean 2,4). Bone marrow unremarkable.
    Assessment:
    Complete metabolic remission, Deauville score 2. No signs of residual vital lymphoma tissue.
""", deauville=2, uptake=None, new_lesions=None, marrow="none", category="CMR")

pet("de_befund", """
    PET/CT Report
    Clinical question: Suspected relapse. DLBCL in complete remission after R-CHOP (end-of-treatment PET 09/2025). Now rising LDH and right upper quadrant pain.
    Comparison: End-of-treatment PET/CT of 18.09.2025 (Deauville 2 at that time).
    Findings:
    Two new hypermetabolic foci in the liver, segment VI (2,3 cm, SUVmax 14,2) and segment IVb (1,6 cm, SUVmax 11,8). Newly FDG-avid retroperitoneal lymph nodes left para-aortic, up to 1,9 cm short axis (SUVmax 12,5). Liver background SUVmean 2,2. Bone marrow without focal lesions.
    Assessment:
    Recurrence of the known lymphoma with hepatic and retroperitoneal nodal manifestations, Deauville 5. Histological confirmation is recommended before second-line therapy.
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow="none",
    category=None, extranodal_organs=["liver"])

pet("de_befund", """
    PET/CT Findings
    Clinical question: End-of-treatment evaluation, DLBCL, status post 6x R-CHOP.
    Previous examinations: Baseline PET/CT 10.01.2026; interim PET/CT 04.03.2026.
    Findings:
    The residual mass in the left upper abdomen (para-aortic, 3,9 x 2,6 cm) shows heterogeneous FDG uptake, partly moderately, partly markedly above liver (Deauville 4-5), overall lower than at baseline (SUVmax 8,2 vs. 13,9 on 10.01.2026). Newly appeared: a 9 mm FDG-avid lymph node at the right external iliac vessels (SUVmax 5,1).
    Assessment:
    Residual vital lymphoma, Deauville 4-5, metabolically reduced compared with baseline. The new right external iliac lymph node is equivocal; a further lymphoma manifestation is possible. Short-interval control or biopsy recommended.
""", deauville=5, uptake="reduced", new_lesions=True, etiology="uncertain", marrow=None,
    category=None)

pet("de_befund", """
    Follow-up PET/CT
    Anamnesis: DLBCL, initial manifestation 2024 with an extensive mesenteric conglomerate and small bowel involvement (jejunum); complete remission after 6x R-CHOP and 2x R. Routine follow-up requested by the treating oncologist because of unexplained weight loss.
    Comparison: PET/CT of 20.11.2024 (end of therapy).
    Findings:
    No pathologically increased glucose metabolism in any lymph node region. No mesenteric lymph node masses; small mesenteric nodes below 1 cm without uptake. Bowel with physiological, segmental activity. Bone marrow and spleen without pathological findings. No extranodal lymphoma manifestations.
    Assessment:
    No evidence of lymphoma relapse. Persistent complete metabolic remission (Deauville 1). No new lesions.
""", deauville=1, uptake=None, new_lesions=False, marrow="none", category="CMR",
    extensive_mesenteric=False, extranodal_organs=[])

# --- Indian hospital template ---------------------------------------------------------
pet("in_template", """
    DEPARTMENT OF NUCLEAR MEDICINE & PET-CT
    Name: [redacted]    Age/Sex: 54Y/M    UHID: [redacted]
    Ref. by: Dr. [redacted], Medical Oncology
    Study: Whole body 18F-FDG PET-CT
    Clinical details: K/c/o DLBCL (NOS), stage IIIB. Post 3# R-CHOP. For interim response assessment. Baseline PET-CT done at our centre on 04/01/2026.
    Procedure: 8.1 mCi of 18F-FDG injected i.v.; fasting blood sugar 104 mg/dL; images acquired 60 min post injection.
    FINDINGS:
    Head & neck: Few subcentimetric bilateral level II nodes, non FDG avid.
    Thorax: Interval reduction in size and metabolic activity of the prevascular and right paratracheal nodes, largest now 1.8 x 1.2 cm, SUVmax 5.6 (previously 3.9 x 3.1 cm, SUVmax 18.4). Liver SUVmax 3.1.
    Abdomen & pelvis: No FDG avid lesion. No new lesion.
    Skeleton: Diffusely increased marrow uptake (SUVmax 3.4), likely reactive / post G-CSF.
    IMPRESSION:
    - Post chemotherapy status: partial metabolic response to therapy as compared to baseline PET-CT dated 04/01/2026.
    - Residual FDG avid mediastinal nodes (Deauville 4).
    - Diffuse marrow uptake - s/o reactive marrow.
    Kindly correlate clinically.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="PMR")

pet("in_template", """
    WHOLE BODY 18F-FDG PET-CT REPORT
    Clinical details: K/c/o DLBCL, ABC type. Completed 6# R-CHOP on 02/03/2026. For end-of-treatment evaluation.
    Comparison: Baseline PET-CT (08/2025) and interim PET-CT (11/2025).
    FINDINGS:
    Neck: Left level III node 2.1 x 1.6 cm, SUVmax 9.8 (liver SUVmax 2.6); metabolic activity similar to baseline (SUVmax 10.2).
    Thorax: Newly seen few nodules in bilateral lower lobes, largest 7 mm, mildly FDG avid (SUVmax 2.1). No pleural effusion.
    Abdomen: No FDG avid nodes. Liver, spleen, adrenals normal.
    IMPRESSION:
    - Persistent FDG avid left cervical node, Deauville 5, with no significant change in metabolic activity compared to baseline - s/o no metabolic response.
    - Newly seen bilateral lung nodules - infective/inflammatory aetiology vs lymphomatous involvement, indeterminate. Suggest HRCT correlation and follow-up.
""", deauville=5, uptake="unchanged", new_lesions=True, etiology="uncertain", marrow=None,
    category="NMR")

pet("in_template", """
    PET-CT SCAN REPORT (18F-FDG)
    Clinical history: K/c/o DLBCL, stage IV, s/p 6# R-CHOP (completed 12/2025); was in CMR on EOT PET-CT (01/2026). Now presenting with back pain x 3 weeks.
    Comparison: PET-CT dated 14/01/2026 (EOT).
    FINDINGS:
    Newly seen multiple hypodense FDG avid lesions in both lobes of liver, largest 3.4 x 2.9 cm in segment VII, SUVmax 15.6.
    Newly seen FDG avid lytic lesion in D10 vertebral body with soft tissue component, SUVmax 12.3.
    Spleen: Newly seen FDG avid hypodense lesions, largest 1.8 cm.
    Nodes: No FDG avid lymphadenopathy.
    IMPRESSION:
    Progressive metabolic disease (Deauville 5): newly seen hepatic, splenic and skeletal (D10) deposits.
    Advised: histopathological correlation.
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow=None,
    category="PMD", extranodal_organs=["liver", "bone"])

pet("in_template", """
    DEPARTMENT OF NUCLEAR MEDICINE
    F-18 FDG PET/CT - RESPONSE EVALUATION
    Clinical details: Known case of DLBCL (GCB), stage IIA. Post 6# R-CHOP, completed 18/04/2026. Baseline PET-CT (10/2025) showed FDG avid right cervical and mediastinal nodes without marrow involvement.
    Comparison: Baseline PET-CT dated 22/10/2025.
    FINDINGS:
    No FDG avid cervical or mediastinal nodes. No abnormal FDG uptake elsewhere.
    Newly seen multiple focal FDG avid marrow lesions in the pelvic bones, sacrum and lumbar vertebrae (SUVmax up to 9.7), without corresponding lytic or sclerotic change on CT.
    IMPRESSION:
    - Complete resolution of nodal disease.
    - Newly seen multifocal FDG avid marrow lesions - s/o marrow involvement by lymphoma (disease relapse in marrow), Deauville 5.
    - Overall: Progressive metabolic disease (PMD).
    Suggest bone marrow biopsy for confirmation.
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma",
    marrow="new_or_recurrent_focal", category="PMD", extranodal_organs=["bone_marrow"])

pet("in_template", """
    TUMOUR BOARD SUMMARY - HAEMATO-ONCOLOGY
    Patient: [redacted], 47Y/F. Diagnosis: DLBCL, NOS (non-GCB), stage IIIA, IPI 2.
    Treatment: 6# R-CHOP completed 11/05/2026.
    PET-CT (28/05/2026), as reported: "Residual anterior mediastinal mass 5.1 x 3.6 cm with FDG uptake markedly above liver (SUVmax 16.8; liver 2.4), Deauville 5. Uptake is increased compared to baseline PET-CT of 12/2025 (SUVmax 13.1). No new lesions. Findings are s/o progressive metabolic disease."
    Board discussion: Primary refractory disease. Biopsy of mediastinal mass planned (CT guided). Refer for CAR-T evaluation.
""", deauville=5, uptake="increased", new_lesions=False, marrow=None, category="PMD")

# --- Australian template -------------------------------------------------------------
pet("au_template", """
    FDG PET/CT - WHOLE BODY
    Clinical notes: DLBCL, completed R-CHOP x 6. Restaging. ?CMR
    Comparison: Staging PET 14/01/2026.
    Technique: 265 MBq F-18 FDG. BSL 5.4 mmol/L. Vertex to thighs.
    Report:
    Previously documented FDG-avid disease in the right axilla and mediastinum shows marked reduction in uptake compared with staging, now Deauville 2-3. Small residual right axillary node 9 mm. No new FDG-avid lesion. Diffuse, mildly increased marrow activity is in keeping with post-treatment haematopoietic stimulation. Physiological activity elsewhere.
    Conclusion:
    Complete metabolic response (Lugano). Deauville 2-3.
""", deauville=3, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="CMR")

pet("au_template", """
    FDG PET/CT
    Clinical notes: DLBCL stage IV, interim scan after 2 cycles R-CHOP. Clinical concern re enlarging left neck mass.
    Comparison: Baseline staging FDG PET/CT 03/02/2026.
    Findings:
    The dominant left supraclavicular nodal mass has increased in size (5.2 x 4.1 cm, previously 4.4 x 3.6 cm) with increased metabolic activity, SUVmax 24.6 (previously 17.9), Deauville 5. Mediastinal nodes show reduced activity, Deauville 4. No new sites of disease. Marrow: the focal uptake in L2 and the right iliac crest is unchanged from baseline.
    Conclusion:
    Progressive metabolic disease (Lugano) at the left supraclavicular site, despite partial response in the mediastinum. Persisting focal marrow disease, unchanged.
""", deauville=5, uptake="increased", new_lesions=False, marrow="unchanged", category="PMD",
    extranodal_organs=["bone_marrow"])

pet("au_template", """
    FDG PET/CT - RESTAGING
    Clinical notes: DLBCL, right neck at diagnosis. End of R-CHOP x 6.
    Comparison: Staging study 09/10/2025.
    Report:
    Previously involved right cervical nodes show no residual uptake above background (Deauville 1). There are new, symmetrical FDG-avid mediastinal and bilateral hilar nodes (SUVmax up to 6.3), a pattern not seen at staging. Appearances are in keeping with a sarcoid-like reaction to therapy (Deauville X). No other new focus. Marrow normal.
    Conclusion:
    1. Complete metabolic response at all sites of original disease.
    2. New symmetrical mediastinal/hilar uptake attributed to sarcoid-like reaction, not lymphoma. Biopsy only if clinically indicated.
""", deauville=1, deauville_x=True, uptake=None, new_lesions=True, etiology="not_lymphoma",
    marrow="none", category="CMR")

pet("au_template", """
    FDG PET/CT
    Clinical notes: Limited stage DLBCL, right inguinal. Post R-CHOP x 4. End of treatment.
    Comparison: Staging PET/CT 19/02/2026.
    Report:
    Residual right inguinal node 1.7 x 1.2 cm, SUVmax 4.4 (liver SUVmax 2.7), previously SUVmax 14.9.
    No other abnormal FDG uptake in nodal stations. Marrow is normal.
    Conclusion:
    Deauville 4 residual uptake in the right inguinal node, reduced compared with staging. Partial metabolic response. No evidence of progressive metabolic disease and no new lesion.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

# --- Numbered-list impressions (North American-ish dictation) -------------------------
pet("numbered_impression", """
    PET/CT SKULL BASE TO MID-THIGH
    INDICATION: 61-year-old woman with DLBCL, stage IIA bulky. Interim PET after 4 cycles. The baseline PET of 01/2026 showed a Deauville 5 anterior mediastinal mass.
    COMPARISON: 01/15/2026 baseline PET/CT.
    TECHNIQUE: 11.2 mCi F-18 FDG IV; glucose 88 mg/dL; uptake time 64 minutes.
    FINDINGS: Residual anterior mediastinal soft tissue 3.4 x 2.0 cm. No FDG-avid cervical, axillary, abdominal or pelvic nodes. Physiologic activity in the liver, spleen, bowel and urinary tract.
    IMPRESSION:
    1. Residual anterior mediastinal soft tissue with FDG uptake above mediastinal blood pool but below liver (SUVmax 2.6 vs liver 3.0): Deauville 3.
    2. No new FDG-avid lesions. No extranodal disease.
    3. No FDG-avid marrow disease.
    4. Findings represent complete metabolic response by Lugano criteria.
""", deauville=3, uptake=None, new_lesions=False, marrow="none", category="CMR",
    extranodal_organs=[])

pet("numbered_impression", """
    FDG PET/CT
    CLINICAL HISTORY: DLBCL, end of 6 cycles R-CHOP. Interim PET (04/2026) showed Deauville 4 in a left inguinal node.
    COMPARISON: PET/CT dated 04/10/2026 (interim). Baseline imaging was performed at an outside facility and is not available for comparison.
    FINDINGS: Left inguinal node 1.6 x 1.1 cm, SUVmax 5.8; liver SUVmax 2.9. Uptake is unchanged since the prior study. No other abnormal FDG uptake in nodal regions.
    IMPRESSION:
    1. Persistent left inguinal nodal uptake moderately above liver, Deauville 4, unchanged since the prior study.
    2. No new lesions.
    3. Residual metabolically active lymphoma cannot be excluded; tissue sampling may be considered.
""", deauville=4, uptake=None, new_lesions=False, marrow=None, category=None)

pet("numbered_impression", """
    FDG PET/CT - INTERIM
    INDICATION: Interim PET after 3 cycles of R-CHOP for DLBCL.
    COMPARISON: Baseline PET/CT 02/03/2026.
    FINDINGS: Marked reduction in uptake in the previously FDG-avid cervical and mediastinal nodes compared with baseline; residual uptake is at or below mediastinal blood pool. There is a new 1.3 cm left axillary node with SUVmax 4.1. Per the intake questionnaire, the patient received a COVID-19 booster in the left deltoid 5 days before the scan. Spleen normal in size with physiologic uptake.
    IMPRESSION:
    1. Complete metabolic response at the previously involved sites (Deauville 2).
    2. New mildly FDG-avid left axillary node, attributed to recent ipsilateral vaccination (reactive). Deauville X.
""", deauville=2, deauville_x=True, uptake="reduced", new_lesions=True, etiology="not_lymphoma",
    marrow=None, category="CMR")

pet("numbered_impression", """
    PET/CT WHOLE BODY
    CLINICAL HISTORY: DLBCL, 3 cycles R-CHOP. Interim.
    COMPARISON: FDG PET/CT 01/12/2026, performed before treatment (staging).
    FINDINGS: The right external iliac nodal mass measures 3.8 x 2.9 cm (previously 4.1 x 3.0 cm). It remains intensely FDG-avid, SUVmax 15.1, unchanged since the prior study (SUVmax 15.6). Liver SUVmax 2.5. Marrow uptake is normal.
    IMPRESSION:
    1. Persistent Deauville 5 right external iliac nodal mass, metabolically unchanged since the prior study.
    2. No new lesions.
    3. No metabolic response (stable metabolic disease) at interim.
""", deauville=5, uptake="unchanged", new_lesions=False, marrow="none", category="NMR")

pet("numbered_impression", """
    PET-CT FOR LYMPHOMA RESTAGING
    HISTORY: Relapsed DLBCL, post 2 cycles R-ICE. The original staging scan showed extensive disease including bone marrow involvement (Deauville 5).
    COMPARISON: Pre-salvage PET/CT of 06/02/2026, which is the baseline for this line of therapy.
    FINDINGS:
    Left para-aortic nodes: SUVmax 3.9 (pre-salvage 11.4); liver SUVmax 3.2.
    Left common iliac node: SUVmax 2.1.
    Marrow: no focal uptake.
    IMPRESSION:
    1. Left para-aortic uptake slightly above liver, Deauville 4, reduced compared with the pre-salvage baseline.
    2. Left common iliac node Deauville 2.
    3. No new disease. No FDG-avid marrow disease.
    4. Partial metabolic response to salvage therapy.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

# --- Region-by-region table written as prose -------------------------------------------
pet("region_table", """
    PET-CT RESPONSE ASSESSMENT (interim, after C2)
    Baseline: FDG PET-CT 22 Jan 2026.
    Reference: mediastinal blood pool SUVmax 2.0; liver SUVmax 2.8.
    Region by region (current DS, baseline in brackets):
    Right neck levels II-IV: DS 2 (was 5).
    Mediastinum: DS 3 (was 5).
    Left neck: DS 4 (was 5); SUVmax 4.6, down from 16.2.
    Spleen: DS 1 (was 4, diffuse).
    Bone marrow: no focal uptake; mild diffuse uptake consistent with reactive change.
    New sites: none.
    Overall: DS 4. Partial metabolic response.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="PMR")

pet("region_table", """
    Interim FDG PET-CT, post cycle 4 R-CHOP. Baseline scan 10 Feb 2026.
    Deauville by site (baseline in brackets):
    - Mediastinum: 3 (5)
    - Right hilum: 2 (4)
    - Left axilla: 4 (new)
    - Para-aortic: 3 (5)
    Marrow: homogeneous, no focal uptake.
    Comment: Metabolic response at all baseline sites, with uptake reduced compared with baseline. The left axillary focus is of uncertain significance; lymphoma cannot be excluded. Tissue sampling or short-interval PET is suggested.
    Lugano category: not assigned pending clarification of the axillary node.
""", deauville=4, uptake="reduced", new_lesions=True, etiology="uncertain", marrow="none",
    category=None)

pet("region_table", """
    End-of-treatment FDG PET/CT. DLBCL with marrow involvement at staging (focal, L4 and left iliac wing).
    Comparison: staging PET/CT 3 Nov 2025.
    Reference regions: blood pool SUVmax 1.9, liver SUVmax 2.6.
    Sites (Deauville now / at staging):
    Left axilla 1–2 / 5
    Mediastinum 2 / 5
    L4 vertebral marrow 4 / 4, SUVmax 5.3 vs 5.5 - no change
    Left iliac wing marrow 3 / 5
    No new sites.
    Summary: Nodal complete metabolic response, but the focal L4 marrow lesion is metabolically unchanged from staging. Overall Lugano: no metabolic response (NMR), driven by the marrow.
""", deauville=4, uptake="unchanged", new_lesions=False, marrow="unchanged", category="NMR",
    extranodal_organs=["bone_marrow"])

pet("region_table", """
    PET/CT restaging - summary sheet
    Compared with: PET/CT 02 Apr 2026 (interim). Staging PET was done elsewhere; images not available.
    Mediastinum: DS 3 (interim 4)
    Right supraclavicular: DS 4 (interim 4)
    Spleen: DS 1 (interim 1)
    Marrow: diffuse uptake, reactive pattern.
    New lesions: none.
    Reader comment: right supraclavicular node SUVmax 4.2 vs 4.4 at interim, i.e. no change since the prior study. Overall DS 4. Comparison with baseline not possible; category not assigned.
""", deauville=4, uptake=None, new_lesions=False, marrow="diffuse_reactive", category=None)

# --- Teleradiology, terse ---------------------------------------------------------------
pet("telerad_terse", """
    TELERAD READ - PET/CT SKULL BASE TO THIGH
    HX: DLBCL. EOT.
    COMPARISON: PET/CT 11/2025 (BASELINE).
    FINDINGS: NO RESIDUAL FDG AVID NODAL DZ. RESIDUAL R PARATRACHEAL LN 1.1 CM, UPTAKE < BLOOD POOL. NO NEW LESIONS. MARROW/SPLEEN PHYSIOLOGIC.
    IMPRESSION: DS 2. CMR.
    Dictated remotely; images reviewed on PACS.
""", deauville=2, uptake=None, new_lesions=False, marrow="none", category="CMR")

pet("telerad_terse", """
    TELERAD - FINAL
    CLIN: DLBCL S/P R-CHOP X6, EOT PET 3 MO AGO CMR. NOW COUGH, FEVER.
    COMP: PET/CT 07/2026 (EOT).
    FINDINGS: NEW RUL CONSOLIDATION, SUVMAX 7.9. NEW R HILAR LN 1.4 CM, SUVMAX 6.2, DS 4 (LIVER 2.5). NO OTHER NEW FOCI. MARROW: NO FOCAL UPTAKE.
    IMP: NEW RUL CONSOLIDATION AND R HILAR NODE, MOST LIKELY INFECTIOUS/INFLAMMATORY (PNEUMONIA WITH REACTIVE NODE); LYMPHOMA RECURRENCE NOT EXCLUDED. SUGGEST TREAT AND REPEAT PET IN 6-8 WK.
""", deauville=4, uptake=None, new_lesions=True, etiology="uncertain", marrow="none",
    category=None)

pet("telerad_terse", """
    PRELIM/FINAL TELERAD PET-CT
    HX: DLBCL, INTERIM C3.
    COMP: BASELINE PET 02/2026.
    IMP: NEW FOCAL UPTAKE L GLUTEAL SOFT TISSUE AT IM INJECTION SITE PER NURSING NOTE - DS X. PREVIOUSLY INVOLVED NODES NOT AVID. NO RESIDUAL LYMPHOMA. NO MARROW UPTAKE.
""", deauville=None, deauville_x=True, uptake=None, new_lesions=True, etiology="not_lymphoma",
    marrow="none", category=None)

pet("telerad_terse", """
    TELERAD PET/CT
    CLIN: DLBCL, C4 R-POLA-CHP. RESTAGE.
    COMP: PRIOR PET 03/2026 = INTERIM (BASELINE NOT ON PACS).
    FINDINGS: L CERVICAL NODAL MASS 3.6 CM, SUVMAX 19.8 (PRIOR 11.1), INCREASED SINCE PRIOR. MEDIASTINUM DS 2. NO NEW LESION. MARROW NL.
    IMP: DS 5 L NECK, INCREASED SINCE INTERIM. PMD.
""", deauville=5, uptake=None, new_lesions=False, marrow="none", category="PMD")

# --- Reports with an ADDENDUM -----------------------------------------------------------
pet("addendum_revision", """
    FDG PET/CT - END OF TREATMENT
    CLINICAL HISTORY: DLBCL, stage IIIA, 6 x R-CHOP completed 3 weeks ago.
    COMPARISON: Staging PET/CT 12/12/2025.
    FINDINGS: Residual left para-aortic mass 2.8 x 1.9 cm with SUVmax 3.4. Liver SUVmax 3.6. No new lesions.
    IMPRESSION: Deauville 3. Complete metabolic response.

    ADDENDUM (two days later): On review at the lymphoma MDT, the liver reference ROI was found to include the IVC. Repeat measurement: liver SUVmax 2.4 (SUVmean 1.9). The para-aortic residual (SUVmax 3.4) is therefore moderately above liver: revised Deauville 4. Uptake is reduced compared with the staging scan (SUVmax 19.0 at staging). Revised impression: partial metabolic response; residual metabolically active disease at end of treatment.
""", deauville=4, uptake="reduced", new_lesions=False, marrow=None, category="PMR",
    addendum_revised=True)

pet("addendum_revision", """
    FDG PET/CT
    CLINICAL HISTORY: DLBCL in CR since 2025; new right upper quadrant discomfort.
    COMPARISON: PET/CT 03/11/2025.
    FINDINGS: New FDG-avid lesion in hepatic segment VIII, 2.9 cm, SUVmax 17.2 (liver background 2.3). New portocaval node 1.7 cm, SUVmax 10.4. No marrow abnormality.
    IMPRESSION: Deauville 5. Progressive metabolic disease with new hepatic lesion and portocaval node, consistent with lymphoma.

    ADDENDUM: Typographical correction - the comparison date should read 03/11/2025 (not 03/01/2025 as dictated on the worklist). Findings and impression are unchanged.
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow="none",
    category="PMD", extranodal_organs=["liver"])

pet("addendum_revision", """
    FDG PET/CT - INTERIM
    CLINICAL HISTORY: DLBCL, mediastinal, after 3 cycles.
    COMPARISON: Baseline PET/CT 20/01/2026.
    FINDINGS: Residual mediastinal uptake below blood pool (Deauville 2), markedly reduced compared with baseline. New focal uptake in the right 7th rib posterolaterally, SUVmax 5.8, without clear CT correlate.
    IMPRESSION: Mediastinal Deauville 2. New right rib focus, suspicious for osseous lymphoma. Progressive metabolic disease cannot be excluded.

    ADDENDUM: Clinical history since obtained from the referring team: the patient fell and fractured the right 7th rib four weeks ago, confirmed on a chest radiograph. On re-review the focus corresponds to a healing fracture with callus; it is not lymphoma and is scored Deauville X. Revised impression: complete metabolic response.
""", deauville=2, deauville_x=True, uptake="reduced", new_lesions=True, etiology="not_lymphoma",
    marrow=None, category="CMR", addendum_revised=True)

pet("addendum_revision", """
    FDG PET/CT
    CLINICAL HISTORY: DLBCL, 6 months after end of first-line therapy (EOT PET: CMR).
    COMPARISON: EOT PET/CT 14/02/2026.
    FINDINGS: A new focus in the left iliac bone, SUVmax 13.1, Deauville 4. No nodal disease. Liver and spleen unremarkable.
    IMPRESSION: Single new left iliac bone focus, equivocal. Correlation with MRI suggested.

    ADDENDUM - second read (nuclear medicine consultant): The left iliac focus corresponds to a 2.1 cm lytic lesion on the CT component; given its intensity (well over twice liver) and morphology it represents relapse of lymphoma. Revised score: Deauville 5. Revised impression: progressive metabolic disease (relapse, bone).
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow=None,
    category="PMD", addendum_revised=True, extranodal_organs=["bone"])

# --- MDT outcome letters quoting the PET -----------------------------------------------
pet("mdt_letter", """
    Dear Dr Okafor,
    Re: [Name], DOB [redacted], Hospital No. [redacted]
    Lymphoma MDT outcome, 12 March 2026
    Diagnosis: DLBCL, GCB type, stage IIIA, IPI 2. At diagnosis the staging PET (January) showed Deauville 5 disease in the pelvis with focal bone marrow uptake in the sacrum.
    Discussion: The interim PET-CT after 2 cycles of R-CHOP (5 March 2026) was reviewed. The report reads: "Residual uptake in the left external iliac nodes, Deauville 4, reduced compared with the staging scan. Other sites Deauville 1-2. No new disease."
    The panel agreed that this represents a partial metabolic response.
    Outcome: Continue R-CHOP to 6 cycles; end-of-treatment PET-CT 6-8 weeks after the last cycle.
    Yours sincerely,
    Lymphoma MDT coordinator
""", deauville=4, uptake="reduced", new_lesions=False, marrow=None, category="PMR")

pet("mdt_letter", """
    Haematology MDT - outcome letter
    To: Dr Lindqvist, Haematology
    Patient: [redacted]. DLBCL (ABC), stage IV, complete response after R-CHOP x 6 (EOT PET 03/2026, Deauville 2).
    Imaging reviewed: PET-CT 02/09/2026. New FDG-avid lesions in the tail of pancreas (3.1 cm, SUVmax 16.0) and left adrenal gland (2.2 cm, SUVmax 12.4), Deauville 5. No nodal disease. The reporting radiologist concluded: "Early relapse of lymphoma; biopsy advised."
    Outcome: EUS-guided biopsy of the pancreatic lesion. If confirmed, proceed to second-line therapy; refer to CAR-T centre.
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow=None,
    category=None, extranodal_organs=["pancreas", "adrenal"])

pet("mdt_letter", """
    Dear Dr Haddad,
    I saw Mrs [redacted] in the lymphoma clinic today to discuss her end-of-treatment PET-CT.
    Background: DLBCL stage IIB with a bulky mediastinal mass; interim PET after 2 cycles was Deauville 4 with reduced uptake (PMR). She completed 6 cycles of R-CHOP on 2 June.
    PET-CT of 14 July, conclusion as reported: "Deauville 1–2 at all previously involved sites. No new lesions. Diffuse marrow uptake consistent with recovery after chemotherapy. Complete metabolic response."
    Plan: No consolidation radiotherapy. Clinical follow-up every 3 months; no routine surveillance imaging.
""", deauville=2, uptake=None, new_lesions=False, marrow="diffuse_reactive", category="CMR")

# --- French-influenced English ("compte rendu") -----------------------------------------
pet("fr_compte_rendu", """
    PET-SCANNER WITH 18F-FDG - COMPTE RENDU
    Indication: Evaluation of a DLBCL after 4 cures of R-CHOP. Reference examination: initial PET of 05/01/2026.
    Protocol: 3 MBq/kg of 18F-FDG, acquisition at 60 min, glycaemia 0,98 g/L.
    Results:
    Net metabolic regression of the cervical and mediastinal hypermetabolic lymph nodes. Persistence of a moderate hypermetabolism of a left supraclavicular node, SUVmax 4,1 (versus 15,6 initially), superior to the hepatic uptake (SUVmax 3,0). Complete disappearance of the splenic and bone marrow hypermetabolic foci. No new hypermetabolic focus.
    Conclusion:
    Partial metabolic response (Deauville 4 on the left supraclavicular node), with favourable evolution and decrease of the uptake compared to the initial examination. Disappearance of the splenic and medullary involvement.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

pet("fr_compte_rendu", """
    TEP-TDM au 18F-FDG (PET-CT)
    Indication: End-of-treatment evaluation of a DLBCL (6 R-CHOP).
    Results:
    No residual hypermetabolism at the initial lymph node sites (Deauville 1). Appearance of a focal hypermetabolism of the right thyroid lobe (SUVmax 7,2), not present on the initial examination, corresponding to a 14 mm hypodense nodule on the CT: thyroid incidentaloma, unrelated to the lymphoma (Deauville X). Ultrasound and cytology of the nodule recommended.
    Conclusion:
    Complete metabolic response. Thyroid incidentaloma to explore.
""", deauville=1, deauville_x=True, uptake=None, new_lesions=True, etiology="not_lymphoma",
    marrow=None, category="CMR")

pet("fr_compte_rendu", """
    PET-CT 18F-FDG
    Indication: Interim evaluation after 2 R-CHOP of a DLBCL stage III. Comparison with the initial PET of 08/02/2026.
    Results:
    Increase of the hypermetabolism of the left axillary lymph nodes (SUVmax 21,4 versus 14,2), clearly superior to the liver (Deauville 5). Appearance of new hypermetabolic lymph nodes in the left subpectoral region (up to 15 mm) and of a right paratracheal node, compatible with lymphomatous progression. Bone marrow: no focal hypermetabolism.
    Conclusion:
    Progressive metabolic disease under R-CHOP: increase of the uptake of the axillary lesions compared to the initial examination and appearance of new lymphomatous localisations.
""", deauville=5, uptake="increased", new_lesions=True, etiology="lymphoma", marrow="none",
    category="PMD")

pet("fr_compte_rendu", """
    PET-CT 18F-FDG - compte rendu
    Indication: DLBCL in complete remission since 2024. Painful swelling of the right testis.
    Results:
    Appearance of an intense hypermetabolism of the right testis (SUVmax 18,3), and of cutaneous nodules of the left thigh (SUVmax up to 9,6). No lymph node hypermetabolism. The liver is free.
    Conclusion:
    Hypermetabolism of the right testis and of the cutaneous nodules of the thigh, compatible with lymphomatous localisations (relapse), Deauville 5. Histological documentation recommended (orchidectomy to discuss).
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow=None,
    category=None, extranodal_organs=["testis", "skin"])

# --- Scandinavian-style running narrative ------------------------------------------------
pet("nordic_narrative", """
    FDG-PET/CT 14.4.2026. Interim evaluation after three courses of R-CHOP-14 for DLBCL; the baseline study of 2.1.2026 is used for comparison. The large conglomerate of mesenteric lymph nodes in the mid-abdomen, which at baseline measured 12 x 8 cm, has decreased in size to 9 x 6 cm, but the FDG uptake is essentially unchanged compared with baseline (SUVmax 18 versus 19), clearly above liver, corresponding to Deauville 5. The retroperitoneal nodes are smaller and show uptake at the level of the liver. No new foci. No pathological marrow uptake. In summary no metabolic response (stable metabolic disease) in extensive mesenteric lymphoma.
""", deauville=5, uptake="unchanged", new_lesions=False, marrow="none", category="NMR",
    extensive_mesenteric=True)

pet("nordic_narrative", """
    FDG-PET/CT, end of treatment, 30.6.2026. DLBCL stage IV, six courses of R-CHOP with pegfilgrastim support, the last one 9.6.2026. Compared with the interim study 3.4.2026. All previously described lymph node regions are now without uptake above the mediastinal blood pool except a small node in the left axilla, where the uptake is at liver level, Deauville 3. There is diffusely increased uptake in the bone marrow and the spleen, compatible with G-CSF stimulation. No new foci. Conclusion: complete metabolic response.
""", deauville=3, uptake=None, new_lesions=False, marrow="diffuse_reactive", category="CMR")

pet("nordic_narrative", """
    FDG-PET/CT 2.9.2026, end of first-line treatment of DLBCL, compared with the baseline study 28.2.2026 in which there were lymphoma lesions in the neck and mediastinum and a focal marrow lesion in the left iliac wing. The nodal lesions have resolved and are now at or below blood pool, Deauville 2-3. The focal uptake in the left iliac wing persists but is clearly reduced compared with baseline and is now at the level of the liver. No new lesions. The marrow finding is probably residual, treated disease, but MRI or biopsy may be considered. Conclusion: partial metabolic response owing to the residual focal marrow uptake.
""", deauville=3, uptake="reduced", new_lesions=False, marrow="focal_residual_reduced",
    category="PMR")

pet("nordic_narrative", """
    FDG-PET/CT for primary staging, 11.1.2026. Newly diagnosed DLBCL, biopsy from an ileocaecal mass. There is an extensive mesenteric nodal conglomerate in the mid and lower abdomen, about 14 x 10 cm, encasing the mesenteric vessels, SUVmax 26. The terminal ileum and caecum have a thickened wall with intense uptake, consistent with bowel involvement. Retroperitoneal nodes along the aorta. No supradiaphragmatic disease. Liver and spleen without focal lesions. No focal bone marrow uptake. Summary: lymphoma below the diaphragm with extensive mesenteric and bowel involvement, Ann Arbor stage IIE, bulky.
""", deauville=None, uptake=None, new_lesions=None, marrow="none", category=None,
    extensive_mesenteric=True, extranodal_organs=["bowel"])

# --- Japanese-influenced structured report ----------------------------------------------
pet("jp_structured", """
    [Purpose] Restaging of DLBCL after R-CHOP x 6.
    [Comparison] FDG-PET/CT of 2025/10/02 (before treatment).
    [Findings]
    The accumulation in the cervical, axillary and para-aortic lymph nodes seen before treatment has disappeared except for a small para-aortic node, whose accumulation is slightly higher than the mediastinum and lower than the liver.
    No new abnormal accumulation.
    Bone marrow: no abnormal accumulation.
    [Diagnosis]
    Complete metabolic response. Deauville score 3 (para-aortic node).
""", deauville=3, uptake=None, new_lesions=False, marrow="none", category="CMR")

pet("jp_structured", """
    [Purpose] Staging of newly diagnosed DLBCL (left cervical lymph node biopsy).
    [Findings]
    Abnormal accumulation in the left cervical, mediastinal and bilateral hilar lymph nodes (SUVmax 22.4).
    Multiple nodular accumulations in the liver (largest S8, 3.2 cm, SUVmax 18.0) and in the right kidney (2.4 cm, SUVmax 15.1).
    Diffuse wall thickening with accumulation in the gastric antrum.
    Mesentery: no lymphadenopathy.
    Bone marrow: no abnormal accumulation.
    [Diagnosis]
    Malignant lymphoma, stage IV (liver, kidney and stomach involvement). No bulky mass.
""", deauville=None, uptake=None, new_lesions=None, marrow="none", category=None,
    extensive_mesenteric=False, extranodal_organs=["liver", "kidney", "stomach"])

pet("jp_structured", """
    [Purpose] Evaluation after 4 courses of R-CHOP. DLBCL of the orbit and neck.
    [Comparison] PET/CT 2026/01/20 (pretreatment).
    [Findings]
    Right orbit: the mass has decreased; accumulation remains moderately higher than the liver (SUVmax 5.0 vs liver 2.9), decreased from the pretreatment SUVmax 17.5.
    Cervical lymph nodes: no abnormal accumulation.
    No new lesion.
    [Diagnosis]
    Residual right orbital lymphoma, Deauville 4, decreased compared with pretreatment. Partial metabolic response.
""", deauville=4, uptake="reduced", new_lesions=False, marrow=None, category="PMR",
    extranodal_organs=["orbit"])

# --- Older era dictation ---------------------------------------------------------------
pet("legacy_dictation", """
    FDG PET-CT (combined), dictated 14 May 2009.
    Indication: Diffuse large B-cell lymphoma, interim assessment after 2 cycles of R-CHOP (trial protocol).
    Method: visual assessment using the five-point scale (Deauville criteria, 2009 consensus).
    The mediastinal mass is smaller and shows residual uptake moderately above liver, score 4. Uptake is reduced compared with the pre-treatment scan of March 2009. No new sites.
    Interpretation: positive interim PET (score 4). Dictated but not read.
""", deauville=4, uptake="reduced", new_lesions=False, marrow=None, category=None)

pet("legacy_dictation", """
    PET-CT LYMPHOMA RESPONSE - clinical report (typed from dictation)
    History: DLBCL, right axilla, CR after R-CHOP 2019. Follow-up scan requested for a palpable lump.
    There is a new 2.5 cm FDG-avid node in the left axilla (SUVmax 11, liver 2.2). A further new node, 1.2 cm, lies at left level IV. Appearances are those of relapse.
    No other abnormality. The right axilla remains clear.
    Conclusion: Deauville 5. Recommend core biopsy of the left axillary node.
""", deauville=5, uptake=None, new_lesions=True, etiology="lymphoma", marrow=None,
    category=None)

pet("legacy_dictation", """
    PET/CT report (1st read overnight; final read by consultant).
    Clinical: DLBCL, end of therapy, R-CHOP x 6 + ISRT to the neck.
    Comparison: Staging PET/CT August 2014.
    Findings: The treated right neck shows diffuse low-grade uptake in keeping with post-radiotherapy inflammation, below liver. No focal nodal uptake. No new abnormality. There is no FDG-avid disease in the bone marrow or elsewhere; no extranodal disease.
    Opinion: Deauville 3 (post-radiotherapy change). Complete metabolic response.
""", deauville=3, uptake=None, new_lesions=False, marrow="none", category="CMR",
    extranodal_organs=[])


# =====================================================================================
# CT
# =====================================================================================

ct("legacy_dictation", """
    CT CHEST, ABDOMEN AND PELVIS WITH IV CONTRAST
    Dictated 03/28/1999, transcribed 03/29/1999.
    HISTORY: Non-Hodgkin's lymphoma, diffuse large cell type, treated with CHOP in 1998. Restaging.
    COMPARISON: 09/14/1998.
    FINDINGS: There has been interval development of a left para-aortic lymph node at the level of the renal hilum, measuring 2.4 x 1.8 cm. There is also a new 1.1 cm aortocaval node. The chest is clear. The liver, spleen and kidneys are unremarkable.
    IMPRESSION: Interval development of retroperitoneal adenopathy, consistent with recurrent lymphoma. Progressive disease.
""", new_lesions=True, new_node_max_cm=2.4, etiology="lymphoma", reader_assessment="progression")

ct("legacy_dictation", """
    CAT SCAN OF THE ABDOMEN AND PELVIS (with oral and intravenous contrast)
    Clinical: Large cell lymphoma, on follow-up after 6 cycles of chemotherapy.
    Comparison is made to the examination of 6/12/1994.
    The residual mesenteric mass measures 3.2 x 2.5 cm, previously 3.4 x 2.6 cm. No new adenopathy. The liver and spleen are of normal size without focal lesion.
    IMPRESSION: No significant change since 6/12/1994. Stable disease.
""", new_lesions=False, reader_assessment="stable")

ct("legacy_dictation", """
    CT thorax, abdomen and pelvis (portal venous phase)
    Clinical details: DLBCL, 18 months post R-CHOP, in remission. Routine surveillance (trial protocol).
    Comparison: CT 11 months ago.
    Findings: No lymphadenopathy by size criteria in the chest, abdomen or pelvis. There is a new 2.0 cm low-attenuation lesion in the right lobe of the liver (segment VI) of fluid density (4 HU), thin-walled and non-enhancing, with the appearances of a simple cyst. Spleen 10 cm.
    Conclusion: Continued complete response. Incidental simple hepatic cyst, not lymphoma; no follow-up needed.
""", new_lesions=True, new_extranodal_max_cm=2.0, etiology="not_lymphoma",
    reader_assessment="complete_response")

ct("de_befund", """
    CT thorax/abdomen/pelvis with contrast - Findings Report
    Clinical question: Restaging after 6 cycles R-CHOP, DLBCL stage III (no PET available, insurer refusal).
    Comparison: CT of 14.01.2026 (pre-therapeutic).
    Findings:
    Clear regression of the lymphoma manifestations. Target lesions (LDi x SDi, now / before):
    1) anterior mediastinal: 3,1 x 2,0 cm / 7,8 x 5,6 cm
    2) left axillary: 1,2 x 0,9 cm / 3,4 x 2,7 cm
    3) left para-aortic: 1,0 x 0,6 cm / 2,4 x 1,9 cm
    SPD 7,9 cm² (baseline 57,4 cm²), corresponding to a decrease of 86%. No new lymph nodes. Spleen 11 cm. No extranodal manifestations.
    Assessment:
    Partial remission according to Lugano (CT criteria).
""", new_lesions=False, reader_assessment="partial_response", spd_cm2=7.9, extranodal_organs=[])

ct("de_befund", """
    CT neck/thorax/abdomen with contrast
    Clinical question: End of therapy DLBCL. Remission status?
    Comparison: CT of 02.12.2025.
    Findings:
    All former target lymph nodes now measure below 1,5 cm in long axis (largest: right cervical level II, 1,1 cm). No new lymph node enlargement. Spleen normal in size (11 cm, previously 15 cm). No extranodal disease.
    Assessment:
    Complete remission (CR) according to Lugano.
""", new_lesions=False, reader_assessment="complete_response", extranodal_organs=[])

ct("de_befund", """
    CT abdomen/pelvis with contrast
    Clinical question: DLBCL, interim after 3 cycles; new pain in the left groin.
    Comparison: Baseline CT of 20.02.2026.
    Findings:
    Regression of the retroperitoneal lymph node conglomerate (now 4,1 x 3,0 cm, previously 7,7 x 5,2 cm). Newly detectable lymph node at the left external iliac vessels, 2,4 x 1,5 cm, with central hypodensity. No further new findings.
    Assessment:
    Regressive retroperitoneal lymphoma. The new left iliac lymph node is unclear; lymphoma progression cannot be excluded, differential diagnosis reactive/inflammatory. Short-term follow-up or biopsy recommended.
""", new_lesions=True, new_node_max_cm=2.4, etiology="uncertain", reader_assessment=None)

ct("telerad_terse", """
    TELERAD CT CAP W/ CONTRAST
    HX: DLBCL, 9 MO POST R-CHOP, NEW B SX.
    COMP: CT 01/2026.
    FINDINGS: NEW PORTACAVAL LN 26 X 18 MM. NEW R COMMON ILIAC LN 11 MM. NEW HYPODENSE LIVER LESIONS, LARGEST 14 MM SEG VII. SPLEEN 12 CM.
    IMP: NEW ADENOPATHY AND LIVER LESIONS C/W RECURRENT LYMPHOMA. PD.
""", new_lesions=True, new_node_max_cm=2.6, new_extranodal_max_cm=1.4, etiology="lymphoma",
    reader_assessment="progression", extranodal_organs=["liver"])

ct("telerad_terse", """
    TELERAD CT CHEST W/ CONTRAST
    HX: DLBCL, EOT 2 MO AGO. R/O RECURRENCE.
    COMP: CT 04/2026.
    FINDINGS: NEW L AXILLARY LN 21 X 16 MM. NEW R AXILLARY LN 9 MM. MEDIASTINUM: RESIDUAL SOFT TISSUE UNCHANGED. LUNGS CLEAR.
    IMP: NEW BILAT AXILLARY ADENOPATHY, LARGEST 2.1 CM, NONSPECIFIC - REACTIVE VS LYMPHOMA. CLIN CORRELATION / US-GUIDED BX IF PERSISTENT.
""", new_lesions=True, new_node_max_cm=2.1, etiology="uncertain", reader_assessment=None)

ct("telerad_terse", """
    TELERAD CT NECK/CHEST/ABD/PELVIS
    HX: DLBCL, POST 6 CYCLES.
    COMP: STAGING CT 10/2025.
    FINDINGS: ALL PREV ENLARGED NODES NOW <1 CM SHORT AXIS. NO NEW LESIONS. SPLEEN NL SIZE. NO EXTRANODAL DZ.
    IMP: COMPLETE RESPONSE.
""", new_lesions=False, reader_assessment="complete_response", extranodal_organs=[])

ct("in_template", """
    CECT CHEST, ABDOMEN & PELVIS
    Clinical details: K/c/o DLBCL, stage IV, mesenteric bulk. Post 4# R-CHOP. Response assessment (PET-CT not affordable).
    Comparison: CECT dated 02/01/2026.
    FINDINGS:
    Residual mesenteric nodal conglomerate encasing the SMA/SMV ("sandwich sign") persists, 7.2 x 4.1 cm, extensively involving the root of mesentery (previously 13.6 x 9.0 cm).
    Retroperitoneal nodes reduced in size.
    SPD of six target lesions: 1840 mm² (baseline 5210 mm²), i.e. 65% reduction.
    No new lesion. Liver, spleen normal.
    IMPRESSION:
    Partial response as per Lugano criteria.
    Kindly correlate clinically.
""", new_lesions=False, reader_assessment="partial_response", spd_cm2=18.4,
    extensive_mesenteric=True)

ct("in_template", """
    CT SCAN - THORAX, ABDOMEN, PELVIS (CONTRAST)
    Clinical details: K/c/o DLBCL with renal involvement at diagnosis. Post 6# R-CHOP.
    Comparison: CT dated 15/11/2025.
    FINDINGS:
    Para-aortic nodes reduced, largest now 1.9 x 1.2 cm (previously 4.4 x 3.2 cm).
    Sum of product of diameters of target lesions: 6.8 cm² (baseline 31.5 cm²).
    No mesenteric lymphadenopathy. No extranodal disease.
    No new lesions.
    IMPRESSION:
    Partial response (Lugano). Residual para-aortic node - suggest PET-CT correlation.
""", new_lesions=False, reader_assessment="partial_response", spd_cm2=6.8,
    extensive_mesenteric=False, extranodal_organs=[])

ct("au_template", """
    CT CHEST/ABDOMEN/PELVIS
    Clinical notes: DLBCL, completed R-CHOP x 6 four months ago. Surveillance.
    Comparison: CT 12/03/2026.
    Report:
    Residual soft tissue in the anterior mediastinum is stable (2.1 x 1.4 cm). A new left external iliac node measures 14 x 9 mm. No other new lymphadenopathy. Liver, spleen and adrenals unremarkable.
    Conclusion:
    Stable residual disease. The new 14 mm left external iliac node is indeterminate and may be reactive; lymphoma involvement cannot be excluded. Suggest interval CT in 8 weeks.
""", new_lesions=True, new_node_max_cm=1.4, etiology="uncertain", reader_assessment="stable")

ct("au_template", """
    CT ABDOMEN/PELVIS WITH CONTRAST (staging)
    Clinical notes: New diagnosis DLBCL on ileal biopsy. Staging; PET booked.
    Report:
    Bulky mesenteric nodal mass encasing the SMA and SMV, 14 x 9 cm, with multiple further mesenteric nodes throughout the small bowel mesentery. Thickened terminal ileum (wall 12 mm) consistent with involvement. Retroperitoneal nodes up to 2.2 cm. No hepatic or splenic lesion. Kidneys normal.
    Conclusion:
    Extensive mesenteric lymphoma with terminal ileal involvement.
""", new_lesions=None, reader_assessment=None, extensive_mesenteric=True,
    extranodal_organs=["bowel"])

ct("numbered_impression", """
    CT CHEST WITH CONTRAST
    INDICATION: DLBCL in remission after R-CHOP; shortness of breath.
    COMPARISON: CT chest 02/10/2026.
    FINDINGS: Multiple new bilateral pulmonary nodules, largest 1.3 cm in the left lower lobe, others 4-8 mm. The residual anterior mediastinal soft tissue is unchanged. No new lymphadenopathy. No pleural effusion.
    IMPRESSION:
    1. New bilateral pulmonary nodules, largest 1.3 cm, suspicious for pulmonary involvement by lymphoma; infection is a differential consideration.
    2. Unchanged residual anterior mediastinal soft tissue.
    3. No new lymphadenopathy.
""", new_lesions=True, new_extranodal_max_cm=1.3, etiology="uncertain", reader_assessment=None)

ct("numbered_impression", """
    CT NECK, CHEST, ABDOMEN AND PELVIS WITH CONTRAST
    CLINICAL HISTORY: DLBCL, 2 cycles of R-GemOx (second line), restaging.
    COMPARISON: CT of 05/01/2026 (nadir) and 02/11/2025 (pre-salvage).
    FINDINGS: Target lesions: right cervical 2.6 x 2.0 cm (nadir 1.9 x 1.5), left axillary 2.8 x 2.1 cm (nadir 2.2 x 1.7), mesenteric 2.2 x 1.4 cm (nadir 2.3 x 1.4). New left para-aortic node 1.6 x 1.1 cm.
    IMPRESSION:
    1. Sum of the products of the diameters of target lesions 14.2 cm² (nadir 9.8 cm²).
    2. New 1.6 cm left para-aortic node, consistent with progression.
    3. Progressive disease by Lugano CT criteria.
""", new_lesions=True, new_node_max_cm=1.6, etiology="lymphoma", reader_assessment="progression",
    spd_cm2=14.2)

ct("addendum_revision", """
    CT CHEST/ABDOMEN/PELVIS WITH CONTRAST
    CLINICAL HISTORY: DLBCL, 4 cycles of R-CHOP. Response.
    COMPARISON: Baseline CT 10/01/2026.
    FINDINGS: Interval decrease in the retroperitoneal and mesenteric lymphadenopathy. No new lymphadenopathy.
    IMPRESSION: Partial response.

    ADDENDUM (same day, after review of the arterial phase): There is a new 2.3 cm hypoenhancing lesion in hepatic segment VII, not present on the baseline study, consistent with hepatic lymphoma. Revised impression: progressive disease (new hepatic lesion), despite nodal response. Referring team informed by telephone.
""", new_lesions=True, new_extranodal_max_cm=2.3, etiology="lymphoma",
    reader_assessment="progression", extranodal_organs=["liver"], addendum_revised=True)

ct("addendum_revision", """
    CT CHEST/ABDOMEN/PELVIS
    CLINICAL HISTORY: DLBCL, after salvage R-DHAP x 2, pre-ASCT restaging.
    COMPARISON: CT 01/2026.
    FINDINGS: Target nodes: left axillary 3.0 x 2.6 cm, right iliac 2.4 x 2.0 cm, subcarinal 2.9 x 2.2 cm, para-aortic 2.0 x 1.8 cm. SPD 22.6 cm² (previously 24.1 cm²). No new lesions.
    IMPRESSION: Stable disease.

    ADDENDUM: The SPD calculation above was checked by a second reader and is confirmed. No change to the report.
""", new_lesions=False, reader_assessment="stable", spd_cm2=22.6)

ct("fr_compte_rendu", """
    THORACO-ABDOMINO-PELVIC CT WITH INJECTION - compte rendu
    Indication: DLBCL in remission for 10 months, asthenia and lumbar pain.
    Results:
    Appearance of a left inguinal adenopathy of 32 x 20 mm, with central necrosis. Appearance of a tissular mass of the left kidney of 4,5 cm, hypodense, compatible with a lymphomatous localisation. No other adenopathy.
    Conclusion:
    Progression (Lugano PD): new left inguinal adenopathy and left renal localisation, compatible with lymphomatous relapse. Biopsy of the inguinal node proposed.
""", new_lesions=True, new_node_max_cm=3.2, new_extranodal_max_cm=4.5, etiology="lymphoma",
    reader_assessment="progression", extranodal_organs=["kidney"])

ct("nordic_narrative", """
    CT thorax and abdomen with contrast 12.5.2026, DLBCL, follow-up eight months after end of treatment; compared with CT 15.12.2025. Since the previous study new enlarged lymph nodes have appeared in the right axilla, the largest 19 x 12 mm. According to the referral the patient has an ongoing cellulitis of the right forearm treated with antibiotics, and the nodes are considered reactive. No other new lymph nodes, no organ lesions. The lymphoma remains in complete remission.
""", new_lesions=True, new_node_max_cm=1.9, etiology="not_lymphoma",
    reader_assessment="complete_response")

ct("mdt_letter", """
    Dear Dr Mensah,
    Lymphoma MDT outcome - 21 August 2026
    Patient: [redacted]. DLBCL stage IIA, complete metabolic response after R-CHOP x 4 + R x 2 (EOT PET 03/2026).
    She presented with a left breast lump. CT chest/abdomen/pelvis of 18 August was reviewed; the radiologist's conclusion reads: "Progressive disease: new 4.1 cm left breast mass and new 1.7 cm left axillary node, both consistent with lymphoma."
    Outcome: Ultrasound-guided core biopsy of the breast mass. Restaging PET-CT. Discuss at next MDT with histology.
""", new_lesions=True, new_node_max_cm=1.7, new_extranodal_max_cm=4.1, etiology="lymphoma",
    reader_assessment="progression", extranodal_organs=["breast"])

ct("jp_structured", """
    [Examination] Plain and contrast-enhanced CT, chest to pelvis.
    [Clinical information] DLBCL, 6 months after R-CHOP. Follow-up.
    [Comparison] CT of 2026/01/15.
    [Findings]
    Left supraclavicular region: a new lymph node of 2.1 x 1.5 cm.
    No other enlarged lymph nodes. Liver, spleen and kidneys: no change.
    [Diagnosis]
    New left supraclavicular lymph node enlargement, suspicious for recurrence of malignant lymphoma. Reactive enlargement is also possible. Biopsy or PET is recommended.
""", new_lesions=True, new_node_max_cm=2.1, etiology="uncertain", reader_assessment=None)

ct("jp_structured", """
    [Examination] Contrast-enhanced CT, neck to pelvis.
    [Clinical information] DLBCL, after 2 courses of R-ICE.
    [Comparison] CT 2026/03/02.
    [Findings]
    Left adrenal gland: a new nodular lesion of 1.8 cm.
    Para-aortic region: a new lymph node of 12 mm.
    Previous mediastinal lesions: slightly decreased.
    [Diagnosis]
    New left adrenal lesion and para-aortic lymph node, compatible with lymphoma infiltration. Progressive disease.
""", new_lesions=True, new_node_max_cm=1.2, new_extranodal_max_cm=1.8, etiology="lymphoma",
    reader_assessment="progression", extranodal_organs=["adrenal"])


# =====================================================================================
# Pathology
# =====================================================================================

path("synoptic_ihc", """
    SURGICAL PATHOLOGY - SYNOPTIC REPORT (LYMPHOMA)
    Specimen: Lymph node, left cervical (level III), excision biopsy.
    Procedure: Excision. Specimen size: 3.2 x 2.1 x 1.5 cm.
    Histologic type: Diffuse large B-cell lymphoma, NOS.
    Cell of origin (Hans algorithm): Germinal centre B-cell (GCB) type.
    Immunohistochemistry: CD20+, CD79a+, CD10+, BCL6+, MUM1-, BCL2+ (70%), MYC 30%, CD5-, cyclin D1-, CD30-, EBER-ISH negative. Ki-67 approximately 80%.
    FISH: MYC break-apart - no rearrangement. BCL2 break-apart - no rearrangement.
    Comment: No areas of low-grade follicular lymphoma identified; no evidence of high-grade transformation.
    FINAL DIAGNOSIS: Left cervical lymph node: diffuse large B-cell lymphoma, GCB type.
""", result="positive", site="left cervical lymph node",
    lymphoma_type="diffuse large B-cell lymphoma, GCB type")

path("synoptic_ihc", """
    SYNOPTIC REPORT - GASTRIC BIOPSY
    Specimen: Stomach, antrum, endoscopic biopsies (x6).
    Diagnosis: Diffuse large B-cell lymphoma, activated B-cell (non-GCB) type.
    IHC panel: CD20+ (diffuse), PAX5+, CD10-, BCL6+, MUM1+, BCL2+, c-MYC 20%, CD3- (background T cells only), Ki-67 90%.
    EBER: negative.
    Helicobacter pylori (Giemsa/IHC): not identified.
    Low-grade MALT component: not identified.
""", result="positive", site="stomach (gastric antrum)",
    lymphoma_type="diffuse large B-cell lymphoma, ABC (non-GCB) type")

path("synoptic_ihc", """
    LYMPHOMA SYNOPTIC
    Specimen: Mediastinal mass, CT-guided core biopsies (4 cores).
    Diagnosis: Primary mediastinal (thymic) large B-cell lymphoma.
    Immunophenotype: CD20+, CD79a+, CD23+, CD30 weak/partial, CD15-, PD-L1 positive (strong, ~90%), MAL+, CD10-, BCL6+, MUM1+. Ki-67 ~70%.
    Background: sclerosis with compartmentalisation. No Hodgkin/Reed-Sternberg-like cells.
    Comment: Classic Hodgkin lymphoma is not favoured.
""", result="positive", site="anterior mediastinal mass",
    lymphoma_type="primary mediastinal large B-cell lymphoma")

path("synoptic_ihc", """
    SYNOPTIC REPORT
    Specimen: Right inguinal lymph node, excision.
    Diagnosis: High-grade B-cell lymphoma with MYC and BCL2 rearrangements.
    Morphology: sheets of medium-to-large cells, starry-sky pattern.
    IHC: CD20+, CD10+, BCL6+, MUM1-, BCL2+ (strong), MYC 80%, TdT-, Ki-67 >95%.
    FISH: MYC rearranged (IGH partner); BCL2 rearranged; BCL6 not rearranged.
""", result="positive", site="right inguinal lymph node",
    lymphoma_type="high-grade B-cell lymphoma with MYC and BCL2 rearrangements")

path("synoptic_ihc", """
    HAEMATOPATHOLOGY SYNOPTIC REPORT
    Specimen: Left axillary lymph node, core biopsy (x3, 16G).
    Diagnosis: T-cell/histiocyte-rich large B-cell lymphoma.
    IHC: scattered large CD20+, BCL6+, CD15-, CD30- cells in a background rich in CD3+ T cells and CD68+/CD163+ histiocytes; no residual follicular dendritic meshworks (CD21). EBER negative.
    Comment: Nodular lymphocyte-predominant Hodgkin lymphoma with a diffuse pattern cannot be entirely separated on a core biopsy, but the features favour T-cell/histiocyte-rich large B-cell lymphoma.
""", result="positive", site="left axillary lymph node",
    lymphoma_type="T-cell/histiocyte-rich large B-cell lymphoma")

# --- cytology / FNA -------------------------------------------------------------------
path("fna_cytology", """
    CYTOPATHOLOGY REPORT
    Specimen: FNA, right axillary lymph node (ultrasound-guided, 3 passes, 22G).
    Microscopy: Cellular smears with a monotonous population of large atypical lymphoid cells with vesicular chromatin and prominent nucleoli; numerous apoptotic bodies.
    Flow cytometry: kappa-restricted CD19+, CD20+, CD10- B-cell population (62% of events).
    Interpretation: Suspicious for large B-cell lymphoma. Excision or core biopsy is recommended for definitive classification.
""", result="unknown", site="right axillary lymph node", lymphoma_type=None)

path("fna_cytology", """
    CYTOLOGY
    Specimen: FNA left supraclavicular lymph node.
    Material: 2 air-dried and 2 alcohol-fixed slides.
    Report: Scant, bloodstained material. Very few lymphoid cells, insufficient for assessment. No flow cytometry possible.
    Diagnosis: Insufficient material - non-diagnostic. Suggest repeat sampling (core biopsy).
""", result="unknown", site="left supraclavicular lymph node", lymphoma_type=None)

path("fna_cytology", """
    EBUS-TBNA CYTOLOGY REPORT
    Specimen: Station 7 (subcarinal) lymph node, EBUS-TBNA, 4 passes. Rapid on-site evaluation: adequate lymphoid sampling.
    Microscopy: Polymorphous lymphoid population with cohesive clusters of epithelioid histiocytes and occasional multinucleate giant cells. No necrosis.
    Flow cytometry: no monoclonal B-cell population; T/B ratio normal.
    Diagnosis: Non-necrotising granulomatous inflammation. Negative for lymphoma and for malignant cells.
""", result="negative", site="subcarinal lymph node (station 7)", lymphoma_type=None)

path("fna_cytology", """
    CYTOLOGY + FLOW CYTOMETRY
    Specimen: Pleural fluid, right, 800 mL.
    Findings: Numerous large atypical lymphoid cells. Flow cytometry: lambda-restricted CD19+ CD20+ CD10+ B-cell population, large (high forward scatter), 45% of cells. Cell block IHC: CD20+, BCL6+, Ki-67 ~90%.
    Diagnosis: Pleural effusion involved by large B-cell lymphoma, consistent with relapse of the patient's known DLBCL.
""", result="positive", site="right pleural fluid",
    lymphoma_type="large B-cell lymphoma (relapsed DLBCL)")

# --- UK narrative histology -----------------------------------------------------------
path("uk_narrative_histo", """
    HISTOPATHOLOGY REPORT
    Specimen: Core biopsy, left inguinal lymph node (x3).
    Clinical details: New left inguinal node 2 years after R-CHOP for DLBCL. ?relapse.
    Macroscopy: Three cores of tan tissue, 12-18 mm.
    Microscopy: The cores show lymph node with preserved architecture and numerous reactive follicles with polarised germinal centres and tingible-body macrophages. CD20 and CD3 show a normal distribution; BCL2 is negative in germinal centres; Ki-67 shows a normal follicular pattern.
    Conclusion: Reactive follicular hyperplasia. No evidence of lymphoma.
""", result="negative", site="left inguinal lymph node", lymphoma_type=None)

path("uk_narrative_histo", """
    HISTOPATHOLOGY REPORT
    Specimen: Excision, right groin lymph node.
    Microscopy: The node is replaced by a diffuse infiltrate of large centroblastic B cells (CD20+, CD10+, BCL6+) with residual nodular areas of small centrocytes in CD21+ meshworks, in keeping with follicular lymphoma grade 1-2.
    Diagnosis: Diffuse large B-cell lymphoma arising from (transformed from) follicular lymphoma grade 1-2.
""", result="positive", site="right groin lymph node",
    lymphoma_type="diffuse large B-cell lymphoma transformed from follicular lymphoma")

path("uk_narrative_histo", """
    HISTOPATHOLOGY REPORT
    Specimen: Mediastinal mass, residual, CT-guided core biopsy (after R-CHOP; PET Deauville 4).
    Microscopy: Dense hyalinised fibrosis with areas of coagulative necrosis and scattered foamy macrophages. CD20 highlights only rare small B cells; no large atypical cells. Ki-67 low.
    Conclusion: Fibrosis and necrosis consistent with treated disease. No viable lymphoma identified.
""", result="negative", site="mediastinal mass (residual)", lymphoma_type=None)

path("uk_narrative_histo", """
    HISTOPATHOLOGY
    Specimen: Skin, left thigh, 4 mm punch biopsy.
    Clinical: Patient on treatment for DLBCL; new erythematous papular rash. ?cutaneous involvement.
    Microscopy: Interface dermatitis with eosinophils and a superficial perivascular lymphocytic infiltrate composed of small CD3+ T cells. No large atypical B cells (CD20 stain).
    Conclusion: Features of a drug eruption. No evidence of cutaneous lymphoma.
""", result="negative", site="skin, left thigh", lymphoma_type=None)

path("uk_narrative_histo", """
    HISTOPATHOLOGY REPORT
    Specimen: Core biopsy, left axillary lymph node.
    Clinical: Previous DLBCL (2023), in remission. Now left axillary lymphadenopathy; mammography pending.
    Microscopy: Lymph node partially replaced by cohesive nests of malignant epithelial cells (CK7+, GATA3+, ER+). CD20 and CD3 show residual normal lymphoid tissue only.
    Conclusion: Metastatic carcinoma, consistent with breast primary. No lymphoma identified.
""", result="negative", site="left axillary lymph node", lymphoma_type=None)

# --- German-influenced pathology --------------------------------------------------------
path("de_befund", """
    Pathology Findings Report
    Material: Retroperitoneal lymph node, CT-guided core biopsy (4 cylinders).
    Clinical information: DLBCL 2024, complete remission after R-CHOP; now new retroperitoneal mass.
    Macroscopy: Four grey-white tissue cylinders, up to 1,6 cm.
    Microscopy: Diffuse infiltrates of large blastic B cells (CD20+, PAX5+), CD10-, MUM1+, Ki-67 approx. 85%.
    Critical findings report: Recurrence of the known diffuse large B-cell lymphoma (non-GCB type). No evidence of another malignancy.
""", result="positive", site="retroperitoneal lymph node",
    lymphoma_type="diffuse large B-cell lymphoma, non-GCB type (recurrent)")

path("de_befund", """
    Pathology Findings Report
    Material: Lymph node, right cervical, core biopsy.
    Microscopy: Small, partly crushed tissue cylinders with a polymorphous lymphoid infiltrate; scattered larger CD20-positive cells, CD30 partly positive. The architecture cannot be assessed in the small sample.
    Assessment: Findings compatible with a reactive lymphadenopathy; infiltration by a B-cell lymphoma cannot be excluded with certainty on the present material. Re-biopsy (excision) is recommended.
""", result="unknown", site="right cervical lymph node", lymphoma_type=None)

path("de_befund", """
    Neuropathology Findings Report
    Material: Stereotactic biopsy, left periventricular lesion (frontal).
    Microscopy: Angiocentric infiltrates of large atypical B cells (CD20+, CD79a+), CD10-, BCL6+, MUM1+, Ki-67 >90%. Reactive astrogliosis.
    Diagnosis: Diffuse large B-cell lymphoma of the central nervous system (primary CNS lymphoma type). No evidence of glioma.
""", result="positive", site="brain, left periventricular (frontal)",
    lymphoma_type="diffuse large B-cell lymphoma of the CNS")

path("de_befund", """
    Bone Marrow Findings Report
    Material: Bone marrow trephine, right posterior iliac crest (2,1 cm) and aspirate.
    Indication: Staging of DLBCL.
    Microscopy: Normocellular marrow (approx. 40%) with trilineage haematopoiesis and regular maturation. CD20 and PAX5: scattered small B cells only, no infiltrates.
    Assessment: No evidence of infiltration by the known diffuse large B-cell lymphoma.
""", result="negative", site="bone marrow trephine (right posterior iliac crest)",
    lymphoma_type=None)

# --- Indian template pathology -----------------------------------------------------------
path("in_template", """
    DEPARTMENT OF PATHOLOGY - HISTOPATHOLOGY REPORT
    HPE No.: [redacted]    Specimen received: Biopsy, right cervical lymph node, in formalin.
    Clinical details: 38Y/M, cervical lymphadenopathy with fever x 2 months. ?Lymphoma ?Koch's.
    Microscopy: Sections show a lymph node with effaced architecture by an atypical lymphoid infiltrate of medium to large cells. No granulomas, no caseation.
    Impression: Atypical lymphoid infiltrate. Further work-up with IHC (CD20, CD3, CD10, BCL6, MUM1, Ki-67) advised. Kindly send blocks for IHC.
""", result="unknown", site="right cervical lymph node", lymphoma_type=None)

path("in_template", """
    HISTOPATHOLOGY REPORT
    Specimen: Trucut biopsy from left supraclavicular node.
    Microscopy: Tiny fragments of lymphoid tissue with marked crush artefact. Morphology and IHC (CD20, CD3, Ki-67) non-contributory owing to the crush artefact.
    Opinion: Non-diagnostic biopsy. Repeat (excision) biopsy suggested.
""", result="unknown", site="left supraclavicular lymph node", lymphoma_type=None)

# --- Japanese-influenced structured pathology --------------------------------------------
path("jp_structured", """
    [Specimen] Liver, needle biopsy (segment 8).
    [Diagnosis] Diffuse large B-cell lymphoma, non-GCB type.
    [Findings] Diffuse infiltration of large atypical lymphocytes in the portal tracts and sinusoids. CD20(+), CD3(-), CD10(-), BCL6(+), MUM1(+), Ki-67 index about 80%.
    [Comment] There is no component of hepatocellular carcinoma.
""", result="positive", site="liver (segment 8)",
    lymphoma_type="diffuse large B-cell lymphoma, non-GCB type")

# --- French-influenced pathology ----------------------------------------------------------
path("fr_compte_rendu", """
    ANATOMOPATHOLOGICAL EXAMINATION - compte rendu
    Specimen: Right orchidectomy.
    Macroscopy: Testis of 5,5 x 4 x 3 cm, replaced by a homogeneous fish-flesh tumour of 3,8 cm.
    Microscopy and immunohistochemistry: Diffuse proliferation of large B cells, CD20+, CD10-, BCL6+, MUM1+, BCL2+, MYC 50%, Ki-67 90%. Germ cell markers (SALL4, OCT3/4, PLAP) negative.
    Conclusion: Testicular diffuse large B-cell lymphoma, activated (non-GC) phenotype. Absence of germ cell tumour. Spermatic cord margin free.
""", result="positive", site="right testis",
    lymphoma_type="diffuse large B-cell lymphoma, activated (non-GC) phenotype")

# --- Older era pathology -----------------------------------------------------------------
path("legacy_dictation", """
    SURGICAL PATHOLOGY REPORT (1996)
    Specimen: Lymph node, right neck, excisional biopsy.
    Gross: A 2.8 cm tan, fleshy lymph node.
    Microscopic: Complete effacement of nodal architecture by a diffuse proliferation of large lymphoid cells with vesicular nuclei and prominent nucleoli. Immunoperoxidase: L26 (CD20) positive, UCHL1 negative, keratin negative.
    Diagnosis: Malignant lymphoma, diffuse, large cell type (Working Formulation G), B-cell phenotype.
""", result="positive", site="right neck lymph node",
    lymphoma_type="diffuse large cell lymphoma, B-cell (Working Formulation G)")


# =====================================================================================
# Validation and output
# =====================================================================================

def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _check_extranodal(g, where):
    v = g["extranodal_organs"]
    if v is None:
        return
    assert isinstance(v, list), where
    assert len(v) == len(set(v)), where
    for o in v:
        assert o in EXTRANODAL, f"{where}: unknown extranodal organ {o!r}"


def _check_etiology(g, where):
    et = g["new_lesion_etiology"]
    nl = g["new_lesions"]
    assert nl in (True, False, None), where
    if nl is True:
        assert et in ETIOLOGY, f"{where}: new_lesions true needs an etiology"
    else:
        assert et is None, f"{where}: etiology set without new lesions"


def validate(records) -> None:
    ids = set()
    for r in records:
        where = r["id"]
        assert r["id"] not in ids, where
        ids.add(r["id"])
        assert set(r) == {"id", "kind", "style", "text", "gold"}, where
        assert isinstance(r["text"], str) and len(r["text"]) > 40, where
        assert isinstance(r["style"], str) and r["style"], where
        g = r["gold"]
        if r["kind"] == "pet":
            assert tuple(g) == PET_KEYS, where
            ds = g["deauville"]
            assert ds is None or (isinstance(ds, int) and not isinstance(ds, bool) and 1 <= ds <= 5), where
            assert isinstance(g["deauville_x"], bool), where
            assert g["uptake"] is None or g["uptake"] in UPTAKE, where
            _check_etiology(g, where)
            assert g["marrow"] is None or g["marrow"] in MARROW, where
            assert g["category"] is None or g["category"] in CATEGORY, where
            assert isinstance(g["addendum_revised"], bool), where
            assert g["extensive_mesenteric"] in (True, False, None), where
            _check_extranodal(g, where)
            if g["deauville_x"]:
                assert "X" in r["text"], where
        elif r["kind"] == "ct":
            assert tuple(g) == CT_KEYS, where
            _check_etiology(g, where)
            for k in ("new_node_max_cm", "new_extranodal_max_cm"):
                v = g[k]
                assert v is None or (_is_num(v) and 0 < v < 50), f"{where}: {k}"
                if v is not None:
                    assert g["new_lesions"] is True, f"{where}: {k} without new lesions"
            v = g["spd_cm2"]
            assert v is None or (_is_num(v) and 0 < v < 1000), where
            assert g["reader_assessment"] is None or g["reader_assessment"] in CT_ASSESSMENT, where
            assert g["extensive_mesenteric"] in (True, False, None), where
            assert isinstance(g["addendum_revised"], bool), where
            _check_extranodal(g, where)
        elif r["kind"] == "pathology":
            assert tuple(g) == PATH_KEYS, where
            assert g["result"] in PATH_RESULT, where
            assert isinstance(g["site"], str) and g["site"], where
            if g["result"] == "positive":
                assert isinstance(g["lymphoma_type"], str) and g["lymphoma_type"], where
            else:
                assert g["lymphoma_type"] is None, where
        else:
            raise AssertionError(f"{where}: unknown kind {r['kind']!r}")
        if r["kind"] != "pathology" and g["addendum_revised"]:
            assert "ADDENDUM" in r["text"].upper(), where

    kinds = [r["kind"] for r in records]
    assert len(records) >= 80, len(records)
    assert kinds.count("pet") >= 40 and kinds.count("ct") >= 20 and kinds.count("pathology") >= 20
    assert len({r["style"] for r in records}) >= 6


def build() -> list[dict]:
    out = []
    for i, rec in enumerate(RECORDS, start=1):
        out.append({"id": f"b{i:03d}", "kind": rec["kind"], "style": rec["style"],
                    "text": rec["text"], "gold": rec["gold"]})
    return out


def main() -> int:
    records = build()
    validate(records)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str], int] = {}
    for r in records:
        counts[(r["kind"], r["style"])] = counts.get((r["kind"], r["style"]), 0) + 1
    print(f"wrote {len(records)} records to {OUT.name}")
    for (kind, style), n in sorted(counts.items()):
        print(f"  {kind:10s} {style:22s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
