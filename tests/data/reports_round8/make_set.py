#!/usr/bin/env python3
"""Held-out CT and pathology report texts (blind set 8) for the LBCL CDS report readers.

Standard library only. Writes set.jsonl next to this file, deterministically
(fixed order, sorted keys, no timestamps).

Gold follows the "Gold schema and the conventions used" section of
tests/data/reports_blind/README.md (null = the report does not state it).
Styles avoid those used by the earlier blind set.
Disputable golds are listed at the end of this file.
"""
import json
import os

CT_KEYS = {
    "new_lesions", "new_node_max_cm", "new_extranodal_max_cm", "new_lesion_etiology",
    "reader_assessment", "spd_cm2", "extensive_mesenteric", "extranodal_organs",
    "addendum_revised",
}
PATH_KEYS = {"result", "site", "lymphoma_type"}
ETIOLOGY = {"lymphoma", "uncertain", "not_lymphoma", None}
ASSESSMENT = {"progression", "partial_response", "complete_response", "stable", None}
RESULT = {"positive", "negative", "unknown"}
# The contract's organ enum was not among the files this set was written from; lower-case
# singular organ names are used (see the note at the end of the file).
ORGANS = {"liver", "lung", "bone", "kidney", "stomach", "pleura", "bowel", "adrenal",
          "pancreas", "skin", "breast", "testis", "cns", "bone_marrow"}


def ct(id_, style, text, *, new=None, node=None, extra=None, etio=None, assess=None,
       spd=None, mes=None, organs=None, addrev=False):
    return {"id": id_, "kind": "ct", "style": style, "text": text.strip("\n"),
            "gold": {"new_lesions": new, "new_node_max_cm": node,
                     "new_extranodal_max_cm": extra, "new_lesion_etiology": etio,
                     "reader_assessment": assess, "spd_cm2": spd,
                     "extensive_mesenteric": mes, "extranodal_organs": organs,
                     "addendum_revised": addrev}}


def path(id_, style, text, *, result, site, ltype=None):
    return {"id": id_, "kind": "pathology", "style": style, "text": text.strip("\n"),
            "gold": {"result": result, "site": site, "lymphoma_type": ltype}}


RECORDS = []
add = RECORDS.append

# ---------------------------------------------------------------------------
# CT: es_latam (Spanish / Latin-American-influenced English)
# ---------------------------------------------------------------------------
add(ct("c001", "es_latam", """
COMPUTED TOMOGRAPHY OF NECK, THORAX, ABDOMEN AND PELVIS WITH IV CONTRAST
Clinical data: Patient of 63 years with diffuse large B-cell lymphoma, stage III, in treatment with R-CHOP (6 cycles completed). Control of response.
Comparison: With the previous study of 12/03/2026 (study of baseline, pre-treatment).
Findings:
Neck: Adenopathies in left cervical level III of 12 x 8 mm, previously of 28 x 20 mm. Submandibular adenopathies of non-pathological size.
Thorax: No mediastinal or hilar adenopathies of pathological size are identified. Lung parenchyma without nodules. No pleural effusion.
Abdomen and pelvis: Appearance of a new adenopathy in relation to the hepatic hilum of 23 x 17 mm, not present in the previous study. Retroperitoneal adenopathies in relation to the left para-aortic chain of 14 x 9 mm, previously of 35 x 26 mm. The mesentery is without alterations, no mesenteric adenopathies. Liver of normal size, without focal lesions. Spleen of 11 cm.
Conclusion:
1. Decrease in size of the cervical and retroperitoneal adenopathies.
2. New adenopathy in the hepatic hilum of 23 x 17 mm, compatible with lymphomatous involvement.
3. Global assessment: progressive disease, due to the appearance of the new adenopathy.
""", new=True, node=2.3, etio="lymphoma", assess="progression", mes=False))

add(ct("c002", "es_latam", """
CT THORAX-ABDOMEN-PELVIS. Follow-up control.
Antecedents: DLBCL stage IV diagnosed in 2024, with hepatic and osseous involvement at diagnosis (lesion in the iliac bone of 4,5 cm). Complete remission after 6 cycles of R-CHOP. Asymptomatic.
Technique: Helical acquisition after administration of IV contrast, portal phase.
Findings: Persistence of a residual tissue in the anterior mediastinum of 2,1 x 1,0 cm, without changes in relation to the previous study of 05/2026. No new adenopathies are identified in any of the explored territories. The liver shows homogeneous attenuation, without focal lesions. Sclerotic residual change in the left iliac bone, stable, without soft-tissue component. Slight increase in the density of the mesenteric fat ("misty mesentery") with small nodes of up to 6 mm in its interior, without changes in relation to the previous study. Spleen of normal size.
Impression: Study without evidence of recurrence of the lymphoproliferative process. The patient remains in complete remission.
""", new=False, assess="complete_response"))

add(ct("c003", "es_latam", """
CT OF THORAX WITH CONTRAST
Clinical information: Control after 4 cycles of R-CHOP for DLBCL. Fever of 3 days of evolution.
Comparison: CT of 20/01/2026 (pre-treatment).
Findings:
Mediastinal adenopathies in the paratracheal right region in relation to the known disease, of 15 x 10 mm (previously 31 x 22 mm).
In relation to the previous study, appearance of a pulmonary nodule in the right lower lobe of 14 mm, of irregular borders, with a small halo of ground glass, not present in the previous study. By its characteristics it is of probable infectious origin (fungal) in the context of neutropenia, although lymphomatous infiltration cannot be excluded.
No pleural or pericardial effusion.
Conclusion: New nodule in right lower lobe of 14 mm, probable infectious, not excluding lymphomatous involvement. Correlation with galactomannan is suggested. Decrease of the mediastinal adenopathies.
""", new=True, extra=1.4, etio="uncertain"))

add(ct("c004", "es_latam", """
CT ABDOMEN AND PELVIS - EVALUATION OF RESPONSE
Clinical data: Male of 52 years, DLBCL stage II with extensive mesenteric involvement. Post 3 cycles of R-CHOP. No PET-CT available in our center.
Comparison: Baseline CT of 02/02/2026.
Findings:
Mesenteric conglomerate of adenopathies that encases the mesenteric vessels ("sandwich sign"), which persists extensive, of 71 x 48 mm (previously of 112 x 80 mm).
Retroperitoneal adenopathy in relation to the aortocaval space of 30 x 22 mm (previously of 55 x 40 mm).
Left iliac adenopathy of 21 x 16 mm (previously of 38 x 30 mm).
Sum of the products of the diameters (SPD) of the target lesions: 4.404 mm2 (baseline: 12.300 mm2), which represents a decrease of 64%.
No new lesions are observed. Liver and spleen without focal lesions. No ascites.
Conclusion: Partial response according to Lugano criteria. Persistence of extensive mesenteric disease, decreased in size.
""", new=False, assess="partial_response", spd=44.04, mes=True))

add(ct("c005", "es_latam", """
CT THORAX, ABDOMEN AND PELVIS
Clinical data: DLBCL, end of treatment with R-CHOP x6. Assessment of response. Patient arrives from another center; prior images not available at the time of the report.
Comparison: CT of our center of 10/2025 (baseline, limited to the abdomen).
Findings: Cervical and thoracic adenopathies of non-pathological size. Retroperitoneal adenopathies of up to 11 mm, previously of 40 mm. New hypodense focal lesion in hepatic segment VII of 18 x 15 mm, not visualised in the previous study, suspicious of lymphomatous infiltration. Mesentery without adenopathies.
Conclusion: Nodal response, but appearance of a new hepatic lesion, suspicious. Assessment: progression of disease.

ADDENDUM (15/06/2026): The images of the PET-CT of 02/2026 from the referring center were received and reviewed. The hepatic lesion of segment VII of 18 x 15 mm was already present in that study, without uptake, and it corresponds to a known haemangioma (characterised by MRI in 2023). Therefore, it is NOT a new lesion. No new lesions. The conclusion is modified: complete response.
""", new=False, assess="complete_response", mes=False, addrev=True))

