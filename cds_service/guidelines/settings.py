"""Thresholds and choices the clinical specification marks [I] or [U]: configurable, with sources.

`GuidelineSettings.from_env()` reads `LBCL_CDS_*` variables (documented in the README).
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GuidelineSettings:
    bulky_cm: float = 7.5  # NCCN bulky >= 7.5 cm (seed Fig 1; Table 1 "> 7.5" -> BULKY_BOUNDARY) [S], D3
    bsh_bulky_cm: float = 7.5  # BSH cutoff not given by the seed; default 7.5 cm [U] §3.1
    bsh_age_min: int = 61  # BSH PET-adapted: age 61-80 inclusive [S Fig3][I]
    bsh_age_max: int = 80
    prefer_bsh: bool = True  # BSH pathway for eligible patients; off -> NCCN tables only [I]
    eot_window_min_days: int = 21  # EOT PET 21-56 d after last anti-CD20 dose [S][V:IHP07], D1
    eot_window_max_days: int = 56
    post_rt_min_days: int = 56  # 8-12 weeks after RT recommended [V:IHP07]
    boundary_12m_days: int = 14  # BOUNDARY_12M window around add_months(EOT, 12) [I] §6
    relapse_biopsy_days: int = 60  # biopsy within 60 d of relapse imaging = biopsy-proven [I] §6
    eot_biopsy_days: int = 120  # biopsy after the EOT scan that resolves it (before 2L) [I]
    tmtv_cutoff_ml: float | None = None  # no default cutoff (Strati; D10) [U]
    scores_window_days: int = 60  # values at diagnosis: latest before 1st dose within 60 d [binding]

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> GuidelineSettings:
        env = dict(os.environ if env is None else env)
        kw: dict[str, object] = {}
        for name, typ in (("bulky_cm", float), ("bsh_bulky_cm", float), ("eot_window_min_days", int),
                          ("eot_window_max_days", int), ("boundary_12m_days", int),
                          ("relapse_biopsy_days", int), ("tmtv_cutoff_ml", float)):
            raw = env.get(f"LBCL_CDS_{name.upper()}")
            if raw not in (None, ""):
                kw[name] = typ(raw)
        if env.get("LBCL_CDS_PREFER_BSH") not in (None, ""):
            kw["prefer_bsh"] = env["LBCL_CDS_PREFER_BSH"].lower() in ("1", "true", "yes", "on")
        return cls(**kw)


DEFAULT_SETTINGS = GuidelineSettings()
