"""The review report measures coverage: what was found per chapter, each paragraph that
prints a figure and gave no fact, the low-confidence readings and the guesses."""

from __future__ import annotations

import json

from pilotage.reading import FindingKind

from .conftest import draft_of

DOCUMENT = """
Entre l'Etat belge, représenté par Monsieur Jean DUPONT, Ministre des Affaires sociales, et
l'Office national de l'Emploi, représenté par Monsieur Georges CARLENS, administrateur général,
il est convenu ce qui suit, pour la période du 1er janvier 2010 au 31 décembre 2012 :
CHAPITRE Ier. - Paiements
Art. 1er. L'Office paie les allocations dans le mois pour 90 % des dossiers.
Art. 2. Les paiements électroniques représentent déjà 60 % des paiements.
CHAPITRE II. - Informatique
Art. 3. Le nouveau système sera en production pour le 30 juin 2011.
Art. 4. Le système actuel date de la loi du 21 mars 1991 et traite 12.000 dossiers par jour.
"""


def test_unread_paragraphs_and_counts_per_chapter() -> None:
    draft = draft_of(DOCUMENT)
    report = draft.report
    unread = report.of_kind(FindingKind.UNREAD)
    assert [(f.line, f.message) for f in unread] == [
        (6, "prints '60 %' but gave no fact"),
    ]
    assert unread[0].text is not None
    assert unread[0].text.startswith("Art. 2.")
    assert report.chapters == {
        "CHAPITRE I": {"norms": 1, "unread": 1},
        "CHAPITRE II": {"actions": 1},
    }
    assert report.counts["unread_paragraphs"] == 1


def test_the_report_says_what_was_read_and_how_surely() -> None:
    plain = json.loads(draft_of(DOCUMENT).report.to_json())
    identity = plain["identity"]
    assert identity["institution"] == "ONEM"
    assert identity["institution_confidence"] == "high"
    assert identity["period"] == "2010-01-01..2012-12-31"
    assert identity["period_read_as"] == "dates"
    assert identity["language"] == "fr"
    assert plain["chapters"]["CHAPITRE II"] == {"actions": 1}


def test_a_low_confidence_institution_and_language_are_reported() -> None:
    draft = draft_of(
        """
        Art. 1er. Le rapport est transmis pour le 30 juin 2011 par l'ONEM.
        """
    )
    low = " ".join(f.message for f in draft.report.of_kind(FindingKind.LOW_CONFIDENCE))
    assert "institution ONEM (low confidence)" in low
    assert "the language (fr) is read on weak evidence" in low


def test_every_fact_keeps_its_line() -> None:
    contract = draft_of(DOCUMENT).contract
    assert contract is not None
    sources = [a.source for a in contract.articles]
    sources += [i.source for a in contract.articles for i in a.result_indicators]
    sources += [n.source for a in contract.articles for i in a.result_indicators for n in i.norms]
    sources += [x.source for a in contract.articles for x in a.actions]
    assert sources
    assert all(s is not None and s.line for s in sources)