# ---------------------------------------------------------------------------
# CT: recist_table (target-lesion tables with baseline / current columns)
# ---------------------------------------------------------------------------
add(ct("c006", "recist_table", """
CT CHEST/ABDOMEN/PELVIS WITH CONTRAST - RESPONSE ASSESSMENT (TRIAL TEMPLATE)
Protocol visit: Cycle 4 Day 21. Diagnosis: DLBCL, stage IV (liver).
Baseline: CT 2026-01-08.

TARGET LESIONS (LDi x SDi, cm; PPD cm2)
| # | Site                         | Baseline          | Current           |
| T1 | Left cervical level IV node | 4.2 x 3.1 (13.02) | 2.1 x 1.5 (3.15)  |
| T2 | Prevascular mediastinal     | 5.0 x 4.0 (20.00) | 2.5 x 1.9 (4.75)  |
| T3 | Left para-aortic node       | 3.3 x 2.9 (9.57)  | 1.5 x 1.2 (1.80)  |
| SPD |                            | 42.59             | 9.70              |
Change from baseline: -77%.

NON-TARGET LESIONS: Hepatic deposits of lymphoma (segments IVa and VI) - present, decreased (largest 1.3 cm, was 3.0 cm).
NEW LESIONS: None.
OVERALL RESPONSE: Partial response (PR).
""", new=False, assess="partial_response", spd=9.7, organs=["liver"]))

add(ct("c007", "recist_table", """
RESTAGING CT - TARGET LESION TABLE
History: DLBCL, baseline 2025-11-02 with bulky mediastinal mass 9.8 x 7.5 cm. Nadir CT 2026-03-01 after 4 cycles.
Comparison: baseline and nadir studies.

Target lesions (cm)     Baseline     Nadir        Today
T1 anterior mediastinum 9.8 x 7.5    5.9 x 3.8    6.1 x 4.0
T2 right hilar node     3.0 x 2.6    2.6 x 2.0    2.8 x 2.5
SPD (cm2)               81.3         27.62        31.4

New lesions:
NL1 right inguinal node, 2.6 x 1.9 cm, round, loss of fatty hilum (not present at baseline or nadir).
NL2 left external iliac node, 1.3 x 0.9 cm.

Mesentery and retroperitoneum: no adenopathy.
Overall: PD on the basis of new lesions. The new inguinal and iliac nodes are consistent with progression of lymphoma.
""", new=True, node=2.6, etio="lymphoma", assess="progression", spd=31.4, mes=False))

add(ct("c008", "recist_table", """
CT NECK/CHEST/ABDOMEN/PELVIS - MEASUREMENT REPORT (RECIST 1.1 FORMAT AT REFERRING SITE REQUEST)
Indication: DLBCL, 2 cycles of R-pola-CHP. Referring site requested RECIST-style sum of diameters.
Baseline: 2026-02-14.

Target lesion            Baseline LD   Current LD
1. Left axillary node    38 mm         31 mm
2. Subcarinal node       27 mm         24 mm
3. Right common iliac    33 mm         29 mm
Sum of longest diameters: 98 mm -> 84 mm (-14%)

Non-target: small mesenteric nodes, unchanged.
New lesions: none.
Overall assessment: stable disease.
""", new=False, assess="stable"))

add(ct("c009", "recist_table", """
CONTRAST CT CHEST, ABDOMEN, PELVIS
Indication: DLBCL, after 3 cycles of R-CHOP, PET-CT not available (scanner down).
Comparison: Pre-treatment CT of 2026-03-30 (baseline).

Target lesions, mm:
Site                        Baseline      Current     PPD now (mm2)
Right supraclavicular       55 x 30       33 x 21     693
Subcarinal                  48 x 35       28 x 20     560
Portocaval                  62 x 27       40 x 25     1000
SPD                         5004 mm2      2253 mm2    (-55%)

New lesions: 1. A 7 mm nodule in the right upper lobe, new, with adjacent tree-in-bud opacities, likely inflammatory; non-measurable.
Spleen 12 cm. No extranodal disease.
Overall: partial response.
""", new=True, extra=0.7, etio="not_lymphoma", assess="partial_response", spd=22.53, organs=[]))

# ---------------------------------------------------------------------------
# CT: ed_incidental (emergency department CT that finds nodes incidentally)
# ---------------------------------------------------------------------------
add(ct("c010", "ed_incidental", """
EMERGENCY DEPARTMENT - CT ABDOMEN/PELVIS WITH IV CONTRAST
Ordering: Hospitalist, ED. Reason for exam: RLQ abdominal pain x 2 days, fever, WBC 13. Rule out appendicitis. PMH: DLBCL 2024, in remission after R-CHOP.
Comparison: CT A/P 2025-08-01.

Findings:
Appendix is normal in caliber (5 mm) and fills with air. No periappendiceal fat stranding. No abscess.
Multiple mildly enlarged mesenteric lymph nodes in the right lower quadrant, largest 1.2 x 0.8 cm; these are new since 2025-08-01. Mild haziness of the adjacent mesenteric fat.
Terminal ileum wall mildly thickened over a short segment.
Liver, gallbladder, pancreas, spleen, adrenals and kidneys unremarkable.

Impression:
1. No CT evidence of appendicitis.
2. New RLQ mesenteric nodes with terminal ileitis, consistent with mesenteric adenitis (reactive). Outpatient follow-up CT in 6-8 weeks to document resolution given the lymphoma history.
""", new=True, node=1.2, etio="not_lymphoma"))

add(ct("c011", "ed_incidental", """
CT ABDOMEN AND PELVIS WITH CONTRAST (ED)
Clinical: 71M, epigastric pain and early satiety, lipase normal. Hx DLBCL treated 2025 (R-CHOP x6, end-of-treatment PET negative).
Comparison: CT 2025-12-15.

FINDINGS:
Hepatobiliary: Cholelithiasis without gallbladder wall thickening or pericholecystic fluid.
Spleen: Normal in size. New hypodense splenic lesions, up to 1.6 cm.
Lymph nodes: New left para-aortic lymph node measuring 3.4 x 2.2 cm. New aortocaval node, 1.9 cm in short axis. The mesentery is clear.
Bowel: No obstruction.
Other: No free fluid.

IMPRESSION:
1. New retroperitoneal adenopathy and splenic lesions. Findings are consistent with recurrent lymphoma. Recommend oncology follow-up and tissue sampling.
2. Cholelithiasis without evidence of acute cholecystitis.
""", new=True, node=3.4, etio="lymphoma", mes=False))

add(ct("c012", "ed_incidental", """
CT A/P WITH CONTRAST - EMERGENCY
History: Crampy abdominal pain and vomiting. Known DLBCL in first complete remission since 2025 (per chart). Evaluate for obstruction.
Comparison: CT 2025-10-20.

Findings: Small bowel loops are not dilated; no obstruction. There is a new 5.2 x 3.1 cm soft-tissue mass centered on the wall of the distal ileum with aneurysmal dilatation of the lumen. Adjacent new mesenteric lymph nodes measure up to 1.4 cm. No free air. The liver and spleen are unremarkable.

Impression: New distal ileal mass with aneurysmal dilatation and adjacent new mesenteric nodes, suspicious for lymphomatous involvement of the small bowel; Crohn's disease or adenocarcinoma are less likely. GI/oncology consultation.
""", new=True, node=1.4, extra=5.2, etio="uncertain"))

add(ct("c013", "ed_incidental", """
ED CT ABDOMEN/PELVIS WITH CONTRAST
Reason: abdominal distension and vomiting in a patient receiving R-CHOP (cycle 3) for stage II DLBCL with bulky mesenteric disease.
Comparison: Staging CT 2026-04-01.

Findings: Dilated proximal small bowel loops up to 3.4 cm with a transition point in the mid-abdomen at the level of the known mesenteric mass. The mesenteric lymphomatous mass remains extensive, measuring 112 mm x 85 mm (previously 140 mm x 101 mm), encasing the SMA and SMV. No new lymphadenopathy. No pneumatosis or free air. Small volume ascites.

Impression:
- Partial small bowel obstruction at the level of the extensive mesenteric lymphoma mass.
- Interval decrease in size of the mass consistent with treatment effect. No new lymphadenopathy.
""", new=False, mes=True))

# ---------------------------------------------------------------------------
# CT: chest_dyspnoea (chest-only CT ordered for breathlessness)
# ---------------------------------------------------------------------------
add(ct("c014", "chest_dyspnoea", """
CT CHEST WITH CONTRAST
Clinical indication: Increasing dyspnoea for 2 weeks. DLBCL, 4 months after end of R-CHOP. ?effusion ?PE
Comparison: CT chest 2026-03-02.

Findings:
Pulmonary arteries: No filling defect to the segmental level.
Pleura: Large right pleural effusion, new since the comparison study, with nodular pleural thickening along the right costal and diaphragmatic pleura, the largest nodule 1.6 cm.
Mediastinum: The known prevascular node (residual disease at end of treatment) measures 2.8 x 1.9 cm, unchanged. New right paratracheal node, 1.1 x 0.7 cm.
Lungs: Passive atelectasis of the right lower lobe. No pulmonary nodules.
Upper abdomen: Limited views unremarkable.

Impression:
1. New large right pleural effusion with nodular pleural thickening, consistent with pleural involvement by lymphoma.
2. New small right paratracheal node.
3. Overall, findings represent progression of lymphoma. No pulmonary embolism.
""", new=True, node=1.1, extra=1.6, etio="lymphoma", assess="progression", organs=["pleura"]))

