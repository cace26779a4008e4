"""The management budget as other contracts print it: one-year tables "(en milliers d'euros)",
spaces as thousands separators, later years given by a formula, Dutch categories, and amounts
in running text, French and Dutch."""

from __future__ import annotations

from decimal import Decimal

from pilotage.contract import BudgetCategory
from pilotage.reading import FindingKind, ReviewReport
from pilotage.reading._amounts import parse_amount, read_amount_facts
from pilotage.reading._budget import read_budget

from .conftest import draft_of, outline, text

PREAMBLE = """
Entre l'Etat belge, représenté par Monsieur Jean DUPONT, Ministre des Affaires sociales, et
l'Office national de l'Emploi, représenté par Monsieur Georges CARLENS, administrateur général,
il est convenu ce qui suit, pour la période du 1er janvier 2010 au 31 décembre 2012 :
"""


def test_a_one_year_table_in_thousands_of_euros() -> None:
    report = ReviewReport("excerpt.txt")
    table = read_budget(
        outline(
            """
            Budget de gestion (en milliers d'euros)
            Nature des dépenses 2010
            Dépenses de personnel 45 200
            Dépenses de fonctionnement 12 350
            Investissements 1 250
            Total 58 800
            Pour les années 2011 et 2012, les crédits sont adaptés à l'indice santé.
            """
        ).body,
        report,
    )
    assert table is not None
    assert table.years == [2010]
    assert [(r.category, r.amounts[2010]) for r in table.rows] == [
        (BudgetCategory.PERSONNEL, Decimal(45_200_000)),
        (BudgetCategory.OPERATING, Decimal(12_350_000)),
        (BudgetCategory.INVESTMENTS, Decimal(1_250_000)),
    ]
    assert table.total == {2010: Decimal(58_800_000)}
    assert not report.of_kind(FindingKind.SUM_MISMATCH)


def test_a_dutch_table_with_spaces_as_thousands_separators() -> None:
    report = ReviewReport("excerpt.txt")
    table = read_budget(
        outline(
            """
            Beheersbegroting
            Uitgaven 2016 2017 2018
            Personeelsuitgaven 55 603 297 55 603 297 56 100 000
            Werkingsuitgaven 18 535 395 18 535 395 18 600 000
            Totaal 74 138 692 74 138 692 74 700 000
            """
        ).body,
        report,
    )
    assert table is not None
    assert table.years == [2016, 2017, 2018]
    assert [r.category for r in table.rows] == [BudgetCategory.PERSONNEL, BudgetCategory.OPERATING]
    assert table.rows[0].amounts == {
        2016: Decimal(55_603_297),
        2017: Decimal(55_603_297),
        2018: Decimal(56_100_000),
    }
    assert not report.of_kind(FindingKind.SUM_MISMATCH)


def test_a_sentence_with_the_year_above_is_not_a_one_year_header() -> None:
    table = read_budget(
        text(
            """
            7.3 Budget de gestion pour les années 2019 et 2020
            Le budget est établi comme suit :
            """
        ).lines,
        ReviewReport("excerpt.txt"),
    )
    assert table is None


def test_amounts_as_printed() -> None:
    assert parse_amount("1.524.236", None) == Decimal(1_524_236)
    assert parse_amount("2,745", "millions") == Decimal(2_745_000)
    assert parse_amount("1 524 236", None) == Decimal(1_524_236)
    assert parse_amount("12,5", "miljoen") == Decimal(12_500_000)
    assert parse_amount("3", "milliards") == Decimal(3_000_000_000)


def test_amounts_in_sentences() -> None:
    (grant,) = read_amount_facts(
        "L'Etat octroie en 2011 une subvention de 2,745 millions d'euros.", []
    )
    assert (grant.amount, grant.label, grant.years, grant.allocation) == (
        Decimal(2_745_000),
        "subvention",
        [2011],
        True,
    )
    (yearly,) = read_amount_facts(
        "De Rijksdienst beschikt jaarlijks over een dotatie van EUR 5 miljoen.", []
    )
    assert (yearly.amount, yearly.label, yearly.years) == (Decimal(5_000_000), "dotatie", None)
    (threshold,) = read_amount_facts(
        "Une modification de plus de 10 millions euros requiert un échange de lettres.", []
    )
    assert not threshold.allocation


def test_a_budget_in_running_text_fr() -> None:
    draft = draft_of(
        PREAMBLE
        + """
        Art. 1er. L'Office dispose d'une enveloppe annuelle de 150 millions d'euros.
        Art. 2. L'Etat octroie à l'Office une subvention de 2,5 millions d'euros en 2011.
        Art. 3. Un montant de maximum 3 millions d'euros peut être alloué aux études.
        Art. 4. Une enveloppe de 20 millions d'euros est prévue pour les années du contrat.
        """
    )
    assert draft.contract is not None
    budget = draft.contract.budget
    assert budget is not None
    assert budget.years == [2010, 2011, 2012]
    amounts = [line.amounts for line in budget.lines]
    assert amounts == [
        {2010: Decimal(150_000_000), 2011: Decimal(150_000_000), 2012: Decimal(150_000_000)},
        {2010: None, 2011: Decimal(2_500_000), 2012: None},
    ]
    notes = [n.text() for n in budget.notes]
    assert len(notes) == 2
    assert notes[0].startswith("Un montant de maximum 3 millions")
    assert all(line.source is not None and line.source.line for line in budget.lines)


def test_a_budget_in_running_text_nl() -> None:
    draft = draft_of(
        """
        Tussen de Belgische Staat, vertegenwoordigd door de heer Jan PEETERS, Minister van Sociale
        Zaken, en de Rijksdienst voor Arbeidsvoorziening, vertegenwoordigd door de heer Georges
        CARLENS, administrateur-generaal, wordt overeengekomen wat volgt, voor de periode van
        1 januari 2016 tot en met 31 december 2018:
        Art. 1. De Rijksdienst beschikt over een beheersbegroting van 12.500.000 euro voor 2016.
        """
    )
    assert draft.contract is not None
    assert draft.contract.budget is not None
    (line,) = draft.contract.budget.lines
    assert line.amounts == {2016: Decimal(12_500_000)}
    assert line.label.nl is not None


def test_later_years_given_by_a_formula_are_blank_and_noted() -> None:
    draft = draft_of(
        PREAMBLE
        + """

        1 Budget

        Budget de gestion (en milliers d'euros)
        Nature des dépenses 2010
        Dépenses de personnel 45 200
        Dépenses de fonctionnement 12 350
        Total 57 550
        Pour les années 2011 et 2012, les crédits sont adaptés à l'indice santé.
        """
    )
    assert draft.contract is not None
    budget = draft.contract.budget
    assert budget is not None
    assert budget.years == [2010, 2011, 2012]
    assert budget.lines[0].amounts == {2010: Decimal(45_200_000), 2011: None, 2012: None}
    assert budget.total == {2010: Decimal(57_550_000), 2011: None, 2012: None}
    assert budget.notes[-1].text().startswith("Pour les années 2011 et 2012")
    (missing,) = [f for f in draft.report.of_kind(FindingKind.MISSING) if "formula" in f.message]
    assert "2011-2012 follow the formula" in missing.message
