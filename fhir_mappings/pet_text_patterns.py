"""Regular-expression tables for the PET-CT report text extractor (`pet_text.py`).

Compiled once at import. Vocabulary follows terminology.md §3.3 (regex hints) and the annotation
guideline of clinical-logic.md §1.1-1.3; British and American spellings are both accepted.
Everything here is data: the decisions (negation scope, worst-of, ambiguity) live in `pet_text.py`;
the patterns of the text layer (HTML, headings, sentences, tables) live in `pet_text_sentences.py`.
"""

from __future__ import annotations

import re

from fhir_mappings import fast_regex

_I = re.IGNORECASE
NUM = r"\d{1,4}(?:\.\d+)?"


def rx(pattern: str, flags: int = _I) -> fast_regex.FastPattern:
    """A report-text pattern: verbose, case-insensitive unless told, answered as `re` does (fast_regex)."""
    return fast_regex.compile(pattern, flags | re.VERBOSE)


# --- anatomy (site identity for per-site scores, mixed vs conflicting statements) -----------------

SITE = rx(r"""\b(?:peri|para|pre|retro|sub|intra|inter)?-?(?:(?:supra|infra)clavicular|cervical|neck|axill\w*|mediastin\w*|hil(?:ar|um)|
    paratracheal|subcarinal|prevascular|para-?aortic|aorto-?caval|retroperitone\w*|mesenter\w*|
    iliac|inguinal|femoral|pelvi\w*|abdom\w*|portal|porta\s+hepatis|c(?:o)?eliac|epigastric|
    retrocrural|internal\s+mammary|cardiophrenic|spleen|splenic|liver|hepatic|lungs?|pulmonary|
    pleura\w*|stomach|gastric|bowel|colon\w*|ile\w*|jejun\w*|duoden\w*|caec\w*|cec\w*|tonsil\w*|
    waldeyer\w*|nasopharyn\w*|parotid|thyroid|breast|testi\w*|kidneys?|renal|adrenal|pancrea\w*|
    bones?|marrow|osseous|skelet\w*|vertebra\w*|spine|sacr\w*|ribs?|stern\w*|femur|humer\w*|skin|
    subcutaneous|soft\s+tissue|muscle|orbit\w*|sinus\w*|brain|cns|thym\w*|paravertebral|
    peritone\w*|oment\w*|uter\w*|ovar\w*|prostat\w*|bladder|o?esophag\w*|chest|thora\w*|
    submandibular|parapharyngeal|occipital|jugular|mammary)\b""")
GENERIC_SITE = rx(r"\b(?:nod(?:al|es?)|sites?|lesions?|other|remaining|elsewhere)\b")
SITE_REFERENCE = rx(r"""(?:\b(?:above|below|than|to|exceed\w*|under|over|of|equals?|matching)\s+(?:that\s+of\s+)?
    (?:the\s+)?(?:normal\s+)?|[<>≤≥=]=?\s*)
    (?:liver|mediastin\w*|(?:mediastinal\s+)?blood[\s-]*pool|background|MBP)\b|\b(?:liver|MBP|blood[\s-]*pool)\s*\(?\s*(?:SUV\w*)?\s*[\d.]+\)?""")

# --- Deauville ------------------------------------------------------------------------------------

WORD_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_DS_TRIGGER = r"""
    (?P<trig>
      \bdeauville(?:\s*(?:five|5)[\s-]*(?:point|pt)(?:\s*scale)?)?(?:\s*\(\s*5\s*-?\s*PS\s*\))?
        (?:\s*(?:scores?|scale|criteria|grade|category))?
    | \blugano\s+(?:five|5)[\s-]*point(?:\s*scale)?(?:\s*scores?)?
    | \b(?:five|5)[\s-]*point[\s-]*(?:scale|score)(?:\s*\(\s*5\s*-?\s*PS\s*\))?(?:\s*scores?)?
    | \b5\s*-?\s*PS\b(?:\s*scores?)?
    | (?-i:\bDS)(?![A-Za-z])
    | (?P<generic>\b(?:re-?)?scor(?:ed|ing|es|e)\b)
    )"""
_DS_FILLER = r"""(?P<fill>(?:\s*(?:\(\s*(?:5\s*-?\s*PS|highest|maximum|max|overall|worst|current|final)\s*\)|of|is|was|were|=|:|-|–|—|graded|grade|
    assigned|given|as|category|value|remains|overall|here|highest|maximum|max|now|currently|
    at\s+(?:(?:all|the|lymphoma|residual|involved|nodal|other|remaining)\s+){0,2}sites?)\s*)*?)"""
_DS_VALUE = r"""(?P<v>[1-5](?![\d.,]\d)|X(?![A-Za-z])|x(?![A-Za-z])|one|two|three|four|five)
    (?!\s*(?:-|–)?\s*(?:point|pt|PS)\b)(?!\s*(?:x|×)\s*\d)(?!\s*(?:cm|mm|%|cycles?|courses?|weeks?|months?|days?)\b)
    (?P<alt>\s*(?:-|–|to|or|/|versus|vs\.?)\s*(?P<v2>[1-5])(?!\d|\.\d))?
    (?P<more>(?:\s*(?:,|and|&)\s*[1-5](?![\d.]\d)(?!\s*(?:cm|mm|x|×)))*)"""
DS_MENTION = rx(_DS_TRIGGER + r"\s*" + _DS_FILLER + r"\s*" + _DS_VALUE)
DS_INVERTED = rx(r"""\b(?P<v>[1-5])\s*(?:/\s*5\s*)?(?:on|by|according\s+to|using)\s+(?:the\s+)?
    (?:deauville|five[\s-]*point|5[\s-]*point|5-?PS)""")
DS_LIST = rx(_DS_TRIGGER + r"\s*(?:(?:by|per)\s+(?:site|region|station|area))?\s*:\s*(?P<list>[A-Za-z][^.]*?)(?=\.\s|\.$|$)")
DS_LIST_ITEM = rx(r"""^\s*(?:and\s+|[-•*]\s*)?(?P<site>[A-Za-z][\w \-'/()]{0,50}?(?:\(\s*new[^)]*\))?)\s*(?:[:=\-–]|DS|score)?\s*
    (?P<v>[1-5]|X)(?:\s*(?P<alt>/|-|–|to|or)\s*(?P<v2>[1-5]))?\s*(?P<tag>\([^)]*\))?
    (?:\s*(?:[,;]|\s[-–]\s)\s*[A-Za-z][^()\d]*)?\s*\.?\s*$""")  # "Mediastinum: 4, reduced compared with baseline"
