#!/usr/bin/env python3
"""Held-out PET-CT report-text set (blind7).

Every text is invented; names, dates and figures are made up or [redacted].
The gold was written from the conventions of the blind-set README ("Gold schema and
the conventions used", PET table) and the binding contract clarifications, without
looking at or running any extractor.

Run:  python3 make_set.py   -> writes set.jsonl next to this file (deterministic).
"""
import json
import os

KEYS = ["deauville", "deauville_x", "uptake", "new_lesions", "new_lesion_etiology",
        "marrow", "category", "addendum_revised", "extensive_mesenteric", "extranodal_organs"]
UPTAKE = {None, "reduced", "unchanged", "increased"}
ETIOLOGY = {None, "lymphoma", "uncertain", "not_lymphoma"}
MARROW = {None, "none", "diffuse_reactive", "focal_residual_reduced", "unchanged",
          "new_or_recurrent_focal"}
CATEGORY = {None, "CMR", "PMR", "NMR", "PMD"}
# Organ names: plain lowercase organ words (the contract's enum spelling was not
# available to this writer; see the dispute list at the end).
ORGANS = {"liver", "lung", "bone", "stomach", "kidney", "adrenal"}

STYLES = {
    "ca_academic": "Canadian academic centre: HISTORY / TECHNIQUE / COMPARISON / FINDINGS / IMPRESSION, '5PS n', 'Lugano: XXX'",
    "us_private_regions": "US private practice: Head/Neck:, Chest:, Abdomen/Pelvis:, Musculoskeletal: subsections",
    "nl_be_english": "Dutch/Belgian-influenced English: 'hypermetabolic', 'no longer visualised', 'in regression', dd/mm/yyyy",
    "uk_nhs_report_comment": "Irish/Scottish NHS: 'Clinical details:', 'Report:', 'Comment:'",
    "voice_recognition": "voice-recognition dictation with errors, run-on sentences, little punctuation",
    "lugano_block": "structured 'Response assessment (Lugano 2014)' block of key: value lines",
    "email_reply": "email reply by a nuclear medicine physician, sometimes with a quoted earlier message",
    "region_bullets": "scores given only per region in a bulleted list",
    "two_comparator": "comparison with two earlier scans (baseline and interim / EOT / day 90) in one sentence",
}

RECORDS = []


def R(style, text, deauville=None, deauville_x=False, uptake=None, new_lesions=None,
      new_lesion_etiology=None, marrow=None, category=None, addendum_revised=False,
      extensive_mesenteric=None, extranodal_organs=None):
    RECORDS.append({
        "style": style,
        "text": text.strip("\n"),
        "gold": {
            "deauville": deauville, "deauville_x": deauville_x, "uptake": uptake,
            "new_lesions": new_lesions, "new_lesion_etiology": new_lesion_etiology,
            "marrow": marrow, "category": category, "addendum_revised": addendum_revised,
            "extensive_mesenteric": extensive_mesenteric,
            "extranodal_organs": extranodal_organs,
        },
    })


