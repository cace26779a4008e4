"""Who signs for a party, in the forms contracts print it.

    − Monsieur Denis DUCARME, Ministre des Classes moyennes, ...        (dash items)
    représenté par Monsieur Frank Vandenbroucke, ... et par madame Delphine Moralis, en sa
    qualité de présidente du conseil d'administration                      (running text)
    vertegenwoordigd door de heer Jan Peeters, minister van Pensioenen, en mevrouw ...
    Le Ministre des Pensions, A. DUPONT                                    (function first)
    Laurette Onkelinx      Philippe Courard                               (names in columns,
    Ministre des Affaires sociales     Secrétaire d'Etat ...               functions below)

A name is what follows a civility ("Monsieur", "madame", "de heer", "mevrouw", "Herr", "Frau")
up to its comma, whatever its case; without a civility, capitalised words or initials.
"""

from __future__ import annotations

import re

from pilotage.reading._source import Line, join_lines

__all__ = [
    "column_signatories",
    "dash_items",
    "function_first_signatories",
    "item_signatories",
    "running_signatories",
]

Signatories = list[tuple[str, str]]  # (name, function)

_PERSON = re.compile(
    r"(?:Monsieur|Madame)\s+((?:[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*\s+)+"
    r"[A-ZÀ-Ý][A-ZÀ-Ý'-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'-]+)*)\b"
)


def dash_items(lines: list[Line]) -> list[str]:
    """The dash or bullet items of a block, each joined over its wrapped lines."""
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


def item_signatories(items: list[str]) -> Signatories:
    """ "Monsieur Philippe DODRIMONT, président, Madame ... et Madame ..., vice-présidents"."""
    out: Signatories = []
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


_CIVILITY = re.compile(
    r"(?<![\w'])(?:Monsieur|Madame|Mademoiselle|Mevrouw|Herr|Frau|[Dd]e [Hh]eer|M\.|Mme|MM\.)"
    r"(?=\s)|(?<![\w'])(?:monsieur|madame|mevrouw|herr|frau)(?=\s)"
)
_NAME_STOP = re.compile(
    r",|;|\(|\s(?:et|en|und|en sa qualité|in zijn hoedanigheid|in haar hoedanigheid|"
    r"d['’]une part|d['’]autre part|enerzijds|anderzijds)\b"
)
_PARTICLE = r"(?:de|van|der|den|le|la|du|d'|von|vanden|vander|ten|ter|di|da|del|della)"
_NAME_TOKEN = re.compile(
    rf"^(?:[A-ZÀ-Ý]\.(?:-[A-ZÀ-Ý]\.)?|[A-ZÀ-Ýa-zà-ÿ][\w'’-]*|{_PARTICLE})$", re.IGNORECASE
)
_QUALITY = re.compile(
    r"^\s*,?\s*(?:en sa qualité d[e']|in zijn hoedanigheid van|in haar hoedanigheid van|"
    r"als|in seiner Eigenschaft als|in ihrer Eigenschaft als)\s*"
)
_FUNCTION_STOP = re.compile(
    r"[;]|,?\s*(?:d['’]une part|d['’]autre part|enerzijds|anderzijds|et,\s*d['’]autre part"
    r"|dénommée?s? ci-après|ci-après dénommée?s?|hierna genoemd|hierna\s+[«\"])",
    re.IGNORECASE,
)


def _name(text: str) -> str | None:
    """The name at the start of `text` (after a civility): 1 to 6 name-like words."""
    stop = _NAME_STOP.search(text)
    words = (text[: stop.start()] if stop else text).split()
    if not 1 <= len(words) <= 6 or not all(_NAME_TOKEN.match(w) for w in words):
        return None
    if len(words) == 1 and not words[0][:1].isupper():
        return None
    return " ".join(words)


def running_signatories(text: str) -> Signatories:
    """Civility, name and function in running text, as many as the text names."""
    marks = list(_CIVILITY.finditer(text))
    out: Signatories = []
    for k, mark in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        rest = text[mark.end() : stop].strip()
        name = _name(rest)
        if name is None:
            continue
        after = rest[len(name) :]
        if re.match(r"\s*,?\s*(?:et|en|und)\s+(?:par|door|durch)\b", after):
            after = ""  # "..., et par la Ministre du Budget, madame ...": the next one's function
        after = _QUALITY.sub("", after)
        after = after.lstrip(" ,:")
        end = _FUNCTION_STOP.search(after)
        function = after[: end.start()] if end else after
        function = re.sub(
            r"[\s,;]*(?:\b(?:et|en|und)\s*(?:par|door|durch)?)?[\s,;.]*$", "", function
        )
        function = re.sub(r"^(?:et|en|und)\s+(?:par|door)\s+", "", function).strip(" ,")
        if not function:
            before = _FUNCTION_BEFORE.search(text[max(0, mark.start() - 240) : mark.start()])
            function = before.group("f").strip() if before else ""
        out.append((name, function[:1].upper() + function[1:] if function else ""))
    return out


# "représenté par le Ministre de la Coopération, Monsieur X": the function before the name
_FUNCTION_BEFORE = re.compile(
    r"(?:(?:représentée?|vertegenwoordigd|vertreten)\s+)?(?:par|door|durch)\s+(?:le |la |l['’]|de |"
    r"het |den |die )?(?P<f>[^,;]{3,200}?)\s*,\s*$"
)


_FUNCTION_FIRST = re.compile(
    r"(?P<f>(?:Le|La|De|Die|Der|L['’])\s*(?:Vice-Premier Ministre|Vice-eersteminister|Premier "
    r"Ministre|Eerste Minister|Ministre|Minister|Ministerin|Secrétaire d['’]Etat|Staatssecretaris|"
    r"Administrat(?:eur|rice)[- ]g[ée]n[ée]ral(?:e)?(?: adjointe?)?|Administrateur-generaal|"
    r"Adjunct-administrateur-generaal|Président(?:e)?|Voorzitter|Directeur général|Directrice "
    r"générale|Directeur-generaal)\b[^,\n]{0,160}?),\s*"
    r"(?P<n>(?:[A-ZÀ-Ý]\.[ \t]*(?:-[ \t]*[A-ZÀ-Ý]\.[ \t]*)?)+"
    r"[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)*|[A-ZÀ-Ý][a-zà-ÿ]+(?:[ \t-]+(?:"
    rf"{_PARTICLE}[ \t]+)?[A-ZÀ-Ý][\w'’-]+)+)",
)


def function_first_signatories(lines: list[Line]) -> Signatories:
    """ "Le Ministre des Pensions, A. DUPONT", the name on the same line or the next one."""
    out: Signatories = []
    text = "\n".join(x.text for x in lines if not x.blank)
    text = re.sub(r",\s*\n", ", ", text)
    for match in _FUNCTION_FIRST.finditer(text):
        function = re.sub(r"^(?:Le|La|De|Die|Der|L['’])\s*", "", match.group("f")).strip()
        out.append((match.group("n").strip(), function[:1].upper() + function[1:]))
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


def column_signatories(lines: list[Line]) -> Signatories:
    """Signatures printed in columns: a line of names, then their functions below each name."""
    out: Signatories = []
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
