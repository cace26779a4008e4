"""The public surface of pilotage.reading and the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import pilotage.reading
from pilotage.cli import main

from .conftest import INAMI, needs_seeds


def test_exported_names() -> None:
    assert pilotage.reading.__all__ == [
        "FAMILIES",
        "AccuracyReport",
        "DocumentReadError",
        "Draft",
        "Family",
        "Finding",
        "FindingKind",
        "Line",
        "ReviewReport",
        "Source",
        "accuracy",
        "build_draft",
        "load_source",
        "read_document",
        "source_from_text",
    ]
    for name in pilotage.reading.__all__:
        assert getattr(pilotage.reading, name) is not None


def test_import_document_writes_a_draft_when_the_period_is_missing(tmp_path: Path) -> None:
    document = tmp_path / "notes.txt"
    document.write_text(
        "L'Office national de l'Emploi s'engage à traiter 90 % des demandes dans les 30 jours.\n",
        encoding="utf-8",
    )
    draft = tmp_path / "d.yaml"
    result = CliRunner().invoke(
        main, ["contract", "import-document", str(document), "-o", str(draft)]
    )
    assert result.exit_code == 0, result.output
    assert "not found, left for you to fill in: period" in result.output
    text = draft.read_text(encoding="utf-8")
    assert "# NOT FOUND in the document, to fill in: period" in text
    assert "code: ONEM" in text
    check = CliRunner().invoke(main, ["contract", "check", str(draft)])
    assert check.exit_code != 0
    assert "period" in check.output


def test_only_an_unreadable_file_is_an_error(tmp_path: Path) -> None:
    document = tmp_path / "broken.pdf"
    document.write_bytes(b"not a pdf at all")
    result = CliRunner().invoke(
        main, ["contract", "import-document", str(document), "-o", str(tmp_path / "d.yaml")]
    )
    assert result.exit_code == 2
    assert "not a readable PDF" in result.output
    assert not (tmp_path / "d.yaml").exists()


@needs_seeds
def test_import_document_writes_the_draft_and_the_report(tmp_path: Path) -> None:
    draft, report = tmp_path / "draft.yaml", tmp_path / "review.json"
    result = CliRunner().invoke(
        main,
        ["contract", "import-document", str(INAMI), "-o", str(draft), "--report", str(report)],
    )
    assert result.exit_code == 0, result.output
    assert "30 articles, 66 actions, 11 continuous missions" in result.output
    check = CliRunner().invoke(main, ["contract", "check", str(draft)])
    assert check.exit_code == 0, check.output
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert {"impossible_date", "blank_cell"} <= {f["kind"] for f in findings}
    compared = CliRunner().invoke(
        main,
        [
            "contract",
            "import-document",
            str(INAMI),
            "-o",
            str(draft),
            "--compare",
            "inami-2013-2015",
        ],
    )
    assert compared.exit_code == 0, compared.output
    assert "deadlines: 66/66 (100.0%)" in compared.output
    assert "budget: 30/30 (100.0%)" in compared.output