add(ct("c015", "chest_dyspnoea", """
CT PULMONARY ANGIOGRAM
Indication: Acute dyspnoea and hypoxia, SpO2 88% on air. On R-CHOP for primary mediastinal / large B-cell lymphoma, cycle 5. D-dimer elevated.
Comparison: Staging CT 2026-01-12.

No pulmonary embolism.
New bilateral patchy ground-glass opacities with interlobular septal thickening, predominantly in the upper lobes; in this clinical setting most consistent with atypical infection (Pneumocystis) or drug-related pneumonitis.
The anterior mediastinal mass has decreased from 9.5 x 6.0 cm to 3.1 x 2.0 cm. No new lymphadenopathy.
No pleural or pericardial effusion.

IMPRESSION: No PE. New bilateral ground-glass opacities, most consistent with infection (PJP) or pneumonitis. Decreasing mediastinal mass.
""", new=True, etio="not_lymphoma"))

add(ct("c016", "chest_dyspnoea", """
HRCT / CT CHEST WITHOUT CONTRAST
Indication: exertional dyspnoea. Known DLBCL with pulmonary involvement (LLL consolidation) at diagnosis; now after 2 cycles of salvage R-ICE.
Comparison: CT chest 2026-05-10 (pre-salvage baseline).

Findings: The lymphomatous consolidation in the left lower lobe measures 23mm x 15mm (previously 25mm x 16mm). Left hilar node 18mm x 12mm (previously 19mm x 13mm). No new pulmonary nodules or lymphadenopathy. Mild centrilobular emphysema. No interstitial lung disease. Small left pleural effusion, unchanged.

Conclusion: Stable disease. No new lesion. No CT explanation for dyspnoea apart from the known LLL disease and small effusion; consider echocardiography.
""", new=False, assess="stable", organs=["lung"]))

add(ct("c017", "chest_dyspnoea", """
CT CHEST WITH CONTRAST
Indication: Dyspnoea on exertion; DLBCL in remission since 2025. Assess for lung disease.
Comparison: CT chest 2026-05-04.

Findings: No mediastinal, hilar or axillary lymphadenopathy. No pleural effusion. There is a new 9 mm solid nodule in the right middle lobe, indeterminate. Mild bibasal atelectasis. Heart size normal, no pericardial effusion.

Impression: New 9 mm indeterminate RML nodule; follow-up CT in 3 months, or PET-CT if clinically indicated. No lymphadenopathy.

ADDENDUM: The comparison study date should read 2026-05-14, not 2026-05-04. The impression is unchanged.
""", new=True, extra=0.9, etio="uncertain"))

# ---------------------------------------------------------------------------
# CT: lugano_ct_restaging (PET-less restaging with a stated Cheson/Lugano CT category)
# ---------------------------------------------------------------------------
add(ct("c018", "lugano_ct_restaging", """
RESTAGING CT NECK/CHEST/ABDOMEN/PELVIS (NO PET AVAILABLE)
Indication: DLBCL stage IV (gastric and mesenteric involvement at diagnosis, with a bulky mesenteric conglomerate of 10 cm). After 6 x R-CHOP.
Comparison: Baseline CT 2026-01-20.

Findings: Mesenteric root nodes measure 3.5 x 2.2 cm (previously conglomerate 10.1 x 7.4 cm). Left para-aortic node 2.0 x 1.4 cm (was 4.6 x 3.8 cm). Right external iliac node 1.6 x 1.0 cm (was 3.0 x 2.4 cm). The gastric wall thickening previously attributed to lymphoma has resolved. No residual extranodal disease. No new lesions. Spleen 12.4 cm.

SPD 12.1 cm2 (baseline 99.4 cm2; -88%).
Cheson/Lugano CT criteria: PR.
""", new=False, assess="partial_response", spd=12.1, organs=[]))

add(ct("c019", "lugano_ct_restaging", """
CT C/A/P - INTERIM RESTAGING (CT ONLY)
Indication: DLBCL, after 4 cycles of R-CHOP; PET not approved by insurer.
Comparison: Pre-treatment CT 2026-02-11.

Findings:
Left axillary conglomerate 2.3 x 1.8 x 1.5 cm (previously 2.9 x 2.2 x 2.0 cm).
Right axillary node 1.9 x 1.3 cm (previously 2.1 x 1.5 cm).
Liver: a new 0.8 cm hypodense lesion in segment VI, too small to characterise, indeterminate.
Spleen and marrow unremarkable. Mesentery without adenopathy.

IMPRESSION: Lugano CT response: SD. The new sub-centimetre liver lesion is indeterminate and does not by itself meet PD criteria; attention at follow-up.
""", new=True, extra=0.8, etio="uncertain", assess="stable", mes=False))

add(ct("c020", "lugano_ct_restaging", """
END-OF-TREATMENT CT CHEST/ABDOMEN/PELVIS
Indication: DLBCL stage III. End of R-CHOP x6; PET-CT not available.
Comparison: Baseline CT 2025-12-02.

Findings: Residual soft tissue at the porta hepatis 1.4 x 1.0 cm (was 5.6 x 4.1 cm). All other previously enlarged nodes have normalised. No new lesions. Mesentery clear.
Response per Lugano 2014 (CT-based): complete response (CR).

ADDENDUM (same day, after review of bone windows at the tumour board): A new lytic lesion in the L2 vertebral body, 2.4 x 1.9 cm, with a small paravertebral soft-tissue component, was not described in the original report; it was not present at baseline. It is consistent with lymphoma relapse. The response is revised to progressive disease (PD).
""", new=True, extra=2.4, etio="lymphoma", assess="progression", mes=False, organs=["bone"],
    addrev=True))

add(ct("c021", "lugano_ct_restaging", """
CT NECK/CHEST/ABDOMEN/PELVIS
Indication: DLBCL, 3 months after end of first-line therapy; surveillance CT (PET unavailable). Note: mRNA vaccine booster in the left deltoid 10 days ago.
Comparison: CT 2026-02-02 (end of treatment).

Findings: New left axillary node 17 mm x 10 mm with preserved fatty hilum. Previously treated mediastinal residual mass 22 x 14 mm, unchanged. Mesentery free of disease. Liver and spleen normal.
Stated SPD (mediastinal residual and axillary node): 478 mm2.

Impression: Cheson/Lugano CT criteria: PD (new node > 1.5 cm). A reactive node after the recent vaccination is considered more likely, but recurrence of lymphoma cannot be excluded; short-interval follow-up in 6 weeks or biopsy.
""", new=True, node=1.7, etio="uncertain", assess="progression", spd=4.78, mes=False))

add(ct("c022", "lugano_ct_restaging", """
CT ABDOMEN/PELVIS - RESPONSE ASSESSMENT
Indication: Stage II DLBCL with extensive mesenteric disease (advanced-stage pathway). After 4 cycles of R-CHOP. CT-based response.
Comparison: Baseline CT 2026-01-15.

Findings: Extensive mesenteric nodal disease persists, a conglomerate measuring 8.9 x 6.1 cm (baseline 10.8 x 7.9 cm). Retroperitoneal node 2.4 x 1.9 cm (baseline 3.5 x 2.1 cm). No new lymph nodes. No extranodal lesions.
SPD 58.9 cm2 vs baseline 92.7 cm2 (-36%).

Impression: No evidence of progressive disease. Lugano CT criteria: decrease below 50%, consistent with stable disease.
""", new=False, assess="stable", spd=58.9, mes=True, organs=[]))