# a caption above a per-site score list: "Deauville by site:", "Site scores follow.", "Site: Deauville"
DS_CAPTION = rx(r"""(?:deauville|\bDS|5-?PS|scores?)\b[^.]{0,30}?\b(?:by|per)\s+(?:site|region|station|area)|\bsite\s+scores?\b|
    ^\s*sites?\s*[:|-]\s*(?:deauville|DS|5-?PS|score)|(?:deauville|scores?)\s*:\s*$""")
NEW_TAG = rx(r"\(\s*new\b")
SCORE_HINT = rx(r"deauville|lugano|point|\bDS|5-?PS|scor|\(\s*X\s*\)|\b[1-5]\s*(?:/\s*5\s*)?(?:on|by|according|using)\b")
DS_CONTEXT = rx(r"\bdeauville\b|\b5\s*-?\s*PS\b|\b(?:five|5)[\s-]*point|(?-i:\bDS\s*[1-5X])")
OTHER_SCORES = rx(r"\b(?:IPI|ECOG|Karnofsky|Krenning|Gleason|Ann\s+Arbor|Charlson|ASA|pain|Glasgow|Wells|risk)\b[^.;]{0,15}$")
DS_DEFINITION = rx(r"\b(?:defined|definition|considered\s+(?:positive|negative)|criteria\s*[:(]|corresponds?\s+to|means)\b|=")

# A score about another scan: marker before the trigger (same clause) or right after the value.
_NOT_PRIOR = r"""(?!\s+(?:\w+\s+)?(?:involved|affected|avid|FDG|noted|seen|described|identified|reported|
    demonstrated|treated|bulky|enlarged|documented|known|sites?|disease|lesions?|nodes?|nodal|mass(?:es)?|foci|
    areas?|regions?|involvement|target))"""
PRIOR_BEFORE = rx(r"""\b(?P<m>previous(?:ly)?|prior|baseline|staging|initial(?:ly)?|pre-?treatment|
    pre-?therapy|pre-?salvage|interim|(?-i:EOT)|end[\s-]+of[\s-]+treatment|from|earlier|last|at\s+diagnosis|
    before)\b""" + _NOT_PRIOR + r"""(?P<gap>[^,;:.)\d]{0,40})$""")
# "uptake reduced compared with baseline - Deauville 3": a marker that is the object of a comparison names the
# scan the current one is compared against; a value after a spaced dash (a clause break, as PIECE_BREAK) is
# the current scan's, not the comparator's (blind chart round 6, 2026-12-05)
COMPARED_WITH_END = rx(r"""\b(?:compared?\s+(?:with|to)|comparison\s+(?:with|to)|relative\s+to|versus|vs\.?|than|
    since|cf\.?)\s+(?:(?:the|that|at|on|of)\s+)*$""")
SPACED_DASH = rx(r"\s[-–—]+\s")
STUDY_NOUN = rx(r"\b(?:PET|scan|study|CT|exam\w*|imaging|report)\b")
DS_X_PAREN = rx(r"\(\s*X\s*\)")
NEW_AFTER = rx(r"""\b(?:new|newly\s+(?:seen|apparent|developed))\s+(?:since|compared\s+(?:with|to)|relative\s+to|versus|vs\.?)\b|
    \bnot\s+(?:present|seen|visible|identified|evident)\s+(?:on|at|in)\s+(?:the\s+)?(?:prior|previous|baseline|staging|interim)""")
NEW_EXCEPT = rx(r"""\bno\s+(?:other\s+)?new\b[^.;]{0,60}?\b(?:apart\s+from|except(?:\s+for)?|other\s+than|besides|save\s+for)\s+
    (?:an?\s+|the\s+|some\s+|two\s+|several\s+|multiple\s+)?(?:[\w-]+\s+){0,3}?(?:foc(?:us|i)|lesions?|nodes?|nodules?|uptake|areas?)\b""")
NEW_BARE_NEG = rx(r"\b(?:no|nil)\s+new\b\s*(?:[.;,)]|$)|\bnew\s+(?:lesions?|foci|sites?)\s*[:=-]\s*(?:none|no|nil|absent|negative)\b")
PRIOR_GAP_STOP = rx(r"""\b(?:to|now|currently|today|but|whereas|vs|versus|compared|this|current|no|impression|conclusion|findings|
    summary|opinion|there)\b""")
PRIOR_AFTER = rx(r"""^\s*\)?\s*,?\s*(?:(?:at|on|in|from|of)\s+(?:the\s+)?(?P<m>baseline|staging|prior|previous|
    initial|pre-?treatment|interim|earlier|last)\b|(?P<m2>previously|initially|before\s+treatment|
    at\s+diagnosis)\b)(?!\s*\(?\s*(?:SUV\w*\s*|DS\s*|Deauville\s*|score\s*)?(?:of\s*|:\s*|was\s*|=\s*)?\d)""")
PRIOR_SENTENCE = rx(r"""^\s*(?:(?:at|on|in)\s+(?:the\s+)?(?P<m>baseline|staging|prior|previous|initial|
    pre-?treatment|interim)\b|(?P<m2>previously(?!\s+(?:involved|affected|avid|FDG|noted|seen|described|identified|
    documented|known|treated|bulky))|at\s+diagnosis)\b|(?P<m3>baseline|staging|
    pre-?treatment|prior|previous|interim)\s+(?:PET|scan|study|imaging)(?:[-/]?CT)?(?:\s*\([^)]*\))?
    \s*(?:showed|demonstrated|revealed|had|was|were)\b)""")
MARKER_TIMEPOINT = {"baseline": "baseline", "staging": "baseline", "pretreatment": "baseline",
                    "pre-treatment": "baseline", "initial": "baseline", "initially": "baseline",
                    "pretherapy": "baseline", "pre-therapy": "baseline", "interim": "interim",
                    "eot": "end_of_treatment", "endoftreatment": "end_of_treatment",  # spaces are removed first
                    "end-of-treatment": "end_of_treatment", "endof-treatment": "end_of_treatment",
                    "end-oftreatment": "end_of_treatment"}

# --- etiology vocabulary (new lesions, score exclusion) --------------------------------------------

_LYMPH_OBJ = r"""(?:lymphoma\w*|(?:disease\s+)?progression|progressive\s+(?:metabolic\s+)?disease|PMD|relapse|
    recurren\w*|(?:lymphomatous\s+)?(?:involvement|infiltration|deposits?)|malignan\w*|
    (?:metabolically\s+)?active\s+(?:lymphoma|disease)|(?:new\s+)?sites?\s+of\s+(?:lymphoma|disease)|
    residual\s+(?:lymphoma|disease)|(?:nodal|extranodal)\s+disease|disease)"""
