"""The Moniteur belge's structure, in French and in Dutch: headings that nest, articles that
belong to them, the approving royal decree wrapped around the annexed contract."""

from __future__ import annotations

import datetime as dt

from pilotage.reading import FindingKind, load_source, read_document
from pilotage.reading._decree import read_decree
from pilotage.reading._structure import read_structure

from .conftest import FIXTURES, draft_of, text

FRENCH = """
TITRE Ier. - Dispositions générales
CHAPITRE Ier. - Définitions
Article 1er. Définitions
Pour l'application du présent contrat, on entend par : 1° « Office » : l'Office ; 2° ...
CHAPITRE II. - Missions
Section 1re. - Perception
Sous-section 1re. - Déclarations
Art. 2. § 1er. L'Office perçoit les cotisations.
§ 2. Il contrôle les déclarations.
Art. 2bis. L'Office informe les employeurs.
Sous-section 2. - [1 Recouvrement]1
Art. 3. L'Office recouvre les cotisations impayées.
TITRE II. - Dispositions finales
Art. 4. Le présent contrat entre en vigueur le 1er janvier 2016.
"""

DUTCH = """
TITEL I. - Algemene bepalingen
HOOFDSTUK I. - Definities
Artikel 1. Definities
Voor de toepassing van deze overeenkomst wordt verstaan onder: 1° « Rijksdienst »: de Rijksdienst.
HOOFDSTUK II. - Opdrachten
Afdeling 1. - Inning
Onderafdeling 1. - Aangiften
Art. 2. § 1. De Rijksdienst int de bijdragen.
Art. 3. De Rijksdienst vordert de onbetaalde bijdragen in.
"""


def test_french_headings_nest_and_articles_belong_to_them() -> None:
    structure = read_structure(text(FRENCH).lines)
    assert [h.path for h in structure.headings] == [
        "TITRE I",
        "TITRE I, CHAPITRE I",
        "TITRE I, CHAPITRE II",
        "TITRE I, CHAPITRE II, Section 1",
        "TITRE I, CHAPITRE II, Section 1, Sous-section 1",
        "TITRE I, CHAPITRE II, Section 1, Sous-section 2",
        "TITRE II",
    ]
    assert structure.headings[5].title == "Recouvrement"  # the consolidated text's markers
    articles = {a.number: a for a in structure.articles}
    assert list(articles) == ["1", "2", "2bis", "3", "4"]
    assert articles["1"].title == "Définitions"
    assert articles["2"].title is None
    assert [x.text for x in articles["2"].lines] == [
        "Art. 2. § 1er. L'Office perçoit les cotisations.",
        "§ 2. Il contrôle les déclarations.",
    ]
    heading = articles["2bis"].heading
    assert heading is not None
    assert heading.path.endswith("Sous-section 1")
    assert heading.titles == ["Dispositions générales", "Missions", "Perception", "Déclarations"]


def test_dutch_headings_nest_and_articles_belong_to_them() -> None:
    structure = read_structure(text(DUTCH).lines)
    assert [h.path for h in structure.headings][
        -1
    ] == "TITEL I, HOOFDSTUK II, Afdeling 1, Onderafdeling 1"
    assert [a.number for a in structure.articles] == ["1", "2", "3"]
    assert structure.articles[0].title == "Definities"


def test_an_article_printed_twice_is_kept_once_and_reported() -> None:
    structure = read_structure(
        text(
            """
            Art. 41. Le plan d'entreprise est adopté chaque année.
            Art. 42. Le plan annuel est établi.
            Art. 42. Le plan annuel est établi.
            Art. 43. Le rapport annuel est adopté.
            """
        ).lines
    )
    assert [a.number for a in structure.articles] == ["41", "42", "43"]
    (repeat,) = structure.repeats
    assert (repeat.number, repeat.printed_twice and repeat.printed_twice.number) == ("42", 2)


def test_a_title_line_then_the_article_is_one_article() -> None:
    structure = read_structure(
        text(
            """
            Article 38 - Cadre juridique du contrat
            Article 38. Le choix politique du cadre juridique engendre un rapport contractuel.
            Article 39 - Engagements de l'Etat

            Article 40

            Article 40. Les IPSS s'engagent à collaborer.
            """
        ).lines
    )
    assert [a.number for a in structure.articles] == ["38", "39", "40"]
    assert not structure.repeats


def test_a_citation_is_not_an_article() -> None:
    structure = read_structure(
        text(
            """
            Art. 5. L'Office informe.
            Article 3 de la loi du 21 mars 1991 portant réforme.
            """
        ).lines
    )
    assert [a.number for a in structure.articles] == ["5"]


def test_the_approving_decree_is_cut_out_french() -> None:
    source = read_document(FIXTURES / "decree-fr.txt")
    contract = source.contract
    assert contract is not None
    assert contract.title.text() == (
        "Troisième contrat d'administration entre l'Etat belge et l'Office national des vacances "
        "annuelles"
    )
    assert [a.number for a in contract.articles] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert contract.articles[1].title.text() == "Paiement du pécule"
    assert [c.number for c in contract.chapters] == [
        "CHAPITRE I",
        "CHAPITRE II",
        "CHAPITRE II, Section 1",
        "CHAPITRE II, Section 2",
        "CHAPITRE III",
    ]
    assert [b.text() for b in contract.legal_basis] == [
        "Loi du 26 juillet 1996 portant modernisation de la sécurité sociale et assurant la "
        "viabilité des régimes légaux des pensions, l'article 47"
    ]


