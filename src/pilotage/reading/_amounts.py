"""Amounts of money in sentences: what the budget gives in running text.

    Enabel dispose d'une enveloppe annuelle moyenne de 210 millions d'euros.
    L'Etat octroie à skeyes une subvention de 2,745 millions d'euros ... au plus tard le
    31 décembre 2022.
    un montant de 500.000 euros / 1.524.236 euros / EUR 5 millions / 1 524 236 EUR
    De Rijksdienst beschikt over een dotatie van 12,5 miljoen euro voor 2020.

An amount is a budget allocation when the sentence grants or fixes it ("dispose", "octroie",
"alloue", "enveloppe", "dotation", "subvention", "crédits", "beschikt over", "kent toe",
"dotatie", "krediet"); a threshold ("plus de", "au-delà de", "meer dan") is not. Its year is the
one the sentence names (or its deadline's); "annuel" / "par an" / "jaarlijks" applies it to every
year of the contract; an amount for the whole term is kept as a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["AMOUNT", "AmountFact", "parse_amount", "read_amount_facts"]

_NUM = r"\d{1,3}(?:[.\s\u202f]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"milliards?|miljard|Milliarden?|millions?|miljoen|Millionen?|Mio\.?|milliers?|duizend"
AMOUNT = re.compile(
    rf"(?P<n>{_NUM})\s*(?P<scale>{_SCALE})?\s*(?:d['’]\s*|de\s+)?(?P<cur>euros?|EUR|€)(?![\w])"
    rf"|(?P<cur2>EUR|€)\s*(?P<n2>{_NUM})\s*(?P<scale2>{_SCALE})?",
    re.IGNORECASE,
)
_SCALES = {"milliard": 10**9, "miljard": 10**9, "million": 10**6, "miljoen": 10**6, "mio": 10**6,
           "millier": 10**3, "duizend": 10**3}  # fmt: skip
_GRANTS = re.compile(
    r"\b(?:dispose|disposera|octroi\w*|allou\w*|accord\w*|enveloppe|dotation|subvention|"
    r"crédits?|budget|prêt|est fixée?|sont fixés|s['’]élève|versée?|inscrits?|financ\w*|"
    r"beschikt|beschikken|kent|toegekend|toegewezen|enveloppe|dotatie|toelage|subsidie|"
    r"kredieten|krediet|begroting|lening|wordt vastgesteld|bedraagt|verfügt|Zuschuss|Dotation)\b",
    re.IGNORECASE,
)
_THRESHOLD = re.compile(
    r"(?:plus de|supérieure? à|au-delà d[e']|dépass\w+|atteignant|à partir de|excédant|meer dan|"
    r"hoger dan|boven|vanaf|mehr als|über)\s*(?:un montant (?:cumulé )?de\s*)?$",
    re.IGNORECASE,
)
_YEARLY = re.compile(
    r"\bannuel(?:le)?s?\b|par an\b|par année|chaque année|jaarlijks|per jaar|elk jaar|"
    r"jährlich|pro Jahr",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"pour (?:les|la) (?:\w+ )?(?:années|durée) du (?:présent )?contrat|durant les \w+ années|"
    r"pendant la durée|voor de duur van|gedurende de looptijd|voor de \w+ jaren",
    re.IGNORECASE,
)
_YEAR_OF = re.compile(
    r"(?:en|pour|in|voor|pour l['’]année|pour l['’]exercice|voor het jaar|het jaar|"
    r"l['’]exercice|im Jahr)\s+(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"(?P<label>(?:[\wà-ÿ'’-]+\s+){0,5}?[\wà-ÿ'’-]+)\s+(?:de|d['’]|van|ten belope van|"
    r"à concurrence de|in Höhe von)\s*$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(
    r"^(?:une?|la|le|les|des|d['’]une?|l['’]\w*|een|het|de|die|der|den|das|ein|eine)$", re.I
)


def _label(before: str) -> str:
    """The noun the amount is "of": "une subvention de" -> "subvention"."""
    match = _LABEL.search(before[-90:])
    if not match:
        return ""
    words = match.group("label").split()
    cut = max((i for i, w in enumerate(words) if _DETERMINER.match(w)), default=-1)
    kept = words[cut + 1 :] if cut + 1 < len(words) else words[-1:]
    return " ".join(kept)


def parse_amount(number: str, scale: str | None) -> Decimal:
    """ "1.524.236" -> 1524236; "2,745" millions -> 2745000; "1 524 236" -> 1524236."""
    text = re.sub(r"[\s\u202f]", "", number)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    value = Decimal(text)
    if scale:
        key = scale.lower().rstrip(".s")
        factor = next((f for word, f in _SCALES.items() if key.startswith(word[:6])), 1)
        value *= factor
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


@dataclass
class AmountFact:
    printed: str
    amount: Decimal
    label: str
    years: list[int] | None  # None: every year of the contract ("annuel")
    whole_term: bool
    position: int
    allocation: bool


def read_amount_facts(sentence: str, deadline_years: list[int]) -> list[AmountFact]:
    """The amounts a sentence prints, each with its year(s) and whether it is an allocation."""
    out: list[AmountFact] = []
    grants = bool(_GRANTS.search(sentence))
    for match in AMOUNT.finditer(sentence):
        number = match.group("n") or match.group("n2")
        scale = match.group("scale") or match.group("scale2")
        try:
            amount = parse_amount(number, scale)
        except ArithmeticError:
            continue
        before = sentence[: match.start()]
        label = _label(before)
        year = _YEAR_OF.search(sentence)
        years: list[int] | None
        if _YEARLY.search(sentence[max(0, match.start() - 60) : match.end() + 30]):
            years = None
        elif year:
            years = [int(year.group("y"))]
        elif deadline_years:
            years = sorted(set(deadline_years))[:1]
        else:
            years = []
        out.append(
            AmountFact(
                printed=match.group(0).strip(),
                amount=amount,
                label=label.strip(),
                years=years,
                whole_term=bool(_TERM.search(sentence)),
                position=match.start(),
                allocation=grants and not _THRESHOLD.search(before[-40:]),
            )
        )
    return out


_BOUND = re.compile(
    r"(?:maximum|au maximum|minimum|au moins|au plus|pas inférieure? à|pas supérieure? à|"
    r"ne (?:peut|pourra) (?:pas )?dépasser|ten minste|minstens|maximaal|hoogstens|ten hoogste|"
    r"niet meer dan|niet minder dan|höchstens|mindestens)\s*(?:de\s+|à\s+|van\s+)?$",
    re.IGNORECASE,
)


def is_bound(sentence: str, fact: AmountFact) -> bool:
    """ "un montant annuel de maximum 3,3 millions": a ceiling or a floor, not an allocation."""
    return bool(_BOUND.search(sentence[: fact.position][-40:]))