_STRONG_LYMPH = r"""(?:lymphoma\w*|progression|progressive\s+(?:metabolic\s+)?disease|PMD|relapse[ds]?|recurren\w*|
    lymphomatous|malignan\w*|(?:lymphomatous\s+)?(?:involvement|infiltration)\s+(?:by|with)\s+lymphoma)"""
LYMPH = rx(r"""\b(?:consistent\s+with|suspicious\s+(?:for|of)|in\s+keeping\s+with|compatible\s+with|
    concerning\s+(?:for|of)|suggestive\s+of|typical\s+of|characteristic\s+of|represent(?:s|ing)?|
    (?:most\s+|very\s+|highly\s+)?(?:likely|probabl[ey])(?:\s+(?:to\s+)?(?:represent|be|reflect))?|
    worr(?:ying|isome)\s+for|favou?r(?:s|ed|ing)?(?:\s+(?:to\s+)?(?:represent|be))?|
    due\s+to|indicat(?:es|ing|ive\s+of)|diagnostic\s+of|reflect(?:s|ing)?|keeping\s+with)\s+
    (?:(?:an?|the|further|new|active|recurrent|early|nodal|extranodal|local|metabolically)\s+){0,3}""" + _LYMPH_OBJ + r"""\b
    |\b(?:consistent\s+with|suspicious\s+(?:for|of)|in\s+keeping\s+with|compatible\s+with|concerning\s+(?:for|of)|
    suggestive\s+of|worr(?:ying|isome)\s+for|represent(?:s|ing)?)\s+(?:[\w-]+\s+){0,4}?""" + _STRONG_LYMPH + r"""\b
    |\blymphomatous\b|\bnew\s+sites?\s+of\s+(?:lymphoma|disease)\b|\bin\s+keeping\s+with\s+(?:disease\s+)?progression""")
NOT_LYMPH = rx(r"""\b(?:inflamm\w*|infect\w*|reactive|post[\s-]?(?:biopsy|procedur\w*|surgical|operative|
    radiation|radiotherapy|vaccin\w*|traumatic)|physiolog\w*|granulom\w*|sarcoid\w*|pneumoni\w*|
    atelecta\w*|fractur\w*|degenerat\w*|arthrit\w*|arthropath\w*|vaccin\w*|injection\s+site|
    brown\s+(?:fat|adipose)|benign|G-?CSF|growth\s+factor|bursitis|thymic\s+(?:rebound|hyperplasia)|
    rebound|hyperplasia|abscess|healing|treatment[\s-]related|therapy[\s-]related|iatrogenic|
    osteoarthr\w*|fungal|aspergill\w*|tubercul\w*|oesophagitis|esophagitis|colitis|gastritis|
    muscular|haematoma|hematoma|seroma|synovitis|tendin\w*|enthes\w*|dental|periodontal|
    aspiration|consolidation|drug[\s-]induced|sinusitis|thyroiditis|\w{3,}itis|non-?malignant|not\s+lymphoma|
    unrelated\s+to\s+lymphoma|non-?lymphomatous|urinary|excreted|excretion|contamination)\b""")
CONTINUATION = rx(r"""^\s*(?:this|these|it|they|which|appearances?|the\s+(?:appearances?|findings?|focus|foci|
    lesions?|nodes?|nodules?|uptake)|findings?|likely|favou?r|most\s+likely|probably|possibly|
    aetiology|etiology|differential)\b""")

# --- new lesions ------------------------------------------------------------------------------------

NEW = rx(r"""\b(?:new(?:ly)?(?:[\s-]+(?:appearing|apparent|seen|identified|developed|demonstrated|
    detected|onset))?|interval\s+(?:development|appearance)\s+of|additional)\b
    (?P<mid>(?:[\s,-]+(?:and\s+|or\s+)?[\w.%/×-]+){0,8}?)[\s,-]+
    (?P<noun>lesions?|foc(?:us|i|al)|sites?|nodes?|nodules?|nodal|areas?|deposits?|uptake|avidity|
      disease|involvement|mass(?:es)?|opacit\w*|consolidation|lymphadenopathy|adenopathy|
      abnormalit\w*|activity|hypermetabol\w*|FDG[\s-]*avid\w*|avid|infiltrat\w*|collection|
      effusion|thickening|deposit|spots?|hot\s*spots?|findings?)\b""")
NEW_DENY_MID = rx(r"""\b(?:baseline|study|scan|PET|CT|comparison|treatment|therapy|regimen|line|cycle|symptoms?|lump|complaint|
    pain|diagnos\w*|dx)\b""")
NEG_NEW_BEFORE = rx(r"""\b(?:no|nil|not|without|nor|neither|absence\s+of|absent|free\s+of|negative\s+for|
    none|never|rather\s+than)\b(?:[\s-]+[\w-]+){0,5}?[\s-]*$""")
NEG_NEW_AFTER = rx(r"""^[^,;.]{0,40}?\b(?:(?:is|are|was|were|has|have|been)\s+)*(?:not\s+(?:\w+\s+)?
    (?:seen|identified|demonstrated|present|visible|detected|evident|noted|appreciated|shown|found)|
    absent|none)\b|^\s*(?:(?:FDG[-\s]?avid\s+)?(?:lesions?|foci|focus|sites?|disease|nodes?)\s*)?[:=-]\s*
    (?:none|no|nil|absent|negative)\b""")  # "New lesions: no" (blind text round 7)

# --- uptake vs baseline -------------------------------------------------------------------------------

UPTAKE_TERM = rx(r"""\b(?:uptake|avid\w*|FDG|SUV\w*|metabolic(?:ally)?|hypermetabol\w*|activity|tracer|
    glycoly\w*|intensity|intense|PET[\s-]*positiv\w*|deauville|5-?PS)\b|(?-i:\bDS\b)""")
UPTAKE_MASK = rx(r"""\b(?:(?:total\s+)?metabolic\s+tumou?r\s+volumes?|T?MTV|(?:complete|partial)\s+
    metabolic\s+(?:response|remission)|no\s+metabolic\s+response|(?:stable|progressive)\s+metabolic\s+
    disease|metabolic\s+progression|metabolically\s+stable\s+disease|(?:higher|greater|more|less|lower)\s+
    than\s+(?:the\s+)?(?:normal\s+)?(?:liver|mediastin\w*|blood[\s-]*pool|background|reference|
    surrounding|physiolog\w*)|(?:foc(?:us|i)|areas?|regions?|sites?|deposits?)\s+of\s+(?:\w+\s+)?
    (?:increased|raised|elevated)|physiolog\w*\s+\w+(?:\s+\w+)?|reduced[\s-]+dose|low[\s-]+dose|
    (?:normal|physiological)\s+(?:bio)?distribution|(?:similar|comparable|equal|equivalent|close|identical)\s+
    (?:to|with)\s+(?:that\s+of\s+)?(?:the\s+)?(?:normal\s+)?(?:liver|mediastin\w*|(?:mediastinal\s+)?blood[\s-]*pool|
    background|reference)|greater\s+curvature|non[\s-]?(?:FDG[\s-]?)?avid|not\s+(?:FDG[\s-]?)?avid|
    complete(?:ly)?\s+regress\w*|regressed\s+completely)\b""")
