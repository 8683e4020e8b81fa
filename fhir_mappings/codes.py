"""Terminology tables: every code the mapping recognises, with its source.

Sources are the short names of ../shared/design/terminology.md (mCODE STU4, CIBMTR, TJ, DICOM16,
ICD10CM-2026). Codes are matched on (system, code), never on display (terminology.md §0.1).
"""

from __future__ import annotations

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
ICDO3 = "http://terminology.hl7.org/CodeSystem/icd-o-3"
NCIT = "http://ncicb.nci.nih.gov/xml/owl/EVS/Thesaurus.owl"
DICOM = "http://dicom.nema.org/resources/ontology/DCM"
CPT = "http://www.ama-assn.org/go/cpt"
# Project CodeSystem for tier-2 concepts no standard codes (docs/fhir-profile.md) [I]
LBCL = "http://lbcl-cds.org/fhir/CodeSystem/lbcl-cds"

# --- Diagnosis (terminology.md §2.2-2.3) ---------------------------------------------------------
# ICD-10-CM prefixes, dots stripped: C83.3* DLBCL (incl. C83.390/C83.398/C83.3A), C85.2* PMBCL [ICD10CM-2026]
ICD10_LBCL_PREFIXES = {"C833": "DLBCL", "C852": "PMBCL"}
SNOMED_LBCL = {"109969005": "DLBCL", "444910004": "PMBCL", "413990004": "DLBCL", "46732000": "DLBCL",
               "787565006": "DLBCL"}  # [TJ], 109969005 ◐
ICDO3_LBCL = {"9680/3": "DLBCL", "9679/3": "PMBCL", "9688/3": "THRLBCL"}  # terminology.md §2.3
LBCL_TEXT = r"\b(dlbcl|diffuse large b[- ]?cell|large b[- ]?cell lymphoma|pmbcl|primary mediastinal)\b"  # §3.3

# --- Observations (terminology.md §1, §2.4, §2.5) -------------------------------------------------
DEAUVILLE = (SNOMED, "708895006")  # mCODE DeauvilleScale
# NCIt Deauville value codes [mCODE mcode-deauville-scale-vs]
NCIT_DEAUVILLE = {"C99728": 1, "C99747": 2, "C99748": 3, "C99749": 4, "C99750": 5}
NCIT_DEAUVILLE_X = "C136879"
LYMPHOMA_STAGE = {(SNOMED, "385388004"), (LOINC, "21908-9"), (LOINC, "21902-2")}  # mCODE LymphomaStage + LOINC fallback
BULKY_COMPONENT = (SNOMED, "260873006")  # bulky-modifier slice
BULKY_PRESENT, BULKY_ABSENT = "52101004", "2667000"
TUMOR_SIZE = (LOINC, "21889-1")  # mCODE TumorSize
TUMOR_LONGEST, TUMOR_OTHER = "33728-7", "33729-5"
LDH_CODES = {(LOINC, "2532-0"), (LOINC, "14804-9"), (LOINC, "14805-6")}  # MII LDH VS
ECOG_CODE = (LOINC, "89247-1")  # mCODE ECOGPerformanceStatus
ECOG_LA = {"LA9622-7": 0, "LA9623-5": 1, "LA9624-3": 2, "LA9625-0": 3, "LA9626-8": 4, "LA9627-6": 5}  # LL529-9
DISEASE_STATUS = {(LOINC, "97509-4"), (LOINC, "88040-1"), (LOINC, "21976-6")}  # mCODE CancerDiseaseStatus
SUV_CODES = {(DICOM, "126401"), (DICOM, "126400")}  # DICOM16 SUVbw / SUV
MTV_CODE = (DICOM, "126032")  # DICOM16 Metabolic Volume
PET_REPORT_CODES = {(LOINC, "44139-4"), (SNOMED, "443271005"), (SNOMED, "702767007"), (SNOMED, "82918005"),
                    (CPT, "78815"), (CPT, "78816"), (CPT, "78814")}
PATHOLOGY_REPORT_CODES = {(LOINC, "60567-5"), (LOINC, "22637-3")}
OBS_OK_STATUS = {"final", "amended", "corrected"}  # fhir-input.md status rules

# --- Medications (terminology.md §2.6; RxNorm ingredients, CIBMTR / CTM-app / TJ) ---------------
RXNORM_AGENTS = {
    "121191": "rituximab", "2105824": "rituximab", "2472325": "rituximab", "2273510": "rituximab",
    "226754": "rituximab", "2105827": "rituximab", "2273513": "rituximab", "2472328": "rituximab",
    "1927886": "rituximab",
    "3002": "cyclophosphamide", "3639": "doxorubicin", "11202": "vincristine", "8640": "prednisone",
    "5657": "ifosfamide", "40048": "carboplatin", "4179": "etoposide", "3041": "cytarabine",
    "2555": "cisplatin", "12574": "gemcitabine", "236234": "gemcitabine", "3264": "dexamethasone",
    "32592": "oxaliplatin", "134547": "bendamustine", "6902": "methylprednisolone",
    "24698": "fludarabine", "2105": "carmustine", "6718": "melphalan",
}
# TJ "any-of" sets (◐, ingredient codes unverified: terminology.md §2.6) - name matching is primary
for _c in [*range(2174090, 2174101), *range(2398130, 2398134)]:
    RXNORM_AGENTS[str(_c)] = "polatuzumab"
