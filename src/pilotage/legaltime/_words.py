"""The French, Dutch and English words the deadline parser reads, as regular-expression parts.

Text is matched after `fold()`: lower case, accents removed, typographic quotes and spaces made
plain, one character for one character so that a match's span also marks the original text.
"""

from __future__ import annotations

import re
import unicodedata

from pilotage.legaltime._calendars import DayKind
from pilotage.legaltime._periods import PeriodKind

__all__ = [
    "COUNT",
    "DAY_KIND_WORDS",
    "MONTH",
    "MONTHS",
    "ORDINAL",
    "PERIOD",
    "PERIOD_WORDS",
    "UNIT",
    "UNIT_WORDS",
    "fold",
    "normalise",
    "number",
    "ordinal",
]

MONTHS: dict[str, int] = {
    # fr
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # nl
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # en
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    # fr
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30, "soixante": 60, "quatre-vingt-dix": 90,
    # nl
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20,
    "dertig": 30, "zestig": 60, "negentig": 90,
    # en
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "fifteen": 15, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip

ORDINAL_WORDS: dict[str, int] = {
    "premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
    "quatrieme": 4, "cinquieme": 5, "sixieme": 6,
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
    "first": 1, "third": 3, "fourth": 4,
}  # fmt: skip

PERIOD_WORDS: dict[str, PeriodKind] = {
    "mois": PeriodKind.MONTH, "maand": PeriodKind.MONTH, "month": PeriodKind.MONTH,
    "trimestre": PeriodKind.QUARTER, "kwartaal": PeriodKind.QUARTER,
    "quarter": PeriodKind.QUARTER,
    "semestre": PeriodKind.SEMESTER, "semester": PeriodKind.SEMESTER,
    "annee": PeriodKind.YEAR, "an": PeriodKind.YEAR, "jaar": PeriodKind.YEAR,
    "year": PeriodKind.YEAR,
}  # fmt: skip


def _alternatives(words: list[str]) -> str:
    # Longest first, so that "quatre-vingt-dix" is not read as "quatre".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MONTH = rf"(?:{_alternatives(list(MONTHS))})"
COUNT = rf"(?:\d+|{_alternatives(list(NUMBER_WORDS))})"
ORDINAL = (
    rf"(?:\d+\s*(?:ere|er|re|eme|e|ste|de|nd|st|rd|th)?\b|{_alternatives(list(ORDINAL_WORDS))})"
)
PERIOD = rf"(?:{_alternatives(list(PERIOD_WORDS))})"

# Unit words, tried in this order: the longer working-day forms before plain "jours".
# Each maps to (unit name, multiplier): weeks are 7 calendar days, years 12 months.
UNIT_WORDS: list[tuple[str, str, int]] = [
    (r"jours?\s+ouvrables?|werkdagen|werkdag|working\s+days?|business\s+days?", "mon-sat", 1),
    (r"jours?\s+ouvres?", "mon-fri", 1),
    (
        r"jours?(?:\s+(?:calendriers?|calendaires?|civils?|francs?))?|kalenderdagen|dagen|dag"
        r"|(?:calendar\s+)?days?",
        "calendar",
        1,
    ),
    (r"semaines?|weken|week|weeks", "calendar", 7),
    (r"mois|maanden|maand|months?", "months", 1),
    (r"annees?|ans|an|jaren|jaar|years?", "months", 12),
]
UNIT = "(?:" + "|".join(f"(?:{w})" for w, _, _ in UNIT_WORDS) + r")\b"

DAY_KIND_WORDS: list[tuple[str, DayKind]] = [
    (
        r"\(?\s*(?:mon-sat|monday-saturday|lundi-samedi|du lundi au samedi|lundi au samedi"
        r"|ma-za|maandag-zaterdag)\s*\)?",
        DayKind.MON_SAT,
    ),
    (
        r"\(?\s*(?:mon-fri|monday-friday|lundi-vendredi|du lundi au vendredi|lundi au vendredi"
        r"|ma-vr|maandag-vrijdag)\s*\)?",
        DayKind.MON_FRI,
    ),
]

_SPACES = re.compile(r"\s+")
_PLAIN = str.maketrans({"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "–": "-",
                        "—": "-", "\u00a0": " ", "\u202f": " "})  # fmt: skip


def normalise(text: str) -> str:
    """Plain quotes, dashes and single spaces; the printed text otherwise unchanged."""
    return _SPACES.sub(" ", text.translate(_PLAIN)).strip()


def fold(text: str) -> str:
    """Lower case without accents, the same length as `text` (one character for one)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[:1].lower() or ch
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def number(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def ordinal(word: str) -> int:
    word = word.strip()
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else ORDINAL_WORDS[word]