NEW_PHRASE = rx(r"""\b(?:new(?:ly)?|interval\s+(?:development|appearance)\s+of)\b(?:[\s,-]+(?:and\s+|or\s+)?[\w-]+){0,6}?[\s-]+
    (?:lesions?|foc(?:us|i)|sites?|nodes?|nodules?|areas?|deposits?|uptake|avidity|disease|mass(?:es)?|activity)\b
    (?:\s+(?:of|with|showing|demonstrating)\s+(?:[\w-]+\s+){0,3}?(?:(?:FDG[\w-]*\s+)?(?:uptake|avidity|activity|tracer)|FDG[\w-]*))?""")
_DIFFUSE = r"(?:diffuse\w*(?!\s+large\b)|homogene\w*|G-?CSF|growth[\s-]+factor|(?:peg)?filgrastim)"  # not "diffuse large B-cell"
DIFFUSE_MARROW = rx(r"\b" + _DIFFUSE + r"\b[^;]*\bmarrow\b|\bmarrow\b[^;]*\b" + _DIFFUSE + r"\b")
_SIZE = r"""(?:size|dimensions?|diameter|volume|bulk|calibre|caliber|measurements?|extent\s+of\s+the\s+mass|
    thickness|(?:short|long)[\s-]+axis|dose)"""
_UPT_OBJ = r"(?:uptake|avidity|activity|intensity|FDG|SUV\w*|metabolic|metabolism)"
SIZE_AFTER = rx(r"^\s+(?:\w+ly\s+)?(?:in\s+|of\s+)?(?:the\s+)?(?:overall\s+)?" + _SIZE + r"(?!\s*(?:\([^)]*\)\s*)?(?:and|&|/|as\s+well\s+as|,(?!\s*(?:but|however|whereas|while|whilst|although|though|yet)\b))\s*(?:\w+\s+){0,2}" + _UPT_OBJ + r")"
                r"|^\s+(?:in\s+size\s+)?(?:(?:from|to)\s+)?(?:an?\s+)?(?:\w+\s+)?" + NUM + r"\s*(?:x|×|by|cm|mm)|^\s*(?:[\s-]+dose)")
SIZE_BEFORE = rx(_SIZE + r"\s+(?:has\s+|have\s+|had\s+|is\s+|are\s+|was\s+|were\s+)?(?:\w+\s+)?$")
UNCHANGED = rx(r"""\b(?:unchanged|unaltered|stable|static|similar|comparable|equivalent|essentially\s+the\s+same|
    no\s+(?:\w+\s+)?(?:significant\s+|appreciable\s+|substantial\s+|interval\s+|definite\s+|major\s+|
    material\s+|real\s+|meaningful\s+|relevant\s+|marked\s+)*change|not\s+(?:\w+\s+)?(?:significantly\s+|
    appreciably\s+|substantially\s+|materially\s+|meaningfully\s+)?changed|remains?\s+(?:the\s+same|
    similar|unchanged|stable)|no\s+(?:significant|appreciable|substantial|meaningful|relevant|
    definite|major|real)\s+(?:reduction|decrease|improvement|fall|decline|response)|not\s+(?:significantly|
    substantially|appreciably|meaningfully)\s+(?:reduced|decreased|improved|different|lower))\b""")
REDUCED = rx(r"""\b(?:decreas\w*|reduc(?:ed|tion|ing|es)|less(?:er)?(?:\s+\w+)?\s+(?:avid|intense|uptake|FDG|
    metabolically|active|hypermetabolic|prominent)|lower\s+(?:than\s+(?:at|on|before|previously|prior)|
    uptake|avidity|intensity|SUV\w*|level)|diminish\w*|improv\w*|resolving|
    regress\w*|declin\w*|fall(?:en)?|fell|dropp?(?:ed)?|wan(?:ed|ing)|subsid\w*|faded|fading|
    down\s+from|interval\s+decrease)\b""")
INCREASED = rx(r"""\b(?:increas\w*|more(?:\s+\w+)?\s+(?:avid|intense|FDG|uptake|hypermetabolic|active)|
    (?:higher|greater)(?=\s+(?:\w+\s+)?(?:uptake|avidity|intensity|activity|SUV\w*|than\s+(?:at|on|before|previous\w*|
    prior|baseline|staging)))|intensif\w*|progressi(?:ve|on)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:uptake|avidity|
    FDG|activity|SUV\w*|hypermetabolism)|worsen\w*|ris(?:en|ing|e)|rose|escalat\w*|up\s+from|
    interval\s+increase)\b""")
# "above the liver visually but similar quantitatively": likeness to a reference region, not a change over time
LIKE_WORD = rx(r"^(?:similar|comparable|equivalent)")
REFERENCE_REGION = rx(r"\b(?:liver|hepatic|blood[\s-]*pool|mediastin\w*\s+(?:blood|background|reference)|MBP)\b")
# an earlier scan named in the clause before a value: "relapse PET DS 5, TMTV 188 mL"
EARLIER_SCAN_CLAUSE = rx(r"""\b(?P<ev>relapse|refractory|diagnostic|pre-?salvage|baseline|staging|prior|previous|initial|
    interim)\s+(?:PET|scan|study)(?:[-/\s]?CT)?\b[^;()]{0,40}$""")
# unpunctuated dictation: the conclusion starts a new clause ("... uptake reactive impression deauville 4")
CONCLUSION_WORD = rx(r"\b(?:impression|conclusion|summary|opinion)\b")
COMPARATIVE_ADJ = rx(r"^(?:increas\w*|higher|greater|ris\w*)")
COMPARISON_CONTEXT = rx(r"""\b(?:compar\w*|vs\.?|versus|relative|since|previous\w*|prior|baseline|interval|
    before|earlier|last|then|now|staging|interim|pre-?treatment|initial\w*|(?:has|have|had)\s+
    (?:\w+\s+)?(?:increas|risen|intensif)\w*)\b""")
