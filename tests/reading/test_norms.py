"""Norm tables: every row, including the hard cells, and the kinds the cells imply."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pilotage.contract import DelayUnit, IndicatorKind, Operator, PeriodKind, TargetUnit, Validity
from pilotage.reading import FindingKind, ReviewReport
from pilotage.reading._keytasks import read_key_task_blocks
from pilotage.reading._norms import parse_cells, read_norm_tables
from pilotage.reading._services import build_services

from .conftest import outline

PERIOD = Validity(start=dt.date(2019, 1, 1), end=dt.date(2020, 12, 31))

VOB = """
1 Normalisation

TC Description OO 2019-2020
T-(d)

2019-2020
%

VOB 1 2 Détermination de l'assujettissement des
personnes physiques résidentes

VOB 1-01 60 70%

VOB 3 3 Assimilation d'études et de service militaire VOB 3-01 120 75%

__

2 Rekening houdend met het in productie gaan van de nieuwe informaticatoepassing Sequoia VOB op 1
januari 2020 zal de doelstelling VOB 1-01 niet gehaald worden voor het tweede semester van 2019.
3 Gezien de toegenomen complexiteit van de dossiers werd de norm verlaagd tot 75%, wat op zich al
een hele uitdaging zal zijn.
"""

HARD = """
1 Normalisation

Tâche clé P2P-1

Perception de la Cotisation Wijninckx/P2P

Objectif(s) opérationnel(s) P2P 1-01 Gestion, dans les délais, de l'encaissement des
cotisations

Indicateur(s) P2P 1-01 taux d'encaissement annuel － 80%

TC Description OO 2019-2020
T (d)

2019-2020
%

Nombre

SOVCNH 1 Envoi d'avis d'échéance indiquant la
cotisation correcte

SOVCNH 1-01 31 mai 95%

SOVCNH 2 Perception des cotisations de sociétés
affiliées à la CNH

SOVCNH 2-01 - ≥ 95%

P2P 1 Perception de la Cotisation Wijninckx/P2P P2P 1-01 - 80%

P2P 1 Perception de la Cotisation Wijninckx/P2P P2P 1-02 - 7 90%

ECL 1 Monitoring A1 ECL 1-01 Année X  600

EAE 1 Audits externes aux caisses d'assurances
sociales

EAE 1-01 Année X 100%

ECL 5 Contrôle et vérification 13 ECL 5-01 90 50%

ECL 5 Contrôle et vérification 14 ECL 5-01 180 80%

ECL 6 Une ligne qui ressemble à une ligne ECL 6-01 dans les temps

__