# ---------------------------------------------------------------------------
# CT: checkbox_synoptic (structured template with tick boxes)
# ---------------------------------------------------------------------------
add(ct("c023", "checkbox_synoptic", """
STRUCTURED LYMPHOMA CT REPORT v2.1
Exam: CT neck/chest/abdomen/pelvis with contrast. Timepoint: [ ] Staging [ ] Interim [x] End of treatment [ ] Follow-up
Comparison: Baseline CT 2026-01-05.

Target lesion SPD (cm2): 11.3 (baseline 40.2)
New lesions: [x] Yes [ ] No
  Location / size: left supraclavicular node, 2.0 x 1.4 cm
  Likely etiology: [ ] Lymphoma [x] Indeterminate [ ] Benign / other
Extranodal involvement: [x] None [ ] Present
Mesentery: [ ] Extensive / bulky [ ] Limited [x] Not involved
Spleen: 11.8 cm

Overall response (Lugano CT): [ ] CR [ ] PR [ ] SD [x] PD
Comment: PD assigned on the new supraclavicular node; tissue diagnosis advised.
""", new=True, node=2.0, etio="uncertain", assess="progression", spd=11.3, mes=False,
    organs=[]))

add(ct("c024", "checkbox_synoptic", """
STRUCTURED CT RESPONSE FORM
Timepoint: Interim (after C3). Comparison: staging CT 2026-02-20.
Target lesions: 4. SPD: 2,450 mm2 (staging: 6,120 mm2).
New lesions: [ ] Yes [x] No
Extranodal sites currently involved:
  Liver [x] - residual lesion segment VIII 1.2 cm (was 4.0 cm)
  Bone [ ]  Lung [ ]  Stomach [ ]
  Other: [x] left kidney, lymphomatous mass 2.1 cm (was 5.3 cm)
Mesentery: [ ] Free [x] Involved - extensive (conglomerate 7.5 cm, was 12 cm)
Overall response: [ ] CR [x] PR [ ] SD [ ] PD
""", new=False, assess="partial_response", spd=24.5, mes=True, organs=["liver", "kidney"]))

add(ct("c025", "checkbox_synoptic", """
STRUCTURED LYMPHOMA CT REPORT
Timepoint: [x] Staging (pre-treatment) [ ] Interim [ ] End of treatment
Indication: New diagnosis of DLBCL (gastric biopsy). Staging.
Nodal disease: cervical, mediastinal, mesenteric, retroperitoneal.
Measured target lesions: 6. SPD: 88.4 cm2.
Mesentery: [x] Extensive / bulky (conglomerate 13.5 x 9.0 cm) [ ] Limited [ ] Not involved
Extranodal involvement: [x] Present - stomach (circumferential wall thickening of the antrum up to 2.2 cm); liver (two lesions, largest 3.1 cm)
Spleen: 14.6 cm, no focal lesions.
Overall response: [ ] not applicable (staging)
""", spd=88.4, mes=True, organs=["stomach", "liver"]))

add(ct("c026", "checkbox_synoptic", """
STRUCTURED CT REPORT - END OF TREATMENT
Comparison: baseline CT 2025-11-11.
Target lesion SPD (cm2): 2.1 (baseline 35.0)
New lesions: [x] Yes [ ] No
  Location / size: left axillary nodes, largest 1.8 x 1.1 cm
  Likely etiology: [ ] Lymphoma [x] Indeterminate [ ] Benign / other
Overall response: [ ] CR [ ] PR [ ] SD [x] PD

ADDENDUM (same day, radiologist): After discussion with the treating team - the patient received a COVID-19 vaccine in the left arm 5 days before the scan - the new left axillary nodes are considered reactive, post-vaccination. Likely etiology revised to benign / other. Overall response revised to CR.
""", new=True, node=1.8, etio="not_lymphoma", assess="complete_response", spd=2.1, addrev=True))

# ---------------------------------------------------------------------------
# CT: voice_dictation (speech-recognised dictation, spelled-out and run-together sizes)
# ---------------------------------------------------------------------------
add(ct("c027", "voice_dictation", """
CT abdomen and pelvis with contrast. History colon DLBCL period end of treatment 8 months ago period restaging for right groin discomfort.
Comparison CT from January 2026.
Findings colon there is a new left external iliac lymph node measuring two point four by one point six centimeters which is round and enhancing comma compatible with recurrent disease period. The previously seen periportal node measuring 4.1cm at baseline and 1.2cm on the last study is not seen today period. No mesenteric adenopathy period. Liver spleen pancreas adrenal glands and kidneys are unremarkable.
IMPRESSION colon
1 period new left external iliac adenopathy compatible with recurrent lymphoma period
2 period progressive disease period
Dictated but not read.
""", new=True, node=2.4, etio="lymphoma", assess="progression", mes=False))

add(ct("c028", "voice_dictation", """
CT chest abdomen pelvis with contrast.
History: DLBCL, baseline in 2025 with a 9.8cm bulky mediastinal mass and a 4.5cm liver lesion, status post six cycles R-CHOP, now surveillance.
Comparison 6 months ago.
Findings: No new lymphadenopathy. Residual mediastinal soft tissue 2.0 x 0.9cm, unchanged. The liver is normal. There is a new 6mm nodule in the right lower lobe with adjacent bronchial wall thickening, likely post infectious / inflammatory. Mesentery: mild misty mesentery without nodes.
Impression: Continued complete remission. New 6mm right lower lobe nodule likely inflammatory, follow-up at the next surveillance scan.
""", new=True, extra=0.6, etio="not_lymphoma", assess="complete_response"))

add(ct("c029", "voice_dictation", """
CT abdomen pelvis with contrast
Indication: DLBCL 14 months post R-CHOP, right flank pain, hematuria.
Comparison: 2026-01-09.
Findings: There is a new 1.3cm enhancing lesion in the lower pole of the right kidney. There is also a new 12mm right retrocrural node. Misty mesentery with sub centimetre nodes, unchanged. No hydronephrosis. No renal calculi.
Impression: New 1.3cm right renal lesion and new 12mm retrocrural node: possible renal involvement by lymphoma versus primary renal neoplasm. Recommend MRI kidneys or biopsy.
""", new=True, node=1.2, extra=1.3, etio="uncertain"))

add(ct("c030", "voice_dictation", """
CT abdomen pelvis with contrast, restaging.
History: stage II DLBCL with extensive mesenteric disease at diagnosis, now after 6 cycles R-CHOP.
Comparison: baseline 2026-01-22.
Findings: The mesentery is now clear of adenopathy. Target lesions: left para-aortic 2.8 x 2.0cm, right common iliac 2.6 x 2.1cm, aortocaval 2.0 x 1.6cm, left external iliac 1.9 x 1.4cm, right external iliac 1.5 x 1.1cm, portocaval 1.5 x 1.1cm. The SPD of the six target lesions is 20.2 cm2 (baseline 48.6 cm2). No new lesions.
Impression: Partial response.

ADDENDUM: Measurements were re-checked on the workstation; the SPD of 20.2 square centimeters stated above is confirmed. No change to the impression.
""", new=False, assess="partial_response", spd=20.2, mes=False))

# ---------------------------------------------------------------------------
# PATHOLOGY: relapse_core_ihc (core biopsy of a suspected relapse, long IHC panel)
# ---------------------------------------------------------------------------
add(path("p001", "relapse_core_ihc", """
SURGICAL PATHOLOGY REPORT
Specimen: Left inguinal lymph node, ultrasound-guided core needle biopsy (4 cores, 18G).
Clinical: DLBCL (2024), CR after R-CHOP; new left inguinal node on CT. ?relapse.
Microscopy: Cores are effaced by sheets of large atypical lymphoid cells with vesicular chromatin and prominent nucleoli, numerous mitoses and apoptotic bodies.
Immunohistochemistry (with appropriate controls):
CD20 positive (diffuse, strong); PAX5 positive; CD79a positive; CD10 negative; BCL6 positive (60%); MUM1 positive (80%); BCL2 positive (90%); MYC positive (40%); Ki-67 approx. 85%; CD3 and CD5 negative in tumour cells (highlight background small T cells); CD30 negative; cyclin D1 negative; SOX11 negative; CD138 negative; ALK negative; EBER-ISH negative; TdT negative; CD21 shows no residual follicular dendritic meshworks.
DIAGNOSIS: Left inguinal lymph node, core biopsy: recurrent diffuse large B-cell lymphoma, non-germinal centre B-cell type (Hans algorithm). MYC/BCL2 double-expressor phenotype. No evidence of high-grade transformation morphology; FISH for MYC, BCL2 and BCL6 to follow.
""", result="positive", site="left inguinal lymph node",
    ltype="recurrent diffuse large B-cell lymphoma, non-GCB type"))