NEG_BEFORE = rx(r"\b(?:no|not|without|nor|never|absence\s+of|free\s+of|negative\s+for)\b(?:\s+[\w-]+){0,3}?\s*$")
ALTERNATIVE = rx(r"^\s*(?:to|or|/|-|–|and\s*/\s*or)\s*(?:\w+\s+){0,2}$")
CLAUSE_SPLIT = rx(r";|\b(?:but|however|whereas|while|although|though|except|apart\s+from)\b")
SIGNIFICANT = rx(r"\b(?:significant\w*|substantial\w*|appreciabl\w*|meaningful\w*|marked\w*)\b")

# Shared with pet_text_values (SUVmax) and pet_text_sentences (tables, timepoint).
SUV_LESION = rx(r"\b(?:lesions?|mass|nodes?|nodule|foc(?:us|i)|deposits?|metastas\w*|segment)\b")
FINDING_HINT = rx(r"""\bSUV|\bdeauville|(?-i:\bDS\s*[1-5X])|\buptake\b|\bavid|\bnod(?:es?|al)\b|\bmass\b|\blesions?\b|
    \bfoc(?:us|i)\b""")

# --- category -------------------------------------------------------------------------------------

CATEGORY = rx(r"""(?P<NMR>\bno\s+metabolic\s+response\b|\bstable\s+metabolic\s+disease\b|\bmetabolically\s+
    stable\s+disease\b|(?-i:\bNMR\b)|\bno\s+metabolic\s+change\b)
    |(?P<CMR>(?<!near[\s-])(?<!near)(?<!almost\s)(?<!nearly\s)\bcomplete\s+metabolic\s+(?:response|remission)\b|(?-i:\bCMR\b))
    |(?P<PMR>\bpartial\s+metabolic\s+(?:response|remission)\b|(?-i:\bPMR\b))
    |(?P<PMD>\bprogressive\s+metabolic\s+disease\b|(?-i:\bPMD\b)|\bmetabolic\s+(?:disease\s+)?progression\b)""")
NEG_CATEGORY = rx(r"""\b(?:no|not|without|rather\s+than|nor|neither|absence\s+of|exclud\w*|short\s+of|instead\s+of|
    never|lack\s+of)\b(?:\s+[\w-]+){0,5}?\s*$""")
NEG_CATEGORY_DIRECT = rx(r"""(?:not|never|no\s+longer)\s+(?:\w+\s+)?(?:represent|consistent|in\s+keeping|compatible|
    suggest|indicat|meet|amount|constitute|fulfil|qualify|reach|achiev)""")
CATEGORY_AFTER_NEG = rx(r"^\s*(?:is|was|has\s+been)?\s*(?:not\s+(?:achieved|met|reached|present|seen)|cannot\s+be\s+(?:confirmed|called|assigned))")
CATEGORY_DEF = rx(r"^\s*(?:=|:\s*(?:DS|Deauville)\s*[1-5]\s*[-–])|^\s*\(\s*(?:DS|Deauville)\s*[1-5]\s*[-–]\s*[1-5]\s*(?:=|means|defined)")

# --- bone marrow ----------------------------------------------------------------------------------

MARROW = rx(r"""\b(?:marrow|BM|skelet\w*|osseous|bony|bones?|vertebra\w*|sacr(?:um|al)|iliac\s+(?:bone|crest|wing)|
    femor\w*|femur|humer\w*|ribs?|stern(?:um|al)|scapula\w*|skull|calvari\w*|acetabul\w*|ischi\w*|
    pubic|(?:pelvic|long)\s+bones?|(?-i:[CTL]\d{1,2})|spine|spinal)\b""")
# a bone lesion reaching beyond the marrow (cortex, soft tissue): bone, not a marrow focus
BONE_LESION = rx(r"\b(?:cortical|cortex|destructi\w*|fractur\w*|(?:soft[\s-]tissue|paravertebral|extra-?osseous)\s+(?:component|extension))\b")
MARROW_NEW = rx(r"\b(?:new|recurren\w*|reappear\w*|re-?emerg\w*|re-?current)\b")
MARROW_FOCAL = rx(r"\b(?:focal\w*|foc(?:us|i)|multifocal|lesions?|deposits?|involvement|disease|uptake|avid\w*|infiltrat\w*)\b")
MARROW_DIFFUSE = rx(r"""\b(?:diffuse\w*(?!\s+large\b)|uniform\w*|G-?CSF|growth[\s-]+factor|(?:peg)?filgrastim|
    lenograstim|
    reactive|(?:marrow\s+)?(?:activation|stimulation|hyperplasia|rebound)|marrow\s+recovery|stimulat\w*)\b""")
HOMOGENEOUS = rx(r"\bhomogene\w*")  # alone a normal marrow; diffuse_reactive only when the uptake is raised
MARROW_RAISED = rx(r"\b(?:increas\w*|raised|elevated|intense\w*|avid\w*|hypermetabol\w*|prominent|high)\b")
MARROW_NORMALISED = rx(r"""\b(?:normali[sz]\w*|background|returned\s+to\s+normal|now\s+(?:\w+\s+)?(?:normal|unremarkable|
    physiolog\w*)|resolved|resolution|no\s+longer)\b""")
NOT_FOCAL_OR_MORE = rx(r"\b(?:no|not|without)\s+(?:\w+\s+)?(?:focal\w*|foc(?:us|i)|increase\w*|abnormal\w*|lesions?)\b")
# a negation ends at a clause break, or (unpunctuated dictation) where a new subject starts: "no new lesions
# marrow shows diffusely increased uptake"
_NEW_SUBJECT = r"""(?:(?:the\s+)?(?:bone\s+)?marrow|BM|skeleton|spleen|liver)\s+(?:shows?|demonstrat\w*|has|have|is|are|appears?)\b"""
NEG_SPAN = rx(r"""\b(?:no|nil|not|without|nor|absence\s+of|negative\s+for|free\s+of)\b[^,;.]*?
    (?=[,;.]|\b(?:and|but|with|while|whereas|although|impression|conclusion)\b|""" + _NEW_SUBJECT + r"""|$)""")
