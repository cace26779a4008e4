"""Budget tables, row by row and column by column; sums checked; blanks derived and flagged."""

from __future__ import annotations

from decimal import Decimal

from pilotage.reading import FindingKind, ReviewReport
from pilotage.reading._budget import read_budget, read_personnel_caps

from .conftest import outline

COLUMNS = """
7.3.10  Budget de gestion pour les années 2019 et 2020

Le budget de gestion de l’Institution pour les exercices 2019 et 2020 est établi comme suit :

Type de dépenses 2019 2020(1) (2)

Dépenses de personnel 55.603.297 55.603.297

Dépenses de fonctionnement

dont : Fonctionnement ordinaire

                Informatique

18.535.395

4.853.334

13.682.061

18.535.395

4.853.334

13.682.061

Dépenses de fonctionnement non-
limitatives

77.193 77.193

Total  74.215.885 74.215.885

(1) Pour l’exercice 2020 : calcul en prix de 2019
 (2) Cotisations au Pool des parastataux 43%

Conformément à l’article 5 §1 6° de l’AR du 3 avril 1997, le montant maximal des crédits de
personnel statutaire est fixé à 51.618.066 euros pour l’exercice 2019 et à 51.618.066 euros pour
l’exercice 2020,
"""

BLANK = """
Article 70. Le budget de gestion de l’institution pour les exercices 2013, 2014 et 2015, fixé
conformément à l’article 63, est établi comme suit :

In EUR 2013 2014(1) 2015(1)

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

Total  1.896.423 2.076.500 2.256.578
"""


def test_column_by_column_groups_and_a_wrapped_label() -> None:
    report = ReviewReport("x")
    table = read_budget(outline(COLUMNS).body, report)
    assert table is not None
    assert table.years == [2019, 2020]
    assert table.prices_of == {2020: 2019}
    shape = [(r.code, r.amounts[2019], [c.code for c in r.children]) for r in table.rows]
    assert shape == [
        ("personnel", Decimal(55603297), []),
        ("operating", Decimal(18535395), ["operating.ordinary", "operating.it"]),
        ("non_limitative", Decimal(77193), []),
    ]
    assert table.rows[2].label == "Dépenses de fonctionnement non-limitatives"
    assert table.total == {2019: Decimal(74215885), 2020: Decimal(74215885)}
    assert not report.findings
    caps, _ = read_personnel_caps(outline(COLUMNS).body)
    assert caps == {2019: Decimal(51618066), 2020: Decimal(51618066)}


def test_a_blank_cell_is_derived_and_flagged_and_a_wrong_total_reported() -> None:
    report = ReviewReport("x")
    table = read_budget(outline(BLANK).body, report)
    assert table is not None
    (investments,) = table.rows
    assert investments.amounts[2015] is None  # the draft keeps the blank; the report derives it
    assert [c.code for c in investments.children] == [
        "investments.it",
        "investments.movable",
        "investments.real_estate",
    ]
    (blank,) = report.of_kind(FindingKind.BLANK_CELL)
    assert "2015" in blank.message
    assert "2256577" in blank.message
    (wrong,) = report.of_kind(FindingKind.SUM_MISMATCH)
    assert "Total 2015: printed 2256578, its parts add up to 2256577" in wrong.message
