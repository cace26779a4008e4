"""Reading a contract document into a draft contract file, with provenance and coverage.

`read_document(path)` reads a text, PDF or DOCX contract document (any Belgian management
contract, in French, Dutch or both: the seeds' numbered form or the Moniteur belge's) and
returns a `Draft`: the contract data (every element with its `source: {line, page}` in the
document) and the `ReviewReport` of everything a human must look at. It never stops because
an element is missing: a draft without a period or an institution is written without them
(`Draft.contract` is then None and `Draft.missing` says what to fill in). `accuracy(draft,
seed)` compares a draft with a hand-encoded contract on objectives, norms, action deadlines
and budget figures.

Small private modules, one per construct of the documents:

    _source     pages, running headers and footers, hyphenation, wrapped lines (txt/pdf/docx)
    _passage    paragraphs and sentences that remember their lines
    _language   French, Dutch, German; a bilingual document; versions side by side
    _decree     the approving royal decree around the annexed contract, its entry into force
    _identity   title, parties, period, institution, amendment, signature place and day
    _parties    the party block; _signatures the signatories in its forms
    _period     the contract's period from the text's own words
    _institutions  the registry (data/institutions.yaml) matched against title and parties
    _basis      the legal basis
    _dates      dates and durations in running text
    _outline    numbered chapters, lineage remarks, footnotes
    _structure  TITRE / CHAPITRE / Section / Art. N (and their Dutch words), repeated articles
    _lineage    lineage remarks and the earlier contracts they name
    _keytasks   "Tâche clé / Objectif(s) opérationnel(s) / Indicateur(s)" blocks (FR, NL)
    _norms      norm tables "TC Description OO T (d) %" and their hard cells
    _services   services, key tasks, objectives, indicators and norms from the two above
    _articles   project articles with their sections and action-commitments
    _projects   projects, continuous missions and the budget table as contract elements
    _deadlines  deadlines through the legal-time parser, printed text kept
    _missions   the continuous-missions table
    _targets    norms stated in sentences; _year_tables targets per year in a table
    _due        deadlines stated in words, resolved against the period
    _amounts    amounts of money in sentences; _running_budget the budget they give
    _budget     budget tables, sums checked, blank cells derived; statutory personnel caps
    _carriers   where the facts read in sentences go (articles, chapters, common commitments)
    _coverage   facts per chapter, paragraphs that print a figure and gave no fact
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
