"""Every string a report pack (and the figure cells the pages share) writes, in FR, NL and EN.

A plain-Python catalogue rather than gettext: the core has no Django and no global "current
language" (a server renders a French and a Dutch pack at the same time, each asks for its own
language explicitly), nothing is compiled or installed beside the code, and a test checks that
every message has both official languages. The key is the English text, as a gettext msgid
would be; the French and Dutch wording of the figure cells is the web application's, word for
word, so that a page and a pack print a figure identically.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "MESSAGES", "language_of", "say"]

LANGUAGES = ("fr", "nl", "en")

# English key -> (French, Dutch). `%(name)s` placeholders are filled by `say`.
MESSAGES: Mapping[str, tuple[str, str]] = {
    # --- figure cells (the dashboard pages' wording) ---
    "met": ("atteint", "behaald"),
    "not met": ("non atteint", "niet behaald"),
    "caveat applies": ("sous réserve", "onder voorbehoud"),
    "no norm": ("pas de norme", "geen norm"),
    "no target (trend)": ("pas de cible (tendance)", "geen streefwaarde (trend)"),
    "no data": ("pas de données", "geen gegevens"),
    "(pro rata of %(target)s per %(per)s)": (
        "(au prorata de %(target)s par %(per)s)",
        "(pro rata van %(target)s per %(per)s)",
    ),
    "not measured in this period": (
        "non mesuré pour cette période",
        "niet gemeten in deze periode",
    ),
    "%(n)s ended late, %(o)s overdue": (
        "clôturés en retard : %(n)s, hors délai : %(o)s",
        "%(n)s laattijdig afgesloten, %(o)s buiten termijn",
    ),
    # --- a norm described (reports/_norm_words.py) ---
    "within 1 calendar day": ("dans le jour calendrier", "binnen 1 kalenderdag"),
    "within %(n)s calendar days": (
        "dans les %(n)s jours calendrier",
        "binnen %(n)s kalenderdagen",
    ),
    "within 1 working day (Monday to Saturday)": (
        "dans le jour ouvrable (lundi à samedi)",
        "binnen 1 werkdag (maandag tot zaterdag)",
    ),
    "within %(n)s working days (Monday to Saturday)": (
        "dans les %(n)s jours ouvrables (lundi à samedi)",
        "binnen %(n)s werkdagen (maandag tot zaterdag)",
    ),
    "within 1 working day (Monday to Friday)": (
        "dans le jour ouvré (lundi à vendredi)",
        "binnen 1 werkdag (maandag tot vrijdag)",
    ),
    "within %(n)s working days (Monday to Friday)": (
        "dans les %(n)s jours ouvrés (lundi à vendredi)",
        "binnen %(n)s werkdagen (maandag tot vrijdag)",
    ),
    "within 1 month": ("dans le mois", "binnen 1 maand"),
    "within %(n)s months": ("dans les %(n)s mois", "binnen %(n)s maanden"),
    "(days elapsed)": ("(jours écoulés)", "(verstreken dagen)"),
    "(Judicial Code)": ("(Code judiciaire)", "(Gerechtelijk Wetboek)"),
    "by %(date)s each year": (
        "au plus tard le %(date)s de chaque année",
        "uiterlijk op %(date)s van elk jaar",
    ),
    "by the end of the month": ("pour la fin du mois", "tegen het einde van de maand"),
    "by the end of the quarter": ("pour la fin du trimestre", "tegen het einde van het kwartaal"),
    "by the end of the semester": ("pour la fin du semestre", "tegen het einde van het semester"),
    "by the end of the year": ("pour la fin de l'année", "tegen het einde van het jaar"),
    "(moved to the next working day)": (
        "(reporté au jour ouvrable suivant)",
        "(verschoven naar de volgende werkdag)",
    ),
    "for %(category)s": ("pour %(category)s", "voor %(category)s"),
    "from %(event)s": ("à partir de %(event)s", "vanaf %(event)s"),
    "trend: increasing": ("tendance : à la hausse", "trend: stijgend"),
    "trend: decreasing": ("tendance : à la baisse", "trend: dalend"),
    "trend: stable": ("tendance : stable", "trend: stabiel"),
    "per month": ("par mois", "per maand"),
    "per quarter": ("par trimestre", "per kwartaal"),
    "per semester": ("par semestre", "per semester"),
    "per year": ("par an", "per jaar"),
    "over the contract": ("sur la durée du contrat", "over de looptijd van de overeenkomst"),
    "days": ("jours", "dagen"),
    ": ": (" : ", ": "),
    # the period a yearly target is given per ("pro rata of 90 per year")
    "year": ("an", "jaar"),
    "quarter": ("trimestre", "kwartaal"),
    "month": ("mois", "maand"),
    "semester": ("semestre", "semester"),
    "contract": ("contrat", "overeenkomst"),
    # --- column headers of a pack ---
    "Objective": ("Objectif", "Doelstelling"),
    "Norm": ("Norme", "Norm"),
    "Value": ("Valeur", "Waarde"),
    "Target": ("Cible", "Streefwaarde"),
    "Status": ("Statut", "Status"),
    "Period": ("Période", "Periode"),
    "Num. / den.": ("Num. / dén.", "Teller / noemer"),
    "Median / p90 (days)": ("Médiane / p90 (jours)", "Mediaan / p90 (dagen)"),
    "Backlog / overdue": ("En cours / hors délai", "Lopend / buiten termijn"),
    "Figures": ("Mesures", "Metingen"),
    "Source": ("Source", "Bron"),
    # --- the dashboard pack ---
    "Quarterly dashboard %(period)s": (
        "Tableau de bord trimestriel %(period)s",
        "Driemaandelijkse boordtabel %(period)s",
    ),
    "Dashboard %(period)s": ("Tableau de bord %(period)s", "Boordtabel %(period)s"),
    "Service %(code)s — %(name)s": ("Service %(code)s — %(name)s", "Dienst %(code)s — %(name)s"),
    "Contract": ("Contrat", "Overeenkomst"),
    "Institution": ("Institution", "Instelling"),
    "Contract period": ("Période du contrat", "Periode van de overeenkomst"),
    "Level": ("Niveau", "Niveau"),
    "institution": ("institution", "instelling"),
    "Scope": ("Portée", "Reikwijdte"),
    "the whole contract": ("l'ensemble du contrat", "de volledige overeenkomst"),
    "Published result set": ("Ensemble de résultats publié", "Gepubliceerde resultatenset"),
    "Issued on": ("Édité le", "Uitgegeven op"),
    "Contents": ("Table des matières", "Inhoudstafel"),
    "Summary": ("Synthèse", "Samenvatting"),
    "Figures per status": ("Mesures par statut", "Metingen per status"),
    "Common commitments": ("Engagements communs", "Gemeenschappelijke verbintenissen"),
    "Trend of %(code)s": ("Évolution de %(code)s", "Evolutie van %(code)s"),
    "value per period (solid line) against the target (dashed line)": (
        "valeur par période (trait plein) face à la cible (trait pointillé)",
        "waarde per periode (volle lijn) tegenover de streefwaarde (stippellijn)",
    ),
    "Source: %(source)s": ("Source : %(source)s", "Bron: %(source)s"),
    "no published result set holds this period": (
        "aucun ensemble de résultats publié ne contient cette période",
        "geen gepubliceerde resultatenset bevat deze periode",
    ),
    "result set %(id)s, version %(version)s (%(periods)s), computed %(computed)s, "
    "as of %(as_of)s, import batches %(batches)s": (
        "ensemble de résultats %(id)s, version %(version)s (%(periods)s), calculé le "
        "%(computed)s, situation au %(as_of)s, lots d'importation %(batches)s",
        "resultatenset %(id)s, versie %(version)s (%(periods)s), berekend op "
        "%(computed)s, peildatum %(as_of)s, importbatches %(batches)s",
    ),
    "result set %(id)s v%(version)s": (
        "ensemble %(id)s v%(version)s",
        "set %(id)s v%(version)s",
    ),
    "Versions cited": ("Versions citées", "Geciteerde versies"),
    "Contract version": ("Version du contrat", "Versie van de overeenkomst"),
    "%(id)s, SHA-256 %(sha)s": ("%(id)s, SHA-256 %(sha)s", "%(id)s, SHA-256 %(sha)s"),
    "Contract footnote %(n)s: %(text)s": (
        "Note %(n)s du contrat : %(text)s",
        "Voetnoot %(n)s van de overeenkomst: %(text)s",
    ),
    "Page": ("Page", "Pagina"),
    "DEMONSTRATION DATA: synthetic cases generated by pilotage, no real person": (
        "DONNÉES DE DÉMONSTRATION : dossiers fictifs générés par pilotage, aucune personne réelle",
        "DEMONSTRATIEGEGEVENS: fictieve dossiers gegenereerd door pilotage, geen echte persoon",
    ),
    "The figures are those of the published result set cited; a figure once published "
    "never changes. A status is read against the norm in force in the period; caveats of "
    "the contract are given as footnotes.": (
        "Les chiffres sont ceux de l'ensemble de résultats publié cité ; un chiffre publié ne "
        "change plus. Un statut se lit par rapport à la norme en vigueur pendant la période ; "
        "les réserves du contrat figurent en note de bas de page.",
        "De cijfers zijn die van de geciteerde gepubliceerde resultatenset; een gepubliceerd "
        "cijfer verandert niet meer. Een status geldt ten opzichte van de norm die in de "
        "periode van kracht is; de voorbehouden van de overeenkomst staan in voetnoot.",
    ),
    "Update the table of contents (F9) to show its page numbers.": (
        "Mettez à jour la table des matières (F9) pour afficher les numéros de page.",
        "Werk de inhoudstafel bij (F9) om de paginanummers te tonen.",
    ),
    # --- the change since the previous period ---
    "better": ("mieux", "beter"),
    "worse": ("moins bien", "slechter"),
    "unchanged": ("inchangé", "onveranderd"),
    "%(delta)s since %(period)s": ("%(delta)s depuis %(period)s", "%(delta)s sinds %(period)s"),
    "pt": ("pt", "ptn"),
}


def language_of(language: str | None) -> str:
    """One of LANGUAGES for a language code ("fr", "nl-be", "de" ...): English otherwise."""
    code = (language or "").lower()[:2]
    return code if code in LANGUAGES else "en"


def say(message: str, language: str | None, **values: object) -> str:
    """`message` (an English key of MESSAGES) in `language`, its placeholders filled."""
    lang = language_of(language)
    if lang == "en":
        text = message
    else:
        fr, nl = MESSAGES[message]
        text = fr if lang == "fr" else nl
    return text % values if values else text