MARROW_GENERIC = rx(r"\bmarrow\b|(?-i:\bBM\b)|\bskelet\w*|\bosseous\b")
NODE_OR_MASS = rx(r"\b(?:nod(?:es?|al)|mass(?:es)?|lymphadenopathy)\b")
MARROW_NONE = rx(r"""(?:\b(?:no|nil|without|nor|absence\s+of|negative\s+for|free\s+of)\b(?:\s+[\w-]+){0,4}?\s+(?:bone\s+)?
    (?:marrow|skelet\w*|osseous|bony|bone)\b(?!\s+(?:shows?|demonstrat\w*|has|have|is|are|appears?)\b)|\b(?:marrow|skelet\w*|osseous)\b(?:\s+[\w-]+){0,4}?[\s:(]+
    (?:(?:is|are|was)\s+)?(?:not\s+involved|uninvolved|normal|physiolog\w*|unremarkable|clear|negative|NAD|
    within\s+normal\s+limits|(?:no|without)\s+(?:focal\s+)?(?:uptake|involvement|lesions?|abnormal\w*)|none)\b|
    \b(?:normal|physiolog\w*)\s+(?:\w+\s+)?marrow\b|\b(?:marrow|BM|bones?|skeleton|skeletal|osseous)(?:\s+[\w-]+){0,2}?\s*:\s*(?:normal|
    negative|no\b|nil\b|none|clear|unremarkable|not\s+involved|NAD\b|physiolog\w*))""")
MARROW_RESOLVED = rx(r"\b(?:complete(?:ly)?\s+)?resolved\b|\bresolution\s+of\b|\bno\s+(?:residual|longer)\b")

# --- timepoint ------------------------------------------------------------------------------------
# Salvage outranks everything; then explicit words, then what cycle counts imply.

_SINCE = r"\b(?:\d+|one|two|three|four|five|six|nine|twelve|eighteen)"
_REGIMEN_SALVAGE = r"(?-i:(?:R[\s-]?)?(?:ICE|DHAP|DHAX|DHAOx|GDP|GemOx|GEMOX|ESHAP|IVE|MINE)\b)"
# Ordered by priority: the purpose of this scan (surveillance, suspected relapse, a day count after a
# transplant) first, then salvage, end of treatment and interim, then the state of the disease
# ("relapsed DLBCL"), then baseline.
TIMEPOINT_STRONG = (
    ("relapse_or_follow_up", rx(r"""\b(?:suspect\w*|query|possible|probable|\?|clinical\s+suspicion\s+of|
        suspicion\s+of|concern\s+(?:for|of)|assess\w*\s+(?:for|of)|investigat\w*\s+(?:of|for)|evaluat\w*\s+
        (?:of|for)|to\s+exclude|rule\s+out|r/o|exclude|re-?staging\s+(?:for|of|at))\s*(?:of\s+|for\s+)?
        (?:(?:lymphoma|disease|DLBCL|early)\s+)?(?:relapse|recurrence|progression)\b|\bsurveillance\b|
        \b(?:routine|annual|yearly|scheduled)\s+follow[\s-]?up\b|\bfollow[\s-]?up\s+(?:PET|scan|study|
        imaging)(?!\s+(?:is|in|would|should|may|could|recommended|advised|suggested|if|to))|""" + _SINCE + r"""[\s-]*
        (?:months?|years?|yrs?)'?s?[\s-]+(?:of\s+)?(?:follow[\s-]?up|surveillance)\b|
        \bday\s*\+?\s*\d{1,3}\s+(?:post|after|following)[\s-]+(?:[\w-]+\s+){0,4}?(?:transplant\w*|ASCT|SCT|HSCT|BMT|
        autograft)\b""")),
    ("post_salvage", rx(r"\bsalvage\b|\bpre[\s-]?(?:ASCT|auto(?:logous)?|"
                        r"transplant|auto[\s-]?SCT|HDT|HSCT|autograft)\b|" + _REGIMEN_SALVAGE)),
    # the time since first-line treatment: follow-up, unless a salvage regimen has been given since
    ("relapse_or_follow_up", rx(_SINCE + r"""\s*(?:months?|years?|yrs?|mo)\s+(?:after|post|following|from|since)\s+
        (?:the\s+)?(?:end|completion|completing|finishing|R-?CHOP|treatment|therapy|chemo\w*|EOT)""")),
    ("end_of_treatment", rx(r"""\bend[\s-]of[\s-](?:first[\s-]line\s+)?(?:treatment|therapy|chemo\w*|
        immunochemo\w*)\b|(?-i:\bEOT\b)|\bEOT\s+PET|\b(?:after|following|on|at|upon)\s+completion\s+of\b|
        \bcompletion\s+of\s+(?:\w+\s+){0,3}?(?:treatment|therapy|chemo\w*|R-?CHOP\w*|cycles|courses|
        immunochemo\w*|first[\s-]line)|\bcompleted\s+(?:\w+\s+){0,3}?(?:treatment|therapy|chemo\w*|
        R-?CHOP\w*|cycles|courses)|\bfinal\s+(?:restaging|response\s+assessment)|\bpost[\s-]?(?:treatment|
        therapy|chemo\w*|immunochemo\w*)\s+(?:PET|scan|study|assessment|restaging|evaluation|response)""")),
    ("interim", rx(r"""\binterim\b|\bmid[\s-]?(?:treatment|therapy|cycle|course|chemo\w*)\b|(?-i:\biPET\d?\b)|
        (?-i:\bPET[\s-]?[234]\b)|\bduring\s+(?:treatment|therapy|chemo\w*)\b|\bearly\s+response\s+assessment""")),
    # the state of the disease: below the scan's stated purpose ("relapsed DLBCL, interim assessment")
    ("relapse_or_follow_up", rx(r"""\b(?:relapsed|recurrent)\s+(?:DLBCL|lymphoma|disease|large)|\bat\s+relapse\b|
        \brelapse\s+(?:staging|assessment)\b""")),
    ("baseline", rx(r"""(?<!re-)(?<!re\s)\b(?:initial\s+|pre-?treatment\s+|baseline\s+)?staging\b|
        \bpre-?(?:treatment|therapy|chemo\w*|Rx|Tx)\s+(?:PET|scan|study|staging|assessment|imaging)|\bbaseline\s+
        (?:PET|study|scan|staging|assessment|imaging|examination)\b|\bnew(?:ly)?\s+diagnos\w*\b|\binitial\s+
        (?:diagnosis|evaluation|assessment|work[\s-]?up)\b|\b(?:prior\s+to|before)\s+(?:starting\s+|
        commencing\s+|initiation\s+of\s+)?(?:treatment|therapy|chemo\w*|R-?CHOP)""")),
)
TIMEPOINT_WEAK = (
    ("end_of_treatment", rx(r"""\b(?:after|following|post)\s+(?:C)?(?:5|6|8|five|six|eight|all)\s+(?:cycles|
        courses)|R-?(?:mini-?)?CHOP(?:-\d\d)?\s*(?:x|×)\s*(?:6|8)\b(?!\.\d)|\b(?:6|8|six|eight)\s*(?:x|×|cycles\s+of)\s*R-?CHOP|\bpost[\s-]?
        (?:treatment|therapy|chemo\w*|R-?CHOP)\b|\bcompleted\b|\bcompletion\b""")),
    ("interim", rx(r"""\b(?:after|following|post)\s+(?:C|cycle\s+)?(?:1|2|3|4|one|two|three|four)\s*(?:cycles?|
        courses?|doses?)?\s*(?:of\s+)?(?:R-?CHOP|chemo\w*|immunochemo\w*|treatment|therapy)?\b(?!\s*(?:months?|
        weeks?|years?))|(?-i:\bC[234]\b)|\bcycle\s+[234]\b|R-?(?:mini-?)?CHOP(?:-\d\d)?\s*(?:x|×)\s*[234]\b(?!\.\d)|\b[234]\s*(?:x|×)\s*R-?CHOP""")),
    ("relapse_or_follow_up", rx(r"""\bfollow[\s-]?up\b(?!\s+(?:is|in|would|should|may|could|recommended|
        advised|suggested|if|to|imaging|PET|scan))|\brelapse\b|\brecurrence\b|\bremission\b""")),
)
TIMEPOINT_EXCLUDE_BEFORE = rx(r"""(?-i:\b(?:CMR|PMR|NMR|PMD))\s+(?:at|after|on|following)\s+(?:the\s+)?$|
    \b(?:complete|partial)\s+(?:metabolic\s+)?(?:response|remission)\s+(?:at|after|on|following)\s+(?:the\s+)?$|
    \b(?:compar\w*(?:\s+\w+){0,2}|vs\.?|versus|relative\s+to|since|than|with\s+the|
    to\s+the|on\s+the|from\s+the|prior|previous|no\s+evidence\s+of|no|without|negative\s+for)\s*(?:the\s+)?
    (?:\w+\s+)?$""")

