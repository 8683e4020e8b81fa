#!/usr/bin/env python3
"""Build the synthetic report-text corpus (PET-CT, CT and pathology) in corpus.jsonl.

Every report here was written by hand, one at a time, with its gold annotation next to it. All of
it is invented for the tests: no real patient, no real report; dates, SUVs and sizes are made up.
The reports were written without looking at the text extractor (blind test data).

Run:  python3 make_reports.py            (validates, rewrites corpus.jsonl, prints a summary)
      python3 make_reports.py --check    (validates and compares with corpus.jsonl; writes nothing)

The gold schema and the annotation rules are in README.md next to this file. The output is
deterministic: the same bytes on every run (no randomness at all).
"""
import collections
import json
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus.jsonl"

STYLES = {
    "us_structured": "US structured template (EXAM / CLINICAL HISTORY / TECHNIQUE / COMPARISON / FINDINGS by region / IMPRESSION)",
    "us_impression_only": "US report reduced to its impression (one header line at most)",
    "uk_prose": "UK prose with no headers at all; the closing sentence acts as the impression",
    "site_table": "Per-site tables: pipes, tabs or 'Site: score' lists",
    "addendum": "Report followed by an ADDENDUM (some revise the score or impression, some do not)",
    "dictation": "Voice dictation: missing punctuation, run-on sentences, spoken 'period'/'comma', typos",
    "all_caps_legacy": "All-caps text from a legacy system",
    "mdt_summary": "MDT / tumour-board summary",
    "au_eu_english": "Australian or continental European English (decimal commas, dd.mm.yyyy dates)",
    "synoptic_pathology": "Synoptic pathology report (SPECIMEN / MICROSCOPY / IMMUNOHISTOCHEMISTRY / DIAGNOSIS / COMMENT)",
    "frozen_cytology": "Frozen-section, touch-imprint, FNA or fluid cytology short notes",
}

ORGANS = ("liver", "spleen_not_counted", "lung", "bone", "bone_marrow", "stomach", "bowel", "kidney",
          "adrenal", "pancreas", "cns", "skin", "breast", "testis", "thyroid", "pleura",
          "soft_tissue", "orbit", "other")

GOLD_KEYS = {
    "pet": ("deauville", "deauville_x", "uptake", "new_lesions", "new_lesion_etiology", "marrow",
            "category", "addendum_revised", "extensive_mesenteric", "extranodal_organs",
            "comparator_is_baseline"),
    "ct": ("new_lesions", "new_node_max_cm", "new_extranodal_max_cm", "new_lesion_etiology",
           "reader_assessment", "spd_cm2", "extensive_mesenteric", "extranodal_organs",
           "addendum_revised"),
    "pathology": ("result", "site", "lymphoma_type"),
}

ENUMS = {
    "uptake": {None, "reduced", "unchanged", "increased"},
    "new_lesions": {None, True, False},
    "new_lesion_etiology": {None, "lymphoma", "uncertain", "not_lymphoma"},
    "marrow": {None, "none", "diffuse_reactive", "focal_residual_reduced", "unchanged",
               "new_or_recurrent_focal"},
    "category": {None, "CMR", "PMR", "NMR", "PMD"},
    "extensive_mesenteric": {None, True, False},
    "comparator_is_baseline": {None, True, False},
    "deauville_x": {True, False},
    "addendum_revised": {True, False},
    "reader_assessment": {None, "progression", "partial_response", "complete_response", "stable"},
    "result": {"positive", "negative", "unknown"},
}

RECORDS = []


def _text(text):
    return textwrap.dedent(text).strip("\n")


def _organs(exn):
    return None if exn is None else sorted(exn)


def P(style, text, ds=None, x=False, up=None, new=None, et=None, mw=None, cat=None, add=False,
      mes=None, exn=None, comp=None):
    """A PET-CT report and its gold annotation (field names as in README.md)."""
    RECORDS.append({"kind": "pet", "style": style, "text": _text(text), "gold": {
        "deauville": ds, "deauville_x": x, "uptake": up, "new_lesions": new,
        "new_lesion_etiology": et, "marrow": mw, "category": cat, "addendum_revised": add,
        "extensive_mesenteric": mes, "extranodal_organs": _organs(exn),
        "comparator_is_baseline": comp}})


def C(style, text, new=None, node=None, exn_cm=None, et=None, ra=None, spd=None, mes=None,
      exn=None, add=False):
    """A CT report and its gold annotation."""
    RECORDS.append({"kind": "ct", "style": style, "text": _text(text), "gold": {
        "new_lesions": new, "new_node_max_cm": node, "new_extranodal_max_cm": exn_cm,
        "new_lesion_etiology": et, "reader_assessment": ra, "spd_cm2": spd,
        "extensive_mesenteric": mes, "extranodal_organs": _organs(exn),
        "addendum_revised": add}})


def D(style, text, result, site, ltype=None):
    """A pathology / cytology report and its gold annotation."""
    RECORDS.append({"kind": "pathology", "style": style, "text": _text(text), "gold": {
        "result": result, "site": site, "lymphoma_type": ltype}})


# =================================================================================================
# PET-CT reports. Each gold annotation was written against the text directly above it, then reread.
# =================================================================================================
# ---- PET: US structured template ---------------------------------------------------------------
P("us_structured", """
    EXAM: FDG PET/CT, skull base to mid-thigh
    CLINICAL HISTORY: 58-year-old woman with DLBCL, stage IIIA, bulky anterior mediastinal mass (SUVmax 19.4 at staging). Interim assessment after 3 cycles of R-CHOP.
    TECHNIQUE: 9.8 mCi F-18 FDG IV. Uptake time 64 minutes. Blood glucose 102 mg/dL. Liver SUVmean 2.1; mediastinal blood pool SUVmean 1.6.
    COMPARISON: Staging PET/CT 01/09/2025.
    FINDINGS:
    HEAD/NECK: No FDG-avid cervical or supraclavicular lymph nodes.
    CHEST: The anterior mediastinal mass has decreased from 9.1 x 6.8 cm to 4.2 x 2.9 cm. Residual uptake SUVmax 4.1, moderately above liver, markedly reduced compared with baseline. No pleural effusion.
    ABDOMEN/PELVIS: No abnormal uptake. Spleen 10.8 cm with normal activity.
    MUSCULOSKELETAL: Diffusely increased marrow uptake in keeping with recent G-CSF. No focal osseous lesion.
    IMPRESSION:
    1. Partial metabolic response. Residual anterior mediastinal uptake, Deauville 4, markedly reduced compared with baseline.
    2. No new FDG-avid lesions.
    """, ds=4, up="reduced", new=False, mw="diffuse_reactive", cat="PMR", comp=True)

P("us_structured", """
    EXAM: PET/CT skull base to thigh
    CLINICAL HISTORY: 49-year-old man, DLBCL stage IIA (right neck). End-of-treatment evaluation after 6 cycles of R-CHOP. Interim PET showed residual right neck uptake, Deauville 4.
    TECHNIQUE: 10.1 mCi FDG; uptake 61 min; glucose 88 mg/dL.
    COMPARISON: Interim PET/CT 04/22/2025.
    FINDINGS:
    HEAD/NECK: Right level II node now 9 mm, with faint uptake at or just above mediastinal blood pool (SUVmax 2.2; blood pool 2.0; liver 2.8).
    CHEST: No hypermetabolic thoracic lymph nodes. Lungs clear.
    ABDOMEN/PELVIS: No abnormal FDG uptake.
    MUSCULOSKELETAL: Normal marrow activity.
    IMPRESSION:
    1. Residual right level II node, Deauville 2-3.
    2. Complete metabolic response.
    3. No new lesions.
    """, ds=3, new=False, mw="none", cat="CMR", comp=False)

P("us_structured", """
    EXAM: PET/CT whole body
    CLINICAL HISTORY: 63-year-old woman with DLBCL treated with R-CHOP, complete metabolic response at end of treatment (Deauville 2). Rising LDH and night sweats. Evaluate for relapse.
    TECHNIQUE: 9.6 mCi FDG IV, 59 minute uptake, glucose 94 mg/dL. Liver SUVmax 2.6.
    COMPARISON: End-of-treatment PET/CT 06/18/2024.
    FINDINGS:
    HEAD/NECK: New FDG-avid left supraclavicular node measuring 2.3 cm, SUVmax 11.6.
    CHEST: No thoracic adenopathy.
    ABDOMEN/PELVIS: Two new hypermetabolic hepatic foci, segment 6 (SUVmax 9.8) and segment 8 (SUVmax 7.9), each about 1.5 cm. Spleen unremarkable.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. New left supraclavicular nodal and hepatic lesions, Deauville 5.
    2. Appearances consistent with relapsed lymphoma. Tissue sampling of the supraclavicular node is recommended.
    """, ds=5, new=True, et="lymphoma", mw="none", exn=["liver"], comp=False)

P("us_structured", """
    EXAM: FDG PET/CT, initial staging
    CLINICAL HISTORY: 71-year-old man with newly diagnosed DLBCL on mesenteric core biopsy. Abdominal pain and weight loss.
    TECHNIQUE: 11.2 mCi FDG; uptake 58 min; glucose 131 mg/dL. Reference: liver SUVmax 2.8.
    COMPARISON: None.
    FINDINGS:
    HEAD/NECK: No hypermetabolic lymph nodes.
    CHEST: No hypermetabolic thoracic lymph nodes. Lungs clear.
    ABDOMEN/PELVIS: Bulky mesenteric conglomerate nodal mass measuring 12.4 x 8.7 cm (SUVmax 24.1) encasing the superior mesenteric vessels, with further confluent nodes throughout the left mesentery, representing extensive mesenteric disease. Circumferential wall thickening of the terminal ileum with intense uptake (SUVmax 17.3), consistent with bowel involvement. Retroperitoneal nodes up to 2.1 cm (SUVmax 12.0). Liver and spleen without focal uptake.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. Bulky FDG-avid lymphoma below the diaphragm with extensive mesenteric disease.
    2. Terminal ileal involvement. No other extranodal disease.
    """, mw="none", mes=True, exn=["bowel"])

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 55-year-old man, DLBCL stage IIIA. Interim PET after 4 cycles of R-CHOP.
    TECHNIQUE: 10.4 mCi FDG; uptake 63 minutes; glucose 109 mg/dL. Liver SUVmax 2.9.
    COMPARISON: Baseline staging PET/CT 08/14/2025.
    FINDINGS:
    HEAD/NECK: Unremarkable.
    CHEST: Left axillary nodal mass 3.4 x 2.6 cm (previously 3.7 x 2.9 cm), SUVmax 13.2 (previously 13.9). Uptake is essentially unchanged since the prior study.
    ABDOMEN/PELVIS: Left para-aortic nodes, largest 2.0 cm, SUVmax 9.1, also unchanged. Spleen normal.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. Persistent intense uptake in the left axillary and para-aortic disease, unchanged since the prior study. Deauville 5.
    2. No new sites of disease.
    3. No metabolic response.
    """, ds=5, up="unchanged", new=False, mw="none", cat="NMR", comp=True)

P("us_structured", """
    EXAM: PET/CT skull base to mid-thigh
    CLINICAL HISTORY: 68-year-old woman, DLBCL stage IIIB. End-of-treatment PET after 6 cycles of pola-R-CHP. Interim PET after 2 cycles showed a partial metabolic response.
    TECHNIQUE: 9.4 mCi FDG; uptake 66 minutes; glucose 97 mg/dL; liver SUVmax 2.7.
    COMPARISON: Interim PET/CT 05/02/2025.
    FINDINGS:
    HEAD/NECK: No abnormal uptake.
    CHEST: Residual right paratracheal node, 1.6 cm, SUVmax 4.4. Uptake is unchanged since the prior study (SUVmax 4.5) but markedly reduced compared with the staging PET of 03/11/2025 (SUVmax 16.8).
    ABDOMEN/PELVIS: The previously involved mesenteric nodes are no longer FDG-avid. Spleen normal in size and activity.
    MUSCULOSKELETAL: Homogeneous marrow activity.
    IMPRESSION:
    1. Residual right paratracheal uptake, Deauville 4: reduced compared with baseline, unchanged since the interim study.
    2. Partial metabolic response, i.e. residual metabolically active disease at end of treatment.
    3. No new lesions.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", comp=False)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 66-year-old man with DLBCL of the right groin; staging PET-CT 12/03/2025. Interim scan after 2 cycles of R-CHOP.
    TECHNIQUE: Standard protocol; glucose 90 mg/dL.
    FINDINGS: Comparison: PET-CT 12/03/2025. The right inguinal and external iliac nodal masses have decreased in size and activity; the dominant right external iliac node now measures 2.1 cm with SUVmax 3.0, previously 14.6, similar to liver (SUVmax 2.9). No new FDG-avid lesion. No focal marrow uptake. The neck and chest are unremarkable.
    IMPRESSION: Residual right external iliac uptake, Deauville 3. Complete metabolic response at interim.
    """, ds=3, up="reduced", new=False, mw="none", cat="CMR", comp=True)

P("us_structured", """
    EXAM: FDG PET/CT
    CLINICAL HISTORY: 59-year-old man with DLBCL; primary progression after R-CHOP (Deauville 5 at end of treatment, 2024). Axicabtagene ciloleucel infused 03/04/2025. Day 90 response assessment.
    TECHNIQUE: 8.9 mCi FDG; uptake 60 min; glucose 110 mg/dL. Liver SUVmax 3.1; blood pool SUVmax 2.0.
    COMPARISON: Pre-CAR-T baseline PET/CT 02/20/2025.
    FINDINGS:
    HEAD/NECK: No FDG-avid nodes.
    CHEST: The previously involved left hilar node is no longer avid.
    ABDOMEN/PELVIS: The previously seen coeliac and portocaval nodes have resolved. Normal splenic activity.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. No residual FDG-avid disease, Deauville 1.
    2. Complete metabolic response. No new lesions.
    """, ds=1, new=False, mw="none", cat="CMR", comp=True)

P("us_structured", """
    EXAM: PET/CT skull base to thigh
    CLINICAL HISTORY: 61-year-old woman, DLBCL stage IV (spleen). Interim PET after 2 cycles of R-CHOP. New cough.
    TECHNIQUE: 9.9 mCi FDG; uptake 62 min; glucose 99 mg/dL. Liver SUVmax 2.8.
    COMPARISON: Staging PET/CT 10/01/2025.
    FINDINGS:
    HEAD/NECK: No abnormal uptake.
    CHEST: The bulky mediastinal mass has reduced in size (5.1 x 3.0 cm) and in uptake, SUVmax 3.6 (previously 21.0). There is a new 1.4 cm nodule in the right lower lobe, SUVmax 4.6, not present at staging, with mild surrounding ground-glass change. An infective process is favored. However, lymphoma cannot be excluded.
    ABDOMEN/PELVIS: The splenic lesions seen at staging are no longer identified.
    MUSCULOSKELETAL: Diffusely increased marrow uptake, likely reactive to G-CSF.
    IMPRESSION:
    1. Good interim response at known sites; residual mediastinal uptake moderately above liver, Deauville 4.
    2. New right lower lobe nodule, indeterminate. Short-interval follow-up or biopsy suggested.
    """, ds=4, up="reduced", new=True, et="uncertain", mw="diffuse_reactive", comp=True)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 44-year-old woman, primary mediastinal large B-cell lymphoma. End-of-treatment assessment after 6 cycles of DA-EPOCH-R. Influenza vaccine in the left deltoid 6 days ago.
    TECHNIQUE: 8.2 mCi FDG; uptake 60 min; glucose 84 mg/dL. Blood pool SUVmax 1.8, liver SUVmax 2.5.
    COMPARISON: Baseline PET/CT 01/15/2025.
    FINDINGS:
    HEAD/NECK: Normal.
    CHEST: Residual anterior mediastinal soft tissue 2.8 x 1.5 cm, uptake below blood pool (SUVmax 1.6). New mildly avid left axillary nodes, largest 1.1 cm, SUVmax 3.2.
    ABDOMEN/PELVIS: Normal physiological distribution.
    MUSCULOSKELETAL: No focal osseous uptake. Mild uptake at the left deltoid injection site.
    IMPRESSION:
    1. Complete metabolic response; residual mediastinal mass Deauville 2.
    2. The new left axillary nodes are reactive, post-vaccination.
    """, ds=2, new=True, et="not_lymphoma", mw="none", cat="CMR", comp=True)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 77-year-old man with DLBCL stage IIIA. End of treatment after 6 cycles of R-mini-CHOP. Fever last week.
    TECHNIQUE: 9.1 mCi FDG, 65 minutes, glucose 121 mg/dL.
    COMPARISON: Interim PET/CT 07/30/2025.
    FINDINGS:
    NECK: No abnormal nodes.
    CHEST: New patchy consolidation in the right upper lobe with SUVmax 6.2, Deauville X. The residual subcarinal node (1.2 cm) has uptake above blood pool but below liver.
    ABDOMEN/PELVIS: Residual retroperitoneal soft tissue 2.0 x 1.3 cm, uptake similar to liver. Spleen normal.
    MUSCULOSKELETAL: Marrow normal.
    IMPRESSION:
    1. Residual subcarinal and retroperitoneal uptake, Deauville 3. Complete metabolic response.
    2. New right upper lobe consolidation, likely infective (Deauville X). Clinical correlation.
    """, ds=3, x=True, new=True, et="not_lymphoma", mw="none", cat="CMR", comp=False)

P("us_structured", """
    EXAM: PET/CT skull base to mid-thigh
    CLINICAL HISTORY: 52-year-old man with DLBCL of the left neck, stage IIA. Interim PET after 2 cycles of R-CHOP. Neck swelling worse.
    TECHNIQUE: 10.6 mCi FDG; uptake 60 min; glucose 93 mg/dL. Liver SUVmax 2.4.
    COMPARISON: Baseline PET/CT 09/09/2025.
    FINDINGS:
    HEAD/NECK: The left cervical nodal conglomerate has enlarged to 6.8 x 4.9 cm (previously 5.2 x 3.8 cm). Uptake has increased, SUVmax 22.5 (previously 15.2).
    CHEST: No thoracic disease.
    ABDOMEN/PELVIS: No abnormal uptake.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. Increased uptake and size of the left cervical disease compared with baseline, Deauville 5.
    2. No new sites of disease.
    3. Progressive metabolic disease.
    """, ds=5, up="increased", new=False, mw="none", cat="PMD", comp=True)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 70-year-old woman, DLBCL stage IV with marrow involvement at diagnosis. Interim PET after 3 cycles of R-CHOP.
    TECHNIQUE: 8.8 mCi FDG; uptake 67 min; glucose 105 mg/dL. Liver SUVmax 2.6.
    COMPARISON: Staging PET/CT 02/02/2026.
    FINDINGS:
    HEAD/NECK: No abnormal uptake.
    CHEST: Previously involved mediastinal nodes show uptake similar to liver.
    ABDOMEN/PELVIS: No abnormal nodal uptake. Spleen normal.
    MUSCULOSKELETAL: The multifocal marrow lesions seen at staging have largely resolved. A single focus persists in the L2 vertebral body, SUVmax 3.9, less avid than at baseline (SUVmax 9.2).
    IMPRESSION:
    1. Nodal sites Deauville 3.
    2. Persistent but reduced focal L2 marrow uptake, Deauville 4.
    3. Partial metabolic response. MRI of the spine or marrow biopsy could be considered.
    """, ds=4, up="reduced", mw="focal_residual_reduced", cat="PMR", comp=True)

