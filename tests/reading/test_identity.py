"""The identity of a contract in French and in Dutch: parties and signatories, period,
institution, amendment and language, each read from short texts written for the purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from pilotage.reading import FindingKind, read_document

from .conftest import FIXTURES, draft_of, identity_of, outline


def _period(block: str) -> tuple[str, str, str] | None:
    found = identity_of(block).period
    return (found.start.isoformat(), found.end.isoformat(), found.how) if found else None


# ---- parties and signatories ---------------------------------------------------------------


def test_preamble_parties_signatories_period() -> None:
    excerpt = """
    l'Etat belge, représenté par :

    − Monsieur Denis DUCARME, Ministre des Classes moyennes, des Indépendants et des PME,
    − Madame Sophie WILMES, Ministre du Budget et de la Fonction publique,

    et, d'autre part :

    l'Institut national d'assurances sociales pour travailleurs indépendants, institution publique
    de sécurité sociale ayant son siège à 1000 Bruxelles, 35 Quai de Willebroeck, représenté par:

    − une délégation du Conseil d'administration, composée de Monsieur Philippe DODRIMONT,
    président, Madame Anne-Marie BOEL-RAYMAECKERS et Madame Gabrielle EYMAEL, vice-
    présidents;
    − Madame Anne VANDERSTAPPEN, Administrateur général,

    pour la période du 1er janvier 2019 au 31 décembre 2020 :
    INASTI INASTI
    """
    identity = identity_of(excerpt)
    assert identity.institution.code == "INASTI"
    assert identity.institution.confidence == "high"
    assert identity.period is not None
    assert (identity.period.start, identity.period.end) == (
        dt.date(2019, 1, 1),
        dt.date(2020, 12, 31),
    )
    assert identity.parties.seat == "1000 Bruxelles, 35 Quai de Willebroeck"
    state, institution = identity.parties.blocks
    assert state.signatories == [
        ("Denis DUCARME", "Ministre des Classes moyennes, des Indépendants et des PME"),
        ("Sophie WILMES", "Ministre du Budget et de la Fonction publique"),
    ]
    assert institution.signatories == [
        ("Philippe DODRIMONT", "président"),
        ("Anne-Marie BOEL-RAYMAECKERS", "vice-présidents"),
        ("Gabrielle EYMAEL", "vice-présidents"),
        ("Anne VANDERSTAPPEN", "Administrateur général"),
    ]


def test_signatures_printed_in_two_columns() -> None:
    excerpt = """
    Il est convenu ce qui suit, pour la période du 1 janvier 2013 au 31 décembre 2015, entre

    - l'Etat belge, représenté par

    Laurette Onkelinx      Philippe Courard
    Ministre des Affaires sociales     Secrétaire d'Etat aux Affaires sociales,
    et de la Santé publique      aux Familles et aux Personnes
            handicapées, chargé des Risques
            professionnels

    et

    - l'Institut National d'Assurance Maladie-Invalidité, représenté par

     Johan De Cock Benoît Collin
    Administrateur général     Administrateur général adjoint

    Les représentants délégués par le Comité général de gestion:

    Bernadette Adnet      Eddy Van Lancker
     TITRE I: Définitions
    INAMI INAMI
    """
    state, institution = identity_of(excerpt).parties.blocks
    assert state.signatories == [
        ("Laurette Onkelinx", "Ministre des Affaires sociales et de la Santé publique"),
        (
            "Philippe Courard",
            "Secrétaire d'Etat aux Affaires sociales, aux Familles et aux Personnes handicapées, "
            "chargé des Risques professionnels",
        ),
    ]
    assert institution.signatories == [
        ("Johan De Cock", "Administrateur général"),
        ("Benoît Collin", "Administrateur général adjoint"),
        ("Bernadette Adnet", "Représentant délégué par le Comité général de gestion"),
        ("Eddy Van Lancker", "Représentant délégué par le Comité général de gestion"),
    ]


def test_parties_in_running_text_fr() -> None:
    identity = identity_of(
        """
        Entre l'Etat fédéral, représenté par le Ministre des Pensions, Monsieur Paul LEGRAND,
        et par la Ministre du Budget, madame julie van den berghe, d'une part ; et la
        Banque-carrefour de la sécurité sociale, dont le siège est établi Quai de Willebroeck 38,
        1000 Bruxelles, représentée par Monsieur Marc Janssens, en sa qualité d'administrateur
        général, d'autre part ; il est convenu ce qui suit :
        """
    )
    state, institution = identity.parties.blocks
    assert state.name == "l'Etat fédéral"
    assert state.signatories == [
        ("Paul LEGRAND", "Ministre des Pensions"),
        ("julie van den berghe", "Ministre du Budget"),
    ]
    assert institution.name == "la Banque-carrefour de la sécurité sociale"
    assert institution.signatories == [("Marc Janssens", "Administrateur général")]
    assert identity.parties.seat == "Quai de Willebroeck 38, 1000 Bruxelles"
    assert identity.institution.code == "BCSS"


def test_parties_in_running_text_nl() -> None:
    identity = identity_of(
        """
        Tussen de federale Staat, vertegenwoordigd door de heer Pieter De Wolf, Minister van
        Pensioenen, en mevrouw Els VAN DAMME, Staatssecretaris voor Begroting,

        en

        de Rijksdienst voor Arbeidsvoorziening, met zetel te 1000 Brussel, Keizerslaan 7,
        vertegenwoordigd door de heer Jan Claes, administrateur-generaal,

        wordt overeengekomen wat volgt:
        """
    )
    state, institution = identity.parties.blocks
    assert state.name == "de federale Staat"
    assert state.signatories == [
        ("Pieter De Wolf", "Minister van Pensioenen"),
        ("Els VAN DAMME", "Staatssecretaris voor Begroting"),
    ]
    assert institution.name == "de Rijksdienst voor Arbeidsvoorziening"
    assert institution.signatories == [("Jan Claes", "Administrateur-generaal")]
    assert identity.institution.code == "RVA"
    assert identity.language.primary == "nl"


def test_signatures_on_the_signature_page_only() -> None:
    identity = identity_of(
        """
        Entre l'Etat belge et l'Office national des Pensions, il est convenu ce qui suit :

        1 Objet
        L'Office s'engage à payer les pensions à temps.

        Fait à Bruxelles, le 20 décembre 2012.
        Pour l'Etat belge :
        Le Ministre des Pensions,
        A. DUPONT
        La Ministre du Budget, S. MARTIN
        """
    )
    state = identity.parties.of("state")
    assert state is not None
    assert state.signatories == [
        ("A. DUPONT", "Ministre des Pensions"),
        ("S. MARTIN", "Ministre du Budget"),
    ]
    assert (identity.signed_at, identity.signed_on) == ("Bruxelles", dt.date(2012, 12, 20))
    assert identity.institution.code == "ONP"  # the former name of the SFP, in the registry


def test_a_party_represented_by_a_function_is_reported() -> None:
    draft = read_document(FIXTURES / "party-function-fr.txt")
    assert draft.contract is not None
    assert [p.name.text() for p in draft.contract.parties] == ["l'Etat belge", "Aerolux"]
    missing = " ".join(f.message for f in draft.report.of_kind(FindingKind.MISSING))
    assert "represented by 'le comité de direction'" in missing
    assert draft.contract.institution.code == "AEROLUX"
    low = draft.report.of_kind(FindingKind.LOW_CONFIDENCE)
    assert any("not in the registry" in f.message for f in low)
    assert (draft.contract.period.start, draft.contract.period.end) == (
        dt.date(2015, 7, 1),
        dt.date(2020, 6, 30),
    )


# ---- period --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "Il est convenu ce qui suit, pour la période du 1er janvier 2019 au 31 décembre 2021.",
            ("2019-01-01", "2021-12-31", "dates"),
        ),
        (
            "Le présent contrat prend cours le 1er juillet 2016 et se termine le 30 juin 2019.",
            ("2016-07-01", "2019-06-30", "dates"),
        ),
        (
            "Le présent contrat est conclu pour un terme de trois ans prenant cours le 1er "
            "janvier 2016.",
            ("2016-01-01", "2018-12-31", "term"),
        ),
        (
            "CONTRAT D'ADMINISTRATION POUR LA PERIODE 2019-2021",
            ("2019-01-01", "2021-12-31", "years"),
        ),
        (
            "Deze overeenkomst geldt voor de periode van 1 januari 2016 tot en met 31 december "
            "2018.",
            ("2016-01-01", "2018-12-31", "dates"),
        ),
        (
            "De bestuursovereenkomst die ingaat op 1 januari 2022 en eindigt op 31 december 2025.",
            ("2022-01-01", "2025-12-31", "dates"),
        ),
        (
            "Deze overeenkomst wordt gesloten voor een termijn van drie jaar die ingaat op 1 "
            "januari 2013.",
            ("2013-01-01", "2015-12-31", "term"),
        ),
        ("BESTUURSOVEREENKOMST VOOR DE PERIODE 2022-2025", ("2022-01-01", "2025-12-31", "years")),
    ],
)
def test_period_families(block: str, expected: tuple[str, str, str]) -> None:
    assert _period(block) == expected


def test_the_period_of_a_term_from_the_approving_decree() -> None:
    draft = read_document(FIXTURES / "term-decree-fr.txt")
    contract = draft.contract
    assert contract is not None
    assert contract.title.text() == (
        "Contrat d'administration entre l'Etat belge et l'Office national de sécurité sociale"
    )
    assert (contract.period.start, contract.period.end) == (
        dt.date(2016, 1, 1),
        dt.date(2018, 12, 31),
    )
    assert contract.id == "onss-2016-2018"
    assert [a.number for a in contract.articles] == ["1"]  # the decree's articles are not its own
    guess = draft.report.of_kind(FindingKind.GUESS)
    assert any("entry into force on 2016-01-01" in f.message for f in guess)


def test_a_term_without_its_first_day_is_a_guess_from_the_document_date() -> None:
    draft = read_document(FIXTURES / "term-unknown-fr.txt")
    contract = draft.contract
    assert contract is not None
    assert (contract.period.start, contract.period.end) == (
        dt.date(2010, 6, 14),
        dt.date(2015, 6, 13),
    )
    (guess,) = [f for f in draft.report.of_kind(FindingKind.GUESS) if "period" in f.message]
    assert "confirm it from the approving decree" in guess.message
    assert guess.text is not None
    assert "cinq ans" in guess.text
    footnotes = outline("14 JUIN 2010. - Quatrième contrat de gestion entre ...").footnotes
    assert footnotes == {}  # a title that begins with a date is not a footnote


def test_no_period_found_leaves_it_empty() -> None:
    draft = draft_of(
        """
        Entre l'Etat belge, représenté par Monsieur Jean DUPONT, Ministre des Pensions, et le
        Service fédéral des Pensions, représenté par Madame Sarah SCHEPERS, administratrice
        générale, il est convenu ce qui suit :
        Art. 1er. Le Service paie 95 % des pensions dans les 30 jours de la demande.
        """
    )
    assert draft.contract is None
    assert draft.missing == ["period: {start: YYYY-MM-DD, end: YYYY-MM-DD}"]
    assert draft.data["institution"]["code"] == "SFP"
    assert "period" not in draft.data
    assert any("no contract period found" in f.message for f in draft.report.findings)
    assert "# NOT FOUND in the document, to fill in: period" in draft.to_yaml()
    assert draft.report.of_kind(FindingKind.UNPLACED)  # its norm cannot be dated: reported


# ---- institution -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "code", "confidence"),
    [
        ("Entre l'Etat belge et l'Office national de l'Emploi, il est convenu :", "ONEM", "high"),
        (
            "Tussen de Belgische Staat en de Rijksdienst voor Sociale Zekerheid wordt "
            "overeengekomen:",
            "RSZ",
            "high",
        ),
        ("Zwischen dem belgischen Staat und dem Landesamt für Arbeitsbeschaffung", "LfA", "high"),
        ("BESTUURSOVEREENKOMST VAN HET RIZIV 2016-2018", "RIZIV", "medium"),
        ("Contrat d'administration de la CAPAC 2016-2018", "CAPAC", "medium"),
        ("Bestuursovereenkomst van de HVW 2016-2018", "HVW", "medium"),
        ("Contrat d'administration du SFP 2016-2018", "SFP", "medium"),
        ("Entre l'Etat belge et l'Agence fédérale des risques professionnels", "Fedris", "high"),
    ],
)
def test_institution_from_the_registry(block: str, code: str, confidence: str) -> None:
    found = identity_of(block).institution
    assert (found.code, found.confidence) == (code, confidence)
    assert found.in_registry


def test_an_acronym_only_in_the_body_is_low_confidence() -> None:
    found = identity_of("Le rapport est transmis. L'O.N.S.S. transmet le rapport.").institution
    assert (found.code, found.confidence) == ("ONSS", "low")


# ---- amendment ---------------------------------------------------------------------------


def test_an_avenant_amends_the_contract_whose_years_it_prints() -> None:
    draft = read_document(FIXTURES / "avenant-fr.txt")
    contract = draft.contract
    assert contract is not None
    assert (contract.kind.value, contract.amends, contract.id) == (
        "amendment",
        "bcss-2016-2018",
        "bcss-2019-2020",
    )
    assert "bcss-2016-2018" in {r.id for r in contract.references}


def test_an_aanpassing_amends_the_contract_whose_rank_it_prints() -> None:
    draft = read_document(FIXTURES / "aanpassing-nl.txt")
    contract = draft.contract
    assert contract is not None
    assert (contract.kind.value, contract.amends) == ("amendment", "rvp-contract-5")
    assert contract.institution.code == "RVP"
    assert contract.languages[0].value == "nl"


# ---- language ----------------------------------------------------------------------------


def test_a_version_side_by_side_reads_the_column_of_its_language() -> None:
    draft = read_document(FIXTURES / "side-by-side.txt")
    contract = draft.contract
    assert contract is not None
    assert [x.value for x in contract.languages] == ["fr", "nl"]
    assert contract.institution.code == "ONEM"
    assert [a.number for a in contract.articles] == ["1"]
    assert len(contract.articles[0].result_indicators) == 1


def test_a_french_then_dutch_document_is_bilingual_and_read_once() -> None:
    french = """
    Entre l'Etat belge, représenté par Monsieur Jean DUPONT, Ministre des Affaires sociales, et
    l'Office national des vacances annuelles, représenté par Monsieur Luc PIRET, administrateur
    général, il est convenu ce qui suit, pour la période du 1er janvier 2016 au 31 décembre 2018 :
    Art. 1er. L'Office paie le pécule dans les 15 jours ouvrables pour au moins 90 % des dossiers.
    Art. 2. L'Office remet un rapport pour le 30 juin 2017.
    """
    dutch = """
    Art. 1. De Rijksdienst betaalt het vakantiegeld binnen de 15 werkdagen in 90 % van de dossiers.
    Art. 2. De Rijksdienst bezorgt een verslag uiterlijk op 30 juni 2017.
    Art. 3. Deze overeenkomst is opgemaakt in het Nederlands en in het Frans, getekend te Brussel.
    """
    draft = draft_of(french + dutch)
    assert draft.contract is not None
    assert [x.value for x in draft.contract.languages] == ["fr", "nl"]
    assert [a.number for a in draft.contract.articles] == ["1", "2", "3"]
    repeated = draft.report.of_kind(FindingKind.REPEATED)
    assert [f.message.split()[1] for f in repeated] == ["1", "2"]


def test_signatures_for_each_party_on_the_signature_page() -> None:
    identity = identity_of(
        """
        Entre l'Etat belge et l'Office national des Pensions, il est convenu ce qui suit :

        1 Objet
        L'Office s'engage à payer les pensions à temps.

        Pour l'Etat belge :
        Le Ministre des Pensions,
        A. DUPONT
        Pour l'Office national des Pensions :
        L'Administrateur général,
        J. PEETERS
        """
    )
    state, institution = identity.parties.blocks
    assert state.signatories == [("A. DUPONT", "Ministre des Pensions")]
    assert institution.signatories == [("J. PEETERS", "Administrateur général")]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "Le contrat s'applique à partir du 1er janvier 2016 et jusqu'au 31 décembre 2018.",
            ("2016-01-01", "2018-12-31", "dates"),
        ),
        (
            "Le présent contrat entre en vigueur le 1er janvier 2017 et prend fin le 31 décembre "
            "2019.",
            ("2017-01-01", "2019-12-31", "dates"),
        ),
        (
            "Deze overeenkomst treedt in werking op 1 januari 2017 en eindigt op 31 december 2019.",
            ("2017-01-01", "2019-12-31", "dates"),
        ),
    ],
)
def test_more_period_forms(block: str, expected: tuple[str, str, str]) -> None:
    assert _period(block) == expected


def test_chapters_numbered_with_a_dot() -> None:
    draft = draft_of(
        """
        CONTRAT D'ADMINISTRATION 2016-2018
        OFFICE NATIONAL DE SECURITE SOCIALE

        Entre l'Etat belge, représenté par Monsieur Jean DUPONT, Ministre des Affaires sociales,
        et l'Office national de sécurité sociale, représenté par Monsieur Koen SNYERS,
        administrateur général, il est convenu ce qui suit :

        1. Missions

        L'Office perçoit les cotisations.

        2. Objectifs

        2.1. Perception

        L'Office traite 95 % des déclarations dans les 30 jours.

        2.2. Services en ligne

        Le portail sera rénové pour le 30 juin 2017.
        """
    )
    contract = draft.contract
    assert contract is not None
    assert contract.id == "onss-2016-2018"
    assert [c.number for c in contract.chapters] == ["1", "2", "2.1", "2.2"]
    assert [(a.number, len(a.result_indicators), len(a.actions)) for a in contract.articles] == [
        ("2.1", 1, 0),
        ("2.2", 0, 1),
    ]


def test_an_adaptation_without_an_end_runs_to_the_end_of_what_it_amends() -> None:
    draft = read_document(FIXTURES / "adaptation-fr.txt")
    contract = draft.contract
    assert contract is not None
    assert (contract.kind.value, contract.amends) == ("amendment", "bcss-2016-2022")
    assert (contract.period.start, contract.period.end) == (
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 31),
    )
    assert contract.title.text().startswith("Deuxième adaptation du cinquième contrat")
    (guess,) = [f for f in draft.report.of_kind(FindingKind.GUESS) if "amendment" in f.message]
    assert "prints no end" in guess.message


def test_the_state_named_in_a_sentence_is_no_party_block() -> None:
    identity = identity_of(
        """
        Art. 1er. L'Etat octroie à l'Office une subvention pour ses projets.
        Art. 2. L'Office national de l'Emploi transmet un rapport annuel.
        """
    )
    assert identity.parties.blocks == []
    assert identity.institution.code == "ONEM"


def test_an_aanhangsel_amends_the_contract_whose_years_it_prints() -> None:
    draft = draft_of(
        """
        Aanhangsel 2019-2020 bij de bestuursovereenkomst 2016-2018 van het RSVZ

        Tussen de Belgische Staat, vertegenwoordigd door de heer Denis DUCARME, Minister van
        Zelfstandigen, en het Rijksinstituut voor de Sociale Verzekeringen der Zelfstandigen,
        vertegenwoordigd door mevrouw Anne VANDERSTAPPEN, administrateur-generaal, wordt
        overeengekomen wat volgt, voor de periode van 1 januari 2019 tot en met 31 december 2020:

        1 Algemeen
        Dit aanhangsel verlengt de bestuursovereenkomst 2016-2018.
        """
    )
    contract = draft.contract
    assert contract is not None
    assert (contract.kind.value, contract.amends, contract.id) == (
        "amendment",
        "rsvz-2016-2018",
        "rsvz-2019-2020",
    )
    assert contract.title.text("nl").startswith("Aanhangsel 2019-2020")