add(path("p002", "relapse_core_ihc", """
HISTOPATHOLOGY - CORE BIOPSY
Specimen: Retroperitoneal mass, CT-guided core biopsy x3.
History: DLBCL 2025; enlarging retroperitoneal mass after R-CHOP.
Microscopy: The cores consist predominantly of necrotic tissue with ghost outlines of large cells. A small viable area (<1 mm) contains scattered atypical large cells admixed with histiocytes.
IHC: CD20 stains rare ghost cells; PAX5 equivocal in viable cells; CD3 highlights scattered small T cells; pancytokeratin negative; CD68 highlights histiocytes; Ki-67 not assessable.
DIAGNOSIS: Retroperitoneal mass, core biopsy: extensive necrosis with scant atypical large cells. The viable tissue is insufficient for a definitive diagnosis; recurrent lymphoma cannot be excluded. Repeat biopsy of a viable (non-necrotic) area is recommended.
""", result="unknown", site="retroperitoneal mass"))

add(path("p003", "relapse_core_ihc", """
PATHOLOGY REPORT
Specimen: Liver, segment VI lesion, percutaneous core biopsy.
Clinical details: History of DLBCL (R-CHOP 2024). New liver lesion, ?relapse of lymphoma.
Microscopy: Infiltrating glands lined by atypical columnar cells in a desmoplastic stroma, with intraluminal necrosis.
Immunohistochemistry: CK7 positive; CK20 negative; TTF-1 positive; napsin A positive; CDX2 negative; CD45 (LCA) negative in tumour cells; CD20 negative in tumour cells; PAX5 negative. Background liver shows no lymphoid infiltrate.
DIAGNOSIS: Liver, core biopsy: metastatic adenocarcinoma, immunoprofile consistent with a lung primary. No evidence of lymphoma.
""", result="negative", site="liver, segment VI"))

add(path("p004", "relapse_core_ihc", """
HISTOPATHOLOGY REPORT (INTEGRATED)
Specimen: Right cervical lymph node, core biopsy (relapse work-up).
Morphology: Diffuse infiltrate of medium-to-large cells with a starry-sky pattern and high mitotic activity.
IHC: CD20 positive; CD10 positive; BCL6 positive; MUM1 negative; BCL2 positive (strong, 95%); MYC positive (80%); Ki-67 >95%; TdT negative; CD34 negative; cyclin D1 negative; CD3 negative in the neoplastic cells.
FISH (IGH/MYC, MYC break-apart, BCL2 break-apart, BCL6 break-apart): MYC rearrangement DETECTED (IGH partner); BCL2 rearrangement DETECTED; BCL6 rearrangement not detected.
INTEGRATED DIAGNOSIS: High-grade B-cell lymphoma with MYC and BCL2 rearrangements (WHO-HAEM5: diffuse large B-cell lymphoma/high-grade B-cell lymphoma with MYC and BCL2 rearrangements). No features of Burkitt lymphoma.
""", result="positive", site="right cervical lymph node",
    ltype="high-grade B-cell lymphoma with MYC and BCL2 rearrangements"))

add(path("p005", "relapse_core_ihc", """
SURGICAL PATHOLOGY
Specimen: Anterior mediastinal residual mass, CT-guided core biopsy. End-of-treatment PET Deauville 4.
Microscopy: Dense hyalinised fibrosis with foamy histiocytes, haemosiderin-laden macrophages, cholesterol clefts and a sparse small lymphocytic infiltrate. No large atypical cells.
IHC: CD20 shows only rare scattered small B cells; CD3 highlights small T cells; CD30 negative; PAX5 negative in the stroma; Ki-67 low (<5%); CD68 positive histiocytes.
CONCLUSION: Anterior mediastinal mass, core biopsy: fibrosis and histiocytic reaction consistent with post-treatment change. No viable lymphoma identified.
""", result="negative", site="anterior mediastinal mass"))

# ---------------------------------------------------------------------------
# PATHOLOGY: marrow_trephine (bone marrow aspirate and trephine reports)
# ---------------------------------------------------------------------------
add(path("p006", "marrow_trephine", """
BONE MARROW ASPIRATE AND TREPHINE BIOPSY REPORT
Site: Right posterior iliac crest. Indication: Staging of newly diagnosed DLBCL (cervical node).
Aspirate: Particulate, cellular. Trilineage haematopoiesis with a population of large atypical lymphoid cells (12% of nucleated cells).
Flow cytometry: CD19+ CD20+ lambda-restricted B-cell population, large by forward scatter (9% of events).
Trephine (18 mm core, 12 intertrabecular spaces): Cellularity 60%. Interstitial and paratrabecular infiltrates of large CD20+, PAX5+ B cells occupying approximately 30% of the marrow space. CD3 highlights scattered small T cells.
CONCLUSION: Bone marrow, right iliac crest: involved by diffuse large B-cell lymphoma (concordant large-cell involvement).
""", result="positive", site="bone marrow, right posterior iliac crest",
    ltype="diffuse large B-cell lymphoma (concordant marrow involvement)"))

add(path("p007", "marrow_trephine", """
BONE MARROW TREPHINE BIOPSY
Site: Left posterior iliac crest. Indication: DLBCL, staging (PET without marrow uptake; trephine requested for trial eligibility).
Aspirate: Normocellular, normal maturation of all three lineages. Lymphocytes 11%, no atypical forms.
Trephine: 22 mm core, adequate. Cellularity 40% (age-appropriate). Trilineage haematopoiesis with normal maturation. No lymphoid aggregates. CD20 shows scattered small interstitial B cells only; CD3 shows scattered T cells.
CONCLUSION: Bone marrow trephine: normocellular marrow with trilineage haematopoiesis. No evidence of lymphoma.
""", result="negative", site="bone marrow, left posterior iliac crest"))

add(path("p008", "marrow_trephine", """
BONE MARROW ASPIRATE AND TREPHINE
Indication: Staging, DLBCL of the stomach.
Aspirate: Mildly hypercellular, mature lymphocytes 18%.
Flow cytometry: Small clonal CD19+ CD10+ kappa-restricted B-cell population (3% of events), small by light scatter.
Trephine: Several paratrabecular aggregates of small cleaved CD20+, CD10+, BCL2+ B cells with low Ki-67 (<10%). No large-cell infiltration; no sheets of large cells.
CONCLUSION: Bone marrow involved by low-grade follicular lymphoma (discordant marrow involvement). No marrow involvement by large B-cell lymphoma.
""", result="positive", site="bone marrow",
    ltype="low-grade follicular lymphoma (discordant marrow involvement)"))

add(path("p009", "marrow_trephine", """
HISTOPATHOLOGY - COMBINED REPORT
A. Right axillary lymph node, core biopsy
B. Bone marrow trephine, right posterior iliac crest
Clinical: Restaging after salvage therapy; PET shows a residual right axillary node.
Microscopy A: Sheets of large CD20+, CD10+, BCL6+, MUM1- B cells; Ki-67 70%.
Microscopy B: Normocellular marrow, trilineage haematopoiesis, no lymphoid aggregates on H&E or CD20/CD3 stains.
DIAGNOSIS:
A. Right axillary lymph node: diffuse large B-cell lymphoma, germinal centre B-cell type, persistent after salvage therapy.
B. Bone marrow: no residual lymphoma.
""", result="positive", site="right axillary lymph node (part A); bone marrow (part B)",
    ltype="diffuse large B-cell lymphoma, GCB type"))

add(path("p010", "marrow_trephine", """
BONE MARROW TREPHINE AND ASPIRATE
Indication: Unexplained cytopenias, history of DLBCL (CR since 2025).
Aspirate: Haemodilute; limited assessment.
Flow cytometry: No clonal B-cell population detected (limited by haemodilution).
Trephine: 9 mm core, suboptimal (mostly cortical bone, 3 intertrabecular spaces). One non-paratrabecular lymphoid aggregate composed of mixed small CD20+ B cells and CD3+ T cells, with a few larger cells.
CONCLUSION: Suboptimal trephine with an atypical lymphoid aggregate of uncertain significance; involvement by lymphoma can neither be confirmed nor excluded. IgH clonality PCR and a repeat trephine are recommended.
""", result="unknown", site="bone marrow"))