P("us_structured", """
    EXAM: FDG PET/CT staging
    CLINICAL HISTORY: 57-year-old woman, newly diagnosed DLBCL (left cervical node biopsy). B symptoms.
    TECHNIQUE: 9.7 mCi FDG; uptake 62 min; glucose 101 mg/dL; liver SUVmax 2.7.
    COMPARISON: None.
    FINDINGS:
    HEAD/NECK: Bilateral cervical nodes, largest left level IV 3.1 cm, SUVmax 18.2.
    CHEST: Mediastinal and bilateral hilar nodes, SUVmax up to 15.4. Lytic lesion of the right sixth rib with a soft tissue component and intense uptake (SUVmax 14.0), consistent with osseous involvement.
    ABDOMEN/PELVIS: Spleen enlarged to 15.2 cm with multiple focal hypermetabolic lesions, consistent with splenic involvement. Two hepatic lesions (segment 7, 2.4 cm; segment 3, 1.6 cm), SUVmax 12.9. Para-aortic nodes to 2.5 cm. A few small mesenteric nodes up to 1.2 cm with mild uptake; no evidence of extensive mesenteric disease.
    MUSCULOSKELETAL: Background marrow uptake homogeneous and not increased.
    IMPRESSION:
    Stage IV FDG-avid lymphoma: nodal disease above and below the diaphragm with splenic, hepatic and osseous involvement.
    """, mw="none", mes=False, exn=["bone", "liver", "spleen_not_counted"])

P("us_structured", """
    EXAM: PET/CT skull base to mid-thigh
    CLINICAL HISTORY: 48-year-old man, DLBCL, complete metabolic response at the end of R-CHOP in 04/2025. New right neck swelling.
    TECHNIQUE: 10.0 mCi FDG; uptake 61 min; glucose 92 mg/dL.
    COMPARISON: End-of-treatment PET/CT 04/10/2025.
    FINDINGS:
    HEAD/NECK: New right level III and IV lymph nodes, largest 2.2 cm, SUVmax 12.4.
    CHEST: Unremarkable.
    ABDOMEN/PELVIS: Unremarkable.
    MUSCULOSKELETAL: New focal uptake in the left iliac bone marrow, SUVmax 7.1, without a CT correlate.
    IMPRESSION:
    New right cervical nodes (Deauville 5) and a new left iliac marrow focus.
    Early relapse of lymphoma; biopsy advised.
    """, ds=5, new=True, et="lymphoma", mw="new_or_recurrent_focal", exn=["bone_marrow"], comp=False)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 60-year-old man with DLBCL stage IIIA. Interim PET after 2 cycles of R-CHOP.
    TECHNIQUE: FDG 10.3 mCi, uptake 64 minutes, glucose 114 mg/dL. Liver SUVmax 2.5.
    COMPARISON: Staging PET/CT 06/03/2025.
    FINDINGS:
    HEAD/NECK: No abnormal uptake.
    CHEST: Residual left hilar node 1.5 cm, SUVmax 6.8 (previously 17.5).
    ABDOMEN/PELVIS: Mesenteric nodal mass decreased from 7.2 x 5.0 cm to 3.8 x 2.4 cm, SUVmax 5.9 (previously 19.1).
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. Residual left hilar and mesenteric uptake, Deauville score 4/5, substantially reduced compared with staging.
    2. No new lesions.
    3. Partial metabolic response.
    """, ds=5, up="reduced", new=False, mw="none", cat="PMR", comp=True)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 29-year-old woman, primary mediastinal B-cell lymphoma, end of treatment.
    TECHNIQUE: 7.9 mCi FDG; uptake 59 min; glucose 81 mg/dL.
    COMPARISON: Baseline PET/CT 11/20/2024.
    FINDINGS:
    CHEST: Residual anterior mediastinal soft tissue, 3.0 x 1.2 cm, without uptake above background. New homogeneous uptake in a triangular thymic configuration (SUVmax 3.0), typical of thymic rebound, scored X.
    OTHER REGIONS: No abnormal uptake. Marrow unremarkable.
    IMPRESSION:
    1. Complete metabolic response, Deauville 1.
    2. New thymic uptake in keeping with thymic rebound (X).
    """, ds=1, x=True, new=True, et="not_lymphoma", mw="none", cat="CMR", comp=True)

P("us_structured", """
    EXAM: PET/CT skull base to mid-thigh
    CLINICAL HISTORY: 73-year-old man, DLBCL stage IIIA, end of treatment after 6 cycles of R-CHOP. Prior interim PET: Deauville 5 at the mesenteric mass.
    TECHNIQUE: 9.5 mCi; uptake 62 min; glucose 126 mg/dL. Liver SUVmax 2.9.
    COMPARISON: Interim PET/CT 08/12/2025.
    FINDINGS:
    CHEST: No thoracic disease.
    ABDOMEN/PELVIS: Residual mesenteric mass 3.2 x 2.1 cm, SUVmax 5.4, similar to the interim study (SUVmax 5.6). New 1.1 cm left para-aortic node, SUVmax 4.0.
    MUSCULOSKELETAL: Normal marrow.
    IMPRESSION:
    1. Residual mesenteric uptake, Deauville 4, stable since the interim study.
    2. New left para-aortic node: possible early progression, although reactive change is also possible. Biopsy or short-interval PET suggested.
    """, ds=4, new=True, et="uncertain", mw="none", comp=False)