for _c in (1987398, 1987400, 1987401, 1987402, 1987403, 1987405, 1987406, 1987407, 2388589, 2388591):
    RXNORM_AGENTS[str(_c)] = "axicabtagene"
for _c in range(2479136, 2479146):
    RXNORM_AGENTS[str(_c)] = "lisocabtagene"
for _c in [*range(1986438, 1986448), *range(2044972, 2044976)]:
    RXNORM_AGENTS[str(_c)] = "tisagenlecleucel"
for _c in [2387211, *range(2387334, 2387344)]:
    RXNORM_AGENTS[str(_c)] = "tafasitamab"
for _c in range(2540964, 2540975):
    RXNORM_AGENTS[str(_c)] = "loncastuximab"

# Names (generic and brand; FDA 4-letter suffixes stripped before matching) [terminology.md §2.6]
AGENT_NAMES = {
    "rituximab": "rituximab", "rituxan": "rituximab", "truxima": "rituximab", "ruxience": "rituximab",
    "riabni": "rituximab", "mabthera": "rituximab",
    "cyclophosphamide": "cyclophosphamide", "doxorubicin": "doxorubicin", "adriamycin": "doxorubicin",
    "hydroxydaunorubicin": "doxorubicin", "vincristine": "vincristine", "prednisone": "prednisone",
    "prednisolone": "prednisone", "ifosfamide": "ifosfamide", "carboplatin": "carboplatin",
    "etoposide": "etoposide", "cytarabine": "cytarabine", "cisplatin": "cisplatin",
    "gemcitabine": "gemcitabine", "dexamethasone": "dexamethasone", "oxaliplatin": "oxaliplatin",
    "bendamustine": "bendamustine", "polatuzumab": "polatuzumab", "polivy": "polatuzumab",
    "axicabtagene": "axicabtagene", "axi-cel": "axicabtagene", "yescarta": "axicabtagene",
    "lisocabtagene": "lisocabtagene", "liso-cel": "lisocabtagene", "breyanzi": "lisocabtagene",
    "tisagenlecleucel": "tisagenlecleucel", "tisa-cel": "tisagenlecleucel", "kymriah": "tisagenlecleucel",
    "tafasitamab": "tafasitamab", "monjuvi": "tafasitamab", "loncastuximab": "loncastuximab",
    "zynlonta": "loncastuximab", "glofitamab": "glofitamab", "columvi": "glofitamab",
    "epcoritamab": "epcoritamab", "epkinly": "epcoritamab",
    "carmustine": "carmustine", "melphalan": "melphalan", "fludarabine": "fludarabine",
}
ANTI_CD20 = frozenset({"rituximab"})
CHOP_CORE = frozenset({"cyclophosphamide", "doxorubicin", "vincristine"})  # clinical-logic §6 n_rchop_cycles
FIRST_LINE_AGENTS = frozenset({"rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone",
                               "polatuzumab", "etoposide"})  # R-CHOP and R-CHOP-like (R-CEOP, Pola-R-CHP)
SALVAGE_MARKERS = frozenset({"ifosfamide", "carboplatin", "cisplatin", "cytarabine", "gemcitabine",
                             "oxaliplatin", "bendamustine"})  # platinum / gemcitabine salvage [S §1]
CART_PRODUCTS = frozenset({"axicabtagene", "lisocabtagene", "tisagenlecleucel"})
BISPECIFICS = frozenset({"glofitamab", "epcoritamab"})
CONDITIONING = frozenset({"carmustine", "melphalan"})  # BEAM conditioning before ASCT
STEROIDS_ONLY = frozenset({"prednisone", "dexamethasone", "methylprednisolone"})

# --- Procedures (terminology.md §2.7; CPT ◐ from coding sites) ----------------------------------
BIOPSY_CODES = {(SNOMED, "21911005"), (SNOMED, "86273004"), (CPT, "38500"), (CPT, "38505"),
                (CPT, "38510"), (CPT, "38525")}
ASCT_CODES = {(CPT, "38241"), (SNOMED, "234336002")}
CART_INFUSION_CODES = {(CPT, "38228"), (CPT, "0540T")}
APHERESIS_CODES = {(CPT, "38225")}
RADIOTHERAPY_CODES = {(SNOMED, "1217123003"), (SNOMED, "53438000")}
PET_PROCEDURE_CODES = PET_REPORT_CODES