# ---------------------------------------------------------------------------
# PATHOLOGY: frozen_final (intraoperative frozen section followed by a final diagnosis)
# ---------------------------------------------------------------------------
add(path("p011", "frozen_final", """
SURGICAL PATHOLOGY REPORT
Specimen: Left posterior cervical lymph node, excision.
Clinical: History of DLBCL in remission; new 2.1 cm node. Rule out recurrence.
INTRAOPERATIVE CONSULTATION (frozen section): "Lymphoid proliferation; defer to permanent sections. Submit fresh tissue for flow cytometry."
Gross: 2.3 x 1.6 x 1.0 cm tan lymph node, bisected.
Microscopy: Preserved architecture with numerous enlarged secondary follicles of variable size and shape, polarised germinal centres with tingible-body macrophages and well-formed mantle zones. Interfollicular areas with small lymphocytes and plasma cells.
IHC: BCL2 negative in germinal centres; CD10 and BCL6 confined to follicles; Ki-67 high in germinal centres with polarisation; CD30 highlights scattered immunoblasts.
Flow cytometry: polytypic B cells; no aberrant T-cell population.
FINAL DIAGNOSIS: Left posterior cervical lymph node, excision: reactive follicular hyperplasia. No evidence of lymphoma.
""", result="negative", site="left posterior cervical lymph node"))

add(path("p012", "frozen_final", """
PATHOLOGY REPORT
Specimen: Right submandibular lymph node, excisional biopsy.
Frozen section diagnosis (intraoperative): "Favour reactive lymphoid tissue; final diagnosis on permanent sections."
Microscopy (permanent sections): Partial effacement of the node by a diffuse infiltrate of large lymphoid cells, in the paracortex and sinuses, with residual reactive follicles at the periphery (explaining the frozen section impression).
IHC: CD20+, PAX5+, CD10-, BCL6+, MUM1+, BCL2+, MYC 30%, Ki-67 70%. CD5 negative. EBER negative.
FINAL DIAGNOSIS: Right submandibular lymph node: diffuse large B-cell lymphoma, activated B-cell (non-GCB) type, partially involving the node. Discrepancy with the frozen section noted and communicated to Dr. Okafor on 2026-06-11.
""", result="positive", site="right submandibular lymph node",
    ltype="diffuse large B-cell lymphoma, non-GCB (activated B-cell) type"))

add(path("p013", "frozen_final", """
SURGICAL PATHOLOGY
Specimen: Left level II neck mass, excision.
Clinical: Prior DLBCL (2023). New neck mass, clinically relapse.
Frozen section: "Malignant neoplasm; favour lymphoma. Tissue sent for flow cytometry."
Permanent sections: Syncytial nests of large epithelioid cells with vesicular nuclei and prominent nucleoli, in a dense lymphoid stroma.
IHC: AE1/AE3 positive; p63 positive; CK5/6 positive; EBER-ISH positive in tumour cells; CD45 negative in tumour cells; CD20 and PAX5 stain only background B cells.
Flow cytometry: polytypic B cells.
FINAL DIAGNOSIS: Left neck mass: metastatic non-keratinizing carcinoma, EBV-associated, consistent with nasopharyngeal origin. Lymphoma is excluded by immunohistochemistry and flow cytometry. The frozen section interpretation of lymphoma is revised.
""", result="negative", site="left level II neck mass"))

add(path("p014", "frozen_final", """
PATHOLOGY REPORT
Specimen: Right testis, radical inguinal orchiectomy.
Intraoperative frozen section: "Malignant large cell neoplasm; germ cell tumour (seminoma) versus lymphoma. Defer."
Gross: Testis 6.2 x 4.5 x 4.0 cm with a fleshy cream-white mass 4.1 cm, extending to the rete testis.
Microscopy: Diffuse interstitial infiltrate of large atypical lymphoid cells surrounding and infiltrating seminiferous tubules; vascular invasion present.
IHC: CD20+, PAX5+, MUM1+, BCL6+, CD10-, BCL2+; OCT3/4 negative, SALL4 negative, PLAP negative, CD117 negative; Ki-67 80%.
FINAL DIAGNOSIS: Right testis: diffuse large B-cell lymphoma, non-GCB type (primary testicular lymphoma). Not a germ cell tumour. Spermatic cord margin free of lymphoma.
""", result="positive", site="right testis",
    ltype="diffuse large B-cell lymphoma, non-GCB type (primary testicular)"))

# ---------------------------------------------------------------------------
# PATHOLOGY: reference_consult (consultation letter from a reference laboratory)
# ---------------------------------------------------------------------------
add(path("p015", "reference_consult", """
Haematopathology Reference Laboratory - Consultation Report
Dear Dr. Lindqvist,
Thank you for sending blocks A1-A3 and slides (your ref. S26-4471) from the left axillary lymph node excision of your patient, with your diagnosis of "diffuse large B-cell lymphoma". We performed additional stains: CD10 positive, BCL6 positive, MUM1 negative, BCL2 positive (70%), MYC 20%, Ki-67 75%, EBER negative. FISH: no MYC rearrangement.
Our opinion: We agree with your diagnosis. Left axillary lymph node: diffuse large B-cell lymphoma, NOS, germinal centre B-cell type. No evidence of MYC rearrangement; no features of high-grade B-cell lymphoma.
Yours sincerely,
Consultant Haematopathologist
""", result="positive", site="left axillary lymph node",
    ltype="diffuse large B-cell lymphoma, NOS, GCB type"))

add(path("p016", "reference_consult", """
REFERENCE HAEMATOPATHOLOGY - CONSULTATION
Referring diagnosis: "Relapsed DLBCL" (mediastinal lymph node, EBUS-guided core biopsy). Patient treated with R-CHOP for DLBCL in 2024.
Our findings: Scattered large Hodgkin and Reed-Sternberg-like cells in a mixed inflammatory background of small lymphocytes, eosinophils and histiocytes, with bands of sclerosis. The large cells are CD30+, CD15+, PAX5 weak, CD20 negative, CD45 negative, OCT2 negative, BOB1 negative. Background small lymphocytes are predominantly T cells.
OPINION: We do not confirm relapse of diffuse large B-cell lymphoma. The features are those of classic Hodgkin lymphoma, nodular sclerosis subtype, arising after treated DLBCL. Discussion at the MDT is advised.
""", result="positive", site="mediastinal lymph node (EBUS-guided core)",
    ltype="classic Hodgkin lymphoma, nodular sclerosis"))

add(path("p017", "reference_consult", """
Department of Haematopathology, University Hospital - Second Opinion
Re: Spleen and splenic hilar node, splenectomy (referring lab: "atypical lymphoid infiltrate, ?T-cell lymphoma").
We reviewed 14 slides and 3 blocks. The infiltrate consists of scattered large atypical B cells (CD20+, BCL6+, OCT2+) comprising <10% of cells, in a background rich in CD3+/CD8+ T cells and CD68+ histiocytes, with no small B cells (IgD negative nodules absent). TCR clonality: polyclonal. IgH: clonal peak.
Our diagnosis: T-cell/histiocyte-rich large B-cell lymphoma involving the spleen and splenic hilar lymph node. There is no evidence of a T-cell lymphoma.
""", result="positive", site="spleen and splenic hilar lymph node",
    ltype="T-cell/histiocyte-rich large B-cell lymphoma"))

add(path("p018", "reference_consult", """
Reference Lymphoma Panel - Consultation
Referring diagnosis: "Relapse of DLBCL, right iliac node core biopsy".
Material received: 2 H&E slides, 1 block (2 cores, 8 mm in total, extensive crush artefact).
Findings: Crushed lymphoid tissue with a few preserved areas showing a mixed population of small and occasional larger lymphoid cells. CD20 and CD3 highlight mixed B and T cells; Ki-67 is not interpretable in the crushed areas. Further sections exhaust the block.
Opinion: Atypical lymphoid infiltrate; the material is insufficient for a definitive diagnosis. We cannot confirm the referring diagnosis of relapsed DLBCL. An excisional biopsy is recommended.
""", result="unknown", site="right iliac lymph node"))

add(path("p019", "reference_consult", """
CONSULTATION - Lymphoma Reference Centre
Patient: 24-year-old, DLBCL treated 2022. New bilateral cervical lymphadenopathy, fever, sore throat.
Referring lab query: "large atypical cells, ?relapse of DLBCL".
Review: The architecture is distorted but not effaced, with expanded paracortex containing numerous immunoblasts, some binucleate. The immunoblasts are CD20+ and CD30+ (variable), MUM1+, with a polytypic pattern on kappa/lambda ISH, and EBER-ISH shows numerous positive cells of varying size. IgH clonality: polyclonal.
Opinion: Florid reactive paracortical hyperplasia with EBV-positive immunoblasts, consistent with acute infectious mononucleosis (EBV serology recommended). No evidence of lymphoma.
""", result="negative", site="cervical lymph node"))

