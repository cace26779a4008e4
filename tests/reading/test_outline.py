"""Chapters, lineage remarks and footnotes."""

from __future__ import annotations

from pilotage.contract import LineageKind
from pilotage.reading._lineage import References, remarks_of

from .conftest import outline

EXCERPT = """
 1 La gestion opérationnelle

 L'assujettissement et l'obligation de cotiser des 1.1
personnes physiques (VOB)

1.1.1 Assimilation d'études et de service militaire1

 Nouveau chapitre avec nouvelle tâche clé, ventilation de l'ancienne tâche clé VOB 2.

L'INASTI instruit aussi les demandes.

__

1 A partir de 2020, cette tâche clé relèvera de la compétence du service Pensions.
 1.1.2 Demandes d'information

 Voir chapitre 3.1.4 dans CA 2016-2018.
 Adaptation de la normalisation pour les objectifs opérationnels PEN 1-01, PEN 1-02 et

PEN 2-01.

__

2 Rekening houdend met het in productie gaan van de nieuwe informaticatoepassing Sequoia VOB op 1
januari 2020 zal de doelstelling VOB 1-01 niet gehaald worden voor het tweede semester van 2019.
2 Tâches de support
"""


def test_chapters_numbers_follow_each_other_and_titles_wrap() -> None:
    out = outline(EXCERPT)
    assert [(h.number, h.title) for h in out.headings] == [
        ("1", "La gestion opérationnelle"),
        ("1.1", "L'assujettissement et l'obligation de cotiser des personnes physiques (VOB)"),
        ("1.1.1", "Assimilation d'études et de service militaire"),
        ("1.1.2", "Demandes d'information"),
        ("2", "Tâches de support"),
    ]
    assert out.heading("1.1.1").refs == ["1"]  # type: ignore[union-attr]


def test_footnotes_leave_the_text_and_keep_their_language() -> None:
    out = outline(EXCERPT)
    assert sorted(out.footnotes) == ["1", "2"]
    assert out.footnotes["1"].language == "fr"
    assert out.footnotes["2"].language == "nl"
    assert out.footnotes["2"].text.endswith("tweede semester van 2019.")
    body = " ".join(x.text for x in out.body)
    assert "Rekening" not in body
    assert "A partir de 2020" not in body


def test_lineage_remarks_wrap_over_a_blank_line() -> None:
    out = outline(EXCERPT)
    remarks = [r.printed for r in out.heading("1.1.2").remarks]  # type: ignore[union-attr]
    assert remarks == [
        "Voir chapitre 3.1.4 dans CA 2016-2018.",
        "Adaptation de la normalisation pour les objectifs opérationnels PEN 1-01, PEN 1-02 et "
        "PEN 2-01.",
    ]


def test_remark_kinds_documents_and_codes() -> None:
    out = outline(EXCERPT)
    refs = References("INASTI")
    see, adapted = out.heading("1.1.2").remarks  # type: ignore[union-attr]
    (remark,) = remarks_of(see.printed, see.line, refs, None)
    assert remark.kind is LineageKind.SEE_CHAPTER
    assert remark.chapters == ["3.1.4"]
    assert remark.document == "inasti-2016-2018"
    (norm,) = remarks_of(adapted.printed, adapted.line, refs, None)
    assert norm.kind is LineageKind.ADAPTED_NORM
    assert norm.codes == ["PEN 1-01", "PEN 1-02", "PEN 2-01"]
    new = out.heading("1.1.1").remarks[0]  # type: ignore[union-attr]
    kinds = [r.kind for r in remarks_of(new.printed, new.line, refs, None)]
    assert kinds == [LineageKind.NEW, LineageKind.SPLIT_FROM]
    assert refs.found["inasti-2016-2018"].available is False
