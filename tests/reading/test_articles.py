"""INAMI-style articles, action-commitments with their deadlines, continuous missions."""

from __future__ import annotations

import datetime as dt

from pilotage.contract import DeadlineForm
from pilotage.reading import FindingKind, ReviewReport
from pilotage.reading._articles import read_articles
from pilotage.reading._deadlines import read_deadline
from pilotage.reading._missions import read_missions

from .conftest import outline

ARTICLE = """
 TITRE VIII: Stimuler les approches innovatrices dans les soins de santé

Article 21. Intégration du Fonds des accidents médicaux comme service distinct

Le présent article concerne un nouveau projet dans le cadre des articles 15, 16 et 17 du Contrat
d’administration 2010-2012.

Intitulé

Intégration du Fonds des accidents médicaux.

Cadre

Octroyer, informer

Axes

- Nouvelle prestation de service : amélioration des processus et informatisation
- Maîtrise des dépenses

Contexte

Le Fonds sera effectivement opérationnel dans le courant de 2012.

Actions - engagements

1. Réaliser l’intégration effective du Fonds. Concrètement, les actions-engagements
suivantes devront être prises :
- créer les organes et déterminer leur rôle. Date limite : 1er
trimestre de 2013 ;

- lancer les processus relatifs à l’infrastructure. Date limite : chaque année dans le courant du 4e
trimestre de l’année X-1.

2. Rédiger un rapport annuel concernant les activités du Fonds. Dates
limites : 31/04/2013 (activités de septembre 2012 au février 2013), 31/03/2014 (activités de l’année
2013), 31/03/2015 (activités de l’année 2014)

3. Réalisation des trois premiers modules du MIS :

a. un rapport standard contenant les KPI FED-20 (HR-BSC) ;
b. un rapport standardisé de l’évolution des effectifs du personnel.
Date-limite: 31.12.2014.

4. Démarrage et utilisation de la « eHealthBox ». Date limite : 31

décembre 2013.

En ce qui concerne le suivi :
5. Rapport annuel. Date limite : X (réunion d’installation de l’ASBL eCare) + 6 mois.

Effets attendus

- Une gestion plus efficace du Fonds des accidents médicaux notamment sur le plan de la gestion du
personnel ;
- Une meilleure information.

Facteurs externes

- Approbation des textes réglementaires.
 TITRE IX: Optimaliser les missions de feedback
"""


def test_article_sections_and_action_numbers() -> None:
    (article,), titres = read_articles(outline(ARTICLE).body)
    assert [t.number for t in titres] == ["TITRE VIII", "TITRE IX"]
    assert (article.number, article.title) == (
        "21",
        "Intégration du Fonds des accidents médicaux comme service distinct",
    )
    assert article.origin is not None
    assert article.origin.startswith("Le présent article")
    assert set(article.sections) == {
        "intitule",
        "cadre",
        "axes",
        "contexte",
        "actions",
        "effets",
        "facteurs",
    }
    actions = [(a.number, a.deadline) for a in article.actions]
    assert actions == [
        ("1.a", "Date limite : 1er trimestre de 2013 ;"),
        ("1.b", "Date limite : chaque année dans le courant du 4e trimestre de l’année X-1."),
        (
            "2",
            "Dates limites : 31/04/2013 (activités de septembre 2012 au février 2013), "
            "31/03/2014 (activités de l’année 2013), 31/03/2015 (activités de l’année 2014)",
        ),
        ("3.a", "Date-limite: 31.12.2014."),
        ("3.b", "Date-limite: 31.12.2014."),
        ("4", "Date limite : 31 décembre 2013."),  # a blank line inside the deadline
        ("5", "Date limite : X (réunion d’installation de l’ASBL eCare) + 6 mois."),
    ]
    # the caption between actions 4 and 5 does not leak into action 4
    assert "En ce qui concerne" not in " ".join(a.text for a in article.actions)


def test_deadlines_keep_the_printed_text() -> None:
    report = ReviewReport("x")
    hyphen = read_deadline("Date-limite : 31 janvier 2013.", None, report)
    assert hyphen.printed == "Date-limite : 31 janvier 2013."
    assert (hyphen.form, hyphen.dates) == (DeadlineForm.DATE, [dt.date(2013, 1, 31)])
    period = read_deadline("Date limite : 1er trimestre de 2013 ;", None, report)
    assert (period.form, period.dates) == (DeadlineForm.PERIOD, [dt.date(2013, 3, 31)])
    relative = read_deadline(
        "Date limite : X + 6 mois (X étant la date de publication).", None, report
    )
    assert relative.form is DeadlineForm.RELATIVE
    assert not report.findings


def test_an_impossible_date_is_reported_not_guessed() -> None:
    report = ReviewReport("x")
    (article,), _ = read_articles(outline(ARTICLE).body)
    line = article.actions[2].line
    printed = article.actions[2].deadline
    assert printed is not None
    deadline = read_deadline(printed, line, report)
    assert deadline.form is DeadlineForm.INVALID
    assert deadline.dates == [dt.date(2014, 3, 31), dt.date(2015, 3, 31)]
    (finding,) = report.of_kind(FindingKind.IMPOSSIBLE_DATE)
    assert finding.line == line.number
    assert "31/04/2013" in finding.message


MISSIONS = """
Article 36. Suivi des missions continues

ORIGINE Processus Action Date limite

SSS

CA2006-2008 : art.32
Av.2009 : art.32

Rapport financier à la
Commission de
remboursement des
médicaments

Rédaction d’un rapport
MORSE

Semestriel

Av.2009 : art.N2
CA2010-2012 : art.14

Rapport des données
régionales

Rédaction d’un rapport
annuel

Rédaction d’un rapport
détaillé tous les 5 ans

Annuel (statistiques de
base)

Tous les 5 ans (données
détaillées pour 1 année
spécifique)

SECM

CA2010-2012 : art.18 Rapport annuel
stratégie ICE

Rédaction d’un rapport

Pour la fin du premier
trimestre de chaque
année civile
 TITRE XV: Méthodes
"""


def test_continuous_missions_table_read_cell_by_cell() -> None:
    rows = read_missions(outline(MISSIONS).body)
    assert [(r.number, r.service, r.origin) for r in rows] == [
        ("36.1", "SSS", "CA2006-2008 : art.32; Av.2009 : art.32"),
        ("36.2", "SSS", "Av.2009 : art.N2; CA2010-2012 : art.14"),
        ("36.3", "SECM", "CA2010-2012 : art.18"),
    ]
    assert rows[0].process == "Rapport financier à la Commission de remboursement des médicaments"
    assert rows[1].deadlines == [
        "Annuel (statistiques de base)",
        "Tous les 5 ans (données détaillées pour 1 année spécifique)",
    ]
    assert rows[2].process == "Rapport annuel stratégie ICE"
    assert rows[2].deadlines == ["Pour la fin du premier trimestre de chaque année civile"]