# ---------------------------------------------------------------------------
# PATHOLOGY: cns_neuropath (stereotactic brain biopsy reports)
# ---------------------------------------------------------------------------
add(path("p020", "cns_neuropath", """
NEUROPATHOLOGY REPORT
Specimen: Left periventricular (caudate) lesion, stereotactic biopsy, 5 cores.
Clinical: DLBCL (testicular primary) treated 2025; new enhancing periventricular lesion and confusion. Not on steroids before biopsy.
Microscopy: Brain parenchyma infiltrated by large atypical lymphoid cells forming angiocentric cuffs with reticulin-rich concentric layering, and infiltrating the adjacent neuropil; reactive gliosis.
IHC: CD20+, PAX5+, CD10-, BCL6+, MUM1+, Ki-67 90%; GFAP highlights reactive astrocytes only; CD3 scattered T cells; EBER negative.
DIAGNOSIS: Left caudate lesion, stereotactic biopsy: secondary CNS involvement by diffuse large B-cell lymphoma (non-GCB phenotype), consistent with CNS relapse.
""", result="positive", site="brain, left caudate/periventricular lesion",
    ltype="diffuse large B-cell lymphoma, secondary CNS relapse"))

add(path("p021", "cns_neuropath", """
NEUROPATHOLOGY
Specimen: Right frontal white-matter lesion, stereotactic biopsy.
Clinical: History of DLBCL. Enhancing frontal lesion; dexamethasone 8 mg daily for 10 days before biopsy.
Microscopy: White matter with numerous foamy macrophages (CD68+), perivascular small T cells (CD3+), reactive astrocytes and scattered apoptotic bodies. Only rare CD20+ cells are present; no sheets of atypical cells.
DIAGNOSIS: Right frontal lesion: macrophage-rich lesion with perivascular T-cell infiltrates. No lymphoma identified in this sample; however, given corticosteroid treatment before biopsy, a steroid-treated lymphoma cannot be excluded. Correlation with CSF cytology/flow and repeat imaging off steroids is recommended.
""", result="unknown", site="brain, right frontal white-matter lesion"))

add(path("p022", "cns_neuropath", """
NEUROPATHOLOGY - INTEGRATED DIAGNOSIS
Specimen: Left temporal lesion, open biopsy.
Clinical: DLBCL in CR since 2024. New ring-enhancing temporal lesion, ?CNS relapse.
Histology: Highly cellular astrocytic glioma with microvascular proliferation and palisading necrosis.
IHC/molecular: GFAP+, OLIG2+, IDH1 R132H negative, ATRX retained, p53 wild-type pattern; CD20 negative in tumour cells; EGFR amplification detected; TERT promoter mutation detected.
INTEGRATED DIAGNOSIS: Glioblastoma, IDH-wildtype, CNS WHO grade 4. No evidence of lymphoma.
""", result="negative", site="brain, left temporal lesion"))

# ---------------------------------------------------------------------------
# PATHOLOGY: es_latam (Spanish / Latin-American-influenced English)
# ---------------------------------------------------------------------------
add(path("p023", "es_latam", """
SERVICE OF ANATOMIC PATHOLOGY - REPORT
Sample: Cervical lymph node, left, excisional biopsy.
Clinical data: Female of 67 years with cervical adenopathies of 2 months of evolution, B symptoms.
Macroscopic description: Lymph node of 3,2 x 2,5 x 1,8 cm, with homogeneous whitish cut surface.
Microscopic description: Lymph node with total effacement of the architecture by a diffuse proliferation of lymphoid cells of large size, with vesicular nuclei and evident nucleoli, with abundant mitoses.
Immunohistochemical study: CD20 positive, CD3 negative in neoplastic cells, CD10 negative, BCL6 positive, MUM1 positive, Ki-67 of 80%.
Diagnosis: Lymph node infiltrated by non-Hodgkin lymphoma of large B cells, diffuse pattern, compatible with diffuse large B-cell lymphoma, non-germinal centre immunophenotype.
""", result="positive", site="left cervical lymph node",
    ltype="diffuse large B-cell lymphoma, non-germinal centre type"))

add(path("p024", "es_latam", """
CYTOPATHOLOGY - PLEURAL FLUID
Sample: Pleural fluid, right, 450 ml, obtained by thoracentesis. Cell block and flow cytometry.
Clinical data: Patient with DLBCL in treatment; new right pleural effusion.
Description: Cellular sample with abundant atypical lymphoid cells of large size, with irregular nuclei and prominent nucleoli, in a background of small lymphocytes and reactive mesothelial cells.
Cell block (IHC): atypical cells CD20 positive, PAX5 positive, Ki-67 high; calretinin positive only in mesothelial cells.
Flow cytometry: population of large B cells CD19+ CD20+ with restriction of kappa light chain (38% of events).
Diagnosis: Positive for malignant cells. Pleural effusion with involvement by large B-cell lymphoma, compatible with the known diffuse large B-cell lymphoma.
""", result="positive", site="right pleural fluid",
    ltype="large B-cell lymphoma involving pleural effusion (known DLBCL)"))

add(path("p025", "es_latam", """
CYTOLOGY BY FINE NEEDLE ASPIRATION (FNA)
Sample: Supraclavicular adenopathy, right, FNA guided by ultrasound, 3 passes.
Clinical data: Antecedent of DLBCL in remission. New supraclavicular adenopathy of 18 mm.
Description: Smears of moderate cellularity with a polymorphous lymphoid population in which predominate small lymphocytes, with a proportion of large atypical lymphoid cells (approx. 20%). Insufficient material for flow cytometry.
Diagnosis: Atypical lymphoid cells, suspicious for lymphoma. A lymphoproliferative process cannot be excluded. Biopsy (core or excisional) is recommended for definitive diagnosis.
""", result="unknown", site="right supraclavicular lymph node (FNA)"))

add(path("p026", "es_latam", """
CYTOPATHOLOGY - ASCITIC FLUID
Sample: Ascitic fluid, 1 L, paracentesis. Cytocentrifugation and cell block.
Clinical data: DLBCL with abdominal involvement, post 6 cycles of R-CHOP; ascites in study (cirrhosis by alcohol).
Description: Sample with reactive mesothelial cells, histiocytes and small mature lymphocytes. No atypical lymphoid cells of large size are observed.
Cell block: CD20 shows scattered small B cells; CD3 predominant small T cells; calretinin positive in mesothelial cells.
Diagnosis: Negative for malignant cells. No evidence of lymphomatous involvement in the ascitic fluid. Reactive mesothelial cells.
""", result="negative", site="ascitic fluid"))

# ---------------------------------------------------------------------------
# PATHOLOGY: amended_addendum (reports changed or completed by an addendum)
# ---------------------------------------------------------------------------
add(path("p027", "amended_addendum", """
SURGICAL PATHOLOGY - FINAL REPORT (AMENDED)
Specimen: Left axillary lymph node, excision.
Original diagnosis (2026-04-02): Diffuse large B-cell lymphoma, germinal centre B-cell type. MYC 70%, BCL2 90%. FISH pending.
ADDENDUM (2026-04-09): FISH results: MYC break-apart probe - rearrangement detected; BCL2 break-apart probe - rearrangement detected; BCL6 - no rearrangement.
REVISED DIAGNOSIS: Left axillary lymph node: high-grade B-cell lymphoma with MYC and BCL2 rearrangements ("double-hit"). This supersedes the original diagnosis. Clinician notified.
""", result="positive", site="left axillary lymph node",
    ltype="high-grade B-cell lymphoma with MYC and BCL2 rearrangements (double-hit)"))

add(path("p028", "amended_addendum", """
PATHOLOGY REPORT
Specimen: Gastric body ulcer, endoscopic biopsies x6.
Preliminary report (2026-03-10): Gastric mucosa with a dense infiltrate of atypical large cells, suspicious for lymphoma; immunohistochemistry in progress. Helicobacter not identified on H&E.
ADDENDUM (2026-03-13) - immunohistochemistry: The atypical cells are CD20+, PAX5+, CD10-, BCL6+, MUM1+, Ki-67 85%; pancytokeratin negative; CD3 and CD5 negative in atypical cells; cyclin D1 negative. Giemsa negative for H. pylori.
FINAL DIAGNOSIS: Stomach, body, biopsies: diffuse large B-cell lymphoma, non-GCB type. No low-grade MALT component identified.
""", result="positive", site="stomach, gastric body",
    ltype="diffuse large B-cell lymphoma, non-GCB type"))

