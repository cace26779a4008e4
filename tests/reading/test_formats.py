"""A PDF and a DOCX made from excerpts of the two documents give the same draft as the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pilotage.reading import Draft, accuracy, build_draft, read_document

from .conftest import text, write_pdf

INASTI_EXCERPT = """
 Préambule
Attendu que, le contrat d'administration 2016-2018 de l'INASTI a pris fin le 31 décembre 2018 ;
le Gouvernement a donné l'ordre de le remplacer par un avenant prolongeant le contrat
d'administration 2016-2018 pour la période 2019-2020 ; en ce qui concerne l'INASTI, cet avenant
ne peut se limiter à une simple prolongation ;

entre, d'une part :

l'Etat belge, représenté par :

− Monsieur Denis DUCARME, Ministre des Classes moyennes, des Indépendants et des PME,

et, d'autre part :

l'Institut national d'assurances sociales pour travailleurs indépendants, institution publique
de sécurité sociale ayant son siège à 1000 Bruxelles, 35 Quai de Willebroeck, représenté par:

− Madame Anne VANDERSTAPPEN, Administrateur général,

pour la période du 1er janvier 2019 au 31 décembre 2020 :
 1 La gestion opérationnelle

1.1 Normalisation des indicateurs VOB

 Voir chapitre 3.1.5 dans CA 2016-2018.

TC Description OO 2019-2020
T-(d)

2019-2020
%

VOB 1 2 Détermination de l'assujettissement des
personnes physiques résidentes

VOB 1-01 60 70%

VOB 2 Assimilation de périodes d'incapacité et de
détention préventive et assurance continuée

VOB 2-01 120 90%

VOB 3 3 Assimilation d'études et de service militaire VOB 3-01 120 75%

VOB 4 Demandes d'information  VOB 4-01 30 95%

__

2 Rekening houdend met het in productie gaan van de nieuwe informaticatoepassing Sequoia VOB
op 1 januari 2020 zal de doelstelling VOB 1-01 niet gehaald worden voor het tweede semester.
3 Gezien de toegenomen complexiteit van de dossiers, de noodzakelijke harmonisering tussen de
administratieve praktijken werd de norm verlaagd tot 75%, wat een hele uitdaging zal zijn.
1.2 Normalisation des indicateurs ECL12

TC Description OO 2019-2020
T (d)

2019-2020
%

Nombre

ECL 1 Monitoring A1 ECL 1-01 Année X  600

ECL 2 Affiliation fictive ECL 2-01 90 80%

ECL 5 Contrôle et vérification 13 ECL 5-01 90 50%

ECL 5 Contrôle et vérification 14 ECL 5-01 180 80%

__

12 Le Conseil des Ministres du 1er juin 2018 a accordé un budget à l'INASTI afin de lui
permettre d'effectuer des renforcements ciblés dans ses services d'inspection.
13 La norme de base consiste à traiter 80% de toutes les missions, à l'exception des missions
"revenu manquant", dans les 180 jours.
14 La norme de base consiste à traiter 80% de toutes les missions, à l'exception des missions
"revenu manquant", dans les 180 jours.
"""

INAMI_EXCERPT = """
 CONTRAT D'ADMINISTRATION ENTRE L'ETAT ET L'INAMI
vu l’accord du Gouvernement après délibération en Conseil des Ministres du 22 février 2013;
 Il est convenu ce qui suit, pour la période du 1 janvier 2013 au 31 décembre 2015, entre

- l'Etat belge, représenté par

et

- l'Institut National d'Assurance Maladie-Invalidité, représenté par
 TITRE VIII: Stimuler les approches innovatrices dans les soins de santé

Article 21. Intégration du Fonds des accidents médicaux comme service distinct

Le présent article concerne un nouveau projet dans le cadre du 4e Contrat d’administration.

Intitulé

Intégration du Fonds des accidents médicaux (FAM) à l’INAMI.

Cadre

Octroyer, informer

Axes

- Nouvelle prestation de service : amélioration des processus et informatisation

Contexte

Le Fonds sera effectivement opérationnel dans le courant de 2012 et l'INAMI s'y prépare.

Actions - engagements

1. Réaliser l’intégration effective du Fonds comme service particulier de l’INAMI. Concrètement,
les actions-engagements suivantes devront être prises :
- créer les organes et déterminer leur rôle (Comité général de gestion de l’INAMI). Date limite :
1er trimestre de 2013 ;

- lancer les processus relatifs à l’infrastructure et aux ressources humaines. Date limite :
chaque année dans le courant du 4e trimestre de l’année X-1.

2. Rédiger un rapport annuel concernant les activités du Fonds. Dates
limites : 31/04/2013 (activités de septembre 2012 au février 2013), 31/03/2014 (activités de
l’année 2013), 31/03/2015 (activités de l’année 2014)

3. Création d’un tableau de bord pour le suivi des dossiers. Date limite: 30/06/2013.

Effets attendus

