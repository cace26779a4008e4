"""Which institution a document is the contract of: the registry of names and acronyms
(`data/institutions.yaml`, FR/NL/DE) matched against the title and the party block.

A full name in the party block or the title is strong evidence; an acronym there is good
evidence; an acronym that is only frequent in the body is weak, and an institution named in the
party block but absent from the registry is taken from the text's own words with low confidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from pilotage.reading._source import Line

__all__ = ["InstitutionReading", "RegistryEntry", "fold", "identify_institution", "registry"]


@dataclass(frozen=True)
class RegistryEntry:
    code: str
    names: dict[str, tuple[str, ...]]
    acronyms: dict[str, tuple[str, ...]]
    former_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    former_acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def all_names(self) -> list[tuple[str, str]]:
        """(language, name), current names first."""
        out = [(lang, n) for lang, names in self.names.items() for n in names]
        return out + [(lang, n) for lang, names in self.former_names.items() for n in names]

    def all_acronyms(self) -> list[tuple[str, str]]:
        out = [(lang, a) for lang, acr in self.acronyms.items() for a in acr]
        return out + [(lang, a) for lang, acr in self.former_acronyms.items() for a in acr]


def _per_language(data: Any) -> dict[str, tuple[str, ...]]:
    return {str(k): tuple(str(x) for x in v) for k, v in (data or {}).items()}


@cache
def registry() -> tuple[RegistryEntry, ...]:
    """The institutions of `data/institutions.yaml`."""
    text = resources.files("pilotage.reading").joinpath("data/institutions.yaml").read_text("utf-8")
    out = []
    for item in yaml.safe_load(text)["institutions"]:
        former = item.get("former") or {}
        out.append(
            RegistryEntry(
                code=str(item["code"]),
                names=_per_language(item.get("names")),
                acronyms=_per_language(item.get("acronyms")),
                former_names=_per_language(former.get("names")),
                former_acronyms=_per_language(former.get("acronyms")),
            )
        )
    return tuple(out)


def fold(text: str) -> str:
    """Lower case, no accents, apostrophes and hyphens as spaces: names compare word by word."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    plain = re.sub(r"[’'`´\-–—/,.()«»\"“”]", " ", plain)
    return re.sub(r"\s+", " ", plain).strip()


def _undot(text: str) -> str:
    """ "O.N.S.S." -> "ONSS": dotted acronyms as the older Moniteur prints them."""
    return re.sub(r"\b(?:[A-Z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)


@dataclass
class InstitutionReading:
    """The institution read from a document, and how sure the reader is."""

    code: str | None
    name: str | None  # as the document prints it, when it does
    acronyms: dict[str, str]  # language -> acronym, from the registry
    names: dict[str, str]  # language -> name, from the registry
    confidence: str  # "high" | "medium" | "low"
    evidence: str
    line: Line | None = None
    in_registry: bool = True


@dataclass
class _Score:
    entry: RegistryEntry
    points: int = 0
    evidence: list[str] = field(default_factory=list)
    printed: str | None = None
    line: Line | None = None
    strength: int = 0  # 3: full name in party block or title, 2: acronym there, 1: body only
    former: bool = False  # it is named as it was called before


class _Text:
    """The lines a name is looked for in, folded once: each line with the next one joined."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        folded = [fold(x.text) for x in lines]
        self.windows = [(line, " ".join(folded[i : i + 2])) for i, line in enumerate(lines)]


@cache
def _names_pattern(code: str) -> re.Pattern[str]:
    entry = next(e for e in registry() if e.code == code)
    names = sorted({fold(n) for _, n in entry.all_names()}, key=len, reverse=True)
    return re.compile(rf"(?<![a-z])(?:{'|'.join(re.escape(n) for n in names)})(?![a-z])")


def _find_name(entry: RegistryEntry, text: _Text) -> tuple[str, Line, bool] | None:
    """The first line (or two joined) that prints one of the entry's names, and whether it is
    a name the institution had before."""
    current = {fold(n) for _, names in entry.names.items() for n in names}
    pattern = _names_pattern(entry.code)
    for line, window in text.windows:
        match = pattern.search(window)
        if match:
            return match.group(0), line, match.group(0) not in current
    return None


def _acronym_pattern(acronym: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])")


@cache
def _all_acronyms() -> re.Pattern[str]:
    words = sorted({a for e in registry() for _, a in e.all_acronyms()}, key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(a) for a in words)})(?![\w-])")


def _score(
    entry: RegistryEntry,
    title: _Text,
    parties: _Text,
    body: _Text,
    counts: Counter[str],
) -> _Score:
    score = _Score(entry)
    for place, text, weight in (("party block", parties, 6), ("title", title, 5)):
        found = _find_name(entry, text)
        if found:
            score.points += weight
            score.evidence.append(f"its name in the {place} (line {found[1].number})")
            score.line = score.line or found[1]
            score.strength = 3
            score.printed = score.printed or _printed_name(found[0], found[1], text.lines)
            score.former = score.former or found[2]
    for place, text in (("party block", parties), ("title", title)):
        plain = _undot(" ".join(x.text for x in text.lines))
        for _, acronym in entry.all_acronyms():
            if _acronym_pattern(acronym).search(plain):
                score.points += 3
                score.evidence.append(f"its acronym {acronym} in the {place}")
                score.strength = max(score.strength, 2)
                break
    named = _find_name(entry, body) if score.strength < 3 else None
    if named:
        score.points += 2
        score.evidence.append(f"its name in the text (line {named[1].number})")
        score.strength = max(score.strength, 1)
        score.line = score.line or named[1]
        score.printed = score.printed or _printed_name(named[0], named[1], body.lines)
        score.former = score.former or named[2]
    count = sum(counts[a] for a in {a for _, a in entry.all_acronyms()})
    if count:
        score.points += min(3, 1 + count // 10)
        score.evidence.append(f"its acronym {count} time(s) in the text")
        score.strength = max(score.strength, 1)
    return score


def _printed_name(folded: str, line: Line, lines: list[Line]) -> str | None:
    """The registry name as the document prints it (its case and accents), from its line."""
    start = lines.index(line)
    text = " ".join(x.text for x in lines[start : start + 2])
    # one character for one: the match's span in the plain text is its span in the printed one
    plain = "".join(unicodedata.normalize("NFKD", ch)[:1] for ch in text)
    pattern = r"[\s’'\-]+".join(re.escape(w) for w in folded.split())
    match = re.search(pattern, plain, re.IGNORECASE)
    return text[match.start() : match.end()] if match else None


def identify_institution(
    title: list[Line],
    parties: list[Line],
    body: list[Line],
    language: str,
    party_name: str | None = None,
    party_line: Line | None = None,
    short_name: str | None = None,
) -> InstitutionReading:
    """Match the registry; fall back on the institution named in the party block."""
    counts = Counter(_all_acronyms().findall(_undot(" ".join(x.text for x in body))))
    texts = (_Text(title), _Text(parties), _Text(body[:300]))
    scores = [_score(e, *texts, counts) for e in registry()]
    best = max(scores, key=lambda s: (s.strength, s.points), default=None)
    if best is not None and best.points and (best.strength >= 2 or party_name is None):
        entry = best.entry
        by_language = entry.former_acronyms if best.former else entry.acronyms
        acronyms = {lang: a[0] for lang, a in (by_language or entry.acronyms).items() if a}
        names = {lang: n[0] for lang, n in entry.names.items() if n}
        code = acronyms.get(language) or entry.code
        if " " in code:  # "SPF Sécurité sociale" names it; the registry's code is a code
            code = entry.code
        confidence = {3: "high", 2: "medium"}.get(best.strength, "low")
        return InstitutionReading(
            code=code,
            name=best.printed or names.get(language) or next(iter(names.values()), code),
            acronyms=acronyms,
            names=names,
            confidence=confidence,
            evidence=f"{entry.code} from the registry: " + ", ".join(best.evidence),
            line=best.line,
        )
    if party_name:
        code = _code_of(short_name or party_name)
        return InstitutionReading(
            code=code,
            name=party_name,
            acronyms={language: short_name} if short_name else {},
            names={language: party_name},
            confidence="low",
            evidence=f"{party_name!r} is named in the party block but is not in the registry of "
            "institutions; its code is made from the name the text gives it",
            line=party_line,
            in_registry=False,
        )
    return InstitutionReading(
        None, None, {}, {}, "low", "no institution of the registry and no party block found"
    )


def _code_of(name: str) -> str:
    """A code from the text's own short name: "(ONSS)" or "Belgocontrol" -> "BELGOCONTROL"."""
    acronym = re.search(r"\(([A-Z][A-Za-z0-9-]{1,15})\)", name)
    if acronym:
        return acronym.group(1)
    words = re.findall(r"[A-Za-zÀ-ÿ0-9]+", name)
    return "-".join(words[:3]).upper()[:40] or "INSTITUTION"
