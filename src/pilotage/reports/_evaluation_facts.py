"""What the evaluation's data says in words, in the reader's language: how a clock's due date is
counted, and what a register entry (art. 50, art. 51) says.

The core keeps them as data (`Clock.counted`, `DraftItem.facts`) and an English sentence for
the CLI; a page and its pack word that data here, so a French or Dutch reader reads neither a
line of English nor a word retyped. A clock or an item frozen before the data existed (it has
no `counted` or `facts`) keeps its English sentence, as it was sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from pilotage.evaluation import DraftItem, FactKind
from pilotage.reports._evaluation_words import status_word
from pilotage.reports._words import language_of

__all__ = ["COUNTED_WORDS", "counted_text", "fact_lines"]

# English key -> (French, Dutch): the fixed phrases, the units counted and the facts' labels.
COUNTED_WORDS: Mapping[str, tuple[str, str]] = {
    "art. 49: the draft of %(year)s by %(day)s (a fixed day, not moved)": (
        "art. 49 : le projet de %(year)s au plus tard le %(day)s (jour fixe, non reporté)",
        "art. 49: het ontwerp van %(year)s uiterlijk op %(day)s (vaste dag, niet verschoven)",
    ),
    "calendar agreed on %(agreed_on)s: the draft by %(day)s": (
        "calendrier convenu le %(agreed_on)s : le projet au plus tard le %(day)s",
        "kalender overeengekomen op %(agreed_on)s: het ontwerp uiterlijk op %(day)s",
    ),
    "%(count)s %(unit)s after %(from)s (that day not counted, the last one counted): %(counted)s": (
        "%(count)s %(unit)s après le %(from)s (ce jour non compté, le dernier compté) : "
        "%(counted)s",
        "%(count)s %(unit)s na %(from)s (die dag niet meegeteld, de laatste wel): %(counted)s",
    ),
    "not counted, a holiday: %(days)s": (
        "non compté, jour férié : %(days)s",
        "niet meegeteld, feestdag: %(days)s",
    ),
    "the last day is a Saturday, a Sunday or a holiday, so the due date moves to %(day)s, "
    "after %(days)s (Judicial Code art. 53)": (
        "le dernier jour est un samedi, un dimanche ou un jour férié : l'échéance est reportée "
        "au %(day)s, après %(days)s (Code judiciaire, art. 53)",
        "de laatste dag is een zaterdag, zondag of feestdag: de vervaldag wordt verplaatst naar "
        "%(day)s, na %(days)s (Gerechtelijk Wetboek, art. 53)",
    ),
    "as given": ("telle que fixée", "zoals vastgelegd"),
    "working_days_mon_sat": (
        "jours ouvrables (lundi-samedi, hors jours fériés)",
        "werkdagen (maandag-zaterdag, zonder feestdagen)",
    ),
    "working_days_mon_fri": (
        "jours ouvrés (lundi-vendredi, hors jours fériés)",
        "werkdagen (maandag-vrijdag, zonder feestdagen)",
    ),
    "calendar_days": ("jours calendrier", "kalenderdagen"),
    "months": ("mois", "maanden"),
    "Saturday": ("samedi", "zaterdag"),
    "Sunday": ("dimanche", "zondag"),
    # the facts of a register entry: labels
    "Source": ("Source", "Bron"),
    "Decided on": ("Décidé le", "Beslist op"),
    "Affects": ("Objectifs concernés", "Betrokken doelstellingen"),
    "Estimated effect": ("Effet estimé", "Geschat effect"),
    "Estimated effect (cases)": ("Effet estimé (dossiers)", "Geschat effect (dossiers)"),
    "Estimated effect (FTE)": ("Effet estimé (ETP)", "Geschat effect (VTE)"),
    "Estimated effect (days)": ("Effet estimé (jours)", "Geschat effect (dagen)"),
    "Impact communicated on": ("Impact communiqué le", "Impact meegedeeld op"),
    "Neutralised from": ("Neutralisé à partir du", "Geneutraliseerd vanaf"),
    "Neutralised to": ("Neutralisé jusqu'au", "Geneutraliseerd tot"),
    "Given by": ("Notifiée par", "Gemeld door"),
    "Given on": ("Notifiée le", "Gemeld op"),
    "Acknowledged on": ("Accusé de réception le", "Ontvangst bevestigd op"),
    "Remedial measures": ("Mesures correctrices", "Herstelmaatregelen"),
    "Stage": ("Stade", "Stadium"),
    # the facts of a register entry: the codes of their values
    "law": ("loi", "wet"),
    "royal_decree": ("arrêté royal", "koninklijk besluit"),
    "ministerial_decision": ("décision ministérielle", "ministeriële beslissing"),
    "other": ("autre", "andere"),
    "institution": ("l'institution", "de instelling"),
    "state": ("l'État (les commissaires du gouvernement)", "de Staat (de regeringscommissarissen)"),
    "not_estimated": ("non estimé", "niet geschat"),
    "not_communicated": ("non communiqué", "niet meegedeeld"),
    "not_acknowledged": ("pas encore", "nog niet"),
    "none_agreed": ("aucune convenue à ce jour", "nog geen overeengekomen"),
}
_ENGLISH = {
    "working_days_mon_sat": "working days (Monday-Saturday, holidays excepted)",
    "working_days_mon_fri": "working days (Monday-Friday, holidays excepted)",
    "calendar_days": "calendar days",
    "institution": "the institution",
    "state": "the State (the government commissioners)",
    "royal_decree": "royal decree",
    "ministerial_decision": "ministerial decision",
    "not_estimated": "not estimated",
    "not_communicated": "not communicated",
    "not_acknowledged": "not yet",
    "none_agreed": "none agreed yet",
}


def _word(key: str, language: str | None, **values: object) -> str:
    lang = language_of(language)
    if lang == "en":
        text = _ENGLISH.get(key, key)
    elif key in COUNTED_WORDS:
        fr, nl = COUNTED_WORDS[key]
        text = fr if lang == "fr" else nl
    else:
        return status_word(key, language)  # a stage, a status: the pages' and packs' word
    return text % values if values else text


def _days(days: Sequence[Sequence[str]], language: str | None) -> str:
    """["2015-04-06", "Lundi de Pâques", "Paasmaandag"] ... as "2015-04-06 (Lundi de Pâques)"."""
    lang = language_of(language)
    said = []
    for iso, fr, nl in days:
        name = nl if lang == "nl" else fr if lang == "fr" else (fr if fr == nl else f"{fr} / {nl}")
        if name:
            said.append(f"{iso} ({name})")
        else:
            weekday = _weekday(iso)
            said.append(f"{_word(weekday, language)} {iso}" if weekday else iso)
    return ", ".join(said)


def _weekday(iso: str) -> str | None:
    day = dt.date.fromisoformat(iso).weekday()
    return {5: "Saturday", 6: "Sunday"}.get(day)


def counted_text(clock: Mapping[str, Any], language: str | None) -> str:
    """How the due date of `clock` (`Clock.as_dict()`) is counted, in `language`."""
    counted = clock.get("counted") or {}
    kind = counted.get("kind")
    if kind == "fixed":
        return _word(
            "art. 49: the draft of %(year)s by %(day)s (a fixed day, not moved)",
            language,
            year=counted["year"],
            day=counted["day"],
        )
    if kind == "agreed":
        return _word(
            "calendar agreed on %(agreed_on)s: the draft by %(day)s",
            language,
            agreed_on=counted["agreed_on"],
            day=counted["day"],
        )
    if kind == "given":
        return _word("as given", language)
    if kind == "waiting":
        return ""
    if kind != "counted":
        return str(clock.get("basis") or "")  # frozen before the data: as it was sent
    parts = [
        _word(
            "%(count)s %(unit)s after %(from)s (that day not counted, the last one counted): "
            "%(counted)s",
            language,
            count=counted["count"],
            unit=_word(counted["unit"], language),
            **{"from": counted["from"], "counted": counted["counted"]},
        )
    ]
    if counted.get("not_counted"):
        parts.append(
            _word(
                "not counted, a holiday: %(days)s",
                language,
                days=_days(counted["not_counted"], language),
            )
        )
    if counted.get("moved_over"):
        parts.append(
            _word(
                "the last day is a Saturday, a Sunday or a holiday, so the due date moves to "
                "%(day)s, after %(days)s (Judicial Code art. 53)",
                language,
                day=counted["day"],
                days=_days(counted["moved_over"], language),
            )
        )
    return "; ".join(parts)


def fact_lines(item: DraftItem, language: str | None) -> tuple[tuple[str, str], ...]:
    """What a register entry says, as (label, value) lines in `language`; an item frozen
    before its facts were kept gives its English detail as one line without a label."""
    if not item.facts:
        return (("", item.detail),) if item.detail else ()
    lines = []
    for fact in item.facts:
        value = _word(fact.value, language) if fact.kind is FactKind.WORD else fact.value
        lines.append((_word(fact.label, language), value))
    return tuple(lines)