- Une gestion plus efficace du Fonds des accidents médicaux.

Facteurs externes

- Approbation des textes réglementaires.
 TITRE XVII: Budget

Article 70. Le budget de gestion de l’institution pour les exercices 2013, 2014 et 2015, fixé
conformément à l’article 63, est établi comme suit :

In EUR 2013 2014(1) 2015(1)

Dépenses de personnel 91.779.005 91.879.005 91.879.005

Dépenses de fonctionnement 33.023.600 31.173.764 31.173.764
Dont :

 Fonctionnement ordinaire

16.640.600

15.070.764

14.820.764

 Informatique 16.383.000 16.103.000 16.353.000

Investissements 1.896.423 2.076.500
Dont :

 Investissements informatiques

 Investissements mobiliers

 Investissements immobiliers

475.000
501.500
919.923

475.000
501.500
1.100.000

475.000
501.500
1.280.077

Total  126.699.028 125.129.269 125.309.346
(1)

 Pour les exercices 2014 et 2015 : calcul en prix de 2013

Conformément à l’article 5 de l’AR du 3 avril 1997, le montant maximal des crédits de personnel
statutaire est fixé à 84.803.801 € pour l’exercice 2013, à 85.355.596 € pour l’exercice 2014 et à
85.814.991 € pour l’exercice 2015.
"""

EXCERPTS = {"inasti": INASTI_EXCERPT, "inami": INAMI_EXCERPT}


def _lines(excerpt: str) -> list[str]:
    return [x.rstrip() if x.strip() != "__" else "  " for x in excerpt.strip("\n").split("\n")]


def _pdf(excerpt: str, path: Path) -> None:
    write_pdf(_lines(excerpt), path, "Une administration moderne, un service de qualité")


VOB_TABLE = [
    ["TC", "Description", "OO", "2019-2020\nT-(d)", "2019-2020\n%"],
    ["VOB 1 2", "Détermination de l'assujettissement des\npersonnes physiques résidentes",
     "VOB 1-01", "60", "70%"],
    ["VOB 2", "Assimilation de périodes d'incapacité et de\ndétention préventive et assurance "
     "continuée", "VOB 2-01", "120", "90%"],
    ["VOB 3 3", "Assimilation d'études et de service militaire", "VOB 3-01", "120", "75%"],
    ["VOB 4", "Demandes d'information", "VOB 4-01", "30", "95%"],
]  # fmt: skip


def _docx(excerpt: str, path: Path) -> None:
    """Paragraphs, and the VOB norm table as a Word table whose cells wrap over lines."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    lines = _lines(excerpt)
    if "TC Description OO 2019-2020" not in lines:
        for line in lines:
            document.add_paragraph(line)
        document.save(str(path))
        return
    start = lines.index("TC Description OO 2019-2020")
    end = lines.index("VOB 4 Demandes d'information  VOB 4-01 30 95%")
    for line in lines[:start]:
        document.add_paragraph(line)
    table = document.add_table(rows=len(VOB_TABLE), cols=5)
    for r, cells in enumerate(VOB_TABLE):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    for line in lines[end + 1 :]:
        if line.startswith("1.2 "):
            document.add_page_break()
        document.add_paragraph(line)
    document.save(str(path))


@pytest.fixture(params=sorted(EXCERPTS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _from_text(name: str) -> Draft:
    return build_draft(text(EXCERPTS[name].replace("\n__\n", "\n  \n")))


def test_the_text_excerpts_read(name: str) -> None:
    draft = _from_text(name)
    counts = draft.report.counts
    if name == "inasti":
        assert (counts["objectives"], counts["norms"]) == (7, 8)
    else:
        assert (counts["articles"], counts["actions"]) == (1, 4)
        assert draft.contract.budget is not None


def test_a_pdf_gives_the_same_draft(name: str, tmp_path: Path) -> None:
    pytest.importorskip("pdfplumber")
    path = tmp_path / f"{name}.pdf"
    _pdf(EXCERPTS[name], path)
    from_pdf = read_document(path)
    report = accuracy(from_pdf, _from_text(name).contract)
    assert report.perfect, str(report)
    pages = {o.source.page for _, _, o in from_pdf.contract.objectives() if o.source}
    pages |= {a.source.page for _, a in from_pdf.contract.actions() if a.source}
    assert "Page 1/" not in from_pdf.to_yaml()  # the running footer does not leak
    assert pages
    assert None not in pages


def test_a_docx_gives_the_same_draft(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.docx"
    _docx(EXCERPTS[name], path)
    from_docx = read_document(path)
    report = accuracy(from_docx, _from_text(name).contract)
    assert report.perfect, str(report)
    if name == "inasti":  # a page break before chapter 1.2: its objectives are on page 2
        pages = {o.code: o.source.page for _, _, o in from_docx.contract.objectives() if o.source}
        assert (pages["VOB 1-01"], pages["ECL 1-01"]) == (1, 2)
