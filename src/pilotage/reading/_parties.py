"""Parties, signatories, period, institution and kind of the contract (its preamble)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from pilotage.reading._norms import MONTHS
from pilotage.reading._source import Line, join_lines

__all__ = ["PartyBlock", "Preamble", "read_preamble"]


@dataclass
class PartyBlock:
    role: str  # "state" | "institution"
    name: str
    line: Line
    signatories: list[tuple[str, str]] = field(default_factory=list)  # (name, function)


@dataclass
class Preamble:
    institution: str | None
    institution_name: str | None
    seat: str | None
    period: tuple[dt.date, dt.date] | None
    period_line: Line | None
    amends: tuple[int, int] | None
    parties: list[PartyBlock]
    bilingual: bool
    legal_basis: list[str] = field(default_factory=list)


_PERIOD = re.compile(
    r"pour la période du\s+(\d{1,2})(?:er)?\s+(\w+)\s+(\d{4})\s+au\s+(\d{1,2})\s+(\w+)\s+(\d{4})",
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"(?:Monsieur|Madame)\s+((?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*\s+)+"
    r"[A-ZÀ-Ý][A-ZÀ-Ý'-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'-]+)*)\b"
)


def _date(day: str, month: str, year: str) -> dt.date | None:
    number = MONTHS.get(month.lower())
    return dt.date(int(year), number, int(day)) if number else None


def _items(lines: list[Line]) -> list[str]:
    items: list[list[str]] = []
    for line in lines:
        if line.blank:
            continue
        match = re.match(r"^[-−–•]\s*(.*)$", line.text)
        if match:
            items.append([match.group(1)])
        elif items:
            items[-1].append(line.text)
    return [join_lines(x) for x in items]


def _signatories(items: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in items:
        people = list(_PERSON.finditer(item))
        functions: list[str] = []
        for k, person in enumerate(people):
            stop = people[k + 1].start() if k + 1 < len(people) else len(item)
            text = item[person.end() : stop]
            text = re.split(r"\bet,\s*d'autre part", text)[0]
            text = re.sub(r"^[\s,;]*(et\b)?[\s,;]*|[\s,;]*(\bet)?[\s,;:]*$", "", text)
            functions.append(text.strip())
        for k, person in enumerate(people):
            function = functions[k] or next((f for f in functions[k + 1 :] if f), "")
            out.append((person.group(1), function))
    return out


_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*"
_NAME = re.compile(rf"^(?:{_NAME_WORD}|De|Van|Den|Le|Du|Di)(?: (?:{_NAME_WORD}|De|Van|Den|Le))+$")
_PARTICLES = {"De", "Van", "Den", "Le", "Du", "Di"}


def _segments(line: Line) -> list[tuple[int, str]]:
    """The columns of a line printed in two columns: (start position, text)."""
    raw = line.raw.rstrip()
    return [(m.start(), m.group(0).strip()) for m in re.finditer(r"\S+(?: {1,2}\S+)*", raw)]


def _split_names(text: str, count: int) -> list[str]:
    """ "Johan De Cock Benoît Collin" printed as one run: two names, none ending on a particle."""
    words = text.split()
    if count != 2:
        return [text]
    for cut in range(2, len(words) - 1):
        first, second = words[:cut], words[cut:]
        plausible = first[-1] not in _PARTICLES and second[0] not in _PARTICLES
        if plausible and len(second) >= 2 and (len(first) >= 3 or len(second) == 2):
            return [" ".join(first), " ".join(second)]
    return [text]


def _party_end(lines: list[Line]) -> int:
    """Where a party's signature block ends: at "et", the next party or the first title."""
    for k, line in enumerate(lines):
        if line.text in {"et", "et,"} or re.match(r"^(TITRE|Article|- l)", line.text):
            return k
    return len(lines)


def _column_signatories(lines: list[Line]) -> list[tuple[str, str]]:
    """Signatures printed in columns: a line of names, then their functions below each name."""
    out: list[tuple[str, str]] = []
    names: list[tuple[int, str]] = []
    functions: list[list[str]] = []
    default = ""

    def flush() -> None:
        for (_, name), parts in zip(names, functions, strict=True):
            out.append((name, join_lines(parts) or default))

    for k, line in enumerate(lines):
        if line.blank:
            continue
        segments = _segments(line)
        texts = [t for _, t in segments]
        if all(_NAME.match(t) for t in texts):
            flush()
            if len(texts) == 1 and len(texts[0].split()) >= 4:
                below = next((x for x in lines[k + 1 :] if not x.blank), None)
                count = len(_segments(below)) if below else 1
                starts = [p for p, _ in _segments(below)] if below else [segments[0][0]]
                texts = _split_names(texts[0], count)
                segments = list(zip(starts[: len(texts)], texts, strict=False))
            names = list(segments)
            functions = [[] for _ in names]
            continue
        if line.text.endswith(":"):
            flush()
            names, functions = [], []
            plural = re.sub(r"^Les (\w+)s (\w+)s", r"\1 \2", line.text.rstrip(": "))
            default = plural[:1].upper() + plural[1:]
            continue
        if not names:
            continue
        for position, text in segments:
            column = min(range(len(names)), key=lambda c: abs(names[c][0] - position))
            if len(segments) == 1 and len(names) == 2 and position >= 4:
                column = 1 if position > names[0][0] + 2 else column
            functions[column].append(text)
    flush()
    return out