def test_the_approving_decree_is_cut_out_dutch() -> None:
    contract = read_document(FIXTURES / "decree-nl.txt").contract
    assert contract is not None
    assert contract.title.text("nl") == (
        "Derde bestuursovereenkomst tussen de Belgische Staat en de Rijksdienst voor Jaarlijkse "
        "Vakantie"
    )
    assert [c.number for c in contract.chapters][-1] == "HOOFDSTUK III"
    assert (contract.period.start, contract.period.end) == (
        dt.date(2009, 1, 1),
        dt.date(2011, 12, 31),
    )
    assert [x.value for x in contract.languages] == ["nl"]
    assert contract.title.nl is not None


def test_the_decree_glued_to_the_contract_on_one_line() -> None:
    lines = load_source(FIXTURES / "decree-glued-fr.txt").lines
    decree, body = read_decree(lines)
    assert decree.present
    assert decree.effective == dt.date(2023, 1, 1)
    assert body[0].text.startswith("Contrat de gestion entre l'Etat et l'Agence")
    assert body[0].number == 5  # the contract's words keep the line they were printed on
    assert [x.text for x in body][
        -1
    ] == "Art. 2. Le contrat de gestion est conclu pour une durée de cinq ans."


def test_a_dated_title_is_a_title_not_a_footnote() -> None:
    draft = draft_of(
        """
        1 FEVRIER 2010. - Contrat d'administration 2010-2012 de l'Office national de l'Emploi
        Entre l'Etat belge, représenté par Madame Joëlle MILQUET, Ministre de l'Emploi, et
        l'Office national de l'Emploi, représenté par Monsieur Karel BAECK, administrateur
        général, il est convenu ce qui suit :
        Art. 1er. L'Office paie les allocations dans le mois pour 90 % des dossiers.
        """
    )
    contract = draft.contract
    assert contract is not None
    assert (
        contract.title.text()
        == "Contrat d'administration 2010-2012 de l'Office national de l'Emploi"
    )
    assert (contract.period.start.year, contract.period.end.year) == (2010, 2012)
    assert draft.report.counts["footnotes"] == 0
    assert not draft.report.of_kind(FindingKind.FOOTNOTE_UNKNOWN)


def test_the_seeds_table_form_in_dutch() -> None:
    draft = read_document(FIXTURES / "kerntaak-nl.txt")
    contract = draft.contract
    assert contract is not None
    assert (contract.id, contract.languages[0].value) == ("rsvz-2019-2020", "nl")
    objectives = {o.code: o for _, _, o in contract.objectives()}
    assert list(objectives) == ["VOB 2-01", "VOB 3-01"]
    assert (
        objectives["VOB 2-01"].name.nl == "Tijdige beslissing over de aanvragen tot gelijkstelling"
    )
    norms = {code: o.indicators[0].norms[0] for code, o in objectives.items()}
    assert [(n.printed, n.delays[0].value) for n in norms.values()] == [
        ("120 | 90%", 120),
        ("30 | 95%", 30),
    ]
    indicator = objectives["VOB 3-01"].indicators[0]
    assert (indicator.start_event, indicator.end_event) == ("request_received", "answer_sent")
    chapters = {c.number: c for c in contract.chapters}
    assert [r.kind.value for r in chapters["1.1"].lineage] == ["see_chapter"]
    assert chapters["1.1"].lineage[0].chapters == ["3.1.1"]
    assert [[s.name for s in p.signatories] for p in contract.parties] == [
        ["Denis DUCARME"],
        ["Anne VANDERSTAPPEN"],
    ]


def test_projects_in_dutch() -> None:
    draft = draft_of(
        """
        Er wordt overeengekomen wat volgt, voor de periode van 1 januari 2013 tot en met
        31 december 2015, tussen

        - de Belgische Staat, vertegenwoordigd door

        Laurette Onkelinx
        Minister van Sociale Zaken

        en

        - het Rijksinstituut voor Ziekte- en Invaliditeitsverzekering, vertegenwoordigd door

        Jo De Cock
        Administrateur-generaal

        TITEL IV: Verbetering van het gegevensbeheer

        Artikel 11. Kennisontwikkeling inzake arbeidsongeschiktheid

        Deze doelstelling is gebaseerd op artikel 15 van de Bestuursovereenkomst 2010-2012.

        Kader

        Toekennen, controleren en informeren.

        Acties-verbintenissen

        1. Oprichting van een begeleidingscomité voor de strategie.
        Uiterste datum : 30 juni 2013.

        2. Jaarlijks verslag aan het Beheerscomité.
        Uiterste datum : 31 december 2013 ; 31 december 2014 ; 31 december 2015.

        Verwachte effecten

        - Betere kennis van de arbeidsongeschiktheid

        Externe factoren

        - Beschikbaarheid van de gegevens
        """
    )
    contract = draft.contract
    assert contract is not None
    (article,) = contract.articles
    assert article.title.nl == "Kennisontwikkeling inzake arbeidsongeschiktheid"
    assert [(a.number, a.deadline.dates if a.deadline else None) for a in article.actions] == [
        ("1", [dt.date(2013, 6, 30)]),
        ("2", [dt.date(2013, 12, 31), dt.date(2014, 12, 31), dt.date(2015, 12, 31)]),
    ]
    assert article.cadre == ["octroyer", "controler", "informer"]
    assert [e.nl for e in article.expected_effects] == [
        "Betere kennis van de arbeidsongeschiktheid"
    ]
    assert [f.text.nl for f in article.external_factors] == ["Beschikbaarheid van de gegevens"]
    ((origin_document, origin_articles),) = [(o.document, o.chapters) for o in article.origin]
    assert (origin_document, origin_articles) == ("riziv-2010-2012", ["15"])
    assert [[s.name for s in p.signatories] for p in contract.parties] == [
        ["Laurette Onkelinx"],
        ["Jo De Cock"],
    ]
