"""Citations shown on recommendations and cards (clinical-logic.md §9), each linked to the paper itself
(PubMed id or DOI) where the identifier was verified; no link where it was not (never a search page).
NCCN 2025 and BSH 2024 rows come from the source review's summary [S], so they link to the review."""

from __future__ import annotations

REVIEW = "A focus on LBCL patients in partial remission in the CAR-T era. Front Hematol 2025;4"
REVIEW_URL = "https://doi.org/10.3389/frhem.2025.1675099"

SOURCES: dict[str, dict[str, str]] = {
    "LUGANO2014": {"label": "Cheson et al., Lugano classification, J Clin Oncol 2014;32:3059-68",
                   "url": "https://pubmed.ncbi.nlm.nih.gov/25113753/"},
    "NCCN2025": {"label": f"NCCN Guidelines B-cell Lymphomas v.2025 (as summarised in: {REVIEW})",
                 "url": REVIEW_URL},
    "BSH2024": {"label": f"BSH 2024 guideline, newly diagnosed LBCL (as summarised in: {REVIEW})",
                "url": REVIEW_URL},
    "BOCK2024": {"label": "Bock et al., Defining primary refractory LBCL, Blood Adv 2024;8(13):3402-15",
                 "url": "https://pubmed.ncbi.nlm.nih.gov/38669353/"},
    "TRIALS": {"label": "Bishop et al., BELINDA (second-line tisagenlecleucel), N Engl J Med 2022", "url": ""},
    "WS22": {"label": "Westin & Sehn, CAR T cells as second-line therapy for LBCL, Blood 2022;139(18):2737",
             "url": "https://doi.org/10.1182/blood.2022015789"},
    "SHAD": {"label": "Shadman et al., ASCT vs CAR-T for relapsed DLBCL in partial remission, Blood 2022;139(9):1330-9",
             "url": "https://doi.org/10.1182/blood.2021013289"},
    "STRATI": {"label": "ASCT vs CAR-T for relapsed LBCL in PR: role of TMTV, Blood Adv 2023;7(11):2586", "url": ""},
    "OLD65": {"label": "CAR-T vs auto-HCT in patients 65 and older in PR after salvage, Blood Adv 2023;7(19):5937",
              "url": ""},
    "SCH1": {"label": "Crump et al., SCHOLAR-1, Blood 2017;130(16):1800-8",
             "url": "https://pubmed.ncbi.nlm.nih.gov/28774879/"},
    "IPI": {"label": "International NHL Prognostic Factors Project, N Engl J Med 1993;329:987-94",
            "url": "https://pubmed.ncbi.nlm.nih.gov/8141877/"},
    "NCCNIPI": {"label": "Zhou et al., NCCN-IPI, Blood 2014;123:837-42",
                "url": "https://pubmed.ncbi.nlm.nih.gov/24264230/"},
    "SEED": {"label": REVIEW, "url": REVIEW_URL},
    "LBCL_CDS": {"label": "lbcl-cds design decision (clinical-logic.md)", "url": ""},
}


def source_label(key: str) -> str:
    return SOURCES[key]["label"]
