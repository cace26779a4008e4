"""Reading the official contract document into a draft contract file, with provenance.

`read_document(path)` reads a text, PDF or DOCX contract document and returns a `Draft`: the
contract data (every element with its `source: {line, page}` in the document) and the
`ReviewReport` of everything a human must look at (impossible dates, sums that do not add up,
footnotes in another language, rows that did not parse). `accuracy(draft, seed)` compares a
draft with a hand-encoded contract on objectives, norms, action deadlines and budget figures.

Small private modules, one per construct of the documents:

    _source     pages, running headers and footers, hyphenation, wrapped lines (txt/pdf/docx)
    _outline    numbered chapters, lineage remarks, footnotes
    _lineage    lineage remarks and the earlier contracts they name
    _keytasks   "Tâche clé / Objectif(s) opérationnel(s) / Indicateur(s)" blocks
    _norms      norm tables "TC Description OO T (d) %" and their hard cells
    _services   services, key tasks, objectives, indicators and norms from the two above
    _articles   INAMI articles with their sections and action-commitments
    _deadlines  deadlines through the legal-time parser, printed text kept
    _missions   the continuous-missions table (INAMI art. 36)
    _budget     budget tables, sums checked, blank cells derived; statutory personnel caps
    _parties    parties, signatories, period, institution
    _report     the review report
    _draft      the draft builder
    _accuracy   the comparison with a hand-encoded contract
"""

from __future__ import annotations

from pilotage.reading._accuracy import FAMILIES, AccuracyReport, Family, accuracy
from pilotage.reading._draft import Draft, build_draft, read_document
from pilotage.reading._report import Finding, FindingKind, ReviewReport
from pilotage.reading._source import (
    DocumentReadError,
    Line,
    Source,
    load_source,
    source_from_text,
)

__all__ = [
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
