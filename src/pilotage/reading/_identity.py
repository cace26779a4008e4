"""The identity of the contract: title, language, parties, institution, period, amendment.

Each is read from the text's own words and says how surely; none stops the reading when it is
missing: the draft is written with what was found and the review report says what was not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pilotage.reading._basis import read_legal_basis
from pilotage.reading._dates import DATE_TEXT, find_dates
from pilotage.reading._decree import DATED_TITLE, Decree
from pilotage.reading._institutions import InstitutionReading, identify_institution
from pilotage.reading._language import LanguageReading, detect_language
from pilotage.reading._parties import Parties, read_parties
from pilotage.reading._period import PeriodReading, read_period
from pilotage.reading._report import FindingKind, ReviewReport
from pilotage.reading._source import Line

__all__ = ["Amendment", "Identity", "read_identity", "slug"]

_CONTRACT_WORDS = re.compile(
    r"contrat d['’]administration|contrat de gestion|bestuursovereenkomst|beheersovereenkomst|"
    r"beheerscontract|avenant|aanhangsel|addendum|Verwaltungsvertrag|Geschäftsführungsvertrag",
    re.IGNORECASE,
)
_AMENDMENT = re.compile(
    r"\bavenant\b|\badaptation (?:du|de l['’])|\bmodification (?:du|au|de l['’])|"
    r"\baanhangsel\b|\baddendum\b|\baanpassing van de\b|\bwijziging van de\b|"
    r"\bNachtrag\b|\bÄnderung des\b",
    re.IGNORECASE,
)
_BASE_YEARS = re.compile(
    r"(?:contrat d['’]administration|contrat de gestion|bestuursovereenkomst|"
    r"beheersovereenkomst|CA)\s*(?:[A-Za-zÀ-ÿ]+\s+)?(?:\(?[A-Z]{2,8}\)?\s+)?"
    r"(?P<a>(?:19|20)\d{2})\s*[-–/]\s*(?P<b>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_ORDINAL_WORDS = {
    "premier": 1, "deuxième": 2, "second": 2, "troisième": 3, "quatrième": 4, "cinquième": 5,
    "sixième": 6, "septième": 7, "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5,
    "zesde": 6, "zevende": 7, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5,
}  # fmt: skip
_BASE_ORDINAL = re.compile(
    rf"(?:adaptation|modification|aanpassing|wijziging|avenant|aanhangsel)\b.{{0,40}}?\b"
    rf"(?P<n>{'|'.join(_ORDINAL_WORDS)})\s+(?:contrat|bestuursovereenkomst|beheersovereenkomst"
    rf"|Vertrag)",
    re.IGNORECASE,
)
_NOTE = re.compile(r"\s*\((?:NOTE|NOTA|ANMERKUNG)\s*:.*$", re.IGNORECASE)
_SIGNED = re.compile(
    rf"^(?:Fait|Signé|Établi|Etabli|Opgemaakt|Gedaan|Ondertekend|Getekend|Geschehen|Unterzeichnet)"
    rf"\b.{{0,90}}?\s(?:à|te|in|zu)\s+(?P<place>[A-ZÀ-Ý][\w'’-]+)(?:\s*,?\s*(?:le|op|am|den)\s+"
    rf"(?P<date>{DATE_TEXT}))?",
    re.IGNORECASE,
)


def _signature(lines: list[Line]) -> tuple[str | None, dt.date | None, Line | None]:
    """ "Fait à Bruxelles, le 16 décembre 2022" / "Opgemaakt te Brussel op ...": place, day and
    the line that says so."""
    for line in reversed(lines[-200:]):
        match = _SIGNED.match(line.text)
        if match:
            found = find_dates(match.group("date") or "")
            return match.group("place"), found[0].date if found else None, line
    return None, None, None


@dataclass
class Amendment:
    years: tuple[int, int] | None  # of the contract it amends, when printed
    ordinal: int | None  # "la deuxième adaptation du cinquième contrat": 5
    printed: str
    line: Line | None


@dataclass
class Identity:
    decree: Decree
    language: LanguageReading
    parties: Parties
    institution: InstitutionReading
    period: PeriodReading | None
    title: str | None
    title_lines: list[Line]
    amendment: Amendment | None
    legal_basis: list[str]
    signed_at: str | None = None
    signed_on: dt.date | None = None
    signed_line: Line | None = None


def slug(text: str) -> str:
    plain = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return plain[:40] or "contract"


def _title(decree: Decree, lines: list[Line]) -> tuple[str | None, list[Line]]:
    """The document's title: the decree's or the dated title, else its first lines when they
    name the contract ("CONTRAT D'ADMINISTRATION ENTRE L'ETAT ET L'INSTITUT ...")."""
    if decree.present:
        # the annexed contract's own title, before its party block ("Troisième contrat
        # d'administration entre l'Etat belge et ..."), else the decree's
        own_lines = {id(x) for x in decree.lines}
        after = [x for x in lines if x.number >= decree.ends_at and id(x) not in own_lines]
        for line in after[:30]:
            if line is decree.title_line or DATED_TITLE.match(line.text):
                continue
            if _CONTRACT_WORDS.search(line.text) and not re.match(r"(?:Art|Vu|Gelet)\b", line.text):
                own = re.split(r"\s(?:Entre|Tussen|Zwischen)\b", line.text)[0]
                if len(own) <= 240:
                    return own.strip(" .:"), [line]
    if decree.title and decree.title_line is not None:
        return _NOTE.sub("", decree.title).strip(" .") or None, [decree.title_line]
    top: list[Line] = []
    for line in lines[:20]:
        if line.blank:
            continue
        match = DATED_TITLE.match(line.text)
        if match and not top:
            return _NOTE.sub("", match.group("title")).strip(" ."), [line]
        letters = [c for c in line.text if c.isalpha()]
        capitals = sum(c.isupper() for c in letters) / len(letters) if letters else 0
        if len(line.text) > 120 or len(top) >= 4 or (capitals < 0.7 and top):
            break
        if capitals < 0.7 and not _CONTRACT_WORDS.search(line.text):
            break
        top.append(line)
    text = " ".join(x.text for x in top)
    if top and _CONTRACT_WORDS.search(text):
        return text.strip(), top
    return None, []


def _amendment(
    title: str | None, head: list[Line], period: PeriodReading | None
) -> Amendment | None:
    own = (period.start.year, period.end.year) if period else None
    places: list[tuple[str, Line | None]] = [(title, None)] if title else []
    places += [(x.text, x) for x in head]
    text = " ".join(t for t, _ in places)
    if not _AMENDMENT.search(title or "") and not re.search(
        r"\bavenant\b|\baanhangsel\b|\baddendum\b", text, re.IGNORECASE
    ):
        return None
    years = None
    where: Line | None = None
    for place, line in places:
        for match in _BASE_YEARS.finditer(place):
            pair = (int(match.group("a")), int(match.group("b")))
            if pair != own:
                years, where = pair, line
                break
        if years:
            break
    ordinal_match = _BASE_ORDINAL.search(text)
    ordinal = _ORDINAL_WORDS.get(ordinal_match.group("n").lower()) if ordinal_match else None
    if years is None and ordinal is None and not _AMENDMENT.search(title or ""):
        return None
    printed = (ordinal_match.group(0) if ordinal_match else "") or (title or "")
    return Amendment(years, ordinal, printed.strip()[:200], where)


def read_identity(
    lines: list[Line], decree: Decree, report: ReviewReport, columns: list[str] | None = None
) -> Identity:
    """Everything that says which contract this is; `columns`: the languages of a version
    printed side by side, when the document is one."""
    language = detect_language(lines)
    if columns:
        language.primary, language.languages = columns[0], list(columns)
    title, title_lines = _title(decree, lines)
    parties = read_parties(lines, closing=lines[-120:])
    # the preamble: from the top to a little after the party block (the whole start if none)
    bound = parties.region[-1].number + 10 if parties.region else None
    head = [x for x in lines if x.number <= bound] if bound else lines[:150]
    base = _amendment(title, head[:200], None)
    effective = None
    if decree.effective and decree.effective_line is not None:
        effective = (decree.effective, decree.effective_line, decree.effective_printed or "")
    document_date = (decree.date, decree.title_line) if decree.date and decree.title_line else None
    period = read_period(
        lines,
        head,
        title,
        effective,
        document_date,
        base.years if base else None,
    )
    amendment = _amendment(title, head[:200], period) if base else None
    if period is None and amendment and amendment.years and effective:
        # an amendment that only says from when it applies runs to the end of what it amends
        first, where, printed = effective
        last = dt.date(amendment.years[1], 12, 31)
        if first <= last:
            period = PeriodReading(
                first,
                last,
                where,
                printed,
                "guess",
                "low",
                f"the amendment applies from {first.isoformat()} (line {where.number}) and "
                f"prints no end: the end of the contract it amends ({amendment.years[0]}-"
                f"{amendment.years[1]}) is taken",
            )
    institution_party = parties.of("institution")
    institution = identify_institution(
        title_lines,
        parties.region,
        lines,
        language.primary,
        institution_party.name if institution_party else None,
        institution_party.line if institution_party else None,
        parties.short_name,
    )
    legal_basis = read_legal_basis(head, decree.lines)
    _report_identity(report, language, institution, period, parties)
    signed_at, signed_on, signed_line = _signature(lines)
    return Identity(
        decree,
        language,
        parties,
        institution,
        period,
        title,
        title_lines,
        amendment,
        legal_basis,
        signed_at,
        signed_on,
        signed_line,
    )


def _report_identity(
    report: ReviewReport,
    language: LanguageReading,
    institution: InstitutionReading,
    period: PeriodReading | None,
    parties: Parties,
) -> None:
    report.identity = {
        "language": language.primary,
        "languages": language.languages,
        "language_confidence": language.confidence,
        "language_evidence": language.evidence,
        "institution": institution.code,
        "institution_confidence": institution.confidence,
        "institution_evidence": institution.evidence,
        "period": f"{period.start.isoformat()}..{period.end.isoformat()}" if period else None,
        "period_read_as": period.how if period else None,
        "period_printed": period.printed if period else None,
        "parties": [b.name for b in parties.blocks],
    }
    if language.confidence == "low":
        report.add(
            FindingKind.LOW_CONFIDENCE,
            f"the language ({language.primary}) is read on weak evidence: {language.evidence}",
        )
    if institution.code is None:
        report.add(
            FindingKind.MISSING,
            "no institution found: no name or acronym of the registry, no party block; set "
            "institution.code and institution.name",
        )
    elif institution.confidence != "high":
        line = institution.line
        report.add(
            FindingKind.LOW_CONFIDENCE,
            f"institution {institution.code} ({institution.confidence} confidence): "
            f"{institution.evidence}",
            line.number if line else None,
            line.page if line else None,
        )
    if period is None:
        report.add(
            FindingKind.MISSING,
            "no contract period found: no 'pour la période du ... au ...', 'voor de periode "
            "...', term with its first day, or year range naming the contract; set period "
            "{start, end} in the draft",
        )
    elif period.how in ("guess", "years") or period.note:
        line = period.line
        what = period.note or "only the years are printed: 1 January to 31 December assumed"
        report.add(
            FindingKind.GUESS,
            f"period {period.start.isoformat()}..{period.end.isoformat()}: {what}",
            line.number if line else None,
            line.page if line else None,
            period.printed,
        )
    if not parties.blocks:
        report.add(
            FindingKind.MISSING,
            "no party block ('Entre l'Etat belge ... et ...', 'Tussen de Belgische Staat ... "
            "en ...') was found",
        )
    for block in parties.blocks:
        if not block.signatories:
            report.add(
                FindingKind.MISSING,
                f"no named signatory for {block.name!r}"
                + (f" (represented by {block.represented_by!r})" if block.represented_by else "")
                + " (printed in columns, or on a signature page?)",
                block.line.number,
                block.line.page,
            )
