"""INAMI-style articles: number, title, origin, Intitulé, Cadre, Axes, Contexte, the
action-commitments with their deadlines, expected effects and external factors.

An article is a project when it carries those sections, or when it sits under a TITRE that
holds such articles (art. 29 "Veiller au bien-être ..." groups 29.1 and 29.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pilotage.reading._source import Line, join_lines

__all__ = ["ActionItem", "ArticleBlock", "TitleBlock", "read_articles", "split_items"]


@dataclass
class ActionItem:
    number: str  # "1", "1.a"
    text: str
    deadline: str | None
    line: Line


@dataclass
class ArticleBlock:
    number: str
    title: str
    line: Line
    titre: str | None
    origin: str | None = None
    origin_line: Line | None = None
    sections: dict[str, list[Line]] = field(default_factory=dict)
    section_lines: dict[str, Line] = field(default_factory=dict)
    actions: list[ActionItem] = field(default_factory=list)

    @property
    def is_project(self) -> bool:
        return bool(self.sections)


@dataclass
class TitleBlock:
    number: str  # "TITRE IV"
    title: str
    line: Line


_ARTICLE = re.compile(r"^(?:Article|Artikel)\s+(\d{1,3}(?:\.\d{1,2})?)(?:er)?\s*[.:-]?\s*(.*)$")
_TITRE = re.compile(r"^(?:TITRE|TITEL)\s+([IVXLC]+)\s*:\s*(.*)$")
_SECTIONS = {
    "intitule": re.compile(r"^(Intitulé|Libellé|Omschrijving|Benaming)\s*:?\s*$", re.IGNORECASE),
    "cadre": re.compile(r"^(?:Cadre|Kader)\s*:?\s*$", re.IGNORECASE),
    "axes": re.compile(r"^(?:Axes|Assen)\s*:?\s*$", re.IGNORECASE),
    "contexte": re.compile(r"^(Contexte|Context)\s*:?\s*$", re.IGNORECASE),
    "actions": re.compile(
        r"^(?:(?:Liste des\s+)?actions?\s*[-–]?\s*engagements|"
        r"(?:Lijst van de\s+)?acties?\s*[-–]?\s*verbintenissen)\s*:?\s*$",
        re.IGNORECASE,
    ),
    "effets": re.compile(r"^(?:Effets attendus|Verwachte effecten)\s*:?\s*$", re.IGNORECASE),
    "facteurs": re.compile(
        r"^(?:Facteurs (externes|d[’']environnement)|Externe factoren|Omgevingsfactoren)\s*:?\s*$",
        re.IGNORECASE,
    ),
}
_OPEN_END = re.compile(r"\b(de|des|du|la|le|les|et|à|en|dans|pour|sur|aux|au|avec|l’|d’)$", re.I)
_DEADLINE = re.compile(r"\b(?:Dates?[\s-]*limites?|Uiterste dat(?:um|a))\s*:", re.IGNORECASE)
_ITEM = re.compile(r"^(\d{1,2})[.)]\s+(.*)$")
_SUB = re.compile(r"^(?:([a-z])[.)]|[-–•])\s+(.*)$")


def _section_of(text: str) -> str | None:
    return next((name for name, rx in _SECTIONS.items() if rx.match(text)), None)


def split_items(lines: list[Line]) -> list[tuple[Line, str]]:
    """Dash or bullet items ("- Maîtrise des dépenses"), each joined over its wrapped lines."""
    items: list[tuple[Line, list[str]]] = []
    for line in lines:
        if line.blank:
            continue
        match = re.match(r"^[-–•]\s*(.*)$", line.text)
        if match or not items:
            items.append((line, [match.group(1) if match else line.text]))
        else:
            items[-1][1].append(line.text)
    return [(first, join_lines(parts)) for first, parts in items]


def _split_deadline(text: str) -> tuple[str, str | None]:
    match = _DEADLINE.search(text)
    if not match:
        return text, None
    return text[: match.start()].strip(), text[match.start() :].strip()


def _actions(lines: list[Line]) -> list[ActionItem]:
    """Numbered action-commitments; sub-items a., b. (or dashes with their own deadline)."""
    raw: list[tuple[str, Line, list[Line]]] = []
    closed = True
    for k, line in enumerate(lines):
        item = _ITEM.match(line.text)
        if item:
            raw.append((item.group(1), line, [line]))
            closed = False
            continue
        if not raw or closed:
            continue
        if line.blank:
            text = join_lines(x.text for x in raw[-1][2])
            following = next((x for x in lines[k + 1 :] if not x.blank), None)
            if (
                _DEADLINE.search(text)
                and re.search(r"([.;)]|\b\d{4})$", text)
                and following is not None
                and not _SUB.match(following.text)
                and not _DEADLINE.match(following.text)
            ):
                closed = True
            continue
        raw[-1][2].append(line)
    out: list[ActionItem] = []
    for number, first, item_lines in raw:
        head: list[str] = []
        subs: list[tuple[str | None, Line, list[str]]] = []
        for x in item_lines:
            text = _ITEM.sub(r"\2", x.text) if x is first else x.text
            sub = _SUB.match(text) if x is not first else None
            if sub:
                subs.append((sub.group(1), x, [sub.group(2)]))
            elif subs and not _DEADLINE.match(text):
                subs[-1][2].append(text)
            elif subs:
                subs.append((None, x, [text]))  # a deadline line closing the lettered list
            else:
                head.append(text)
        lettered = [s for s in subs if s[0]]
        dashed_with_dates = [s for s in subs if s[0] is None and _DEADLINE.search(" ".join(s[2]))]
        tail = next((s for s in subs if s[0] is None and _DEADLINE.match(s[2][0])), None)
        if lettered and len(lettered) >= 2:
            common = join_lines(tail[2]) if tail else None
            for letter, line, parts in lettered:
                text, own = _split_deadline(join_lines(parts))
                out.append(ActionItem(f"{number}.{letter}", text, own or common, line))
        elif len(dashed_with_dates) >= 2:
            for n, (_, line, parts) in enumerate(dashed_with_dates):
                text, own = _split_deadline(join_lines(parts))
                out.append(ActionItem(f"{number}.{chr(ord('a') + n)}", text, own, line))
        else:
            all_text = join_lines(
                [
                    *head,
                    *(
                        ("- " if s[0] is None and s is not tail else "") + " ".join(s[2])
                        for s in subs
                    ),
                ]
            )
            text, deadline = _split_deadline(all_text)
            out.append(ActionItem(number, text, deadline, first))
    return out


def read_articles(body: list[Line]) -> tuple[list[ArticleBlock], list[TitleBlock]]:
    articles: list[ArticleBlock] = []
    titres: list[TitleBlock] = []
    seen: set[str] = set()
    current_titre: str | None = None
    section: str | None = None
    i = 0
    while i < len(body):
        line = body[i]
        titre = _TITRE.match(line.text)
        if titre:
            parts = [titre.group(2)]
            following = body[i + 1] if i + 1 < len(body) else None
            if (
                following is not None
                and not following.blank
                and len(line.text) >= 60
                and not _ARTICLE.match(following.text)
                and not _TITRE.match(following.text)
            ):
                parts.append(body[i + 1].text)
                i += 1
            current_titre = f"TITRE {titre.group(1)}"
            titres.append(TitleBlock(current_titre, join_lines(parts), line))
            articles.append(ArticleBlock("", "", line, current_titre))  # closes the article
            section = None
            i += 1
            continue
        article = _ARTICLE.match(line.text)
        if article and article.group(1) not in seen:
            seen.add(article.group(1))
            parts = [article.group(2)]
            j = i + 1
            while (
                j < len(body)
                and not body[j].blank
                and (
                    body[j].text[:1].islower()
                    or len(body[j].text) < 45
                    or _OPEN_END.search(join_lines(parts))
                )
                and _section_of(body[j].text) is None
                and not _ARTICLE.match(body[j].text)
                and not _TITRE.match(body[j].text)
                and j - i <= 2
            ):
                parts.append(body[j].text)
                j += 1
            title = join_lines(parts).rstrip(". ")
            articles.append(ArticleBlock(article.group(1), title, line, current_titre))
            section = "origin"
            i = j
            continue
        if articles and articles[-1].number:
            current = articles[-1]
            name = _section_of(line.text)
            if name:
                section = name
                current.sections.setdefault(name, [])
                current.section_lines[name] = line
            elif section == "origin":
                if not line.blank:
                    if current.origin_line is None:
                        current.origin_line = line
                        current.origin = line.text
                    elif current.origin is not None and not current.origin.endswith("."):
                        current.origin = join_lines([current.origin, line.text])
            elif section:
                current.sections[section].append(line)
        i += 1
    articles = [a for a in articles if a.number]
    project_titres = {a.titre for a in articles if a.is_project}
    out: list[ArticleBlock] = []
    for a in articles:
        if a.is_project or (a.titre in project_titres and a.titre is not None):
            a.actions = _actions(a.sections.get("actions", []))
            if not a.is_project:
                a.origin = None
            out.append(a)
    return out, titres