P("us_structured", """
    EXAM: FDG PET/CT
    CLINICAL HISTORY: 65-year-old man, gastric DLBCL stage IE. Interim PET after 3 cycles of R-CHOP.
    TECHNIQUE: 9.0 mCi; uptake 60 minutes; glucose 98 mg/dL; liver SUVmax 2.6.
    COMPARISON: Staging PET/CT 04/04/2025.
    FINDINGS:
    HEAD/NECK/CHEST: Unremarkable.
    ABDOMEN/PELVIS: Gastric antral wall thickening has improved (now 9 mm, previously 24 mm). Residual focal uptake SUVmax 4.5, less than at staging (SUVmax 15.3) but moderately above liver, consistent with residual gastric lymphoma. Perigastric nodes no longer avid. Physiological bowel activity.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. Residual gastric lymphoma, Deauville 4, uptake reduced compared with staging.
    2. No other extranodal disease. No new lesions.
    3. Partial metabolic response.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", exn=["stomach"], comp=True)

P("us_structured", """
    EXAM: PET/CT, initial staging
    CLINICAL HISTORY: 38-year-old man with DLBCL diagnosed on right axillary node excision.
    TECHNIQUE: 10.8 mCi; uptake 60 min; glucose 86 mg/dL.
    COMPARISON: None available.
    FINDINGS:
    HEAD/NECK: Right supraclavicular node 1.8 cm, SUVmax 9.6.
    CHEST: Right axillary nodal mass 6.2 x 4.0 cm, SUVmax 21.3, with right subpectoral nodes. No mediastinal disease. Lungs clear.
    ABDOMEN/PELVIS: Normal liver and spleen. No abdominal or pelvic lymphadenopathy; the mesentery is clear.
    MUSCULOSKELETAL: Mildly increased diffuse marrow uptake, likely reactive. No focal lesion.
    IMPRESSION:
    1. FDG-avid lymphoma confined to the right axillary, subpectoral and right supraclavicular regions (stage II).
    2. No extranodal disease.
    """, mw="diffuse_reactive", mes=False, exn=[])
# ---- PET: US impression only -------------------------------------------------------------------
P("us_impression_only", """
    FDG PET/CT, interim (after cycle 3 of R-CHOP).
    IMPRESSION:
    1. Marked interval decrease in FDG uptake at all previously involved nodal sites compared with the staging study. Highest residual uptake in the left external iliac chain, Deauville 3.
    2. No new FDG-avid disease.
    3. Complete metabolic response.
    """, ds=3, up="reduced", new=False, cat="CMR", comp=True)

P("us_impression_only", """
    IMPRESSION:
    1. New FDG-avid nodes in the porta hepatis (SUVmax 10.2) and right common iliac chain (SUVmax 8.7), not present on the end-of-treatment scan of 02/2025.
    2. Findings are consistent with relapse. Biopsy is recommended for confirmation.
    3. No marrow or other extranodal abnormality.
    """, new=True, et="lymphoma", mw="none", exn=[], comp=False)

P("us_impression_only", """
    IMPRESSION:
    1. End-of-treatment PET/CT: the previously bulky mediastinal mass shows residual uptake below liver, Deauville 2-3.
    2. New 1.7 cm FDG-avid right internal mammary node (SUVmax 5.3), suspicious for recurrent lymphoma. Biopsy or interval PET suggested.
    """, ds=3, new=True, et="uncertain")

P("us_impression_only", """
    Post-treatment PET/CT (completion of 6 cycles of R-CHOP).
    IMPRESSION: Complete metabolic response (DS 1–2) compared with the baseline PET of 07/08/2025. No new or residual FDG-avid lymphoma. Diffuse, homogeneous increase in marrow activity, likely reactive after chemotherapy.
    """, ds=2, new=False, mw="diffuse_reactive", cat="CMR", comp=True)

P("us_impression_only", """
    IMPRESSION:
    1. Interim PET after 2 cycles of R-CHOP, compared with the baseline PET/CT of 05/05/2025 (the prior study).
    2. Right level II and level III nodal disease, Deauville 5, with uptake unchanged since the prior study (SUVmax 14.1 versus 14.8).
    3. No new lesions. No metabolic response.
    """, ds=5, up="unchanged", new=False, cat="NMR", comp=True)

P("us_impression_only", """
    IMPRESSION:
    1. New FDG-avid left adrenal mass (3.4 cm, SUVmax 15.6) and new retrocrural nodes.
    2. Residual right axillary disease is more intense than at staging (SUVmax 17.9 versus 11.0).
    3. Deauville 5. Progressive metabolic disease.
    Appearances are in keeping with lymphoma progression.
    """, ds=5, up="increased", new=True, et="lymphoma", cat="PMD", exn=["adrenal"], comp=True)

P("us_impression_only", """
    IMPRESSION:
    1. Complete metabolic response at the sites of known disease (Deauville 2) compared with baseline.
    2. New symmetrical, mildly avid mediastinal and bilateral hilar nodes (SUVmax 4.1) in a sarcoid-like pattern; a sarcoid-like reaction is favored rather than lymphoma.
    """, ds=2, new=True, et="not_lymphoma", cat="CMR", comp=True)

P("us_impression_only", """
    PET/CT 09/17/2025, interim.
    IMPRESSION: Decreased uptake in the retroperitoneal nodal mass compared with staging (SUVmax 5.2, from 18.6), Deauville 4. No new lesions.
    """, ds=4, up="reduced", new=False, comp=True)

P("us_impression_only", """
    Surveillance PET/CT.
    IMPRESSION: No evidence of FDG-avid lymphoma. Deauville 1. No new lesions. Physiological marrow uptake.
    """, ds=1, new=False, mw="none")

P("us_impression_only", """
    Surveillance PET/CT, 14 months after R-CHOP.
    IMPRESSION: Comparison: PET-CT 12/03/2025. New 2.9 cm left external iliac node with SUVmax 11.8, Deauville 5. Appearances consistent with relapsed lymphoma. No other new lesions.
    """, ds=5, new=True, et="lymphoma")

P("us_impression_only", """
    IMPRESSION:
    1. Interim PET: resolution of uptake at the previously involved cervical and mediastinal sites, Deauville 2.
    2. New focal uptake in the sigmoid colon (SUVmax 6.1) without a CT correlate; equivocal. Colonoscopy could be considered.
    """, ds=2, new=True, et="uncertain")

P("us_impression_only", """
    FDG PET/CT, staging.
    IMPRESSION:
    1. Hypermetabolic left breast mass (4.1 cm, SUVmax 20.3) with ipsilateral axillary nodes, consistent with the known large B-cell lymphoma.
    2. No other extranodal disease. No mesenteric lymphadenopathy.
    3. Stage IIE.
    """, mes=False, exn=["breast"])
# ---- PET: UK prose, no headers -----------------------------------------------------------------
P("uk_prose", """
    Interim PET-CT following three cycles of R-CHOP for stage III diffuse large B-cell lymphoma, compared with the staging study of 14/02/2025. The previously bulky para-aortic mass has reduced considerably in size and now shows only low-grade uptake, less than that of the liver. The cervical nodes have resolved. There is, however, a new 1.9 cm node at the porta hepatis with intense uptake (SUVmax 9.6) and a new focal lesion in the spleen. The bone marrow shows diffusely increased activity in keeping with recent growth factor.
    Appearances are consistent with progressive lymphoma despite response at the original sites.
    """, new=True, et="lymphoma", mw="diffuse_reactive", exn=["spleen_not_counted"], comp=True)

P("uk_prose", """
    End of treatment PET-CT after six cycles of R-CHOP. Comparison is made with the interim study of 21/04/2025. The residual soft tissue in the anterior mediastinum measures 3.1 x 1.8 cm and has uptake marginally above the mediastinal blood pool but below the liver. No other abnormal uptake is seen in the neck, chest, abdomen or pelvis. The marrow is of normal activity and there are no new lesions. These appearances represent a complete metabolic response, Deauville 3.
    """, ds=3, new=False, mw="none", cat="CMR", comp=False)

P("uk_prose", """
    Restaging PET-CT at the end of first-line therapy (R-CHOP x6) for DLBCL. The comparison is with the interim PET-CT of 02/06/2025. There is persistent uptake in a 1.4 cm left external iliac node, SUVmax 5.9, unchanged since the prior study. Relative to the staging PET-CT of March 2025 the uptake in this node has fallen substantially (SUVmax then 21.4), and all other sites have resolved. No new disease is seen and the marrow shows no focal abnormality.
    Residual left external iliac activity, Deauville 4, reduced from baseline but static since interim, in keeping with a partial metabolic response and residual disease at the end of treatment.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", comp=False)

P("uk_prose", """
    Staging PET-CT for newly diagnosed DLBCL (right inguinal node biopsy). There is FDG-avid lymphadenopathy in the right inguinal, right external and common iliac chains and in the para-aortic region, the largest node measuring 4.2 cm with SUVmax 19.8. A small number of subcentimetre mesenteric nodes show low-grade uptake; there is no evidence of extensive mesenteric disease. In the right lower lobe there is a 2.6 cm mass with intense uptake (SUVmax 16.2), in keeping with pulmonary involvement. No other extranodal disease is identified, and the marrow and spleen are of normal activity.
    Overall the appearances are of stage IV disease on account of the lung involvement.
    """, mw="none", mes=False, exn=["lung"])

P("uk_prose", """
    Interim PET-CT after two cycles of R-CHOP. Compared with the baseline scan of 07/09/2025 there has been an excellent response, the previously avid cervical and mediastinal nodes now showing uptake no higher than the mediastinal blood pool (Deauville 2). A new area of consolidation with air bronchograms in the left lower lobe shows moderate uptake (SUVmax 5.1). Given the history of fever and a raised CRP this is most likely infective. No further new sites are seen.
    In summary, complete metabolic response at the lymphoma sites, with an incidental left lower lobe infection.
    """, ds=2, new=True, et="not_lymphoma", cat="CMR", comp=True)

P("uk_prose", """
    PET-CT six weeks after completion of R-CHOP for stage II DLBCL of the neck, compared with the staging examination of 11/11/2024. The left cervical nodes have resolved both structurally and metabolically. A new 8 mm right axillary node has mild uptake (SUVmax 2.9) and is probably reactive. A new 1.6 cm nodule in the right lobe of the thyroid shows intense uptake (SUVmax 11.2); a thyroid primary or lymphoma cannot be excluded and ultrasound-guided sampling would be advisable.
    Deauville 1 at the original sites.
    """, ds=1, new=True, et="uncertain", comp=True)

P("uk_prose", """
    Interim PET-CT after two cycles of Pola-R-CHP, compared with the staging PET-CT of 19/05/2025. The left supraclavicular and mediastinal nodes have responded well, with uptake now much lower than at staging; the most avid residual node, in the aortopulmonary window, has an SUVmax of 3.3 against a liver SUVmax of 2.8, which I would score as Deauville 3-4. No new sites of disease. Diffuse splenic uptake slightly above liver is likely reactive.
    Good response, and the end of treatment scan will clarify the aortopulmonary node.
    """, ds=4, up="reduced", new=False, comp=True)

P("uk_prose", """
    PET-CT for suspected relapse two years after R-CHOP for DLBCL, compared with the end of treatment scan of 05/08/2023. There is a new lytic lesion in the left femoral shaft with cortical destruction and a soft tissue component, showing intense uptake (SUVmax 13.4), and a new 2.4 cm right external iliac node (SUVmax 9.0). Neither was present previously.
    Consistent with relapse.
    """, new=True, et="lymphoma", exn=["bone"], comp=False)

P("uk_prose", """
    End of treatment PET-CT following R-CHOP for stage IIIA DLBCL, compared with the baseline PET-CT of 16/01/2025. The previously involved abdominal nodes have resolved with no residual uptake above background. There are new, symmetrical, mildly avid hilar and mediastinal nodes (SUVmax up to 4.8) and small perilymphatic lung nodules, a pattern typical of a sarcoid-like reaction, which has been described with this treatment. The marrow is unremarkable.
    Complete metabolic response at the sites of lymphoma (Deauville 1); the new thoracic findings are sarcoid-like rather than lymphomatous.
    """, ds=1, new=True, et="not_lymphoma", mw="none", cat="CMR", comp=True)

P("uk_prose", """
    Interim PET-CT after four cycles of R-CHOP for DLBCL, compared with the baseline study of 02/10/2025. The right iliac and inguinal disease has increased in both size and intensity, the dominant node now 5.4 cm with SUVmax 26.0 compared with 3.9 cm and SUVmax 17.1 at baseline. No new sites are seen and the marrow is of normal activity.
    The appearances are those of progressive metabolic disease, Deauville 5.
    """, ds=5, up="increased", new=False, mw="none", cat="PMD", comp=True)

P("uk_prose", """
    PET-CT after four cycles of R-GDP salvage for relapsed DLBCL. The comparison is with the interim salvage PET-CT of 12/12/2025, done after two cycles. The right paratracheal node has reduced in size and its uptake is now only slightly above the liver (SUVmax 3.6, liver 2.9). The hepatic deposits seen before salvage are no longer avid and there is no other extranodal disease. There are no new lesions.
    Partial metabolic response with a residual Deauville 4 right paratracheal node.
    """, ds=4, new=False, cat="PMR", exn=[], comp=False)

P("uk_prose", """
    FDG PET-CT at end of treatment. 352 MBq of FDG was administered, blood glucose 5.8 mmol/L, uptake period 63 minutes; liver SUVmean 2.2 and mediastinal blood pool SUVmean 1.5. History of DLBCL with a 10 cm mesenteric mass at diagnosis, Deauville 5 at interim. The mesenteric mass has shrunk to a 3.5 x 2.0 cm residuum with uptake less than the mediastinal blood pool. No other abnormal uptake and no new lesions.
    Deauville 2, complete metabolic response.
    """, ds=2, new=False, cat="CMR")

P("uk_prose", """
    Interim PET-CT after two cycles of R-CHOP for DLBCL, compared with the staging PET-CT of 06/06/2025. There has been a good response in the neck and mediastinum, with residual uptake similar to the liver. A new 1.3 cm left external iliac node with moderate uptake (SUVmax 4.2) is indeterminate and would merit further assessment at the next scan. The bone marrow shows diffuse reactive uptake.
    Deauville 3 at the original sites, with an indeterminate new left external iliac node.
    """, ds=3, new=True, et="uncertain", mw="diffuse_reactive", comp=True)

P("uk_prose", """
    Staging PET-CT for a newly diagnosed DLBCL. There is avid lymphadenopathy on both sides of the diaphragm, including a 7.8 cm conglomerate in the left axilla (SUVmax 23.4). There is multifocal uptake throughout the axial and proximal appendicular marrow, in the pelvis, spine and both femora, consistent with marrow involvement. The liver and spleen are of normal size and activity, the mesentery is clear, and there is no other extranodal disease.
    Stage IV disease by virtue of marrow involvement.
    """, mes=False, exn=["bone_marrow"])

P("uk_prose", """
    Surveillance PET-CT fourteen months after R-CHOP for DLBCL, compared with the end of treatment study of 30/01/2025. A new 1.8 cm left supraclavicular node shows moderate uptake (SUVmax 6.4). This is a possible early relapse but could equally be reactive in view of the recent upper respiratory tract infection, and a repeat scan or biopsy is recommended. Elsewhere the appearances are unchanged, with no abnormal uptake.
    Possible relapse in the left supraclavicular fossa.
    """, new=True, et="uncertain", comp=False)

P("uk_prose", """
    End of treatment PET-CT for stage IIA DLBCL of the right neck, compared with the baseline PET-CT of 27/03/2025. The right cervical nodes are no longer enlarged and show no uptake above the blood pool. A small new focus of uptake in the left fifth rib corresponds to a healing fracture on the CT component and is scored X, being unrelated to lymphoma. The marrow is otherwise normal and there is no extranodal disease.
    Complete metabolic response, Deauville 2.
    """, ds=2, x=True, new=True, et="not_lymphoma", mw="none", cat="CMR", exn=[], comp=True)
# ---- PET: per-site tables and lists ------------------------------------------------------------
P("site_table", """
    PET-CT interim response assessment (after C2 R-CHOP)
    Comparison: staging PET-CT 15/01/2026 (baseline).
    Reference: liver SUVmax 2.6; mediastinal blood pool SUVmax 1.8.
    | Site | Baseline SUVmax | Current SUVmax | Deauville |
    |---|---|---|---|
    | Left cervical level IV | 14.2 | 2.1 | 2 |
    | Prevascular mediastinum | 21.7 | 4.9 | 4 |
    | Spleen (focal lesions) | 8.3 | 2.4 | 2 |
    Bone marrow: diffusely increased, reactive pattern.
    No new lesions.
    Conclusion: partial metabolic response; highest residual score Deauville 4 in the prevascular mediastinum, with markedly reduced uptake.
    """, ds=4, up="reduced", new=False, mw="diffuse_reactive", cat="PMR", comp=True)

P("site_table", """
    PET-CT, end of treatment (R-CHOP x6). Comparison: interim PET-CT 10/10/2025.
    Deauville by site:
    - right neck 2
    - mediastinum 3
    - left axilla 4 (new)
    - spleen 1
    The new left axillary node measures 1.6 cm (SUVmax 5.2) and was not seen at interim.
    Conclusion: new left axillary disease in keeping with progression. Biopsy recommended.
    """, ds=4, new=True, et="lymphoma", comp=False)

P("site_table", """
    PET-CT 03/02/2026, end of treatment, DLBCL stage IIIA.
    Compared with the baseline PET-CT of 09/2025.
    Site\tBaseline SUVmax\tNow SUVmax\tDeauville
    R axilla\t12.8\t1.9\t2
    Mediastinum\t17.3\t2.6\t3
    Para-aortic\t10.1\t1.4\t1
    Liver (ref)\t-\t2.7\t-
    Marrow: no focal uptake. No new lesions.
    Impression: complete metabolic response.
    """, ds=3, up="reduced", new=False, mw="none", cat="CMR", comp=True)

P("site_table", """
    Interim PET-CT (iPET2), DLBCL.
    Comparison: baseline PET-CT 22/07/2025.
    Deauville scores:
    Right cervical: 1–2
    Mediastinum: 2
    Right hilum: 2–3
    Bone marrow: diffuse uptake, G-CSF related
    New lesions: none
    Overall: complete metabolic response.
    """, ds=3, new=False, mw="diffuse_reactive", cat="CMR", comp=True)

P("site_table", """
    FDG PET-CT, end of treatment. Comparison: interim PET-CT 14/08/2025.
    | Region | Finding | SUVmax | 5PS |
    | Left neck | residual 8 mm node | 2.0 | 2 |
    | Abdomen | residual mesenteric soft tissue | 2.6 | 3 |
    | Right lung base | new patchy consolidation, likely aspiration | 5.7 | X |
    Liver SUVmax 2.8. Marrow normal.
    Impression: complete metabolic response (5PS 3). The right basal change is inflammatory and unrelated to lymphoma.
    """, ds=3, x=True, new=True, et="not_lymphoma", mw="none", cat="CMR", comp=False)

P("site_table", """
    Interim PET-CT after 3 cycles of R-CHOP, compared with the staging PET-CT of 01/04/2025.
    Site | Staging SUVmax | Interim SUVmax | DS
    Left inguinal | 15.5 | 2.2 | 2
    Left external iliac | 13.9 | 3.1 | 3
    Right inguinal (new) | - | 3.4 | -
    Note: the new right inguinal node (1.0 cm) follows cellulitis of the right leg and is reactive.
    No focal marrow uptake.
    Conclusion: Deauville 3. Complete metabolic response at the lymphoma sites.
    """, ds=3, up="reduced", new=True, et="not_lymphoma", mw="none", cat="CMR", comp=True)

P("site_table", """
    PET-CT, DLBCL, end of treatment (R-CHOP x6). Comparison: baseline PET-CT 07/02/2025.
    | Site | Baseline SUVmax | Current SUVmax | Deauville |
    | Right neck | 11.2 | 16.8 | 5 |
    | Mediastinum | 14.0 | 19.9 | 5 |
    | Liver segment 4 lesion (new) | - | 12.1 | 5 |
    Marrow: no focal lesion.
    Summary: increased uptake at the known sites and a new hepatic lesion consistent with lymphoma. Progressive metabolic disease.
    """, ds=5, up="increased", new=True, et="lymphoma", mw="none", cat="PMD", exn=["liver"], comp=True)

P("site_table", """
    Interim PET (C4 R-CHOP). Comparison: staging PET-CT 18/03/2025 (baseline).
    Sites - Deauville:
    Right axilla - 4/5 (SUVmax 7.9; baseline 19.6)
    Subcarinal - 3
    Spleen - 1
    No new lesions. Marrow: diffuse, reactive.
    Partial metabolic response.
    """, ds=5, up="reduced", new=False, mw="diffuse_reactive", cat="PMR", comp=True)

P("site_table", """
    PET-CT after 4 cycles of R-CHOP. Comparison: baseline PET-CT 03/03/2026.
    | Site | Baseline SUVmax | Now | DS |
    | Left axilla | 18.1 | 2.3 | 2 |
    | Para-aortic | 12.6 | 2.5 | 3 |
    | Marrow, right iliac crest focus | 9.7 | 4.4 | 4 |
    | Liver (reference) | | 2.7 | |
    The right iliac crest marrow focus persists but is considerably less avid than at baseline; the other marrow foci have resolved.
    No new lesions.
    Impression: Deauville 4 (marrow). Partial metabolic response.
    """, ds=4, up="reduced", new=False, mw="focal_residual_reduced", cat="PMR", comp=True)

P("site_table", """
    PET-CT restaging. Comparison: PET-CT 12/03/2025. Site scores follow.
    Left neck: 3
    Mediastinum: 3
    Left lower lobe nodule (new, 1.2 cm): 4
    The left lower lobe nodule is indeterminate; an infective cause is possible. Short-interval CT suggested.
    """, ds=4, new=True, et="uncertain")

P("site_table", """
    PET-CT after 2 cycles of R-CHOP.
    COMPARISON: Baseline PET-CT 28/10/2025.
    Site\tSUVmax baseline\tSUVmax now\tDeauville
    Mediastinal mass\t16.2\t15.1\t5
    Right hilum\t9.4\t9.0\t5
    Both sites are unchanged since the prior study. No new lesions. Marrow: no focal uptake.
    Impression: Deauville 5, no metabolic response.
    """, ds=5, up="unchanged", new=False, mw="none", cat="NMR", comp=True)

P("site_table", """
    Staging PET-CT, DLBCL.
    Nodal: cervical, axillary, mediastinal, para-aortic and mesenteric.
    Mesentery: bulky conglomerate 10.6 x 7.3 cm encasing the mesenteric vessels; extensive mesenteric disease.
    Liver: involved (3 lesions, largest 3.2 cm).
    Spleen: involved (diffuse uptake, 16 cm).
    Stomach: not involved.
    Bone marrow: not involved; no focal uptake.
    Other extranodal sites: none.
    Stage IV.
    """, mw="none", mes=True, exn=["liver", "spleen_not_counted"])

P("site_table", """
    PET-CT, end of treatment for DLBCL, compared with the interim PET-CT of 20/09/2025.
    Deauville scores by site:
    Mediastinum 2
    Right hilum 3
    Right paratracheal 4 (new)
    The new right paratracheal node (1.2 cm, SUVmax 4.0) may represent lymphoma; granulomatous disease is also possible. Biopsy or interval PET recommended.
    """, ds=4, new=True, et="uncertain", comp=False)

P("site_table", """
    PET-CT, end of treatment (6 x R-CHOP). COMPARISON: interim PET-CT 11/11/2025.
    | Site | Deauville |
    | Left supraclavicular | 3 |
    | Anterior mediastinum | 3 |
    Residual uptake is unchanged since the prior study and remains no higher than the liver. No new lesions. Marrow normal.
    IMPRESSION: Complete metabolic response.
    """, ds=3, new=False, mw="none", cat="CMR", comp=False)
# ---- PET: reports with an ADDENDUM -------------------------------------------------------------
P("addendum", """
    EXAM: PET/CT
    CLINICAL HISTORY: 62-year-old man, DLBCL stage IIIA. Interim PET after 3 cycles of R-CHOP.
    TECHNIQUE: 9.7 mCi FDG; uptake 61 min; glucose 99 mg/dL.
    COMPARISON: Baseline PET/CT 02/27/2025.
    FINDINGS: The previously bulky subcarinal mass measures 2.6 x 1.9 cm with SUVmax 3.4, reduced compared with baseline (SUVmax 15.0). Other nodal sites have resolved. No new lesions. No focal marrow uptake.
    IMPRESSION: Deauville 3. Complete metabolic response.
    ADDENDUM (05/14/2025): On review, the liver reference SUVmax is 2.4, so the subcarinal residual (SUVmax 3.4) is moderately above liver. The score is revised to Deauville 4 and the impression to partial metabolic response.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", add=True, comp=True)

P("addendum", """
    PET/CT, end of treatment, DLBCL stage IIA.
    COMPARISON: Interim PET/CT 08/01/2025.
    FINDINGS: Residual left cervical node 1.0 cm with uptake below liver. Chest, abdomen and pelvis unremarkable. No new lesions.
    IMPRESSION: Deauville 3, complete metabolic response.

    ADDENDUM: After the report was issued, re-review identified a new 1.3 cm FDG-avid right obturator node (SUVmax 8.2), Deauville 5, which is consistent with progression. The impression is revised: progressive metabolic disease.
    """, ds=5, new=True, et="lymphoma", cat="PMD", add=True, comp=False)

P("addendum", """
    EXAM: PET/CT
    CLINICAL HISTORY: DLBCL. Interim PET after 2 cycles of R-CHOP.
    COMPARISON: Staging PET/CT 10/20/2025.
    FINDINGS: The mediastinal disease has resolved, with residual uptake at blood pool level. New 1.2 cm right axillary node, SUVmax 3.9.
    IMPRESSION:
    1. Deauville 2 at the original sites.
    2. New right axillary node, indeterminate.
    ADDENDUM: The patient received a COVID-19 booster in the right arm 5 days before the scan. The right axillary node is therefore considered reactive (post-vaccination). Revised impression: complete metabolic response; the axillary node is not lymphoma.
    """, ds=2, new=True, et="not_lymphoma", cat="CMR", add=True, comp=True)

P("addendum", """
    EXAM: FDG PET/CT
    CLINICAL HISTORY: DLBCL stage IVA. End of treatment after 6 cycles of R-CHOP. Bone marrow trephine (right posterior iliac crest) 9 days ago for cytopenias.
    COMPARISON: Baseline PET/CT 03/19/2025.
    FINDINGS: Residual para-aortic nodes with uptake between blood pool and liver. New focal uptake in the right posterior iliac crest, SUVmax 6.0.
    IMPRESSION: New focal right iliac uptake, suspicious for marrow involvement. Deauville 5.
    ADDENDUM: The right posterior iliac focus corresponds to the trephine site and is post-procedural; it is rescored X. No marrow disease. Revised impression: residual para-aortic uptake, Deauville 3; complete metabolic response.
    """, ds=3, x=True, new=True, et="not_lymphoma", mw="none", cat="CMR", add=True, comp=True)

P("addendum", """
    EXAM: PET/CT skull base to mid-thigh
    CLINICAL HISTORY: DLBCL stage IIIA. Interim PET after 3 cycles of R-CHOP.
    TECHNIQUE: 10.2 mCi FDG; uptake 60 min; glucose 104 mg/dL.
    COMPARISON: Staging PET/CT 01/13/2026.
    FINDINGS: The left axillary nodes have reduced in size; residual SUVmax 5.1 (previously 16.0), liver SUVmax 2.6. No new lesions. Diffusely avid marrow, reactive pattern.
    IMPRESSION: Deauville 4 with reduced uptake compared with staging; partial metabolic response.
    ADDENDUM: Findings discussed with Dr. Okafor by telephone on 03/20/2026 at 14:20.
    """, ds=4, up="reduced", new=False, mw="diffuse_reactive", cat="PMR", comp=True)

P("addendum", """
    EXAM: PET/CT, staging
    CLINICAL HISTORY: Newly diagnosed DLBCL.
    COMPARISON: None.
    FINDINGS: Bulky retroperitoneal and mesenteric nodal masses (largest 9.2 cm, SUVmax 27.3) amounting to extensive mesenteric disease. Multiple splenic lesions, consistent with splenic involvement. No focal marrow uptake. No other extranodal disease.
    IMPRESSION: Stage III disease with extensive mesenteric and splenic involvement.
    ADDENDUM: Total metabolic tumour volume 612 mL (41% SUVmax threshold). No change to the impression.
    """, mw="none", mes=True, exn=["spleen_not_counted"])

P("addendum", """
    EXAM: PET/CT
    CLINICAL HISTORY: Relapsed DLBCL, day 30 after axicabtagene ciloleucel.
    COMPARISON: Pre-CAR-T baseline PET/CT 06/02/2025.
    FINDINGS: The left axillary disease has resolved, uptake below blood pool. New bilateral pulmonary nodules up to 1.5 cm, SUVmax up to 7.4.
    IMPRESSION:
    1. Complete metabolic response at the nodal sites, Deauville 2.
    2. New pulmonary nodules, likely infective.
    ADDENDUM (revised impression): Reviewed with the chest CT of 4 weeks ago and the clinical team. The nodules were absent then, the patient is afebrile and the bronchoalveolar lavage was negative. The nodules are now considered in keeping with pulmonary lymphoma. Revised impression: progressive metabolic disease.
    """, ds=2, new=True, et="lymphoma", cat="PMD", add=True, exn=["lung"], comp=True)

P("addendum", """
    EXAM: PET/CT
    CLINICAL HISTORY: DLBCL, interim PET after 2 cycles of R-CHOP.
    COMPARISON: Staging PET/CT 04/11/2025.
    FINDINGS: Focal uptake at the left hilum, SUVmax 3.9 (liver 2.7). The other sites have resolved. No new lesions.
    IMPRESSION: Left hilar residual uptake, Deauville 4; partial metabolic response.
    ADDENDUM: On review of the fused and non-attenuation-corrected images, the focus lies in the distal oesophagus and is physiological. The left hilar node itself has uptake below the liver. Revised: Deauville 3, complete metabolic response.
    """, ds=3, new=False, cat="CMR", add=True, comp=True)

P("addendum", """
    EXAM: PET/CT
    CLINICAL HISTORY: DLBCL stage IIB, end of treatment after 6 cycles of R-CHOP.
    COMPARISON: Interim PET/CT 09/02/2025.
    FINDINGS: Residual anterior mediastinal mass 4.0 x 2.2 cm, SUVmax 4.6 (liver 2.5), unchanged since the prior study (SUVmax 4.7) and reduced compared with the staging study (SUVmax 18.0).
    IMPRESSION: Deauville 4. Partial metabolic response: residual disease at the end of treatment.
    ADDENDUM: Images reviewed at the lymphoma MDT on 12/09/2025; the Deauville score of 4 is confirmed. No change to the report.
    """, ds=4, up="reduced", cat="PMR", comp=False)

P("addendum", """
    EXAM: PET/CT
    CLINICAL HISTORY: DLBCL stage IIIB, interim PET after 2 cycles of R-CHOP. Staging was performed at an outside hospital.
    COMPARISON: None available at the time of reporting.
    FINDINGS: Residual right iliac nodal mass 3.6 x 2.4 cm, SUVmax 4.8 (liver 2.6). No new lesions. No focal marrow uptake.
    IMPRESSION: Residual right iliac uptake, Deauville 4. The change in uptake versus baseline cannot be assessed.
    ADDENDUM: The outside staging PET/CT of 02/03/2026 has now been reviewed. Compared with it, uptake in the right iliac mass is markedly reduced (SUVmax 16.2 at staging). Revised impression: Deauville 4, partial metabolic response.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", add=True, comp=True)
# ---- PET: dictation (run-on, spoken punctuation, typos) ----------------------------------------
P("dictation", """
    pet ct interim after cycle 3 of r chop comparison is made to the baseline pet ct from june period the mediastinal mass is smaller and much less avid with suv max 4.2 down from 17.9 period liver suv 2.5 period no new lesions period marrow looks diffusely hot probably from the neulasta period impression partial metabolic respones deauville 4 period
    """, ds=4, up="reduced", new=False, mw="diffuse_reactive", cat="PMR", comp=True)

P("dictation", """
    this is a restaging pet for a patient with dlbcl treated with r chop finished last march comparison end of treatment pet 03/28/2025 there is a new left para aortic node 2.1 cm suv max 8.8 which was not there before this is in keeping with relapse biopsy is suggested also a new focus in the liver segment 7 with suv max 6.0 same process the neck and chest are clear no marrow uptake end of report
    """, new=True, et="lymphoma", mw="none", exn=["liver"], comp=False)

P("dictation", """
    interim pet after two cycles r chop comma compared to the staging scan from 08/2025 period. nodes in the right neck and mediastinum have basically resolved residual uptake deauville 2 to 3 period no new disease period imprssion complete metabolic response period
    """, ds=3, new=False, cat="CMR", comp=True)

P("dictation", """
    eot pet dlbcl compared with interim pet 10/2025 period residual left axillary node 1.1 cm suv 2.4 below liver 2.9 deauville 3 period new subcentimetre right hilar node suv 3.5 possibly reactive possibly lymphoma cant exclude period recomend follow up pet in 3 months period
    """, ds=3, new=True, et="uncertain", comp=False)

P("dictation", """
    followup pet patient had cmr last year now there is a new right inguinal node 1.3 cm suv 4.1 there is a healing abrasion and cellulitis of the right foot so this is most likely reactive period otherwise no evidence of lymphoma deauville 1 elsewhere period
    """, ds=1, new=True, et="not_lymphoma")

P("dictation", """
    history dlbcl with progression on r chop now after 3 cycles of r ice no comparison available today period the retroperitoneal nodes show no uptake above the blood pool deauville 2 period no new lesions period no marrow uptake period impression complete metabolic response post salvage period
    """, ds=2, new=False, mw="none", cat="CMR")

P("dictation", """
    pet ct skull base to thigh comma end of treatment comma dlbcl stage 4 new paragraph comparison baseline pet 05/14/2025 new paragraph findings the liver lesions have resolved comma no residual hepatic uptake period the residual mesenteric mass measures 3.2 cm with suv max 9.6 versus liver 2.6 comma essentially unchanged since the prior study when it was 10.1 period no new lesions new paragraph impression deauville 5 comma no metabolic response in the mesentery
    """, ds=5, up="unchanged", new=False, cat="NMR", comp=True)

P("dictation", """
    interim pet c2 pola r chp compared with the staging pet of 11/02/2025 the bulky left neck mass has responded the uptake is much reduced suv max 3.0 versus 19.0 before liver is 2.7 so deuville 4 period marrow shows diffuse increased uptake consistent with g csf period no new foci
    """, ds=4, up="reduced", new=False, mw="diffuse_reactive", comp=True)

P("dictation", """
    staging pet newly diagnosed dlbcl period bulky left axillary and supraclavicular nodes suv max 22 period a few mildly avid mesenteric nodes under 1 cm period no evidence of extensive mesentaric disease period liver and spleen normal period no focal marrow uptake period no extranodal disease period
    """, mw="none", mes=False, exn=[])

P("dictation", """
    surveillance pet dlbcl 2 years out comparison eot pet 04/2024 period new bilateral renal cortical masses up to 3 cm with suv max 14.5 period also new retroperitoneal nodes period findings are consistent with recurrent lymphoma recommend biopsy period deauville 5 period no other extranodal disease
    """, ds=5, new=True, et="lymphoma", exn=["kidney"], comp=False)
# ---- PET: all-caps legacy ----------------------------------------------------------------------
P("all_caps_legacy", """
    EXAM: PET/CT SKULL BASE TO THIGH
    HISTORY: DLBCL. INTERIM RESTAGING AFTER 3 CYCLES OF R-CHOP.
    TECHNIQUE: 10.0 MCI F18-FDG. GLUCOSE 97 MG/DL. LIVER SUV MAX 2.5.
    COMPARISON: STAGING PET/CT 01/21/2025.
    FINDINGS: RESIDUAL LEFT AXILLARY NODE 2.3 X 1.8 CM, SUV MAX 5.6, PREVIOUSLY 4.1 X 3.0 CM WITH SUV MAX 18.3. NO NEW HYPERMETABOLIC FOCI. MARROW WITHOUT FOCAL UPTAKE.
    IMPRESSION: DECREASED METABOLIC ACTIVITY COMPARED WITH STAGING. DEAUVILLE 4. PARTIAL METABOLIC RESPONSE.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", comp=True)

P("all_caps_legacy", """
    PET/CT
    HISTORY: DLBCL IN REMISSION SINCE 2023. NEW BACK PAIN.
    COMPARISON: PET/CT 09/12/2023 (END OF THERAPY).
    FINDINGS: NEW HYPERMETABOLIC LYTIC LESION OF THE T11 VERTEBRAL BODY WITH A PARAVERTEBRAL COMPONENT, 4.2 X 2.9 CM, SUV MAX 16.7. NEW LEFT PLEURAL NODULES WITH SUV MAX 8.1. SMALL LEFT PLEURAL EFFUSION.
    IMPRESSION: NEW T11 BONE LESION AND LEFT PLEURAL DISEASE.
    CONSISTENT WITH RELAPSE.
    """, new=True, et="lymphoma", exn=["bone", "pleura"], comp=False)

P("all_caps_legacy", """
    F-18 FDG PET/CT INITIAL STAGING
    CLINICAL INDICATION: NEWLY DIAGNOSED DIFFUSE LARGE B-CELL LYMPHOMA, RIGHT NECK.
    TECHNIQUE: 12.1 MCI FDG. BLOOD GLUCOSE 88 MG/DL. MEDIASTINAL BLOOD POOL SUV 1.9, LIVER SUV 2.8.
    FINDINGS: HYPERMETABOLIC RIGHT LEVEL II-IV CERVICAL NODES, LARGEST 3.6 X 2.7 CM, SUV MAX 19.0. NO THORACIC OR ABDOMINAL ADENOPATHY. NO MESENTERIC DISEASE. SPLEEN NORMAL. MARROW UNREMARKABLE.
    IMPRESSION: STAGE I NODAL DISEASE OF THE RIGHT NECK. NO EXTRANODAL DISEASE.
    """, mw="none", mes=False, exn=[])

P("all_caps_legacy", """
    PET/CT END OF TREATMENT
    HISTORY: DLBCL STAGE II BULKY. COMPLETED R-CHOP X 6.
    COMPARISON: BASELINE PET/CT 02/08/2025.
    FINDINGS: NO RESIDUAL HYPERMETABOLIC ADENOPATHY. RESIDUAL MEDIASTINAL SOFT TISSUE 3.4 X 1.6 CM WITH UPTAKE AT OR BELOW BLOOD POOL. NO NEW LESIONS. DIFFUSE MARROW ACTIVITY, REACTIVE.
    IMPRESSION: COMPLETE METABOLIC RESPONSE. DEAUVILLE 1-2.
    """, ds=2, new=False, mw="diffuse_reactive", cat="CMR", comp=True)

P("all_caps_legacy", """
    PET/CT
    HX: DLBCL, INTERIM AFTER 2 CYCLES.
    COMPARISON: STAGING PET/CT 07/07/2025.
    FINDINGS: PREVIOUSLY INVOLVED CERVICAL AND MEDIASTINAL NODES NOW SHOW UPTAKE LESS THAN LIVER. NEW 1.5 CM LEFT ADRENAL NODULE, SUV MAX 5.2, EQUIVOCAL: ADRENAL ADENOMA VS LYMPHOMA.
    IMPRESSION: DEAUVILLE 3 AT KNOWN SITES. NEW LEFT ADRENAL NODULE OF EQUIVOCAL SIGNIFICANCE; SUGGEST ADRENAL PROTOCOL CT.
    """, ds=3, new=True, et="uncertain", comp=True)

P("all_caps_legacy", """
    PET/CT RESTAGING
    HISTORY: DLBCL, END OF TREATMENT.
    COMPARISON: INTERIM PET/CT 10/15/2025.
    FINDINGS: RESIDUAL RIGHT HILAR UPTAKE SUV MAX 2.6, LIVER SUV MAX 2.4. NO NEW LESIONS.
    IMPRESSION: DEAUVILLE 3. COMPLETE METABOLIC RESPONSE.
    ADDENDUM 12/02/2025: LIVER REFERENCE REMEASURED AT 2.0 (THE FIRST VOI INCLUDED A VESSEL). THE RESIDUAL RIGHT HILAR UPTAKE IS THEREFORE MODERATELY ABOVE LIVER: REVISED TO DEAUVILLE 4. IMPRESSION REVISED TO RESIDUAL METABOLICALLY ACTIVE DISEASE AT END OF TREATMENT.
    """, ds=4, new=False, add=True, comp=False)

P("all_caps_legacy", """
    PET-CT
    INDICATION: DLBCL INTERIM RESTAGING (CYCLE 4). ?RESPONSE.
    COMPARISON: BASELINE PET-CT 03/30/2025.
    FINDINGS: PERSISTENT HYPERMETABOLIC LEFT INGUINAL AND EXTERNAL ILIAC NODES. LEFT INGUINAL SUV MAX 12.7 (BASELINE 13.5). NO SIGNIFICANT CHANGE IN UPTAKE COMPARED WITH BASELINE. NO NEW LESIONS.
    IMPRESSION: DEAUVILLE 5 WITHOUT SIGNIFICANT CHANGE FROM BASELINE. NO METABOLIC RESPONSE.
    """, ds=5, up="unchanged", new=False, cat="NMR", comp=True)

P("all_caps_legacy", """
    PET/CT END OF THERAPY
    COMPARISON: BASELINE PET/CT 01/05/2025.
    FINDINGS: NO RESIDUAL ABNORMAL UPTAKE AT THE PREVIOUSLY INVOLVED SITES (DEAUVILLE 1). NEW FOCAL UPTAKE IN THE RIGHT PAROTID GLAND, SUV MAX 7.8, WITH A 1.2 CM WELL-CIRCUMSCRIBED NODULE, FAVORED TO BE A WARTHIN TUMOR. DEAUVILLE X.
    IMPRESSION: COMPLETE METABOLIC RESPONSE. INCIDENTAL RIGHT PAROTID NODULE, LIKELY WARTHIN TUMOR, NOT LYMPHOMA (X).
    """, ds=1, x=True, new=True, et="not_lymphoma", cat="CMR", comp=True)
# ---- PET: MDT / tumour-board summaries ---------------------------------------------------------
P("mdt_summary", """
    Lymphoma MDT, 12/06/2025
    Patient: synthetic case, 67 F.
    Diagnosis: DLBCL, non-GCB, stage IVB (liver, bone marrow) at diagnosis; IPI 4.
    Treatment: R-CHOP x6, completed 20/05/2025.
    Imaging history: baseline PET 02/2025, TMTV 412 mL; interim PET 04/2025 after C2: PMR, Deauville 4.
    Imaging today: EOT PET-CT 06/06/2025 reviewed: Deauville 2, complete metabolic response; no new lesions; no residual extranodal disease.
    Outcome: CR at end of treatment. Surveillance; no consolidation.
    """, ds=2, new=False, cat="CMR", exn=[])

P("mdt_summary", """
    Tumour board 03/03/2026. DLBCL stage IIA, interim PET after 2 cycles of R-CHOP.
    PET-CT 26/02/2026 (vs staging PET 12/2025): neck and mediastinal nodes Deauville 3. New 1.4 cm right external iliac node, SUVmax 5.0: possible lymphoma versus reactive node.
    Discussion: the node is not easily accessible for biopsy.
    Plan: continue R-CHOP; repeat PET after cycle 4, or biopsy if it enlarges.
    """, ds=3, new=True, et="uncertain", comp=True)

P("mdt_summary", """
    Haematology MDT 18/09/2025
    Case: 55 M, DLBCL GCB type; CR after R-CHOP (EOT PET 01/2025, Deauville 2).
    Surveillance PET-CT 10/09/2025: new left cervical and mediastinal nodes, Deauville 5, SUVmax 15.8; new splenic lesions.
    Outcome: early relapse of lymphoma; biopsy advised. Refer for CAR-T assessment.
    """, ds=5, new=True, et="lymphoma", exn=["spleen_not_counted"])

P("mdt_summary", """
    MDT summary 07/11/2025. DLBCL stage IIIA, interim PET after C3 of pola-R-CHP, reviewed against the baseline PET of 08/2025: residual para-aortic mass, Deauville 4-5, uptake substantially reduced (SUVmax 6.2 vs 20.4). No new disease.
    Conclusion: PMR. Continue planned treatment.
    """, ds=5, up="reduced", new=False, cat="PMR", comp=True)

P("mdt_summary", """
    Tumour board, new patient. 62 F, DLBCL NOS on mesenteric biopsy. LDH 512 U/L (ULN 250). ECOG 1.
    Staging PET-CT 15/01/2026: bulky 11 cm mesenteric mass with extensive mesenteric disease; gastric involvement (body of stomach, SUVmax 13.0); liver involvement (2 lesions); no marrow uptake; no other extranodal disease.
    Ann Arbor IV. IPI 4.
    Plan: R-CHOP x6; discuss CNS prophylaxis.
    """, mw="none", mes=True, exn=["liver", "stomach"])

P("mdt_summary", """
    MDT outcome 14/04/2025. DLBCL stage II. EOT PET-CT 08/04/2025 reviewed; comparison: baseline PET-CT 10/2024.
    Deauville 3 at all original sites; CMR. New left axillary nodes (SUVmax 3.6) attributed to vaccination one week earlier (reactive).
    Plan: surveillance; repeat imaging only if clinically indicated.
    """, ds=3, new=True, et="not_lymphoma", cat="CMR", comp=True)

P("mdt_summary", """
    MDT 30/10/2025. EOT PET-CT 24/10/2025, DLBCL stage IV.
    Compared with the prior study (interim PET 08/2025): residual right iliac node unchanged since the prior study, SUVmax 4.9, Deauville 4. Compared with baseline (07/2025, SUVmax 17.0) the uptake is clearly reduced. No new lesions.
    Reader: PMR, residual disease at EOT.
    Outcome: biopsy of the right iliac node.
    """, ds=4, up="reduced", new=False, cat="PMR", comp=False)

P("mdt_summary", """
    Tumour board 05/05/2026. 71 M, DLBCL transformed from follicular lymphoma (FL diagnosed 2019), stage IVA.
    iPET after C2 (vs staging PET 03/2026): Deauville 3, CMR. Diffuse marrow uptake after G-CSF. No new sites.
    Decision: complete 6 cycles of R-CHOP.
    """, ds=3, new=False, mw="diffuse_reactive", cat="CMR", comp=True)

P("mdt_summary", """
    Lymphoma MDT 19/12/2025. DLBCL stage IIIB.
    Interim PET after 4 cycles, compared with baseline 08/2025: increased uptake in the mediastinal mass (SUVmax 28.1 vs 19.3), Deauville 5, and new right pleural deposits consistent with lymphoma.
    Radiology: progressive metabolic disease.
    Outcome: treatment failure. Pleural biopsy; plan second-line therapy.
    """, ds=5, up="increased", new=True, et="lymphoma", cat="PMD", exn=["pleura"], comp=True)

P("mdt_summary", """
    MDT 11/02/2026. Surveillance PET-CT 04/02/2026 (DLBCL, CR in 2024). Comparison: EOT PET 2024.
    New 2.0 cm hypermetabolic left upper lobe nodule (SUVmax 6.9), indeterminate: second primary lung cancer versus lymphoma. No other abnormal uptake.
    Outcome: CT-guided biopsy.
    """, new=True, et="uncertain", comp=False)
# ---- PET: Australian / continental European English --------------------------------------------
P("au_eu_english", """
    FDG PET/CT - Interim
    Clinical notes: DLBCL stage IIIA. Post cycle 2 R-CHOP. ?Response.
    Comparison: baseline PET/CT 14/07/2025.
    Report: Excellent interval response. The left cervical and supraclavicular nodes have decreased in size and avidity, the largest residual node 11 mm with SUVmax 2.1 (liver SUVmax 2.6, blood pool 1.9). No residual avid disease elsewhere. No new lesions. Marrow uptake homogeneous.
    Conclusion: Complete metabolic response, Deauville 3.
    """, ds=3, up="reduced", new=False, mw="none", cat="CMR", comp=True)

P("au_eu_english", """
    PET/CT examination of 18.09.2025
    Indication: DLBCL, interim staging after 3 cycles of R-CHOP.
    Technique: 285 MBq 18F-FDG, blood glucose 5,4 mmol/l, uptake time 60 min.
    Comparison: baseline PET/CT of 02.07.2025.
    Findings: The mediastinal conglomerate has decreased (now 4,5 x 3,1 cm; before 8,9 x 6,2 cm). SUVmax 5,8 (baseline 22,4; liver 2,4). No new pathological FDG uptake. Bone marrow homogeneous.
    Assessment: Partial metabolic response, Deauville score 4.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", comp=True)

P("au_eu_english", """
    PET/CT whole body
    Clinical notes: DLBCL 2022, CMR after R-CHOP. Lump in the left groin. ?Recurrence.
    Comparison: PET/CT 21/03/2023 (end of treatment).
    Report: New avid left inguinal and external iliac lymphadenopathy, largest 3.2 cm, SUVmax 14.9. New avid lesion in the body of the pancreas (2.3 cm, SUVmax 10.4). The remainder of the study is unremarkable.
    Conclusion: Findings are in keeping with recurrent lymphoma, including pancreatic involvement. Histological confirmation recommended.
    """, new=True, et="lymphoma", exn=["pancreas"], comp=False)

P("au_eu_english", """
    PET/CT of 03.03.2026, end of therapy, DLBCL.
    Comparison: interim PET/CT of 12.12.2025.
    Findings: Residual mesenteric mass without FDG uptake above the mediastinal blood pool. New moderately increased uptake along the sigmoid colon with wall thickening and pericolic fat stranding (SUVmax 6,9), in the context of clinical diverticulitis; inflammatory. No other new foci.
    Assessment: Complete metabolic response (Deauville 2). The sigmoid uptake is inflammatory (diverticulitis), not lymphoma.
    """, ds=2, new=True, et="not_lymphoma", cat="CMR", comp=False)

P("au_eu_english", """
    PET/CT staging
    Clinical notes: Newly diagnosed DLBCL (core biopsy of a left renal mass).
    Report: Avid 6.1 cm left renal mass (SUVmax 21.7) with avid left para-aortic nodes up to 2.4 cm. No avid disease above the diaphragm. No mesenteric lymphadenopathy. Spleen normal. Bone marrow uptake homogeneous, with no focal lesions. No other extranodal disease.
    Conclusion: Stage IIE disease (left kidney with regional nodes).
    """, mw="none", mes=False, exn=["kidney"])

P("au_eu_english", """
    PET/CT of 25.06.2025. Indication: DLBCL, end of treatment (R-CHOP x6).
    Comparison: baseline PET/CT of 10.01.2025.
    Findings: Complete regression of the previously FDG-avid cervical and mediastinal lymph nodes; residual uptake not above the liver. New focal FDG uptake in the right lobe of the liver (segment 6, SUVmax 5,1) without CT correlate, suspicious for a lymphoma manifestation. Bone marrow without focal uptake.
    Assessment: Deauville 3 at the original sites. New hepatic focus, suspicious for lymphoma; MRI of the liver recommended.
    """, ds=3, new=True, et="uncertain", mw="none", comp=True)

P("au_eu_english", """
    PET/CT restaging
    Clinical notes: DLBCL, post cycle 4 R-CHOP. Baseline PET/CT 12/03/2025 showed bulky mediastinal disease.
    Report: Comparison: PET-CT 12/03/2025. The anterior mediastinal mass has decreased to 5.0 x 3.2 cm. Avidity is markedly reduced, SUVmax 4.3 compared with 19.8 previously (liver 2.7). No new avid disease. No focal marrow uptake.
    Conclusion: Deauville 4 with markedly reduced avidity. Partial metabolic response.
    """, ds=4, up="reduced", new=False, mw="none", cat="PMR", comp=True)

P("au_eu_english", """
    PET/CT of 14.10.2025 - end-of-treatment evaluation, DLBCL stage IIA.
    Comparison: interim PET/CT of 01.08.2025.
    Findings: Small residual right hilar lymph node (9 mm) with faint FDG uptake, SUVmax 2,3 (mediastinal blood pool 2,1; liver 2,8). No other pathological uptake. No new lesions. Spleen and bone marrow normal.
    Assessment: Deauville 2–3. Complete metabolic response.
    """, ds=3, new=False, mw="none", cat="CMR", comp=False)

P("au_eu_english", """
    PET/CT interim
    Clinical notes: DLBCL stage IVB, post 4 cycles R-CHOP.
    Comparison: staging PET/CT 05/05/2025.
    Report: The hepatic lesions and the coeliac nodal mass remain intensely avid (SUVmax 16.9 versus 17.6 at staging), with no significant change in avidity. No new lesions.
    Conclusion: Stable metabolic disease, Deauville 5. Persistent hepatic involvement.
    """, ds=5, up="unchanged", new=False, cat="NMR", exn=["liver"], comp=True)

P("au_eu_english", """
    PET/CT of 09.01.2026 - initial staging.
    Indication: Newly diagnosed DLBCL (core biopsy of a left testicular mass); orchidectomy planned.
    Findings: Enlarged left testis with intense uptake (SUVmax 18,6), consistent with the known lymphoma. FDG-avid left para-aortic lymph nodes up to 2,2 cm (SUVmax 14,3). No FDG-avid disease above the diaphragm. No evidence of extensive mesenteric disease. Right testis without increased uptake. Bone marrow without focal uptake. No other extranodal disease.
    Assessment: Stage IIE, primary testicular DLBCL.
    """, mw="none", mes=False, exn=["testis"])
# ---- PET: further hand-written reports (history traps, etiology in the findings, marrow table) --
P("us_structured", """
    EXAM: PET/CT skull base to mid-thigh
    INDICATION: DLBCL stage IVB (hepatic and splenic lesions, bulky 10 cm mesenteric mass at diagnosis). End of treatment after R-CHOP x6. Fatigue; ?progression.
    TECHNIQUE: 9.3 mCi FDG; uptake 63 min; glucose 107 mg/dL. Liver SUVmean 2.0, SUVmax 2.7. Mediastinal blood pool SUVmax 1.9.
    COMPARISON: Baseline PET/CT 05/06/2025.
    FINDINGS:
    HEAD/NECK: No abnormal uptake.
    CHEST: No abnormal uptake.
    ABDOMEN/PELVIS: Residual mesenteric soft tissue 3.0 x 1.9 cm with uptake below the mediastinal blood pool. Liver and spleen of homogeneous activity without focal lesion.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. No evidence of progression. Complete metabolic response, Deauville 2.
    2. No new lesions. No residual extranodal disease.
    """, ds=2, new=False, mw="none", cat="CMR", exn=[], comp=True)

P("us_structured", """
    EXAM: PET/CT
    CLINICAL HISTORY: 58-year-old man, DLBCL, complete metabolic response after R-CHOP (end-of-treatment PET 11/2024). Cough and weight loss.
    TECHNIQUE: 10.5 mCi FDG; uptake 60 min; glucose 95 mg/dL. Liver SUVmax 2.5.
    COMPARISON: End-of-treatment PET/CT 11/19/2024.
    FINDINGS:
    HEAD/NECK: No abnormal uptake.
    CHEST: New 1.8 cm right hilar node, SUVmax 9.4. No pulmonary nodules.
    ABDOMEN/PELVIS: New 2.0 cm right adrenal nodule, SUVmax 7.0. These findings represent recurrent lymphoma. Liver and spleen normal.
    MUSCULOSKELETAL: No focal marrow uptake.
    IMPRESSION:
    1. New right hilar and right adrenal uptake, Deauville 5.
    2. Recommend biopsy of the right hilar node (EBUS).
    """, ds=5, new=True, et="lymphoma", mw="none", exn=["adrenal"], comp=False)

P("site_table", """
    PET-CT, interim after 4 cycles. Comparison: interim PET-CT after 2 cycles, 14/05/2025.
    Site: Deauville
    Mediastinum: 3
    Left axilla: 3
    T8 vertebral body marrow (new): 5
    L3 vertebral body marrow (new): 5
    Conclusion: new focal marrow lesions, consistent with lymphoma. Progressive metabolic disease despite the nodal response.
    """, ds=5, new=True, et="lymphoma", mw="new_or_recurrent_focal", cat="PMD", exn=["bone_marrow"], comp=False)

P("us_structured", """
    EXAM: PET/CT skull base to mid-thigh
    CLINICAL HISTORY: 64-year-old woman, DLBCL stage IIIA. End of treatment after 6 cycles of R-CHOP. Baseline PET/CT 12/03/2025.
    TECHNIQUE: 9.2 mCi FDG; uptake 62 min; glucose 101 mg/dL; liver SUVmax 2.6.
    FINDINGS: Comparison: PET-CT 12/03/2025. The left axillary nodal mass has decreased from 5.6 x 4.1 cm to 2.2 x 1.5 cm, with residual uptake SUVmax 5.7, moderately above liver but clearly reduced (previously SUVmax 18.9). A new 1.6 cm left supraclavicular node has SUVmax 8.3; given its intensity and location it is consistent with lymphoma. No focal marrow uptake.
    IMPRESSION: Residual left axillary disease, Deauville 4, and a new left supraclavicular node, Deauville 5. Progressive metabolic disease.
    """, ds=5, up="reduced", new=True, et="lymphoma", mw="none", cat="PMD", comp=True)
# =================================================================================================
# CT reports
# =================================================================================================
# ---- CT: US structured template ----------------------------------------------------------------
C("us_structured", """
    EXAM: CT chest, abdomen and pelvis with IV contrast
    CLINICAL HISTORY: 69-year-old man with DLBCL, complete response after R-CHOP in 2024. Surveillance.
    TECHNIQUE: Axial images after 100 mL Omnipaque 350. DLP 842 mGy-cm.
    COMPARISON: CT 01/16/2025.
    FINDINGS:
    CHEST: No thoracic lymphadenopathy. Lungs clear.
    ABDOMEN: Liver, spleen, adrenals and kidneys unremarkable. New left para-aortic lymph node measuring 2.6 x 1.9 cm (series 3, image 58), previously not seen. Additional new 1.2 cm aortocaval node.
    PELVIS: No pelvic lymphadenopathy.
    BONES: No aggressive osseous lesion.
    IMPRESSION:
    1. New retroperitoneal lymphadenopathy, largest 2.6 cm.
    2. Findings are consistent with recurrent lymphoma (progressive disease). Tissue sampling recommended.
    """, new=True, node=2.6, et="lymphoma", ra="progression")

C("us_structured", """
    EXAM: CT neck, chest, abdomen and pelvis with contrast
    CLINICAL HISTORY: DLBCL stage IIIA, end of R-CHOP x6. Restaging; PET unavailable.
    TECHNIQUE: 1.25 mm axial images after 110 mL Isovue-370.
    COMPARISON: Baseline CT 04/02/2025.
    FINDINGS:
    NECK: The previously enlarged right level II node now measures 9 mm in short axis.
    CHEST: New right paratracheal node measuring 26 x 18 mm. No pulmonary nodules.
    ABDOMEN/PELVIS: New 1.4 cm hypoattenuating lesion in hepatic segment 7. The previously bulky mesenteric mass has decreased from 8.2 x 6.0 cm to 3.1 x 2.2 cm. Spleen 11 cm.
    IMPRESSION:
    1. Mixed response: the mesenteric mass has decreased, but there is a new right paratracheal node (26 x 18 mm) and a new 1.4 cm hepatic lesion.
    2. The new lesions are consistent with lymphoma; by Lugano criteria this is progressive disease.
    """, new=True, node=2.6, exn_cm=1.4, et="lymphoma", ra="progression", exn=["liver"])

C("us_structured", """
    EXAM: CT chest/abdomen/pelvis with contrast
    CLINICAL HISTORY: DLBCL stage IV. Interim restaging after 3 cycles of R-CHOP.
    COMPARISON: Baseline CT 07/11/2025.
    FINDINGS:
    TARGET LESIONS (LDi x SDi):
    1. Left axillary node: 2.4 x 1.6 cm (baseline 5.1 x 3.9 cm).
    2. Subcarinal node: 1.8 x 1.2 cm (baseline 3.6 x 2.8 cm).
    3. Left para-aortic node: 2.0 x 1.5 cm (baseline 4.4 x 3.3 cm).
    SPD 9.0 cm2 (baseline 44.5 cm2), an 80% decrease.
    OTHER: No new lymphadenopathy. No new extranodal lesion. Spleen 12.1 cm (baseline 14.8 cm).
    IMPRESSION: Partial response by Lugano CT criteria. No new lesions.
    """, new=False, ra="partial_response", spd=9.0)

C("us_structured", """
    EXAM: CT chest/abdomen/pelvis with contrast
    CLINICAL HISTORY: DLBCL stage II. End of treatment.
    COMPARISON: CT 03/02/2025 (pre-treatment).
    FINDINGS: The previously enlarged right inguinal and external iliac nodes have normalized, the largest now 1.1 x 0.7 cm. No new lymphadenopathy. No extranodal lesion. Spleen normal (10.2 cm).
    IMPRESSION: Complete radiologic response. No new disease.
    """, new=False, ra="complete_response", exn=[])

C("us_structured", """
    EXAM: CT abdomen and pelvis with contrast
    CLINICAL HISTORY: DLBCL stage IIIA, after 4 cycles of R-mini-CHOP. PET not available.
    COMPARISON: Baseline CT 05/20/2025.
    FINDINGS: Retroperitoneal nodal conglomerate 6.1 x 4.2 cm (baseline 6.9 x 4.8 cm). Right common iliac node 2.5 x 1.8 cm (baseline 2.8 x 2.1 cm). SPD 30.1 cm2 versus 39.0 cm2 at baseline (23% decrease). No new lymphadenopathy. Liver and spleen unremarkable.
    IMPRESSION: Stable disease (SPD decrease of 23%, below the 50% threshold for partial response).
    """, new=False, ra="stable", spd=30.1)

C("us_structured", """
    EXAM: CT neck, chest, abdomen and pelvis with contrast
    CLINICAL HISTORY: DLBCL in complete response since 2025. Surveillance. Recent dental extraction.
    COMPARISON: CT 09/09/2025.
    FINDINGS:
    NECK: New 8 mm left submandibular node with a preserved fatty hilum, likely reactive given the recent dental procedure.
    CHEST/ABDOMEN/PELVIS: No lymphadenopathy. No organomegaly.
    IMPRESSION:
    1. Continued complete response.
    2. Subcentimeter left submandibular node, likely reactive; clinical follow-up.
    """, new=True, node=0.8, et="not_lymphoma", ra="complete_response")

C("us_structured", """
    EXAM: CT chest/abdomen/pelvis with contrast
    CLINICAL HISTORY: New diagnosis of DLBCL. Staging (PET scheduled).
    COMPARISON: None.
    FINDINGS:
    CHEST: A few mildly enlarged mediastinal nodes up to 1.6 cm.
    ABDOMEN/PELVIS: Confluent mesenteric nodal masses up to 9.8 x 7.1 cm encasing the SMA and SMV ("sandwich sign"), with extensive mesenteric disease extending into the small bowel mesentery. Bilateral hypoenhancing renal masses (right 3.2 cm, left 2.1 cm), consistent with renal involvement. Liver and spleen normal. Retroperitoneal nodes up to 2.3 cm.
    BONES: No lytic lesion.
    IMPRESSION: Extensive mesenteric and retroperitoneal lymphadenopathy with bilateral renal involvement, consistent with lymphoma (stage IV).
    """, mes=True, exn=["kidney"])

C("us_structured", """
    EXAM: CT chest/abdomen/pelvis with contrast
    CLINICAL HISTORY: DLBCL with progression on R-CHOP (new liver lesions 02/2025). Now after 2 cycles of R-ICE.
    COMPARISON: CT 02/27/2025 (pre-salvage).
    FINDINGS: The hepatic lesions have decreased: segment 4, 1.9 x 1.5 cm (previously 4.2 x 3.6 cm); segment 6, 1.0 x 0.8 cm (previously 2.9 x 2.4 cm). Porta hepatis node 1.4 x 1.0 cm (previously 3.3 x 2.5 cm). No new lymphadenopathy or new lesion.
    IMPRESSION: Partial response to salvage therapy, with residual hepatic disease.
    """, new=False, ra="partial_response", exn=["liver"])

C("us_structured", """
    EXAM: CT chest with contrast
    CLINICAL HISTORY: DLBCL, day 60 after CAR-T. Cough.
    COMPARISON: CT chest 06/01/2025.
    FINDINGS: Two new solid nodules, right upper lobe 1.2 cm and left lower lobe 0.9 cm, with a surrounding ground-glass halo. Mediastinal nodes are unchanged and not enlarged. No pleural effusion.
    IMPRESSION: New pulmonary nodules, indeterminate. Fungal infection is a consideration in this immunocompromised patient; lymphoma cannot be excluded. Suggest bronchoscopy.
    """, new=True, exn_cm=1.2, et="uncertain")

C("us_structured", """
    EXAM: CT neck, chest, abdomen and pelvis with contrast
    CLINICAL HISTORY: DLBCL diagnosed on left neck node excision. Staging.
    COMPARISON: None.
    FINDINGS:
    NECK: Left level II-V nodes, largest 3.4 x 2.5 cm.
    CHEST: Left supraclavicular node 2.0 cm. No mediastinal lymphadenopathy. Lungs clear.
    ABDOMEN/PELVIS: A few small mesenteric nodes, none enlarged; no evidence of extensive mesenteric disease. Liver and spleen normal in size without focal lesion.
    IMPRESSION: Left cervical and supraclavicular lymphadenopathy. No extranodal disease.
    """, mes=False, exn=[])

# ---- CT: impression only -----------------------------------------------------------------------
C("us_impression_only", """
    CT chest/abdomen/pelvis, restaging.
    IMPRESSION:
    1. Interval development of a 3.1 cm left axillary lymph node and a new 1.8 cm left subpectoral node.
    2. The other previously measured nodes are stable.
    3. Progressive disease.
    """, new=True, node=3.1, et="lymphoma", ra="progression")

C("us_impression_only", """
    IMPRESSION:
    1. Partial response. SPD decreased from 52.0 to 19.8 cm2.
    2. No new lymphadenopathy.
    """, new=False, ra="partial_response", spd=19.8)

C("us_impression_only", """
    CT A/P 10/10/2025.
    IMPRESSION: No new lymphadenopathy. Residual retroperitoneal mass essentially unchanged at 4.1 x 3.0 cm. Stable disease.
    """, new=False, ra="stable")

C("us_impression_only", """
    IMPRESSION:
    1. New 2.2 cm left adrenal nodule, not present in 03/2025, suspicious for lymphoma involvement; an adrenal adenoma is less likely given its unenhanced attenuation of 38 HU.
    2. Otherwise no change.
    """, new=True, exn_cm=2.2, et="uncertain")

C("us_impression_only", """
    CT neck/chest/abdomen/pelvis, end of treatment.
    IMPRESSION: Complete response. All previously enlarged nodes have normalized (largest 1.0 cm). No residual or new lymphadenopathy. No extranodal disease.
    """, new=False, ra="complete_response", exn=[])

C("us_impression_only", """
    IMPRESSION:
    1. New 14 x 9 mm right inguinal lymph node with a fatty hilum, likely reactive.
    2. Stable residual mesenteric soft tissue (2.2 x 1.4 cm). Stable disease.
    """, new=True, node=1.4, et="not_lymphoma", ra="stable")

# ---- CT: UK prose ------------------------------------------------------------------------------
C("uk_prose", """
    CT of the chest, abdomen and pelvis with contrast, compared with the end of treatment study of 04/02/2025. There are new enlarged lymph nodes in the left para-aortic and left common iliac regions, the largest measuring 3.4 x 2.2 cm. The liver, spleen, adrenals and kidneys are normal and there is no extranodal disease. The lungs are clear.
    Appearances are consistent with relapsed lymphoma and represent progressive disease.
    """, new=True, node=3.4, et="lymphoma", ra="progression", exn=[])

C("uk_prose", """
    Interim restaging CT following three cycles of R-CHOP, compared with the staging CT of 12/08/2025. The bulky anterior mediastinal mass has reduced from 11.2 x 7.9 cm to 5.6 x 3.8 cm, and the right paratracheal node from 3.0 x 2.2 cm to 1.4 x 1.0 cm. The sum of the products of the diameters of the target lesions is 22.7 cm2, compared with 95.1 cm2 at staging. There is no new lymphadenopathy and no new extranodal lesion.
    Appearances are those of a partial response.
    """, new=False, ra="partial_response", spd=22.7)

C("uk_prose", """
    Restaging CT after four cycles of R-CHOP, compared with the baseline CT of 03/05/2025. The cervical and mediastinal nodes have all reduced in size by well over half, the largest now measuring 1.9 x 1.2 cm, consistent with a partial response. There is, however, a new 1.1 cm nodule in the lingula. This is possibly infective, but lymphomatous involvement is also possible and a short-interval CT is advised. No other new lesion.
    """, new=True, exn_cm=1.1, et="uncertain", ra="partial_response")

C("uk_prose", """
    CT of the neck, chest, abdomen and pelvis at the end of treatment, compared with the pre-treatment CT of 14/01/2025. The previously enlarged axillary, mediastinal and para-aortic nodes have all returned to normal size, the largest now measuring 1.2 x 0.8 cm. The spleen has returned to a normal length (11.5 cm, from 16.0 cm) and the splenic lesions are no longer seen. No new lymphadenopathy and no new lesions.
    Complete response.
    """, new=False, ra="complete_response")

C("uk_prose", """
    CT of the chest, abdomen and pelvis six months after completion of R-CHOP, compared with the end of treatment CT of 20/05/2025. Several new small mesenteric lymph nodes are seen, the largest measuring 9 x 6 mm, with adjacent mesenteric fat stranding; these are likely reactive and in keeping with the recent gastroenteritis. The residual retroperitoneal soft tissue is unchanged at 2.0 x 1.1 cm. There is no evidence of progression.
    Ongoing complete response.
    """, new=True, node=0.9, et="not_lymphoma", ra="complete_response")

C("uk_prose", """
    Staging CT for newly diagnosed diffuse large B-cell lymphoma. There is marked circumferential thickening of the gastric body and antrum, up to 3.2 cm, in keeping with gastric involvement. A bulky conglomerate of mesenteric nodes measures 10.4 x 8.0 cm and, with the numerous surrounding enlarged mesenteric nodes, amounts to extensive mesenteric disease. Perigastric and coeliac nodes are enlarged. The liver, spleen, kidneys and adrenals are normal. There is no thoracic lymphadenopathy and the lungs are clear.
    The bones are unremarkable.
    """, mes=True, exn=["stomach"])

C("uk_prose", """
    Restaging CT after six cycles of R-mini-CHOP, compared with the baseline study of 02/02/2025. The left inguinal nodal mass measures 4.8 x 3.6 cm, previously 5.4 x 4.0 cm, and the left external iliac nodes are similarly little changed. No new lymphadenopathy.
    Stable disease.
    """, new=False, ra="stable")

C("uk_prose", """
    Contrast-enhanced CT of the abdomen and pelvis, compared with the interim CT of 30/06/2025. The para-aortic nodes are smaller. There is, however, a new 14 mm hypodense lesion in segment 5 of the liver, not present previously, and a further new 8 mm lesion in segment 2. These are consistent with hepatic lymphoma, and despite the nodal response the overall appearance is one of progressive disease.
    """, new=True, exn_cm=1.4, et="lymphoma", ra="progression", exn=["liver"])

# ---- CT: tables and lists ----------------------------------------------------------------------
C("site_table", """
    CT chest/abdomen/pelvis - interim restaging (C3 R-CHOP). Baseline CT 10/01/2026.
    | Target lesion | Baseline (cm) | Current (cm) | PPD now (cm2) |
    | R cervical level IV | 3.8 x 2.9 | 1.6 x 1.1 | 1.76 |
    | Subcarinal | 4.2 x 3.0 | 2.0 x 1.4 | 2.80 |
    | Gastrohepatic ligament | 3.1 x 2.5 | 1.2 x 0.9 | 1.08 |
    SPD: 5.64 cm2 (baseline 31.37 cm2; -82%).
    New lesions: none. Spleen 12.0 cm (baseline 13.8 cm).
    Assessment: partial response.
    """, new=False, ra="partial_response", spd=5.64)

C("site_table", """
    CT C/A/P restaging, compared with CT 05/05/2025 (nadir).
    Site | 05/05/2025 | Today
    Right axillary node | 1.4 x 1.0 cm | 1.5 x 1.1 cm
    Para-aortic node | 1.2 x 0.9 cm | 1.3 x 0.9 cm
    Left external iliac node (NEW) | - | 2.4 x 1.9 cm
    Impression: new left external iliac node, 2.4 cm; Lugano progressive disease. Consistent with progression of lymphoma.
    """, new=True, node=2.4, et="lymphoma", ra="progression")

C("site_table", """
    CT neck/chest, restaging after 4 cycles.
    Lesion\tBaseline\tNow
    Left level III\t3.2 x 2.4 cm\t2.9 x 2.2 cm
    Left supraclavicular\t2.6 x 2.0 cm\t2.4 x 1.9 cm
    SPD now 10.94 cm2 (baseline 12.88 cm2), -15%.
    No new lymphadenopathy.
    Conclusion: stable disease.
    """, new=False, ra="stable", spd=10.94)

C("site_table", """
    CT restaging, end of treatment. Comparison: staging CT 06/06/2025.
    Mediastinum: residual soft tissue 1.4 x 0.8 cm (was 7.5 x 5.2 cm)
    Right hilum: 0.8 cm (was 2.4 cm)
    Spleen: 11.8 cm (was 15.9 cm); previous splenic lesions resolved
    Liver: normal
    New lesions: none
    Overall: complete response.
    """, new=False, ra="complete_response")

C("site_table", """
    CT chest/abdomen/pelvis, surveillance. Prior: CT 14/03/2025.
    | Finding | Size | Status |
    | Lytic lesion, right iliac bone, with soft tissue component | 3.6 x 2.8 cm | new |
    | Left para-aortic node | 1.3 x 0.9 cm | new |
    | Liver | normal | - |
    Impression: new lytic right iliac bone lesion and a new small para-aortic node, consistent with recurrent lymphoma: progressive disease. Biopsy of the iliac lesion is advised.
    """, new=True, node=1.3, exn_cm=3.6, et="lymphoma", ra="progression", exn=["bone"])

# ---- CT: addenda -------------------------------------------------------------------------------
C("addendum", """
    EXAM: CT abdomen/pelvis with contrast
    CLINICAL HISTORY: DLBCL, restaging after 4 cycles.
    COMPARISON: Baseline CT 01/06/2026.
    FINDINGS: Mesenteric mass 5.2 x 3.9 cm (baseline 5.8 x 4.1 cm). No new lymphadenopathy.
    IMPRESSION: Stable disease.
    ADDENDUM: On re-review, a new 1.7 x 1.2 cm portocaval node (series 2, image 41) is present that was not seen at baseline. It is consistent with lymphoma, and the impression is revised to progressive disease.
    """, new=True, node=1.7, et="lymphoma", ra="progression", add=True)

C("addendum", """
    EXAM: CT chest with contrast
    CLINICAL HISTORY: DLBCL, end of treatment.
    COMPARISON: CT chest 02/02/2025 (baseline).
    FINDINGS: The previously enlarged mediastinal nodes have normalized (largest 0.9 cm). A 1.2 cm right lower lobe nodule is noted, not clearly seen on the prior study.
    IMPRESSION:
    1. Complete response in the mediastinum.
    2. Right lower lobe nodule of uncertain significance, possibly new.
    ADDENDUM: Comparison with a CT chest from 2021 shows the right lower lobe nodule unchanged in size over 4 years; it is a benign granuloma and not a new lesion. Revised impression: complete response; no new lesions.
    """, new=False, ra="complete_response", add=True)

C("addendum", """
    EXAM: CT chest/abdomen/pelvis with contrast
    CLINICAL HISTORY: DLBCL, interim restaging after 3 cycles.
    COMPARISON: Baseline CT 09/15/2025.
    FINDINGS: Retroperitoneal mass decreased from 7.4 x 5.5 cm to 3.0 x 2.1 cm. Left inguinal node decreased from 2.8 x 2.2 cm to 1.3 x 1.0 cm. SPD 7.6 cm2 (baseline 46.9 cm2). No new lymphadenopathy.
    IMPRESSION: Partial response.
    ADDENDUM: Preliminary findings were communicated to the oncology fellow at 16:05 on 12/03/2025.
    """, new=False, ra="partial_response", spd=7.6)

C("addendum", """
    EXAM: CT neck, chest, abdomen and pelvis with contrast
    CLINICAL HISTORY: DLBCL, restaging after 4 cycles of R-CHOP; PET not available.
    COMPARISON: Baseline CT 05/02/2025 (SPD 58.0 cm2).
    FINDINGS: Target lesions: right axillary 3.1 x 2.4 cm; mediastinal 4.2 x 3.0 cm; right iliac 2.9 x 2.2 cm. SPD 42.6 cm2. No new lymphadenopathy.
    IMPRESSION: Stable disease (SPD -27%).
    ADDENDUM: The SPD was summed incorrectly. Correct SPD: 7.44 + 12.60 + 6.38 = 26.42 cm2, a 54% decrease from baseline. Revised impression: partial response.
    """, new=False, ra="partial_response", spd=26.42, add=True)

C("addendum", """
    EXAM: CT neck with contrast
    CLINICAL HISTORY: DLBCL in remission; new left neck swelling.
    COMPARISON: CT neck 11/11/2025.
    FINDINGS: New enlarged left level IB and IIA nodes, largest 1.9 x 1.3 cm, with preserved hila. Inflammatory soft tissue change around the left mandibular molars.
    IMPRESSION: New left cervical lymphadenopathy, suspicious for recurrence of lymphoma.
    ADDENDUM: The clinical team reports a left lower molar abscess drained 3 days ago. In this context the new nodes are most likely reactive. Revised impression: reactive left cervical lymphadenopathy; short-interval follow-up.
    """, new=True, node=1.9, et="not_lymphoma", add=True)

# ---- CT: dictation -----------------------------------------------------------------------------
C("dictation", """
    ct chest abdomen pelvis with contrast comparison ct from 07/2025 period there is a new left external iliac lymph node measuring 26 by 18 mm period small new right pleural effusion period the previously treated mediastinal mass is unchanged period impression new left external iliac adenopathy consistent with progressive disease period
    """, new=True, node=2.6, et="lymphoma", ra="progression")

C("dictation", """
    restaging ct after four cycles period the mesenteric mass now measures 4.0 by 2.9 cm down from 8.8 by 6.5 cm period spd 14.2 square cm compared with 68.3 at baseline period no new lymphadenopathy period partial respnse
    """, new=False, ra="partial_response", spd=14.2)

C("dictation", """
    ct neck chest abdomen pelvis end of treatment comma all nodes are normal size comma largest 1.1 cm period no new lymphadenopathy period no extranodal disease period impression complete response period
    """, new=False, ra="complete_response", exn=[])

C("dictation", """
    ct abdomen for abdominal pain patient with dlbcl in remission comparison 05/2025 period new 1.6 cm hypodense lesion in the right lobe of the liver possible lymphoma possible abscess cannot tell period recommend mri period no lymphadenopathy
    """, new=True, exn_cm=1.6, et="uncertain")

C("dictation", """
    staging ct newly diagnosed dlbcl bulky mesenteric mass 12 by 9 cm with multiple confluent mesenteric nodes this is extensive mesenteric disease period also jejunal wall thickening consistent with small bowel involvement period liver spleen normal period no chest disease
    """, mes=True, exn=["bowel"])

# ---- CT: all-caps legacy -----------------------------------------------------------------------
C("all_caps_legacy", """
    CT CHEST ABDOMEN PELVIS W CONTRAST
    HISTORY: DLBCL S/P R-CHOP 2024. ?RECURRENCE.
    COMPARISON: 02/14/2025.
    FINDINGS: NEW 3.4 X 2.7 CM RIGHT AXILLARY LYMPH NODE. NEW 1.1 CM RIGHT PECTORAL NODE. NO OTHER LYMPHADENOPATHY. LIVER AND SPLEEN NORMAL.
    IMPRESSION: NEW RIGHT AXILLARY ADENOPATHY CONSISTENT WITH RECURRENT LYMPHOMA. PROGRESSIVE DISEASE.
    """, new=True, node=3.4, et="lymphoma", ra="progression")

C("all_caps_legacy", """
    CT C/A/P RESTAGING
    COMPARISON: BASELINE CT 06/01/2025.
    TARGET LESIONS: L AXILLA 2.1 X 1.5 CM; MEDIASTINUM 3.0 X 2.2 CM; L PARA-AORTIC 1.8 X 1.4 CM. SPD 12.3 CM2 (BASELINE 40.5 CM2).
    NO NEW LYMPHADENOPATHY.
    IMPRESSION: PARTIAL RESPONSE.
    """, new=False, ra="partial_response", spd=12.3)

C("all_caps_legacy", """
    CT CHEST ABDOMEN PELVIS - STAGING
    HISTORY: NEW DLBCL.
    FINDINGS: BULKY MEDIASTINAL ADENOPATHY 8.1 X 6.0 CM. 2.8 CM RIGHT UPPER LOBE MASS CONSISTENT WITH PULMONARY LYMPHOMA. 3.0 CM LYTIC LESION OF THE LEFT ILIUM WITH CORTICAL BREAKTHROUGH, CONSISTENT WITH OSSEOUS INVOLVEMENT. FEW SUBCENTIMETER MESENTERIC NODES. NO EVIDENCE OF EXTENSIVE MESENTERIC DISEASE.
    IMPRESSION: STAGE IV LYMPHOMA WITH LUNG AND BONE INVOLVEMENT.
    """, mes=False, exn=["bone", "lung"])

C("all_caps_legacy", """
    CT ABD/PELVIS
    HISTORY: DLBCL, FOLLOW-UP.
    COMPARISON: 08/08/2025.
    FINDINGS: NEW 7 MM LEFT INGUINAL NODE, LIKELY REACTIVE. RESIDUAL RETROPERITONEAL MASS 3.2 X 2.0 CM, UNCHANGED.
    IMPRESSION: STABLE DISEASE. SUBCENTIMETER LEFT INGUINAL NODE, LIKELY REACTIVE.
    """, new=True, node=0.7, et="not_lymphoma", ra="stable")

# ---- CT: MDT summaries -------------------------------------------------------------------------
C("mdt_summary", """
    Lymphoma MDT 12/05/2026. 74 M, DLBCL; R-mini-CHOP x6 completed 01/2026 (CR on CT).
    CT chest/abdomen/pelvis 05/05/2026 (vs 01/2026): new 2.8 cm para-aortic node and new 1.9 cm left common iliac node. Radiologist: progressive disease, consistent with relapse.
    Outcome: biopsy of the para-aortic node; discuss second-line options.
    """, new=True, node=2.8, et="lymphoma", ra="progression")

C("mdt_summary", """
    MDT 20/08/2025. DLBCL stage IIIA; no PET available (patient declined). CT after 3 cycles of R-CHOP: SPD 15.1 cm2 vs 47.9 cm2 at baseline (-68%). No new lesions. Radiology: partial response.
    Plan: complete 6 cycles.
    """, new=False, ra="partial_response", spd=15.1)

C("mdt_summary", """
    Tumour board 02/12/2025. DLBCL with a history of progression on R-CHOP; now after 2 cycles of R-GemOx (not a transplant candidate).
    CT today: retroperitoneal mass 6.0 x 4.4 cm (6.3 x 4.5 cm before salvage). No new lymphadenopathy. Radiology: stable disease.
    Decision: discuss a bispecific antibody.
    """, new=False, ra="stable")

# ---- CT: Australian / European English ---------------------------------------------------------
C("au_eu_english", """
    CT thorax/abdomen of 17.04.2026 with i.v. contrast.
    Indication: DLBCL, 8 months after R-CHOP. Rising LDH.
    Comparison: CT of 02.09.2025.
    Findings: New lymph node in the left para-aortic region measuring 2,6 x 1,7 cm and a new 1,2 cm node in the mesentery. No new organ lesions. Liver and spleen unremarkable.
    Assessment: New retroperitoneal lymphadenopathy, consistent with relapse of the lymphoma (progressive disease).
    """, new=True, node=2.6, et="lymphoma", ra="progression")

C("au_eu_english", """
    CT chest, abdomen and pelvis
    Clinical notes: DLBCL, restaging post cycle 4 R-CHOP (PET unavailable).
    Comparison: baseline CT 02/02/2026.
    Report: The left axillary and subpectoral nodal mass has reduced from 7.0 x 5.1 cm to 3.2 x 2.0 cm. Sum of the products of the perpendicular diameters 6.4 cm² (baseline 35.7 cm²). No new lymphadenopathy or new lesion.
    Conclusion: Partial response (82% reduction in SPD).
    """, new=False, ra="partial_response", spd=6.4)

C("au_eu_english", """
    CT chest, abdomen and pelvis - staging
    Clinical notes: Newly diagnosed DLBCL (EUS biopsy of a pancreatic mass).
    Report: 5.4 cm hypoenhancing mass in the head of the pancreas, in keeping with the known lymphoma, with peripancreatic and aortocaval nodes up to 2.2 cm. No mesenteric lymphadenopathy. No thoracic lymphadenopathy. Liver, spleen, kidneys and adrenals normal. No other extranodal disease.
    Conclusion: Stage IIE pancreatic lymphoma.
    """, mes=False, exn=["pancreas"])

C("au_eu_english", """
    CT neck/thorax/abdomen of 30.11.2025, end of therapy.
    Comparison: staging CT of 12.06.2025.
    Findings: Regression of all previously enlarged lymph nodes to normal size (largest 1,0 cm). Spleen normal (11,2 cm). No new lymphadenopathy.
    Assessment: Complete remission (complete response according to Lugano).
    """, new=False, ra="complete_response")
# =================================================================================================
# Pathology and cytology reports
# =================================================================================================
# ---- Pathology: synoptic -----------------------------------------------------------------------
D("synoptic_pathology", """
    SURGICAL PATHOLOGY REPORT
    SPECIMEN: Lymph node, left axillary, excision.
    CLINICAL HISTORY: 54-year-old woman with left axillary lymphadenopathy and B symptoms.
    GROSS: A 4.2 x 3.1 x 2.0 cm tan-white, fleshy lymph node, bisected and entirely submitted (A1-A4). Touch preparations made; fresh tissue sent for flow cytometry.
    MICROSCOPY: The nodal architecture is effaced by a diffuse proliferation of large atypical lymphoid cells with vesicular chromatin and prominent nucleoli (centroblastic morphology). Mitoses are frequent. There is no follicular component.
    IMMUNOHISTOCHEMISTRY: CD20+, PAX5+, CD10+, BCL6+, MUM1-, BCL2+ (60%), MYC+ (30%), CD5-, cyclin D1-, CD30-. Ki-67 approximately 80%. EBER ISH negative.
    FISH: No MYC rearrangement.
    DIAGNOSIS: Diffuse large B-cell lymphoma, NOS, germinal centre B-cell (GCB) subtype (Hans algorithm).
    COMMENT: Not a double expressor (MYC 30%). To be discussed at the lymphoma MDT.
    """, "positive", "left axillary lymph node", "DLBCL, NOS, GCB subtype")

D("synoptic_pathology", """
    SPECIMEN: Right inguinal lymph node, ultrasound-guided core biopsy (4 cores).
    CLINICAL HISTORY: DLBCL treated with R-CHOP in 2023. New PET-avid right inguinal node.
    MICROSCOPY: Cores of lymphoid tissue diffusely infiltrated by sheets of large atypical B cells. Necrosis involves about 20% of the tissue.
    IMMUNOHISTOCHEMISTRY: CD20+, CD79a+, CD10-, BCL6+, MUM1+, BCL2+ (90%), MYC+ (50%), Ki-67 90%. CD3 highlights scattered background T cells. CD19 positive (relevant for CAR-T planning).
    DIAGNOSIS: Recurrent DLBCL, non-GCB type; no other malignancy identified.
    COMMENT: Double-expressor phenotype (MYC 50%, BCL2 90%). Morphology and phenotype match the original diagnostic biopsy.
    """, "positive", "right inguinal lymph node", "DLBCL, non-GCB type")

D("synoptic_pathology", """
    SPECIMEN: Lymph node, left cervical level IV, excision.
    CLINICAL HISTORY: DLBCL in 2022; enlarging left neck node. ?relapse ?transformation.
    MICROSCOPY: Diffuse sheets of large cells with centroblastic and immunoblastic features. No starry-sky pattern; no blastoid cytology.
    IMMUNOHISTOCHEMISTRY: CD20+, CD10+, BCL6+, MUM1 focal, BCL2+, MYC 20%, TdT-. Ki-67 70%.
    FISH: MYC, BCL2 and BCL6 not rearranged.
    DIAGNOSIS: Left cervical lymph node: DLBCL (no high-grade transformation).
    COMMENT: Consistent with relapse of the previously diagnosed lymphoma.
    """, "positive", "left cervical lymph node (level IV)", "DLBCL")

D("synoptic_pathology", """
    SPECIMEN: Lymph node, right cervical level II, excision.
    CLINICAL HISTORY: DLBCL in remission. New 1.6 cm PET-avid right neck node.
    MICROSCOPY: Preserved architecture with numerous reactive secondary follicles of varying size and shape, with tingible-body macrophages and polarized germinal centres. Paracortical expansion with scattered immunoblasts. No sheets of large cells.
    IMMUNOHISTOCHEMISTRY: CD20 and CD3 show a normal compartmental distribution. BCL2 negative in germinal centres. Ki-67 high in polarized germinal centres. CD30 highlights scattered immunoblasts.
    FLOW CYTOMETRY: Polytypic B cells; no aberrant T-cell population.
    DIAGNOSIS: Reactive lymphoid hyperplasia, negative for lymphoma.
    """, "negative", "right cervical lymph node (level II)")

D("synoptic_pathology", """
    SPECIMEN: Bone marrow aspirate and trephine, right posterior iliac crest.
    CLINICAL HISTORY: Newly diagnosed DLBCL. Staging.
    MICROSCOPY: Trephine 22 mm with 14 evaluable intertrabecular spaces. Cellularity about 40%, normal for age. Trilineage haematopoiesis with normal maturation. No lymphoid aggregates.
    IMMUNOHISTOCHEMISTRY: CD20 highlights rare scattered interstitial small B cells (<2%). CD3 shows scattered small T cells. No large atypical cells.
    DIAGNOSIS: Normocellular bone marrow with trilineage haematopoiesis. No evidence of lymphoma.
    """, "negative", "bone marrow (right posterior iliac crest)")

D("synoptic_pathology", """
    SPECIMEN: Core biopsy, left supraclavicular lymph node (3 cores, 18 G).
    MICROSCOPY: Fragmented cores with a dense lymphoid infiltrate including scattered medium-to-large atypical cells. Crush artefact limits assessment of the architecture.
    IMMUNOHISTOCHEMISTRY: CD20 positive in the atypical cells; CD10, BCL6 and MUM1 pending. Ki-67 about 40%.
    DIAGNOSIS: Atypical lymphoid infiltrate. Further work-up (additional immunohistochemistry and flow cytometry) is pending; a supplementary report will follow.
    """, "unknown", "left supraclavicular lymph node")

D("synoptic_pathology", """
    SPECIMEN: CT-guided core biopsy, anterior mediastinal mass (2 cores).
    CLINICAL HISTORY: Residual mediastinal mass after R-CHOP; Deauville 4 on the end-of-treatment PET.
    MICROSCOPY: Two small cores (4 mm and 3 mm) composed mostly of dense sclerotic fibrous tissue with a sparse lymphoid infiltrate. A few larger cells are present but crushed.
    IMMUNOHISTOCHEMISTRY: Scattered CD20-positive cells; CD30 and PAX5 equivocal on the crushed cells.
    DIAGNOSIS: Fibrosis with a sparse lymphoid infiltrate. Residual lymphoma cannot be excluded; insufficient material for a definitive diagnosis.
    COMMENT: A repeat, larger biopsy is recommended if clinically indicated.
    """, "unknown", "anterior mediastinal mass")

D("synoptic_pathology", """
    SPECIMEN: Lymph node, right axillary, excision.
    MICROSCOPY: Diffuse effacement by medium-to-large cells with a starry-sky pattern and frequent apoptotic bodies.
    IMMUNOHISTOCHEMISTRY: CD20+, CD10+, BCL6+, BCL2+ (strong), MYC+ (70%), TdT-. Ki-67 >95%.
    FISH: MYC rearrangement detected; BCL2 rearrangement detected; BCL6 not rearranged.
    DIAGNOSIS: High-grade B-cell lymphoma with MYC and BCL2 rearrangements (WHO 5th edition: diffuse large B-cell lymphoma/high-grade B-cell lymphoma with MYC and BCL2 rearrangements).
    COMMENT: Discussed with the treating haematologist given the therapeutic implications.
    """, "positive", "right axillary lymph node", "HGBL / DLBCL with MYC and BCL2 rearrangements")

D("synoptic_pathology", """
    SPECIMEN: Anterior mediastinal mass, mediastinoscopic biopsy.
    MICROSCOPY: Sheets of medium-to-large cells with clear cytoplasm, separated by fine compartmentalizing sclerosis.
    IMMUNOHISTOCHEMISTRY: CD20+, CD23+, CD30+ (weak, heterogeneous), MAL+, PD-L1+, CD15-, CD10-, MUM1+. Ki-67 70%.
    DIAGNOSIS: Primary mediastinal large B-cell lymphoma.
    """, "positive", "anterior mediastinal mass", "primary mediastinal large B-cell lymphoma")

D("synoptic_pathology", """
    SPECIMEN: Residual retroperitoneal mass, CT-guided core biopsy (4 cores, 16 mm in total).
    CLINICAL HISTORY: DLBCL; residual mass after 6 cycles of R-CHOP, Deauville 4.
    MICROSCOPY: Hyalinized fibrous tissue with foamy macrophages, haemosiderin and areas of coagulative necrosis with ghost cell outlines. No viable atypical lymphoid cells.
    IMMUNOHISTOCHEMISTRY: CD20 stains no viable cells; CD68 highlights macrophages.
    DIAGNOSIS: Necrosis and fibrosis (treatment effect). No viable lymphoma identified.
    COMMENT: The sample is adequate and representative of the PET-avid area.
    """, "negative", "residual retroperitoneal mass")

D("synoptic_pathology", """
    SPECIMEN: Skin, left lower leg, punch biopsy (4 mm).
    MICROSCOPY: A dense dermal infiltrate of medium-sized and scattered large lymphoid cells, sparing the epidermis (grenz zone).
    IMMUNOHISTOCHEMISTRY: CD20-positive cells predominate; BCL2 and MUM1 show partial staining; the tissue is exhausted for further stains.
    DIAGNOSIS: Atypical B-cell infiltrate, suspicious for lymphoma.
    COMMENT: A deeper incisional biopsy is recommended for definitive classification.
    """, "unknown", "skin, left lower leg")

D("synoptic_pathology", """
    SPECIMEN: Gastric body and antrum, endoscopic biopsies (6 fragments).
    CLINICAL HISTORY: Gastric ulcer. ?Lymphoma ?carcinoma.
    MICROSCOPY: Gastric mucosa extensively infiltrated by sheets of large atypical lymphoid cells with lymphoepithelial lesions. No dysplasia or carcinoma.
    IMMUNOHISTOCHEMISTRY: CD20+, CD10-, BCL6+, MUM1+, Ki-67 85%. Cytokeratin AE1/AE3 negative in the atypical cells.
    SPECIAL STAINS: Giemsa negative for Helicobacter pylori.
    DIAGNOSIS: Diffuse large B-cell lymphoma involving gastric mucosa, non-GCB type. Negative for carcinoma. H. pylori not identified.
    """, "positive", "stomach (gastric body and antrum)", "DLBCL, non-GCB type")

D("synoptic_pathology", """
    SPECIMEN: Lymph node, left supraclavicular, excision.
    CLINICAL HISTORY: DLBCL, complete response in 2024. New FDG-avid left supraclavicular node.
    MICROSCOPY: Multiple non-necrotizing epithelioid granulomas with Langhans giant cells replace much of the node. The residual lymphoid tissue is reactive.
    SPECIAL STAINS: Ziehl-Neelsen and Grocott stains negative for organisms.
    IMMUNOHISTOCHEMISTRY: Normal distribution of B and T cells; no atypical large B cells.
    DIAGNOSIS: Non-necrotizing granulomatous lymphadenitis (sarcoid-like reaction). No evidence of lymphoma.
    """, "negative", "left supraclavicular lymph node")

D("synoptic_pathology", """
    SPECIMEN: Liver, segment 6 lesion, ultrasound-guided core biopsy.
    CLINICAL HISTORY: DLBCL treated in 2024. New hepatic lesions on PET.
    MICROSCOPY: Liver parenchyma infiltrated by sheets of large atypical lymphoid cells. The background liver shows mild steatosis.
    IMMUNOHISTOCHEMISTRY: CD20+, PAX5+, CD10+, BCL6+, MUM1-, Ki-67 80%. HepPar1 negative in the infiltrate.
    DIAGNOSIS: Involvement by large B-cell lymphoma, consistent with relapse of the known DLBCL.
    """, "positive", "liver (segment 6)", "large B-cell lymphoma (relapsed DLBCL)")

# ---- Pathology: frozen section and cytology notes ----------------------------------------------
D("frozen_cytology", """
    INTRAOPERATIVE CONSULTATION (frozen section), right cervical lymph node: lymphoid tissue with atypical features. Defer to permanent sections. Tissue sent for flow cytometry.
    Dr A. Rahman, 10:42
    """, "unknown", "right cervical lymph node")

D("frozen_cytology", """
    FINE NEEDLE ASPIRATION, left supraclavicular lymph node (ultrasound guided, 3 passes).
    Cytology: Cellular smears of predominantly large atypical lymphoid cells with vesicular nuclei and prominent nucleoli; numerous lymphoglandular bodies.
    Flow cytometry: CD19+, CD20+, CD10+ B cells, lambda light chain restricted, 72% of events, with large forward scatter.
    Interpretation: Consistent with large B-cell lymphoma. Core or excisional biopsy recommended for full classification.
    """, "positive", "left supraclavicular lymph node", "large B-cell lymphoma")

D("frozen_cytology", """
    FNA, right axillary lymph node: Non-diagnostic. Scant cellularity, with blood and rare lymphocytes only. Suggest repeat sampling or core biopsy.
    """, "unknown", "right axillary lymph node")

D("frozen_cytology", """
    PLEURAL FLUID CYTOLOGY (right, 800 mL)
    Numerous large atypical lymphoid cells in a background of small lymphocytes and mesothelial cells.
    Flow cytometry: monoclonal kappa-restricted CD19+/CD20+ B-cell population (large cells).
    DIAGNOSIS: Positive for malignant cells: involvement by large B-cell lymphoma, in a patient with known DLBCL.
    """, "positive", "right pleural fluid", "large B-cell lymphoma (known DLBCL)")

D("frozen_cytology", """
    CSF cytology (lumbar puncture, 6 mL): cytospin shows scattered small mature lymphocytes and monocytes. No malignant cells identified.
    Flow cytometry: no monoclonal B-cell population (1,240 events). Negative.
    """, "negative", "cerebrospinal fluid")

D("frozen_cytology", """
    Touch imprint, left inguinal lymph node (core biopsy): numerous large atypical lymphoid cells, suspicious for lymphoma. Flow cytometry pending; see the histology report.
    """, "unknown", "left inguinal lymph node")

D("frozen_cytology", """
    Frozen section, right paratracheal lymph node (mediastinoscopy): lymph node with numerous non-necrotizing granulomas. No lymphoma or carcinoma seen.
    Permanent sections to follow.
    """, "negative", "right paratracheal lymph node")

D("frozen_cytology", """
    EBUS-TBNA, station 7 (subcarinal lymph node).
    Smears show abundant polymorphous lymphocytes, tingible-body macrophages and anthracotic pigment. Flow cytometry: polytypic B cells.
    Interpretation: Reactive lymph node; negative for lymphoma and for malignant cells.
    """, "negative", "subcarinal lymph node (station 7)")

D("frozen_cytology", """
    FNA, right parotid gland: mixed lymphoid population with a subset of large atypical lymphoid cells; lymphoma cannot be excluded. Material insufficient for flow cytometry. Recommend core biopsy.
    """, "unknown", "right parotid gland")

D("frozen_cytology", """
    Frozen section, small bowel mesenteric mass (laparoscopy): malignant neoplasm; lymphoma favoured over carcinoma.
    Deferred to permanent sections; fresh tissue sent for flow cytometry.
    """, "unknown", "small bowel mesenteric mass")

# ---- Pathology: UK prose -----------------------------------------------------------------------
D("uk_prose", """
    The specimen consists of a left cervical lymph node measuring 32 x 25 x 18 mm. Sections show complete effacement of the nodal architecture by a diffuse infiltrate of large lymphoid cells with immunoblastic and centroblastic features. The neoplastic cells express CD20, PAX5, MUM1 and BCL2 and are negative for CD10; BCL6 is weakly positive. Ki-67 is approximately 90%. EBER in situ hybridisation is negative.
    The features are those of diffuse large B-cell lymphoma of activated B-cell (non-germinal centre) type. There is no evidence of a low-grade component.
    """, "positive", "left cervical lymph node", "DLBCL, activated B-cell (non-GCB) type")

D("uk_prose", """
    Received is a right inguinal lymph node, excised because of persisting uptake on PET after treatment for diffuse large B-cell lymphoma. Sections show a lymph node with preserved architecture, reactive follicles and sinus histiocytosis. CD20, CD3, CD10 and BCL2 stain in a normal pattern and there is no population of large atypical B cells.
    There is no evidence of lymphoma.
    """, "negative", "right inguinal lymph node")

D("uk_prose", """
    Two cores from the left para-aortic mass have been received, each about 5 mm in length. They show crushed lymphoid tissue with scattered larger cells whose morphology cannot be assessed, and the limited immunohistochemistry (CD20 positive, with a CD3-positive background) cannot be interpreted with confidence.
    A lymphoma cannot be excluded, but the material is insufficient for diagnosis and a repeat biopsy is suggested.
    """, "unknown", "left para-aortic mass")

D("uk_prose", """
    This skin biopsy from the left shin shows a diffuse dermal and subcutaneous infiltrate of large round B cells with a grenz zone. They express CD20, BCL2, MUM1 and FOXP1 and are negative for CD10. Ki-67 is 80%.
    The appearances are of primary cutaneous diffuse large B-cell lymphoma, leg type.
    """, "positive", "skin, left shin", "primary cutaneous DLBCL, leg type")

D("uk_prose", """
    The bone marrow trephine (left posterior iliac crest, 18 mm) shows a few small paratrabecular lymphoid aggregates. CD20 highlights the aggregates, which are composed of small cells with occasional larger forms; CD3 shows admixed T cells.
    The appearances are suspicious for, but not diagnostic of, marrow involvement by lymphoma. Further levels and PCR for B-cell clonality have been requested, and a supplementary report will follow.
    """, "unknown", "bone marrow (left posterior iliac crest)")

# ---- Pathology: addenda ------------------------------------------------------------------------
D("addendum", """
    SPECIMEN: Lymph node, left external iliac, laparoscopic biopsy.
    MICROSCOPY: Sheets of atypical large lymphoid cells with necrosis.
    DIAGNOSIS (preliminary): Atypical lymphoid infiltrate; further work-up (immunohistochemistry, FISH) pending.
    ADDENDUM (final, 04/11/2025): CD20+, CD10-, BCL6+, MUM1+, BCL2+ (80%), MYC+ (20%), Ki-67 85%. FISH: no MYC, BCL2 or BCL6 rearrangement.
    FINAL DIAGNOSIS: Diffuse large B-cell lymphoma, NOS, non-GCB type.
    """, "positive", "left external iliac lymph node", "DLBCL, NOS, non-GCB type")

D("addendum", """
    SPECIMEN: Core biopsy, right axillary lymph node.
    CLINICAL HISTORY: Treated DLBCL. New right axillary node after COVID-19 vaccination.
    DIAGNOSIS: Lymphoid tissue with many large cells, suspicious for recurrent lymphoma. Flow cytometry to follow.
    ADDENDUM: Flow cytometry shows polytypic B cells and no aberrant population. On immunohistochemistry the large cells are a mixture of CD20+ and CD3+ immunoblasts within an expanded paracortex; CD30 highlights scattered immunoblasts; BCL2 is negative in germinal centres.
    REVISED DIAGNOSIS: Reactive lymphoid hyperplasia with immunoblastic proliferation (post-vaccination pattern); negative for lymphoma.
    """, "negative", "right axillary lymph node")

D("addendum", """
    SPECIMEN: Lymph node, right supraclavicular, excision.
    DIAGNOSIS: Diffuse large B-cell lymphoma, GCB type.
    COMMENT: FISH for MYC, BCL2 and BCL6 to follow.
    ADDENDUM: FISH: MYC rearrangement detected (break-apart probe); BCL2 and BCL6 not rearranged. The diagnosis is unchanged: diffuse large B-cell lymphoma, NOS, GCB type, with an isolated MYC rearrangement.
    """, "positive", "right supraclavicular lymph node", "DLBCL, NOS, GCB type (isolated MYC rearrangement)")

D("addendum", """
    SPECIMEN: Lymph node, left cervical level III, core biopsy.
    CLINICAL HISTORY: DLBCL in remission; PET-avid node.
    DIAGNOSIS: Lymph node with reactive changes. No lymphoma identified in the sampled tissue.
    ADDENDUM: Deeper levels show a small focus of large atypical CD20-positive cells with a high Ki-67 index. Lymphoma cannot be excluded on this limited sample; rebiopsy (excision) is recommended. The diagnosis above is amended accordingly.
    """, "unknown", "left cervical lymph node (level III)")

# ---- Pathology: dictation ----------------------------------------------------------------------
D("dictation", """
    biopsy right groin lymph node period sections show diffuse sheets of large atypical cells period immunos cd20 positive cd10 negative bcl6 positive mum1 positive ki67 about 90 percent period diagnosis diffuse large b cell lymphoma non gcb type period no evidence of a low grade component period
    """, "positive", "right groin lymph node", "DLBCL, non-GCB type")

D("dictation", """
    bone marrow trephine left iliac crest period adequate core 20 mm period normocellular marrow with trilineage haematopoiesis comma no lymphoid aggregates comma cd20 and cd3 show scattered normal lymphocytes only period no evidence of lymphoma period
    """, "negative", "bone marrow (left iliac crest)")

D("dictation", """
    core biopsy of the retroperitoneal mass shows extensive necrosis period viable tumour is not identified period lymphoma cannot be excluded period suggest rebiopsy of the enhancing component period
    """, "unknown", "retroperitoneal mass")

D("dictation", """
    wedge resection right lower lobe nodule period the lung parenchyma is infiltrated by large atypical lymphoid cells with angiocentric spread comma cd20 positive comma ebv negative period diagnosis involvement by diffuse large b cell lymphoma consistent with relapse period margins clear of tumour period
    """, "positive", "right lower lobe lung nodule", "DLBCL")

# ---- Pathology: all-caps legacy ----------------------------------------------------------------
D("all_caps_legacy", """
    SURGICAL PATHOLOGY
    SPECIMEN: LYMPH NODE, LEFT INGUINAL, EXCISION.
    FINAL DIAGNOSIS: DIFFUSE LARGE B-CELL LYMPHOMA, NON-GERMINAL CENTER TYPE.
    IHC: CD20 POS, CD10 NEG, BCL6 POS, MUM1 POS, MYC 40%, BCL2 70%. KI-67 80%.
    COMMENT: DOUBLE-EXPRESSOR PHENOTYPE (MYC 40% OR MORE, BCL2 OVER 50%).
    """, "positive", "left inguinal lymph node", "DLBCL, non-GCB type")

D("all_caps_legacy", """
    BONE MARROW, BILATERAL ASPIRATES AND BIOPSIES:
    - NORMOCELLULAR MARROW (40%) WITH TRILINEAGE HEMATOPOIESIS.
    - NO MORPHOLOGIC OR IMMUNOHISTOCHEMICAL EVIDENCE OF LYMPHOMA.
    - FLOW CYTOMETRY: NO MONOCLONAL B-CELL POPULATION.
    """, "negative", "bone marrow (bilateral)")

D("all_caps_legacy", """
    SPECIMEN: SOFT TISSUE MASS, RIGHT THIGH, CT-GUIDED CORE.
    DIAGNOSIS: NON-DIAGNOSTIC. SKELETAL MUSCLE AND FIBROADIPOSE TISSUE ONLY; NO LESIONAL TISSUE IDENTIFIED.
    COMMENT: CLINICAL AND RADIOLOGIC CORRELATION; REBIOPSY IF INDICATED.
    """, "unknown", "right thigh soft tissue mass")

D("all_caps_legacy", """
    SPECIMEN: LYMPH NODE, RIGHT PARA-AORTIC, LAPAROSCOPIC BIOPSY.
    CLINICAL HISTORY: DLBCL 2023, CR. NEW PET-AVID NODE.
    DIAGNOSIS: RECURRENT DIFFUSE LARGE B-CELL LYMPHOMA. NO EVIDENCE OF TRANSFORMATION TO HIGH-GRADE B-CELL LYMPHOMA (FISH NEGATIVE FOR MYC REARRANGEMENT).
    """, "positive", "right para-aortic lymph node", "DLBCL (recurrent)")

# ---- Pathology: MDT summaries ------------------------------------------------------------------
D("mdt_summary", """
    Lymphoma MDT 21/10/2025 - histology review.
    Patient: 47 F, right tonsillar mass.
    Specimen: right tonsil, excision 09/10/2025.
    Histology: DLBCL, GCB type (CD10+, BCL6+, MUM1-), Ki-67 70%; FISH for MYC pending.
    Outcome: stage with PET-CT; plan R-CHOP.
    """, "positive", "right tonsil", "DLBCL, GCB type")

D("mdt_summary", """
    Haematology MDT 04/03/2026.
    Case: 66 M, DLBCL in 2024 (CR). New PET-avid left axillary node (SUVmax 9.1).
    Histology: left axillary core 26/02/2026 - atypical lymphoid infiltrate; flow cytometry and additional immunostains pending.
    Outcome: await the final pathology; re-discuss next week.
    """, "unknown", "left axillary lymph node")

D("mdt_summary", """
    Tumour board 15/07/2025. Suspected relapse of DLBCL (new liver lesion on PET).
    Pathology: liver core biopsy, segment 8 - steatohepatitis with a focal abscess cavity; no lymphoma.
    Outcome: no evidence of relapse on biopsy; treat the abscess and repeat imaging in 8 weeks.
    """, "negative", "liver (segment 8)")

D("mdt_summary", """
    Lymphoma MDT 09/12/2025.
    62 F, DLBCL, CR after R-CHOP in 2024; relapse suspected on PET.
    Biopsy of the new PET-avid left cervical node (02/12/2025): recurrent DLBCL; no other malignancy identified. CD19 positive.
    Outcome: refer for CAR-T; bridging radiotherapy.
    """, "positive", "left cervical lymph node", "DLBCL (recurrent)")

# ---- Pathology: Australian / European English --------------------------------------------------
D("au_eu_english", """
    Histopathology report
    Specimen: Right inguinal lymph node, excision.
    Clinical notes: Inguinal lymphadenopathy, ?lymphoma.
    Macroscopic: A lymph node 38 x 22 x 15 mm. Cut surface fish-flesh. All embedded.
    Microscopic: Effacement of the architecture by sheets of large centroblastic cells. Tumour cells: CD20+, CD10+, BCL6+, MUM1 negative, BCL2 40%, MYC 10%. Ki-67 approximately 75%. CD30 negative. EBER negative.
    Diagnosis: Diffuse large B-cell lymphoma, not otherwise specified, germinal centre B-cell-like subtype.
    Comment: The case has been shown to a second haematopathologist, who concurs.
    """, "positive", "right inguinal lymph node", "DLBCL, NOS, GCB-like subtype")

D("au_eu_english", """
    Pathology report of 12.05.2025
    Material: Lymph node, left cervical, excision.
    Clinical information: Status after DLBCL (2023). PET-positive lymph node, ?recurrence.
    Microscopy: Lymph node with preserved architecture, follicular hyperplasia and monocytoid B-cell clusters; small clusters of epithelioid histiocytes. No blastic infiltrate.
    Immunohistochemistry: CD20, CD3, CD10 and BCL2 in a regular distribution. Ki-67 regular in germinal centres.
    Conclusion: Reactive lymphadenitis (pattern of toxoplasma lymphadenitis). No evidence of malignant lymphoma.
    """, "negative", "left cervical lymph node")

D("au_eu_english", """
    Histopathology report
    Specimen: Core biopsy, mesenteric mass (x3).
    Microscopic: The cores contain a dense lymphoid infiltrate with numerous large cells. Immunohistochemistry is limited by crush artefact.
    Diagnosis: Suspicious for lymphoma. Flow cytometry to follow; a supplementary report will be issued.
    """, "unknown", "mesenteric mass")

D("au_eu_english", """
    Pathology report of 03.02.2026
    Material: Left testis, orchidectomy.
    Macroscopy: Testis 5,5 x 4,0 x 3,5 cm, replaced by a homogeneous cream-coloured tumour of 4,2 cm. Spermatic cord 6 cm.
    Microscopy: Diffuse infiltrate of large atypical lymphoid cells destroying the seminiferous tubules, with intertubular growth. Spermatic cord margin: no tumour.
    Immunohistochemistry: CD20+, CD10-, BCL6+, MUM1+, BCL2+, MYC 30%, Ki-67 90%. OCT3/4 negative, SALL4 negative, cytokeratin negative.
    Conclusion: Diffuse large B-cell lymphoma of the testis, non-GCB type. No germ cell tumour.
    """, "positive", "left testis", "DLBCL, non-GCB type")

D("au_eu_english", """
    Histopathology report
    Specimen: CT-guided core biopsy, left paraspinal mass.
    Microscopic: Two fragments of skeletal muscle with a few scattered lymphocytes; no lesional tissue.
    Diagnosis: Insufficient material for diagnosis. No lymphoma is identified in this limited sample; a repeat biopsy is recommended.
    """, "unknown", "left paraspinal mass")


# =================================================================================================
# Validation and output
# =================================================================================================
SCORE_WORD = re.compile(r"deauville|deuville|dauville|\bds\b|\bds\d|5-?ps|five-point|score", re.I)
WORDNUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
CATEGORY_PHRASE = {
    "CMR": r"complete metabolic resp|\bcmr\b",
    "PMR": r"partial metabolic resp|\bpmr\b",
    "NMR": r"no metabolic response|stable metabolic disease|\bnmr\b",
    "PMD": r"progressive metabolic disease|\bpmd\b|metabolic progression",
}
ASSESSMENT_PHRASE = {
    "progression": r"progressi",
    "partial_response": r"partial resp",
    "complete_response": r"complete (radiologic(al)? )?resp",
    "stable": r"stable disease",
}
NEGATED_NEW = re.compile(r"\bno (other )?new\b|\bnil new\b|without new|no evidence of new|"
                         r"new lesions: none|no residual or new|no new or residual", re.I)
HEADER_LINE = re.compile(r"^\s*[A-Z][A-Za-z /-]{1,40}:")


def _standalone(num_text, text):
    return re.search(r"(?<![\d.,])" + re.escape(num_text) + r"(?![\d]|[.,]\d)", text) is not None


def _deauville_in_text(ds, text):
    """The score appears as a number (or number word) within 120 characters after a score word, or
    as a cell of a table row / 'Site: score' list line."""
    low = text.lower()
    for m in SCORE_WORD.finditer(low):
        window = low[m.start(): m.start() + 120]
        if _standalone(str(ds), window) or re.search(r"\b" + WORDNUM[ds] + r"\b", window):
            return True
    for line in low.splitlines():
        if ("|" in line or "\t" in line or ":" in line or line.lstrip().startswith("-")) and \
                re.search(r"(?<![\d.,x])" + str(ds) + r"(?:/\d| \(new|\s*\|?\s*$)", line):
            return True
    return False


def _size_in_text(cm, text):
    """A size in cm appears as written (2.6 / 2,6) or in mm (26 mm, 26 x 18 mm, 26 by 18 mm)."""
    for s in {"%g" % cm, "%.1f" % cm, "%.2f" % cm}:
        if _standalone(s, text) or _standalone(s.replace(".", ","), text):
            return True
    mm = round(cm * 10, 6)
    return mm == int(mm) and re.search(r"(?<![\d.,])%d(?![\d.,])\s*(mm|x|by)" % int(mm), text, re.I) is not None


def validate(records):
    errors = []

    def err(rec, msg):
        errors.append("%s (%s/%s): %s" % (rec["id"], rec["kind"], rec["style"], msg))

    seen_text = set()
    for rec in records:
        kind, g, text = rec["kind"], rec["gold"], rec["text"]
        low = text.lower()
        if rec["style"] not in STYLES:
            err(rec, "unknown style")
        if tuple(g) != GOLD_KEYS[kind]:
            err(rec, "gold keys %s" % list(g))
            continue
        if text in seen_text:
            err(rec, "duplicate text")
        seen_text.add(text)
        nlines = len(text.splitlines())
        if not 1 <= nlines <= 40:
            err(rec, "%d lines" % nlines)
        if rec["style"] == "all_caps_legacy" and text != text.upper():
            err(rec, "all_caps_legacy text has lower case")
        if rec["style"] == "uk_prose" and any(HEADER_LINE.match(l) for l in text.splitlines()):
            err(rec, "uk_prose text has a header line")
        for key, allowed in ENUMS.items():
            if key in g and g[key] not in allowed:
                err(rec, "%s=%r not allowed" % (key, g[key]))
        if kind in ("pet", "ct"):
            if (g["new_lesion_etiology"] is not None) != (g["new_lesions"] is True):
                err(rec, "new_lesion_etiology must be set exactly when new_lesions is true")
            if g["new_lesions"] is False and not NEGATED_NEW.search(text):
                err(rec, "new_lesions false without an explicit negation")
            if g["addendum_revised"] and "addendum" not in low:
                err(rec, "addendum_revised without an addendum")
            exn = g["extranodal_organs"]
            if exn is not None:
                if not isinstance(exn, list) or any(o not in ORGANS for o in exn) or exn != sorted(set(exn)):
                    err(rec, "extranodal_organs %r" % (exn,))
                if exn == [] and not re.search(r"no (other |residual )?extranodal|nor? (marrow or )?other extranodal|no marrow or other extranodal|other extranodal sites: none", low):
                    err(rec, "extranodal_organs [] without a 'no extranodal disease' statement")
            if g["extensive_mesenteric"] is not None and "mesent" not in low:
                err(rec, "extensive_mesenteric set but the mesentery is not mentioned")
            if g["extensive_mesenteric"] is True and "extensive mesenteric" not in low:
                err(rec, "extensive_mesenteric true without the phrase")
        if kind == "pet":
            ds = g["deauville"]
            if ds is not None:
                if not (isinstance(ds, int) and 1 <= ds <= 5):
                    err(rec, "deauville %r" % (ds,))
                elif not _deauville_in_text(ds, text):
                    err(rec, "deauville %d not found next to a score word" % ds)
            if g["deauville_x"] and not re.search(r"(deauville|ds|score|5ps|scored|rescored)\s*:?\s*x\b|\(x\)|\| x \|", low):
                err(rec, "deauville_x without an X score")
            if g["category"] and not re.search(CATEGORY_PHRASE[g["category"]], low):
                err(rec, "category %s phrase missing" % g["category"])
            if g["marrow"] is not None and not re.search(r"marrow|osseous|skeletal", low):
                err(rec, "marrow set but marrow not mentioned")
            if g["comparator_is_baseline"] is not None and not re.search(r"compar|prior|previous|vs |versus|than at|scan of|since", low):
                err(rec, "comparator set without a comparison")
            if g["uptake"] is not None and g["comparator_is_baseline"] is None and not re.search(r"baseline|staging", low):
                err(rec, "uptake set without a baseline comparison")
        if kind == "ct":
            for key in ("new_node_max_cm", "new_extranodal_max_cm", "spd_cm2"):
                v = g[key]
                if v is not None:
                    if not isinstance(v, (int, float)) or v <= 0:
                        err(rec, "%s %r" % (key, v))
                    elif not _size_in_text(v, text):
                        err(rec, "%s %r not in the text" % (key, v))
            if (g["new_node_max_cm"] is not None or g["new_extranodal_max_cm"] is not None) and g["new_lesions"] is not True:
                err(rec, "new lesion size without new_lesions true")
            ra = g["reader_assessment"]
            if ra and not re.search(ASSESSMENT_PHRASE[ra], low):
                err(rec, "reader_assessment %s phrase missing" % ra)
        if kind == "pathology":
            if not (isinstance(g["site"], str) and g["site"].strip()):
                err(rec, "site missing")
            if (g["result"] == "positive") != (g["lymphoma_type"] is not None):
                err(rec, "lymphoma_type must be given exactly for positive results")
            if g["result"] == "negative" and not re.search(r"no (evidence of )?(viable |malignant )?lymphoma|no [a-z ]*evidence of lymphoma|negative for lymphoma|no lymphoma|no malignant cells", low):
                err(rec, "negative result without a negative statement")

    kinds = collections.Counter(r["kind"] for r in records)
    if len(records) < 210:
        errors.append("only %d records" % len(records))
    if kinds["pet"] < 105 or kinds["ct"] < 50 or kinds["pathology"] < 50:
        errors.append("kind counts %s" % dict(kinds))
    styles_by_kind = collections.defaultdict(set)
    for r in records:
        styles_by_kind[r["kind"]].add(r["style"])
    if len({r["style"] for r in records}) < 8 or any(len(s) < 5 for s in styles_by_kind.values()):
        errors.append("too few styles: %s" % {k: sorted(v) for k, v in styles_by_kind.items()})
    return errors


def build():
    records = []
    for i, rec in enumerate(RECORDS, 1):
        records.append({"id": "t%03d" % i, "kind": rec["kind"], "style": rec["style"],
                        "text": rec["text"], "gold": rec["gold"]})
    return records


def dump(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def summary(records):
    out = []
    kinds = collections.Counter(r["kind"] for r in records)
    out.append("%d records: %s" % (len(records), ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
    for kind in ("pet", "ct", "pathology"):
        recs = [r for r in records if r["kind"] == kind]
        styles = collections.Counter(r["style"] for r in recs)
        out.append("\n[%s] styles: %s" % (kind, ", ".join("%s %d" % kv for kv in sorted(styles.items()))))
        for key in GOLD_KEYS[kind]:
            if key in ("site", "lymphoma_type"):
                c = collections.Counter("given" if r["gold"][key] else "null" for r in recs)
            elif key == "extranodal_organs":
                c = collections.Counter()
                for r in recs:
                    v = r["gold"][key]
                    if v is None:
                        c["null"] += 1
                    elif not v:
                        c["[]"] += 1
                    else:
                        c.update(v)
            elif key in ("new_node_max_cm", "new_extranodal_max_cm", "spd_cm2"):
                c = collections.Counter("null" if r["gold"][key] is None else "stated" for r in recs)
            else:
                c = collections.Counter(str(r["gold"][key]) if r["gold"][key] is not None else "null" for r in recs)
            out.append("  %-24s %s" % (key, ", ".join("%s: %d" % kv for kv in sorted(c.items()))))
    return "\n".join(out)


def main(argv):
    check_only = "--check" in argv
    records = build()
    errors = validate(records)
    if errors:
        print("VALIDATION FAILED (%d):" % len(errors))
        for e in errors:
            print("  " + e)
        return 1
    text = dump(records)
    print(summary(records))
    if check_only:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print("\ncorpus.jsonl is missing or out of date: run python3 make_reports.py")
            return 1
        print("\nOK: valid, corpus.jsonl up to date")
        return 0
    OUT.write_text(text, encoding="utf-8")
    print("\nwrote %s" % OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
