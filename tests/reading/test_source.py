"""Source normalisation: running footers, pages, hyphenation, soft hyphens."""

from __future__ import annotations

import pytest

from pilotage.reading import DocumentReadError, load_source, source_from_text
from pilotage.reading._source import join_lines

from .conftest import text


def test_running_footers_are_dropped_and_give_the_page() -> None:
    source = text(
        """
        first line
        Une administration moderne, un service de qualité  Page 24/65
        on page 25
        INAMI/BO-CA_4 BO_Final_130222_versie 2_FR.doc       25/120
        after the last footer
        """
    )
    assert [x.text for x in source.lines] == ["first line", "on page 25", "after the last footer"]
    assert [x.number for x in source.lines] == [1, 3, 5]
    # only a line between two consecutive footers has a known page
    assert [x.page for x in source.lines] == [None, 25, None]
    assert [x.number for x in source.dropped] == [2, 4]


def test_form_feeds_are_pages() -> None:
    source = source_from_text("a\nb\fc")
    assert [(x.text, x.page) for x in source.lines] == [("a", 1), ("b", 1), ("c", 2)]


def test_wrapped_lines_join_and_compounds_keep_their_hyphen() -> None:
    assert join_lines(["Octroi des titres-", "services après ", "", "accouchement"]) == (
        "Octroi des titres-services après accouchement"
    )
    assert join_lines(["Dépenses de fonctionnement non-", "limitatives"]).endswith(
        "non-limitatives"
    )


def test_a_word_broken_at_the_line_end_is_mended_when_the_document_knows_it() -> None:
    source = source_from_text(
        "Le contrat d'adminis-\ntration est signé.\nLes titres-\nservices et le contrat "
        "d'administration, les titres-services."
    )
    assert [x.text for x in source.lines] == [
        "Le contrat d'administration",
        "est signé.",
        "Les titres-",  # a compound the document prints whole with its hyphen
        "services et le contrat d'administration, les titres-services.",
    ]


def test_soft_hyphens_and_private_bullets_vanish() -> None:
    source = source_from_text("adminis\u00adtration\n\uf0e0 Voir chapitre 3.1.1")
    assert [x.text for x in source.lines] == ["administration", "Voir chapitre 3.1.1"]


def test_unknown_type_is_a_clear_error(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "contract.odt"  # type: ignore[operator]
    path.write_text("x")
    with pytest.raises(DocumentReadError, match=r"unknown document type '\.odt'"):
        load_source(path)