def _legal_basis(lines: list[Line]) -> list[str]:
    """ "en exécution de l'arrêté royal du ..., en application de l'article 47 de la loi du ...,
    confirmé par l'article 3 de la loi du ..." -> one entry per act."""
    for i, line in enumerate(lines):
        if not re.match(r"^en exécution de", line.text, re.IGNORECASE):
            continue
        parts: list[str] = []
        for x in lines[i:]:
            if x.blank and parts:
                break
            parts.append(x.text)
        sentence = re.sub(r"^en exécution de\s+", "", join_lines(parts), flags=re.IGNORECASE)
        sentence = re.split(r",?\s+(?:et\s*)?$|,\s+convenu|,\s*$", sentence)[0]
        acts = re.split(
            r"(?:,\s+|\s+et\s+)(?:et\s+)?(?:en application de|confirmé par)\s+", sentence
        )
        acts = [re.sub(r"^(?:et\s+)?(?:de\s+)?l[’']", "", a).strip(" ,;") for a in acts]
        return [a[:1].upper() + a[1:] for a in acts if a]
    return []


def read_preamble(lines: list[Line]) -> Preamble:
    head = lines[:400]
    words = Counter(
        w for x in lines for w in re.findall(r"\b[A-Z]{4,7}\b", x.text) if w not in {"TITRE"}
    )
    institution = words.most_common(1)[0][0] if words else None
    period = None
    period_line = None
    end = len(head)
    for i, line in enumerate(head):
        match = _PERIOD.search(join_lines(x.text for x in head[i : i + 2]))
        if match:
            first = _date(*match.group(1, 2, 3))
            last = _date(*match.group(4, 5, 6))
            if first and last:
                period, period_line, end = (first, last), line, i
                break
    text = join_lines(x.text for x in head[: end + 2])
    amends = None
    if re.search(r"\bavenant\b", text, re.IGNORECASE) and period:
        for y1, y2 in re.findall(r"contrat d'administration (\d{4})-(\d{4})", text, re.I):
            if (int(y1), int(y2)) != (period[0].year, period[1].year):
                amends = (int(y1), int(y2))
                break
    parties: list[PartyBlock] = []
    state_at = next((i for i, x in enumerate(head) if re.search(r"l'Etat belge", x.text)), None)
    inst_at = next(
        (i for i, x in enumerate(head) if re.match(r"^(?:-\s*)?l[’']Institut", x.text)),
        None,
    )
    seat = None
    institution_name = None
    if state_at is not None:
        stop = inst_at if inst_at is not None and inst_at > state_at else state_at + 20
        block_lines = head[state_at + 1 : stop]
        signatories = _signatories(_items(block_lines))
        if not signatories:
            signatories = _column_signatories(block_lines[: _party_end(block_lines)])
        parties.append(PartyBlock("state", "l'Etat belge", head[state_at], signatories))
    if inst_at is not None:
        block = head[inst_at : max(inst_at + 1, end if end > inst_at else inst_at + 30)]
        opening = join_lines(x.text for x in head[inst_at : inst_at + 3])
        name_match = re.match(r"^(?:-\s*)?(l[’']Institut[^,]+)", opening)
        institution_name = name_match.group(1).strip() if name_match else None
        seat_match = re.search(r"siège à\s+([^,]+,\s*[^,]+)", opening)
        seat = seat_match.group(1).strip() if seat_match else None
        parties.append(
            PartyBlock(
                "institution",
                institution_name or "l'Institut",
                head[inst_at],
                _signatories(_items(block[1:]))
                or _column_signatories(
                    head[inst_at + 1 : inst_at + 1 + _party_end(head[inst_at + 1 : inst_at + 80])]
                ),
            )
        )
    bilingual = any("néerlandophone" in x.text for x in lines)
    return Preamble(
        institution,
        institution_name,
        seat,
        period,
        period_line,
        amends,
        parties,
        bilingual,
        _legal_basis(head[: end + 1]),
    )