# --- per-site score text ----------------------------------------------------------------------------

SITE_AFTER = rx(r"""\s*\)?\s*(?:(?:in|at|within|involving|for)\s+(?:the\s+)?(?P<s>[^,;.()]{2,50}?)(?=\s*(?:[,;.()]|\band\b|$))
    |\(\s*(?P<p>[^()]{2,50}?)\s*\))""")
SITE_CUT = rx(r"""\b(?:shows?|showing|has|have|had|with|which|that|demonstrat\w*|measur\w*|is|are|was|were|
    remains?|SUV\w*|uptake|scores?|scoring|deauville|now|reduced|decreased|increased|persist\w*|responded|
    below|above|grades?|considers?|in\s+size|\d+(?:\.\d+)?\s*(?:x|×|cm|mm))\b""")
SITE_LEAD = rx(r"^\W*(?:(?:and|the|a|an|with|in|at)\b\W*)+")

# --- uptake: other causes, clause segments, hedges ---------------------------------------------------

OTHER_CAUSE = rx(r"""\b(?:inflamm\w*|infect\w*|reactive|physiolog\w*|\w{3,}itis|brown\s+(?:fat|adipose)|G-?CSF|
    growth\s+factor|(?:peg)?filgrastim|sarcoid\w*|granulom\w*|thymic\s+(?:rebound|hyperplasia)|degenerat\w*|
    arthr\w*|fractur\w*|vaccin\w*|injection\s+site|urinary|excret\w*|muscular|dental|marrow\s+(?:recovery|
    stimulation|activation))\b""")
UPTAKE_SEGMENT = rx(r";|\b(?:but|however|whereas|while|whilst|although|though)\b|,\s*(?:and|with)\b")
HEDGED_CHANGE = rx(r"""\b(?:possibly|perhaps|maybe|arguably|questionabl[ey]|conceivably)\s+(?:(?:very\s+)?(?:slightly|
    marginally|minimally|mildly|subtly|somewhat|a\s+little|a\s+touch)\s+)?(?:lower|higher|less|more|reduced|
    increased|decreased|improved|better|worse)\b(?!\s+(?:bulky|in\s+size|enlarged|prominent\s+in\s+size|extensive))""")
CANNOT_SAY = rx(r"""\b(?:cannot|can\s*not|can't|unable\s+to|difficult\s+to|hard\s+to)\s+(?:be\s+)?(?:\w+\s+)?
    (?:say|state|
    call|determine|tell|judge|decide|be\s+(?:sure|certain))\b[^.;]{0,60}?\b(?:chang\w*|differ\w*|lower|higher|less|
    more|reduc\w*|decreas\w*|increas\w*|improv\w*|wors\w*)\b""")
LESION_NOUN = rx(r"\b(mass|nod(?:es?|al)|nodules?|lesions?|foc(?:us|i)|deposits?)\b")
NEW_WORD = rx(r"(?<!no\s)(?<!nor\s)(?<!without\s)\bnew(?:ly)?\b")

# --- small helpers used by pet_text.py ---------------------------------------------------------------

SIDE_BEFORE = rx(r"\b(left|right|lt|rt)\b\W*(?:\w+\W+)?$")
PARENTHETICAL = rx(r"\([^)]*\)?|\)")
PIECE_BREAK = rx(r"[,;:]")
COMMA_BREAK = rx(r"[,;]")
CLAUSE_BREAK = rx(r"[,;:]|\b(?:but|however|except|although|whereas|apart\s+from)\b")
MARROW_CLAUSE_BREAK = rx(r";|\b(?:but|however|whereas|while|although)\b")
NEG_GAP_STOP = rx(r"\b(?:and|with|but|lesions?|sites?|foci|nodes?)\b")
ADJECTIVAL = rx(r"[\s,]+(?:[\w-]+[\s,]+){0,3}?(?:uptake|avidity|activity|metaboli)")
NEG_CATEGORY_OK = rx(r"consistent|keeping|compatible|suggest|represent|indicat|\bwith\b|\bnew\b|lesions?|foci|impression|conclusion|summary|findings")
FOCAL = rx(r"\bfocal\b")
FOCAL_LESION = rx(r"\b(?:focal\w*|foc(?:us|i)|lesions?|deposits?)\b")
RESOLVING = rx(r"resolving|partial")
SCORE_DIGIT = rx(r"[1-5]")

# --- held-out v2: earlier scans quoted, readers, revisions, questioned categories ------------------

# "Cf the Day +28 scan (PMR, DS 4)", "compared with the interim PET (Deauville 3)": the bracket is the earlier scan's
# "compared with baseline (DS 5) and interim (DS 4)": the second scan of a comparison, after the first's
# parenthesis, labels its own (blind text round 7, 2026-12-05)
PRIOR_PAREN = rx(r"""(?:\bcf\b\.?|\bc\.f\.|\bcompared?\s+(?:with|to)|\bcomparison\s+(?:with|to)|\bvs\.?|\bversus|
    \brelative\s+to)\s(?:[^.;()]|\([^.;()]*\)){0,60}?\b(?:PET|scan|study|CT|imaging|exam\w*|day\s*\+?\s*\d+|baseline|interim|prior|
    previous|staging)\b[^.;()]{0,20}\(\s*[^()]*$""")
