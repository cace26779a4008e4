"""Every string the evaluation pack writes, and the words of the cells the evaluation pages share.

The key is the English text. Where the evaluation pages have the same message in their own
catalogue (`pilotage/web/evaluation/locale`), the French and Dutch wording is that catalogue's,
word for word (a test compares them), so that a page and its pack read the same. The statuses
and assessments are written here once, for the pages and the packs alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from pilotage.reports._figures import _STATUS_WORDS as FIGURE_STATUS_WORDS
from pilotage.reports._words import language_of

__all__ = ["WORDS", "status_word", "word"]

WORDS: Mapping[str, tuple[str, str]] = {
    # --- the words the evaluation pages have too (their catalogue's wording) ---
    "draft evaluation": ("projet d'évaluation", "ontwerpevaluatie"),
    "contradictory report": ("rapport contradictoire", "tegensprekelijk verslag"),
    "The institution's position": (
        "Le point de vue de l'institution",
        "Het standpunt van de instelling",
    ),
    "The commissioners' position": (
        "Le point de vue des commissaires",
        "Het standpunt van de commissarissen",
    ),
    "No agreement: both points of view are presented (art. 47).": (
        "Pas d'accord : les deux points de vue sont présentés (art. 47).",
        "Geen akkoord: beide standpunten worden weergegeven (art. 47).",
    ),
    "Agreed.": ("Accord.", "Akkoord."),
    "not written yet": ("pas encore rédigé", "nog niet geschreven"),
    "Indicator": ("Indicateur", "Indicator"),
    "Period": ("Période", "Periode"),
    "Norm": ("Norme", "Norm"),
    "Value": ("Valeur", "Waarde"),
    "Target": ("Cible", "Streefwaarde"),
    "Status": ("Statut", "Status"),
    "Cases": ("Dossiers", "Dossiers"),
    "Result set cited": ("Jeu de résultats cité", "Geciteerde resultatenset"),
    "Milestone": ("Jalon", "Mijlpaal"),
    "Due": ("Échéance", "Vervaldag"),
    "Done on": ("Fait le", "Gedaan op"),
    "Legal calendar (art. 49)": ("Calendrier légal (art. 49)", "Wettelijke kalender (art. 49)"),
    "Step": ("Étape", "Stap"),
    "Days left": ("Jours restants", "Resterende dagen"),
    "Late by (days)": ("Retard (jours)", "Vertraging (dagen)"),
    "How the due date is counted": ("Calcul de l'échéance", "Berekening van de vervaldag"),
    "draft sent": ("projet transmis", "ontwerp bezorgd"),
    "meeting held": ("réunion tenue", "vergadering gehouden"),
    "report sent": ("rapport transmis", "verslag bezorgd"),
    "late": ("en retard", "te laat"),
    "overdue": ("échéance dépassée", "vervallen"),
    "due": ("à faire", "te doen"),
    "waiting for the previous step": ("attend l'étape précédente", "wacht op de vorige stap"),
    "Sent on": ("Transmis le", "Bezorgd op"),
    "frozen: as sent": ("figé : tel que transmis", "bevroren: zoals bezorgd"),
    "not sent: being written": ("non transmis : en rédaction", "niet bezorgd: in opmaak"),
    "DEMONSTRATION DATA: an evaluation invented by pilotage to show the cycle; not a real "
    "evaluation": (
        "DONNÉES DE DÉMONSTRATION : une évaluation inventée par pilotage pour montrer le cycle ; "
        "pas une évaluation réelle",
        "DEMONSTRATIEGEGEVENS: een door pilotage verzonnen evaluatie om de cyclus te tonen; "
        "geen echte evaluatie",
    ),
    "result set %(id)s, version %(version)s (computed %(computed)s)": (
        "jeu de résultats %(id)s, version %(version)s (calculé le %(computed)s)",
        "resultatenset %(id)s, versie %(version)s (berekend op %(computed)s)",
    ),
    "demonstration data": ("données de démonstration", "demonstratiegegevens"),
    "Contract": ("Contrat", "Overeenkomst"),
    "Version": ("Version", "Versie"),
    "Motivation": ("Motivation", "Motivering"),
    "Author": ("Auteur", "Auteur"),
    "Narrative": ("Commentaire", "Toelichting"),
    # --- assessments and statuses (pages and packs) ---
    "met": ("atteint", "bereikt"),
    "partly met": ("partiellement atteint", "gedeeltelijk bereikt"),
    "not met": ("non atteint", "niet bereikt"),
    "neutralised (not weighed)": ("neutralisé (non pondéré)", "geneutraliseerd (niet gewogen)"),
    "caveat applies": ("sous réserve", "onder voorbehoud"),
    "no data": ("pas de données", "geen gegevens"),
    "no norm": ("pas de norme", "geen norm"),
    "no target (trend)": ("pas de cible (tendance)", "geen streefwaarde (trend)"),
    "done on time": ("réalisé dans les délais", "tijdig uitgevoerd"),
    "done late": ("réalisé en retard", "laattijdig uitgevoerd"),
    "open": ("en cours", "lopend"),
    "proposed for weighing": ("proposé à la pondération", "voorgesteld voor weging"),
    "recorded": ("enregistré", "geregistreerd"),
    "notified": ("notifiée", "gemeld"),
    "acknowledged": ("accusé de réception", "ontvangst bevestigd"),
    "remedial measures agreed": (
        "mesures correctrices convenues",
        "herstelmaatregelen overeengekomen",
    ),
    "conciliation": ("conciliation", "verzoening"),
    "submitted to the Council of Ministers": (
        "soumise au Conseil des ministres",
        "voorgelegd aan de Ministerraad",
    ),
    "closed": ("clôturée", "afgesloten"),
    # --- the pack only ---
    "Draft evaluation %(period)s": (
        "Projet d'évaluation %(period)s",
        "Ontwerpevaluatie %(period)s",
    ),
    "Contradictory and motivated report %(period)s": (
        "Rapport contradictoire et motivé %(period)s",
        "Tegensprekelijk en gemotiveerd verslag %(period)s",
    ),
    "Institution": ("Institution", "Instelling"),
    "Year evaluated": ("Année évaluée", "Geëvalueerd jaar"),
    "Steps": ("Étapes", "Stappen"),
    "Done by": ("Par", "Door"),
    "Objectives": ("Objectifs", "Doelstellingen"),
    "Actions and continuous missions": (
        "Actions et missions continues",
        "Acties en doorlopende opdrachten",
    ),
    "Art. 50 measures": ("Mesures art. 50", "Maatregelen art. 50"),
    "Art. 51 notices": ("Notifications art. 51", "Meldingen art. 51"),
    "Figures of %(code)s": ("Mesures de %(code)s", "Metingen van %(code)s"),
    "Milestones of %(code)s": ("Jalons de %(code)s", "Mijlpalen van %(code)s"),
    "Positions on %(code)s": ("Points de vue sur %(code)s", "Standpunten over %(code)s"),
    "value per period (solid line) against the target (dashed line)": (
        "valeur par période (trait plein) face à la cible (trait pointillé)",
        "waarde per periode (volle lijn) tegenover de streefwaarde (stippellijn)",
    ),
    "Published result set": ("Ensemble de résultats publié", "Gepubliceerde resultatenset"),
    "Contents": ("Table des matières", "Inhoudstafel"),
    "Versions cited": ("Versions citées", "Geciteerde versies"),
    "Page": ("Page", "Pagina"),
    "Update the table of contents (F9) to show its page numbers.": (
        "Mettez à jour la table des matières (F9) pour afficher les numéros de page.",
        "Werk de inhoudstafel bij (F9) om de paginanummers te tonen.",
    ),
    "Source: %(source)s": ("Source : %(source)s", "Bron: %(source)s"),
    "Calendar": ("Calendrier", "Kalender"),
    "The figures are locked to the result set they cite.": (
        "Les chiffres sont verrouillés sur le jeu de résultats qu'ils citent.",
        "De cijfers zijn vergrendeld op de resultatenset die ze citeren.",
    ),
    "version %(version)s, opened because: %(text)s": (
        "version %(version)s, ouverte pour : %(text)s",
        "versie %(version)s, geopend omdat: %(text)s",
    ),
}


def word(message: str, language: str | None, **values: object) -> str:
    """`message` (an English key of WORDS) in `language`, its placeholders filled."""
    lang = language_of(language)
    if lang == "en":
        text = message
    else:
        fr, nl = WORDS[message]
        text = fr if lang == "fr" else nl
    return text % values if values else text


# A status or assessment code -> the English key of its word.
_STATUS = {
    **FIGURE_STATUS_WORDS,
    "partly_met": "partly met",
    "neutralised": "neutralised (not weighed)",
    "done_on_time": "done on time",
    "done_late": "done late",
    "open": "open",
    "proposed_for_weighing": "proposed for weighing",
    "recorded": "recorded",
    "notified": "notified",
    "acknowledged": "acknowledged",
    "measures_agreed": "remedial measures agreed",
    "conciliation": "conciliation",
    "contradictory_report": "contradictory report",
    "council_of_ministers": "submitted to the Council of Ministers",
    "closed": "closed",
    # clocks
    "late": "late",
    "overdue": "overdue",
    "due": "due",
    "waiting": "waiting for the previous step",
}


def status_word(code: str, language: str | None) -> str:
    """A status, an assessment or a clock's state in `language` (the code itself if unknown)."""
    key = _STATUS.get(code)
    return word(key, language) if key else code