add(path("p029", "amended_addendum", """
HAEMATOPATHOLOGY REPORT
Specimen: Right inguinal lymph node, core biopsy x2.
Initial report (2026-05-20): Atypical lymphoid infiltrate; further work-up (clonality studies) in progress. Prior DLBCL 2024.
ADDENDUM - FINAL (2026-05-28): IgH (FR1-3) and IgK PCR: polyclonal. TCR gamma: polyclonal. Additional CD21 stain shows intact follicular dendritic meshworks; BCL2 negative in germinal centres.
Final diagnosis: Right inguinal lymph node: reactive lymphoid hyperplasia with follicular and paracortical patterns. Negative for lymphoma. This final report supersedes the initial report.
""", result="negative", site="right inguinal lymph node"))

add(path("p030", "amended_addendum", """
SURGICAL PATHOLOGY
A. Anterior mediastinal mass, core biopsy
B. Left pleura, thoracoscopic biopsy
Diagnosis:
A. Anterior mediastinal mass: primary mediastinal large B-cell lymphoma. Sclerosis with compartmentalising fibrosis; large cells CD20+, CD23+, CD30 weak/partial, MAL+, PD-L1+; CD15 negative.
B. Left pleura: fibrinous pleuritis. No evidence of lymphoma.
ADDENDUM (2026-02-18): Ki-67 on part A is approximately 85%. Diagnosis unchanged.
""", result="positive", site="anterior mediastinal mass (part A); left pleura (part B)",
    ltype="primary mediastinal large B-cell lymphoma"))


# ---------------------------------------------------------------------------
# Checks and output
# ---------------------------------------------------------------------------
def check(records):
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate ids"
    n_ct = sum(r["kind"] == "ct" for r in records)
    n_path = sum(r["kind"] == "pathology" for r in records)
    assert n_ct == 30 and n_path == 30, (n_ct, n_path)
    for r in records:
        g = r["gold"]
        assert r["text"] and r["style"], r["id"]
        if r["kind"] == "ct":
            assert set(g) == CT_KEYS, r["id"]
            assert g["new_lesions"] in (True, False, None), r["id"]
            assert g["new_lesion_etiology"] in ETIOLOGY, r["id"]
            assert g["reader_assessment"] in ASSESSMENT, r["id"]
            assert g["extensive_mesenteric"] in (True, False, None), r["id"]
            assert isinstance(g["addendum_revised"], bool), r["id"]
            for k in ("new_node_max_cm", "new_extranodal_max_cm", "spd_cm2"):
                assert g[k] is None or (isinstance(g[k], (int, float)) and g[k] > 0), (r["id"], k)
            if g["new_lesions"] is not True:
                assert g["new_lesion_etiology"] is None, r["id"]
                assert g["new_node_max_cm"] is None and g["new_extranodal_max_cm"] is None, r["id"]
            else:
                assert g["new_lesion_etiology"] is not None, r["id"]
            orgs = g["extranodal_organs"]
            assert orgs is None or (isinstance(orgs, list) and set(orgs) <= ORGANS), r["id"]
            if "ADDENDUM" not in r["text"].upper():
                assert g["addendum_revised"] is False, r["id"]
        else:
            assert set(g) == PATH_KEYS, r["id"]
            assert g["result"] in RESULT, r["id"]
            assert isinstance(g["site"], str) and g["site"], r["id"]
            if g["result"] == "positive":
                assert isinstance(g["lymphoma_type"], str) and g["lymphoma_type"], r["id"]
            else:
                assert g["lymphoma_type"] is None, r["id"]


def main():
    check(RECORDS)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "set.jsonl")
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for r in RECORDS:
            fh.write(json.dumps({"id": r["id"], "kind": r["kind"], "style": r["style"],
                                 "text": r["text"], "gold": r["gold"]},
                                ensure_ascii=False, sort_keys=False) + "\n")
    styles = {}
    for r in RECORDS:
        styles.setdefault((r["kind"], r["style"]), 0)
        styles[(r["kind"], r["style"])] += 1
    for (kind, style), n in sorted(styles.items()):
        print(f"{kind:10s} {style:22s} {n}")
    print(f"wrote {len(RECORDS)} records to {out}")


if __name__ == "__main__":
    main()

# ---------------------------------------------------------------------------
# DISPUTABLE GOLDS (id: gold chosen - why a reasonable reader could differ)
# ---------------------------------------------------------------------------
# ALL CT extranodal_organs: the contract's organ enum was not among the files this set was
#   written from; lower-case singular names are used (liver, lung, bone, kidney, stomach,
#   pleura). A scorer should map synonyms (e.g. "pleura" vs "pleural", "kidney" vs "renal").
# c004: spd_cm2 = 44.04 - "4.404 mm2" uses the Spanish dot as a thousands separator
#   (4404 mm2); a reader taking it as a decimal point would get 0.04404 cm2.
# c011: new_extranodal_max_cm = null - the only other new lesions are splenic (up to 1.6 cm);
#   the spleen is lymphatic tissue (Ann Arbor), so they are neither an extranodal lesion nor an
#   extranodal organ. One could argue the "new extranodal" size should include them.
#   reader_assessment = null: "consistent with recurrent lymphoma" names no response term.
# c012: new_extranodal_max_cm = 5.2 - the bowel lesion is a mass centred on the bowel wall;
#   etiology "uncertain" because of "suspicious for", although the reader favours lymphoma over
#   the alternatives ("less likely").
# c013: reader_assessment = null - "decrease ... consistent with treatment effect" is not a
#   named response term; extensive_mesenteric = true from the current findings ("remains
#   extensive"), not only the indication.
# c014: reader_assessment = progression from "findings represent progression of lymphoma"
#   (progression wording, not recurrence wording); new_node_max_cm = 1.1 although the largest
#   node (2.8 cm prevascular) is larger - it is old residual disease.
# c015: new_lesions = true (new ground-glass opacities are a new focus, cause stated as
#   infection/pneumonitis -> not_lymphoma), new_extranodal_max_cm = null because the opacities
#   are not measured. A reader could say diffuse GGO is not a "lesion" (new_lesions null).
# c019: reader_assessment = stable although a new (indeterminate) lesion is present - the reader
#   states "SD"; the gold follows the stated term.
# c021: reader_assessment = progression with etiology uncertain - the reader states PD by the
#   size rule while hedging the cause.
# c022: reader_assessment = stable - "No evidence of progressive disease" is a negated term and
#   must not give progression; "consistent with stable disease" is the stated term.
# c023 / c026: tick-box templates - only ticked [x] boxes count; unticked "[ ] Lymphoma" and
#   "[ ] CR" etc. must be ignored. c026: the addendum revises etiology and response
#   (not_lymphoma, complete_response) but new_lesions stays true (the nodes are new, whatever
#   their cause).
# c028: extensive_mesenteric = null - "mild misty mesentery without nodes" could be read as a
#   mesentery stated to be free (false).
# c009: reader states PR although a new (inflammatory) nodule is listed; gold follows the
#   stated term. extranodal_organs = [] from "No extranodal disease".
# c018: extranodal_organs = [] from "No residual extranodal disease" (history: stomach);
#   extensive_mesenteric = null - extensive/bulky mesenteric disease is only in the history.
# c030: extensive_mesenteric = false - "the mesentery is now clear" although the history says
#   extensive mesenteric disease at diagnosis.
# p008: result = positive - marrow involved by low-grade follicular lymphoma (discordant), with
#   "no marrow involvement by large B-cell lymphoma"; the README counts any lymphoma diagnosis
#   as positive, but for an LBCL engine a reader could argue "negative for LBCL".
# p016: result = positive, lymphoma_type = classic Hodgkin lymphoma - the README's "any lymphoma
#   diagnosis" makes it positive, although it is not an LBCL relapse and the letter says "We do
#   not confirm relapse of diffuse large B-cell lymphoma". A reader treating HL as "another
#   malignancy" would give negative.
# p010: result = unknown - suboptimal trephine with an atypical aggregate; "can neither be
#   confirmed nor excluded".
# p021: result = unknown - "No lymphoma identified" is followed by "a steroid-treated lymphoma
#   cannot be excluded"; the hedge wins over the negative clause (could be read as negative).
# p013: result = negative although the frozen section said "favour lymphoma"; the final
#   diagnosis supersedes it. p012 is the reverse (frozen "favour reactive", final DLBCL).
# p009 / p030: multi-part reports - positive part A and "no residual lymphoma" / "no evidence
#   of lymphoma" in part B; site given as both parts (free text), the lymphoma-positive part
#   first.
# p024: effusion involvement counts as positive (README); lymphoma_type free text.