7Dans les 4 mois de la réception tardive / dans les 3 mois suivant la date d'échéance de
réception en temps opportun des cotisations par Sigedis.
13 La norme de base consiste à traiter 80% de toutes les missions, à l'exception des missions
"revenu manquant", dans les 180 jours.
14 La norme de base consiste à traiter 80% de toutes les missions, à l'exception des missions
"revenu manquant", dans les 180 jours.
"""


def test_cells() -> None:
    assert parse_cells("60 70%") == ("60", None, "70%")
    assert parse_cells("- 7 90%") == ("-", "7", "90%")
    assert parse_cells("31 mai 95%") == ("31 mai", None, "95%")
    assert parse_cells("Année X  600") == ("Année X", None, "600")
    assert parse_cells("- ≥ 95%") == ("-", None, "≥ 95%")
    assert parse_cells("dans les temps") is None


def test_wrapped_descriptions_and_footnotes_glued_to_codes() -> None:
    report = ReviewReport("x")
    (table,) = read_norm_tables(outline(VOB), report)
    assert table.years == (2019, 2020)
    rows = [(r.key_task, r.description, r.objective, r.printed, r.refs) for r in table.rows]
    assert rows == [
        (
            "VOB 1",
            "Détermination de l'assujettissement des personnes physiques résidentes",
            "VOB 1-01",
            "60 | 70%",
            ["2"],
        ),
        ("VOB 3", "Assimilation d'études et de service militaire", "VOB 3-01", "120 | 75%", ["3"]),
    ]
    assert not report.findings


def test_the_hard_cells_give_kinds_delays_and_targets() -> None:
    out = outline(HARD)
    report = ReviewReport("x")
    tables = read_norm_tables(out, report)
    services = build_services(out, tables, read_key_task_blocks(out), PERIOD, report)
    objectives = {o.code: o for s in services for t in s.key_tasks for o in t.objectives}

    sovcnh = objectives["SOVCNH 1-01"].indicators[0]
    assert sovcnh.kind is IndicatorKind.TIMELINESS
    (delay,) = sovcnh.norms[0].delays
    assert (delay.unit, delay.month, delay.day) == (DelayUnit.FIXED_DATE, 5, 31)

    share = objectives["SOVCNH 2-01"].indicators[0]
    assert share.kind is IndicatorKind.SHARE
    assert share.norms[0].printed == "- | ≥ 95%"
    assert share.norms[0].target is not None
    assert share.norms[0].target.operator is Operator.GE
    assert share.norms[0].target.value == Decimal(95)

    ratio = objectives["P2P 1-01"].indicators[0]
    assert ratio.kind is IndicatorKind.AMOUNT_RATIO
    assert ratio.norms[0].per is PeriodKind.YEAR
    assert (
        objectives["P2P 1-01"].name.text()
        == "Gestion, dans les délais, de l'encaissement des cotisations"
    )

    reminders = objectives["P2P 1-02"].indicators[0].norms[0]
    assert reminders.printed == "- 7 | 90%"
    assert reminders.footnotes == ["7"]
    assert [(d.unit, d.value, d.category) for d in reminders.delays] == [
        (DelayUnit.MONTHS, 4, "réception tardive"),
        (DelayUnit.MONTHS, 3, "date d'échéance"),
    ]

    count = objectives["ECL 1-01"].indicators[0]
    assert count.kind is IndicatorKind.COUNT
    assert count.norms[0].target is not None
    assert count.norms[0].target.unit is TargetUnit.COUNT
    assert count.norms[0].printed == "Année X | 600"
    assert count.norms[0].per is PeriodKind.YEAR
    assert objectives["EAE 1-01"].indicators[0].norms[0].per is PeriodKind.YEAR

    ecl5 = objectives["ECL 5-01"]
    assert [(n.printed, n.footnotes) for n in ecl5.indicators[0].norms] == [
        ("90 | 50%", ["13"]),
        ("180 | 80%", ["14"]),
    ]
    assert [c.footnote for c in ecl5.caveats] == ["13", "14"]
    # two norms at once on one objective: told apart by labels in their footnote's words
    assert [n.label.text() for n in ecl5.indicators[0].norms if n.label] == [
        "50% des missions dans les 90 jours",
        "80% des missions dans les 180 jours (norme de base)",
    ]
    population = ecl5.indicators[0].norms[0].population
    assert population is not None
    assert population.exclude_categories == ["revenu manquant"]

    (unparsed,) = report.of_kind(FindingKind.UNPARSED_ROW)
    assert unparsed.text is not None
    assert unparsed.text.startswith("ECL 6 Une ligne")


def test_footnotes_in_another_language_are_linked_and_reported() -> None:
    out = outline(VOB)
    report = ReviewReport("x")
    services = build_services(out, read_norm_tables(out, report), [], PERIOD, report)
    vob1 = services[0].key_tasks[0].objectives[0]
    (caveat,) = vob1.caveats
    assert caveat.footnote == "2"
    assert caveat.text.nl is not None
    assert caveat.text.fr is None
    flagged = {f.line for f in report.of_kind(FindingKind.FOOTNOTE_LANGUAGE)}
    assert flagged == {out.footnotes["2"].line.number, out.footnotes["3"].line.number}


def test_a_table_needs_no_normalisation_heading() -> None:
    excerpt = """
    1 Gestion des plaintes

    Voir chapitre 6.6.2.2 dans CA 2016-2018.

    TC Description OO 2019-2020
    T (d)

    2019-2020
    %

    SEC 1 Gestion des plaintes SEC 1-01 10 90%

    SEC 1 Gestion des plaintes SEC 1-02 30 95%

     Maîtrise de l'organisation (contrôle interne) 1.1
    """
    (table,) = read_norm_tables(outline(excerpt), ReviewReport("x"))
    assert [(r.objective, r.printed) for r in table.rows] == [
        ("SEC 1-01", "10 | 90%"),
        ("SEC 1-02", "30 | 95%"),
    ]


def test_key_task_blocks_split_a_footnote_from_the_code() -> None:
    excerpt = """
    1 Dispense

    Tâche clé DVR 18

    Traitement des demandes de dispense de
    cotisations et décision

    Objectif(s) opérationnel(s) DVR 1-01 Prendre, en temps utile, une décision provisoire
    concernant les demandes

    Indicateur(s) DVR 1-01 % de décisions provisoires dispense de
    cotisations dans le délai fixé

__

    8 La procédure légale sera modifiée le 1er octobre 2018. C'est pourquoi ces objectifs et normes
    ne s'appliqueront aux demandes qu'à partir du 1er janvier 2019.

    TC Description OO 2019-2020
    T (d)

    2019-2020
    %

    DVR 1 Traitement des demandes de dispense de
    cotisations et décision

    DVR 1-01 30 90%

    DVR 1 Traitement des demandes de dispense de
    cotisations et décision

    DVR 1-02 7 90%
    """
    (block,) = read_key_task_blocks(outline(excerpt))
    assert (block.key_task, block.objective, block.refs) == ("DVR 1", "DVR 1-01", ["8"])
    assert block.task_refs == ["8"]  # called from the key task: it applies to all its objectives
    assert block.key_task_name == "Traitement des demandes de dispense de cotisations et décision"
    assert block.indicator_name == (
        "% de décisions provisoires dispense de cotisations dans le délai fixé"
    )
    out = outline(excerpt)
    report = ReviewReport("x")
    services = build_services(
        out, read_norm_tables(out, report), read_key_task_blocks(out), PERIOD, report
    )
    norms = [n for t in services[0].key_tasks for o in t.objectives for n in o.indicators[0].norms]
    assert [n.population.started_from if n.population else None for n in norms] == [
        dt.date(2019, 1, 1),
        dt.date(2019, 1, 1),
    ]
