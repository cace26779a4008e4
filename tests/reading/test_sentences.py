"""Commitments written in sentences and deadlines written in words, in French and in Dutch,
placed where the document puts them and resolved against the contract's period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pilotage.contract import Contract, DeadlineForm, DelayUnit, IndicatorKind
from pilotage.reading import FindingKind, read_document
from pilotage.reading._due import read_due_facts
from pilotage.reading._targets import read_norm_facts

from .conftest import FIXTURES, draft_of

PREAMBLE_FR = """
Entre l'Etat belge, représenté par Monsieur Jean DUPONT, Ministre des Affaires sociales, et
l'Office national de l'Emploi, représenté par Monsieur Georges CARLENS, administrateur général,
il est convenu ce qui suit, pour la période du 1er janvier 2010 au 31 décembre 2012 :
"""
PREAMBLE_NL = """
Tussen de Belgische Staat, vertegenwoordigd door de heer Jan PEETERS, Minister van Sociale Zaken,
en de Rijksdienst voor Arbeidsvoorziening, vertegenwoordigd door de heer Georges CARLENS,
administrateur-generaal, wordt overeengekomen wat volgt, voor de periode van 1 januari 2010 tot
en met 31 december 2012:
"""
PERIOD = (dt.date(2010, 1, 1), dt.date(2012, 12, 31))


def _contract(body: str, dutch: bool = False) -> Contract:
    draft = draft_of((PREAMBLE_NL if dutch else PREAMBLE_FR) + body)
    assert draft.contract is not None, draft.report.findings
    return draft.contract


def _targets(sentence: str) -> list[tuple[str, str, int | None]]:
    (fact,) = read_norm_facts(sentence)
    return [(t.operator.value, str(t.value), year) for t, year in fact.targets]


# ---- norms in sentences ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "delay", "target"),
    [
        (
            "L'Office traite les demandes dans les 15 jours ouvrables pour au moins 90 % des "
            "dossiers.",
            (DelayUnit.WORKING_DAYS_MON_SAT, 15),
            ">= 90",
        ),
        (
            "Dans 80 % des cas, la décision est notifiée dans le mois.",
            (DelayUnit.MONTHS, 1),
            ">= 80",
        ),
        (
            "De Rijksdienst beslist binnen de 30 dagen in 90 % van de gevallen.",
            (DelayUnit.CALENDAR_DAYS, 30),
            ">= 90",
        ),
        (
            "De uitbetaling gebeurt binnen twee maanden voor ten minste 95 % van de dossiers.",
            (DelayUnit.MONTHS, 2),
            ">= 95",
        ),
        (
            "L'Office paie 95 % des allocations endéans les 10 jours ouvrés.",
            (DelayUnit.WORKING_DAYS_MON_FRI, 10),
            ">= 95",
        ),
    ],
)
def test_a_share_within_a_delay(sentence: str, delay: tuple[DelayUnit, int], target: str) -> None:
    (fact,) = read_norm_facts(sentence)
    assert fact.kind is IndicatorKind.TIMELINESS
    assert [(d.unit, d.value) for d in fact.delays] == [delay]
    ((found, year),) = fact.targets
    assert (f"{found.operator.value} {found.value}", year) == (target, None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Le taux de paiement électronique atteindra 75 % en 2010, 78 % en 2011 et 80 % en "
            "2012.",
            [(">=", "75", 2010), (">=", "78", 2011), (">=", "80", 2012)],
        ),
        (
            "Taux visé 2010 2011 2012 60 % 65 % 70 %",
            [(">=", "60", 2010), (">=", "65", 2011), (">=", "70", 2012)],
        ),
        (
            "Les IPSS s'engagent à offrir le télétravail à 30 % du personnel (2013-10%; "
            "2014-20%; 2015-30%).",
            [(">=", "10", 2013), (">=", "20", 2014), (">=", "30", 2015)],
        ),
        (
            "Het aandeel elektronische aangiften zal 75 % bedragen in 2010, 78 % in 2011 en 80 "
            "% in 2012.",
            [(">=", "75", 2010), (">=", "78", 2011), (">=", "80", 2012)],
        ),
    ],
)
def test_targets_per_year(sentence: str, expected: list[tuple[str, str, int]]) -> None:
    assert _targets(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Par année civile, au moins 4 réunions du réseau seront organisées.",
            (IndicatorKind.COUNT, ">=", "4"),
        ),
        (
            "Per jaar zullen ten minste 6 controles worden uitgevoerd.",
            (IndicatorKind.COUNT, ">=", "6"),
        ),
        (
            "Le délai moyen ne peut pas dépasser 0.13 minutes par vol.",
            (IndicatorKind.RESULT, "<=", "0.13"),
        ),
        (
            "L'Office vise à réduire de 5 % le nombre de dossiers en retard.",
            (IndicatorKind.RESULT, ">=", "5"),
        ),
    ],
)
def test_counts_bounds_and_results(sentence: str, expected: tuple[IndicatorKind, str, str]) -> None:
    (fact,) = read_norm_facts(sentence)
    ((target, _),) = fact.targets
    assert (fact.kind, target.operator.value, str(target.value)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "L'affiliation d'office représente plus de 75 % de toutes les affiliations.",
        "De elektronische aangifte vertegenwoordigt nu al 60 % van de aangiften.",
        "Le facteur environnemental est au moins 4 EPNdB pour la catégorie B.",
        "Le Ministre peut imposer une indemnité ne pouvant excéder 1 pour-cent du chiffre "
        "d'affaires.",
    ],
)
def test_a_figure_that_describes_is_no_norm(sentence: str) -> None:
    assert read_norm_facts(sentence) == []


# ---- deadlines in words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "form", "dates"),
    [
        (
            "Le rapport est transmis pour le 30 septembre 2010.",
            DeadlineForm.DATE,
            [dt.date(2010, 9, 30)],
        ),
        (
            "Une enquête est réalisée durant le deuxième trimestre 2011.",
            DeadlineForm.PERIOD,
            [dt.date(2011, 6, 30)],
        ),
        (
            "La migration sera terminée pour la fin 2012.",
            DeadlineForm.PERIOD,
            [dt.date(2012, 12, 31)],
        ),
        (
            "Au cours de la première année du contrat, un plan est établi.",
            DeadlineForm.PERIOD,
            [dt.date(2010, 12, 31)],
        ),
        (
            "D'ici la fin du contrat d'administration, le papier est supprimé.",
            DeadlineForm.DATE,
            [dt.date(2012, 12, 31)],
        ),
        (
            "Dans les six mois de l'entrée en vigueur du présent contrat, un plan est remis.",
            DeadlineForm.DATE,
            [dt.date(2010, 6, 30)],
        ),
        (
            "La feuille de route est transmise le 31 janvier 2011 au plus tard.",
            DeadlineForm.DATE,
            [dt.date(2011, 1, 31)],
        ),
        (
            "De Rijksdienst bezorgt het plan uiterlijk op 30 juni 2011.",
            DeadlineForm.DATE,
            [dt.date(2011, 6, 30)],
        ),
        (
            "Tegen eind 2011 wordt de termijn teruggebracht tot twee maanden.",
            DeadlineForm.PERIOD,
            [dt.date(2011, 12, 31)],
        ),
        (
            "In de loop van het tweede kwartaal van 2011 wordt een enquête gehouden.",
            DeadlineForm.PERIOD,
            [dt.date(2011, 6, 30)],
        ),
        (
            "Tijdens het tweede jaar van de overeenkomst wordt een audit uitgevoerd.",
            DeadlineForm.PERIOD,
            [dt.date(2011, 12, 31)],
        ),
        (
            "Tegen het einde van de bestuursovereenkomst is de aanvraag digitaal.",
            DeadlineForm.DATE,
            [dt.date(2012, 12, 31)],
        ),
    ],
)
def test_deadlines_in_words(sentence: str, form: DeadlineForm, dates: list[dt.date]) -> None:
    (fact,) = read_due_facts(sentence, PERIOD)
    assert fact.deadline is not None
    assert (fact.deadline.form, fact.deadline.dates) == (form, dates)
    assert fact.deadline.printed in sentence


def test_a_relative_deadline_without_a_period_stays_relative() -> None:
    (fact,) = read_due_facts("Au cours de la deuxième année du contrat, un plan est établi.", None)
    assert fact.deadline is not None
    assert fact.deadline.form is DeadlineForm.RELATIVE
    assert fact.deadline.offset is not None
    assert fact.deadline.offset.value == 24


@pytest.mark.parametrize(
    ("sentence", "yearly"),
    [
        ("Le rapport annuel parvient au Ministre au plus tard le 31 mai de chaque année.", (5, 31)),
        (
            "Pour la fin du premier trimestre de chaque année, le réseau établit un rapport.",
            (3, 31),
        ),
        ("Het jaarverslag wordt bezorgd uiterlijk op 31 maart van elk jaar.", (3, 31)),
    ],
)
def test_a_deadline_every_year(sentence: str, yearly: tuple[int, int]) -> None:
    (fact,) = read_due_facts(sentence, PERIOD)
    assert fact.yearly == yearly


@pytest.mark.parametrize(
    "sentence",
    [
        "Pour 2002, l'Office prend 60 % des décisions dans les trois mois.",
        "La rémunération est calculée pour l'année 2014 sur la base des prévisions.",
        "En 2014, le retard ne peut pas dépasser 0.13 minutes par vol.",
    ],
)
def test_a_year_of_reference_is_no_deadline(sentence: str) -> None:
    assert read_due_facts(sentence, PERIOD) == []


# ---- placed in the contract -------------------------------------------------------------------


def test_article_facts_fr() -> None:
    contract = _contract(
        """
        CHAPITRE Ier. - Paiement des allocations
        Art. 1er. L'Office paie les allocations dans les 15 jours ouvrables de la réception du
        dossier complet pour au moins 90 % des dossiers.
        Art. 2. L'Office remet au ministre un rapport d'évaluation pour le 30 septembre 2010.
        Art. 3. Le rapport annuel est transmis au plus tard le 31 mai de chaque année.
        """
    )
    one, two, three = contract.articles
    (indicator,) = one.result_indicators
    assert indicator.kind is IndicatorKind.TIMELINESS
    assert indicator.start_event == "reception_du_dossier_complet"
    (norm,) = indicator.norms
    assert (norm.valid.start, norm.valid.end) == PERIOD
    assert norm.source is not None
    assert norm.source.line is not None
    (action,) = two.actions
    assert action.deadline is not None
    assert action.deadline.dates == [dt.date(2010, 9, 30)]
    (yearly,) = three.result_indicators
    assert yearly.kind is IndicatorKind.MILESTONE
    assert [(d.month, d.day) for d in yearly.norms[0].delays] == [(5, 31)]


def test_article_facts_nl() -> None:
    contract = _contract(
        """
        HOOFDSTUK I. - Betaling van de uitkeringen
        Art. 1. De Rijksdienst betaalt de uitkeringen binnen de 15 werkdagen na ontvangst van het
        volledige dossier in ten minste 90 % van de dossiers.
        Art. 2. Het aandeel elektronische aanvragen zal 60 % bedragen in 2010, 65 % in 2011 en
        70 % in 2012.
        Art. 3. De Rijksdienst bezorgt de minister een verslag uiterlijk op 30 september 2010.
        """,
        dutch=True,
    )
    one, two, three = contract.articles
    assert one.result_indicators[0].start_event == "ontvangst_van_het_volledige_dossier"
    assert one.title.nl == "Betaling van de uitkeringen"
    norms = two.result_indicators[0].norms
    assert [(n.valid.start.year, n.target.value if n.target else None) for n in norms] == [
        (2010, Decimal(60)),
        (2011, Decimal(65)),
        (2012, Decimal(70)),
    ]
    assert three.actions[0].deadline is not None
    assert three.actions[0].text.nl is not None


def test_chapter_facts_in_a_document_without_articles() -> None:
    contract = _contract(
        """
        1 Paiement des allocations

        L'Office paie les allocations dans le mois pour 85 % des dossiers.

        2 Informatique

        La migration vers la nouvelle plate-forme sera terminée pour la fin 2011.
        """
    )
    assert [(a.number, a.title.text()) for a in contract.articles] == [
        ("1", "Paiement des allocations"),
        ("2", "Informatique"),
    ]
    assert contract.articles[1].actions[0].deadline is not None


def test_commitments_every_institution_shares_are_common_commitments() -> None:
    contract = _contract(
        """
        1 Synergies entre IPSS

        Chaque IPSS s'engage à offrir à au moins 30 % de ses collaborateurs la possibilité de
        télétravailler.

        Par année civile, au moins 4 réunions du réseau d'audit seront organisées.

        2 Paiements

        De OISZ verbinden zich ertoe 95 % van de facturen binnen de 30 dagen te betalen.
        """
    )
    assert not contract.articles
    codes = [c.code for c in contract.common_commitments]
    assert len(codes) == 3
    kinds = [c.indicator.kind for c in contract.common_commitments if c.indicator]
    assert kinds == [IndicatorKind.RESULT, IndicatorKind.COUNT, IndicatorKind.TIMELINESS]


def test_guesses_say_what_the_sentence_does_not() -> None:
    draft = draft_of(PREAMBLE_FR + "Art. 1er. L'Office traite 90 % des demandes dans les 30 jours.")
    (guess,) = [f for f in draft.report.of_kind(FindingKind.GUESS) if "indicator" in f.message]
    assert "from an event the sentence does not name" in guess.message
    assert guess.text is not None
    assert guess.text.startswith("L'Office traite 90 %")


# ---- tables of targets per year, deadline labels ------------------------------------------------


def test_a_table_of_targets_per_year_fr() -> None:
    contract = _contract(
        """

        1 Perception

        Indicateur Valeur de départ 2010 2011 2012
        Déclarations électroniques 85 % 88 % 90 % 92 %
        Paiements dans les 30 jours 70 % 75 % 80 % 85 %
        """
    )
    (article,) = contract.articles
    first, second = article.result_indicators
    assert first.baseline == Decimal(85)
    assert [(n.valid.start.year, n.target.value if n.target else None) for n in first.norms] == [
        (2010, Decimal(88)),
        (2011, Decimal(90)),
        (2012, Decimal(92)),
    ]
    assert second.kind is IndicatorKind.TIMELINESS
    assert [(d.unit, d.value) for d in second.norms[0].delays] == [(DelayUnit.CALENDAR_DAYS, 30)]


def test_a_table_of_targets_per_year_nl() -> None:
    contract = _contract(
        """

        1 Inning

        Indicator 2010 2011 2012
        Elektronische aangiften 70 % 75 % 80 %
        """,
        dutch=True,
    )
    (indicator,) = contract.articles[0].result_indicators
    assert [n.target.value for n in indicator.norms if n.target] == [70, 75, 80]
    assert indicator.name.nl == "Elektronische aangiften 70 % 75 % 80 %"


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Échéance : 31/12/2011", None),
        ("Timing : T4 2011", "2011-Q4"),
        ("Deadline: Q2 2012", "2012-Q2"),
        ("Termijn : K3 2011", "2011-Q3"),
        ("Échéance : S1 2012", "2012-S1"),
        ("Einddatum: 30 juni 2012", None),
        ("L'application sera en production au plus tard en T2 2011.", "2011-Q2"),
    ],
)
def test_deadlines_after_a_label_and_quarters(sentence: str, period: str | None) -> None:
    (fact,) = read_due_facts(sentence, PERIOD)
    assert fact.deadline is not None
    assert fact.deadline.periods == ([period] if period else [])
    assert fact.deadline.dates


@pytest.mark.parametrize(
    ("sentence", "printed", "value"),
    [
        (
            "Les IPSS s'engagent à tendre vers une représentativité d'un tiers du genre "
            "sous-représenté.",
            "un tiers",
            Decimal("33.33"),
        ),
        ("Les IPSS s'engagent à ouvrir la moitié des emplois vacants.", "la moitié", Decimal(50)),
        ("De OISZ verbinden zich ertoe de helft van de vacatures open te stellen.", "de helft", 50),
    ],
)
def test_a_share_in_words(sentence: str, printed: str, value: Decimal) -> None:
    (fact,) = read_norm_facts(sentence)
    ((target, _),) = fact.targets
    assert (fact.printed, target.value, target.unit.value) == (printed, value, "percent")


@pytest.mark.parametrize(("name", "language"), [("modern-fr.txt", "fr"), ("modern-nl.txt", "nl")])
def test_a_contract_of_the_word_export_form(name: str, language: str) -> None:
    draft = read_document(FIXTURES / name)
    contract = draft.contract
    assert contract is not None
    assert (contract.id[-9:], contract.languages[0].value) == ("2016-2018", language)
    assert [x.value for x in contract.languages] == [language, "nl" if language == "fr" else "fr"]
    assert (contract.signed_at, contract.signed_on) in {
        ("Bruxelles", dt.date(2015, 12, 21)),
        ("Brussel", dt.date(2015, 12, 21)),
    }
    assert [len(p.signatories) for p in contract.parties] == [2, 2]
    first, second = contract.articles
    assert first.number == "2.1"
    assert first.result_indicators[0].kind is IndicatorKind.TIMELINESS
    assert second.actions[0].deadline is not None
    assert second.actions[0].deadline.dates == [dt.date(2017, 12, 31)]
    yearly = second.result_indicators[0].norms
    assert [(n.valid.start.year, n.target.value if n.target else None) for n in yearly] == [
        (2016, 80),
        (2017, 85),
        (2018, 90),
    ]
    budget = contract.budget
    assert budget is not None
    assert budget.lines[0].amounts == dict.fromkeys([2016, 2017, 2018], Decimal(350_000_000))
    assert draft.report.counts["unread_paragraphs"] == 0