# ---------------------------------------------------------------- ca_academic (5)
# t001  trap: extensive mesenteric disease only in HISTORY (staging).
R("ca_academic", """
FDG PET-CT, SKULL BASE TO MID-THIGH

HISTORY: 58 year old man with DLBCL, stage IIIA, extensive mesenteric disease on staging (5PS 5, SUVmax 21.4). Interim assessment after 2 cycles of R-CHOP.

TECHNIQUE: 352 MBq F-18 FDG IV, uptake time 64 minutes, blood glucose 5.6 mmol/L. Low-dose CT for attenuation correction and localisation.

COMPARISON: Baseline PET-CT 2026-01-10.

FINDINGS:
Mediastinal blood pool SUVmax 1.9; liver SUVmax 2.6.
The mesenteric mass has decreased to 4.1 x 2.8 cm (previously 9.8 x 7.2 cm). Its uptake is moderately above liver, SUVmax 6.2, markedly reduced compared with the baseline study.
The previously involved para-aortic nodes are now subcentimetric with uptake below blood pool.
No new FDG-avid lesion.
Diffuse homogeneous marrow uptake, in keeping with reactive change after chemotherapy and G-CSF.

IMPRESSION:
1. Residual mesenteric uptake, 5PS 4, reduced relative to baseline.
2. Lugano: PMR.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="PMR")

# t002  traps: history 5PS 4 / PMR and organs in history; "no longer FDG avid" without a comparison -> uptake null.
R("ca_academic", """
FDG PET-CT

HISTORY: DLBCL stage IV with hepatic and osseous involvement at diagnosis. Interim PET after cycle 3: 5PS 4, Lugano PMR. Now end of treatment after 6 cycles of R-CHOP.

TECHNIQUE: Standard institutional protocol. Glucose 6.1 mmol/L.

COMPARISON: Interim PET-CT 2026-03-02 and staging PET-CT 2025-12-20.

FINDINGS:
Head and neck: No abnormal uptake.
Chest: The previously described anterior mediastinal nodes show uptake below mediastinal blood pool.
Abdomen and pelvis: The previously noted hepatic lesions are no longer FDG avid. Physiological bowel and urinary activity.
Skeleton: The L2 and right iliac lesions show sclerotic healing with uptake below blood pool. No focal marrow uptake.
No new sites of disease.

IMPRESSION:
5PS 2. Lugano: CMR. No residual metabolically active lymphoma.
""", deauville=2, uptake=None, new_lesions=False, marrow="none", category="CMR")

# t003  traps: COMPARISON is the EOT scan (not baseline); history 5PS 2 / CMR.
R("ca_academic", """
FDG PET-CT

HISTORY: DLBCL, completed R-CHOP x 6 in 06/2025 with 5PS 2 (Lugano CMR) at end of treatment. New left neck swelling.

TECHNIQUE: 4.0 MBq/kg FDG; 60 minute uptake.

COMPARISON: End-of-treatment PET-CT 2025-06-14.

FINDINGS:
A new hypermetabolic left supraclavicular node measures 2.3 cm, SUVmax 14.5 (previously not seen).
A new hypodense lesion in hepatic segment VI is intensely FDG avid, SUVmax 11.2.
The remainder of the nodal stations are normal. Bone marrow uptake is normal.

IMPRESSION:
1. New left supraclavicular nodal and hepatic disease, consistent with relapse. 5PS 5.
2. Lugano: PMD.
Tissue confirmation of the supraclavicular node is suggested.
""", deauville=5, uptake=None, new_lesions=True, new_lesion_etiology="lymphoma", marrow="none",
  category="PMD", extranodal_organs=["liver"])

# t004  staging scan: extensive mesentery, stomach involved, spleen (not extranodal).
R("ca_academic", """
FDG PET-CT - INITIAL STAGING

HISTORY: Newly diagnosed DLBCL (excision biopsy of a mesenteric node). Staging before R-CHOP.

TECHNIQUE: 380 MBq FDG, vertex to toes.

COMPARISON: None.

FINDINGS:
An FDG-avid mesenteric conglomerate measures 11.2 x 8.4 cm (SUVmax 24.8), with extensive mesenteric involvement extending to the root of the mesentery.
Circumferential thickening of the gastric antrum with intense uptake, in keeping with gastric involvement.
Multiple FDG-avid splenic lesions.
Retroperitoneal nodes up to 2.4 cm.
No focal marrow uptake to suggest marrow involvement.

IMPRESSION:
1. Extensive FDG-avid lymphoma in the mesentery and retroperitoneum, with gastric and splenic involvement. Ann Arbor stage IV.
2. 5PS is not applicable at staging; this study will serve as the baseline for response assessment.
""", marrow="none", extensive_mesenteric=True, extranodal_organs=["stomach"])

# t005  vaccination node X; "less metabolically active than on the pre-treatment study".
R("ca_academic", """
FDG PET-CT

HISTORY: Primary mediastinal-type presentation of DLBCL with bulky mediastinal mass. Interim after 4 cycles of R-CHOP. COVID-19 booster in the left deltoid 5 days ago.

TECHNIQUE: Standard.

COMPARISON: Pre-treatment PET-CT 2026-01-22.

FINDINGS:
The residual anterior mediastinal soft tissue measures 3.0 x 1.9 cm, with uptake above mediastinal blood pool but below liver. It is much less metabolically active than on the pre-treatment study.
There are new small left axillary nodes up to 0.9 cm with mild uptake, ipsilateral to the recent vaccination.
No focal marrow uptake.

IMPRESSION:
1. Residual mediastinal mass, 5PS 3.
2. Left axillary nodes 5PS X, reactive post-vaccination.
3. Lugano: CMR.
""", deauville=3, deauville_x=True, uptake="reduced", new_lesions=True,
  new_lesion_etiology="not_lymphoma", marrow="none", category="CMR")

# ---------------------------------------------------------- us_private_regions (4)
# t006  EOT CMR, mesentery clear, G-CSF marrow.
R("us_private_regions", """
PET/CT SKULL BASE TO THIGH
INDICATION: DLBCL, end of therapy (R-CHOP x6).
COMPARISON: None available at this facility.

FINDINGS:
Head/Neck: No hypermetabolic cervical adenopathy. The previously biopsied left level II node measures 0.8 cm with background-level activity.
Chest: Physiologic cardiac activity. A few calcified granulomas without uptake.
Abdomen/Pelvis: The mesentery is clear; no mesenteric adenopathy. Physiologic bowel activity. Spleen normal in size and activity.
Musculoskeletal: Diffusely increased marrow uptake, likely related to recent growth factor. No focal osseous lesion.

IMPRESSION:
Complete metabolic response, Deauville 2. No new disease.
""", deauville=2, new_lesions=False, marrow="diffuse_reactive", category="CMR",
  extensive_mesenteric=False)

# t007  increased vs staging; new lung nodule "suspicious" -> uncertain; lung not listed.
R("us_private_regions", """
PET/CT
INDICATION: DLBCL after 4 cycles of R-CHOP.
COMPARISON: PET/CT 02/11/2026 (staging).

FINDINGS:
Head/Neck: Right cervical chain nodes measure up to 3.4 cm, SUVmax 16.8, previously 12.3 on the staging study, i.e. increased.
Chest: New 1.4 cm right lower lobe pulmonary nodule, SUVmax 7.9.
Abdomen/Pelvis: Retroperitoneal nodes are similar in size with uptake moderately above liver.
Musculoskeletal: No focal marrow uptake.

IMPRESSION:
1. Progressive metabolic disease. Deauville 5 in the right neck, with increased uptake compared with baseline.
2. New right lower lobe nodule, suspicious for lymphomatous involvement; infection is less likely. Tissue sampling could be considered.
""", deauville=5, uptake="increased", new_lesions=True, new_lesion_etiology="uncertain",
  marrow="none", category="PMD")

# t008  staging; liver + kidney involved; adrenal indeterminate; mesentery "no extensive".
R("us_private_regions", """
PET/CT - INITIAL STAGING
INDICATION: New diagnosis of large B-cell lymphoma.
COMPARISON: CT abdomen/pelvis 3 weeks ago.

FINDINGS:
Head/Neck: Bilateral hypermetabolic cervical nodes, up to 2.6 cm, SUVmax 18.
Chest: Hypermetabolic mediastinal and right hilar nodes.
Abdomen/Pelvis: Multiple hypermetabolic hepatic lesions, the largest 3.1 cm in segment VIII. Bilateral hypermetabolic renal masses. A 1.6 cm left adrenal nodule with intense uptake is indeterminate (adenoma versus involvement). A few small mesenteric nodes; no extensive mesenteric disease.
Musculoskeletal: No marrow involvement.

IMPRESSION:
FDG-avid lymphoma above and below the diaphragm with hepatic and renal involvement. Left adrenal nodule indeterminate.
""", marrow="none", extensive_mesenteric=False, extranodal_organs=["liver", "kidney"])

# t009  addendum that only corrects the liver reference value.
R("us_private_regions", """
PET/CT
INDICATION: DLBCL, interim after 3 cycles.
COMPARISON: Baseline PET/CT 12/30/2025.

FINDINGS:
Head/Neck: Resolved cervical adenopathy.
Chest: The left paratracheal node measures 1.6 cm with uptake moderately above liver (SUVmax 5.4, liver 2.4), reduced from SUVmax 17.2 at baseline.
Abdomen/Pelvis: No hypermetabolic disease.
Musculoskeletal: Unremarkable.
No new hypermetabolic foci.

IMPRESSION:
Deauville 4, reduced uptake compared with baseline. Partial metabolic response.

ADDENDUM: The liver reference SUVmax should read 2.5, not 2.4. This does not change the Deauville score or the impression.
""", deauville=4, uptake="reduced", new_lesions=False, category="PMR")

# ------------------------------------------------------------- nl_be_english (4)
# t010  "in clear regression", "no longer visualised"; CMR with DS 3.
R("nl_be_english", """
PET-CT whole body

Indication: Evaluation after 4x R-CHOP for DLBCL.
Comparison: PET-CT of 12/01/2026 (baseline, before start of therapy).

Findings:
The hypermetabolic cervical and mediastinal adenopathies are in clear regression, with clearly decreased FDG uptake in comparison with the baseline study; the majority are no longer visualised. Residual mediastinal mass of 2.4 cm with slight FDG uptake, above the mediastinal blood pool but lower than the liver (Deauville 3).
The hypermetabolic lesions in the spleen are no longer visualised.
Bone marrow: homogeneous, no focal lesions.
No new hypermetabolic lesions.

Conclusion:
Favourable metabolic evolution: complete metabolic remission (Deauville 3).
""", deauville=3, uptake="reduced", new_lesions=False, marrow="none", category="CMR")

# t011  liver lesion hedged (recurrence vs abscess); stomach only in history.
R("nl_be_english", """
PET-CT

Indication: History of DLBCL with involvement of the stomach, in complete remission since end of treatment 08/2025. Fever and elevated CRP.
Comparison: PET-CT of 22/08/2025 (end of treatment).

Findings:
New hypermetabolic lesion in liver segment VII of 2.8 cm, SUVmax 9.6, with central hypodensity. Deauville 5.
The gastric wall shows physiological uptake.
No hypermetabolic adenopathies.
No hypermetabolic bone marrow lesions.

Conclusion:
New hypermetabolic liver lesion. Differential diagnosis: recurrence of lymphoma versus hepatic abscess; lymphoma cannot be excluded. Correlation with ultrasound-guided biopsy proposed.
""", deauville=5, new_lesions=True, new_lesion_etiology="uncertain", marrow="none")

# t012  NMR, marrow unchanged, extensive mesentery persists; non-revising addendum.
R("nl_be_english", """
PET-CT

Indication: DLBCL stage IV, interim evaluation after 3x R-CHOP.
Comparison: Baseline PET-CT of 03/02/2026.

Findings:
In comparison with the baseline PET-CT, the hypermetabolic retroperitoneal conglomerate is stable in size and with comparable FDG uptake (SUVmax 15.3 versus 15.9). Deauville 5.
The extensive hypermetabolic mesenteric involvement persists.
The known hypermetabolic lesions in the bone marrow (pelvis, sternum) are unchanged.
No new lesions.

Conclusion:
No metabolic response (stable metabolic disease), Deauville 5.

Addendum: SUVmax of the sternal bone marrow lesion is 7.1 (baseline 7.4). Conclusion unchanged.
""", deauville=5, uptake="unchanged", new_lesions=False, marrow="unchanged", category="NMR",
  extensive_mesenteric=True)

# t013  brown fat X as a newly appeared focus; DS range 1-2.
R("nl_be_english", """
PET-CT

Indication: End-of-treatment evaluation, DLBCL of the left inguinal region, 6x R-CHOP. Examination performed in winter conditions.
Comparison: PET-CT of 17/10/2025.

Findings:
The previously hypermetabolic left inguinal adenopathy is no longer visualised; at the previously involved sites Deauville 1-2.
Newly appeared symmetric FDG uptake in the supraclavicular and paravertebral fat, compatible with brown fat activation (Deauville X).
No focal bone marrow uptake.

Conclusion:
Complete metabolic remission. Brown fat activity without pathological meaning.
""", deauville=2, deauville_x=True, new_lesions=True, new_lesion_etiology="not_lymphoma",
  marrow="none", category="CMR")

# ---------------------------------------------------- uk_nhs_report_comment (5)
# t014  trap: baseline DS 5 and gastric involvement in clinical details.
R("uk_nhs_report_comment", """
NHS TAYSIDE - PET-CT

Clinical details: DLBCL, end-of-treatment PET. Baseline PET (Ninewells) Deauville 5 with gastric involvement.

Report:
Comparison is made with the baseline study of 04/11/2025.
The gastric wall uptake has returned to physiological levels.
The previously involved coeliac axis nodes measure up to 1.2 cm, with uptake above liver (Deauville 4), considerably less than at baseline.
Normal marrow appearances. No new sites of disease.

Comment:
Residual Deauville 4 coeliac nodal uptake, reduced versus baseline, in keeping with a partial metabolic response at end of treatment. Biopsy should be considered.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

# t015  addendum that revises DS 3 -> 4 and CMR -> PMR.
R("uk_nhs_report_comment", """
ST VINCENT'S UNIVERSITY HOSPITAL - PET-CT REPORT

Clinical details: DLBCL, interim PET after 3 cycles of R-CHOP.

Report:
Comparison with the baseline PET-CT of 14/01/2026.
The left axillary nodal mass has reduced from 5.2 cm to 2.1 cm. Its uptake is similar to liver, Deauville 3, and is reduced compared with baseline.
No other residual disease. No new lesions.

Comment:
Complete metabolic response.

ADDENDUM (2 days later): The study was reviewed at the lymphoma MDT. With the liver reference re-measured, the left axillary node uptake is moderately above liver and is re-scored Deauville 4. Uptake remains reduced compared with baseline. The comment is revised to: partial metabolic response.
""", deauville=4, uptake="reduced", new_lesions=False, category="PMR", addendum_revised=True)

# t016  trap: "unchanged from the interim" belongs to the interim; vs staging it is lower.
R("uk_nhs_report_comment", """
NHS GREATER GLASGOW AND CLYDE - PET-CT

Clinical details: DLBCL, end of treatment. Interim PET after cycle 2 showed Deauville 4.
Comparison: Interim PET-CT 12/12/2025; staging PET-CT 18/10/2025.

Report:
The anterior mediastinal mass measures 4.4 x 2.9 cm. Uptake (SUVmax 5.1) remains moderately above liver, Deauville 4; it is unchanged from the interim study but much lower than at staging.
Diffuse marrow uptake, in keeping with reactive change.
No new disease.

Comment:
Persistent Deauville 4 mediastinal residual. Partial metabolic response relative to baseline, with no further improvement since the interim study.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="PMR")

# t017  new rib focus: "likely traumatic ... deposit cannot be entirely excluded" -> uncertain.
R("uk_nhs_report_comment", """
BELFAST CITY HOSPITAL - PET-CT

Clinical details: DLBCL, end of R-CHOP x6. Fell on ice 4 weeks ago.

Report:
Previously involved cervical and mediastinal nodes are small with uptake at or below liver, Deauville 3 at worst.
New focal uptake in the right 6th rib laterally (SUVmax 4.2), with a healing fracture on CT; this is likely traumatic, although a lymphomatous deposit cannot be entirely excluded.

Comment:
Complete metabolic response at the previously involved sites. New right rib focus most likely fracture-related, but a deposit is not excluded; interval imaging in 8-12 weeks is suggested.
""", deauville=3, new_lesions=True, new_lesion_etiology="uncertain", category="CMR")

# t018  pre-salvage scan named as the baseline of this line; marrow focal residual reduced; history NMR DS 5.
R("uk_nhs_report_comment", """
ABERDEEN ROYAL INFIRMARY - PET-CT

Clinical details: DLBCL. Interim PET in January reported as Deauville 5, no metabolic response; switched to R-GDP. Post-salvage assessment after 2 cycles.
Comparison: Pre-salvage PET-CT 10/02/2026, which serves as the baseline for this line of treatment.

Report:
Uptake in the para-aortic nodes has decreased compared with the pre-salvage baseline but remains moderately above liver, Deauville 4.
The focal marrow uptake in the left iliac bone persists but is less intense than on the pre-salvage baseline.
No new lesions.

Comment:
Partial metabolic response to salvage therapy. Residual focal iliac marrow uptake; MRI or biopsy could be considered if it would change management.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="focal_residual_reduced",
  category="PMR")

# --------------------------------------------------------- voice_recognition (4)
# t019  "do a ville for" in the findings, "Deauville 4" in the impression.
R("voice_recognition", """
PETTY CT SKULL BASE TO MID THIGH. Clinical history DLBCL interim scan after for cycles. Findings compared to the baseline study from January the 8th there has been interval decrease in the FDG avidity of the bulky mediastinal mass which now demonstrates uptake just above the liver which I would call a do a ville for the previously seen splenic lesions have resolved and there is no new disease in the neck chest abdomen or pelvis the bone marrow shows diffuse uptake likely reactive to G CSF. Impression partial metabolic response Deauville 4 period.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="PMR")

# t020  "there are know new lesions" (VR for "no new lesions").
R("voice_recognition", """
PET CT end of treatment DLBCL. The left neck nodes that were the site of disease are now subcentimetre with uptake below the blood pool Deauville 2 the mesentery is clear there are know new lesions the marrow is unremarkable the spleen is normal size. Impression complete metabolic response Deauville 2 new paragraph no further imaging follow up is required from a PET point of view.
""", deauville=2, new_lesions=False, marrow="none", category="CMR", extensive_mesenteric=False)

# t021  PMD; SUV and words; new liver + adrenal lymphoma; new focal marrow.
R("voice_recognition", """
PET CT restaging DLBCL after 6 cycles R CHOP. There are new areas of intense uptake in the liver and the left adrenal gland consistent with progressive lymphoma the dominant retroperitoneal mass has increased in size and activity compared to the pre treatment scan SUV max 22.1 from 14.3 Deauville 5 there are also new focal marrow lesions in T9 and the right acetabulum also likely lymphoma no significant pleural effusion. Impression progressive metabolic disease with new hepatic adrenal and marrow disease.
""", deauville=5, uptake="increased", new_lesions=True, new_lesion_etiology="lymphoma",
  marrow="new_or_recurrent_focal", category="PMD", extranodal_organs=["liver", "adrenal"])

# t022  sarcoid-like reaction X; no category named ("no residual lymphoma").
R("voice_recognition", """
PET CT for end of treatment response comma DLBCL right groin. The previously involved right inguinal nodes show no residual uptake Deauville 1 there is new symmetrical bilateral hilar and mediastinal nodal uptake in a pattern typical of sarcoid like reaction which I would score as Deauville X there is no new disease elsewhere. Impression no residual lymphoma new hilar and mediastinal uptake sarcoid like reaction Deauville X.
""", deauville=1, deauville_x=True, new_lesions=True, new_lesion_etiology="not_lymphoma")

# -------------------------------------------------------------- lugano_block (5)
# t023  block: baseline DS 5 in the narrative above the block; mesentery none; extranodal none.
R("lugano_block", """
PET-CT, interim. DLBCL stage IIIA. Baseline Deauville 5 (SUVmax 26.0) in the right iliac chain. Residual right iliac nodes, largest 1.9 cm, SUVmax 5.0.

Response assessment (Lugano 2014)
Timepoint: interim (after C3)
Comparator: baseline PET-CT 2026-01-05
Deauville (highest): 4
Uptake vs baseline: decreased
New lesions: none
Bone marrow: no FDG-avid disease
Extranodal disease: none
Mesenteric disease: none
Metabolic response: PMR
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR",
  extensive_mesenteric=False, extranodal_organs=[])

# t024  baseline not available; indeterminate adrenal; category not assigned.
R("lugano_block", """
PET-CT after 4 cycles of R-CHOP (staging was performed at an outside institution; images not available).

Response assessment (Lugano 2014)
Timepoint: interim
Comparator: none available
Deauville (highest): 5 (left adrenal)
Previously involved nodal sites: Deauville 2
Uptake vs baseline: not assessable
New lesions: yes - left adrenal, 2.1 cm, SUVmax 8.8, indeterminate (adenoma versus lymphoma)
Bone marrow: physiological
Extranodal sites: left adrenal (indeterminate, see above)
Metabolic response: not assigned pending adrenal biopsy
""", deauville=5, new_lesions=True, new_lesion_etiology="uncertain", marrow="none")

# t025  addendum revises etiology, score and category (RLL focus infective -> X; PMD -> CMR).
R("lugano_block", """
PET-CT, end of treatment, DLBCL.

Response assessment (Lugano 2014)
Timepoint: end of treatment
Comparator: baseline PET-CT 2025-11-03
Deauville (highest): 5 (right lower lobe, new)
Previously involved sites: Deauville 2
Uptake vs baseline: reduced at all original sites
New lesions: yes - right lower lobe consolidation-nodule 1.6 cm, suspicious for lymphoma
Bone marrow: diffuse, reactive pattern
Extranodal: lung (new)
Metabolic response: PMD

ADDENDUM (2026-04-21): Bronchoalveolar lavage has since grown Aspergillus fumigatus. The right lower lobe focus is considered infective and is re-scored Deauville X. Highest Deauville at lymphoma sites: 2. No extranodal lymphoma. Metabolic response revised to CMR.
""", deauville=2, deauville_x=True, uptake="reduced", new_lesions=True,
  new_lesion_etiology="not_lymphoma", marrow="diffuse_reactive", category="CMR",
  addendum_revised=True, extranodal_organs=[])

# t026  NMR, range 4-5, marrow unchanged, bulky mesentery persists.
R("lugano_block", """
FDG PET-CT - interim after 2 cycles of R-CHOP.

Response assessment (Lugano 2014)
Timepoint: interim
Comparator: baseline PET-CT 2026-02-11
Deauville (highest): 4-5
Uptake vs baseline: no significant change
New lesions: no
Bone marrow: focal uptake L4 and left iliac crest, unchanged from baseline
Mesentery: bulky mesenteric mass persists (7.8 cm), extensive mesenteric disease
Metabolic response: NMR (stable metabolic disease)
""", deauville=5, uptake="unchanged", new_lesions=False, marrow="unchanged", category="NMR",
  extensive_mesenteric=True)

# t027  prior line carries interim values; uptake given only vs interim -> null.
R("lugano_block", """
PET-CT, end of treatment, DLBCL (bone involvement at staging).

Response assessment (Lugano 2014)
Prior: interim PET-CT 2026-02-20 - Deauville 4, PMR
Current timepoint: end of treatment
Comparator: interim PET-CT 2026-02-20
Deauville (highest): 3
Uptake vs interim: reduced
New lesions: none
Marrow: focal at staging - now no focal uptake
Extranodal: none currently (bone at staging)
Metabolic response: CMR
""", deauville=3, new_lesions=False, marrow="none", category="CMR", extranodal_organs=[])

# -------------------------------------------------------------- email_reply (4)
# t028  trap: "DS 5" from the staging template in the draft.
R("email_reply", """
Subject: RE: Interim PET - Mr [redacted] - for Thursday MDT

Hi Sarah,

Thanks for flagging this one before tumour board. I've had another look at his interim scan from Tuesday. Short answer: it's a DS 4 in the left groin, and the rest of the disease has gone (DS 2 or less). Compared with his staging scan in January the groin node is a lot less avid (SUVmax 9.8, was 23), so I'd call it a partial metabolic response rather than anything worse. Nothing new anywhere. Marrow looks clean.

The "DS 5" you saw in the draft came from the staging report I'd copied the template from - please ignore it, the final report is corrected.

Cheers,
Tom
Consultant, Nuclear Medicine
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

# t029  quoted earlier message holds DS 5 / NMR; flu-jab axillary node X.
R("email_reply", """
Subject: Re: EOT PET - Mrs [redacted]

Yes - a big change. EOT scan done this morning: Deauville 3 at the old mediastinal site, uptake far lower than at baseline. Complete metabolic response in my view.

One thing to know: there is a new avid node in the left axilla. She had her flu jab in the left arm on Friday, so I've scored it X and I think it's reactive. Bone marrow shows diffuse activity in keeping with her pegfilgrastim.

Priya

> On 3 Mar 2026, at 09:12, Dr A. Murray wrote:
> Her interim was Deauville 5 and read as no metabolic response (NMR). Any change on today's scan?
""", deauville=3, deauville_x=True, uptake="reduced", new_lesions=True,
  new_lesion_etiology="not_lymphoma", marrow="diffuse_reactive", category="CMR")

# t030  equivocal new lung nodule; category deliberately not assigned.
R("email_reply", """
Subject: Re: scan query - 6 month follow-up PET

Hi Mark,

The new 1.8 cm nodule in the right lower lobe is avid (SUVmax 6.0). I honestly can't tell you whether that is lymphoma or the tail end of the pneumonia she had last month - it's equivocal. Everything from her original disease is still quiet (DS 2).

I wouldn't assign a Lugano category until that is sorted. I'd suggest either a repeat PET in 6 weeks or a CT-guided biopsy if it persists.

Best,
Elena
""", deauville=2, new_lesions=True, new_lesion_etiology="uncertain")

# t031  staging reply: extensive mesentery, liver involved, marrow clear.
R("email_reply", """
Subject: RE: staging PET Mr [redacted] - urgent

Quick reply before clinic. Staging PET: yes, the mesentery is heavily involved - a 12 cm conglomerate encasing the SMA and SMV. I'd call it extensive mesenteric disease. Two liver lesions (3.4 and 2.2 cm, SUVmax 19) are clearly lymphoma. No bone or marrow disease, and no other extranodal disease. Deauville doesn't apply at staging of course; this will be his baseline.

Formal report to follow this afternoon.
Hamid (NM)
""", marrow="none", extensive_mesenteric=True, extranodal_organs=["liver"])

# ------------------------------------------------------------ region_bullets (4)
# t032  per-region bullets; residual liver lymphoma stated; diffuse reactive marrow.
R("region_bullets", """
FDG PET-CT - interim after 3 cycles R-CHOP. Comparison: baseline PET-CT 2026-01-19.

Deauville scores by region:
  - Waldeyer's ring: 3 (physiological tonsillar activity)
  - Right neck: 2
  - Mediastinum: 4, reduced compared with baseline
  - Liver (segment VII lesion): 4, reduced compared with baseline
  - Spleen: 1
  - Bone marrow: diffuse, reactive
No new lesions.

Impression: Residual active lymphoma in the mediastinum and liver, with reduced uptake; partial metabolic response.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="diffuse_reactive", category="PMR",
  extranodal_organs=["liver"])

# t033  "left axilla: 5 (new)"; new focal marrow; "progression" only (no category named).
R("region_bullets", """
PET-CT, 9 months after end of treatment (EOT PET was Deauville 2).

  * Previously involved right neck: 2
  * Left axilla: 5 (new)
  * Mediastinum: 1
  * Bone marrow: new focal uptake in T11 and the left ilium

Conclusion: Interval development of left axillary and focal marrow disease, consistent with progression of lymphoma. Biopsy of the axillary node is recommended.
""", deauville=5, new_lesions=True, new_lesion_etiology="lymphoma",
  marrow="new_or_recurrent_focal")

# t034  range 2-3 (en dash), vaccination X, "less metabolically active than on the pre-treatment study".
R("region_bullets", """
End-of-treatment PET-CT, DLBCL. Comparison: pre-treatment PET-CT 2025-10-02.

  • Mediastinum: 2–3
  • Left supraclavicular: 3
  • Right axilla: X (new, ipsilateral to recent vaccination)
  • Marrow: no focal uptake

All previously involved sites are less metabolically active than on the pre-treatment study.
Complete metabolic remission.
""", deauville=3, deauville_x=True, uptake="reduced", new_lesions=True,
  new_lesion_etiology="not_lymphoma", marrow="none", category="CMR")

# t035  mixed sites: worst uptake wins (unchanged); mesentery "not involved".
R("region_bullets", """
PET-CT, end of treatment. Comparison: baseline PET-CT 2025-12-01.

  - Right neck: 4 - reduced vs baseline
  - Para-aortic: 5 - no significant change vs baseline
  - Mesentery: not involved
  - Marrow: unremarkable
No new lesions.

Overall: mixed response; no metabolic response at the para-aortic site.
""", deauville=5, uptake="unchanged", new_lesions=False, marrow="none", category="NMR",
  extensive_mesenteric=False)

# ------------------------------------------------------------ two_comparator (5)
# t036  "compared with baseline (DS 5) and interim (DS 4) - now DS 3".
R("two_comparator", """
PET-CT - end of treatment, DLBCL.

Compared with baseline (DS 5) and interim (DS 4) - now DS 3 at the left cervical site, with uptake lower than on both prior studies. No new lesions. Marrow normal.

Impression: Complete metabolic response at end of treatment.
""", deauville=3, uptake="reduced", new_lesions=False, marrow="none", category="CMR")

# t037  increase since interim but still below baseline; negated PMD; focal marrow residual reduced.
R("two_comparator", """
PET-CT, interim after 4 cycles.

Comparison: staging PET-CT (28/11/2025) and interim PET-CT after cycle 2 (10/01/2026). SUVmax of the mediastinal mass has risen since the interim study (6.2 -> 11.4) but remains below the staging value (17.9); uptake is markedly above liver, Deauville 5.
Marrow: the focal sternal lesion seen at staging remains faintly avid, less so than at staging.
No new lesions.

Impression: Deauville 5 mediastinal mass. Uptake is still reduced relative to baseline, so this is not progressive metabolic disease by Lugano 2014; partial metabolic response, but the rise since the interim study is of concern and early repeat imaging or biopsy is advised.
""", deauville=5, uptake="reduced", new_lesions=False, marrow="focal_residual_reduced",
  category="PMR")

# t038  relapse; CMR / DS 2 belong to the EOT scan; "metabolic progression"; extensive mesentery.
R("two_comparator", """
PET-CT for suspected relapse.

Compared with the baseline PET-CT (05/2025, DS 5) and the end-of-treatment PET-CT (10/2025, DS 2 - CMR), there are new FDG-avid para-aortic nodes (up to 2.7 cm, DS 5) and a new mesenteric nodal mass of 8.5 cm with extensive mesenteric involvement. Bone marrow is unremarkable.

Impression: Metabolic progression (relapse) with extensive mesenteric disease. Biopsy recommended.
""", deauville=5, new_lesions=True, new_lesion_etiology="lymphoma", marrow="none",
  category="PMD", extensive_mesenteric=True)

# t039  uptake vs baseline given only as SUVmax numbers (words compare with interim).
R("two_comparator", """
PET-CT, end of treatment, DLBCL.

Comparison: pre-treatment PET-CT (DS 5; focal marrow involvement) and interim PET-CT (DS 3).
Right external iliac node: DS 4, SUVmax 5.8 (interim 5.6; baseline 20.3) - uptake similar to the interim study.
Bone marrow: the multifocal marrow uptake present at baseline has resolved; no focal marrow lesions.
No new lesions.

Impression: Residual Deauville 4 at end of treatment - partial metabolic response. Biopsy of the iliac node is recommended.
""", deauville=4, uptake="reduced", new_lesions=False, marrow="none", category="PMR")

# t040  post CAR-T; "unchanged" belongs to the day-90 scan; history quotes day-30 PMR DS 4.
R("two_comparator", """
PET-CT, 6 months after axicabtagene ciloleucel.

History: Relapsed DLBCL. Day-30 PET: Deauville 4, PMR. Day-90 PET: Deauville 2, CMR.

Findings: Compared with the day-90 scan (CMR, DS 2) and the pre-lymphodepletion baseline (DS 5), there is no evidence of recurrent disease; all previously involved sites score DS 1-2 and are unchanged from day 90. The diffuse marrow activity seen at day 30 has normalised. No new lesions.

Impression: Continued complete metabolic response.
""", deauville=2, new_lesions=False, marrow="none", category="CMR")


# ---------------------------------------------------------------- checks + write
def check(rec):
    g = rec["gold"]
    assert list(g.keys()) == KEYS, rec["id"]
    assert g["deauville"] is None or (isinstance(g["deauville"], int) and 1 <= g["deauville"] <= 5), rec["id"]
    assert isinstance(g["deauville_x"], bool), rec["id"]
    assert g["uptake"] in UPTAKE, rec["id"]
    assert g["new_lesions"] in (None, True, False), rec["id"]
    assert g["new_lesion_etiology"] in ETIOLOGY, rec["id"]
    if g["new_lesions"] is not True:
        assert g["new_lesion_etiology"] is None, rec["id"] + ": etiology without new lesion"
    assert g["marrow"] in MARROW, rec["id"]
    assert g["category"] in CATEGORY, rec["id"]
    assert isinstance(g["addendum_revised"], bool), rec["id"]
    if g["addendum_revised"]:
        assert "ADDENDUM" in rec["text"].upper(), rec["id"]
    assert g["extensive_mesenteric"] in (None, True, False), rec["id"]
    org = g["extranodal_organs"]
    assert org is None or (isinstance(org, list) and all(o in ORGANS for o in org)), rec["id"]
    if g["deauville_x"]:
        assert " X" in rec["text"], rec["id"]
    assert rec["style"] in STYLES, rec["id"]
    assert rec["text"] and "\t" not in rec["text"], rec["id"]


def main():
    out = []
    for i, r in enumerate(RECORDS, 1):
        rec = {"id": "t%03d" % i, "kind": "pet", "style": r["style"], "text": r["text"],
               "gold": r["gold"]}
        check(rec)
        out.append(rec)
    assert len(out) == 40, len(out)
    counts = {}
    for rec in out:
        counts[rec["style"]] = counts.get(rec["style"], 0) + 1
    assert all(4 <= n <= 5 for n in counts.values()), counts
    assert len(counts) == len(STYLES), counts
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "set.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for rec in out:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
    print("wrote %d records to %s" % (len(out), path))
    for s in STYLES:
        print("  %-24s %d" % (s, counts[s]))


if __name__ == "__main__":
    main()


# ----------------------------------------------------------------------------
# Gold calls a reasonable reader could dispute (id + why):
#
# t001: a residual 4.1 cm mesenteric mass is current mesenteric disease, but only the HISTORY
#       calls it extensive (at staging) -> extensive_mesenteric null.
# t002: the hepatic lesions "are no longer FDG avid" and nodes are below blood pool, with no
#       explicit comparison wording against the staging scan -> uptake null (README: "resolved
#       / disappeared without a comparison" is null), although the staging scan is a named comparator.
# t008: mesentery "a few small mesenteric nodes; no extensive mesenteric disease" -> False. The
#       README gives False for a mesentery "explicitly stated to be free"; here it is stated not
#       extensive rather than free. Left adrenal indeterminate -> not listed.
# t011: liver lesion with "recurrence versus abscess; lymphoma cannot be excluded" -> uncertain,
#       liver not listed; stomach only in the indication -> extranodal_organs null.
# t013: symmetric brown-fat uptake called "newly appeared" and scored X is counted as a new
#       focus (new_lesions True, not_lymphoma); some readers would not call brown fat a lesion.
#       Deauville "1-2" -> 2.
# t016, t037, t039: uptake vs baseline differs from uptake vs interim; gold follows baseline only.
# t018: the pre-salvage scan is called "the baseline for this line of treatment" -> uptake and
#       marrow (focal_residual_reduced) are read against it, as the README does for b019.
# t019: the findings say "do a ville for" (voice recognition); the impression says Deauville 4.
# t020: "there are know new lesions" is a voice-recognition error for "no new lesions" -> False.
# t021: SUV 22.1 "from 14.3" with the words "increased ... compared to the pre treatment scan"
#       -> increased (words and numbers agree).
# t022: "no residual lymphoma" names no Lugano category -> category null; sarcoid-like reaction
#       "typical of" (no hedge) -> not_lymphoma.
# t024: "Extranodal sites: left adrenal (indeterminate)" -> null (uncertain organs not listed,
#       and nothing says "no extranodal disease"); one could argue []. "Uptake vs baseline: not
#       assessable" -> null. "Metabolic response: not assigned" -> category null. Marrow
#       "physiological" -> none.
# t025: the addendum revises score (5 -> 2, RLL focus re-scored X), etiology and category, so the
#       revised values are gold (deauville 2, X true, not_lymphoma, CMR, organs []). The new
#       focus is still a new focus (new_lesions True).
# t026: "Deauville (highest): 4-5" -> 5.
# t027: "Uptake vs interim: reduced" is not vs baseline -> uptake null. "Extranodal: none
#       currently (bone at staging)" -> [].
# t029: the quoted earlier message holds "Deauville 5" and "NMR" (another scan) -> ignored.
# t030: the new nodule is never scored; deauville 2 is the only current score.
# t032: residual DS 4 liver lesion called "residual active lymphoma" -> liver listed.
# t033: "consistent with progression of lymphoma" is an etiology (lymphoma), not a named Lugano
#       category -> category null. No comparison with baseline (EOT scan referenced) -> uptake null.
# t035: mixed sites (reduced at one, no significant change at another) -> worst wins: unchanged.
#       "Mixed response; no metabolic response at the para-aortic site" read as naming NMR.
# t037: the reader writes "not progressive metabolic disease" (negated) and then names a partial
#       metabolic response -> PMR; uptake reduced vs baseline by both words and numbers.
# t038: "Metabolic progression (relapse)" read as naming PMD (progressive metabolic disease);
#       a stricter reader could give null as for plain "progression"/"relapse".
# t039: uptake vs baseline is given ONLY as SUVmax numbers (5.8 now, baseline 20.3); the words
#       ("similar") compare with the interim. Gold reduced follows fhir-input Tier 3 ("in words or
#       as SUVmax before and after"); clinical-logic §0 says the service does not guess from
#       SUVmax alone for coded data, so null is defensible.
# t040: "unchanged from day 90" belongs to the day-90 scan, not the pre-lymphodepletion baseline
#       -> uptake null. "Diffuse marrow activity ... has normalised" -> none.
# All: extranodal organ names are written as plain lowercase words (liver, kidney, adrenal,
#       stomach); the contract's exact enum spelling was not among the files this writer read.
