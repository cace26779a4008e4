"""The document's language: French, Dutch or German, or a bilingual document, with confidence.

Each line votes with its function words ("le", "des", "pour" / "het", "een", "voor" / "der",
"und", "für"); words that two languages share ("de", "en", "die") do not vote. A document is
bilingual when a second language holds a large share of the text (a French and a Dutch version
one after the other, or side by side), or when it says it was signed in both languages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pilotage.reading._source import Line

__all__ = ["LANGUAGES", "LanguageReading", "detect_language", "language_of", "one_column"]

LANGUAGES = ("fr", "nl", "de")

_VOTERS: dict[str, frozenset[str]] = {
    "fr": frozenset({
        "le", "la", "les", "des", "du", "est", "une", "pour", "dans", "sur", "qui", "au", "aux",
        "par", "avec", "sont", "cette", "ces", "leur", "être", "sera", "ou", "été", "ont", "peut",
        "son", "sa", "ses", "nous", "vous",
    }),
    "nl": frozenset({
        "het", "van", "een", "met", "zal", "werd", "voor", "op", "niet", "te", "zijn", "wordt",
        "worden", "deze", "dit", "bij", "aan", "om", "ook", "naar", "uit", "heeft", "hebben", "kan",
        "zullen", "door", "tot",
    }),
    "de": frozenset({
        "der", "das", "und", "ist", "für", "dem", "zu", "auf", "nicht", "eine", "wird", "sich",
        "mit", "von", "werden", "zur", "zum", "oder",
    }),
}  # fmt: skip
_WORD = re.compile(r"[a-zà-ÿ]+")
# "Signé en deux exemplaires (1 néerlandophone et 1 francophone)", "in het Nederlands en in het
# Frans": the contract exists in both languages even when this text is one of them.
_SIGNED_IN_BOTH = re.compile(
    r"(?:sign|fait|établi|exemplaire|opgemaakt|ondertekend|getekend|exemplar|gedaan)"
    r".{0,80}(?:n[ée]erlandophone.{0,40}francophone|francophone.{0,40}n[ée]erlandophone"
    r"|en fran[çc]ais et en n[ée]erlandais|en n[ée]erlandais et en fran[çc]ais"
    r"|in het (?:Nederlands|Frans) en in het (?:Frans|Nederlands)"
    r"|Nederlandstalig.{0,40}Franstalig|Franstalig.{0,40}Nederlandstalig)",
    re.IGNORECASE,
)


def _votes(text: str) -> Counter[str]:
    words = _WORD.findall(text.lower())
    return Counter({lang: sum(w in voters for w in words) for lang, voters in _VOTERS.items()})


def language_of(text: str, default: str = "fr") -> str:
    """The language most of a text's function words belong to; `default` on a tie."""
    votes = _votes(text)
    best = max(LANGUAGES, key=lambda lang: (votes[lang], lang == default))
    return best if votes[best] > votes[default] else default


@dataclass
class LanguageReading:
    """What the text is written in: `primary` first in `languages`; `shares` of the voting text."""

    primary: str
    languages: list[str]
    shares: dict[str, float]
    confidence: str  # "high" | "low"
    evidence: str
    signed_in_both: Line | None = None
    lines_by_language: dict[str, int] = field(default_factory=dict)

    @property
    def bilingual(self) -> bool:
        return len(self.languages) > 1


_COLUMNS = re.compile(r"\s\|\s")


def one_column(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """A version printed side by side ("FR text | NL text" on each line, as a bilingual view of
    the Moniteur belge prints it): the column of the language most of the text is in, and both
    languages; other documents are returned as they are."""
    split = [x for x in lines if not x.blank and len(_COLUMNS.split(x.text)) == 2]
    if len(split) < 0.3 * max(1, sum(1 for x in lines if not x.blank)):
        return lines, []
    left: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for x in split:
        a, b = _COLUMNS.split(x.text)
        left.update(_votes(a))
        right.update(_votes(b))
    first = max(LANGUAGES, key=lambda lang: left[lang])
    second = max(LANGUAGES, key=lambda lang: right[lang])
    if first == second:
        return lines, []
    side = 0 if sum(left.values()) >= sum(right.values()) else 1
    out = []
    for x in lines:
        parts = [p.strip(" |") for p in _COLUMNS.split(x.text)]
        text = parts[side] if len(parts) == 2 else x.text.strip(" |")
        out.append(Line(x.number, text, x.page, x.raw))
    return out, [first, second] if side == 0 else [second, first]


def detect_language(lines: Iterable[Line]) -> LanguageReading:
    """Vote line by line; a second language with a fifth of the text makes it bilingual."""
    per_line: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    signed: Line | None = None
    for line in lines:
        if line.blank:
            continue
        if signed is None and _SIGNED_IN_BOTH.search(line.text):
            signed = line
        votes = _votes(line.text)
        top = max(LANGUAGES, key=lambda lang: votes[lang])
        if votes[top] == 0:
            continue
        weight.update(votes)
        if sorted(votes.values())[-2] < votes[top]:
            per_line[top] += 1
    total = sum(weight.values())
    if total == 0:
        return LanguageReading(
            "fr",
            ["fr"],
            {},
            "low",
            "no French, Dutch or German function words: French assumed",
            signed,
        )
    shares = {lang: weight[lang] / total for lang in LANGUAGES if weight[lang]}
    ranked = sorted(shares, key=lambda lang: -shares[lang])
    primary = ranked[0]
    languages = [lang for lang in ranked if shares[lang] >= 0.2]
    if signed is not None:
        languages += [lang for lang in ("fr", "nl") if lang not in languages]
    confidence = "high" if total >= 40 and shares[primary] >= 0.6 else "low"
    if len([lang for lang in ranked if shares[lang] >= 0.2]) > 1:
        confidence = "high" if total >= 80 else "low"
    evidence = ", ".join(f"{lang} {shares[lang]:.0%}" for lang in ranked) + (
        f" of {total} function words"
    )
    return LanguageReading(primary, languages, shares, confidence, evidence, signed, dict(per_line))