# "the end-of-treatment PET-CT (10/2025, DS 2 - CMR)": a value inside the parenthesis of a named earlier study
# is that study's, with or without a comparison word before it (blind text round 7, 2026-12-05)
PRIOR_STUDY_PAREN = rx(r"""\b(?P<m>baseline|staging|pre-?treatment|prior|previous|interim|(?-i:EOT)|
    end[\s-]+of[\s-]+treatment)\s+(?:PET|scan|study|imaging|CT)(?:[-/\s]?CT)?\s*\([^()]*$""")
# "the interim PET, which showed DS 4", "the prior study, which had demonstrated a PMR"
PRIOR_RELATIVE = rx(r"""\b(?:PET|scan|study|imaging|exam\w*|CT)\b(?:[-/]?CT)?\s*(?:\([^)]*\)\s*)?
    (?:(?:of|from|dated|in|on)\s+(?:[A-Za-z]+\s+)?[\d/.-]*\s*)?,?\s*
    (?:which|that|where|when\s+it)\s+
    (?:had\s+)?(?:been\s+)?(?:showed|shown|demonstrated|revealed|was|were|scored|gave|given)\b[^.;()]{0,40}$""")
# "comparison PET-CT of May 2024 Deauville two", "relapse PET DS 5": a score given to a named earlier scan
PRIOR_SCAN_SCORE = rx(r"""(?:\b(?:comparison|compared\s+(?:with|to)|cf\.?)\b[^.;()]{0,30}?\b(?:PET|scan|study|CT)\b
    (?:[-/\s]*CT)?\s+(?:of|from|dated|on)\s+(?:[A-Za-z]+\s+)?[\d/.-]{2,10}
    |\b(?P<ev>relapse|refractory|diagnostic|pre-?salvage|progression|recurrence)\s+(?:PET|scan|study)(?:[-/\s]?CT)?)
    \s*[,:(]?\s*(?:with\s+|showing\s+)?$""")
# "achieved complete metabolic response after first-line therapy in 2022"
CATEGORY_PAST_AFTER = rx(r"^[^.;]{0,60}?\b(?:in|since|during|of)\s+(?:\w+\s+)?(?:19|20)\d\d\b")
CATEGORY_PAST_BEFORE = rx(r"""\b(?:had|previously|initially|originally)\s+(?:\w+\s+)?(?:achieved|attained|shown|
    demonstrated|been\s+in)\s+(?:an?\s+)?$""")
CATEGORY_QUESTIONED = rx(r"\?\s*$|\b(?:query|questionable|possible)\s+$")
CATEGORY_VERSUS_AFTER = rx(r"""^\s*(?:vs\.?|versus)\s+(?!\d|(?:the\s+)?(?:prior|previous|baseline|interim|staging|
    earlier|last|PET|scan|study|imaging)\b)""")  # "PMR vs NMR"; not "PMD vs 07/2025", "PMD versus the prior study"
CATEGORY_VERSUS_BEFORE = rx(r"""\?\s*(?:\w+\s+){0,3}?(?:vs\.?|versus)\s*$|
    \b(?:complete|partial|no|progressive|stable)\s+(?:or|vs\.?|versus|and/or)\s*$""")  # "?CMR vs PMR", "complete versus partial ..."
# "... metabolic response cannot be confidently distinguished / determined": undecided, not a category
CATEGORY_UNDECIDED_AFTER = rx(r"""^[^.;]{0,30}?\b(?:cannot|can\s*not|could\s+not|can't|unable\s+to)\s+(?:be\s+)?
    (?:\w+\s+)?(?:distinguish\w*|differentiat\w*|determin\w*|decided|separated|assigned|confirmed)""")
# two readers: "Reader 1: DS 3", "4 by the second reader"
READER_SCORE = rx(r"""\b(?:(?:reader|observer|radiologist)\s*(?:[12AB]|one|two)|(?:primary|first|second|other|another|
    independent|reviewing)\s+(?:reader|observer|radiologist))\b\s*[:,=-]?\s*
    (?:(?:scor\w*|consider\w*|grade\w*|rate\w*|call\w*)\b[^.;\d]{0,40}?\b(?=(?:DS|deauville|5-?PS)\b))?
    (?:(?:scor\w*|DS|deauville|5-?PS|gives?|gave)\b\s*)*
    [:=]?\s*(?P<v>[1-5])\b|\b(?P<w>[1-5])\s+(?:by|from|according\s+to|per)\s+(?:the\s+)?(?:first|second|other|another|
    \d(?:st|nd)|independent)?\s*(?:reader|observer|radiologist)\b""")
CONSENSUS = rx(r"""(?<!\bno\s)(?<!\bwithout\s)\b(?:consensus|agreed|final|adjudicat\w*)\b
    (?!\s+(?:was\s+|is\s+|has\s+)?(?:not|never|could\s+not|yet\s+to\s+be)\b)""")
NEW_LIST = rx(r"\b(?:new|newly)\b[^.;:]{0,60}:")  # "multiple new FDG-avid lesions: ..., focal marrow lesions in T11"
BETWEEN = rx(r"\bbetween\s*(?:(?:a|the)\s+)?$")
# an addendum that revises the score: "the score is revised to Deauville 4"
REVISED_BEFORE = rx(r"""\b(?:revised|amended|corrected|changed|upgraded|downgraded|re-?scored|re-?graded|
    re-?classified)\b
    (?:\s+\w+){0,3}?\s+to\b[^.;]{0,15}$|\bshould\s+read\b[^.;]{0,15}$""")
REVISION = rx(r"\b(?:revised|amended|corrected|upgraded|downgraded|re-?scored|re-?graded|re-?classified)\b")
# sites moving apart: "some nodes ... while others ..."
OTHER_SITES = rx(r"\b(?:others|another|the\s+remainder|remaining|the\s+rest)\b")
# "calcified non-avid nodes are stable": stability of a non-avid structure is not an uptake change
NON_AVID = rx(r"""\bcalcif\w*|\bnon[\s-]?(?:FDG[\s-]?)?avid|\bnot\s+(?:FDG[\s-]?)?avid|
    \bwithout\s+(?:\w+\s+)?(?:FDG\s+)?
    (?:uptake|avidity)|\bno\s+(?:FDG\s+)?(?:uptake|avidity)\b""")
