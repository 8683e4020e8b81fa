"""Citations shown on recommendations and cards (clinical-logic.md §9)."""

from __future__ import annotations

SOURCES: dict[str, dict[str, str]] = {
    "LUGANO2014": {"label": "Lugano 2014 (Cheson et al., J Clin Oncol 2014;32:3059-68)",
                   "url": "https://pubmed.ncbi.nlm.nih.gov/25113753/"},
    "NCCN2025": {"label": "NCCN Guidelines B-Cell Lymphomas v.2025 (as summarised by the seed review)",
                 "url": "https://www.nccn.org/guidelines/category_1"},
    "BSH2024": {"label": "BSH 2024: management of newly diagnosed large B-cell lymphoma (as summarised by the seed review)",
                "url": "https://b-s-h.org.uk/guidelines"},
    "BOCK2024": {"label": "Bock et al., Blood Adv 2024;8(13):3402-15 (primary refractory LBCL)",
                 "url": "https://pubmed.ncbi.nlm.nih.gov/38669353/"},
    "TRIALS": {"label": "ZUMA-7 (Locke, NEJM 2022), TRANSFORM (Kamdar, Lancet 2022), BELINDA (Bishop, NEJM 2022)",
               "url": "https://pubmed.ncbi.nlm.nih.gov/?term=ZUMA-7+OR+TRANSFORM+OR+BELINDA+large+B-cell+lymphoma"},
    "WS22": {"label": "Westin & Sehn, Blood 2022;139(18):2737-46 (2L CAR-T algorithm)",
             "url": "https://pubmed.ncbi.nlm.nih.gov/?term=Westin+Sehn+CAR+T+second-line+paradigm+shift"},
    "SHAD": {"label": "Shadman et al., Blood 2022 (CIBMTR: ASCT vs CAR-T in PR after salvage)",
             "url": "https://pubmed.ncbi.nlm.nih.gov/?term=Shadman+autologous+transplant+CAR-T+partial+remission"},
    "STRATI": {"label": "ASCT vs CAR-T in relapsed LBCL in PR: role of TMTV (Blood Adv 2023;7(11):2586)",
               "url": "https://pubmed.ncbi.nlm.nih.gov/?term=total+metabolic+tumor+volume+CAR-T+ASCT+partial+response"},
    "OLD65": {"label": "CAR-T vs auto-HCT in older adults in PR after salvage (CIBMTR, Blood Adv 2023;7(19):5937)",
              "url": "https://pubmed.ncbi.nlm.nih.gov/?term=CAR-T+auto-HCT+older+adults+partial+remission"},
    "SCH1": {"label": "SCHOLAR-1 (Crump et al., Blood 2017;130(16):1800)",
             "url": "https://pubmed.ncbi.nlm.nih.gov/?term=SCHOLAR-1+refractory+diffuse+large+B-cell"},
    "IPI": {"label": "International NHL Prognostic Factors Project, NEJM 1993;329:987-94",
            "url": "https://pubmed.ncbi.nlm.nih.gov/8141877/"},
    "NCCNIPI": {"label": "Zhou et al., Blood 2014;123:837-42 (NCCN-IPI)",
                "url": "https://pubmed.ncbi.nlm.nih.gov/24264230/"},
    "SEED": {"label": "Seed review: LBCL in partial response in the second-line CAR-T era", "url": ""},
    "LBCL_CDS": {"label": "lbcl-cds design decision (clinical-logic.md, tag [I])", "url": ""},
}


def source_label(key: str) -> str:
    return SOURCES[key]["label"]
